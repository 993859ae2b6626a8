"""Validation of a run's staged rows with Great Expectations Core, and quarantine.

`RunValidator` validates a run chunk by chunk (memory flat with run size) and gives one
verdict for the whole run; `validate_run` is the one-chunk shorthand. GX itself is imported
only when a validator is built (see runner.py), never when this package is imported.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, datetime

import pyarrow as pa

from imr_lake.errors import ErrorCode
from imr_lake.parse.triage import reasons_of
from imr_lake.validate.quarantine import quarantine_rows
from imr_lake.validate.result import (
    ExpectationOutcome,
    ValidationResult,
    ValidationThresholdExceeded,
)
from imr_lake.validate.triage import triage_row

__all__ = [
    "RunValidator",
    "ValidationResult",
    "ValidationThresholdExceeded",
    "quarantine_rows",
    "validate_run",
]

log = logging.getLogger(__name__)


def _ids(table: pa.Table) -> set[str]:
    if "document_id" not in table.column_names:
        return set()
    return {d for d in table.column("document_id").to_pylist() if d is not None}


class RunValidator:
    """Validates one run's rows chunk by chunk and judges the run as a whole.

    A document fails when any of its rows in either table fails an expectation. Every
    expectation is about single rows or a single document, except document_id uniqueness,
    which the caller guarantees across chunks (the first staged copy of a document wins),
    so chunks can be checked one at a time. The threshold applies to the whole run.
    """

    def __init__(
        self,
        *,
        run_id: str,
        existing_document_ids: Iterable[str],
        reprocess: bool,
        max_failed_share: float = 0.05,
        current_year: int | None = None,
    ) -> None:
        from imr_lake.validate.rules import SUITE_VERSION, load_suites
        from imr_lake.validate.runner import SuiteRunner

        self.run_id = run_id
        self.existing = set() if reprocess else set(existing_document_ids)
        self.max_failed_share = max_failed_share
        self.suites = load_suites()
        self.suite_version = SUITE_VERSION
        self.runner = SuiteRunner(
            self.suites,
            {"current_year": current_year or datetime.now(tz=UTC).year, "run_ids": [run_id]},
        )
        self.documents = 0
        self.chunks = 0
        self.failed: dict[str, list[str]] = {}
        self.outcomes: dict[str, ExpectationOutcome] = {}
        self.triage: list[dict] = []
        self.unreadable: list[dict] = []  # letters no parser saw: source key and code

    def add(
        self, determinations: pa.Table, treatments: pa.Table, outcomes: pa.Table | None = None
    ) -> None:
        """Validate one chunk (documents whole: all their rows in this chunk).

        `outcomes` (the staged outcome rows of the chunk's source objects) adds each
        letter's parse problems as failures (`incomplete_parse: no items`: a letter with
        holes never publishes) and gives the triage rows of the run report.
        """
        from imr_lake.validate.frames import (
            determinations_frame,
            guideline_sources_frame,
            treatments_frame,
        )
        from imr_lake.validate.runner import merge_outcomes

        documents = _ids(determinations) | _ids(treatments)
        frames = {
            "determinations": determinations_frame(
                determinations, treatments, documents & self.existing
            ),
            "treatments": treatments_frame(determinations, treatments),
            "guideline_sources": guideline_sources_frame(treatments),
        }
        for outcome in self.runner.run(frames):
            self.outcomes[outcome.name] = merge_outcomes(self.outcomes.get(outcome.name), outcome)
            if outcome.success:
                continue
            for doc in sorted(documents) if outcome.whole_batch else outcome.failed_documents:
                names = self.failed.setdefault(doc, [])
                if outcome.name not in names:
                    names.append(outcome.name)
        rows = outcomes.to_pylist() if outcomes is not None else []
        for row in rows:
            doc = row.get("document_id")
            if doc in documents and row.get("parse_problems"):
                names = self.failed.setdefault(doc, [])
                names += [r for r in reasons_of(row["parse_problems"]) if r not in names]
        self.triage += [t for t in (triage_row(row, self.failed) for row in rows) if t]
        self.unreadable += [
            {"key": row.get("key"), "error_code": row["error_code"]}
            for row in rows
            if row.get("error_code") and row["error_code"] != ErrorCode.UNKNOWN_LAYOUT.value
        ]
        self.documents += len(documents)
        self.chunks += 1

    def finish(self) -> ValidationResult:
        """The run's verdict and report; raises when too many documents failed."""
        from imr_lake.validate.report import render

        result = ValidationResult(
            run_id=self.run_id,
            documents=self.documents,
            failed=self.failed,
            outcomes=list(self.outcomes.values()),
            max_failed_share=self.max_failed_share,
            suite_version=self.suite_version,
            chunks=self.chunks,
            triage=self.triage,
            unreadable=self.unreadable,
        )
        result.report_html = render(result, self.suites)
        summary = result.summary()
        log.info(
            "validation: %d documents in %d chunks, %d passed, %d failed; "
            "failed by expectation: %s",
            summary["documents"],
            self.chunks,
            summary["passed"],
            summary["failed"],
            summary["failed_by_expectation"],
        )
        if result.threshold_exceeded:
            raise ValidationThresholdExceeded.of(result)
        return result


def validate_run(
    determinations: pa.Table,
    treatments: pa.Table,
    *,
    run_id: str,
    existing_document_ids: Iterable[str],
    reprocess: bool,
    max_failed_share: float = 0.05,
    current_year: int | None = None,
) -> ValidationResult:
    """Validate a whole run given as one chunk; raises ValidationThresholdExceeded (with
    the result attached) when more than `max_failed_share` of its documents fail."""
    validator = RunValidator(
        run_id=run_id,
        existing_document_ids=existing_document_ids,
        reprocess=reprocess,
        max_failed_share=max_failed_share,
        current_year=current_year,
    )
    validator.add(determinations, treatments)
    return validator.finish()
