"""Person names a letter states in labelled places, for de-identification to scrub.

Labelled places: a title before the name ("Dr. Jane Roe"), a degree after it ("Jane Roe,
M.D."), "report dated ... by NAME", signature blocks ("Sincerely," then a name) and `cc:`
lines. Names are never logged; they only travel inside ParsedLetter.known_names.
"""

from __future__ import annotations

import re

_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"  # names may carry accents (Muñoz, Jesús)
_WORD = rf"(?!(?:Dr|Mr|Mrs|Ms|Miss|Dear|The)\b)[{_UPPER}](?:[^\W\d_]|['\u2019-])+"
_NAME = (
    rf"(?:[{_UPPER}]\.[ \t]?)?{_WORD}(?:[ \t]+[{_UPPER}](?:\.|(?=[ \t])))?(?:[ \t]+{_WORD}){{0,2}}"
)
_DEGREE = r"(?:M\.?D|D\.?O|D\.?C|D\.?P\.?M|Ph\.?D|Psy\.?D|P\.?A(?:-C)?|N\.?P|R\.?N|P\.?T|D\.?P\.?T|"
_DEGREE += r"L\.?Ac|O\.?T|FNP|MSW|LCSW|MFT|Esq)\b\.?"
# Prose patterns run on the flattened text (a name may wrap); line patterns on lines.
_PROSE_PATTERNS = (
    re.compile(rf"\b(?:Dr|Mr|Mrs|Ms|Miss|Doctor)\.?[ \t]+(?P<name>{_NAME})"),
    re.compile(rf"\bby[ \t]+(?:Dr\.?[ \t]+)?(?P<name>{_NAME})"),
)
_PATTERNS = (
    re.compile(rf"(?:Sincerely|Respectfully|Regards)[^\n]*\n+[ \t]*(?P<name>{_NAME})"),
    re.compile(
        rf"^[ \t]*cc:?[ \t]*(?:Dr\.?[ \t]+|Mr\.?[ \t]+|Ms\.?[ \t]+|Mrs\.?[ \t]+)?(?P<name>{_NAME})",
        re.M,
    ),
    re.compile(
        rf"(?:Attn|Attention|Adjuster|Case Manager|Attorney|Signed|Physician|Provider|"
        rf"Requesting Provider|Reviewer|Examiner|Employee|Patient|Claimant|Injured Worker)"
        rf"[ \t]*:[ \t]*(?:Dr\.?[ \t]+)?(?P<name>{_NAME})"
    ),
)
_ORGANISATION_WORDS = frozenset(
    """
    corporation corp inc co company insurance fund management services service group
    institute review medical center centre clinic hospital health healthcare associates
    risk comp compensation mutual indemnity casualty assurance solutions network systems
    partners llc llp ur administrators administrator claims foods farms county city state
    district university foundation physicians therapy rehabilitation spine orthopedics
    """.split()
)
_NOT_NAMES = frozenset(
    """
    department division office industrial relations insurance company employer claims
    records hospital center clinic group associates application determination letter
    notice the this that maximus federal services independent medical review mtus acoem
    odg utilization administrator california workers compensation page case number date
    decision guidelines guideline chronic pain treatment physical therapy patient
    provider report progress request upheld overturned standard expedited unknown none
    not he she his her they it with for and of on in at to a an is was has had dated
    reviewed primary treating orthopedic surgeon pm am qme ame pqme ur imr dwc
    dear mr mrs ms dr assigned injury received denial priority claim requesting employee
    employer dated sincerely regards cc re subject attn attention documents clinical
    summary issues decisions rationale rationales expert
    """.split()
)


def _plausible(name: str) -> bool:
    words = [w.strip(".,").lower() for w in name.split()]
    words = [w for w in words if len(w) > 1] or words  # initials are no evidence either way
    if not words or words[0] in _NOT_NAMES:
        return False
    if any(w in _ORGANISATION_WORDS for w in words):
        return False
    return any(w not in _NOT_NAMES and len(w) > 1 for w in words)


