"""Drug names, generic and brand: PyPI `drug-named-entity-recognition` 2.0.9.

Its dictionary (`drug_ner_dictionary.pkl.bz2`, built from NHS, MeSH, Wikipedia and
DrugBank names) maps every variant spelling to a canonical drug; each word of each variant
is a known word here (`Norco`, `Lyrica`, `Celebrex`, `cyclobenzaprine`).
"""

from __future__ import annotations

import bz2
import pickle
import re
from functools import cache
from importlib import resources

_WORD = re.compile(r"[a-z][a-z'-]{2,}")


@cache
def words() -> frozenset[str]:
    path = resources.files("drug_named_entity_recognition").joinpath("drug_ner_dictionary.pkl.bz2")
    with path.open("rb") as raw, bz2.open(raw) as unpacked:
        data = pickle.load(unpacked)  # noqa: S301 (a file of the installed package)
    found: set[str] = set()
    for variant in data["drug_variant_to_canonical"]:
        found.update(_WORD.findall(variant.lower()))
    return frozenset(found)
