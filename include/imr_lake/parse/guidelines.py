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
_OTHER_RE = re.compile(
    r"Non-?\s?MTUS|\bet al\b|journal|\bJ\.|literature|\bstudy\b|\bstudies\b|review of|"
    r"Medicare|National Guideline|Clearinghouse|\bAHRQ\b|Agency for Health|American (?:Academy|"
    r"Society|Association|College of (?!Occupational))|\bAMA\b|\bFDA\b|UpToDate|Cochrane|"
    r"Work Loss Data|Institute|Foundation|Physicians'? Desk|\bPDR\b|Harrison|Spine Journal|"
    r"\bNIH\b|\bNICE\b|Colorado|Washington State|Guidelines? of the|Practice Parameter|"
    r"DWC|Milliman|InterQual|MCG\b|Hayes|Mayo|WebMD|Medscape|Lancet|\bBMJ\b|\bJAMA\b|"
    r"\(\d{4}\)|\b(?:19|20)\d{2};",
    re.IGNORECASE,
)
_NONE_RE = re.compile(r"^(?:none|not\s+(?:stated|cited|provided|specified)|n/?a)\b", re.I)


def clean_citation(text: str | None) -> str | None:
    """The citation as stated, without "Decision based on" and the trailing period."""
    if not text:
        return None
    value = _TRAIL_RE.sub("", _LEAD_RE.sub("", flatten(text)))
    return value or None


def guideline_sources(citation: str | None) -> list[str]:
    """Sources named in a reviewer citation: MTUS, ACOEM, ODG and Other, in that order."""
    if not citation or _NONE_RE.match(citation):
        return []
    found = [name for name, pattern in _SOURCE_RES if pattern.search(citation)]
    if _OTHER_RE.search(citation) or not found:
        found.append("Other")
    return found


_ABBREVIATIONS = frozenset(
    "al ed eds no nos vol vols pp p pg pgs dr mr ms mrs jr sr st inc co corp fig ch chap "
    "sec approx ref rev suppl etc vs e.g i.e".split()
)
_PERIOD_RE = re.compile(r"\.(?=\s+[A-Z(\"])")
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
