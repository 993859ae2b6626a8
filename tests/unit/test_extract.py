"""The error taxonomy: every kind of bad file gets its code; owner-only passwords open."""

from __future__ import annotations

import pytest
from imr_lake.errors import DocumentError, ErrorCode
from imr_lake.extract import PAGE_BREAK, extract_text
from imr_lake.extract.budget import Budget
from imr_lake.parse import parse_text
from pdf_factory import HEADER_TABLE_LINES, encrypt, image_only_pdf, text_pdf

GOOD = text_pdf([HEADER_TABLE_LINES])


def _code(data: bytes, budget: Budget | None = None) -> ErrorCode:
    with pytest.raises(DocumentError) as info:
        parse_text(extract_text(data, budget))
    return info.value.code


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", ErrorCode.EMPTY),  # zero bytes
        (b" \n\t\n", ErrorCode.EMPTY),  # whitespace only
        (b"Dear Sir, this is a plain text file.", ErrorCode.NOT_PDF),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), ErrorCode.NOT_PDF),  # an image
        (GOOD[: len(GOOD) // 2], ErrorCode.CORRUPT),  # truncated in the middle
        (GOOD[:-40], ErrorCode.CORRUPT),  # truncated near the end
        (b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"\n%%EOF\n", ErrorCode.CORRUPT),  # garbage
        (encrypt(GOOD, "user-secret", "owner-secret"), ErrorCode.ENCRYPTED),
        (image_only_pdf(), ErrorCode.NO_TEXT),
        (text_pdf([["Quarterly invoice", "Amount due: $120.00"]]), ErrorCode.UNKNOWN_LAYOUT),
    ],
    ids=[
        "empty",
        "whitespace",
        "text-file",
        "png",
        "truncated-half",
        "truncated-tail",
        "garbage-body",
        "user-password",
        "image-only",
        "not-a-determination",
    ],
)
def test_bad_file_codes(data: bytes, code: ErrorCode) -> None:
    assert _code(data) is code


def test_too_large_by_bytes() -> None:
    assert _code(GOOD, Budget(max_bytes=len(GOOD) - 1, max_pages=300)) is ErrorCode.TOO_LARGE


def test_too_large_by_pages() -> None:
    data = text_pdf([HEADER_TABLE_LINES, ["page two"], ["page three"]])
    assert _code(data, Budget(max_bytes=10**8, max_pages=2)) is ErrorCode.TOO_LARGE


def test_owner_password_only_opens_and_parses() -> None:
    letter = parse_text(extract_text(encrypt(GOOD, "", "owner-secret")))
    assert letter.case_number == "CM13-0099999"
    assert [t.decision for t in letter.treatments] == ["Overturned"]


def test_pages_are_joined_by_a_form_feed() -> None:
    text = extract_text(text_pdf([["first page"], ["second page"]]))
    assert text.split(f"\n{PAGE_BREAK}\n") == ["first page", "second page"]


def test_messages_carry_no_letter_content() -> None:
    with pytest.raises(DocumentError) as info:
        parse_text(extract_text(text_pdf([["CM13-0099999 John Smith invoice"]])))
    assert "CM13" not in str(info.value) and "Smith" not in str(info.value)
