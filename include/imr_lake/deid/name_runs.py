"""A firm's name is its whole run of capitalised words: a span found in part of it grows.

The recognizers find an organisation by a piece of it (a legal form, an unknown word) and
stop where their evidence stops, so the rest of the name stays: `[ORG] International`
(`Brevatti Corporation International`), `NOVELL KASTRO [ORG]`, `[ORG]/EUR`. Written names
are runs: words in title case or capitals, parted by one space or `&`. So an `[ORG]` or
unknown-proper-noun span takes the capitalised words that touch it on its line, and a
short code in brackets between two of them (`Ostrava Fund (ex-US) Index`). A word glued
to it by `/` joins whatever it is: it is part of the token.

What stops a run: a function word (`The`, `of`, `in`), the letters' administrative and
guideline words (`[ORG] UR`), a clinical acronym (`[ORG] MRI`), a word in lower case,
punctuation other than the glue, and a period (a sentence may end there). To the left, a
capitalised word at a sentence start joins only when written in capitals (`Yesterday
Morvent Group` keeps `Yesterday`). Before an `[ORG]` (a legal form or a cue found it), a
word in lower case that no vocabulary or everyday English holds is part of the name
(`Harlow vyn Group`, `kestrix Holding SE`). A person's name takes only a word glued to it
by `/`: the closed-world layer walks its run, and `MD` after `[NAME]` is a credential.
"""

from __future__ import annotations

import re
from functools import cache

from imr_lake.deid.recognizers.base import Span
from imr_lake.deid.vocabulary import (
    core_clinical_words,
    function_word,
    guidelines,
    in_vocabulary,
    letters,
    very_common,
)

_GROWN = ("[ORG]", "[REDACTED]")
_NAMES = (*_GROWN, "[NAME]")
# A capitalised word of a name: `International`, `CAP`, `EUR0`, `I.SOL.-S+P`, `Toys'`.
_WORD = r"[A-Z][\w&'’+.-]*"
_AFTER = re.compile(rf"(?:[ \t]+&)?[ \t]+(?:\([^\s()]{{1,12}}\)[ \t]+)?({_WORD})|/({_WORD})")
_BEFORE = re.compile(
    rf"(?<![\w'’&+.-])(?:({_WORD})(?:[ \t]+&)?[ \t]+|([\w.&+-]+)/|([a-z][\w'’&+.-]*)[ \t]+)\Z"
)
_REACH = 40  # characters looked at before a span


def grow_to_runs(text: str, spans: list[Span]) -> list[Span]:
    """`spans` (merged, in order) with each firm or unknown name grown over its run, and a
    person's name over a word glued to it (`[NAME]/EUR`)."""
    if not any(s.placeholder in _NAMES for s in spans):
        return spans
    return [
        _grown(text, s, runs=s.placeholder in _GROWN) if s.placeholder in _NAMES else s
        for s in spans
    ]


def _grown(text: str, span: Span, *, runs: bool) -> Span:
    start, end = span.start, span.end
    while not text[start:end].endswith("."):
        after = _AFTER.match(text, end)
        if not after:
            break
        word, glued = after.group(1) or after.group(2), after.group(2) is not None
        if function_word(word) or (not glued and (not runs or _stays(word))):
            break
        end = after.end()
    while before := _BEFORE.search(text, max(0, start - _REACH), start):
        word, lower = before.group(1), before.group(3)
        if word is not None and (
            not runs
            or word.endswith(".")
            or _stays(word)
            or (sentence_start(text, before.start()) and not word.isupper())
        ):
            break
        if lower is not None and (span.placeholder != "[ORG]" or _known(lower)):
            break
        start = before.start()
    if (start, end) == (span.start, span.end):
        return span
    return Span(start, end, span.kind, span.placeholder)


def _stays(word: str) -> bool:
    """A word no run takes: a function word, the letters' and guidelines' own words (`UR`,
    `MTUS`, `PR-2`), a clinical acronym (`MRI` in `Kaiser MRI`)."""
    bare = word.rstrip(".").lower()
    return (
        function_word(word)
        or bare in _administrative()
        or (word.isupper() and len(bare) <= 5 and bare in core_clinical_words())
    )


def _known(word: str) -> bool:
    bare = word.rstrip(".")
    return in_vocabulary(bare) or very_common(bare)


@cache
def _administrative() -> frozenset[str]:
    return letters.words() | guidelines.words()


def sentence_start(text: str, start: int) -> bool:
    """Only blanks, quotes or a bracket between `start` and a sentence's end or the text's
    start (looked for within `_REACH` characters)."""
    before = text[max(0, start - _REACH) : start].rstrip(" \t\"“'(")
    return not before or before[-1] in ".!?:;\n"
