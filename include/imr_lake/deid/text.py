"""Free-text scrubbing: identifiers become typed placeholders, clinical words stay.

The Scrubber runs every recognizer of the registry (one per identifier kind, see
`imr_lake.deid.recognizers`) plus the letter's own identifiers, merges the spans and
replaces each with its placeholder.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from functools import lru_cache

from imr_lake.deid.block import firm_lines
from imr_lake.deid.lexicon import NOT_NAMES
from imr_lake.deid.name_runs import grow_to_runs, sentence_start
from imr_lake.deid.recognizers import (
    DateRecognizer,
    KnownIdentifiersRecognizer,
    PersonRecognizer,
    Recognizer,
    Span,
    default_recognizers,
)
from imr_lake.deid.recognizers.age import TOP_CODED
from imr_lake.deid.vocabulary import core_known_words, known_words, very_common
from imr_lake.model import ParsedLetter

# Spans of these placeholders that only spaces or commas part become one:
# "[ADDRESS], [ADDRESS] [ADDRESS]" (street, city, ZIP) is one address.
_JOINABLE = {"[ADDRESS]": " ,\n", "[NAME]": " \n", "[ORG]": " ,\n"}
_PERSONS = PersonRecognizer()


def letter_texts(letter: ParsedLetter) -> Iterator[str]:
    """Every free-text value of a parsed letter (what the curated rows are made of)."""
    yield from letter.diagnoses
    for value in (
        letter.clinical_summary,
        letter.reviewer_specialty,
        letter.reviewer_subspecialty,
        letter.reviewer_licensed_in,
    ):
        if value:
            yield value
    for item in letter.treatments:
        for value in (
            item.treatment_requested,
            item.claims_administrator_guideline,
            item.reviewer_guideline,
            item.rationale,
        ):
            if value:
                yield value


def names_in_letter(letter: ParsedLetter) -> list[str]:
    """The parser's known names and every name the person recognizer finds in the letter."""
    found = [n for n in letter.known_names if n]
    for text in letter_texts(letter):
        found.extend(text[s.start : s.end] for s in person_spans(text))
    return found


# Texts remembered per process, with their spans: letters repeat many texts word for word
# (guideline citations, specialties, standard rationales), and a text's spans by the
# registry depend on the text and the date policy only. Bounded, so a backfill's memory
# stays flat; the texts stay in this process, as the letters do.
_REMEMBERED = 4096


@lru_cache(maxsize=_REMEMBERED)
def person_spans(text: str) -> tuple[Span, ...]:
    """The person recognizer's spans (asked once for the letter's names, once to scrub)."""
    return tuple(_PERSONS.analyze(text))


class _Persons(Recognizer):
    """The person recognizer through `person_spans`."""

    KIND = PersonRecognizer.KIND

    def analyze(self, text: str) -> list[Span]:
        return list(person_spans(text))


@lru_cache(maxsize=1)
def _undated() -> tuple[tuple[Recognizer, ...], tuple[Recognizer, ...]]:
    """The registry without its dates, parted where the dates stand: the order of the
    spans names the placeholder of equal ones, so the dates go back in their place."""
    undated = [
        _Persons() if isinstance(r, PersonRecognizer) else r
        for r in default_recognizers(keep_dates=True)
    ]
    dated = default_recognizers(keep_dates=False)
    at = next(i for i, r in enumerate(dated) if isinstance(r, DateRecognizer))
    return tuple(undated[:at]), tuple(undated[at:])


@lru_cache(maxsize=_REMEMBERED)
def _undated_spans(text: str) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """The spans of the registry but its dates, which depend on the text alone: letters
    of every decision year share them (a guideline citation in a 2014 and a 2024 letter)."""
    head, tail = _undated()
    return (
        tuple(s for r in head for s in r.analyze(text)),
        tuple(s for r in tail for s in r.analyze(text)),
    )


@lru_cache(maxsize=64)
def _dates(oldest_year: int | None) -> DateRecognizer:
    """One per oldest year (a batch holds letters of a few decision years)."""
    return DateRecognizer(oldest_year=oldest_year)


@lru_cache(maxsize=_REMEMBERED)
def _date_spans(text: str, oldest_year: int | None) -> tuple[Span, ...]:
    return tuple(_dates(oldest_year).analyze(text))


def _registry_spans(text: str, keep_dates: bool, oldest_year: int | None) -> tuple[Span, ...]:
    """The registry's spans: dates kept, or dropped with years up to `oldest_year`."""
    head, tail = _undated_spans(text)
    if keep_dates:
        return head + tail
    return head + _date_spans(text, oldest_year) + tail


def oldest_kept_year(letter: ParsedLetter) -> int | None:
    """Years up to this one would reveal an age over 89 (a birth year): they go too."""
    when = letter.decision_date or letter.letter_date
    reference = when.year if when else date.today().year
    return reference - TOP_CODED - 1


