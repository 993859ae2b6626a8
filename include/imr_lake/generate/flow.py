"""A small word-processor-like flow: blocks -> wrapped lines -> pages -> PDF bytes.

Real letters come from word processors: text wraps at the margin, sections run across
page breaks, long headings wrap, and every page carries a "Page N of M" footer. Layout
runs before drawing, so the footer knows M.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

PAGE_W, PAGE_H = 612.0, 792.0

FONT_FAMILIES: dict[str, tuple[str, str]] = {
    # name: (regular, bold). Vera* are TrueType files embedded in the PDF.
    "times": ("Times-Roman", "Times-Bold"),
    "helvetica": ("Helvetica", "Helvetica-Bold"),
    "vera": ("Vera", "VeraBd"),
    "courier": ("Courier", "Courier-Bold"),
}


@cache
def _register_ttf() -> None:
    import reportlab

    folder = Path(reportlab.__file__).parent / "fonts"
    for name in ("Vera", "VeraBd"):
        pdfmetrics.registerFont(TTFont(name, str(folder / f"{name}.ttf")))


@dataclass
class Para:
    """A paragraph; `bold` for headings, `width` < 1 narrows the wrap to split headings."""

    text: str
    bold: bool = False
    indent: float = 0.0
    space_before: float = 6.0
    keep_with_next: bool = False
    width: float = 1.0
    center: bool = False
    size_delta: float = 0.0
    lead: str = ""  # a run-in bold label ("Decision rationale:") before the text


@dataclass
class Grid:
    """Label/value pairs, several per row, optionally boxed like a table."""

    rows: list[list[tuple[str, str]]]
    boxed: bool = True
    space_before: float = 6.0
    gap: float = 6.0  # between a label and its value; text extraction needs > 3 pt
    stacked: bool = False  # value under its label (form-like cells): extracted on its own line


@dataclass
class PageBreak:
    pass


Block = Para | Grid | PageBreak


@dataclass
class Style:
    family: str = "times"
    size: float = 11.0
    leading: float = 1.3
    margin: float = 72.0
    footer: str = "Page {n} of {m}"
    running_header: str = ""  # printed on pages 2..M
    footer_center: bool = True
    footer_top: bool = False  # pages 2+ carry the page number at the top ("different first page")
    footer_note: str = ""  # a line printed at the foot of every page (a confidentiality notice)


@dataclass
class _Op:
    font: str
    size: float
    x: float
    y: float
    text: str


@dataclass
class _Page:
    ops: list[_Op] = field(default_factory=list)
    boxes: list[tuple[float, float, float, float]] = field(default_factory=list)


def wrap(text: str, font: str, size: float, width: float, first_width: float = -1) -> list[str]:
    """Greedy word wrap at spaces, keeping double spaces (blanked names) inside lines.

    `first_width` is the room on the first line (less when a run-in label precedes it)."""
    words = text.split(" ")
    space = pdfmetrics.stringWidth(" ", font, size)
    lines: list[str] = []
    line: list[str] = []
    line_w = 0.0
    room = width if first_width < 0 else first_width
    for word in words:
        word_w = pdfmetrics.stringWidth(word, font, size)
        trial_w = line_w + space + word_w if line else word_w
        if (line or room < width) and trial_w > room:
            lines.append(" ".join(line).rstrip())
            line, line_w, room = [word], word_w, width
        else:
            line.append(word)
            line_w = trial_w
    if " ".join(line).strip():
        lines.append(" ".join(line).rstrip())
    return lines


class _Flow:
    def __init__(self, style: Style) -> None:
        if style.family == "vera":
            _register_ttf()
        self.style = style
        self.regular, self.bold = FONT_FAMILIES[style.family]
        self.pages: list[_Page] = [_Page()]
        self.top = PAGE_H - style.margin
        self.bottom = style.margin * 0.8 + 14
        self.y = self.top

    @property
    def line_h(self) -> float:
        return self.style.size * self.style.leading

    def new_page(self) -> None:
        self.pages.append(_Page())
        self.y = self.top

    def room(self, lines: int) -> bool:
        return self.y - lines * self.line_h >= self.bottom

    def para(self, p: Para, next_lines: int) -> None:
        font = self.bold if p.bold else self.regular
        size = self.style.size + p.size_delta
        width = (PAGE_W - 2 * self.style.margin - p.indent) * p.width
        lead_w = pdfmetrics.stringWidth(p.lead + " ", self.bold, size) if p.lead else 0.0
        lines = wrap(p.text, font, size, width, width - lead_w if p.lead else -1)
        if p.lead and not lines:
            lines = [""]
        self.y -= p.space_before
        if p.keep_with_next and not self.room(len(lines) + next_lines):
            self.new_page()
        for n, line in enumerate(lines):
            if not self.room(1):
                self.new_page()
            self.y -= self.line_h
            x = self.style.margin + p.indent
            if p.center:
                x = (PAGE_W - pdfmetrics.stringWidth(line, font, size)) / 2
            if n == 0 and p.lead:
                # the space is drawn: text extraction splits words at a space character
                self.pages[-1].ops.append(_Op(self.bold, size, x, self.y, p.lead + " "))
                x += lead_w
            if line:
                self.pages[-1].ops.append(_Op(font, size, x, self.y, line))

    def grid(self, g: Grid) -> None:
        size = self.style.size
        inner = PAGE_W - 2 * self.style.margin
        self.y -= g.space_before
        for row in self._fit(g):
            if not self.room(1.6):
                self.new_page()
            cell_w = inner / max(len(row), 1)
            top = self.y
            self.y -= self.line_h * (2.4 if g.stacked else 1.4)
            for i, (label, value) in enumerate(row):
                x = self.style.margin + i * cell_w + 4
                label_y = self.y + 4 + (self.line_h if g.stacked else 0)
                self.pages[-1].ops.append(_Op(self.bold, size, x, label_y, label + " "))
                label_w = 0 if g.stacked else pdfmetrics.stringWidth(label, self.bold, size) + g.gap
                self.pages[-1].ops.append(_Op(self.regular, size, x + label_w, self.y + 4, value))
                if g.boxed:
                    self.pages[-1].boxes.append((x - 4, self.y, cell_w, top - self.y))

    def _fit(self, g: Grid) -> list[list[tuple[str, str]]]:
        """Rows whose pairs fit their cells; an overfull row becomes one pair per row."""
        inner = PAGE_W - 2 * self.style.margin
        size = self.style.size
        rows: list[list[tuple[str, str]]] = []
        for row in g.rows:
            cell_w = inner / max(len(row), 1)
            widths = [
                pdfmetrics.stringWidth(label, self.bold, size)
                + g.gap
                + pdfmetrics.stringWidth(value, self.regular, size)
                for label, value in row
            ]
            if max(widths) + 12 > cell_w:
                rows += [[pair] for pair in row]
            else:
                rows.append(row)
        return rows

    def run(self, blocks: list[Block]) -> list[_Page]:
        for i, block in enumerate(blocks):
            if isinstance(block, PageBreak):
                self.new_page()
            elif isinstance(block, Grid):
                self.grid(block)
            else:
                nxt = blocks[i + 1] if i + 1 < len(blocks) else None
                # keep-with-next chains (heading, item title, text) move to a new page together
                chained = isinstance(nxt, Para) and nxt.keep_with_next
                self.para(block, 5 if chained else 2 if isinstance(nxt, Para) else 0)
        return self.pages


def lay_out(blocks: list[Block], style: Style) -> list[_Page]:
    """The blocks flowed onto pages, ready to draw (the page count is known here)."""
    return _Flow(style).run(blocks)


def render(
    blocks: list[Block], style: Style, *, title: str = "", author: str = "", encrypt: Any = None
) -> bytes:
    """PDF bytes of the blocks; identical bytes for identical input (reportlab invariant).

    `encrypt`: a reportlab StandardEncryption, for password-protected letters."""
    return draw(lay_out(blocks, style), style, title=title, author=author, encrypt=encrypt)


def draw(
    pages: list[_Page], style: Style, *, title: str = "", author: str = "", encrypt: Any = None
) -> bytes:
    """PDF bytes of pages from `lay_out`, with footers and running headers."""
    buf = io.BytesIO()
    c = canvas.Canvas(
        buf, pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=1, encrypt=encrypt
    )
    if title:
        c.setTitle(title)
    c.setAuthor(author)
    total = len(pages)
    regular = FONT_FAMILIES[style.family][0]
    for n, page in enumerate(pages, start=1):
        if style.running_header and n > 1:
            c.setFont(regular, style.size - 2)
            c.drawString(style.margin, PAGE_H - style.margin * 0.6, style.running_header)
        for op in page.ops:
            c.setFont(op.font, op.size)
            c.drawString(op.x, op.y, op.text)
        c.setLineWidth(0.5)
        for x, y, w, h in page.boxes:
            c.rect(x, y, w, h)
        c.setFont(regular, style.size - 2)
        if style.footer_note:
            c.drawString(style.margin, style.margin * 0.5 + style.size + 2, style.footer_note)
        if style.footer:
            text = style.footer.format(n=n, m=total)
            if style.footer_top and n > 1:
                c.drawRightString(PAGE_W - style.margin, PAGE_H - style.margin * 0.4, text)
            elif style.footer_center:
                c.drawCentredString(PAGE_W / 2, style.margin * 0.5, text)
            else:
                c.drawRightString(PAGE_W - style.margin, style.margin * 0.5, text)
        c.showPage()
    c.save()
    return buf.getvalue()
