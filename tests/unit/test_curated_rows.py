"""Structured de-identification: the parsed letter becomes rows of the contract."""

from __future__ import annotations

from datetime import date

import pytest
from imr_lake.deid.pseudonym import PSEUDONYM_PATTERN, case_id, document_id
from imr_lake.deid.structured import age_band, age_top_coded, to_curated
from imr_lake.model import ParsedLetter, TreatmentItem
from imr_lake.schema import DETERMINATIONS, TREATMENTS

KEY = b"unit-test-key-0123456789"


def letter(**changes) -> ParsedLetter:
    base = ParsedLetter(
        layout="header_table",
        case_number="CM13-0012345",
        claim_number="0045899944",
        decision_date=date(2013, 9, 20),
        injury_date=date(2012, 2, 10),
        ur_denial_date=date(2013, 7, 25),
        application_date=date(2013, 8, 1),
        priority="Standard",
        patient_age=36,
        patient_gender="Male",
        diagnoses=["lumbar radiculopathy"],
        clinical_summary="Seen on 03/19/2013 for claim 0045899944; case CM13-0012345.",
        treatments=[
            TreatmentItem(1, "Physical Therapy 3x4", "Upheld", None, "MTUS Page(s): 98-99"),
            TreatmentItem(2, "Norco 10/325mg #60", "Overturned", None, "ODG Pain"),
        ],
    )
    for name, value in changes.items():
        setattr(base, name, value)
    return base


@pytest.mark.parametrize(
    ("age", "top_coded", "band"),
    [
        (36, 36, "30-39"),  # plain decade
        (18, 18, "18-29"),  # lowest adult band
        (29, 29, "18-29"),
        (89, 89, "80-89"),  # last band before top-coding
        (90, 90, "90+"),
        (97, 90, "90+"),  # Safe Harbor: over 89 becomes 90
        (16, 16, "<18"),
        (None, None, None),
    ],
)
def test_age_top_coding_and_bands(age, top_coded, band) -> None:
    assert (age_top_coded(age), age_band(age)) == (top_coded, band)


def test_rows_have_exactly_the_contract_columns() -> None:
    determination, treatments = to_curated(letter(), sha256="ab" * 32, key=KEY, run_id="r1")
    assert list(determination) == DETERMINATIONS.names
    assert [list(t) for t in treatments] == [TREATMENTS.names] * 2


def test_dates_become_years_and_durations() -> None:
    determination, treatments = to_curated(letter(), sha256="ab" * 32, key=KEY, run_id="r1")
    assert determination["decision_year"] == 2013
    assert determination["injury_year"] == 2012
    assert determination["ur_denial_year"] == 2013
    assert determination["application_year"] == 2013
    assert determination["days_ur_denial_to_decision"] == 57
    assert determination["overall_outcome"] == "Partially Overturned"
    assert determination["treatment_count"] == 2
    assert {t["decision_year"] for t in treatments} == {2013}


def test_missing_ur_denial_date_leaves_duration_null() -> None:
    determination, _ = to_curated(
        letter(ur_denial_date=None), sha256="ab" * 32, key=KEY, run_id="r1"
    )
    assert determination["days_ur_denial_to_decision"] is None
    assert determination["ur_denial_year"] is None


def test_pseudonyms_are_keyed_and_stable() -> None:
    determination, treatments = to_curated(letter(), sha256="ab" * 32, key=KEY, run_id="r1")
    assert determination["document_id"] == document_id(KEY, "ab" * 32)
    assert determination["case_id"] == case_id(KEY, "CM13-0012345")
    assert case_id(KEY, "cm13 0012345") == determination["case_id"]  # spelling-insensitive
    assert case_id(b"another-key-0123456789", "CM13-0012345") != determination["case_id"]
    import re

    assert re.match(PSEUDONYM_PATTERN, determination["document_id"])
    assert re.match(PSEUDONYM_PATTERN, determination["case_id"])
    assert {t["case_id"] for t in treatments} == {determination["case_id"]}


def test_free_text_loses_dates_and_numbers_but_keeps_clinical_words() -> None:
    determination, treatments = to_curated(letter(), sha256="ab" * 32, key=KEY, run_id="r1")
    summary = determination["clinical_summary"]
    assert "03/19/2013" not in summary and "[DATE-2013]" in summary
    assert "0045899944" not in summary and "CM13-0012345" not in summary
    assert treatments[1]["treatment_requested"] == "Norco 10/325mg #60"
    assert treatments[0]["reviewer_guideline"] == "MTUS Page(s): 98-99"


def test_limited_data_set_keeps_dates_and_unknown_policy_is_refused() -> None:
    determination, _ = to_curated(
        letter(), sha256="ab" * 32, key=KEY, run_id="r1", policy="limited_data_set"
    )
    assert "03/19/2013" in determination["clinical_summary"]
    with pytest.raises(ValueError, match="unknown de-identification policy"):
        to_curated(letter(), sha256="ab" * 32, key=KEY, run_id="r1", policy="none")
