"""Language names: the Unicode CLDR's English names of languages, as PyPI `babel` 2.19 ships
them (`Locale("en").languages`).

A letter says which language a worker speaks or which interpreter was used ("a Spanish
interpreter", "speaks Tagalog"): no identifier, and a census surname (`English`, `French`,
`Spanish`) does not make it one. Included: the ISO 639-1 languages (184, the two-letter
codes) and three of the most spoken languages in California that have none (Filipino,
Hmong, Cantonese); each word of a name is known (`Haitian`, `Creole`), less the words that
are common census given names (the countries' rule, `lexicon.common_given_names`).
"""

from __future__ import annotations

import re
from functools import cache

_WORD = re.compile(r"[^\W\d_]+")
_WITHOUT_TWO_LETTER_CODE = ("fil", "hmn", "yue")


@cache
def words() -> frozenset[str]:
    from babel import Locale

    from imr_lake.deid.lexicon import common_given_names

    names = Locale("en").languages
    listed = [n for code, n in names.items() if len(code) == 2 or code in _WITHOUT_TWO_LETTER_CODE]
    given = common_given_names()
    return (
        frozenset(w.lower() for name in listed for w in _WORD.findall(name) if len(w) > 2) - given
    )
