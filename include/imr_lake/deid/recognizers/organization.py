"""Employers, insurers, claims administrators and utilization review companies, by shape."""

from __future__ import annotations

import re

from imr_lake.deid.lexicon import FUNCTION_WORDS, NAME_TITLES
from imr_lake.deid.recognizers.base import (
    Pattern,
    PatternRecognizer,
    Span,
    boundary_ok,
    looked_ahead,
    word,
)
from imr_lake.deid.vocabulary import (
    core_known_words,
    function_word,
    in_vocabulary,
    legal_forms,
    very_common,
)

# A word of a name: abbreviations keep their period, other words stop at a sentence end.
_WORD = r"(?:(?:Inc|Co|Corp|Ltd|Bros|St)\.|[A-Z][\w'’&-]*|of|and|&|the|de|la)"
# Legal forms and the general kinds of body a name may end with (no trade or industry
# word: "Farms", "Foods", "Logistics" name what a firm does, which any firm may).
# Legal forms as companies of any country write them, in title case or capitals:
# `Co.Ltd.`, `CORPORATION`, `plc`, `AG`, `N.V.`, `S.A.`, `GmbH`, `Oyj`.
_HOME_LEGAL = (
    r"(?:(?:Co|CO)\.\s?,?\s?(?:Ltd|LTD)\.?|Inc\.?|INC\.?|Incorporated|INCORPORATED|Corp\.?|CORP\.?"
    r"|Corporation|CORPORATION|LLC|L\.L\.C\.|LLP|Ltd\.?|LTD\.?|Limited|LIMITED|Co\.|CO\.|Company"
    r"|COMPANY|PLC|plc|Plc|GmbH|GMBH|S\.A\.|N\.V\.|B\.V\.|SpA|S\.p\.A\.|Oyj|KGaA|L\.P\."
    r"|(?<![\w.])(?:AG|SE|SA|NV|BV|ASA|LP|AB|SCA|KG)|(?<=& )Co(?![\w.]))"
)
# ... and those of the other countries cleanco lists (`A/S`, `S.r.l.`, `Sdn Bhd`, `SARL`).
_LEGAL = rf"(?:{_HOME_LEGAL}|(?<![\w.])(?:{legal_forms.pattern()}))"


def _suffix(legal: str) -> str:
    return looked_ahead(
        rf"(?:{legal}"
        r"|Companies|Group|GROUP|HOLDINGS|Insurance(?:\s+(?:Company|Co\.|Fund|Services|Group))?"
        r"|Indemnity|Mutual|Fund|Trust|Authority|District|Administrators|Holdings|Enterprises"
        r"|Industries|Associates|Partners|Bank|Foundation|Association|Medical\s+Center"
        r"|Medical\s+Group|Health\s+System|School\s+District|FUND|TRUST|BANK|MUTUAL|ASSOCIATES"
        r"|PARTNERS|INDUSTRIES|ENTERPRISES|FOUNDATION|ASSOCIATION)(?![\w])"
        r"(?:,?\s*(?:Inc\.?|LLC|Corp\.?|Ltd\.?|USA)(?![\w]))?"
    )


