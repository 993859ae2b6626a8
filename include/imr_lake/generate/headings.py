"""Headings as real letters vary them: Title Case instead of capitals, and glued to the
line before (text extraction joins a heading with the end of the previous paragraph).

Applied after a layout writer composed its blocks, to test the parsers' robustness; the
truth does not change (no heading is part of a field).
"""

from __future__ import annotations

import random
import re

from imr_lake.generate.flow import Block, Para

TITLE_SHARE = 0.15  # letters whose headings are in Title Case
GLUED_SHARE = 0.15  # letters with one heading glued to the paragraph before it
_KEEP_UPPER = {"IMR", "MTUS", "ACOEM", "ODG", "UR", "INC."}
_SMALL = {"of", "the", "and", "at", "by", "for", "or", "to", "in", "a", "an"}


def title_case(heading: str) -> str:
    """ "IMR DECISION(S) AND RATIONALE(S)" -> "IMR Decision(s) and Rationale(s)"."""
    words = []
    for n, word in enumerate(heading.split(" ")):
        if word.upper() in _KEEP_UPPER:
            words.append(word.upper())
        elif n and word.lower() in _SMALL:
            words.append(word.lower())
        else:
            words.append(re.sub(r"[A-Za-z]+", lambda m: m.group(0).capitalize(), word))
    return " ".join(words).replace("(S)", "(s)")


def vary_headings(blocks: list[Block], headings: tuple[str, ...], rng: random.Random) -> None:
    """Title-case the letter's headings (some letters), glue one to the line before
    (some letters); in place."""
    known = set(headings)
    places = [i for i, b in enumerate(blocks) if isinstance(b, Para) and b.text in known]
    if rng.random() < TITLE_SHARE:
        for i in places:
            blocks[i].text = title_case(blocks[i].text)
    glueable = [
        i
        for i in places
        if i > 0
        and isinstance(blocks[i - 1], Para)
        and not blocks[i - 1].bold
        and not blocks[i - 1].lead
        and not blocks[i - 1].center
    ]
    if glueable and rng.random() < GLUED_SHARE:
        i = rng.choice(glueable)
        blocks[i - 1].text = f"{blocks[i - 1].text} {blocks[i].text}"
        del blocks[i]
