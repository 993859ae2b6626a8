"""Free-text scrubbing: identifiers become typed placeholders, clinical words stay.

This is the first, pattern-only version (dates, case/claim/ADJ numbers, phones, emails,
SSNs and the letter's own known identifiers). Issue 5 grows it into one recognizer per
identifier kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from imr_lake.model import ParsedLetter

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})\b")
_SPELLED_DATE = re.compile(rf"\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(\d{{4}})\b")
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("[EMAIL]", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")),
    ("[ID]", re.compile(r"\bCM\d{2}[- ]?\d{5,8}\b", re.IGNORECASE)),
    ("[ID]", re.compile(r"\bADJ\s?\d{5,9}\b", re.IGNORECASE)),
    ("[ID]", re.compile(r"\b\d{3}-\d{2}-\d{4}\b")),
    ("[PHONE]", re.compile(r"(?:\(\d{3}\)\s?|\b\d{3}[-.\s])\d{3}[-.]\d{4}\b")),
]


def _year_of(two_or_four: str) -> str:
    if len(two_or_four) == 4:
        return two_or_four
    return f"20{two_or_four}" if int(two_or_four) < 50 else f"19{two_or_four}"


@dataclass
class Scrubber:
    """Scrubs the free text of one letter, knowing that letter's own identifiers."""

    known_ids: list[str] = field(default_factory=list)
    keep_dates: bool = False

    @classmethod
    def for_letter(cls, letter: ParsedLetter, *, keep_dates: bool = False) -> Scrubber:
        ids = [v for v in (letter.case_number, letter.claim_number) if v]
        return cls(known_ids=ids, keep_dates=keep_dates)

    def scrub(self, text: str | None) -> str | None:
        if text is None:
            return None
        for known in self.known_ids:
            text = text.replace(known, "[ID]")
        for placeholder, pattern in _PATTERNS:
            text = pattern.sub(placeholder, text)
        if not self.keep_dates:
            text = _SPELLED_DATE.sub(lambda m: f"[DATE-{m.group(1)}]", text)
            text = _NUMERIC_DATE.sub(lambda m: f"[DATE-{_year_of(m.group(3))}]", text)
        return text
