"""What real text extraction does to a letter, one effect at a time (issue 4)."""

from __future__ import annotations

from imr_lake.parse import parse_text

PAGE = "\n\f\n"
GRID = """Case Number: CM13-0012345 Date Assigned: 08/01/2013
Date of Injury: 02/10/2012 Decision Date: 10/15/2013
UR Denial Date: 07/25/2013 Priority: Expedited
Application Received: 08/05/2013"""
HOW = """HOW THE IMR FINAL DETERMINATION WAS MADE
MAXIMUS Federal Services sent the complete case file to a physician reviewer. The physician
reviewer is Board Certified in Physical Medicine and Rehabilitation, has a subspecialty in
Interventional Spine and is licensed to practice in California. He/she has been in active
practice for more than five years."""
SUMMARY = """CLINICAL CASE SUMMARY
The patient is a 36 year old male with a date of injury of 02/10/2012. The patient has
diagnoses of cervical spine strain, lumbar radiculopathy and bilateral knee internal
derangement. The report dated 06/25/2013 by  indicates tenderness."""
ISSUES_HEAD = """IMR ISSUES, DECISIONS AND RATIONALES
The Final Determination was based on decisions for the disputed items/services set forth below:"""
ITEM1 = """Physical Therapy three (3) times a week for four (4) weeks to the neck, low back and
bilateral knees: Upheld
Claims Administrator guideline: Decision based on MTUS Chronic Pain Treatment Guidelines
Physical Medicine.
MAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Physical
Medicine Section Page(s): 98-99.
Decision rationale: The current request for 12 sessions exceeds what is recommended.
Recommendation is for denial."""
ITEM2 = """Retrospective request for Ultram 50mg #60 DOS: 06/25/2013: Overturned
Claims Administrator guideline: Decision based on ODG Pain Chapter.
MAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Opioids
Page(s): 74-96; ODG Pain Chapter.
Decision rationale: Tramadol is recommended for moderate pain. The request is appropriate."""


def _letter(*parts: str) -> str:
    return "\n".join(parts)


BASE = _letter(GRID, HOW, SUMMARY, ISSUES_HEAD, ITEM1, ITEM2)


def _check(text: str) -> None:
    """The fields every variant must still yield exactly."""
    letter = parse_text(text)
    assert letter.layout == "header_table"
    assert letter.case_number == "CM13-0012345"
    assert letter.priority == "Expedited"
    assert letter.patient_age == 36
    assert letter.patient_gender == "Male"
    assert letter.diagnoses == [
        "cervical spine strain",
        "lumbar radiculopathy",
        "bilateral knee internal derangement",
    ]
    assert letter.reviewer_specialty == "Physical Medicine and Rehabilitation"
    assert letter.reviewer_subspecialty == "Interventional Spine"
    assert letter.reviewer_licensed_in == "California"
    first, second = letter.treatments
    assert first.treatment_requested == (
        "Physical Therapy three (3) times a week for four (4) weeks to the neck, "
        "low back and bilateral knees"
    )
    assert first.decision == "Upheld"
    assert first.reviewer_guideline == (
        "MTUS Chronic Pain Treatment Guidelines Physical Medicine Section Page(s): 98-99"
    )
    assert first.rationale == (
        "The current request for 12 sessions exceeds what is recommended. "
        "Recommendation is for denial."
    )
    assert second.treatment_requested == "Retrospective request for Ultram 50mg #60 DOS: 06/25/2013"
    assert second.decision == "Overturned"
    assert second.guideline_sources == ["MTUS", "ODG"]
    assert second.treatment_category == "pharmaceuticals"
    assert second.rationale.endswith("The request is appropriate.")
    assert letter.overall_outcome == "Partially Overturned"


def test_base_letter() -> None:
    _check(BASE)


def test_heading_split_over_two_lines() -> None:
    text = BASE.replace(
        "IMR ISSUES, DECISIONS AND RATIONALES", "IMR ISSUES, DECISIONS AND\nRATIONALES"
    )
    text = text.replace(
        "HOW THE IMR FINAL DETERMINATION WAS MADE", "HOW THE IMR FINAL\nDETERMINATION WAS MADE"
    )
    _check(text)


def test_heading_joined_with_next_line() -> None:
    text = BASE.replace("CLINICAL CASE SUMMARY\n", "CLINICAL CASE SUMMARY ")
    text = text.replace("RATIONALES\nThe Final", "RATIONALES The Final")
    _check(text)


def test_page_footers_and_running_headers_removed() -> None:
    header = "Final Determination Letter for IMR Case Number CM13-0012345"
    pages = [
        _letter(GRID, HOW, "Page 1 of 3"),
        _letter(header, SUMMARY, ISSUES_HEAD, "Page 2 of 3"),
        _letter(header, ITEM1, ITEM2, "Page 3 of 3"),
    ]
    _check(PAGE.join(pages))


def test_section_and_item_name_across_a_page_break() -> None:
    broken_item = ITEM1.replace(
        "low back and\n", "low back and\nPage 2 of 3" + PAGE + "CM13-0012345\n"
    )
    broken_summary = SUMMARY.replace(
        "The patient has\n", "The patient has\n- 1 -" + PAGE + "CM13-0012345\n"
    )
    _check(_letter(GRID, HOW, broken_summary, ISSUES_HEAD, broken_item, ITEM2))


def test_rationale_across_a_page_break_loses_no_words() -> None:
    page_turn = "exceeds what is\nPage 3 of 4" + PAGE + "recommended.\n"
    item = ITEM1.replace("exceeds what is recommended.\n", page_turn)
    assert item != ITEM1
    _check(_letter(GRID, HOW, SUMMARY, ISSUES_HEAD, item, ITEM2))


