"""A place named where someone lives, moved or travelled: `moved to QXV`, `lives in Brekkuvik`.

A verb of residence or travel followed by `to`, `in`, `at`, `from` or `near` names a place,
and the place is the capitalised run after it, whatever the run's words are: a town in
capitals that no gazetteer lists (`WOLLABY CREEK`), a short one that looks like an acronym
(`QXV`), or one made of known words. By that grammar, not by a list of places. What Safe
Harbor keeps stays: a US state or a country (every word of the run state or country
vocabulary), and a run whose every word is clinical or administrative vocabulary
(`returned to Modified Duty`, `referred to Physical Therapy`) is no place.
"""

from __future__ import annotations

import re

from imr_lake.deid.recognizers.base import Pattern, PatternRecognizer
from imr_lake.deid.vocabulary import core_known_words, countries, geography

_VERB = (
    r"(?:[Ll]iv(?:es|ed|ing|e)|[Rr]esid(?:es|ed|ing|e)|[Mm]ov(?:ed|ing|es|e)"
    r"|[Rr]elocat(?:ed|ing|es|e)|[Ff]l(?:ew|own|ies|y|ying)|[Tt]ravel(?:l?ed|l?ing|s)?"
    r"|[Rr]eturn(?:ed|ing|s)?|[Aa]rriv(?:ed|ing|es|e)|[Bb]orn|[Ee]migrated|[Ii]mmigrated"
    r"|[Cc]ame|[Cc]omes)"
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
_TITLES = frozenset({"dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "the"})


class ResidenceRecognizer(PatternRecognizer):
    """The capitalised run after `lives in`, `moved to`, `flew to`, `arrived at`, `from`."""

    KIND = "city"
    PLACEHOLDER = "[ADDRESS]"
    PATTERNS = (
        Pattern(
            "residence",
            rf"{_VERB}(?:[ \t]+(?:here|there|back|home|away|abroad|over))?[ \t]+"
            rf"(?:to|in|at|from|near)[ \t]+(?P<v>{_RUN})",
        ),
    )

    def validate(self, match: re.Match[str]) -> bool:
        words = [w.strip("().").lower() for w in match.group("v").split()]
        if words[0] in _TITLES:
            return False  # a person (`returned to Dr. Lee`) or an institution's name
        states, nations = geography.words(), countries.words()
        if all(w in states or w in nations for w in words):
            return False  # a US state or a country: Safe Harbor keeps them
        known = core_known_words()  # built once per process, not per match
        return not all(w in known for w in words)
