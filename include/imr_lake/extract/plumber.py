"""PDF bytes to text with pdfplumber (the reference engine), under the document's budget."""

from __future__ import annotations

import io
from typing import Any

from imr_lake.errors import DocumentError, ErrorCode
from imr_lake.extract.budget import Budget, Deadline, check_pages, glyphs_exceeded
from imr_lake.extract.envelope import no_text

_CHECK_EVERY = 1024  # glyphs between two looks at the clock


def _classify_open_error(exc: BaseException) -> DocumentError:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    name = type(exc).__name__
    if isinstance(exc, PDFPasswordIncorrect | PDFEncryptionError) or "Password" in name:
        return DocumentError(ErrorCode.ENCRYPTED, "PDF needs a password to open")
    return DocumentError(ErrorCode.CORRUPT, f"PDF cannot be read ({name})")


def _budgeted_layout(page: Any, budget: Budget, deadline: Deadline, number: int) -> Any:
    """The page's layout as `Page.layout` builds it, with a device that counts glyphs.

    pdfminer makes an object per glyph and pdfplumber a dict per object: a page flooded
    with glyphs costs memory and minutes, so the count stops it early.
    """
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    class CountingAggregator(PDFPageAggregatorWithMarkedContent):
        glyphs = 0

        def render_char(self, *args: Any, **kwargs: Any) -> float:
            self.glyphs += 1
            if self.glyphs % _CHECK_EVERY == 0:
                if self.glyphs > budget.glyphs_per_page:
                    raise glyphs_exceeded(budget, number)
                deadline.check()
            return super().render_char(*args, **kwargs)

    device = CountingAggregator(
        page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams
    )
    PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    if device.glyphs > budget.glyphs_per_page:
        raise glyphs_exceeded(budget, number)
    return device.get_result()


def _check_page_tree(pdf: Any) -> None:
    """corrupt when the page tree holds fewer pages than its root's /Count says.

    pdfminer skips a node it has seen (a tree that lists itself) and reads on; PDFium
    trusts /Count and fails on the missing pages. One rule for both: a tree that does not
    hold the pages it claims is broken.
    """
    from pdfminer.pdftypes import resolve1

    count = resolve1(resolve1(pdf.doc.catalog.get("Pages")) or {}).get("Count")
    if isinstance(count, int) and count > len(pdf.pages):
        raise DocumentError(ErrorCode.CORRUPT, "PDF page tree is missing pages it counts")


def extract_pages(data: bytes, budget: Budget, deadline: Deadline) -> list[str]:
    """Text of every page, in order. Raises DocumentError with the file's error code."""
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    pages: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            check_pages(len(pdf.pages), budget)
            _check_page_tree(pdf)
            for number, page in enumerate(pdf.pages, start=1):
                deadline.check()
                # what `page.layout` would compute; pdfplumber caches it under this name
                page._layout = _budgeted_layout(page, budget, deadline, number)
                pages.append(page.extract_text() or "")
                page.close()
    except (DocumentError, MemoryError):
        raise
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        raise _classify_open_error(cause) from None
    except Exception as exc:  # pdfminer raises many kinds on broken files
        raise _classify_open_error(exc) from None
    if not any(p.strip() for p in pages):
        raise no_text()
    return pages
