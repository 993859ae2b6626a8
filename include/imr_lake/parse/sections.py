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
    glued: re.Pattern[str] | None = None  # Title Case, glued to the line before, ends its line

    def search(self, text: str) -> re.Match[str] | None:
        """The heading's first place: in capitals anywhere, any case at a line start, or
        in Title Case glued to the line before."""
        m = self.exact.search(text) or self.loose.search(text)
        return m or (self.glued.search(text) if self.glued is not None else None)

    @classmethod
    def of(cls, name: str, *phrases: str) -> Heading:
        """`phrases` are alternative wordings; `(S)` style optional parts are literal."""
        body = "|".join(_phrase_pattern(p) for p in phrases)
        titled = "|".join(_titled_pattern(p) for p in phrases)
        return cls(
            name,
            re.compile(rf"(?<![A-Za-z])(?:{body})\s*:?", re.MULTILINE),
            re.compile(rf"^[ \t]*(?:{body})\s*:?", re.MULTILINE | re.IGNORECASE),
            phrases[0],
            re.compile(rf"(?<![A-Za-z])(?:{titled})[ \t]*:?[ \t]*$", re.MULTILINE),
        )


def _phrase_pattern(phrase: str) -> str:
    words = phrase.split()
    return r"\s+".join(re.escape(w).replace(r"\(S\)", r"(?:\(S\))?") for w in words)


def _titled_pattern(phrase: str) -> str:
    """The phrase in any casing whose long words start with a capital ("Clinical Case
    Summary", "IMR Decision(s) and Rationale(s)"): a heading glued to the line before in
    Title Case, told from running prose ("the following case summary") by its capitals."""
    parts = []
    for word in phrase.split():
        rest = re.escape(word[1:]).replace(r"\(S\)", r"(?:\(S\))?")
        if len(word) > 3 and word[0].isalpha():
            parts.append(f"{re.escape(word[0].upper())}(?i:{rest})")
        else:
            parts.append(f"(?i:{re.escape(word[0])}{rest})")
    return r"\s+".join(parts)


def find_headings(text: str, headings: list[Heading]) -> list[tuple[int, int, str]]:
    """(start, end, name) of the first occurrence of each heading found, in text order."""
    found = []
    for heading in headings:
        m = heading.search(text)
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