ORG_SUFFIX = _suffix(_LEGAL)
_LEGAL_WORD = re.compile(_LEGAL + r"[,.]?")
# Capitalised or camel-case words (`iShares`, `nCino`) before the suffix, and a short
# qualifier in brackets among them (`Acme Foods (Ireland) Ltd`).
_WORDS_BEFORE = re.compile(
    r"(?:(?:(?:[A-Z]|[a-z]{1,4}[A-Z]|[a-z]['’][A-Z]|\d+[A-Za-z]{2})(?:&amp;|[\w'’.&-])*|\d+"
    r"|\([A-Z][^()\n]{0,24}\)),?\s+"
    r"(?:(?:of|and|&|the)\s+)?){1,5}\Z"
)
# What a registered name or a security carries after its legal form: a series numeral
# (`Corp. III`), a bracketed qualifier (`(publ)`, `(Ireland)`) and a security's
# description: coupon, rank, instrument, series, class, maturity (`6.5% Senior Notes due
# 2031`, `Preferred Shares Series B`).
_ROMAN_AFTER = re.compile(r"[ \t]+(?:I{2,3}|IV|VI{0,3}|IX|X)(?![\w'’])")
# A registered name goes on over `of` and a capitalised place after its legal form
# (`Packaging Corp. of America`, `Acme Insurance Company of the West`).
_OF_PLACE = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?")
_INSTRUMENT = (
    r"Notes?|Bonds?|Debentures?|Shares?|Securities|Units?|Warrants?|Preferred|Preference"
    r"|Series|series|Class|Stock|Depositary|Receipts?|ADRs?|ADS|Sponsored|Senior|Subordinated"
    r"|Junior|Perpetual|Fixed|Floating|Rate|Cumulative|Convertible|Redeemable|PERP|CAP|SECS"
)
_TAIL_PART = re.compile(
    r"[ \t]+(?:(?P<coupon>\d{1,2}(?:\.\d{1,4})?%|\d{1,2}\.\d{2,4}(?![\d.,%]))"
    rf"|(?P<instrument>(?:{_INSTRUMENT})(?![\w'’]))"
    r"|(?P<due>(?i:due)[ \t]+(?:19|20)\d\d(?!\d))"
    r"|(?P<year>(?:19|20)\d\d(?:-\d{1,3})?(?![\d%]))"
    r"|(?P<letter>[A-Z](?![\w'’]))"
    # a listing's code in capitals, with figures (`SNT18`, `PFD-G`, `GLB NTS 66`, `GDR 144A`)
    r"|(?P<code>[A-Z]{2,5}\d{0,3}(?:-[A-Z0-9]{1,3})?(?![\w'’]))"
    r"|(?P<figure>\d{1,4}[A-Z]?(?![\w%.,/]))"
    r"|(?P<bracket>\((?:[A-Z][^()\n]{0,24}|publ)\))"
    r"|(?P<word>[A-Z][\w-]*))"
)
# A firm that writes its name in lower case (`bluebird bio Inc.`, `voestalpine AG`): one
# or two lower-case words right before a legal form, none of them a function word.
_LOWER_BEFORE = re.compile(r"(?<![\w'’-])(?:[a-z][a-z0-9]+(?:-[a-z0-9]+)*\s+){1,2}\Z")
_LOWER_LEGAL = re.compile(
    r"(?:Co\.\s?Ltd\.?|Inc\.?|INC\.|Ltd\.?|Corp\.?|LLC|AG|GmbH|SA|NV|plc|PLC)(?![\w])"
)
# A guideline citation ("Cochrane Back Review Group") is clinical content, not an employer.
_CITATION_WORDS = frozenset(
    "Review Guideline Guidelines Cochrane Practice Treatment Criteria Chapter Manual "
    "Citation MTUS ACOEM ODG Evidence Clinical Bulletin Support Therapy Pain".split()
)
_CONTEXT_VALUE = rf"\s*(?i:is|was)?\s*[,:]?\s+(?P<v>{_WORD}(?:\s+{_WORD}){{0,5}})"
_CONTEXTS = (  # (trigger, regex)
    ("employed", word("employed") + r"\s+(?i:by|with|at)"),
    ("work", word("works") + r"?\s+(?i:for|at)"),
    ("worked", word("worked") + r"\s+(?i:for|at)"),
    ("employer", word("employer")),
    ("insurer", word("insurer")),
    ("insurance carrier", word("insurance carrier")),
    ("carrier", word("carrier")),
    ("claims administrator", word("claims administrator")),
    ("party", word("third") + r"(?i:[- ]party\s+administrator)"),
    ("tpa", r"TPA"),
    ("adjusting", word("adjusting agency")),
    (
        "utilization review",
        word("utilization review") + r"\s+(?i:company|agent|vendor|organization)",
    ),
    ("ur ", r"UR\s+(?i:company|agent|vendor)"),
    ("records from", word("records from")),
)


# A firm named by a number where the cue wants a name ("administered by 18417", "the
# employer ... was 375."); a quantity ("worked for 100 hours", "by 30%") is no name.
_QUANTITY = (
    r"years?|months?|weeks?|days?|hours?|minutes?|times|visits?|sessions?|units?|mg|mcg|ml"
    r"|percent|degrees?|pounds?|lbs?|feet|miles?"
)
_NUMBERED = looked_ahead(
    r"(?:(?:[Aa]dministered|[Ee]mployed|[Dd]etermination|[Ww]ork(?:s|ed)?|[Ee]mployer|[Ii]nsurer"
    r"|[Cc]arrier|[Aa]dministrator)(?![\w])[^.\n\d]{0,30}?\s(?:by|for|at|was|is)"
    r"|[Rr]ecords\s+from)\s+"
    rf"(?!(?:19|20)\d\d(?!\d))(?P<v>\d{{3,}})(?![\d.,/%:-]\d|[%/-]|\s+(?:{_QUANTITY})(?![\w]))"
)


