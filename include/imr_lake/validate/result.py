"""What a validation run hands back to the pipeline, and the error that stops a run.

No GX or pandas here: the pipeline's coordinator imports this to read a verdict that a
validation process wrote, and stays small.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass
class ExpectationOutcome:
    """One expectation's result, reduced to what reports and quarantine need (no values)."""

    name: str
    suite: str
    expectation_type: str
    columns: list[str]
    success: bool
    evaluated_rows: int
    failed_documents: list[str] = field(default_factory=list)
    whole_batch: bool = False  # failed without naming rows: every document of the chunk fails
    error: str | None = None  # the exception's class name, when GX raised


def failures_by_expectation(failed: dict[str, list[str]]) -> dict[str, int]:
    """Failed documents per expectation name, most frequent first."""
    counts = Counter(name for names in failed.values() for name in names)
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


@dataclass
class ValidationResult:
    """Per-document verdicts of one run.

    `failed` maps a document_id to the names of the expectations it failed (a document
    fails when any of its rows in any table fails); the other `passed` documents passed.
    """

    run_id: str
    documents: int
    failed: dict[str, list[str]]
    outcomes: list[ExpectationOutcome]
    max_failed_share: float
    report_html: str = ""
    suite_version: str = ""
    chunks: int = 1
    # per quarantined/unknown_layout letter: why, and its headings (validate/triage.py)
    triage: list[dict[str, Any]] = field(default_factory=list)
    # per letter that could not be read (extraction codes): its source key and code
    unreadable: list[dict[str, Any]] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return self.documents - len(self.failed)

    @property
    def failed_share(self) -> float:
        return len(self.failed) / self.documents if self.documents else 0.0

    @property
    def threshold_exceeded(self) -> bool:
        return self.failed_share > self.max_failed_share

    def failures_by_expectation(self) -> dict[str, int]:
        return failures_by_expectation(self.failed)

    def summary(self) -> dict[str, Any]:
        """Counts only: safe for logs, XComs and JSON."""
        return {
            "documents": self.documents,
            "passed": self.passed,
            "failed": len(self.failed),
            "failed_share": round(self.failed_share, 6),
            "max_failed_share": self.max_failed_share,
            "expectations": len(self.outcomes),
            "expectations_failed": sum(1 for o in self.outcomes if not o.success),
            "failed_by_expectation": self.failures_by_expectation(),
            "suite_version": self.suite_version,
            "chunks": self.chunks,
        }


class ValidationThresholdExceeded(Exception):
    """More than the allowed share of a run's documents failed: the run publishes nothing.

    Built from the run's summary (counts and expectation names only), so a process that
    only read the verdict can raise it too; `result` is the full result when at hand.
    """

    def __init__(
        self, summary: dict[str, Any], run_id: str, result: ValidationResult | None = None
    ) -> None:
        top = ", ".join(
            f"{name} ({n})" for name, n in list(summary["failed_by_expectation"].items())[:5]
        )
        super().__init__(
            f"validation failed for {summary['failed']} of {summary['documents']} documents "
            f"({summary['failed_share']:.1%}, more than the allowed "
            f"{summary['max_failed_share']:.1%}); run {run_id} publishes nothing. "
            f"Top failed expectations: {top}. Headings found and missed per failed letter: "
            f"the run report, or `imr-lake triage --lake LAKE --run {run_id}`"
        )
        self.summary = summary
        self.run_id = run_id
        self.result = result

    @classmethod
    def of(cls, result: ValidationResult) -> ValidationThresholdExceeded:
        return cls(result.summary(), result.run_id, result)

    def __reduce__(self):  # picklable across processes, with its result
        return (type(self), (self.summary, self.run_id, self.result))
