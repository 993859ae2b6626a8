"""The stages of a run, each a function that the DAG's tasks and `imr-lake run` both call.

discover -> process_batch (one per batch) -> validate_run_staged -> publish_run.
Stages hand each other paths in the lake's restricted zone, never letter content: the
XComs of a DAG run carry batch manifest paths and counts only.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa

from imr_lake import PARSER_VERSION, heap
from imr_lake.config import pseudonym_key
from imr_lake.document import process_document
from imr_lake.ledger import FAILED, PUBLISHED, QUARANTINED, current_state
from imr_lake.schema import DETERMINATIONS, QUARANTINE, TREATMENTS
from imr_lake.storage import Lake, Source, SourceObject
from imr_lake.tables import read_tables, to_table, write_table
from imr_lake.timing import StageTimer, sum_seconds

log = logging.getLogger(__name__)

STAGED_OUTCOMES = pa.schema(
    [
        ("key", pa.string()),
        ("etag", pa.string()),
        ("size", pa.int64()),
        ("sha256", pa.string()),
        ("document_id", pa.string()),
        ("error_code", pa.string()),
        ("error_message", pa.string()),
        ("audit_hits", pa.list_(pa.string())),
    ]
)


def run_key_of(run_id: str) -> str:
    """A run id made safe for object keys (Airflow run ids hold ':' and '+')."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", run_id)


def _now() -> datetime:
    return datetime.now(tz=UTC)


# --- discover -------------------------------------------------------------------------


def discover(
    source_url: str,
    lake_url: str,
    run_id: str,
    *,
    not_after: datetime | None = None,
    not_before: datetime | None = None,
    reprocess: bool = False,
    batch_size: int = 200,
) -> list[str]:
    """Write one manifest per batch of new (or changed) letters; return the manifest paths.

    New means: not in the ledger, or in it with another etag, and arrived before
    `not_after` (the data interval's end), so later arrivals are left to the next run and
    late ones are caught by it. With `reprocess`, letters already in the ledger are taken
    again too, those that arrived in [`not_before`, `not_after`): a backfill with reprocess
    re-parses each letter once, in the run of the interval it arrived in.
    """
    lake, source = Lake(lake_url), Source(source_url)
    run_key = run_key_of(run_id)
    known = current_state(lake)
    todo: list[SourceObject] = []
    skipped = 0
    for obj in source.list_letters():
        if not_after is not None and obj.last_modified >= not_after:
            continue
        seen = known.get(obj.key)
        unchanged = seen is not None and seen["etag"] == obj.etag
        in_window = not_before is None or obj.last_modified >= not_before
        if unchanged and not (reprocess and in_window):
            skipped += 1
            continue
        todo.append(obj)
    run_dir = lake.run_dir(run_key)
    if lake.exists(run_dir):  # a re-run of the same run starts from a clean slate
        lake.fs.rm(run_dir, recursive=True)
    manifests = []
    for number, start in enumerate(range(0, len(todo), batch_size)):
        path = f"{run_dir}/batches/batch-{number:05d}.json"
        lake.write_json(
            path,
            {
                "source": source_url,
                "run_id": run_id,
                "objects": [o.to_json() for o in todo[start : start + batch_size]],
            },
        )
        manifests.append(path)
    lake.write_json(
        f"{run_dir}/discovered.json",
        {"run_id": run_id, "discovered": len(todo), "skipped": skipped, "batches": len(manifests)},
    )
    log.info("discovered %d letters in %d batches, %d skipped", len(todo), len(manifests), skipped)
    return manifests


# --- process --------------------------------------------------------------------------


