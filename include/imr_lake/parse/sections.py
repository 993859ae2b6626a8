"""Cut a letter into sections by its headings, however extraction split or joined them.

A heading is given as its words; between words any whitespace (a line break included)
matches, so "IMR ISSUES, DECISIONS AND\\nRATIONALES" is found, and a heading joined with the
next line ("CLINICAL CASE SUMMARY The expert reviewer ...") still ends where its words end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Heading:
    """One heading: its name in the parse and its compiled patterns."""

    name: str
    exact: re.Pattern[str]  # upper case, anywhere
    loose: re.Pattern[str]  # any case, at a line start
    label: str = ""  # its main wording, as reports show it

    @classmethod
    def of(cls, name: str, *phrases: str) -> Heading:
        """`phrases` are alternative wordings; `(S)` style optional parts are literal."""
        body = "|".join(_phrase_pattern(p) for p in phrases)
        return cls(
            name,
            re.compile(rf"(?<![A-Za-z])(?:{body})\s*:?", re.MULTILINE),
            re.compile(rf"^[ \t]*(?:{body})\s*:?", re.MULTILINE | re.IGNORECASE),
            phrases[0],
        )


def _phrase_pattern(phrase: str) -> str:
    words = phrase.split()
    return r"\s+".join(re.escape(w).replace(r"\(S\)", r"(?:\(S\))?") for w in words)


def find_headings(text: str, headings: list[Heading]) -> list[tuple[int, int, str]]:
    """(start, end, name) of the first occurrence of each heading found, in text order."""
    found = []
    for heading in headings:
        m = heading.exact.search(text) or heading.loose.search(text)
        if m:
            found.append((m.start(), m.end(), heading.name))
    found.sort()
    return found


def split_sections(text: str, headings: list[Heading]) -> dict[str, str]:
    """Section name -> its body (heading removed). "_preamble" is the text before the first."""
    found = find_headings(text, headings)
    sections = {"_preamble": text[: found[0][0]] if found else text}
    for i, (_, end, name) in enumerate(found):
        stop = found[i + 1][0] if i + 1 < len(found) else len(text)
        sections[name] = text[end:stop].strip()
    return sections
