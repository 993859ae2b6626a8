"""How many bytes a PDF's streams inflate to, counted without holding them.

A decompression bomb is a small file whose FlateDecode streams inflate to gigabytes (one
stream, or a chain `[/FlateDecode /FlateDecode]` whose ratios multiply). pdfminer inflates
a stream whole, in one `zlib.decompress`, and PDFium does the same in C, so no engine
setting bounds it. This scan runs first, on the raw bytes, for both engines: it inflates
every filtered stream in small pieces, throws the output away, and stops at the budget.
Image streams are skipped: text extraction never decodes them (an enormous image is no
bomb for it). What this cannot see (an encrypted stream, a filter other than Flate) is
left to the process limits of the pool (memory, time).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator

from imr_lake.extract.budget import Budget, inflated_exceeded

_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_FILTERS = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")
_NAME = re.compile(rb"/([A-Za-z0-9]+)")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_FLATE = {b"FlateDecode", b"Fl"}
_DICT_WINDOW = 16 * 1024  # how far back a stream's dictionary may start
_CHUNK = 64 * 1024  # input bytes per step; each stage also yields at most this much


def flate_depth(stream_dict: bytes) -> int:
    """How many FlateDecode filters lead the stream's filter chain (0: none or not Flate)."""
    found = _FILTERS.search(stream_dict)
    if not found:
        return 0
    depth = 0
    for name in _NAME.findall(found.group(1)):
        if name not in _FLATE:
            break
        depth += 1
    return depth


def _inflate(data: memoryview, depth: int) -> Iterator[int]:
    """Sizes of the output pieces of `depth` chained inflaters fed from `data`."""
    stages = [zlib.decompressobj() for _ in range(depth)]

    def feed(level: int, piece: bytes) -> Iterator[int]:
        stage = stages[level]
        while piece and not stage.eof:
            out = stage.decompress(piece, _CHUNK)
            piece = stage.unconsumed_tail
            if level + 1 == depth:
                yield len(out)
            elif out:
                yield from feed(level + 1, out)

    for start in range(0, len(data), _CHUNK):
        if stages[0].eof:
            return
        yield from feed(0, bytes(data[start : start + _CHUNK]))


def check_inflated_size(data: bytes, budget: Budget) -> int:
    """Total inflated bytes of the file's non-image Flate streams; too_complex past the budget.

    A stream that is not valid zlib (encrypted, damaged) counts what inflated before the
    error: the engine decides what such a file is.
    """
    limit = budget.inflated_bytes
    view = memoryview(data)
    total = 0
    for match in _STREAM.finditer(data):
        window = max(0, match.start() - _DICT_WINDOW)
        begins = data.rfind(b"obj", window, match.start())  # the object's header ends there
        stream_dict = data[begins + 3 if begins >= 0 else window : match.start()]
        depth = flate_depth(stream_dict)
        if depth == 0 or _IMAGE.search(stream_dict):
            continue
        try:
            for size in _inflate(view[match.end() :], depth):
                total += size
                if total > limit:
                    raise inflated_exceeded(budget)
        except zlib.error:
            continue
    return total