def _trim(name: str) -> str:
    """Drop non-name words the pattern caught at either end ("Records Jane Doe")."""
    words = name.split()
    while words and words[-1].strip(".").lower() in _NOT_NAMES:
        words.pop()
    while words and len(words[0].strip(".")) > 1 and words[0].strip(".").lower() in _NOT_NAMES:
        words.pop(0)
    return " ".join(words)


# A degree is found first and the name read backwards from it: a pattern that starts
# with a name would be tried at every capital letter of the letter.
_DEGREE_RE = re.compile(rf"\b{_DEGREE}")
_BEFORE_DEGREE_RE = re.compile(r",?[ \t]+$")
_NAME_BEFORE_RE = re.compile(rf"(?P<name>{_NAME})$")
_LOOK_BACK = 48


def _names_before_degrees(text: str) -> list[str]:
    out = []
    for m in _DEGREE_RE.finditer(text):
        gap = _BEFORE_DEGREE_RE.search(text, max(0, m.start() - 3), m.start())
        if not gap:
            continue
        before = _NAME_BEFORE_RE.search(text, max(0, gap.start() - _LOOK_BACK), gap.start())
        if before:
            out.append(before.group("name"))
    return out


_CC_BLOCK_RE = re.compile(r"^[ \t]*cc:?[^\n]*\n((?:[^\n]*\n?){0,8})", re.MULTILINE | re.IGNORECASE)
_CC_LINE_RE = re.compile(rf"^[ \t]*(?:(?:Dr|Mr|Mrs|Ms)\.?[ \t]+)?(?P<name>{_NAME})[ \t]*,")
# An address block: a line holding only a name, then a street line ("4308 Ventura Blvd").
_STREET_LINE_RE = re.compile(r"\n[ \t]*\d{1,6}[ \t]+[A-Z]")
_ADDRESSEE_RE = re.compile(rf"[ \t]*(?:(?:Dr|Mr|Mrs|Ms)\.?[ \t]+)?(?P<name>{_NAME})[ \t]*$")


def _addressees(text: str) -> list[str]:
    """The name line above a street line: found from the (rare) street lines backwards."""
    out = []
    for street in _STREET_LINE_RE.finditer(text):
        start = text.rfind("\n", 0, street.start()) + 1
        m = _ADDRESSEE_RE.fullmatch(text, start, street.start())
        if m:
            out.append(m.group("name"))
    return out


def _cc_names(text: str) -> list[str]:
    """Names opening the lines of a `cc:` block ("Jane Roe, 12 Elm Street, ...")."""
    out = []
    for block in _CC_BLOCK_RE.finditer(text):
        for line in block.group(1).split("\n"):
            m = _CC_LINE_RE.match(line)
            if m:  # lines between (a wrapped agency name) are skipped
                out.append(m.group("name"))
    return out


def known_names(text: str) -> list[str]:
    """Distinct names from labelled places, in order of pattern then appearance."""
    seen: dict[str, None] = {}
    flat = _SPACES_RE.sub(" ", text)
    found = [m.group("name") for pattern in _PROSE_PATTERNS for m in pattern.finditer(flat)]
    found += [m.group("name") for pattern in _PATTERNS for m in pattern.finditer(text)]
    found += _addressees(text)
    for raw in found + _names_before_degrees(flat) + _cc_names(text):
        name = _trim(raw.strip())
        if _plausible(name):
            seen.setdefault(name, None)
    return list(seen)


_SPACES_RE = re.compile(r"\s+")
_DOCUMENT_RE = re.compile(rf"\b(?:from|by|of)[ \t]+(?:Dr\.?[ \t]+)?(?P<name>{_NAME})")


def document_names(section: str) -> list[str]:
    """Names in a DOCUMENTS REVIEWED list ("Medical records from NAME", "report of NAME").

    "from" also introduces companies: a single word ("from Genex") is not taken.
    """
    seen: dict[str, None] = {}
    for m in _DOCUMENT_RE.finditer(_SPACES_RE.sub(" ", section)):
        name = _trim(m.group("name").strip())
        if len(name.split()) >= 2 and _plausible(name):
            seen.setdefault(name, None)
    return list(seen)
