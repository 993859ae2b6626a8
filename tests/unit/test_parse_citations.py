"""Citations end where the citation ends, in every layout (issue 13).

Outside letters put prose right after the reviewer's citation ("Decision based on ...
Page(s): 177-179. The MTUS is the primary standard for ..."): the citation is the
citation alone; the prose belongs to the rationale when the item has no labelled one,
else to nobody.
"""

from __future__ import annotations

import pytest
import test_parse_layouts as layouts
import test_parse_robustness as robust
from imr_lake.parse import parse_text
from imr_lake.parse.guidelines import split_citation

CITATION = "MTUS Chronic Pain Medical Treatment Guidelines, Ultrasound, therapeutic Page(s): 123"
PROSE = "The MTUS is the primary standard for treatment of industrial injuries in California."


@pytest.mark.parametrize(
    "text, citation, rest",
    [
        (f"{CITATION}. {PROSE}", CITATION, PROSE),
        # initials and a journal title keep their periods
        (
            "Non-MTUS Citation: Tsai AG, Wadden TA. Systematic review: an evaluation of major "
            "commercial weight loss programs in the United States. Ann Intern Med 2005. "
            "This review was selected because the MTUS is silent.",
            "Non-MTUS Citation: Tsai AG, Wadden TA. Systematic review: an evaluation of major "
            "commercial weight loss programs in the United States. Ann Intern Med 2005",
            "This review was selected because the MTUS is silent.",
        ),
        ("ODG, Knee chapter. Guidelines recommend this.", "ODG, Knee chapter", None),
        ("Vickers AJ, et al. Arch Intern Med. 2012;172:1444", None, None),
        # pages close a citation whatever follows
        (
            "ACOEM, Chapter 12, pages 303-305. Red flags: none.",
            "ACOEM, Chapter 12, pages 303-305",
            None,
        ),
    ],
)
def test_split_citation(text, citation, rest):
    got_citation, got_rest = split_citation(text)
    assert got_citation == (citation or text)
    if rest is not None:
        assert got_rest == rest
    elif citation is None:
        assert got_rest is None


def test_header_table_citation_then_prose():
    item = robust.ITEM1.replace("Page(s): 98-99.", f"Page(s): 98-99. {PROSE}")
    letter = parse_text(
        robust._letter(
            robust.GRID, robust.HOW, robust.SUMMARY, robust.ISSUES_HEAD, item, robust.ITEM2
        )
    )
    first = letter.treatments[0]
    assert first.reviewer_guideline == (
        "MTUS Chronic Pain Treatment Guidelines Physical Medicine Section Page(s): 98-99"
    )
    assert first.rationale.startswith("The current request for 12 sessions")  # its own label
    assert PROSE not in first.rationale


def test_header_table_prose_without_a_rationale_label_is_the_rationale():
    item = robust.ITEM1.split("Decision rationale:")[0].replace(
        "Page(s): 98-99.", f"Page(s): 98-99. {PROSE}"
    )
    letter = parse_text(
        robust._letter(
            robust.GRID, robust.HOW, robust.SUMMARY, robust.ISSUES_HEAD, item, robust.ITEM2
        )
    )
    assert letter.treatments[0].reviewer_guideline.endswith("Page(s): 98-99")
    assert letter.treatments[0].rationale == PROSE


def test_professional_review_citation_then_prose():
    text = layouts.PROFESSIONAL_REVIEW.replace("The MTUS addresses topical analgesics.", PROSE)
    letter = parse_text(text)
    first, second = letter.treatments
    assert first.reviewer_guideline == (
        "MTUS Chronic Pain Treatment Guidelines, Topical Analgesics, Page(s): 111-113"
    )
    assert first.rationale == "Topical analgesics are largely experimental."
    assert (
        second.reviewer_guideline
        == "Non-MTUS Citation: Vickers AJ, et al. Arch Intern Med. 2012;172:1444"
    )


def test_letter_citation_then_prose():
    text = layouts.LETTER.replace(
        "Guidelines, Opioids, pages 74-96.\nRationale",
        f"Guidelines, Opioids, pages 74-96. {PROSE}\nRationale",
    )
    letter = parse_text(text)
    first = letter.treatments[0]
    assert (
        first.reviewer_guideline
        == "MTUS Chronic Pain Medical Treatment Guidelines, Opioids, pages 74-96"
    )
    assert PROSE not in (first.rationale or "")
