"""Synthetic curated rows and staged runs for fast lake tests (no PDFs, no parsing, no GX)."""

from __future__ import annotations

import hashlib

import pyarrow as pa
from imr_lake.lake.parquet import to_table
from imr_lake.lake.staged import OUTCOMES, StagedBatch, write_batch
from imr_lake.schema import DETERMINATIONS, TREATMENTS
from imr_lake.storage import Lake, run_key_of


def tables(doc_ids: list[str], run_id: str = "run", years: tuple[int, ...] = (2014, 2015)):
    """One determination and two treatment items per document, spread over `years`."""
    dets, treats = [], []
    for i, doc in enumerate(doc_ids):
        year = years[i % len(years)]
        dets.append(
            {"document_id": doc, "case_id": f"case-{doc}", "decision_year": year, "run_id": run_id}
        )
        for item in (1, 2):
            treats.append({"document_id": doc, "item_number": item, "decision_year": year})
    return {
        "determinations": pa.Table.from_pylist(dets, schema=DETERMINATIONS),
        "treatments": pa.Table.from_pylist(treats, schema=TREATMENTS),
    }


def outcome(key: str, doc: str | None, error_code: str | None = None) -> dict:
    """One object's outcome as process_batch stages it (no triage, no audit hits)."""
    return {
        "key": key,
        "etag": f"etag-{key}-{doc}",
        "size": 100,
        "sha256": hashlib.sha256(f"{key}{doc}".encode()).hexdigest(),
        "document_id": None if error_code else doc,
        "error_code": error_code,
        "error_message": f"{error_code} file" if error_code else None,
        "audit_hits": [],
    }


def stage_run(
    lake: Lake,
    run_id: str,
    batches: list[list[tuple[str, str | None, str | None]]],
    *,
    failed: dict[str, list[str]] | None = None,
    years: tuple[int, ...] = (2014, 2015),
) -> None:
    """A run's staging area as discover, process_batch and validate_staged leave it:
    batches of (key, document_id, error_code), and the validation verdict (`failed`:
    document -> failed expectations). Then `pipeline.publish_run` commits it."""
    run_dir = lake.run_dir(run_key_of(run_id))
    for number, objects in enumerate(batches):
        docs = [doc for _, doc, code in objects if doc and not code]
        rows = tables(docs, run_id, years)
        outcomes = [outcome(key, doc, code) for key, doc, code in objects]
        write_batch(
            lake,
            f"{run_dir}/batches/batch-{number:05d}",
            StagedBatch(rows["determinations"], rows["treatments"], to_table(outcomes, OUTCOMES)),
        )
    count = sum(len(b) for b in batches)
    lake.write_json(f"{run_dir}/discovered.json", {"discovered": count, "skipped": 0})
    verdict = {"failed": failed or {}, "summary": {}, "threshold_exceeded": False}
    lake.write_json(f"{run_dir}/validation.json", {**verdict, "peak_rss_mb": 0.0})


def publish(lake: Lake, doc_ids: list[str], run_id: str, **kwargs) -> None:
    """Publish these documents (one source object each) the way a run does."""
    from imr_lake.pipeline import publish_run

    stage_run(lake, run_id, [[(f"{doc}.pdf", doc, None) for doc in doc_ids]], **kwargs)
    publish_run(lake.url, run_id)
