"""The 2013 notice wording of `letter`, read from the real sample's own wording.

The sample (tests/fixtures/letter_2013_notice_opening.txt, a copy of the shared real
sample) is the opening of a real September 2013 letter as a text extractor gave it: its
title on the letterhead's line, the decision heading glued to the last listed item, and
`notmedically` with the space lost.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from imr_lake.parse import detect_layout, parse_text
from imr_lake.parse.notice import NoticeParser, listed_items

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "letter_2013_notice_opening.txt"


@pytest.fixture(scope="module")
def sample() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def test_real_sample_parses_to_its_items_and_decisions(sample):
    letter = parse_text(sample)
    assert letter.layout == "letter"
    assert [(t.item_number, t.treatment_requested, t.decision) for t in letter.treatments] == [
        (1, "28 day functional restoration program", "Upheld"),
        (2, "6 month follow-up aftercare program", "Upheld"),
    ]
    assert [t.treatment_category for t in letter.treatments] == ["programs", "programs"]
    assert letter.overall_outcome == "Upheld"


def test_real_sample_dates_and_reviewer(sample):
    letter = parse_text(sample)
    assert letter.letter_date == date(2013, 9, 26)
    assert letter.decision_year == 2013
    assert letter.application_date == date(2013, 9, 6)
    assert letter.ur_denial_date == date(2013, 8, 30)
    assert letter.date_assigned == date(2013, 9, 23)
    assert letter.injury_date == date(2001, 8, 28)  # from the quoted case summary
    assert letter.reviewer_specialty == "Occupational Medicine"
    assert letter.reviewer_licensed_in == "California"


def test_real_sample_summary_skips_the_disclaimer(sample):
    letter = parse_text(sample)
    assert letter.patient_age == 44
    assert letter.patient_gender == "Female"
    assert letter.clinical_summary.startswith("\u201cThe patient is a 44 year-old female")
    assert "Disclaimer" not in letter.clinical_summary
    assert "utilization review denial/modification" not in letter.clinical_summary


def test_sample_is_detected_as_the_notice_wording(sample):
    parser = detect_layout(sample)
    assert isinstance(parser, NoticeParser)


@pytest.mark.parametrize(
    "text, expected",
    [
        # the space restored, and overturned: "is medically necessary" overturns the denial
        (
            "1) MAXIMUS Federal Services, Inc. has determined the request for Norco 10/325mg\n"
            "#60 is medically necessary and appropriate.",
            {1: ("Norco 10/325mg #60", "Overturned")},
        ),
        # lost spaces on both sides of "not"
        (
            "1) MAXIMUS Federal Services, Inc. has determined the request for an MRI of the\n"
            "lumbar spine isnotmedically necessary and appropriate.",
            {1: ("MRI of the lumbar spine", "Upheld")},
        ),
        # two items on one line (a lost line break)
        (
            "1) MAXIMUS Federal Services, Inc. has determined the request for acupuncture is "
            "medically necessary and appropriate. 2) MAXIMUS Federal Services, Inc. has "
            "determined the request for a TENS unit is not medically necessary and appropriate.",
            {1: ("acupuncture", "Overturned"), 2: ("TENS unit", "Upheld")},
        ),
    ],
)
def test_listed_items(text, expected):
    assert listed_items(text) == expected


def test_per_item_parts_in_the_letter_style_fill_guidelines_and_rationale(sample):
    tail = (
        "\nThe diagnoses are chronic pain syndrome and lumbar strain.\n"
        "1. 28 day functional restoration program is not medically necessary and appropriate.\n"
        "The Claims Administrator based its decision on the MTUS Chronic Pain Medical\n"
        "Treatment Guidelines, Chronic pain programs, pages 30-32.\n"
        "The Expert Reviewer based his/her decision on the MTUS Chronic Pain Medical Treatment\n"
        "Guidelines, Functional restoration programs (FRPs), pages 49.\n"
        "Rationale for the Decision:\n"
        "The guidelines require an adequate and thorough evaluation. None is documented.\n"
        "2. 6 month follow-up aftercare program is not medically necessary and appropriate.\n"
        "The Claims Administrator based its decision on the ODG, Pain chapter.\n"
        "The Expert Reviewer based his/her decision on the ODG, Pain chapter, Aftercare.\n"
        "Rationale for the Decision:\n"
        "As the program itself is not necessary, aftercare is not either.\n"
    )
    letter = parse_text(sample + "m." + tail)
    first, second = letter.treatments
    assert first.treatment_requested == "28 day functional restoration program"
    assert first.reviewer_guideline == (
        "MTUS Chronic Pain Medical Treatment Guidelines, Functional restoration programs "
        "(FRPs), pages 49"
    )
    assert first.claims_administrator_guideline.startswith("MTUS Chronic Pain Medical")
    assert first.rationale.endswith("None is documented.")
    assert second.reviewer_guideline == "ODG, Pain chapter, Aftercare"
    assert second.guideline_sources == ["ODG"]
    assert letter.diagnoses == ["chronic pain syndrome", "lumbar strain"]
    assert "28 day functional restoration program is not" not in letter.clinical_summary