def process_batch(manifest_path: str, lake_url: str, *, policy: str = "safe_harbor") -> dict:
    """Extract, parse and de-identify one batch; stage its rows next to the manifest."""
    lake = Lake(lake_url)
    manifest = lake.read_json(manifest_path)
    source = Source(manifest["source"])
    run_id = manifest["run_id"]
    key = pseudonym_key()
    heap.settle()  # pdfplumber runs ~15% faster with the collector off long-lived objects
    timer = StageTimer()
    determinations: list[dict[str, Any]] = []
    treatments: list[dict[str, Any]] = []
    outcomes: list[dict[str, Any]] = []
    for raw in manifest["objects"]:
        obj = SourceObject.from_json(raw)
        with timer.stage("read"):
            data = source.read(obj.key)
        result = process_document(data, key=key, run_id=run_id, policy=policy)
        for stage, seconds in result.seconds.items():
            timer.add(stage, seconds)
        doc_id = result.determination["document_id"] if result.determination else None
        outcomes.append(
            {
                "key": obj.key,
                "etag": obj.etag,
                "size": obj.size,
                "sha256": result.sha256,
                "document_id": doc_id,
                "error_code": result.error_code,
                "error_message": result.error_message,
                "audit_hits": result.audit_hits,
            }
        )
        if result.determination is not None and not result.audit_hits:
            determinations.append(result.determination)
            treatments.extend(result.treatments)
    staged = manifest_path.removesuffix(".json")
    with timer.stage("stage"):
        write_table(
            lake, f"{staged}/determinations.parquet", to_table(determinations, DETERMINATIONS)
        )
        write_table(lake, f"{staged}/treatments.parquet", to_table(treatments, TREATMENTS))
        write_table(lake, f"{staged}/outcomes.parquet", to_table(outcomes, STAGED_OUTCOMES))
    failed = sum(1 for o in outcomes if o["error_code"])
    log.info(
        "batch %s: %d parsed, %d failed", staged.rsplit("/", 1)[-1], len(outcomes) - failed, failed
    )
    return {
        "batch": manifest_path,
        "parsed": len(outcomes) - failed,
        "failed": failed,
        "seconds": timer.seconds,  # by stage, summed over the batch's letters
    }


# --- validate -------------------------------------------------------------------------


def _staged(lake: Lake, run_key: str, name: str, schema: pa.Schema) -> pa.Table:
    return read_tables(lake, f"{lake.run_dir(run_key)}/batches/batch-*/{name}.parquet", schema)


def published_elsewhere(lake: Lake, outcomes: list[dict[str, Any]]) -> set[str]:
    """Documents this run staged that the ledger has as published under another key:
    true duplicates (the same PDF uploaded twice). The same key processed again is a
    replacement, not a duplicate, so re-runs and overlapping backfills publish normally."""
    mine = {(o["key"], o["document_id"]) for o in outcomes if o["document_id"]}
    staged = {doc for _, doc in mine}
    return {
        row["document_id"]
        for key, row in current_state(lake).items()
        if row["status"] == PUBLISHED
        and row["document_id"] in staged
        and (key, row["document_id"]) not in mine
    }


def _first_per_document(
    determinations: pa.Table, treatments: pa.Table
) -> tuple[pa.Table, pa.Table]:
    """The same PDF under two keys is one document: keep its first staged rows only."""
    seen: set[str] = set()
    keep = []
    for doc in determinations.column("document_id").to_pylist():
        keep.append(doc not in seen)
        seen.add(doc)
    if all(keep):
        return determinations, treatments
    determinations = determinations.filter(pa.array(keep))
    first_rows: set[tuple[str, int]] = set()
    keep_t = []
    for doc, item in zip(
        treatments.column("document_id").to_pylist(),
        treatments.column("item_number").to_pylist(),
        strict=True,
    ):
        keep_t.append((doc, item) not in first_rows)
        first_rows.add((doc, item))
    return determinations, treatments.filter(pa.array(keep_t))


def validate_staged(
    lake_url: str, run_id: str, *, reprocess: bool = False, max_failed_share: float = 0.05
) -> dict[str, Any]:
    """Validate the run's staged rows with Great Expectations; write the report.

    Raises ValidationThresholdExceeded (and publishes nothing) when too many documents fail.
    """
    from imr_lake.validate import ValidationThresholdExceeded, validate_run

    lake = Lake(lake_url)
    run_key = run_key_of(run_id)
    determinations, treatments = _first_per_document(
        _staged(lake, run_key, "determinations", DETERMINATIONS),
        _staged(lake, run_key, "treatments", TREATMENTS),
    )
    report_path = lake.restricted("reports", run_key, "validation.html")
    try:
        result = validate_run(
            determinations,
            treatments,
            run_id=run_id,
            existing_document_ids=published_elsewhere(
                lake, _staged(lake, run_key, "outcomes", STAGED_OUTCOMES).to_pylist()
            ),
            reprocess=reprocess,
            max_failed_share=max_failed_share,
        )
    except ValidationThresholdExceeded as exc:
        if getattr(exc, "result", None) is not None:
            _write_text(lake, report_path, exc.result.report_html)
        raise
    _write_text(lake, report_path, result.report_html)
    lake.write_json(
        f"{lake.run_dir(run_key)}/validation.json",
        {"failed": result.failed, "summary": result.summary()},
    )
    return {"report": report_path, **result.summary()}


