"""Label/value pairs of a letter's header grid or label block ("Date of Injury: 02/10/2012").

Values are typed (a date, a case number, a priority word), so a blank value followed by
the next label on the same line reads as null instead of swallowing the next label.
"""

from __future__ import annotations

import re
from datetime import date

from imr_lake.parse.dates import DATE_PATTERN, _from_match

_LABEL_GAP = r"[ \t]*[:.]?[ \t]*(?:\n[ \t]*)?"
CASE_NUMBER_RE = re.compile(r"\b(CM\d{2}-\d{5,8})\b")
_PRIORITY_RE = re.compile(r"\b(Standard|Expedited|Regular|Urgent)\b", re.IGNORECASE)
_PRIORITY_NORMAL = {"standard": "Standard", "regular": "Standard", "expedited": "Expedited"}
_PRIORITY_NORMAL["urgent"] = "Expedited"


def label_pattern(*labels: str) -> str:
    """A regex for any of `labels` followed by its colon; inner spaces match any spacing."""
    alternatives = "|".join(r"\s+".join(re.escape(w) for w in label.split()) for label in labels)
    return rf"(?<![A-Za-z])(?:{alternatives}){_LABEL_GAP}"


class DateLabel:
    """A labelled date; `None` when the label is missing or its value is blank."""

    def __init__(self, *labels: str) -> None:
        self._re = re.compile(label_pattern(*labels) + rf"(?:{DATE_PATTERN})", re.IGNORECASE)
        self._label_re = re.compile(label_pattern(*labels), re.IGNORECASE)

    def find(self, text: str) -> date | None:
        m = self._re.search(text)
        return _from_match(m) if m else None


class CaseNumberLabel:
    """The IMR case number (CM13-0012345) after its label, else the first one anywhere."""

    def __init__(self, *labels: str) -> None:
        self._re = re.compile(label_pattern(*labels) + r"(CM\d{2}-\d{5,8})", re.IGNORECASE)

    def find(self, text: str) -> str | None:
        m = self._re.search(text) or CASE_NUMBER_RE.search(text)
        return m.group(1).upper() if m else None


class PriorityLabel:
    """`Priority: Standard` / `Expedited`; other or blank values are null."""

    def __init__(self, *labels: str) -> None:
        self._re = re.compile(label_pattern(*labels) + _PRIORITY_RE.pattern, re.IGNORECASE)

    def find(self, text: str) -> str | None:
        m = self._re.search(text)
        return _PRIORITY_NORMAL.get(m.group(1).lower()) if m else None


_NEXT_LABEL_RE = re.compile(r"\s{1,}[A-Z][A-Za-z()'/ ]{1,40}:")


class ClaimNumberLabel:
    """A claim number: the rest of its line, up to the next label on that line."""

    def __init__(self, *labels: str) -> None:
        gap = _LABEL_GAP.replace(r"(?:\n[ \t]*)?", "")
        self._re = re.compile(rf"{label_pattern(*labels)[: -len(_LABEL_GAP)]}{gap}([^\n]*)", re.I)

    def find(self, text: str) -> str | None:
        m = self._re.search(text)
        if not m:
            return None
        value = m.group(1)
        nxt = _NEXT_LABEL_RE.search(" " + value)
        if nxt:
            value = (" " + value)[: nxt.start()]
        value = value.strip(" :;,")
        return value or None
