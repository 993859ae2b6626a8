"""Drug names, generic and brand: PyPI `drug-named-entity-recognition` 2.0.9.

Its dictionary (`drug_ner_dictionary.pkl.bz2`, built from NHS, MeSH, Wikipedia and
DrugBank names) maps every variant spelling to a canonical drug; each word of each variant
is a known word here (`Norco`, `Lyrica`, `Celebrex`, `cyclobenzaprine`).
"""

from __future__ import annotations

import bz2
import pickle
import re
import sys
from functools import cache
from importlib import resources

from imr_lake.deid.vocabulary.child_listing import child_listing

_WORD = re.compile(r"[a-z][a-z'-]{2,}")


@cache
def words() -> frozenset[str]:
    """The dictionary's words, read in a child process.

    Unpickling the dictionary takes about 370 MB, which CPython's allocator keeps after the
    dictionary is freed: read in the worker itself, it made every letter worker 450 MB larger.
    The child hands back only the 53,000 words, once per installation (`child_listing`).
    """
    return frozenset(child_listing(__name__, ("drug-named-entity-recognition",)).split())


def _read_dictionary() -> set[str]:
    path = resources.files("drug_named_entity_recognition").joinpath("drug_ner_dictionary.pkl.bz2")
    with path.open("rb") as raw, bz2.open(raw) as unpacked:
        data = pickle.load(unpacked)  # noqa: S301 (a file of the installed package)
    found: set[str] = set()
    for variant in data["drug_variant_to_canonical"]:
        found.update(_WORD.findall(variant.lower()))
    return found


if __name__ == "__main__":
    sys.stdout.write("\n".join(sorted(_read_dictionary())))
