"""PDF bytes to page texts: two engines under one budget, in an isolated process.

- engines: `plumber` (pdfplumber, the reference) and `pdfium` (pypdfium2: the same text
  several times faster), chosen by IMR_EXTRACT_ENGINE; both raise the same error codes;
- `budget`: what one document may cost (too_large, too_complex), from the environment;
- `envelope` and `streams`: the checks both engines share before they parse (raw bytes,
  inflated stream size);
- `pool` and `child`: the reused extraction process with OS limits (IMR_EXTRACT_ISOLATION
  = `process`, the default; `off` runs the engine in the caller, for measurements).
"""

from __future__ import annotations

import os
from collections.abc import Callable

from imr_lake.config import extract_engine
from imr_lake.errors import ConfigurationError
from imr_lake.extract.budget import Budget, Deadline, memory_exceeded
from imr_lake.extract.envelope import check_envelope
from imr_lake.extract.streams import check_inflated_size

ISOLATION_ENV = "IMR_EXTRACT_ISOLATION"
ISOLATIONS = ("process", "off")
PAGE_BREAK = "\f"
"""Joins pages in `extract_text`, so parsers can tell running headers from body text."""

Engine = Callable[[bytes, Budget, Deadline], list[str]]


def _plumber(data: bytes, budget: Budget, deadline: Deadline) -> list[str]:
    from imr_lake.extract.plumber import extract_pages

    return extract_pages(data, budget, deadline)


def _pdfium(data: bytes, budget: Budget, deadline: Deadline) -> list[str]:
    from imr_lake.extract.pdfium import extract_pages

    return extract_pages(data, budget, deadline)


ENGINES: dict[str, Engine] = {"pdfplumber": _plumber, "pypdfium2": _pdfium}


def isolation(value: str | None = None) -> str:
    """`process` (default): extraction in the worker's child process; `off`: in the caller."""
    mode = (value or os.environ.get(ISOLATION_ENV) or "process").strip().lower()
    if mode not in ISOLATIONS:
        raise ConfigurationError(f"{ISOLATION_ENV}={mode!r} is not one of {', '.join(ISOLATIONS)}")
    return mode


def run_engine(data: bytes, budget: Budget, engine: str) -> list[str]:
    """The budget's checks, then the engine, in this process (the child runs this)."""
    deadline = Deadline(budget)
    check_inflated_size(data, budget)
    try:
        return ENGINES[engine](data, budget, deadline)
    except MemoryError:
        raise memory_exceeded(budget) from None


def extract_pages(data: bytes, budget: Budget | None = None) -> list[str]:
    """Text of every page, in order. Raises DocumentError with the file's error code."""
    budget = budget or Budget.from_env()
    engine = extract_engine()
    check_envelope(data, budget)
    if isolation() == "process":
        from imr_lake.extract.pool import shared_extractor

        return shared_extractor().extract(data, budget, engine)
    return run_engine(data, budget, engine)


def extract_text(data: bytes, budget: Budget | None = None) -> str:
    """Text of the whole PDF, pages joined by a form feed on its own line."""
    return f"\n{PAGE_BREAK}\n".join(extract_pages(data, budget))


def peak_rss_mb() -> float:
    """The largest peak resident memory of this process's extraction children so far."""
    from imr_lake.extract.pool import shared_extractor

    return shared_extractor().peak_rss_mb if isolation() == "process" else 0.0


def warm_up(budget: Budget | None = None) -> None:
    """Start the extraction process now, so its imports overlap the caller's own work."""
    if isolation() == "process":
        from imr_lake.extract.pool import shared_extractor

        shared_extractor().start((budget or Budget.from_env()).memory_mb)
