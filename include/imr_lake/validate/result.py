"""What a validation run hands back to the pipeline, and the error that stops a run."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from imr_lake.validate.runner import ExpectationOutcome


@dataclass
class ValidationResult:
    """Per-document verdicts of one run.

    `failed` maps a document_id to the names of the expectations it failed (a document
    fails when any of its rows in any table fails); every other document passed.
    """

    run_id: str
    documents: int
    failed: dict[str, list[str]]
    passed_document_ids: set[str]
    outcomes: list[ExpectationOutcome]
    max_failed_share: float
    report_html: str = ""
    suite_version: str = ""

    @property
    def failed_share(self) -> float:
        return len(self.failed) / self.documents if self.documents else 0.0

    @property
    def threshold_exceeded(self) -> bool:
        return self.failed_share > self.max_failed_share

    def failures_by_expectation(self) -> dict[str, int]:
        """Failed documents per expectation name, most frequent first."""
        counts = Counter(name for names in self.failed.values() for name in names)
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    def summary(self) -> dict[str, Any]:
        """Counts only: safe for logs, XComs and JSON."""
        return {
            "documents": self.documents,
            "passed": len(self.passed_document_ids),
            "failed": len(self.failed),
            "failed_share": round(self.failed_share, 6),
            "max_failed_share": self.max_failed_share,
            "expectations": len(self.outcomes),
            "expectations_failed": sum(1 for o in self.outcomes if not o.success),
            "failed_by_expectation": self.failures_by_expectation(),
            "suite_version": self.suite_version,
        }


class ValidationThresholdExceeded(Exception):
    """More than the allowed share of a run's documents failed: the run publishes nothing.

    The message gives counts and expectation names only; `result` carries the full
    result (and its report) for the caller to write out.
    """

    def __init__(self, result: ValidationResult, top: int = 5) -> None:
        failures = result.failures_by_expectation()
        top_names = ", ".join(f"{name} ({n})" for name, n in list(failures.items())[:top])
        super().__init__(
            f"validation failed for {len(result.failed)} of {result.documents} documents "
            f"({result.failed_share:.1%}, more than the allowed {result.max_failed_share:.1%}); "
            f"run {result.run_id} publishes nothing. Top failed expectations: {top_names}"
        )
        self.result = result

    def __reduce__(self):  # picklable across processes, with its result
        return (type(self), (self.result,))