class OrganizationRecognizer(PatternRecognizer):
    """`Acme Holdings Corp.`, `County of Kern`, `employed by Acme as`, `insurer: Acme`.

    Capitalized words ending in a legal form or a general kind of body (`Inc.`, `Fund`,
    `Authority`); `County/City of X`; capitalized words after "employed by", "insurer",
    "claims administrator"... No list of firms: a firm without a suffix or a cue is the
    closed-world layer's (`proper_noun`), which knows no firm either.
    """

    KIND = "organization"
    PLACEHOLDER = "[ORG]"
    SUFFIX = re.compile(ORG_SUFFIX)
    # where `legal_forms.may_hold` says no
    SUFFIX_HOME = re.compile(_suffix(_HOME_LEGAL))
    PATTERNS = (
        Pattern(
            "public_body",
            r"(?P<v>(?:County|City|State|Town|Port|Regents)\s+of\s+(?:the\s+)?"
            rf"(?!California(?![\w]))[A-Z][\w-]*(?:\s+{_WORD}){{0,3}})",
        ),
        Pattern(
            "numbered",
            _NUMBERED,
            triggers=(
                *("administ", "employ", "determination", "work", "insurer", "carrier"),
                "records",
            ),
            needs=r"(?:by|for|at|was|is|from)\s+\d\d\d",  # what `_NUMBERED` ends with
        ),
        *(
            Pattern(f"context_{i}", ctx + _CONTEXT_VALUE, triggers=(trigger,))
            for i, (trigger, ctx) in enumerate(_CONTEXTS)
        ),
    )

    def validate(self, match: re.Match[str]) -> bool:
        return _plausible(match.group("v"))

    def analyze(self, text: str) -> list[Span]:
        spans = super().analyze(text)
        suffix = self.SUFFIX if legal_forms.may_hold(text) else self.SUFFIX_HOME
        for m in suffix.finditer(text):  # the suffix is rare: find it, then look back
            begin = _name_start(text, m)
            if begin is not None and boundary_ok(text, begin):
                start = _without_article(text, _past_figures(text, begin), m.start())
                legal = _LEGAL_WORD.match(m.group()) is not None
                if start < m.start() and _plausible(text[start : m.end()], legal=legal):
                    end = _tail_end(text, m.end())
                    spans.append(Span(start, end, self.KIND, self.PLACEHOLDER))
        if any(k in text for k in _LOWER_KEYS):
            for m in _LOWER_FORM.finditer(text):
                begin = _lower_name_start(text, m)
                if begin is not None:
                    spans.append(Span(begin, _tail_end(text, m.end()), self.KIND, self.PLACEHOLDER))
        trimmed = list(dict.fromkeys(s for s in (_trim(text, s) for s in spans) if s is not None))
        return [s for s in trimmed if not any(_inside(s, o) for o in trimmed)]


# The word a legal form is run into, as lists of names print them (`GMO ResearchInc.`,
# `Chugoku Electric Power CompanyIncorporated`): letters, digits, inner signs.
_RUN_INTO = re.compile(r"[\w'’&.-]*[a-z]\Z")


def _name_start(text: str, legal: re.Match[str]) -> int | None:
    """Where the name whose legal form this is starts: its capitalised words, the word the
    form is run into, or one or two lower-case words (`bluebird bio Inc.`, `4D pharma
    plc`) and the capitalised words before them; None where no name stands before it."""
    glued = _glued_start(text, legal)
    before = _WORDS_BEFORE.search(text, max(0, glued - 100), glued)
    if glued < legal.start():  # "m-upInc.", "ResearchInc.": the word it is run into
        return before.start() if before else glued
    if before is not None:
        return before.start()
    if not _LOWER_LEGAL.match(legal.group()):
        return None
    lower = _LOWER_BEFORE.search(text, max(0, legal.start() - 40), legal.start())
    if lower is None or lower.group().split()[-1].capitalize() in FUNCTION_WORDS:
        return None  # "the Inc.": no name
    if lower.group().split()[0].capitalize() in FUNCTION_WORDS:
        lower = _LOWER_BEFORE.search(
            text, lower.end() - len(lower.group().split(maxsplit=1)[1]), legal.start()
        )
        return lower.start() if lower else None
    capitalised = _WORDS_BEFORE.search(text, max(0, lower.start() - 100), lower.start())
    if capitalised and boundary_ok(text, capitalised.start()):
        return capitalised.start()
    return lower.start()


# A legal form in lower case (`frontdoor inc.`, `fonfun corporation`, `Acme co. ltd.`), as
# firms that write their name so register it.
_LOWER_FORM = re.compile(
    r"(?<![\w.&-])(?:co\.\s?,?\s?ltd\.?|inc\.?|corp\.?|ltd\.?|llc|corporation|limited)(?![\w])"
)
_LOWER_KEYS = ("inc", "corp", "ltd", "llc", "limited")  # a quick look before the search


def _lower_name_start(text: str, legal: re.Match[str]) -> int | None:
    """Where a name before a legal form in lower case starts: capitalised words, or one
    or two lower-case words the last of which no vocabulary and no everyday English holds
    (`the corporation`, `range limited`, `pain limited` are prose)."""
    before = _WORDS_BEFORE.search(text, max(0, legal.start() - 100), legal.start())
    if before is not None and _plausible(text[before.start() : legal.start()]):
        return before.start() if boundary_ok(text, before.start()) else None
    lower = _LOWER_BEFORE.search(text, max(0, legal.start() - 40), legal.start())
    if lower is None:
        return None
    last = lower.group().split()[-1]
    if function_word(last) or in_vocabulary(last) or very_common(last):
        return None
    return len(text[: legal.start()].rstrip(" \t\n")) - len(last)


