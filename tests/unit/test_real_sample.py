"""The real public letter (its extracted text) rebuilt as a PDF and read end to end.

The sample lost its header grid in extraction; the test restores one. Lines are drawn as
the real extraction gave them (with the blanked name's double space), over two pages with
a running header and "Page N of M" footers, so sections cross a page break.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from imr_lake.extract import extract_text
from imr_lake.parse import parse_text

SAMPLE = Path("/work/shared/samples/header_table_text_extract.txt")
_REPO_SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "header_table_text_extract.txt"
GRID = [
    ("Case Number:", "CM13-0012345", "Date Assigned:", "08/01/2013"),
    ("Date of Injury:", "02/10/2012", "Decision Date:", "10/15/2013"),
    ("UR Denial Date:", "07/25/2013", "Priority:", "Standard"),
    ("Application Received:", "08/05/2013", "", ""),
]
LINES_PER_PAGE = 34


def _sample_lines() -> list[str]:
    path = SAMPLE if SAMPLE.exists() else _REPO_SAMPLE
    if not path.exists():
        pytest.skip("real sample text not available")
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.rstrip() for line in lines if line.strip()]


def build_pdf(lines: list[str]) -> bytes:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter)
    pages = [lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)]
    for number, page in enumerate(pages, start=1):
        pdf.setFont("Helvetica", 10)
        y = 740
        if number == 1:
            for row in GRID:
                for x, cell in zip((60, 170, 320, 420), row, strict=True):
                    pdf.drawString(x, y, cell)
                y -= 16
            y -= 10
        else:
            pdf.drawString(60, 760, "Final Determination Letter for IMR Case Number CM13-0012345")
        for line in page:
            pdf.drawString(60, y, line)
            y -= 19
        pdf.drawString(280, 30, f"Page {number} of {len(pages)}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.fixture(scope="module")
def letter():
    return parse_text(extract_text(build_pdf(_sample_lines())))


def test_layout_and_header_grid(letter):
    assert letter.layout == "header_table"
    assert letter.case_number == "CM13-0012345"
    assert letter.injury_date.year == 2012
    assert letter.ur_denial_date.year == 2013
    assert letter.decision_year == 2013
    assert letter.priority == "Standard"
    assert letter.application_date.isoformat() == "2013-08-05"


def test_patient(letter):
    assert letter.patient_age == 36
    assert letter.patient_gender == "Male"
    assert "lumbar radiculopathy" in letter.diagnoses
    assert letter.diagnoses == [
        "cervical spine strain",
        "rule out radiculopathy",
        "lumbar radiculopathy",
        "bilateral knee internal derangement",
    ]


def test_reviewer(letter):
    assert letter.reviewer_specialty == "Physical Medicine and Rehabilitation"
    assert letter.reviewer_subspecialty == "Interventional Spine"
    assert letter.reviewer_licensed_in == "California"


def test_the_one_item(letter):
    assert len(letter.treatments) == 1
    item = letter.treatments[0]
    assert item.treatment_requested == (
        "Physical Therapy three (3) times a week for four (4) weeks to the neck, "
        "low back and bilateral knees"
    )
    assert item.decision == "Upheld"
    assert letter.overall_outcome == "Upheld"
    assert item.treatment_category == "physical_therapy"
    assert item.guideline_sources == ["MTUS"]
    assert item.reviewer_guideline == (
        "MTUS Chronic Pain Treatment Guidelines Physical Medicine Section Page(s): 98-99"
    )
    assert item.claims_administrator_guideline == (
        "MTUS Chronic Pain Treatment Guidelines Physical Medicine"
    )
    assert item.rationale.startswith("The patient has diagnoses of cervical spine strain")
    assert item.rationale.endswith("Recommendation is for denial.")


def test_page_furniture_is_gone(letter):
    assert "Page 1 of" not in (letter.clinical_summary or "")
    assert "Final Determination Letter for" not in (letter.clinical_summary or "")
    assert "Final Determination Letter for" not in letter.treatments[0].rationale
    assert "  " not in letter.clinical_summary
