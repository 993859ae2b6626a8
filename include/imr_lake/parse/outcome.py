"""Decisions written as prose rather than `Upheld`/`Overturned`.

"is not medically necessary and appropriate" upholds the denial; "is medically necessary
and appropriate" overturns it. A letter's summary may say UPHOLD, OVERTURN, or
"OVERTURN in part and UPHOLD in part": a fallback only, the items decide.
"""

from __future__ import annotations

import re

from imr_lake.model import OVERTURNED, UPHELD

NECESSITY_RE = re.compile(
    r"\s*\b(?:is|are|was|were|remains?)\s*(?P<neg>not\s*)?(?:considered\s+)?"
    r"medically\s*necessary(?:\s*(?:and|or)\s*appropriate)?\b\.?",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r":?\s*\b(?P<word>Upheld|Overturned)\b\.?\s*$", re.IGNORECASE)
_SUMMARY_RE = re.compile(
    r"(?:Final\s+Determination|we\s+(?:have\s+)?(?:decided|determined)\s+to)\s*:?\s*"
    r"(?P<first>UPHOLD|OVERTURN)\w*(?P<partial>\s+(?:IN\s+PART|in\s+part))?",
    re.IGNORECASE,
)


def necessity_decision(text: str) -> str | None:
    """The decision in the last "is (not) medically necessary" phrase of `text`."""
    last = None
    for m in NECESSITY_RE.finditer(text):
        last = m
    if last is None:
        return None
    return UPHELD if last.group("neg") else OVERTURNED


def trailing_word_decision(text: str) -> tuple[str, str | None]:
    """("Norco 10/325: Upheld") -> ("Norco 10/325", "Upheld")."""
    m = _WORD_RE.search(text)
    if not m:
        return text, None
    word = UPHELD if m.group("word").lower() == "upheld" else OVERTURNED
    return text[: m.start()], word


def summary_outcome(text: str) -> str | None:
    """The letter-level outcome: Upheld, Overturned, Partially Overturned, or None."""
    m = _SUMMARY_RE.search(text)
    if not m:
        return None
    if m.group("partial"):
        return "Partially Overturned"
    return UPHELD if m.group("first").upper().startswith("UPHOLD") else OVERTURNED
