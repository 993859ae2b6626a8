"""PDF bytes to text with pdfplumber, and the error codes of files that give none."""

from __future__ import annotations

import io
import logging

from imr_lake.config import Limits, extract_engine
from imr_lake.errors import DocumentError, ErrorCode

log = logging.getLogger(__name__)
_EOF_WINDOW = 2048  # writers may append a little whitespace or junk after %%EOF


def check_envelope(data: bytes, limits: Limits) -> None:
    """Cheap checks before a parser touches the bytes."""
    if not data.strip():
        raise DocumentError(ErrorCode.EMPTY, "file has no content")
    if len(data) > limits.max_bytes:
        raise DocumentError(
            ErrorCode.TOO_LARGE, f"{len(data)} bytes exceeds the limit of {limits.max_bytes}"
        )
    if b"%PDF-" not in data[:1024]:
        raise DocumentError(ErrorCode.NOT_PDF, "no PDF header in the first 1024 bytes")
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        # pdfminer reads a cut-off file as far as it can and may return part of the text:
        # a truncated upload must fail, not publish half a letter.
        raise DocumentError(ErrorCode.CORRUPT, "PDF is truncated (no end-of-file marker)")


def _classify_open_error(exc: Exception) -> DocumentError:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    name = type(exc).__name__
    if isinstance(exc, PDFPasswordIncorrect | PDFEncryptionError) or "Password" in name:
        return DocumentError(ErrorCode.ENCRYPTED, "PDF needs a password to open")
    return DocumentError(ErrorCode.CORRUPT, f"PDF cannot be read ({name})")


def extract_pages(data: bytes, limits: Limits | None = None) -> list[str]:
    """Text of every page, in order. Raises DocumentError with the file's error code."""
    if extract_engine() == "pypdfium2":  # same text, faster: see extract_pdfium.py
        from imr_lake.extract_pdfium import extract_pages as pdfium_pages

        return pdfium_pages(data, limits)
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    limits = limits or Limits()
    check_envelope(data, limits)
    pages: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > limits.max_pages:
                raise DocumentError(
                    ErrorCode.TOO_LARGE,
                    f"{len(pdf.pages)} pages exceeds the limit of {limits.max_pages}",
                )
            for page in pdf.pages:
                pages.append(page.extract_text() or "")
                page.close()
    except DocumentError:
        raise
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        raise _classify_open_error(cause) from None
    except Exception as exc:  # pdfminer raises many kinds on broken files
        raise _classify_open_error(exc) from None
    if not any(p.strip() for p in pages):
        raise DocumentError(ErrorCode.NO_TEXT, "PDF has no extractable text (image-only scan?)")
    return pages


PAGE_BREAK = "\f"
"""Joins pages in `extract_text`, so parsers can tell running headers from body text."""


def extract_text(data: bytes, limits: Limits | None = None) -> str:
    """Text of the whole PDF, pages joined by a form feed on its own line."""
    return f"\n{PAGE_BREAK}\n".join(extract_pages(data, limits))
