"""Validate a staged run in a process of its own: `python -m imr_lake.validate.staged`.

Great Expectations costs about 260 MB of memory once imported (pandas, scipy, altair,
sqlalchemy come with it) and never gives it back. The pipeline therefore validates in a
short-lived process: the processes that extract letters or publish never hold GX, and
this one reads the run in chunks of staged batches, so its memory does not grow with the
run either. The verdict goes to `validation.json` in the run's folder; the exit code says
which kind it is (0 passed, 3 threshold exceeded, anything else: the check itself failed).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import Any

import pyarrow as pa

from imr_lake.heap import peak_rss_mb
from imr_lake.lake.ledger import LedgerState
from imr_lake.lake.staged import StagedBatch, published_elsewhere, run_documents, staged_batches
from imr_lake.schema import DETERMINATIONS, TREATMENTS
from imr_lake.storage import Lake, run_key_of
from imr_lake.validate import RunValidator, ValidationResult, ValidationThresholdExceeded
from imr_lake.validate.triage import triage_path

log = logging.getLogger(__name__)

EXIT_THRESHOLD_EXCEEDED = 3
CHUNK_DOCUMENTS_ENV = "IMR_VALIDATE_CHUNK_DOCUMENTS"
DEFAULT_CHUNK_DOCUMENTS = 1000


def chunk_documents() -> int:
    """Documents per GX pass: bigger is a little faster, smaller holds less in memory."""
    return max(1, int(os.environ.get(CHUNK_DOCUMENTS_ENV, DEFAULT_CHUNK_DOCUMENTS)))


def _validate_chunk(validator: RunValidator, chunk: list[StagedBatch]) -> None:
    validator.add(
        pa.concat_tables([b.determinations for b in chunk])
        if chunk
        else DETERMINATIONS.empty_table(),
        pa.concat_tables([b.treatments for b in chunk]) if chunk else TREATMENTS.empty_table(),
        pa.concat_tables([b.outcomes for b in chunk]) if chunk else None,
    )


def validate_staged_run(
    lake_url: str,
    run_id: str,
    *,
    reprocess: bool = False,
    max_failed_share: float = 0.05,
    chunk_size: int | None = None,
) -> dict[str, Any]:
    """Validate the run's staged rows chunk by chunk; write report and verdict.

    Raises ValidationThresholdExceeded (after writing both) when too many documents fail.
    """
    lake = Lake(lake_url)
    run_dir = lake.run_dir(run_key_of(run_id))
    report_path = lake.restricted("reports", run_key_of(run_id), "validation.html")
    validator = RunValidator(
        run_id=run_id,
        existing_document_ids=published_elsewhere(
            LedgerState.load(lake), run_documents(lake, run_dir)
        ),
        reprocess=reprocess,
        max_failed_share=max_failed_share,
    )
    limit = chunk_size or chunk_documents()
    chunk: list[StagedBatch] = []
    held = 0
    for batch in staged_batches(lake, run_dir):
        chunk.append(batch)
        held += batch.determinations.num_rows
        if held >= limit:
            _validate_chunk(validator, chunk)
            chunk, held = [], 0
    if chunk or validator.chunks == 0:  # an empty run is still checked (and reported)
        _validate_chunk(validator, chunk)
    try:
        result = validator.finish()
    except ValidationThresholdExceeded as exc:
        assert exc.result is not None
        _record(lake, run_dir, report_path, exc.result, threshold_exceeded=True)
        raise
    return _record(lake, run_dir, report_path, result, threshold_exceeded=False)


def _record(
    lake: Lake,
    run_dir: str,
    report_path: str,
    result: ValidationResult,
    *,
    threshold_exceeded: bool,
) -> dict[str, Any]:
    lake.write_bytes_atomic(report_path, result.report_html.encode())
    lake.write_json(triage_path(lake, result.run_id), result.triage)
    verdict = {
        "failed": result.failed,
        "summary": result.summary(),
        "threshold_exceeded": threshold_exceeded,
        "peak_rss_mb": peak_rss_mb(),
    }
    lake.write_json(f"{run_dir}/validation.json", verdict)
    return {"report": report_path, **result.summary()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m imr_lake.validate.staged")
    parser.add_argument("lake_url")
    parser.add_argument("run_id")
    parser.add_argument("--reprocess", action="store_true")
    parser.add_argument("--max-failed-share", type=float, default=0.05)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    try:
        validate_staged_run(
            args.lake_url,
            args.run_id,
            reprocess=args.reprocess,
            max_failed_share=args.max_failed_share,
        )
    except ValidationThresholdExceeded as exc:
        log.error("%s", exc)  # counts and expectation names only
        return EXIT_THRESHOLD_EXCEEDED
    except Exception as exc:  # no traceback: a message could quote a staged value
        if os.environ.get("IMR_DEBUG"):
            raise
        log.error("validation could not run: %s (IMR_DEBUG=1 shows it)", type(exc).__name__)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
