"""Word lists the name recognizer judges candidates with.

First names and surnames come from the US Census 1990 name files shipped in the `names`
package (PyPI, pure data, nothing downloaded at run time). Given names of other countries
come from `nam_dict.txt` (Jörg Michael's name dictionary, 2008-11-30, GNU FDL) shipped in
PyPI `gender-guesser` 0.4.0: about 37,000 names of 54 countries (`Liam`, `René`, `Viktor`).
`NOT_NAMES` holds capitalized words of letters that must never count as a name, even where
a census list has them (Walker, Brace, Back, May...): the known vocabulary's clinical,
guideline and heading words.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from imr_lake.deid.vocabulary import clinical, geography, guidelines, letters, specialties

# Capitalized words of letters that never count as a name: the known vocabulary's
# clinical, guideline, specialty, administrative and calendar words (one source:
# `imr_lake.deid.vocabulary`, not a copy here) and the few below that it does not hold
# (descriptors of people and places, headings). No employer, insurer or city word.
_OWN_NOT_NAMES = frozenset(
    """
    African Americans Asian Caucasian Hispanic Latina Latino English Spanish
    Center Centre Clinic Hospital East Eastern Northern Southern Western Current Straight Re
    """.split()
)
NOT_NAMES = _OWN_NOT_NAMES | frozenset(
    w.capitalize()
    for source in (clinical, letters, guidelines, specialties, geography)
    for w in source.words()
)

# Words that never start or end a name, whatever the context ("by The", "Dr. Garcia On").
FUNCTION_WORDS = frozenset(
    """
    A An The This That These Those It Its He She His Her Him They Their Them We Our You Your
    I In On At Of For From To By With Without Per Via And Or Nor But If As Is Was Are Were Be
    Been Has Had Have Do Does Did Not No Yes All Any Each Every Some Such Other Also Then Than
    There Here When Where While Which Who Whom Whose What Why How After Before During Since
    Until Upon Under Over Regarding Based Given However Therefore Thus Please Note Dated Date
    Page Re Cc Attn Patient Request Report Review Decision Claims Upheld Overturned
    January February March April May June July August September October November December
    """.split()
)

NAME_TITLES = frozenset(
    "Dr Drs Doctor Mr Mrs Ms Miss Mx Prof Professor Nurse Attorney Atty Judge Hon Esq".split()
)


def _census(filename: str) -> list[str]:
    text = resources.files("names").joinpath(filename).read_text(encoding="ascii")
    return [line.split()[0].capitalize() for line in text.splitlines() if line.strip()]


@cache
def census_first_names() -> frozenset[str]:
    """All census given names, capitalized."""
    return frozenset(_census("dist.male.first") + _census("dist.female.first"))


@cache
def common_given_names(count: int = 1_000) -> frozenset[str]:
    """The `count` most frequent census given names of either sex, in lower case (the
    census lists are in order of frequency): a word among them may well be a person."""
    return frozenset(
        n.lower()
        for listed in ("dist.male.first", "dist.female.first")
        for n in _census(listed)[:count]
    )


@cache
def first_names() -> frozenset[str]:
    """Census given names (about 5,000), capitalized, less words of the letters."""
    return census_first_names() - NOT_NAMES


@cache
def world_given_names() -> frozenset[str]:
    """Given names of many countries (gender-guesser's `nam_dict.txt`), as written there.

    Its lines are `<sex> <name> <frequency per country>`; `+` joins the parts of a
    compound name (`Jang+Ho`), which are left out: a part alone is no given name.
    """
    text = resources.files("gender_guesser").joinpath("data/nam_dict.txt").read_text("utf-8")
    names = (line.split(maxsplit=2)[1] for line in text.splitlines() if line[:1] not in "#=")
    return frozenset(n for n in names if "+" not in n)


@cache
def census_surnames() -> frozenset[str]:
    """All census surnames (about 88,800), capitalized, clinical look-alikes included."""
    return frozenset(_census("dist.all.last"))


@cache
def surnames() -> frozenset[str]:
    """Census surnames less words of the letters (Walker, Back, Brace...)."""
    return census_surnames() - NOT_NAMES


def is_name_word(word: str) -> bool:
    """A capitalized token that may be part of a name (not a word the letters use)."""
    return word not in NOT_NAMES and word.capitalize() not in NOT_NAMES
