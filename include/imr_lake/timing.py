"""Per-stage wall-clock seconds, cheap enough to leave on in every run.

Two `perf_counter` calls per stage and letter (well under a microsecond each) let a batch
report where its time went, so the benchmark and operators need no profiler to see it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from time import perf_counter


class StageTimer:
    """Accumulates seconds by stage name; a stage that raises still counts."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = perf_counter()
        try:
            yield
        finally:
            self.add(name, perf_counter() - started)

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds


def sum_seconds(parts: Iterable[dict[str, float]]) -> dict[str, float]:
    """Stage seconds of many batches (or letters) added up by stage."""
    total: dict[str, float] = {}
    for part in parts:
        for name, seconds in part.items():
            total[name] = total.get(name, 0.0) + seconds
    return total