def _glued_start(text: str, legal: re.Match[str]) -> int:
    """Start of the word a legal form in title case is run into, or the form's own start."""
    if (
        legal.start() == 0
        or not text[legal.start() - 1].islower()
        or not legal.group()[1:2].islower()
    ):
        return legal.start()
    word = _RUN_INTO.search(text, max(0, legal.start() - 40), legal.start())
    return word.start() if word and boundary_ok(text, word.start()) else legal.start()


def _camel_legal(word: str) -> bool:
    """`m-upInc.`, `iRidgeInc.`: a word a legal form is run into ends a name."""
    return _RUN_INTO_LEGAL.search(word) is not None


_RUN_INTO_LEGAL = re.compile(rf"[a-z](?:{_LEGAL})[,.]?\Z")


def _inside(span: Span, other: Span) -> bool:
    """A cue's span within a legal-form span (`records from Acme plc`) is the same firm."""
    return other.start <= span.start and span.end <= other.end and other != span


# What may come before a series letter or year: an instrument word or a listing's code.
_LISTED = ("instrument", "code")
# A listing's class after a slash, run into the legal form (`LTD/GDR`, `AG/ADR`, `LTD/S`).
_SLASHED = re.compile(r"/[A-Z][A-Z0-9]{0,4}(?![\w'’])")


def _tail_end(text: str, end: int) -> int:
    """Where a name whose legal form ends at `end` really ends: over its series numeral,
    bracketed qualifier and security description. Instrument words alone are no
    description (`Acme Inc. Shares fell`) unless two come together or a coupon, a bracket,
    a year or a series letter after them says so; a capitalised word joins after a coupon
    only (`4.5% Sub`)."""
    roman = _ROMAN_AFTER.match(text, end) or _OF_PLACE.match(text, end) or _SLASHED.match(text, end)
    if roman:
        end = roman.end()
    cursor, previous, instruments, coupon, described = end, "", 0, False, False
    while (part := _TAIL_PART.match(text, cursor)) is not None:
        kind = part.lastgroup or ""
        if kind == "word" and not coupon or kind in ("year", "letter") and previous not in _LISTED:
            break
        if kind == "code" and part.group(kind).split("-")[0].lower() in core_known_words():
            break  # "Acme Inc. UR determination", "Acme Corp. MRI"
        if kind == "figure" and previous not in ("code", "letter", "coupon"):
            break
        coupon = coupon or kind == "coupon"
        instruments += kind == "instrument"
        described = described or kind not in ("instrument", "word") or instruments >= 2
        previous, cursor = kind, part.end()
        if described:
            end = cursor
    return end


def _plausible(value: str, *, legal: bool = False) -> bool:
    """A name, not a function word or title; a guideline citation (`Cochrane Back Review
    Group`) is none, but no citation ends in a legal form (`Physical Therapy Inc.`)."""
    words = value.split()
    return (
        bool(words)
        and words[0] not in FUNCTION_WORDS
        and words[0].rstrip(".") not in NAME_TITLES
        and (legal or not any(w.strip(",.") in _CITATION_WORDS for w in words))
    )


_FIGURES = re.compile(r"\d+,?\s+")


def _past_figures(text: str, start: int) -> int:
    """A name may hold figures (`Russell 2000 Index Fund`) but starts with a word."""
    while (m := _FIGURES.match(text, start)) is not None:
        start = m.end()
    return start


def _without_article(text: str, start: int, end: int) -> int:
    """ "The First Data Corp.": the name starts after a leading function word."""
    first = text[start:end].split(maxsplit=1)
    if len(first) == 2 and first[0] in FUNCTION_WORDS:
        return end - len(first[1])
    return start


def _trim(text: str, span: Span) -> Span | None:
    """ "employed by Acme as a cook": trailing lowercase words are not part of the name;
    a bracketed qualifier is (`Acme AB (publ)`)."""
    value = text[span.start : span.end]
    words = value.split()
    while words and not (
        words[-1].lstrip("(")[:1].isupper()
        or _camel_legal(words[-1])
        or _LOWER_FORM.fullmatch(words[-1].rstrip(","))
        or words[-1][0] in "&0123456789("
        or _LEGAL_WORD.fullmatch(words[-1])
    ):
        words.pop()
    if not words:
        return None
    end = span.start + value.rfind(words[-1]) + len(words[-1])
    return Span(span.start, end, span.kind, span.placeholder)
