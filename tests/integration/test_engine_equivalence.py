"""pypdfium2 is offered as an engine only because it publishes exactly what pdfplumber does.

A generated corpus of every layout and every kind of bad file goes through
process_document with both engines: error codes, determination and treatment records
must be equal, letter by letter. `make bench` repeats the comparison on its whole corpus
(the published lakes of its pdfplumber and pypdfium2 runs).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TEST_KEY
from imr_lake.bench.equivalence import compare_documents, compare_lakes, engine
from imr_lake.generate import generate_corpus
from imr_lake.generate.bad import BAD_KINDS
from imr_lake.pipeline import run_in_process

ENGINES = ("pdfplumber", "pypdfium2")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, list[dict]]:
    folder = tmp_path_factory.mktemp("equivalence")
    truth = generate_corpus(folder, 72, seed=909, bad_share=0.15)
    return folder, truth


def test_the_corpus_covers_every_layout_and_bad_kind(corpus) -> None:
    _, truth = corpus
    layouts = {t["layout"] for t in truth if t["layout"]}
    assert layouts == {"header_table", "letter", "professional_review"}
    codes = {t["error_code"] for t in truth if t["error_code"]}
    assert len(codes) >= len(set(BAD_KINDS)) - 2  # owner_password parses; codes may repeat


def test_records_are_identical_letter_by_letter(corpus) -> None:
    folder, truth = corpus
    result = compare_documents(sorted(folder.glob("*.pdf")), TEST_KEY.encode(), ENGINES)
    assert result.compared == {"letters": len(truth)}
    assert result.differences == []


def test_published_lakes_are_identical(corpus, tmp_path) -> None:
    folder, _ = corpus
    lakes = []
    for name in ENGINES:
        lake = tmp_path / name
        with engine(name):
            summary = run_in_process(
                source=str(folder), lake=str(lake), batch_size=30, max_failed_share=1.0
            )
        assert summary.published > 0 and summary.failed > 0
        lakes.append(str(lake))
    result = compare_lakes(*lakes)
    assert result.compared["determinations"] > 40
    assert result.differences == []


def test_a_difference_is_found(corpus, tmp_path) -> None:
    """The comparison can fail: two lakes of different letters differ."""
    folder, _ = corpus
    small = tmp_path / "small"
    small.mkdir()
    for path in sorted(folder.glob("*.pdf"))[:5]:
        (small / path.name).write_bytes(path.read_bytes())
    for source, name in ((folder, "all"), (small, "few")):
        run_in_process(
            source=str(source), lake=str(tmp_path / name), batch_size=40, max_failed_share=1.0
        )
    result = compare_lakes(str(tmp_path / "all"), str(tmp_path / "few"))
    assert not result.identical
