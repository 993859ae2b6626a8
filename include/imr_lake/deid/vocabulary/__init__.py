"""Known vocabulary of the closed-world layer: what a capitalised word may be and stay.

One module per source, each saying where its words come from and their version. The union
loads once per process (`known_words`, `clinical_words`, `common_english`). Nothing here
comes from the generator or an evaluation corpus: those are measured against, never fed in.
"""

from __future__ import annotations

import re
from functools import cache

from imr_lake.deid.vocabulary import (
    clinical,
    countries,
    dictionary,
    drugs,
    english,
    geography,
    guidelines,
    languages,
    letters,
    specialties,
)

SOURCES = (clinical, drugs, guidelines, specialties, letters, geography, countries, languages)


@cache
def clinical_words() -> frozenset[str]:
    """Lowercase words that are clinical content (terms, drugs, guidelines, specialties).

    Of the drug dictionary, not the words that are census given names or surnames: its
    variants hold makers' and people's names (`Johnson`, `Lewis`), which would hide a
    person or a firm; a drug that is also a surname (`Soma`, `Norco`) is in `clinical`.
    """
    return (
        clinical.words()
        | (drugs.words() - _census_names())
        | guidelines.words()
        | specialties.words()
    )


def _census_names() -> frozenset[str]:
    from imr_lake.deid.lexicon import census_first_names, census_surnames

    return frozenset(n.lower() for n in census_first_names() | census_surnames())


@cache
def core_clinical_words() -> frozenset[str]:
    """Clinical words less those only the drug dictionary holds: its ~20,000 variant words
    include everyday words and names ("date", "aria"), which may still be part of a name."""
    return clinical.words() | guidelines.words() | specialties.words()


def _letter_place_language_words() -> frozenset[str]:
    return letters.words() | geography.words() | countries.words() | languages.words()


@cache
def core_known_words() -> frozenset[str]:
    """What a word may be and stay by content, not by the drug dictionary's names: clinical,
    administrative, state, calendar, country and language words."""
    return core_clinical_words() | _letter_place_language_words()


@cache
def known_words() -> frozenset[str]:
    """Every lowercase word a capitalised word may be anywhere in a sentence and stay."""
    return clinical_words() | _letter_place_language_words()


def in_vocabulary(part: str) -> bool:
    """A lowercase word (or a single letter, or a plural) the known vocabulary holds."""
    known = known_words()
    if len(part) == 1 or part in known or part[-1] == "s" and part[:-1] in known:
        return True
    return clinical.is_formed(part, lambda rest: rest in known or english.is_common(rest))


def common_english(word: str) -> bool:
    """A common English word (wordfreq): known at a sentence start or in a capital heading."""
    return english.is_common(word)


def proper_only(word: str) -> bool:
    """A dictionary (web2) writes it capitalised only: a proper noun, however common."""
    return dictionary.proper_only(word)


def lower_form(word: str) -> bool:
    """A dictionary (web2) writes it, or its stem, in lower case: a common word."""
    return dictionary.lower_form(word)


def function_word(word: str) -> bool:
    """Among the few hundred most frequent English words (`My`, `So`, `Will`): known at a
    sentence start before a lower-case word even when a census list holds it."""
    return english.is_function_word(word)


_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z][A-Za-z'’-]*)(?![\w])")
_EPONYM_MIDDLE = 2


_LOWER_WORD = re.compile(r"[a-z]+")


def eponym_head_in(text: str) -> bool:
    """Does the text hold an eponym head at all (one text in five of the letters)? If not,
    no word of it needs `eponym_after`."""
    return not clinical.EPONYM_HEADS.isdisjoint(_LOWER_WORD.findall(text.lower()))


def eponym_after(text: str, end: int) -> bool:
    """Does an eponym head follow the word ending at `end`, right after it or past up to
    two known words (`Spurling's test`, `Oswestry Disability Index`, `Glasgow Coma
    Scale`)? The word then names a test, sign or scale: clinical content."""
    for _ in range(_EPONYM_MIDDLE + 1):
        m = _NEXT_WORD.match(text, end)
        if m is None:
            return False
        word = m.group(1).lower()
        if word in clinical.EPONYM_HEADS:
            return True
        if not in_vocabulary(word):
            return False
        end = m.end()
    return False


def very_common(word: str) -> bool:
    """Among the most frequent English words: known even alone mid-sentence ("Online")."""
    return english.is_very_common(word)


__all__ = [
    "SOURCES",
    "clinical_words",
    "common_english",
    "core_clinical_words",
    "eponym_after",
    "eponym_head_in",
    "function_word",
    "in_vocabulary",
    "known_words",
    "lower_form",
    "proper_only",
    "very_common",
]
