"""Bad files of the synthetic corpus are what their truth claims."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pypdf
import pytest
from imr_lake.errors import DocumentError
from imr_lake.extract import extract_text
from imr_lake.extract.budget import Budget
from imr_lake.generate import bad_positions, generate_corpus, make_file
from imr_lake.generate.bad import BAD_KINDS, TOO_MANY_PAGES
from pdfplumber.utils.exceptions import PdfminerException
from pypdf.errors import PdfReadError


def _file(kind: str, index: int = 3) -> tuple[bytes, dict]:
    return make_file(index, seed=21, layout="header_table", bad_kind=kind)


def test_every_kind_appears_once_enough_files_are_bad() -> None:
    kinds = bad_positions(count=100, seed=1, bad_share=0.1).values()
    assert sorted(kinds) == sorted(list(BAD_KINDS) + ["empty", "not_pdf"])


def test_bad_share_zero_gives_only_letters(tmp_path: Path) -> None:
    records = generate_corpus(tmp_path, count=5, seed=2, bad_share=0.0)
    assert [r["error_code"] for r in records] == [None] * 5
    assert {r["layout"] for r in records} == {"header_table", "letter", "professional_review"}


def test_empty_has_no_content() -> None:
    data, record = _file("empty")
    assert record["error_code"] == "empty" and record["layout"] is None
    assert data.strip() == b""


def test_not_pdf_has_no_pdf_header() -> None:
    for index in range(6):
        data, record = _file("not_pdf", index)
        assert record["error_code"] == "not_pdf"
        assert data and b"%PDF-" not in data[:1024]


def test_truncated_pdf_cannot_be_read() -> None:
    data, record = _file("corrupt")
    assert record["error_code"] == "corrupt" and data.startswith(b"%PDF-")
    with pytest.raises(PdfminerException):
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            "".join(page.extract_text() or "" for page in pdf.pages)
    with pytest.raises(PdfReadError):
        pypdf.PdfReader(io.BytesIO(data), strict=True).pages[0].extract_text()


def test_encrypted_needs_a_user_password() -> None:
    data, record = _file("encrypted")
    assert record["error_code"] == "encrypted"
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert reader.is_encrypted
    assert reader.decrypt("") == pypdf.PasswordType.NOT_DECRYPTED
    with pytest.raises(PdfminerException):
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pdf.pages[0].extract_text()


def test_owner_password_only_opens_and_is_a_normal_letter() -> None:
    data, record = _file("owner_password")
    assert record["error_code"] is None and record["variant"] == "owner_password"
    assert pypdf.PdfReader(io.BytesIO(data)).is_encrypted
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages)
    assert record["raw"]["case_number"] in text
    assert "HOW THE IMR FINAL DETERMINATION WAS MADE" in text


def test_image_only_has_pages_but_no_text() -> None:
    data, record = _file("no_text")
    assert record["error_code"] == "no_text"
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) >= 1
        assert all(not (p.extract_text() or "").strip() for p in pdf.pages)
        assert all(p.images for p in pdf.pages)


def test_unknown_layout_has_text_but_no_determination_headings() -> None:
    for index in range(4):
        data, record = _file("unknown_layout", index)
        assert record["error_code"] == "unknown_layout"
        text = extract_text(data)
        assert len(text) > 100
        for marker in ("MAXIMUS", "DETERMINATION", "MEDICAL PROFESSIONAL REVIEW", "Case Number"):
            assert marker not in text


def test_too_large_is_over_the_default_page_limit() -> None:
    data, record = _file("too_large")
    assert record["error_code"] == "too_large"
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) > TOO_MANY_PAGES
    with pytest.raises(DocumentError) as err:
        extract_text(data, Budget(max_pages=300))
    assert err.value.code.value == "too_large"


def test_bench_describes_a_corpus(tmp_path: Path) -> None:
    from imr_lake.generate.bench import describe

    records = generate_corpus(tmp_path, count=10, seed=4, bad_share=0.3)
    counts = describe(tmp_path)
    assert sum(counts["layout"].values()) == 10
    assert counts["error_code"][None] == sum(1 for r in records if r["error_code"] is None)
    letters = [r for r in records if r["error_code"] is None]
    assert sum(counts["items"].values()) == len(letters)
    assert counts["identifier_kind"]["case_number"] == len(letters)
