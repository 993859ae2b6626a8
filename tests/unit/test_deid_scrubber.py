"""The Scrubber and to_curated: identifiers out, clinical content in, both policies."""

from __future__ import annotations

from datetime import date

import pytest
from imr_lake.deid import LIMITED_DATA_SET, SAFE_HARBOR, Scrubber, to_curated
from imr_lake.model import ParsedLetter, TreatmentItem

KEY = b"unit-test-key-0123456789abcdef"


def make_letter(**overrides: object) -> ParsedLetter:
    values: dict = dict(
        layout="letter",
        case_number="CM13-0012345",
        claim_number="05-123456-01",
        decision_date=date(2013, 9, 1),
        injury_date=date(2011, 7, 14),
        ur_denial_date=date(2013, 7, 25),
        patient_age=52,
        diagnoses=["lumbar radiculopathy", "right knee medial meniscus tear"],
        clinical_summary=(
            "The patient is a 52 year old male with a date of injury of July 14, 2011. "
            "The report dated 06/25/2013 by Dr. Maria Garcia indicates tenderness at L4-L5. "
            "He works for Golden State Foods Corp. and lives at 1234 Wilshire Boulevard, "
            "Los Angeles, CA 90012; phone (213) 555-0123; claim 05-123456-01."
        ),
        treatments=[
            TreatmentItem(
                1,
                "Norco 10/325mg #60",
                "Upheld",
                "MTUS Chronic Pain Medical Treatment Guidelines",
                "MTUS Chronic Pain Medical Treatment Guidelines, Opioids Page(s): 74-96",
                "Garcia documented no functional improvement on 3/19/13. "
                "Guidelines recommend 8-10 sessions for myalgia/neuritis.",
                "pharmaceuticals",
                ["MTUS"],
            )
        ],
        known_names=["Robert Chen"],
    )
    values.update(overrides)
    return ParsedLetter(**values)


def curated_text(policy: str = SAFE_HARBOR, **overrides: object) -> str:
    determination, treatments = to_curated(
        make_letter(**overrides), sha256="ab" * 32, key=KEY, run_id="r1", policy=policy
    )
    parts = [determination["clinical_summary"], *determination["diagnoses"]]
    for row in treatments:
        parts += [row["treatment_requested"], row["reviewer_guideline"], row["rationale"]]
    return "\n".join(parts)


@pytest.mark.parametrize(
    "identifier",
    [
        "Maria",
        "Garcia",
        "July 14, 2011",
        "06/25/2013",
        "3/19/13",
        "Golden State Foods",
        "1234 Wilshire",
        "Los Angeles",
        "90012",
        "555-0123",
        "05-123456-01",
    ],
)
def test_safe_harbor_removes_every_identifier(identifier: str) -> None:
    assert identifier not in curated_text()


@pytest.mark.parametrize(
    "clinical",
    [
        "52 year old male",
        "L4-L5",
        "Norco 10/325mg #60",
        "Page(s): 74-96",
        "8-10 sessions for myalgia/neuritis",
        "lumbar radiculopathy",
        "right knee medial meniscus tear",
        "MTUS Chronic Pain Medical Treatment Guidelines",
    ],
)
def test_clinical_content_survives(clinical: str) -> None:
    assert clinical in curated_text()


def test_placeholders_are_typed_and_keep_the_year() -> None:
    text = curated_text()
    assert "date of injury of [DATE-2011]" in text
    assert "by Dr. [NAME] indicates" in text
    assert "[NAME] documented" in text  # surname alone, known from the summary
    assert "[ORG]" in text and "[ADDRESS]" in text and "[PHONE]" in text and "[ID]" in text


def test_known_names_of_the_parser_are_scrubbed_anywhere() -> None:
    summary = "Chen noted improvement. Robert agreed."
    assert curated_text(clinical_summary=summary).startswith("[NAME] noted improvement. [NAME]")


def test_limited_data_set_keeps_full_dates_but_not_names() -> None:
    text = curated_text(LIMITED_DATA_SET)
    assert "July 14, 2011" in text and "06/25/2013" in text and "3/19/13" in text
    assert "Garcia" not in text and "555-0123" not in text


def test_safe_harbor_is_the_default_policy() -> None:
    determination, _ = to_curated(make_letter(), sha256="ab" * 32, key=KEY, run_id="r1")
    assert "[DATE-2011]" in determination["clinical_summary"]


def test_unknown_policy_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown de-identification policy"):
        to_curated(make_letter(), sha256="ab" * 32, key=KEY, run_id="r1", policy="none")


def test_age_over_89_is_top_coded_in_text_and_columns() -> None:
    summary = "The patient is a 93 year old female, DOB 04/02/1920, injured July 14, 2011."
    letter = make_letter(patient_age=93, clinical_summary=summary)
    determination, _ = to_curated(letter, sha256="ab" * 32, key=KEY, run_id="r1")
    assert determination["patient_age"] == 90
    assert determination["patient_age_band"] == "90+"
    assert determination["clinical_summary"] == (
        "The patient is a [AGE-90+] female, DOB [DATE], injured [DATE-2011]."
    )


def test_scrubber_without_a_letter_uses_patterns_only() -> None:
    scrub = Scrubber().scrub
    assert scrub(None) is None
    assert scrub("") == ""
    assert scrub("seen by Dr. Lee on 7/3/2013") == "seen by Dr. [NAME] on [DATE-2013]"


def test_real_sample_loses_only_its_dates(sample_text: str) -> None:
    scrubbed = Scrubber().scrub(sample_text)
    assert scrubbed.count("[DATE-") == 6
    assert scrubbed.replace("[DATE-2013]", "").replace("[DATE-2012]", "") == (
        sample_text.replace("07/25/2013", "")
        .replace("03/19/2013", "")
        .replace("06/25/2013", "")
        .replace("02/10/2012", "")
        .replace("3/19/13", "")
        .replace("6/25/13", "")
    )


@pytest.fixture
def sample_text() -> str:
    from pathlib import Path

    return (Path(__file__).parents[1] / "fixtures" / "header_table_text_extract.txt").read_text()


def test_a_text_seen_before_is_scrubbed_by_each_letters_own_policy() -> None:
    """The registry's spans are remembered per text: the date policy is part of the key,
    the letter's own names are not remembered at all."""
    text = "Seen on 04/02/1930 by Ostrander."
    assert Scrubber(oldest_year=1923).scrub(text) == "Seen on [DATE-1930] by [NAME]."
    assert Scrubber(oldest_year=1935).scrub(text) == "Seen on [DATE] by [NAME]."
    assert Scrubber(oldest_year=1923).scrub(text) == "Seen on [DATE-1930] by [NAME]."
    assert Scrubber(keep_dates=True).scrub(text) == "Seen on 04/02/1930 by [NAME]."
    summary = "Walker noted improvement."  # a known word: a name only where the letter says
    plain = curated_text(clinical_summary=summary)
    named = curated_text(clinical_summary=summary, known_names=["Walker"])
    assert plain.startswith("Walker noted") and named.startswith("[NAME] noted")
    assert curated_text(clinical_summary=summary).startswith("Walker noted")
