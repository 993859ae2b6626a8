"""Letter case of English words: PyPI `english-words` 2.0.2, its `web2` list (Webster's
Second International Dictionary, 1934; 235,970 headwords, case kept).

wordfreq (`english.py`) lower-cases what it counts, so `campbell`, `liam` and `current`
look alike there. A dictionary writes a common word in lower case and a proper noun
capitalised: `current`, `walker` are words; `Jan`, `Oskar`, `Moran` are names. So:
- `lower_form`: the dictionary lists the word, or its stem (`reported` -> `report`,
  `dropped` -> `drop`), in lower case: a common word, which may stay at a sentence start;
- `proper_only`: it lists the word capitalised and no lower-case form of it: a name.
A word the dictionary does not hold at all (`online`, `Liam`) is neither: the other
sources judge it. Headwords only (no inflections), so stems are tried.
"""

from __future__ import annotations

from functools import cache, lru_cache

# (suffix, replacement) tried on a lower-case word to find its headword.
_STEMS = (
    ("s", ""),
    ("es", ""),
    ("ies", "y"),
    ("ed", ""),
    ("ed", "e"),
    ("ied", "y"),
    ("ing", ""),
    ("ing", "e"),
    ("ly", ""),
    ("er", ""),
    ("ers", ""),
    ("est", ""),
    ("'s", ""),
)


@cache
def _entries() -> tuple[frozenset[str], frozenset[str]]:
    """(lower-case headwords, capitalised headwords lower-cased)."""
    from english_words import get_english_words_set

    words = get_english_words_set(["web2"], alpha=True)
    lower = frozenset(w for w in words if w.islower())
    capital = frozenset(w.lower() for w in words if not w.islower())
    return lower, capital


def _stems(word: str) -> list[str]:
    out = [word]
    for suffix, replacement in _STEMS:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)] + replacement
            out.append(stem)
            if len(stem) > 3 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # "dropped" -> "dropp" -> "drop"
    return out


@lru_cache(maxsize=1 << 16)
def lower_form(word: str) -> bool:
    """The dictionary writes this word (or its stem) in lower case: a common word."""
    lower, _ = _entries()
    return any(s in lower for s in _stems(word.lower()))


@lru_cache(maxsize=1 << 16)
def proper_only(word: str) -> bool:
    """The dictionary writes this word capitalised only: a proper noun (`Jan`, `Oskar`)."""
    _, capital = _entries()
    low = word.lower()
    return low in capital and not lower_form(low)
