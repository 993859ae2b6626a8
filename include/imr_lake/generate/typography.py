"""Word-processor typography: "smart" apostrophes, applied to a letter and its truth alike.

Word turns ' into a right single quotation mark as you type; text extraction then returns
U+2019 ("patient’s", "Workers’ Compensation", "O’Brien"), which parsers must expect.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from imr_lake.generate.flow import Block, Grid, Para

RIGHT_QUOTE = "\u2019"


def smart_quotes(text: str) -> str:
    return text.replace("'", RIGHT_QUOTE)


def on_blocks(blocks: list[Block], fn: Callable[[str], str]) -> list[Block]:
    """The same blocks with `fn` applied to every printed string."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Para):
            out.append(replace(block, text=fn(block.text), lead=fn(block.lead)))
        elif isinstance(block, Grid):
            rows = [[(fn(label), fn(value)) for label, value in row] for row in block.rows]
            out.append(replace(block, rows=rows))
        else:
            out.append(block)
    return out


def on_values(value: Any, fn: Callable[[str], str]) -> Any:
    """`fn` applied to every string inside a JSON-like value (the truth record)."""
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, list):
        return [on_values(v, fn) for v in value]
    if isinstance(value, dict):
        return {k: on_values(v, fn) for k, v in value.items()}
    return value
