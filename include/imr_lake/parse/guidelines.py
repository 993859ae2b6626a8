"""Guideline citations: cleaning what a letter states and naming its sources.

"Decision based on MTUS Chronic Pain ... Page(s): 98-99." becomes the citation
"MTUS Chronic Pain ... Page(s): 98-99" with sources ["MTUS"]. Sources are listed in the
fixed order MTUS, ACOEM, ODG, Other.
"""

from __future__ import annotations

import re

from imr_lake.parse.text import flatten

_LEAD_RE = re.compile(
    r"^(?:(?:the\s+)?(?:decision|determination)\s+(?:was\s+)?based\s+on\s+(?:the\s+)?|"
    r"based\s+on\s+(?:the\s+)?|(?:the\s+)?(?:claims\s+administrator|expert\s+reviewer|"
    r"professional\s+reviewer|reviewer)\s+based\s+(?:his|her|his/her|its|their)\s+"
    r"decision\s+on\s+(?:the\s+)?)",
    re.IGNORECASE,
)
_TRAIL_RE = re.compile(r"[\s.]+$")
_SOURCE_RES = (
    (
        "MTUS",
        re.compile(
            r"(?<![-\w])(?<!Non )(?:CA\s+)?MTUS\b|Medical Treatment Utilization Schedule", re.I
        ),
    ),
    ("ACOEM", re.compile(r"\bACOEM\b|American College of Occupational and Environmental", re.I)),
    ("ODG", re.compile(r"\bODG\b|Official Disability Guidelines?", re.I)),
)
# Where one source ends and the next begins: "; ", ", and the ", " and ACOEM ..."
_SEGMENT_RE = re.compile(
    r";|,?\s+and\s+the\s+|\s+and\s+(?=(?:MTUS|ACOEM|ODG|Official|Non-?\s?MTUS)\b)", re.I
)
_NAMED_RE = re.compile(r"[A-Z][A-Za-z]{2,}")
_NONE_RE = re.compile(r"^(?:none|not\s+(?:stated|cited|provided|specified)|n/?a)\b", re.I)


def clean_citation(text: str | None) -> str | None:
    """The citation as stated, without "Decision based on" and the trailing period."""
    if not text:
        return None
    value = _TRAIL_RE.sub("", _LEAD_RE.sub("", flatten(text)))
    return value or None


def guideline_sources(citation: str | None) -> list[str]:
    """Sources named in a reviewer citation: MTUS, ACOEM, ODG and Other, in that order.

    The citation is cut into segments at "; " and "and the"; a segment naming none of the
    three known sources (a Non-MTUS citation, literature) adds Other.
    """
    if not citation or _NONE_RE.match(citation):
        return []
    found = [name for name, pattern in _SOURCE_RES if pattern.search(citation)]
    if any(_is_other(part) for part in _SEGMENT_RE.split(citation)):
        found.append("Other")
    return found


def _is_other(segment: str) -> bool:
    """A segment that names a source, but none of MTUS, ACOEM and ODG.

    "Non-MTUS Citation: Official Disability Guidelines" is ODG; "Non-MTUS Citation:
    Cochrane Review" is Other.
    """
    if any(pattern.search(segment) for _, pattern in _SOURCE_RES):
        return False
    return bool(_NAMED_RE.search(segment))


_ABBREVIATIONS = frozenset(
    "al ed eds no nos vol vols pp p pg pgs dr mr ms mrs jr sr st inc co corp fig ch chap "
    "sec approx ref rev suppl etc vs e.g i.e".split()
)
_PERIOD_RE = re.compile(r"\.(?=\s+[A-Z(\"'\u201c\u2018])")
_TOKEN_BEFORE_RE = re.compile(r"([A-Za-z.]+)$")


def first_sentence(text: str) -> str:
    """`text` up to the first sentence end that is not an abbreviation ("et al.", "J.")."""
    flat = flatten(text)
    for m in _PERIOD_RE.finditer(flat):
        token = _TOKEN_BEFORE_RE.search(flat, 0, m.start())
        word = token.group(1).lower().strip(".") if token else ""
        if word and (len(word) == 1 or word in _ABBREVIATIONS or "." in word):
            continue
        return flat[: m.start()]
    return flat


_WHY_RE = re.compile(
    r"(?:The|This|These|Those|It|Such|Per|Guidelines?)\b(?:[^.]|\.(?!\s)){0,250}?"
    r"\b(?:address(?:es|ed)?|"
    r"used|relied|select(?:ed)?|chosen|appropriate|relevant|applies|apply|applicable|"
    r"pertinent|because)\b"
)


def citation_before_why(text: str) -> str:
    """A citation followed by a sentence on why it was chosen: the citation alone.

    Citations hold periods of their own (author initials, journal titles), so the cut is
    at the first sentence that reads like an explanation, not at the first period.
    """
    flat = flatten(text)
    for m in _PERIOD_RE.finditer(flat):
        if _WHY_RE.match(flat, m.end() + 1):
            return flat[: m.start()]
    return flat
