"""Cut an issues section into disputed items, each ending in `<treatment>: Upheld`.

An item's treatment name wraps over lines and nothing marks where it starts, except that
the text before it (the previous item's rationale, or an intro sentence) ends a sentence.
So we anchor on the decision after the name and walk back over lines until one that ends
a sentence. Colons inside names ("DOS: 06/25/2013") are kept: the decision's colon is the
last one before `Upheld`/`Overturned`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from imr_lake.model import OVERTURNED, UPHELD
from imr_lake.parse.text import flatten

DECISION_RE = re.compile(
    r":[ \t]*\n?[ \t]*(Upheld|Overturned|UPHELD|OVERTURNED)\b[ \t.]*(?=\n|$| )"
)
_SENTENCE_END_RE = re.compile(r"(?:[a-z0-9)\]%'\"]{2}\.|[!?])[\"')]?$")
_MAX_NAME_LINES = 4
_NUMBERING_RE = re.compile(r"^\s*(?:(?:Item|Issue)\s*#?\s*)?\d{1,2}\s*[.):]\s+", re.IGNORECASE)
TRAILER_RE = re.compile(
    r"\n(?:State\(?s?\)?\s+of\s+Licensure|Certification\(?s?\)?\s*/\s*Specialt|cc:|"
    r"Sincerely|Enclosure|This determination is final|MEDICAL REVIEWER QUALIFICATIONS)",
    re.IGNORECASE,
)


@dataclass
class RawItem:
    """An item's treatment name, decision and the text that follows it."""

    treatment: str
    decision: str
    body: str


def _normal_decision(word: str) -> str:
    return UPHELD if word.lower() == "upheld" else OVERTURNED


def name_start(chunk: str) -> int:
    """Offset in `chunk` where the trailing treatment name begins.

    A numbered line ("2. Norco ...") starts a name; else the name starts after the last
    line that ends a sentence (at most a few lines back).
    """
    lines = chunk.split("\n")
    for back in range(1, min(len(lines), _MAX_NAME_LINES) + 1):
        if _NUMBERING_RE.match(lines[-back]):
            return len(chunk) - len("\n".join(lines[-back:]))
    keep = 1
    while keep < len(lines) and keep < _MAX_NAME_LINES:
        before = lines[-keep - 1].rstrip()
        if not before or _SENTENCE_END_RE.search(before):
            break
        keep += 1
    return len(chunk) - len("\n".join(lines[-keep:]))


def clean_treatment(name: str) -> str:
    return _NUMBERING_RE.sub("", flatten(name)).strip(" :")


def split_items(section: str, intro_end: int = 0) -> list[RawItem]:
    """Items of an issues section; `intro_end` is where the first item may start."""
    marks = list(DECISION_RE.finditer(section, intro_end))
    items: list[RawItem] = []
    starts: list[int] = []
    for i, m in enumerate(marks):
        if i == 0:
            start = intro_end
        else:
            prev_end = marks[i - 1].end()
            start = prev_end + name_start(section[prev_end : m.start()])
        starts.append(start)
    for i, m in enumerate(marks):
        stop = starts[i + 1] if i + 1 < len(marks) else len(section)
        body = section[m.end() : stop]
        items.append(
            RawItem(
                clean_treatment(section[starts[i] : m.start()]), _normal_decision(m.group(1)), body
            )
        )
    return items


class LabelledFields:
    """Split an item body at labels ("Decision rationale:") into label -> value."""

    def __init__(self, **labels: str) -> None:
        parts = [f"(?P<{key}>{pattern})" for key, pattern in labels.items()]
        self._re = re.compile("|".join(parts), re.IGNORECASE)

    def first(self, body: str) -> int:
        """Offset of the first label in `body` (its length when there is none)."""
        m = self._re.search(body)
        return m.start() if m else len(body)

    def split(self, body: str) -> dict[str, str]:
        found = [(m.start(), m.end(), m.lastgroup) for m in self._re.finditer(body)]
        out: dict[str, str] = {}
        for i, (_, end, key) in enumerate(found):
            stop = found[i + 1][0] if i + 1 < len(found) else len(body)
            if key and key not in out:
                out[key] = body[end:stop].strip()
        return out


def cut_trailer(text: str) -> str:
    """The text before a closing reviewer block, signature or cc: list."""
    m = TRAILER_RE.search(text)
    return text[: m.start()] if m else text