def test_hyphenated_line_ends() -> None:
    text = BASE.replace(
        "Physical Medicine and Rehabilitation", "Physical Medicine and Rehabili-\ntation"
    )
    text = text.replace("lumbar radiculopathy and", "lumbar radiculo-\npathy and")
    _check(text)


def test_blanked_names_leave_double_spaces_and_empty_lines() -> None:
    text = BASE.replace("The patient is a", "The patient  ,  is a").replace("\n", "\n \n\n")
    text = text.replace("The patient  ,  is a", "The patient is a")
    _check(text.replace("Decision rationale: ", "Decision rationale:   "))


def test_extra_spaces_and_tabs() -> None:
    _check(BASE.replace(" ", "  ").replace("Priority:  Expedited", "Priority:\tExpedited"))


def test_colons_inside_item_names() -> None:
    letter = parse_text(BASE)
    assert ":" in letter.treatments[1].treatment_requested


def test_numbered_items_and_decision_on_its_own_line() -> None:
    text = _letter(
        GRID,
        HOW,
        SUMMARY,
        ISSUES_HEAD,
        "1. " + ITEM1.replace(": Upheld", ":\nUpheld"),
        "2. " + ITEM2,
    )
    _check(text)


def test_blank_grid_values_are_null() -> None:
    grid = GRID.replace("Priority: Expedited", "Priority:").replace("07/25/2013", "")
    letter = parse_text(_letter(grid, HOW, SUMMARY, ISSUES_HEAD, ITEM1))
    assert letter.priority is None
    assert letter.ur_denial_date is None
    assert letter.application_date is not None


def test_pronouns_alone_leave_gender_null() -> None:
    summary = SUMMARY.replace("36 year old male", "36 year old patient")
    letter = parse_text(_letter(GRID, HOW, summary + " He reports pain.", ISSUES_HEAD, ITEM1))
    assert letter.patient_gender is None
    assert letter.patient_age == 36


def test_line_end_hyphens_kinds() -> None:
    from imr_lake.parse.text import clean_text

    assert clean_text("the short-\nand long-term goals") == "the short- and long-term goals"
    assert clean_text("post-\noperative therapy") == "post-operative therapy"
    assert clean_text("Rehabili-\ntation and") == "Rehabilitation and"
    assert clean_text("MTUS -\nPage 2 of 3\fACOEM") == "MTUS -\nACOEM"


def test_a_label_at_the_top_of_two_pages_is_not_a_running_header() -> None:
    from imr_lake.parse.text import clean_text

    pages = [
        "first page body\nmore body\nmore body\nlast line",
        "Rationale for the Decision:\nsecond page\nmore body\nend two",
        "Rationale for the Decision:\nthird page\nmore body\nend three",
        "fourth page\nmore body\nmore body\nend four",
    ]
    assert clean_text("\n\f\n".join(pages)).count("Rationale for the Decision:") == 2


def _layout_text(name: str) -> str:
    import test_parse_layouts

    return getattr(test_parse_layouts, name)


def test_letter_layout_split_heading_and_decision_across_a_page_break() -> None:
    text = _layout_text("LETTER")
    text = text.replace("IMR DECISION(S) AND RATIONALE(S)", "IMR DECISION(S) AND\nRATIONALE(S)")
    text = text.replace(
        "2. MRI of the lumbar spine without contrast\n",
        "2. MRI of the lumbar spine without contrast\nPage 2 of 3" + PAGE + "CM13-0004567\n",
    )
    assert "AND\nRATIONALE" in text and "Page 2 of 3" in text
    first, second = parse_text(text).treatments
    assert first.decision == "Upheld"
    assert second.treatment_requested == "MRI of the lumbar spine without contrast"
    assert second.decision == "Overturned"


def test_professional_review_headings_wrapped_and_run_in() -> None:
    text = _layout_text("PROFESSIONAL_REVIEW")
    text = text.replace("CASE SUMMARY:\nThis", "CASE SUMMARY: This")
    text = text.replace(
        "RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY\nNECESSARY:",
        "RATIONALE FOR WHY THE\nREQUESTED TREATMENT/SERVICE\nIS/WAS NOT MEDICALLY NECESSARY:",
    )
    assert "CASE SUMMARY: This" in text and "THE\nREQUESTED" in text
    letter = parse_text(text)
    assert letter.patient_age == 44
    assert [t.rationale for t in letter.treatments] == [
        "Topical analgesics are largely experimental.",
        "Acupuncture is recommended as an option.",
    ]


def test_header_table_items_worded_as_medical_necessity() -> None:
    item = (
        "Physical therapy 2x4 for the lumbar spine is not medically necessary and appropriate.\n"
        "Claims Administrator guideline: Decision based on MTUS Physical Medicine.\n"
        "MAXIMUS guideline: Decision based on MTUS Physical Medicine Page(s): 98-99.\n"
        "Decision rationale: Prior therapy gave no functional improvement."
    )
    letter = parse_text(_letter(GRID, HOW, SUMMARY, ISSUES_HEAD, item))
    (only,) = letter.treatments
    assert only.treatment_requested == "Physical therapy 2x4 for the lumbar spine"
    assert only.decision == "Upheld"
    assert only.reviewer_guideline == "MTUS Physical Medicine Page(s): 98-99"
    assert only.rationale == "Prior therapy gave no functional improvement."


def test_bare_page_numbers_at_page_edges() -> None:
    from imr_lake.parse.text import clean_text

    text = "first page\nends here\n1\n\f\nsecond page\n2\n\f\n3\nthird page has 12\n12 sessions"
    assert clean_text(text) == "first page\nends here\nsecond page\nthird page has 12\n12 sessions"
