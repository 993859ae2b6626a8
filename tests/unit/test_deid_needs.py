"""A pattern's `needs` is a necessary condition: skipping texts without it changes no span."""

from __future__ import annotations

import dataclasses

import pytest
from imr_lake.deid.recognizers import PatternRecognizer, default_recognizers
from imr_lake.deid.recognizers.base import holds

TEXTS = (
    "Seen on 07/25/2013 and July 25, 2013; DOS 7/25; 2013-07-25; 25 July 2013.",
    "Call (213) 555-0123 or fax 213.555.0199; SSN 123-45-6789; claim # 05-123456-01.",
    "Case CM13-0012345, ADJ1234567, MRN: 00123456, member id 77881234.",
    "A 92 year old man, 93 y/o, age: 95, in his 90s; 1234 Wilshire Boulevard, Suite 210.",
    "P.O. Box 1234, Los Angeles, CA 90012; 10 Broadway; Unit 4228 Box 1989; FPO AE 09123.",
    "He moved to Brekkuvik and lives in Lyss; I'm in Tarbes. The claim is administered by 18417.",
    "No digits here at all, only words: moved back home, lives with Dr. Lee.",
    "LL45 2SA and K1A 0B1; zip code is 8741; Belgium 15769; Riverside, CA.",
)


def _without_needs(recognizer: PatternRecognizer) -> PatternRecognizer:
    patterns = [dataclasses.replace(p, needs="") for p, _, _ in recognizer._compiled]
    bare = type(recognizer).__new__(type(recognizer))
    bare.__dict__.update(recognizer.__dict__)
    PatternRecognizer.__init__(bare, patterns)
    bare.NEEDS = ""
    return bare


@pytest.mark.parametrize(
    "recognizer",
    [r for r in default_recognizers() if isinstance(r, PatternRecognizer)],
    ids=lambda r: type(r).__name__,
)
def test_needs_change_no_span(recognizer: PatternRecognizer) -> None:
    bare = _without_needs(recognizer)
    for text in TEXTS:
        assert recognizer.analyze(text) == bare.analyze(text), text


def test_needs_skip_texts_without_them() -> None:
    assert holds("dated 7/25/2013", r"\d") is True
    assert holds("no number", r"\d") is False
    dates = next(r for r in default_recognizers() if type(r).__name__ == "DateRecognizer")
    assert dates.analyze("seen on July twenty-fifth") == []
    assert "[DATE-2013]" in [s.placeholder for s in dates.analyze("seen on July 25, 2013")]
