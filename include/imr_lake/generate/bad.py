"""Files the pipeline must reject with an error code, one small maker per kind.

Each maker returns (bytes, error code or None, variant). `owner_password` is not bad: an
owner-only password must not stop a parse, so its truth is a normal letter.
"""

from __future__ import annotations

import io
import random
import zlib
from collections.abc import Callable

from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from imr_lake.generate.flow import PAGE_H, PAGE_W, PageBreak, Para, Style, render

TOO_MANY_PAGES = 301  # past the default limit of 300 pages (extract.budget.Budget)

LetterMaker = Callable[..., tuple[bytes, dict]]


def _empty(rng: random.Random, letter: LetterMaker) -> tuple[bytes, str | None, str]:
    return (b"", "empty", "zero_bytes") if rng.random() < 0.7 else (b"\n  \n", "empty", "blank")


def _not_pdf(rng: random.Random, letter: LetterMaker) -> tuple[bytes, str | None, str]:
    kinds = {
        "html": b"<!DOCTYPE html><html><head><title>404 Not Found</title></head><body>"
        b"<h1>Not Found</h1><p>The requested document was not found.</p></body></html>\n",
        "text": b"IMR determination letter - see attached\r\nScanned copy to follow.\r\n",
        "zip": b"PK\x03\x04\x14\x00\x06\x00" + zlib.compress(bytes(range(256)) * 4),
        "png": b"\x89PNG\r\n\x1a\n" + zlib.compress(b"\x00" * 512),
    }
    variant = rng.choice(sorted(kinds))
    return kinds[variant], "not_pdf", variant


def _corrupt(rng: random.Random, letter: LetterMaker) -> tuple[bytes, str | None, str]:
    data, _ = letter()
    return data[: int(len(data) * rng.uniform(0.3, 0.9))], "corrupt", "truncated"


def _encrypted(rng: random.Random, letter: LetterMaker) -> tuple[bytes, str | None, str]:
    password = f"imr{rng.randint(1000, 9999)}"
    data, _ = letter(encrypt=StandardEncryption(password, ownerPassword=password + "x"))
    return data, "encrypted", "user_password"


def _owner_password(rng: random.Random, letter: LetterMaker) -> tuple[bytes, str | None, str]:
    enc = StandardEncryption("", ownerPassword=f"owner{rng.randint(1000, 9999)}", canModify=0)
    data, _ = letter(encrypt=enc)
    return data, None, "owner_password"


def _scan_image(rng: random.Random) -> ImageReader:
    """A grey page with dark bars where lines of text would be: an image-only 'scan'."""
    from PIL import Image, ImageDraw

    img = Image.new("L", (425, 550), color=rng.randint(235, 250))
    draw = ImageDraw.Draw(img)
    y = 40
    while y < 500:
        width = rng.randint(200, 360)
        draw.rectangle((35, y, 35 + width, y + 5), fill=rng.randint(20, 80))
        y += rng.choice((12, 12, 12, 24))
    return ImageReader(img)


def _no_text(rng: random.Random, letter: LetterMaker) -> tuple[bytes, str | None, str]:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H), invariant=1)
    for _ in range(rng.randint(1, 3)):
        c.drawImage(_scan_image(rng), 0, 0, width=PAGE_W, height=PAGE_H)
        c.showPage()
    c.save()
    return buf.getvalue(), "no_text", "image_only"


OTHER_DOCUMENTS = {
    "progress_report": [
        "PRIMARY TREATING PHYSICIAN'S PROGRESS REPORT (PR-2)",
        "Subjective complaints: The patient reports ongoing low back pain rated 6/10 with "
        "radiation to the right leg. Sleep is disturbed.",
        "Objective findings: Tenderness to palpation over the lumbar paraspinals. Range of "
        "motion is decreased in flexion. Motor strength 5/5 bilaterally.",
        "Treatment plan: Continue home exercise program. Request authorization for physical "
        "therapy 2x4. Follow up in 4 weeks.",
        "Work status: Modified duty with no lifting over 20 pounds.",
    ],
    "rfa": [
        "REQUEST FOR AUTHORIZATION",
        "DWC Form RFA",
        "Attach the Doctor's First Report of Occupational Injury or Illness, Form DLSR 5021, a "
        "Treating Physician's Progress Report, DWC Form PR-2, or equivalent narrative report "
        "substantiating the requested treatment.",
        "Requested Treatment: Lumbar MRI without contrast. CPT 72148. Frequency: once.",
        "Claims Administrator Response: Approved / Denied / Delayed.",
    ],
    "invoice": [
        "STATEMENT OF SERVICES",
        "Date of service / CPT / Description / Units / Charge",
        "97110 Therapeutic exercises 2 units $84.00",
        "97140 Manual therapy 1 unit $42.00",
        "Balance due within 30 days. Thank you for your business.",
    ],
}


def _unknown_layout(rng: random.Random, letter: LetterMaker) -> tuple[bytes, str | None, str]:
    variant = rng.choice(sorted(OTHER_DOCUMENTS))
    title, *paras = OTHER_DOCUMENTS[variant]
    blocks = [Para(title, bold=True, center=True)] + [Para(p) for p in paras]
    return (
        render(blocks, Style(family=rng.choice(("times", "helvetica")))),
        "unknown_layout",
        variant,
    )


def _too_large(rng: random.Random, letter: LetterMaker) -> tuple[bytes, str | None, str]:
    """A letter with hundreds of pages of attached records: past the page limit."""
    filler = [Para("ATTACHED MEDICAL RECORDS", bold=True)]
    for n in range(TOO_MANY_PAGES):
        filler += [PageBreak(), Para(f"Exhibit page {n + 1}: progress note, illegible copy.")]
    data, _ = letter(extra_blocks=filler)
    return data, "too_large", f"{TOO_MANY_PAGES}+_pages"


BAD_KINDS: dict[str, Callable[[random.Random, LetterMaker], tuple[bytes, str | None, str]]] = {
    "empty": _empty,
    "not_pdf": _not_pdf,
    "corrupt": _corrupt,
    "encrypted": _encrypted,
    "no_text": _no_text,
    "unknown_layout": _unknown_layout,
    "too_large": _too_large,
    "owner_password": _owner_password,
}
