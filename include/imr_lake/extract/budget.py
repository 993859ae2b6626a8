"""What one document may cost to extract, and the errors past it.

Two kinds of limit. `too_large` is about the file as it is (bytes, pages): checked before
any text is read. `too_complex` is about what reading it costs (wall time, CPU time,
memory, bytes its streams inflate to, glyphs on one page): a small file can be a bomb.
Every limit is set in the environment; the defaults sit far above what letters need
(docs/extraction.md has the measurements they were chosen from).
"""

from __future__ import annotations

import os
import time
from dataclasses import asdict, dataclass

from imr_lake.errors import DocumentError, ErrorCode

MB = 1024 * 1024

ENV = {  # field -> environment variable
    "max_bytes": "IMR_MAX_BYTES",
    "max_pages": "IMR_MAX_PAGES",
    "wall_seconds": "IMR_BUDGET_WALL_SECONDS",
    "cpu_seconds": "IMR_BUDGET_CPU_SECONDS",
    "memory_mb": "IMR_BUDGET_MEMORY_MB",
    "inflated_mb": "IMR_BUDGET_INFLATED_MB",
    "glyphs_per_page": "IMR_BUDGET_GLYPHS_PER_PAGE",
}


@dataclass(frozen=True)
class Budget:
    """The limits of one document's extraction (too_large, then too_complex)."""

    max_bytes: int = 50 * MB
    max_pages: int = 300
    wall_seconds: float = 30.0
    cpu_seconds: float = 30.0
    memory_mb: int = 1024  # address space of the extracting process, libraries included
    inflated_mb: int = 64  # all FlateDecode streams of the file, decoded, except images
    glyphs_per_page: int = 30_000

    @classmethod
    def from_env(cls, **overrides: float) -> Budget:
        """The defaults, then the environment, then `overrides` (read at call time)."""
        values: dict[str, float] = {}
        for name, var in ENV.items():
            raw = os.environ.get(var, "").strip()
            if raw:
                kind = type(getattr(cls, name))
                values[name] = kind(float(raw)) if kind is int else kind(raw)
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]

    def to_json(self) -> dict[str, float]:
        return asdict(self)

    @property
    def inflated_bytes(self) -> int:
        return self.inflated_mb * MB


def too_complex(limit: str) -> DocumentError:
    """The error of a document over one limit; the message names the limit and its value."""
    return DocumentError(ErrorCode.TOO_COMPLEX, f"over the processing budget: {limit}")


def wall_time_exceeded(budget: Budget) -> DocumentError:
    return too_complex(f"wall time {budget.wall_seconds:g} s ({ENV['wall_seconds']})")


def cpu_time_exceeded(budget: Budget) -> DocumentError:
    return too_complex(f"CPU time {budget.cpu_seconds:g} s ({ENV['cpu_seconds']})")


def memory_exceeded(budget: Budget) -> DocumentError:
    return too_complex(f"memory {budget.memory_mb} MB ({ENV['memory_mb']})")


def inflated_exceeded(budget: Budget) -> DocumentError:
    return too_complex(f"streams inflate past {budget.inflated_mb} MB ({ENV['inflated_mb']})")


def glyphs_exceeded(budget: Budget, page: int) -> DocumentError:
    return too_complex(
        f"page {page} has more than {budget.glyphs_per_page} glyphs ({ENV['glyphs_per_page']})"
    )


def check_pages(count: int, budget: Budget) -> None:
    if count > budget.max_pages:
        raise DocumentError(
            ErrorCode.TOO_LARGE, f"{count} pages exceeds the limit of {budget.max_pages}"
        )


class Deadline:
    """The wall-clock end of one document, checked between pages and glyphs by the engines
    (the pool kills a process that stops checking: a loop inside C code)."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.ends = time.monotonic() + budget.wall_seconds

    def check(self) -> None:
        if time.monotonic() > self.ends:
            raise wall_time_exceeded(self.budget)
