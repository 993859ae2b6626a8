"""Legal forms of companies of many countries: PyPI `cleanco` 2.3 (`cleanco.termdata`, MIT).

cleanco lists about 190 terms by entity type (`gmbh`, `s.r.l.`, `a/s`, `sdn bhd`, `sp. z
o.o.`), in lower case. A term counts as a legal form where it is written as one:
- with periods, slashes or spaces and three letters or more: as listed, in capitals, or
  with a capital first or on each part (`S.r.l.`, `SP. Z O.O.`, `Sdn Bhd`, `d.o.o.`);
- with periods or a slash and two letters: in capitals (`A/S`, `K/S`, `S.A.`);
- one word of three letters or more: in capitals or with a capital first (`SARL`, `Oyj`,
  `Ltda`, `ApS`), unless the known vocabulary or English reads it as a word or an
  abbreviation (`CPT`, `VAT`, `Private`, `Secs`).
Two letters alone (`AS`, `PT`, `HB`, `MB`) are words or clinical abbreviations: left out.
The forms the organisation recognizer writes itself (`Inc.`, `LLC`, `AG`) stay there.
"""

from __future__ import annotations

import itertools
import re
from functools import cache

_PUNCTUATED = re.compile(r"[./ :&]")
# The US and UK forms the organisation recognizer writes itself, with their spellings.
_WRITTEN_THERE = frozenset({"inc.", "corp.", "co.", "& co", "& co.", "l.l.c.", "l.p.", "plc."})


def _variants(term: str) -> set[str]:
    """How a term is written: as listed, in capitals, with a capital first or on each part."""
    letters = "".join(c for c in term if c.isalpha())
    if _PUNCTUATED.search(term) and len(letters) < 3:
        return {term.upper()}
    if _PUNCTUATED.search(term):
        return {term, term.upper(), term.capitalize(), term.title()}
    return {term.upper(), term.capitalize()}


def _is_word(term: str) -> bool:
    from imr_lake.deid.vocabulary import common_english, core_known_words

    return term in core_known_words() or common_english(term)


@cache
def terms() -> tuple[str, ...]:
    """cleanco's terms that stand for a legal form where written as one (see above)."""
    from cleanco import termdata

    listed = {t.strip() for t in itertools.chain.from_iterable(termdata.terms_by_type.values())}
    kept = []
    for term in sorted(listed - _WRITTEN_THERE):
        letters = "".join(c for c in term if c.isalpha())
        if any("\x80" <= c <= "\x9f" for c in term) or len(letters) < 2:
            continue  # a mis-encoded entry (`veÅ\x99. obch. spol.`)
        if _PUNCTUATED.search(term):
            kept.append(term)
        elif len(letters) >= 3 and not _is_word(term):
            kept.append(term)
    return tuple(kept)


@cache
def pattern() -> str:
    """A regex alternation of the written forms, longest first (`Sdn. Bhd.` before `Bhd.`)."""
    variants = {v for t in terms() for v in _variants(t)}
    return "|".join(re.escape(v) for v in sorted(variants, key=lambda v: (-len(v), v)))


_CANDIDATE = re.compile(r"[A-Za-z][A-Za-z./:]*")


@cache
def _key_words() -> frozenset[str]:
    """Of each term, its word with the most letters (`spol.` of `a spol.`, `sdn` of `sdn
    bhd`): a text holds it wherever the term stands."""
    keys = {
        max(t.split(), key=lambda w: sum(c.isalpha() for c in w)) for t in terms() if t[0].isalpha()
    }
    return frozenset(keys | {k + "." for k in keys if not k.endswith(".")})


def may_hold(text: str) -> bool:
    """Could a legal form of this list stand in the text? A quick look at its words (most
    texts hold none), before the costlier search of every form."""
    return not _key_words().isdisjoint(map(str.lower, _CANDIDATE.findall(text)))
