"""Corpus (d) on a small sample: clinical phrases from ICD-10-CM and the issue's list stay."""

from __future__ import annotations

import pytest
from imr_lake.deid.evaluate import ours, score
from imr_lake.deid.measure_keep import ISSUE_PHRASES, icd_phrases, samples

pytest.importorskip("simple_icd_10_cm")


def test_issue_phrases_all_stay_and_a_scrubber_of_everything_keeps_nothing() -> None:
    corpus = samples(list(ISSUE_PHRASES), 3, 100)
    assert score(ours(), corpus).keep_rate == 1.0
    everything = score(lambda text: [(0, len(text))], corpus)
    assert everything.keep_rate == 0.0
    assert everything.placeholders == len(corpus)


def test_icd_descriptions_mostly_stay() -> None:
    phrases = icd_phrases()
    assert any("Dupuytren" in p for p in phrases) and len(phrases) > 5000
    result = score(ours(), samples(phrases, 9, 150))
    assert result.keep_rate >= 0.93
