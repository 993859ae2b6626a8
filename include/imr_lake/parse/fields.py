"""Patient and reviewer fields read from prose: age, gender, diagnoses, board certification.

Shared by every layout: the sentences are worded alike across layouts ("The patient is a
36 year old male ...", "Board Certified in X, has a subspecialty in Y and is licensed to
practice in Z").
"""

from __future__ import annotations

import re

from imr_lake.parse.text import flatten

_AGE_RE = re.compile(
    r"\b(\d{1,3})[\s-]*(?:(?:year|yr)s?[\s-]*old\b|y/o\b|y\.o\.|yo\b)(?P<rest>[^.;\n]{0,60})",
    re.IGNORECASE,
)
_AGE_ALT_RE = re.compile(r"\b(?:aged?|age of)\s+(\d{1,3})\b", re.IGNORECASE)
_GENDER_WORDS = {
    "male": "Male",
    "man": "Male",
    "gentleman": "Male",
    "female": "Female",
    "woman": "Female",
    "lady": "Female",
}
_GENDER_RE = re.compile(r"\b(male|female|man|woman|gentleman|lady)\b", re.IGNORECASE)
_MAX_AGE = 110  # the oldest a living claimant plausibly is; validation judges the rest


def patient_age(summary: str) -> int | None:
    """The first "N year old" in the summary (the patient is described first)."""
    m = _AGE_RE.search(summary) or _AGE_ALT_RE.search(summary)
    if not m:
        return None
    age = int(m.group(1))
    return age if 0 < age <= _MAX_AGE else None


def patient_gender(summary: str) -> str | None:
    """Gender from the words male/female/man/woman; pronouns alone leave it null.

    The word right after "N year old" wins; else the first such word in the summary.
    """
    m = _AGE_RE.search(summary)
    if m:
        g = _GENDER_RE.search(m.group("rest"))
        if g:
            return _GENDER_WORDS[g.group(1).lower()]
    g = _GENDER_RE.search(summary)
    return _GENDER_WORDS[g.group(1).lower()] if g else None


_DIAGNOSES_RE = re.compile(
    r"(?:(?<!No )\bdiagnos[ie]s\s+(?:of|include|includes|included|are|is|were|was)|"
    r"\bdiagnosed\s+with|\bdiagnos[ie]s\s*:)\s*(?P<list>.+?)"
    r"(?:(?<![\s(]\d)(?<![\s(]\d\d)\.(?=\s|$)|$)",
    re.IGNORECASE | re.DOTALL,
)
_NUMBERED_RE = re.compile(r"(?:^|\s)\(?\d{1,2}[.)]\s+")
_DIAGNOSIS_SPLIT_RE = re.compile(r"\s*(?:;|,\s*and\s+|,|\s+and\s+)\s*")
_LEADING_ARTICLE_RE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def diagnoses(summary: str) -> list[str]:
    """The diagnoses the summary lists: "diagnoses of A, B and C." -> [A, B, C]."""
    m = _DIAGNOSES_RE.search(summary)
    if not m:
        return []
    listed = flatten(m.group("list"))
    if _NUMBERED_RE.search(listed):
        parts = [p for p in _NUMBERED_RE.split(listed) if p.strip()]
        parts = [p.strip(" ,;") for p in parts]
    else:
        parts = _DIAGNOSIS_SPLIT_RE.split(listed)
    out = [_LEADING_ARTICLE_RE.sub("", p.strip(" ,;:")) for p in parts]
    return [p for p in out if p]


_SPECIALTY_RE = re.compile(
    r"Board[\s-]+Certified\s+(?:in|by\s+the\s+American\s+Board\s+of)\s+(?P<spec>.+?)"
    r"(?=,?\s+(?:has\s+a\s+sub-?specialt|and\s+(?:is\s+)?licensed|is\s+licensed|who\b)|[.;\n]|$)",
    re.IGNORECASE | re.DOTALL,
)
_SUBSPECIALTY_RE = re.compile(
    r"has\s+a\s+sub-?specialty\s+in\s+(?P<sub>.+?)(?=,?\s+and\s+(?:is\s+)?licensed|[.;\n,]|$)",
    re.IGNORECASE | re.DOTALL,
)
_LICENSED_RE = re.compile(
    r"licensed\s+to\s+practice\s+(?:medicine\s+)?in\s+(?:the\s+State\s+of\s+)?"
    r"(?P<state>[A-Z][A-Za-z ]+?)(?=[.,;\n]|\s+and\b|\s+He\b|\s+She\b|$)",
)
# The value may wrap onto one more line: a short Title Case line without a colon.
_WRAP_WORD = r"(?:[A-Z][\w'&-]*|and|of|the|&)"
_WRAP = rf"(?-i:(?P<more>\n[ \t]*{_WRAP_WORD}(?:[ \t,;]+{_WRAP_WORD}){{0,5}}[ \t]*(?=\n|$))?)"
_LICENSURE_LINE_RE = re.compile(
    r"State\(?s?\)?\s+of\s+Licensure\s*:\s*(?P<v>[^\n]+)" + _WRAP, re.IGNORECASE
)
_CERT_LINE_RE = re.compile(
    r"Certification\(?s?\)?\s*/\s*Specialt(?:y|ies)\s*:\s*(?P<v>[^\n]+)" + _WRAP, re.IGNORECASE
)
_LIST_SPLIT_RE = re.compile(r"\s*[;,]\s*")


def _joined(value: str) -> str | None:
    parts = [p.strip(" .") for p in _LIST_SPLIT_RE.split(flatten(value))]
    parts = [p for p in parts if p]
    return "; ".join(parts) if parts else None


def _line_value(m: re.Match[str]) -> str:
    """A labelled line's value with its wrapped continuation, if any."""
    return f"{m.group('v')} {m.group('more') or ''}"


def reviewer_specialty(text: str, lines: str | None = None) -> str | None:
    """ "Board Certified in X" or the `Certification(s)/Specialty:` line; several -> "; ".

    `lines` is where to look for the labelled line (default: `text`).
    """
    m = _CERT_LINE_RE.search(lines if lines is not None else text)
    if m:
        return _joined(_line_value(m))
    m = _SPECIALTY_RE.search(flatten(text))
    return _joined(m.group("spec")) if m else None


def reviewer_subspecialty(text: str) -> str | None:
    """Only from "has a subspecialty in Y"."""
    m = _SUBSPECIALTY_RE.search(flatten(text))
    return flatten(m.group("sub")).strip(" .") or None if m else None


def reviewer_licensed_in(text: str, lines: str | None = None) -> str | None:
    """ "licensed to practice in Z" or the `State(s) of Licensure:` line."""
    m = _LICENSURE_LINE_RE.search(lines if lines is not None else text)
    if m:
        return _joined(_line_value(m))
    m = _LICENSED_RE.search(flatten(text))
    return m.group("state").strip() if m else None
