"""A place named where someone lives, moved or travelled: `moved to QXV`, `lives in Brekkuvik`.

A verb of residence or travel (`originally`, `stayed`, `grew up`, `based`) followed by `to`,
`in`, `at`, `from` or `near` names a place, and so does a form of `be` before `in` (`I'm
in Lyss`), and the place is the capitalised run after it, whatever its words are: a town in
capitals that no gazetteer lists (`WOLLABY CREEK`), a short one that looks like an acronym
(`QXV`), or one made of known words. By that grammar, not by a list of places. What Safe
Harbor keeps stays: a US state or a country (every word of the run state or country
vocabulary), and a run whose every word is clinical or administrative vocabulary
(`returned to Modified Duty`, `referred to Physical Therapy`) is no place. A state's name
that a city of a million people also has (`New York`, from GeoNames) goes: after such a
verb the city may be meant, and only the state could stay.

A settlement noun in lower case before the run names it too, as an appositive or with
`of` (`her home town Brekkuvik`, `the city of Lyss`, `the village of QXV`); there a run
in title case made only of words the dictionary writes in lower case (`city Hall`,
`town Council`) is no place.
"""

from __future__ import annotations

import re

from imr_lake.deid.recognizers.base import Pattern, PatternRecognizer, looked_ahead
from imr_lake.deid.recognizers.city import states_named_as_cities
from imr_lake.deid.vocabulary import (
    core_known_words,
    countries,
    function_word,
    geography,
    lower_form,
)

_VERB = looked_ahead(
    r"(?:[Ll]iv(?:es|ed|ing|e)|[Rr]esid(?:es|ed|ing|e)|[Mm]ov(?:ed|ing|es|e)"
    r"|[Rr]elocat(?:ed|ing|es|e)|[Ff]l(?:ew|own|ies|y|ying)|[Tt]ravel(?:l?ed|l?ing|s)?"
    r"|[Rr]eturn(?:ed|ing|s)?|[Aa]rriv(?:ed|ing|es|e)|[Bb]orn|[Ee]migrated|[Ii]mmigrated"
    r"|[Cc]ame|[Cc]omes|[Oo]riginally|[Ss]tay(?:s|ed|ing)?|[Vv]isit(?:s|ed|ing)?"
    r"|[Gg]rew[ \t]+up|[Rr]aised|[Bb]ased)"
)
# Being somewhere: `I'm in Lyss`, `was in Tarbes` (`in` only: `is at Risk` is no place).
# Looked for behind an `in` (a literal is fast to scan for).
_BEING_BEFORE = re.compile(
    r"(?:(?<![\w'’])(?i:am|is|are|was|were|been)|['’](?:m|re))[ \t]+(?:(?:now|still)[ \t]+)?\Z"
)
_PLACE_WORD = r"(?:[A-Z][\w'’-]*)"
# lower-case particles inside place names: `Videm pri Ptuju`, `Stratford upon Avon`
_PARTICLE = (
    r"(?:de|del|della|di|da|do|dos|das|du|la|le|les|pri|na|nad|upon|am|im|sur|sous"
    r"|van|von|aan|bei|op)"
)
_RUN = (
    rf"{_PLACE_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_PLACE_WORD}){{0,3}}"
    rf"(?:[ \t]+\({_PLACE_WORD}\))?"
)
_SETTLEMENT = r"(?:city|town|village|hometown|municipality)"
_TITLES = frozenset({"dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "the"})


class ResidenceRecognizer(PatternRecognizer):
    """The capitalised run after `lives in`, `moved to`, `flew to`, `arrived at`, `from`."""

    KIND = "city"
    PLACEHOLDER = "[ADDRESS]"
    # Both patterns end in a preposition and a capitalised word: few texts hold one.
    NEEDS = r"[ \t](?:to|in|at|from|near|of|city|town|village|hometown|municipality)[ \t]+[A-Z]"
    PATTERNS = (
        Pattern(
            "residence",
            rf"{_VERB}(?:[ \t]+(?:here|there|back|home|away|abroad|over))?[ \t]+"
            rf"(?:to|in|at|from|near)[ \t]+(?P<v>{_RUN})",
        ),
        Pattern("being", rf"(?P<be>in)[ \t]+(?P<v>{_RUN})", triggers=(" in ",)),
        Pattern(
            "settlement",
            rf"(?<![\w-])(?P<n>{_SETTLEMENT})(?:[ \t]+of)?[ \t]+(?P<v>{_RUN})",
            triggers=("city", "town", "village", "municipality"),
        ),
    )

    def validate(self, match: re.Match[str]) -> bool:
        if "be" in match.re.groupindex:
            at = match.start()
            if _BEING_BEFORE.search(match.string, max(0, at - 12), at) is None:
                return False
        words = [w.strip("().").lower() for w in match.group("v").split()]
        if words[0] in _TITLES:
            return False  # a person (`returned to Dr. Lee`) or an institution's name
        if "n" in match.re.groupindex and not _settlement_name(match.group("v"), words):
            return False
        if match.group("v") in states_named_as_cities():
            return True  # `New York` may be the city: only the state could stay
        states, nations = geography.words(), countries.words()
        if all(w in states or w in nations for w in words):
            return False  # a US state or a country: Safe Harbor keeps them
        known = core_known_words()  # built once per process, not per match
        return not all(w in known for w in words)


def _settlement_name(run: str, words: list[str]) -> bool:
    """After `city`, `town`: a name, not a sentence's next word (`town It`) nor a body of
    the town in words the dictionary writes in lower case (`city Hall`, `town Council`)."""
    if function_word(words[0]):
        return False
    return run.isupper() or not all(lower_form(w) for w in words)
