"""The synthetic corpus: every letter holds what its truth says it holds."""

from __future__ import annotations

import json
from pathlib import Path

import pdfplumber
import pytest
from imr_lake.generate import TRUTH_FILE, generate_corpus
from imr_lake.generate.layouts import writers
from imr_lake.model import ParsedLetter


def _norm(text: str) -> str:
    return " ".join(text.split())


def _text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return _norm(" ".join(page.extract_text() or "" for page in pdf.pages))


def _body(path: Path, record: dict) -> str:
    """The text without page furniture (footers, running headers), pages joined."""
    furniture = set()
    with pdfplumber.open(path) as pdf:
        total = len(pdf.pages)
        furniture = {record["footer"].format(n=n, m=total) for n in range(1, total + 1)}
        furniture.add(record["running_header"])
        lines = [
            line
            for page in pdf.pages
            for line in (page.extract_text() or "").splitlines()
            if line.strip() not in furniture
        ]
    return _norm(" ".join(lines))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    out = tmp_path_factory.mktemp("corpus")
    return out, generate_corpus(out, count=24, seed=7)


def test_truth_file_matches_returned_records(corpus: tuple[Path, list[dict]]) -> None:
    out, records = corpus
    lines = (out / TRUTH_FILE).read_text().splitlines()
    assert [json.loads(line) for line in lines] == records
    assert len(records) == 24
    assert sorted(p.name for p in out.glob("*.pdf")) == sorted(r["file"] for r in records)


def test_raw_truth_has_the_parse_keys(corpus: tuple[Path, list[dict]]) -> None:
    keys = set(ParsedLetter(layout="x").to_json())
    for record in corpus[1]:
        if record["error_code"] is None:
            assert set(record["raw"]) == keys


def test_letters_hold_headings_identifiers_and_items(corpus: tuple[Path, list[dict]]) -> None:
    out, records = corpus
    for record in (r for r in records if r["error_code"] is None):
        text = _text(out / record["file"])
        body = _body(out / record["file"], record)
        for heading in writers()[record["layout"]].headings:
            assert _norm(heading) in text, (record["file"], heading)
        for ident in record["identifiers"]:
            wanted = _norm(ident["text"])
            assert wanted in text or wanted in body, (record["file"], ident)
        for item in record["raw"]["treatments"]:
            assert item["treatment_requested"] in body, (record["file"], item)
            assert item["reviewer_guideline"] in body, (record["file"], item)
            assert item["rationale"] in body, (record["file"], item)
        for phrase in record["clinical_phrases"]:
            assert phrase in body, (record["file"], phrase)
        assert record["raw"]["clinical_summary"] in body, record["file"]
        assert 5 <= len(record["clinical_phrases"]) <= 10


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    a = generate_corpus(tmp_path / "a", count=3, seed=11)
    b = generate_corpus(tmp_path / "b", count=3, seed=11)
    assert a == b
    for record in a:
        assert (tmp_path / "a" / record["file"]).read_bytes() == (
            tmp_path / "b" / record["file"]
        ).read_bytes()
    c = generate_corpus(tmp_path / "c", count=3, seed=12)
    assert [r["raw"]["case_number"] for r in c] != [r["raw"]["case_number"] for r in a]
