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
    return cited(text)[0]


def cited(text: str | None) -> tuple[str | None, str | None]:
    """(the citation, the prose after it) of a guideline statement: the citation without
    its lead-in ("Decision based on") and final period; see `split_citation`."""
    citation, prose = split_citation(_LEAD_RE.sub("", flatten(text)) if text else None)
    value = _TRAIL_RE.sub("", citation) if citation else None
    return value or None, prose


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


# Where a citation ends (docs/parsers.md, "Where each field ends"). A citation holds
# periods of its own (author initials, "et al.", journal titles: "Tsai AG, Wadden TA.
# Systematic review: an evaluation ... Ann Intern Med 2005"), so it ends at a sentence
# break only when the citation is evidently complete there, or the sentence after it is
# prose: a page reference closes a citation ("Page(s): 98-99."); a sentence with a finite
# verb of a reviewer's prose ("The MTUS is the primary standard ...") is not a citation
# (titles and journal names carry no "is", "was", "recommends" ...).
_PAGES_END_RE = re.compile(
    r"(?:Page\(?s?\)?|pages?|pgs?|pp?)\.?\s*:?\s*\d+(?:\s*[-\u2013,]\s*\d+)*\s*$", re.I
)
_PROSE_VERBS = (
    "is are was were has have had does do did can cannot may might must should would will "
    "recommend recommends recommended support supports supported state states stated "
    "indicate indicates indicated address addresses addressed note notes noted apply "
    "applies applied require requires required allow allows allowed provide provides "
    "provided suggest suggests suggested consider considers considered describe describes "
    "described discuss discusses discussed cover covers covered used relied selected chosen "
    "because"
).split()
_PROSE_RE = re.compile(rf"\b(?:{'|'.join(_PROSE_VERBS)})\b")  # lower case: "States" is a name
_SENTENCE_RE = re.compile(r"[^.]*(?:\.(?!\s)[^.]*)*")


def _is_prose(sentence: str) -> bool:
    """A sentence a reviewer writes about a guideline, not a part of a citation."""
    return bool(_PROSE_RE.search(_SENTENCE_RE.match(sentence).group(0)))


def split_citation(text: str | None) -> tuple[str | None, str | None]:
    """(the citation, the prose after it) of a guideline statement, both flattened.

    "Decision based on MTUS ... Page(s): 177-179. The MTUS is the primary standard ..."
    gives the citation alone; the prose is returned for the caller to place (a rationale
    without its own label) or drop.
    """
    if not text:
        return None, None
    flat = flatten(text)
    for m in _PERIOD_RE.finditer(flat):
        head = flat[: m.start()]
        token = _TOKEN_BEFORE_RE.search(head)
        word = token.group(1).lower().strip(".") if token else ""
        if word and (len(word) == 1 or word in _ABBREVIATIONS):
            continue  # an initial or abbreviation: the citation goes on
        rest = flat[m.end() :].strip()
        if _PAGES_END_RE.search(head) or _is_prose(rest):
            return head, rest or None
    return flat, None


def citation_before_why(text: str) -> str:
    """A citation followed by a sentence on why it was chosen: the citation alone."""
    return split_citation(text)[0] or ""