def _write_text(lake: Lake, path: str, text: str) -> None:
    lake.fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
    with lake.fs.open(path, "w") as handle:
        handle.write(text)


# --- publish --------------------------------------------------------------------------


@dataclass
class RunSummary:
    """Counts of one run; published + quarantined + failed == discovered."""

    run_id: str
    discovered: int
    published: int
    quarantined: int
    failed: int
    skipped: int
    report_dir: str
    failures_by_code: dict[str, int]
    seconds: dict[str, float] = field(default_factory=dict)  # by stage (run_in_process)

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def render(self) -> str:
        codes = ", ".join(f"{code}={n}" for code, n in sorted(self.failures_by_code.items()))
        lines = [
            f"run {self.run_id}: {self.discovered} letters discovered",
            f"reports: {self.report_dir}",
        ]
        if codes:
            lines.append(f"failures by code: {codes}")
        lines.append(
            f"published={self.published} quarantined={self.quarantined} "
            f"failed={self.failed} skipped={self.skipped}"
        )
        return "\n".join(lines)


def withdrawn(previous: dict[str, dict[str, Any]], outcomes: list[dict[str, Any]]) -> set[str]:
    """Documents this run's objects had published before: they are replaced by the new
    outcome, whatever it is (a changed object's new letter, a re-parse, or a failure), so
    the curated tables always hold exactly the documents the ledger calls published."""
    out = set()
    for outcome in outcomes:
        seen = previous.get(outcome["key"])
        if seen and seen["status"] == PUBLISHED and seen["document_id"]:
            out.add(seen["document_id"])
    return out


