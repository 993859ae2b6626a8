"""Common English words: PyPI `wordfreq` 3.1.1 (its `en` list, top 40,000 by frequency).

wordfreq counts words in many corpora (subtitles, news, books, web), proper nouns
included ("maria", "garcia" are frequent). So these words are trusted only where English
capitalises a common word: at a sentence start, in an all-capitals heading, and (the top
15,000) a single capitalised word mid-sentence; never when the word is also a census
given name (or, outside a sentence start, a surname; see `imr_lake.deid.lexicon`); the
top 300 (`My`, `So`, `Will`) stay at a sentence start before a lower-case word even then.
"""

from __future__ import annotations

from functools import cache

TOP_N = 40_000
VERY_COMMON_N = 15_000
FUNCTION_N = 300


@cache
def common() -> frozenset[str]:
    from wordfreq import top_n_list

    return frozenset(top_n_list("en", TOP_N))


def is_common(word: str) -> bool:
    return word.lower() in common()


@cache
def very_common() -> frozenset[str]:
    from wordfreq import top_n_list

    return frozenset(top_n_list("en", VERY_COMMON_N))


def is_very_common(word: str) -> bool:
    return word.lower() in very_common()


@cache
def function_words() -> frozenset[str]:
    from wordfreq import top_n_list

    return frozenset(top_n_list("en", FUNCTION_N))


def is_function_word(word: str) -> bool:
    return word.lower() in function_words()
