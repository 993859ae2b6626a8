"""The benchmark corpus is generated once and reused; stage timers add up."""

from __future__ import annotations

import imr_lake.generate
import pytest
from imr_lake.bench.corpus import corpus_info, ensure_corpus
from imr_lake.config import extract_engine
from imr_lake.errors import ConfigurationError
from imr_lake.timing import StageTimer, sum_seconds


def test_corpus_is_generated_once_then_reused(tmp_path, monkeypatch) -> None:
    folder = ensure_corpus(tmp_path, 6, seed=5)
    assert len(list(folder.glob("*.pdf"))) == 6
    info = corpus_info(folder)
    assert sum(info["layouts"].values()) == 6 and len(info["layouts"]) == 3  # mixed layouts

    def fail(*args, **kwargs):
        raise AssertionError("generated again")

    monkeypatch.setattr(imr_lake.generate, "generate_corpus", fail)
    assert ensure_corpus(tmp_path, 6, seed=5) == folder


def test_an_unfinished_corpus_is_generated_again(tmp_path) -> None:
    folder = ensure_corpus(tmp_path, 3, seed=5)
    (folder / ".complete.json").unlink()
    (folder / "imr_000001.pdf").unlink()
    assert len(list(ensure_corpus(tmp_path, 3, seed=5).glob("*.pdf"))) == 3


def test_stage_timer_counts_a_stage_that_raises() -> None:
    timer = StageTimer()
    with pytest.raises(ValueError), timer.stage("parse"):
        raise ValueError("bad letter")
    timer.add("parse", 1.0)
    assert set(timer.seconds) == {"parse"} and timer.seconds["parse"] >= 1.0
    assert sum_seconds([{"a": 1.0}, {"a": 2.0, "b": 0.5}]) == {"a": 3.0, "b": 0.5}


def test_extract_engine_setting(monkeypatch) -> None:
    monkeypatch.delenv("IMR_EXTRACT_ENGINE", raising=False)
    assert extract_engine() == "pdfplumber"
    monkeypatch.setenv("IMR_EXTRACT_ENGINE", "PyPDFium2")
    assert extract_engine() == "pypdfium2"
    monkeypatch.setenv("IMR_EXTRACT_ENGINE", "tesseract")
    with pytest.raises(ConfigurationError, match="IMR_EXTRACT_ENGINE"):
        extract_engine()
