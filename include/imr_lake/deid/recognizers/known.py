"""The letter's own identifiers, wherever they reappear in its text.

The parser reads a case number, a claim number and names from labelled places (signers,
cc: lines, documents reviewed); the person recognizer finds more names in the letter's
free text. A name found once is scrubbed everywhere in that letter: "Dr. Garcia" in the
summary makes "Garcia" alone in a rationale a name too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from imr_lake.deid.lexicon import FUNCTION_WORDS, NAME_TITLES
from imr_lake.deid.recognizers.base import Recognizer, Span

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SEPARATORS = re.compile(r"[\s\-./]+")
_MIN_ID_LENGTH = 4


def name_tokens(names: Iterable[str]) -> set[str]:
    """The words of names worth scrubbing alone: two letters or more, no titles or degrees."""
    tokens: set[str] = set()
    for name in names:
        for word in _WORD.findall(name):
            word = word.strip("'’-")
            if len(word) < 2 or not word[0].isupper():
                continue
            if word in FUNCTION_WORDS or word in NAME_TITLES or word.isupper() and len(word) < 4:
                continue  # "MD", "PA", "DO": degrees, not names
            tokens.add(word)
            if word.endswith(("'s", "’s")):
                tokens.add(word[:-2])
    return tokens


def id_variants(value: str) -> set[str]:
    """`CM13-0012345` as the letters may also write it: `CM13 0012345`, `CM130012345`."""
    value = value.strip()
    parts = [p for p in _SEPARATORS.split(value) if p]
    variants = {value, value.upper(), "".join(parts)}
    for sep in ("-", " ", "", "."):
        variants.add(sep.join(parts))
    if len(parts) == 1 and value[:2].isalpha() and len(value) > 6:  # CM130012345 -> CM13-0012345
        variants.add(f"{value[:4]}-{value[4:]}")
        variants.add(f"{value[:4]} {value[4:]}")
    return {v for v in variants if len(v) >= _MIN_ID_LENGTH}


class KnownIdentifiersRecognizer(Recognizer):
    """Exact reappearances of this letter's case/claim numbers and name words."""

    KIND = "known"

    def __init__(self, ids: Iterable[str] = (), names: Iterable[str] = ()) -> None:
        variants: set[str] = set()
        for value in ids:
            if value:
                variants |= id_variants(value)
        self.ids = sorted(variants, key=len, reverse=True)
        tokens = name_tokens(names)
        self.name_words = tokens | {t.upper() for t in tokens if len(t) >= 3}

    def analyze(self, text: str) -> list[Span]:
        spans: list[Span] = []
        for value in self.ids:
            start = text.find(value)
            while start != -1:
                end = start + len(value)
                before = text[start - 1] if start else " "
                after = text[end] if end < len(text) else " "
                if not before.isalnum() and not after.isalnum():
                    spans.append(Span(start, end, "id", "[ID]"))
                start = text.find(value, end)
        # A word of the set is in the text as a substring first: most texts hold none
        if any(word in text for word in self.name_words):
            for m in _WORD.finditer(text):
                word = m.group()
                if word in self.name_words:
                    spans.append(Span(m.start(), m.end(), "person", "[NAME]"))
                elif word.endswith(("'s", "’s")) and word[:-2] in self.name_words:
                    spans.append(Span(m.start(), m.end() - 2, "person", "[NAME]"))
        return spans
