"""The leak audit: kinds of identifiers left in curated rows, never their text."""

from __future__ import annotations

from datetime import date

import pytest
from imr_lake.deid import LIMITED_DATA_SET, audit_document, to_curated
from imr_lake.model import ParsedLetter, TreatmentItem

KEY = b"unit-test-key-0123456789abcdef"


def letter() -> ParsedLetter:
    return ParsedLetter(
        layout="header_table",
        case_number="CM13-0012345",
        claim_number="AW-11198910",
        decision_date=date(2013, 9, 1),
        injury_date=date(2011, 7, 14),
        clinical_summary="Seen by Dr. Denise Hughes on 06/25/2013 for low back pain.",
        treatments=[TreatmentItem(1, "Physical therapy 2x4 for the lumbar spine", "Upheld")],
        known_names=["Michael Rogers"],
    )


def rows(policy: str = "safe_harbor") -> tuple[dict, list[dict]]:
    return to_curated(
        letter(), sha256="cd" * 32, key=KEY, run_id="scheduled__2026-11-27", policy=policy
    )


def test_clean_document_passes() -> None:
    determination, treatments = rows()
    assert audit_document(determination, treatments, letter()) == []


@pytest.mark.parametrize(
    ("field", "value", "kinds"),
    [
        ("clinical_summary", "Hughes agreed.", ["letter_person"]),  # a name found in the letter
        # a known name in capitals (also a place in the gazetteer: Rogers, Arkansas)
        ("clinical_summary", "ROGERS agreed.", ["city", "letter_person"]),
        ("clinical_summary", "case CM13 0012345", ["case_number", "letter_id"]),
        ("clinical_summary", "claim AW-11198910", ["claim_number", "letter_id"]),
        ("clinical_summary", "injured July 14th", ["date", "letter_date"]),  # no year
        ("clinical_summary", "on 2011-07-14", ["date", "letter_date"]),  # ISO
        ("clinical_summary", "call 213-555-0123", ["phone"]),  # a pattern, not the letter's
        ("clinical_summary", "jd@example.com", ["email", "url"]),
        ("reviewer_specialty", "Orthopedic Surgery, Dr. Lee", ["person"]),  # unscrubbed field
        ("diagnoses", ["lumbar strain", "seen 07/14/2011"], ["date", "letter_date"]),  # list
    ],
)
def test_leaks_are_reported_by_kind(field: str, value: object, kinds: list[str]) -> None:
    determination, treatments = rows()
    determination[field] = value
    assert audit_document(determination, treatments, letter()) == kinds


def test_treatment_rows_are_scanned_too() -> None:
    determination, treatments = rows()
    treatments[0]["rationale"] = "Per Michael, denied."
    # the letter's person, and a census given name mid-sentence (the word after `Per`)
    assert audit_document(determination, treatments, letter()) == [
        "letter_person",
        "unknown_proper_noun",
    ]


def test_the_result_never_holds_identifier_text() -> None:
    determination, treatments = rows()
    determination["clinical_summary"] = "Hughes, CM13-0012345, 06/25/2013, (213) 555-0123"
    hits = audit_document(determination, treatments, letter())
    assert hits and not any(
        secret in hit for hit in hits for secret in ("Hughes", "0012345", "2013", "555")
    )


def test_pseudonyms_and_run_ids_are_not_scanned() -> None:
    determination, treatments = rows()
    assert "2026-11-27" in determination["run_id"]
    assert audit_document(determination, treatments, letter()) == []


def test_limited_data_set_rows_keep_dates_without_a_hit() -> None:
    determination, treatments = rows(LIMITED_DATA_SET)
    assert "06/25/2013" in determination["clinical_summary"]
    assert audit_document(determination, treatments, letter(), policy=LIMITED_DATA_SET) == []
    assert audit_document(determination, treatments, letter()) == ["date"]
