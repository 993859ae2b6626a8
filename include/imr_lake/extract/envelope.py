"""Cheap checks of the raw bytes before an engine touches them (both engines share them)."""

from __future__ import annotations

import re

from imr_lake.errors import DocumentError, ErrorCode
from imr_lake.extract.budget import Budget

_EOF_WINDOW = 2048  # writers may append a little whitespace or junk after %%EOF
# an object whose whole body is a reference to another object: `5 0 obj 6 0 R endobj`
_REFERENCE_ONLY = re.compile(rb"(\d+)\s+(\d+)\s+obj\s*(\d+)\s+(\d+)\s+R\s*endobj")


def check_envelope(data: bytes, budget: Budget) -> None:
    """empty, too_large (bytes), not_pdf, or corrupt when cut off: decided without parsing."""
    if not data.strip():
        raise DocumentError(ErrorCode.EMPTY, "file has no content")
    if len(data) > budget.max_bytes:
        raise DocumentError(
            ErrorCode.TOO_LARGE, f"{len(data)} bytes exceeds the limit of {budget.max_bytes}"
        )
    if b"%PDF-" not in data[:1024]:
        raise DocumentError(ErrorCode.NOT_PDF, "no PDF header in the first 1024 bytes")
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        # pdfminer reads a cut-off file as far as it can and may return part of the text:
        # a truncated upload must fail, not publish half a letter.
        raise DocumentError(ErrorCode.CORRUPT, "PDF is truncated (no end-of-file marker)")
    check_reference_loops(data)


def check_reference_loops(data: bytes) -> None:
    """corrupt when objects that are only references refer to each other in a circle.

    Such a reference never resolves: pdfminer follows it forever (a hang until the time
    budget), PDFium gives up on it; either way the object is unreadable, so both engines
    report the file the same way. (Objects inside compressed object streams are not seen
    here; a loop there ends at the time budget, as too_complex.)
    """
    points = {
        (m.group(1), m.group(2)): (m.group(3), m.group(4)) for m in _REFERENCE_ONLY.finditer(data)
    }
    for start in points:
        seen = {start}
        target = points[start]
        while target in points:
            if target in seen:
                raise DocumentError(ErrorCode.CORRUPT, "PDF has a reference loop")
            seen.add(target)
            target = points[target]


def no_text() -> DocumentError:
    return DocumentError(ErrorCode.NO_TEXT, "PDF has no extractable text (image-only scan?)")
