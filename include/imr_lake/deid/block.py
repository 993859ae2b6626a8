"""The lines of a signature or address block between a person's name and the address.

A block is written as lines: a name, then its title or its firm, then the postal address
(UPU S42 puts the addressee and the organisation before the delivery point). Where a line
of the text is a name (every word of it already replaced) and a later line holds an
address span, the one or two lines between them name the firm or its department, however
common their words (`Rapid Cycle Solutions`, `Consumer Reports`, `BCG`): each such line
written in title case or as one token becomes `[ORG]`. A job title in lower case
(`Technical recruiter`) stays, and so does a line of clinical words only.
"""

from __future__ import annotations

import re

from imr_lake.deid.recognizers.base import Span
from imr_lake.deid.vocabulary import core_clinical_words

_BETWEEN = 2  # lines between the name and the address
_MAX_WORDS = 10
_LINE = re.compile(r"[^\n]+")
# What a list prints before each line of a block (`??? `, `}} `, `- `).
_MARK = re.compile(r"[^\w(\[]*")
_CONNECTORS = frozenset("of and & the de la du des del der van von for".split())
_NAMED = ("[NAME]", "[REDACTED]", "[ORG]")
_NUMBER = re.compile(r"\d\d")  # a house number or postal code in an unknown proper noun


def firm_lines(text: str, spans: list[Span]) -> list[Span]:
    """`[ORG]` spans for the firm lines of the text's blocks (spans: merged, in order)."""
    if "\n" not in text or not spans:
        return []
    lines = [
        (m.start() + len(_MARK.match(m.group()).group()), m.end()) for m in _LINE.finditer(text)
    ]
    out: list[Span] = []
    for i, (start, end) in enumerate(lines):
        if not _holds_address(text, spans, start, end):
            continue
        for name in range(max(0, i - _BETWEEN - 1), i - 1):
            if not _replaced(text, spans, *lines[name]):
                continue
            out.extend(
                Span(a, b, "organization", "[ORG]")
                for a, b in lines[name + 1 : i]
                if _firm_shaped(text[a:b]) and not _covered(spans, a, b)
            )
            break
    return out


def _holds_address(text: str, spans: list[Span], start: int, end: int) -> bool:
    """An address span starts on the line (or an unknown proper noun with its number,
    which the merge may have named so: `Ikkou and Μυκόνου 241`)."""
    return any(
        start <= s.start < end
        and (
            s.placeholder == "[ADDRESS]"
            or s.placeholder == "[REDACTED]"
            and _NUMBER.search(text, s.start, s.end)
        )
        for s in spans
    )


def _replaced(text: str, spans: list[Span], start: int, end: int) -> bool:
    """Every letter of the line is inside a name span (`[NAME]`, `[REDACTED]`, `[ORG]`)."""
    inside = [s for s in spans if s.start < end and s.end > start and s.placeholder in _NAMED]
    if not inside:
        return False
    kept = "".join(
        c
        for j, c in enumerate(text[start:end], start)
        if not any(s.start <= j < s.end for s in inside)
    )
    return not any(c.isalpha() for c in kept)


def _covered(spans: list[Span], start: int, end: int) -> bool:
    return any(s.start <= start and s.end >= end for s in spans)


def _firm_shaped(line: str) -> bool:
    """Title case or capitals word by word (figures and signs between), or one token; not
    clinical words only."""
    words = line.split()
    if not words or len(words) > _MAX_WORDS:
        return False
    if len(words) > 1 and not all(
        w[0].isupper() or w[0].isdigit() or w in _CONNECTORS for w in words
    ):
        return False
    letters = [re.sub(r"[^\w]", "", w).lower() for w in words]
    return not all(w in core_clinical_words() for w in letters if w)
