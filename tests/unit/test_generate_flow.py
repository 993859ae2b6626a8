"""The word-processor flow of the generator: wrapping, page furniture, grids."""

from __future__ import annotations

import io

import pdfplumber
from imr_lake.generate.flow import Grid, PageBreak, Para, Style, render, wrap
from imr_lake.generate.layouts.common import sentence_split
from reportlab.pdfbase import pdfmetrics


def _pages(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def test_wrap_respects_width_and_keeps_blanked_double_spaces() -> None:
    text = "The report dated 06/25/2013 by  indicates tenderness " * 6
    lines = wrap(text.strip(), "Times-Roman", 11, 200)
    assert len(lines) > 3
    assert all(pdfmetrics.stringWidth(line, "Times-Roman", 11) <= 200 for line in lines)
    assert " ".join(lines).split() == text.split()
    assert any("by  indicates" in line for line in lines)


def test_wrap_leaves_room_for_a_run_in_label() -> None:
    lines = wrap("word " * 40, "Helvetica", 10, 300, first_width=120)
    assert pdfmetrics.stringWidth(lines[0], "Helvetica", 10) <= 120
    assert pdfmetrics.stringWidth(lines[1], "Helvetica", 10) > 120


def test_footers_count_pages_and_running_header_starts_on_page_two() -> None:
    blocks = [Para("First page."), PageBreak(), Para("Second page."), PageBreak(), Para("Third.")]
    style = Style(family="vera", running_header="CM13-0012345")
    pages = _pages(render(blocks, style))
    assert len(pages) == 3
    assert [p.splitlines()[-1] for p in pages] == ["Page 1 of 3", "Page 2 of 3", "Page 3 of 3"]
    assert "CM13-0012345" not in pages[0]
    assert pages[1].splitlines()[0] == "CM13-0012345"


def test_run_in_label_and_grid_values_are_separate_words() -> None:
    blocks = [
        Grid([[("Case Number:", "CM13-0012345"), ("Priority:", "Standard")]], gap=4.0),
        Para("The patient has diagnoses of strain.", lead="Decision rationale:"),
    ]
    for family in ("times", "helvetica", "courier", "vera"):
        text = "\n".join(_pages(render(blocks, Style(family=family))))
        assert "Case Number: CM13-0012345 Priority: Standard" in text, family
        assert "Decision rationale: The patient has" in text, family


def test_stacked_grid_puts_values_on_their_own_line() -> None:
    grid = Grid(
        [[("Case Number:", "CM13-0012345"), ("Date Assigned:", "08/01/2013")]], stacked=True
    )
    lines = _pages(render([grid], Style()))[0].splitlines()
    assert lines[:2] == ["Case Number: Date Assigned:", "CM13-0012345 08/01/2013"]


def test_long_headings_wrap_when_narrowed() -> None:
    heading = Para("HOW THE IMR FINAL DETERMINATION WAS MADE", bold=True, width=0.35)
    lines = _pages(render([heading], Style()))[0].splitlines()
    assert len(lines) >= 3 and lines[0] == "HOW THE IMR FINAL"


def test_sentences_do_not_split_after_titles_or_initials() -> None:
    text = "Seen by Dr. Gregory Parker today. K. Moore agreed. Plan: rest."
    assert sentence_split(text) == [
        "Seen by Dr. Gregory Parker today.",
        "K. Moore agreed.",
        "Plan: rest.",
    ]
