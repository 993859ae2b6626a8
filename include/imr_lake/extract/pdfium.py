"""PDF bytes to text with PDFium (pypdfium2): pdfplumber's text, several times faster.

pdfplumber spends most of a page in pdfminer's content-stream interpreter. Here PDFium
reads the glyphs (their Unicode and boxes) and pdfplumber's own layout code, the very
function `Page.extract_text` calls, turns them into words and lines. Both engines apply
one text algorithm to the same glyphs; only the glyph reading differs. That is why the
engine is offered at all: tests/integration/test_engine_equivalence.py and the benchmark
compare the curated records of both engines on a generated corpus, record for record.

Known difference (see docs/benchmark.md): a glyph whose font has no ToUnicode entry is
`(cid:N)` in pdfminer and PDFium's best guess (e.g. a bullet) here.
"""

from __future__ import annotations

import ctypes
from typing import Any

from imr_lake.errors import DocumentError, ErrorCode
from imr_lake.extract.budget import Budget, Deadline, check_pages, glyphs_exceeded
from imr_lake.extract.envelope import no_text

_PASSWORD_ERRORS = (4, 6)  # FPDF_ERR_PASSWORD, FPDF_ERR_SECURITY
# PDFium's stand-ins for a hyphen glyph that ends a line (GetUnicode / GetText)
_HYPHEN_MARKS = frozenset("\x02\ufffe")
_MAYBE_GENERATED = frozenset(" \r\n")  # what PDFium inserts between words and lines
_SKIPPED = frozenset("\r\n")


def _unicode(raw: Any, textpage: Any, count: int) -> str:
    """Every char's Unicode in one call; one code unit per char index, else per char."""
    buffer = (ctypes.c_ushort * (count + 1))()
    raw.FPDFText_GetText(textpage, 0, count, buffer)
    text = bytes(buffer)[: count * 2].decode("utf-16-le", errors="replace")
    if len(text) == count:
        return text
    return "".join(chr(raw.FPDFText_GetUnicode(textpage, i)) for i in range(count))


def _page_chars(raw: Any, textpage: Any, page_top: float, doctop: float) -> list[dict[str, Any]]:
    """The page's glyphs as pdfplumber char dicts (only the keys its text code reads)."""
    rect = raw.FS_RECTF()
    matrix = raw.FS_MATRIX()
    rect_ref, matrix_ref = ctypes.byref(rect), ctypes.byref(matrix)
    count = raw.FPDFText_CountChars(textpage)
    chars: list[dict[str, Any]] = []
    for index, char in enumerate(_unicode(raw, textpage, count)):
        if char in _MAYBE_GENERATED and raw.FPDFText_IsGenerated(textpage, index):
            continue  # spaces and line breaks PDFium made up
        if char in _SKIPPED:
            continue
        if char in _HYPHEN_MARKS and raw.FPDFText_IsHyphen(textpage, index):
            char = "-"
        raw.FPDFText_GetLooseCharBox(textpage, index, rect_ref)
        raw.FPDFText_GetMatrix(textpage, index, matrix_ref)
        top, bottom = page_top - rect.top, page_top - rect.bottom
        chars.append(
            {
                "text": char,
                "x0": rect.left,
                "x1": rect.right,
                "top": top,
                "bottom": bottom,
                "doctop": doctop + top,
                "height": bottom - top,
                "width": rect.right - rect.left,
                # pdfminer's LTChar.upright, from the same text matrix
                "upright": matrix.a * matrix.d > 0 and matrix.b * matrix.c <= 0,
            }
        )
    return chars


def _open(pdfium: Any, data: bytes) -> Any:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) in _PASSWORD_ERRORS:
            raise DocumentError(ErrorCode.ENCRYPTED, "PDF needs a password to open") from None
        raise DocumentError(ErrorCode.CORRUPT, "PDF cannot be read (PdfiumError)") from None


def extract_pages(data: bytes, budget: Budget, deadline: Deadline) -> list[str]:
    """Text of every page, in order, as pdfplumber's `extract_text` gives it.

    Raises DocumentError with the same codes as the pdfplumber engine.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    from pdfplumber.utils.text import chars_to_textmap

    document = _open(pdfium, data)
    pages: list[str] = []
    try:
        check_pages(len(document), budget)
        doctop = 0.0
        for number in range(len(document)):
            deadline.check()
            page = document[number]
            textpage = page.get_textpage()
            try:
                if raw.FPDFText_CountChars(textpage.raw) > budget.glyphs_per_page:
                    raise glyphs_exceeded(budget, number + 1)
                left, bottom, right, top = page.get_mediabox()
                chars = _page_chars(raw, textpage.raw, top, doctop)
                width, height = right - left, top - bottom
                text = (
                    chars_to_textmap(
                        chars,
                        layout_bbox=(0, 0, width, height),
                        layout_width=width,
                        layout_height=height,
                    ).as_string
                    if chars
                    else ""
                )
            finally:
                textpage.close()
                page.close()
            pages.append(text)
            doctop += height
    except (DocumentError, MemoryError):
        raise
    except pdfium.PdfiumError:
        raise DocumentError(ErrorCode.CORRUPT, "PDF cannot be read (PdfiumError)") from None
    finally:
        document.close()
    if not any(p.strip() for p in pages):
        raise no_text()
    return pages
