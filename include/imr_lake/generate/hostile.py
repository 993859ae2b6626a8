"""Hostile and pathological PDFs: files built to hurt a parser, one small maker per kind.

Each maker returns (bytes, expected error code or None, variant). Written object by
object (no PDF library would write most of these), so every file is a few KB to a few
MB however much it inflates to. Kinds, after what pdfminer, PDFium and pypdf issues
report (pdfminer.six #1113: Form XObjects that draw each other; pypdf #3429: chained
FlateDecode bombs; the `Too large`/`hangs` reports of pdfplumber #193, #1339):

- bombs: a content stream of blanks that inflates to 16 MB (within the budget: no_text),
  256 MB and 2 GB, and a 16 GB one through two chained FlateDecode filters;
- glyph floods: one page of 300,000 (and 60,000) tiny glyphs;
- thousands of pages (5,000 one-line pages);
- loops: a page tree that lists itself among its kids, a Form XObject that draws itself,
  a /Contents reference that resolves to itself through another object;
- deep nesting: a page whose resources nest 50,000 arrays deep;
- a broken cross-reference table (every offset wrong) in front of a readable letter;
- an enormous image: a 60,000 x 60,000 pixel page scan that inflates to 10 GB if decoded.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Callable

from imr_lake.generate.bad import LetterMaker

_ADLER = 65521
MB = 1024 * 1024


# --- writing a PDF object by object ------------------------------------------------------


def stream(entries: bytes, data: bytes) -> bytes:
    """A stream object's body: its dictionary (with /Length) and its data."""
    return b"<< " + entries + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def write_pdf(objects: list[bytes], *, root: int = 1) -> bytes:
    """A PDF of `objects` (object n is objects[n-1]) with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\n" % (len(objects) + 1, root)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def one_page(contents: bytes, *, resources: bytes = b"/Font << /F1 4 0 R >>") -> list[bytes]:
    """Catalog, pages, page, font, and `contents` (a stream body) as objects 1-5."""
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << "
        + resources
        + b" >> /Contents 5 0 R >>",
        FONT,
        contents,
    ]


# --- decompression bombs -----------------------------------------------------------------


def blank_deflate(size: int, chunk: int = MB) -> bytes:
    """A zlib stream of `size` blanks, made without compressing them all.

    After a full flush deflate forgets what came before, so every further chunk of blanks
    compresses to the same bytes: the stream is the first chunk's output, that block
    repeated, an empty final block and the Adler-32 of `size` blanks (in closed form).
    """
    if size % chunk:
        raise ValueError("size must be a multiple of chunk")
    block = b" " * chunk
    compressor = zlib.compressobj(9)
    first = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeat = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    a = (1 + size * 0x20) % _ADLER
    b = (size + 0x20 * (size * (size + 1) // 2)) % _ADLER
    final_empty_block = b"\x03\x00"
    body = first + repeat * (size // chunk - 1) + final_empty_block
    return body + ((b << 16) | a).to_bytes(4, "big")


def _bomb(size_mb: int, layers: int = 1) -> bytes:
    data = blank_deflate(size_mb * MB)
    for _ in range(layers - 1):
        data = zlib.compress(data, 9)
    filters = b"[" + b" ".join([b"/FlateDecode"] * layers) + b"]"
    return write_pdf(one_page(stream(b"/Filter " + filters, data)))


# --- glyph floods, many pages ------------------------------------------------------------


def glyph_flood(glyphs: int, per_line: int = 1000) -> bytes:
    """One page with `glyphs` 1-point glyphs in lines of `per_line`."""
    line = b"(" + b"il" * (per_line // 2) + b") Tj 0 -1 Td\n"
    content = b"BT /F1 1 Tf 10 780 Td\n" + line * (glyphs // per_line) + b"ET"
    return write_pdf(one_page(stream(b"/Filter /FlateDecode", zlib.compress(content, 9))))


def many_pages(count: int) -> bytes:
    """`count` pages of one short line each (the page objects follow the font)."""
    first_page = 4
    kids = b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
        FONT,
    ]
    for i in range(count):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (first_page + 2 * i + 1)
        )
        objects.append(stream(b"", b"BT /F1 12 Tf 72 720 Td (Exhibit page %d) Tj ET" % (i + 1)))
    return write_pdf(objects)


# --- loops and nesting -------------------------------------------------------------------

_TEXT = stream(b"", b"BT /F1 12 Tf 72 720 Td (Exhibit) Tj ET")


def page_tree_loop() -> bytes:
    """The root /Pages node lists itself among its kids (and claims 2 pages)."""
    objects = one_page(_TEXT)
    objects[1] = b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>"
    return write_pdf(objects)


def xobject_loop() -> bytes:
    """A Form XObject that draws itself (pdfminer.six #1113: RecursionError)."""
    form = stream(
        b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] "
        b"/Resources << /XObject << /X1 6 0 R >> /Font << /F1 4 0 R >> >>",
        b"BT /F1 12 Tf 72 700 Td (loop) Tj ET /X1 Do",
    )
    objects = one_page(
        stream(b"", b"BT /F1 12 Tf 72 720 Td (Exhibit) Tj ET /X1 Do"),
        resources=b"/Font << /F1 4 0 R >> /XObject << /X1 6 0 R >>",
    )
    return write_pdf([*objects, form])


