"""Small PDFs for extraction and CLI tests: text, image-only, encrypted, truncated."""

from __future__ import annotations

import io


def text_pdf(pages: list[list[str]]) -> bytes:
    """One PDF page per list of lines, drawn top-down with Helvetica 10."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for lines in pages:
        pdf.setFont("Helvetica", 10)
        y = 780
        for line in lines:
            pdf.drawString(60, y, line)
            y -= 14
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def image_only_pdf() -> bytes:
    """A page with shapes and no text: what an image-only scan extracts to."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.rect(100, 100, 300, 400, fill=1)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def encrypt(data: bytes, user_password: str, owner_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(data)).pages:
        writer.add_page(page)
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


HEADER_TABLE_LINES = [
    "Case Number: CM13-0099999 Date Assigned: 08/01/2013",
    "Date of Injury: 02/10/2012 Decision Date: 10/15/2013",
    "UR Denial Date: 07/25/2013 Priority: Standard",
    "Application Received: 08/05/2013",
    "HOW THE IMR FINAL DETERMINATION WAS MADE",
    "The physician reviewer is Board Certified in Internal Medicine and is licensed to",
    "practice in California.",
    "CLINICAL CASE SUMMARY",
    "The patient is a 48 year old female with a date of injury of 02/10/2012. The patient",
    "has diagnoses of lumbar strain and depression.",
    "IMR ISSUES, DECISIONS AND RATIONALES",
    "The Final Determination was based on decisions for the disputed items/services",
    "set forth below:",
    "Norco 10/325mg #60:  Overturned",
    "Claims Administrator guideline: Decision based on MTUS Chronic Pain Opioids.",
    "MAXIMUS guideline: Decision based on MTUS Chronic Pain Opioids Page(s): 74-96.",
    "Decision rationale: Functional improvement is documented. The request is supported.",
]
