"""Words of a non-Latin script in a letter written in English: proper nouns.

An IMR letter is English; a run of Greek, Cyrillic, Armenian, Hebrew, Arabic, Thai or CJK
letters in it is a name or a place as its owner writes it (`ΠΑΦΟΣ`, `Μεγάλη Άμμος`,
`Иван Петров`), never clinical content. Single letters stay: `β-blocker`, `TNF-α`, `μg`.
By the Unicode blocks of those scripts (Unicode 15), no word list. `∆` (U+2206) inside a
Greek word is the delta that some fonts and faker data put for `Δ`.
"""

from __future__ import annotations

from imr_lake.deid.recognizers.base import Pattern, PatternRecognizer

_SCRIPTS = (
    "\u0370-\u03ff\u1f00-\u1fff"  # Greek
    "\u0400-\u052f"  # Cyrillic
    "\u0530-\u058f"  # Armenian
    "\u0590-\u05ff"  # Hebrew
    "\u0600-\u06ff"  # Arabic
    "\u0e00-\u0e7f"  # Thai
    "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"  # Kana, CJK, Hangul
)
_LETTER = rf"[{_SCRIPTS}\u2206]"
_WORD = rf"{_LETTER}(?:{_LETTER}|['’.-](?={_LETTER}))+"


class NonLatinRecognizer(PatternRecognizer):
    """A run of words of two letters or more in a non-Latin script, spaces between."""

    KIND = "proper_noun"
    PLACEHOLDER = "[REDACTED]"
    PATTERNS = (Pattern("non_latin_run", rf"{_WORD}(?:[ \t]+{_WORD})*\.?"),)
