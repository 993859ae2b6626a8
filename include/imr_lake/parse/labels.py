"""Label/value pairs of a letter's header grid or label block ("Date of Injury: 02/10/2012").

Values are typed (a date, a case number, a priority word), so a blank value followed by
the next label on the same line reads as null instead of swallowing the next label.
"""

from __future__ import annotations

import re
from datetime import date

from imr_lake.parse.dates import DATE_PATTERN, date_from_match

_LABEL_GAP = r"[ \t]*[:.]?[ \t]*"
_NEXT_LINE = r"(?:\n[ \t]*)?"  # a value below its label
CASE_NUMBER_RE = re.compile(r"\b(CM\d{2}-\d{5,8})\b")
_PRIORITY_RE = re.compile(r"\b(Standard|Expedited|Regular|Urgent)\b", re.IGNORECASE)
_PRIORITY_NORMAL = {
    "standard": "Standard",
    "regular": "Standard",
    "expedited": "Expedited",
    "urgent": "Expedited",
}


def label_pattern(*labels: str, next_line: bool = True) -> str:
    """A regex for any of `labels` followed by its colon; inner spaces match any spacing.

    With `next_line` the value may sit on the line below its label.
    """
    alternatives = "|".join(r"\s+".join(re.escape(w) for w in label.split()) for label in labels)
    return rf"(?<![A-Za-z])(?:{alternatives}){_LABEL_GAP}{_NEXT_LINE if next_line else ''}"


class DateLabel:
    """A labelled date; `None` when the label is missing or its value is blank."""

    def __init__(self, *labels: str) -> None:
        self._re = re.compile(label_pattern(*labels) + rf"(?:{DATE_PATTERN})", re.IGNORECASE)

    def find(self, text: str) -> date | None:
        m = self._re.search(text)
        return date_from_match(m) if m else None


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
        self._re = re.compile(label_pattern(*labels, next_line=False) + r"([^\n]*)", re.I)

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


# Stacked grids: a row of labels, then a row of their values ("Case Number: Date Assigned:"
# / "CM13-0012345 08/01/2013"), as a table with the label above the value extracts.
_LABEL_TYPES = {
    "IMR Case Number": "case",
    "Case Number": "case",
    "Date Assigned": "date",
    "Date of Injury": "date",
    "Decision Date": "date",
    "UR Denial Date": "date",
    "Application Received": "date",
    "Dated": "date",
    "Priority": "priority",
    "Claim Number": "text",
    "Claims Number": "text",
    "WCAB Case Number": "text",
    "Employee": "text",
    "Employer": "text",
    "Claims Administrator": "text",
    "Requesting Physician": "text",
    "Requesting Provider": "text",
}
_ANY_LABEL = "|".join(
    r"\s+".join(map(re.escape, label.split()))
    for label in sorted(_LABEL_TYPES, key=len, reverse=True)
)
_LABEL_ROW_RE = re.compile(rf"^(?:[ \t]*(?:{_ANY_LABEL})[ \t]*:)+[ \t]*$")
_ONE_LABEL_RE = re.compile(rf"(?P<label>{_ANY_LABEL})[ \t]*:")
_VALUE_TOKEN_RE = re.compile(
    rf"(?P<date>{DATE_PATTERN})|(?P<case>CM\d{{2}}-\d{{5,8}})\b|"
    r"(?P<priority>Standard|Expedited|Regular|Urgent)\b|(?P<text>\S+)",
    re.IGNORECASE,
)
_KINDS = ("date", "case", "priority", "text")
_LABEL_KEYS = {" ".join(label.lower().split()): kind for label, kind in _LABEL_TYPES.items()}
_MAX_VALUE_ROW = 120


def _typed_tokens(line: str) -> list[tuple[str, str]]:
    """(kind, text) of each value on a row: a date, a case number, a priority or a word."""
    out = []
    for m in _VALUE_TOKEN_RE.finditer(line):
        kind = next(k for k in _KINDS if m.group(k) is not None)
        out.append((kind, m.group(0)))
    return out


def _assign(labels: list[str], values: str) -> str:
    """ "L1: L2:" + "v1 v2" -> "L1: v1 L2: v2", matching values to labels by type.

    A label whose value is blank gets nothing: the next value's type does not fit it.
    """
    tokens = _typed_tokens(values)
    parts = []
    for label in labels:
        kind = _LABEL_KEYS[" ".join(label.lower().split())]
        taken: list[str] = []
        if kind == "text":
            while tokens and tokens[0][0] == "text":
                taken.append(tokens.pop(0)[1])
        elif tokens and tokens[0][0] == kind:
            taken.append(tokens.pop(0)[1])
        parts.append(f"{label}: {' '.join(taken)}".rstrip())
    return " ".join(parts)


def _is_value_row(line: str) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > _MAX_VALUE_ROW or _ONE_LABEL_RE.search(stripped):
        return False
    return not (stripped.isupper() and len(stripped.split()) > 2)  # a heading


def unstack(block: str) -> str:
    """A label block with stacked rows rewritten as "Label: value" rows."""
    if ":\n" not in block:
        return block
    lines = block.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if _LABEL_ROW_RE.match(line) and _is_value_row(nxt):
            labels = [m.group("label") for m in _ONE_LABEL_RE.finditer(line)]
            out.append(_assign(labels, nxt))
            i += 2
            continue
        out.append(line)
        i += 1
    return "\n".join(out)