def merge(spans: Iterable[Span], text: str) -> list[Span]:
    """Non-overlapping spans in text order; of overlapping ones the longest names the union."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            longer = last if last.end - last.start >= span.end - span.start else span
            merged[-1] = Span(last.start, max(last.end, span.end), longer.kind, longer.placeholder)
            continue
        if merged and span.placeholder == merged[-1].placeholder in _JOINABLE:
            gap = text[merged[-1].end : span.start]
            if gap.strip(_JOINABLE[span.placeholder]) == "" and len(gap) <= 3:
                last = merged[-1]
                merged[-1] = Span(last.start, span.end, last.kind, last.placeholder)
                continue
        merged.append(span)
    return merged


# A number touching an address or an unknown proper noun is part of it: "Witbakkerstraat
# 455", "83047 657 Ireland St", "Rua Arapiraca 1943, Apt. 5" (house numbers and postal
# codes, before or after the street as countries write them). After the span only when
# a line end, comma, period or another span follows (never "Lindora 12 sessions"); before
# it only with three digits or more, or before an address.
_NUMBER_AFTER = re.compile(
    r"[ \t]\d{1,6}(?:-?\d{1,4})?[A-Za-z]?(?=[ \t]*(?:$|[\n,;]|\.(?:\s|$)|\[))", re.M
)
_NUMBER_BEFORE = re.compile(r"(?:^|(?<=[\s:(]))(?P<n>\d{1,6}(?:-\d{1,4})?)[ \t]+\Z")
_WIDENED = ("[ADDRESS]", "[REDACTED]")


def widen_over_numbers(spans: list[Span], text: str) -> list[Span]:
    """Address and unknown-proper-noun spans take the house numbers and postal codes
    that touch them (the placeholder becomes `[ADDRESS]`)."""
    out: list[Span] = []
    for span in spans:
        if span.placeholder not in _WIDENED:
            out.append(span)
            continue
        start, end = span.start, span.end
        after = _NUMBER_AFTER.match(text, end)
        if after:
            end = after.end()
        before = _NUMBER_BEFORE.search(text, max(0, start - 16), start)
        if before and (
            len(before.group("n").replace("-", "")) >= 3 or span.placeholder == "[ADDRESS]"
        ):
            start = before.start("n")
        if (start, end) != (span.start, span.end):
            span = Span(start, end, span.kind, "[ADDRESS]")
        out.append(span)
    return out


_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]+")
_ECHOED = ("[NAME]", "[ORG]", "[REDACTED]")


def echoes(text: str, spans: list[Span]) -> list[Span]:
    """A word that a span of this text replaced as a name is a name wherever else the
    text writes it: "Tosh had given Tosh his address" (the sentence start hid the first).
    Only rare words echo anywhere (no known vocabulary, no very common English word); an
    everyday word that no clinical or administrative vocabulary holds echoes where it is
    capitalised mid-sentence ("my name is Tore Arvidsson, everyone calls me Tore")."""
    named: dict[str, tuple[str, bool]] = {}  # word -> (placeholder, mid-sentence only)
    for span in spans:
        if span.placeholder in _ECHOED:
            for m in _NAME_WORD.finditer(text, span.start, span.end):
                word = m.group()
                if not word[0].isupper() or word in named:
                    continue
                if not _common(word):
                    named[word] = (span.placeholder, False)
                elif not _content(word):
                    named[word] = (span.placeholder, True)
    out = []
    starts = [s.start for s in spans]
    for word, (placeholder, mid_sentence) in named.items():
        start = text.find(word)
        while start != -1:
            end = start + len(word)
            if (
                _whole_word(text, start, end)
                and not _covered(spans, starts, start)
                and not (mid_sentence and sentence_start(text, start))
            ):
                out.append(Span(start, end, "person", placeholder))
            start = text.find(word, end)
    return out


def _whole_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum())


def _covered(spans: list[Span], starts: list[int], position: int) -> bool:
    i = bisect.bisect_right(starts, position) - 1
    return i >= 0 and spans[i].end > position


@lru_cache(maxsize=1 << 14)
def _content(word: str) -> bool:
    """Clinical, administrative or place vocabulary: never echoes as a name."""
    bare = _unpossessed(word)
    return bare in core_known_words() or bare.capitalize() in NOT_NAMES


@lru_cache(maxsize=1 << 14)
def _common(word: str) -> bool:
    bare = _unpossessed(word)
    return bare in known_words() or very_common(bare) or bare.capitalize() in NOT_NAMES


def _unpossessed(word: str) -> str:
    return word.lower().removesuffix("'s").removesuffix("’s")


class Scrubber:
    """Scrubs the free text of one letter, knowing that letter's own identifiers."""

    def __init__(
        self,
        recognizers: Sequence[Recognizer] | None = None,
        *,
        known: KnownIdentifiersRecognizer | None = None,
        keep_dates: bool = False,
        oldest_year: int | None = None,
    ) -> None:
        """`recognizers`: others than the registry's (whose spans are remembered per text);
        `oldest_year`: years up to it are dropped as dates (see `oldest_kept_year`)."""
        self._own = list(recognizers) if recognizers is not None else None
        self.known = known
        self.keep_dates = keep_dates
        self.oldest_year = oldest_year

    @classmethod
    def for_letter(cls, letter: ParsedLetter, *, keep_dates: bool = False) -> Scrubber:
        known = KnownIdentifiersRecognizer(
            ids=[v for v in (letter.case_number, letter.claim_number) if v],
            names=names_in_letter(letter),
        )
        oldest = None if keep_dates else oldest_kept_year(letter)
        return cls(known=known, keep_dates=keep_dates, oldest_year=oldest)

    def analyze(self, text: str) -> list[Span]:
        """The identifier spans of `text`, merged, in order."""
        if self._own is None:
            spans = list(_registry_spans(text, self.keep_dates, self.oldest_year))
        else:
            spans = [s for r in self._own for s in r.analyze(text)]
        if self.known is not None:
            spans.extend(self.known.analyze(text))
        merged = merge(grow_to_runs(text, widen_over_numbers(merge(spans, text), text)), text)
        again = echoes(text, merged) + firm_lines(text, merged)
        return merge([*merged, *again], text) if again else merged

    def scrub(self, text: str | None) -> str | None:
        if not text:
            return text
        spans = self.analyze(text)
        if not spans:
            return text
        out: list[str] = []
        cursor = 0
        for span in spans:
            out.append(text[cursor : span.start])
            out.append(span.placeholder)
            cursor = span.end
        out.append(text[cursor:])
        return "".join(out)