def reference_loop() -> bytes:
    """The page's /Contents is object 5, which is a reference to 6, which refers to 5."""
    objects = one_page(b"6 0 R")
    return write_pdf([*objects, b"5 0 R"])


def deep_nesting(depth: int) -> bytes:
    """A page whose resources hold an array nested `depth` levels deep."""
    nested = b"[" * depth + b"]" * depth
    return write_pdf(one_page(_TEXT, resources=b"/Font << /F1 4 0 R >> /Deep " + nested))


def broken_xref(letter: bytes) -> bytes:
    """A readable letter whose cross-reference table is garbage and whose startxref points
    nowhere: readers must rebuild the table by scanning, as they do for many real files."""
    table = letter.rfind(b"xref\n0 ")
    trailer = letter.index(b"trailer", table)
    start = letter.rindex(b"startxref")
    return (
        letter[:table]
        + b"xref\n0 9\nGARBAGE 65535 f \n"
        + letter[trailer:start]
        + b"startxref\n999999\n%%EOF\n"
    )


def enormous_image(width: int = 60_000, height: int = 60_000) -> bytes:
    """An image-only page whose grey image would inflate to width x height bytes."""
    data = zlib.compress(blank_deflate(64 * MB), 9)  # decodes only to its first 64 MB
    image = stream(
        b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter [/FlateDecode /FlateDecode]" % (width, height),
        data,
    )
    objects = one_page(
        stream(b"", b"q 612 0 0 792 0 0 cm /Im1 Do Q"), resources=b"/XObject << /Im1 6 0 R >>"
    )
    return write_pdf([*objects, image])


# --- the kinds, with their expected codes ------------------------------------------------

HostileMaker = Callable[[random.Random, LetterMaker], tuple[bytes, str | None, str]]


def _fixed(variant: str, code: str | None, make: Callable[[], bytes]) -> HostileMaker:
    return lambda rng, letter: (make(), code, variant)


HOSTILE_KINDS: dict[str, HostileMaker] = {
    "bomb_16mb": _fixed("bomb_16mb", "no_text", lambda: _bomb(16)),
    "bomb_256mb": _fixed("bomb_256mb", "too_complex", lambda: _bomb(256)),
    "bomb_2gb": _fixed("bomb_2gb", "too_complex", lambda: _bomb(2048)),
    "bomb_16gb_chained": _fixed("bomb_16gb_chained", "too_complex", lambda: _bomb(16384, 2)),
    "glyph_flood_300k": _fixed("glyph_flood_300k", "too_complex", lambda: glyph_flood(300_000)),
    "glyph_flood_60k": _fixed("glyph_flood_60k", "too_complex", lambda: glyph_flood(60_000)),
    "pages_5000": _fixed("pages_5000", "too_large", lambda: many_pages(5000)),
    "page_tree_loop": _fixed("page_tree_loop", "corrupt", page_tree_loop),
    "xobject_loop": _fixed("xobject_loop", "unknown_layout", xobject_loop),
    "reference_loop": _fixed("reference_loop", "corrupt", reference_loop),
    "deep_nesting": _fixed("deep_nesting", "unknown_layout", lambda: deep_nesting(50_000)),
    "enormous_image": _fixed("enormous_image", "no_text", enormous_image),
    "broken_xref": lambda rng, letter: (broken_xref(letter()[0]), None, "broken_xref"),
}