def publish_run(lake_url: str, run_id: str) -> RunSummary:
    """Commit the run: curated rows of passing documents, then quarantine and ledger.

    The curated commit is atomic (publish.commit); the ledger is written after it, so a
    crash in between leaves letters published but not in the ledger: the next run takes
    them again and replaces their rows (at least once, never twice).
    """
    from imr_lake.ledger import write_run_rows
    from imr_lake.publish import commit, new_commit_id, records_json

    lake = Lake(lake_url)
    run_key = run_key_of(run_id)
    run_dir = lake.run_dir(run_key)
    determinations, treatments = _first_per_document(
        _staged(lake, run_key, "determinations", DETERMINATIONS),
        _staged(lake, run_key, "treatments", TREATMENTS),
    )
    outcomes = _staged(lake, run_key, "outcomes", STAGED_OUTCOMES).to_pylist()
    validation = lake.read_json(f"{run_dir}/validation.json")
    failed_docs: dict[str, list[str]] = validation["failed"]

    passing = pa.array(
        [d not in failed_docs for d in determinations.column("document_id").to_pylist()],
        type=pa.bool_(),
    )
    good_dets = determinations.filter(passing)
    good_ids = set(good_dets.column("document_id").to_pylist())
    good_treats = treatments.filter(
        pa.array(
            [d in good_ids for d in treatments.column("document_id").to_pylist()], type=pa.bool_()
        )
    )
    previous = current_state(lake)
    commit_id = new_commit_id()
    commit(
        lake,
        {"determinations": good_dets, "treatments": good_treats},
        run_id=run_id,
        replace=good_ids | withdrawn(previous, outcomes),
        commit_id=commit_id,
    )

    now = _now()
    keys_by_doc = {o["document_id"]: o["key"] for o in outcomes if o["document_id"]}
    quarantine_rows = []
    for table_name, table in (("determinations", determinations), ("treatments", treatments)):
        for doc, records in records_json(table).items():
            if doc in failed_docs:
                quarantine_rows.extend(
                    {
                        "document_id": doc,
                        "key": keys_by_doc.get(doc),
                        "table_name": table_name,
                        "record_json": record,
                        "failed_expectations": failed_docs[doc],
                        "reason": "validation",
                        "run_id": run_id,
                        "quarantined_at": now,
                    }
                    for record in records
                )
    for outcome in outcomes:
        if outcome["audit_hits"]:
            quarantine_rows.append(
                {
                    "document_id": outcome["document_id"],
                    "key": outcome["key"],
                    "table_name": "determinations",
                    "record_json": None,  # a record that leaked is not kept anywhere
                    "failed_expectations": [f"phi_audit:{k}" for k in outcome["audit_hits"]],
                    "reason": "phi_audit",
                    "run_id": run_id,
                    "quarantined_at": now,
                }
            )
    write_table(
        lake,
        lake.restricted("quarantine", f"part-{commit_id}.parquet"),
        to_table(quarantine_rows, QUARANTINE),
    )

    ledger_rows = []
    counts = {PUBLISHED: 0, QUARANTINED: 0, FAILED: 0}
    failures_by_code: dict[str, int] = {}
    for outcome in outcomes:
        doc = outcome["document_id"]
        if outcome["error_code"]:
            status = FAILED
            failures_by_code[outcome["error_code"]] = (
                failures_by_code.get(outcome["error_code"], 0) + 1
            )
        elif outcome["audit_hits"] or doc in failed_docs:
            status = QUARANTINED
        else:
            status = PUBLISHED
        counts[status] += 1
        seen = previous.get(outcome["key"])
        ledger_rows.append(
            {
                "key": outcome["key"],
                "etag": outcome["etag"],
                "size": outcome["size"],
                "sha256": outcome["sha256"],
                "document_id": doc,
                "status": status,
                "error_code": outcome["error_code"],
                "error_message": outcome["error_message"],
                "parser_version": PARSER_VERSION,
                "run_id": run_id,
                "first_seen": seen["first_seen"] if seen else now,
                "last_processed": now,
            }
        )
    write_run_rows(lake, commit_id, ledger_rows)

    discovered = lake.read_json(f"{run_dir}/discovered.json")
    summary = RunSummary(
        run_id=run_id,
        discovered=discovered["discovered"],
        published=counts[PUBLISHED],
        quarantined=counts[QUARANTINED],
        failed=counts[FAILED],
        skipped=discovered["skipped"],
        report_dir=lake.restricted("reports", run_key),
        failures_by_code=failures_by_code,
    )
    lake.write_json(lake.restricted("reports", run_key, "summary.json"), summary.to_json())
    if lake.exists(f"{run_dir}/batches"):  # the staged rows are committed: drop them
        lake.fs.rm(f"{run_dir}/batches", recursive=True)
    log.info(
        "published=%d quarantined=%d failed=%d skipped=%d",
        summary.published,
        summary.quarantined,
        summary.failed,
        summary.skipped,
    )
    return summary


# --- the whole run in one process (the CLI) ---------------------------------------------


def run_in_process(
    *,
    source: str,
    lake: str,
    workers: int = 1,
    batch_size: int = 200,
    reprocess: bool = False,
    policy: str = "safe_harbor",
    run_id: str | None = None,
    max_failed_share: float = 0.05,
    progress: bool = False,
    not_after: datetime | None = None,
    not_before: datetime | None = None,
) -> RunSummary:
    """The DAG's stages in order, batches on `workers` processes.

    `not_after`/`not_before` play the data interval of a scheduled run or a backfill.
    """
    pseudonym_key()  # refuse early, before any work, when the key is missing
    run_id = run_id or f"cli__{_now().strftime('%Y%m%dT%H%M%S%fZ')}"
    timer = StageTimer()
    with timer.stage("discover"):
        manifests = discover(
            source,
            lake,
            run_id,
            not_after=not_after,
            not_before=not_before,
            reprocess=reprocess,
            batch_size=batch_size,
        )
    batches: list[dict] = []
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(manifests), unit="batch", desc="processing")
    if workers > 1 and len(manifests) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(process_batch, m, lake, policy=policy) for m in manifests]
            for future in futures:
                batches.append(future.result())
                if bar:
                    bar.update()
    else:
        for manifest in manifests:
            batches.append(process_batch(manifest, lake, policy=policy))
            if bar:
                bar.update()
    if bar:
        bar.close()
    with timer.stage("validate"):
        validate_staged(lake, run_id, reprocess=reprocess, max_failed_share=max_failed_share)
    with timer.stage("publish"):
        summary = publish_run(lake, run_id)
    summary.seconds = {**sum_seconds(b["seconds"] for b in batches), **timer.seconds}
    return summary
