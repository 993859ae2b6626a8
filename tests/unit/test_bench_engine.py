"""The pypdfium2 engine gives pdfplumber's text and the same error code for every bad file."""

from __future__ import annotations

import pytest
from imr_lake.errors import DocumentError, ErrorCode
from imr_lake.extract import extract_pages
from imr_lake.extract.budget import Budget
from pdf_factory import HEADER_TABLE_LINES, encrypt, image_only_pdf, text_pdf

GOOD = text_pdf([HEADER_TABLE_LINES, ["second page", "Page 2 of 2"]])


def pdfium_pages(data: bytes, budget: Budget | None = None) -> list[str]:
    """The pypdfium2 engine through the public entry point (isolated, like the pipeline)."""
    import os

    before = os.environ.get("IMR_EXTRACT_ENGINE")
    os.environ["IMR_EXTRACT_ENGINE"] = "pypdfium2"
    try:
        return extract_pages(data, budget)
    finally:
        if before is None:
            os.environ.pop("IMR_EXTRACT_ENGINE")
        else:
            os.environ["IMR_EXTRACT_ENGINE"] = before


def _code(data: bytes, budget: Budget | None = None) -> ErrorCode:
    with pytest.raises(DocumentError) as info:
        pdfium_pages(data, budget)
    return info.value.code


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", ErrorCode.EMPTY),
        (b"Dear Sir, this is a plain text file.", ErrorCode.NOT_PDF),
        (GOOD[: len(GOOD) // 2], ErrorCode.CORRUPT),
        (b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"\n%%EOF\n", ErrorCode.CORRUPT),
        (encrypt(GOOD, "user-secret", "owner-secret"), ErrorCode.ENCRYPTED),
        (image_only_pdf(), ErrorCode.NO_TEXT),
    ],
    ids=["empty", "text-file", "truncated", "garbage-body", "user-password", "image-only"],
)
def test_bad_file_codes_match_pdfplumber(data: bytes, code: ErrorCode, monkeypatch) -> None:
    monkeypatch.delenv("IMR_EXTRACT_ENGINE", raising=False)
    with pytest.raises(DocumentError) as reference:
        extract_pages(data)
    assert reference.value.code is code
    assert _code(data) is code


def test_too_large_by_pages() -> None:
    assert _code(GOOD, Budget(max_bytes=10**8, max_pages=1)) is ErrorCode.TOO_LARGE


def test_text_equals_pdfplumber_page_by_page(monkeypatch) -> None:
    monkeypatch.delenv("IMR_EXTRACT_ENGINE", raising=False)
    reference = extract_pages(GOOD)
    assert pdfium_pages(GOOD) == reference
    assert reference[1] == "second page\nPage 2 of 2"


def test_owner_password_only_opens() -> None:
    assert pdfium_pages(encrypt(GOOD, "", "owner-secret")) == pdfium_pages(GOOD)


def test_the_setting_routes_extraction(monkeypatch) -> None:
    import imr_lake.extract as extract

    calls = []
    monkeypatch.setitem(
        extract.ENGINES, "pypdfium2", lambda data, budget, deadline: calls.append(1) or ["x"]
    )
    monkeypatch.setenv("IMR_EXTRACT_ENGINE", "pypdfium2")
    monkeypatch.setenv("IMR_EXTRACT_ISOLATION", "off")  # the fake lives in this process
    assert extract_pages(GOOD) == ["x"] and calls == [1]
