"""The synthetic corpus: every letter holds what its truth says it holds."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from imr_lake.generate import TRUTH_FILE, generate_corpus
from imr_lake.generate.fake import DATE_STYLES
from imr_lake.generate.layouts import writers
from imr_lake.generate.truth import curated
from imr_lake.model import ParsedLetter
from imr_lake.schema import GUIDELINE_SOURCES, LAYOUTS, TREATMENT_CATEGORIES


def _norm(text: str) -> str:
    return " ".join(text.split())


def _texts(path: Path, record: dict) -> tuple[str, str]:
    """The whole text, and the body without page furniture (footers, running headers)."""
    with pdfplumber.open(path) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    total = len(pages)
    furniture = {record["footer"].format(n=n, m=total) for n in range(1, total + 1)}
    furniture |= {record["running_header"], record["footer_note"]}
    lines = [line for page in pages for line in page.splitlines() if line.strip() not in furniture]
    return _norm(" ".join(pages)), _norm(" ".join(lines))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    out = tmp_path_factory.mktemp("corpus")
    return out, generate_corpus(out, count=24, seed=7)


@pytest.fixture(scope="module")
def texts(corpus: tuple[Path, list[dict]]) -> dict[str, tuple[str, str]]:
    """Each letter's text and body, extracted once for all tests."""
    out, records = corpus
    return {r["file"]: _texts(out / r["file"], r) for r in records if r["error_code"] is None}


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


def test_letters_hold_headings_identifiers_and_items(
    corpus: tuple[Path, list[dict]], texts: dict[str, tuple[str, str]]
) -> None:
    out, records = corpus
    for record in (r for r in records if r["error_code"] is None):
        text, body = texts[record["file"]]
        writer = writers()[record["layout"]]
        for heading in getattr(writer, "wording_headings", {}).get(
            record["wording"], writer.headings
        ):
            # some letters print their headings in Title Case
            assert _norm(heading).lower() in text.lower(), (record["file"], heading)
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


def test_corpus_covers_layouts_categories_decisions_and_sources(
    corpus: tuple[Path, list[dict]],
) -> None:
    letters = [r for r in corpus[1] if r["error_code"] is None]
    assert {r["layout"] for r in letters} == set(LAYOUTS)
    items = [t for r in letters for t in r["raw"]["treatments"]]
    assert {t["treatment_category"] for t in items} == set(TREATMENT_CATEGORIES)
    assert {t["decision"] for t in items} == {"Upheld", "Overturned"}
    assert {s for t in items for s in t["guideline_sources"]} == set(GUIDELINE_SOURCES)
    for r in letters:
        assert [t["item_number"] for t in r["raw"]["treatments"]] == list(
            range(1, r["raw"]["treatment_count"] + 1)
        )


def test_letter_layout_states_dated_not_decision_date(corpus: tuple[Path, list[dict]]) -> None:
    for r in corpus[1]:
        if r["layout"] == "letter":
            assert r["raw"]["decision_date"] is None and r["raw"]["letter_date"]
            assert r["raw"]["decision_year"] == int(r["raw"]["letter_date"][:4])
        elif r["layout"]:
            assert r["raw"]["decision_date"] and r["raw"]["letter_date"] is None


def test_curated_truth_top_codes_ages_and_counts_days() -> None:
    letter = ParsedLetter(
        layout="header_table",
        decision_date=date(2014, 3, 10),
        ur_denial_date=date(2014, 1, 9),
        injury_date=date(2011, 5, 2),
        patient_age=93,
    )
    cur = curated(letter)
    assert cur["patient_age"] == 90 and cur["patient_age_band"] == "90+"
    assert cur["days_ur_denial_to_decision"] == 60
    assert (cur["decision_year"], cur["injury_year"], cur["ur_denial_year"]) == (2014, 2011, 2014)
    assert cur["application_year"] is None
    letter.patient_age = 29
    assert curated(letter)["patient_age_band"] == "18-29"
    letter.patient_age = 80
    assert curated(letter)["patient_age_band"] == "80-89"


def test_identifiers_are_planted_in_many_kinds(tmp_path: Path) -> None:
    records = generate_corpus(tmp_path, count=30, seed=3, layouts=["letter"])
    kinds = {i["kind"] for r in records for i in r["identifiers"]}
    assert {"name", "date", "case_number", "claim_number", "address", "city", "zip"} <= kinds
    assert {"insurer", "phone", "fax", "email", "adj_number", "mrn", "url", "ssn"} <= kinds


def test_some_letters_use_typographic_apostrophes(corpus: tuple[Path, list[dict]]) -> None:
    dumped = [json.dumps(r["raw"], ensure_ascii=False) for r in corpus[1] if r["raw"]]
    assert any("\u2019" in d for d in dumped)
    assert any("'" in d for d in dumped)


def test_cli_rejects_unknown_layouts(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from imr_lake.cli import main

    assert (
        main(
            [
                "generate",
                "--out",
                str(tmp_path),
                "--count",
                "1",
                "--seed",
                "1",
                "--layouts",
                "nonsense",
            ]
        )
        == 2
    )
    assert "unknown layouts" in capsys.readouterr().err
    assert main(["generate", "--out", str(tmp_path), "--count", "2", "--seed", "1"]) == 0
    assert len((tmp_path / TRUTH_FILE).read_text().splitlines()) == 2


def test_structured_truth_is_printed_in_the_letter(
    corpus: tuple[Path, list[dict]], texts: dict[str, tuple[str, str]]
) -> None:
    out, records = corpus
    for record in (r for r in records if r["error_code"] is None):
        raw = record["raw"]
        text, body = texts[record["file"]]
        assert raw["case_number"] is None or raw["case_number"] in text
        for key in ("decision_date", "letter_date", "injury_date", "application_date"):
            if raw[key]:
                when = date.fromisoformat(raw[key])
                assert any(fmt(when) in text for fmt in DATE_STYLES.values()), (record, key)
        if raw["patient_age"] is not None:
            assert f"{raw['patient_age']}" in text
        if raw["priority"]:
            assert "Priority:" in text and raw["priority"] in text
        for dx in raw["diagnoses"]:
            assert dx in text or dx in body
        if raw["reviewer_licensed_in"]:
            assert raw["reviewer_licensed_in"] in text
        for spec in (raw["reviewer_specialty"] or "").split("; "):
            assert spec in text
        for item in raw["treatments"]:
            word = {"letter": " medically necessary and appropriate"}.get(record["layout"])
            if word is None:
                assert f"{item['treatment_requested']}: {item['decision']}" in text
            else:
                verdict = " not" if item["decision"] == "Upheld" else ""
                stated = f"{item['treatment_requested']} is{verdict}{word}"
                # "notmedically", "isnot": spaces lost as extraction loses them
                assert stated.replace(" ", "") in text.replace(" ", ""), stated
