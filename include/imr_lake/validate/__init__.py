"""Validation of a run's staged rows with Great Expectations Core, and quarantine.

`validate_run` is the one entry point the pipeline calls; GX itself is imported only
when it runs (see runner.py), never when this package is imported.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import UTC, datetime

import pyarrow as pa

from imr_lake.validate.quarantine import quarantine_rows
from imr_lake.validate.result import ValidationResult, ValidationThresholdExceeded

__all__ = ["ValidationResult", "ValidationThresholdExceeded", "quarantine_rows", "validate_run"]

log = logging.getLogger(__name__)


def _ids(table: pa.Table) -> set[str]:
    if "document_id" not in table.column_names:
        return set()
    return {d for d in table.column("document_id").to_pylist() if d is not None}


def validate_run(
    determinations: pa.Table,
    treatments: pa.Table,
    *,
    run_id: str,
    existing_document_ids: set[str],
    reprocess: bool,
    max_failed_share: float = 0.05,
    current_year: int | None = None,
) -> ValidationResult:
    """Validate one run's rows; say which documents fail and why.

    A document fails when any of its rows in either table fails an expectation. Raises
    ValidationThresholdExceeded (with the result attached) when more than
    `max_failed_share` of the run's documents fail.
    """
    from imr_lake.validate.frames import (
        determinations_frame,
        guideline_sources_frame,
        treatments_frame,
    )
    from imr_lake.validate.report import render
    from imr_lake.validate.rules import SUITE_VERSION, load_suites
    from imr_lake.validate.runner import run_suites

    documents = _ids(determinations) | _ids(treatments)
    in_lake = set() if reprocess else documents & set(existing_document_ids)
    frames = {
        "determinations": determinations_frame(determinations, treatments, in_lake),
        "treatments": treatments_frame(determinations, treatments),
        "guideline_sources": guideline_sources_frame(treatments),
    }
    suites = load_suites()
    parameters = {
        "current_year": current_year or datetime.now(tz=UTC).year,
        "run_ids": [run_id],
    }
    outcomes = run_suites(frames, suites, parameters)

    failed: dict[str, list[str]] = defaultdict(list)
    for outcome in outcomes:
        if outcome.success:
            continue
        for doc in sorted(documents) if outcome.whole_batch else outcome.failed_documents:
            if outcome.name not in failed[doc]:
                failed[doc].append(outcome.name)
    result = ValidationResult(
        run_id=run_id,
        documents=len(documents),
        failed=dict(failed),
        passed_document_ids=documents - failed.keys(),
        outcomes=outcomes,
        max_failed_share=max_failed_share,
        suite_version=SUITE_VERSION,
    )
    result.report_html = render(result, suites)
    summary = result.summary()
    log.info(
        "validation: %d documents, %d passed, %d failed; failed by expectation: %s",
        summary["documents"],
        summary["passed"],
        summary["failed"],
        summary["failed_by_expectation"],
    )
    if result.threshold_exceeded:
        raise ValidationThresholdExceeded(result)
    return result
