"""What a clean run must not print: Python warnings, error-level log lines, tracebacks."""

from __future__ import annotations

import re

NOISE = re.compile(
    r"\b[A-Z]\w*Warning\b|\[py\.warnings\]|\[error\s*\]|\bERROR\b|\bCRITICAL\b|Traceback"
)


def noise(text: str) -> list[str]:
    """The lines of `text` an operator would read as a warning or an error."""
    return [line[:300] for line in text.splitlines() if NOISE.search(line)]
