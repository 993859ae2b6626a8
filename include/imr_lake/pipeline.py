"""The stages of a run, each a function that the DAG's tasks and `imr-lake run` both call.

discover -> process_batch (one per batch) -> validate_staged -> publish_run.
Stages hand each other paths in the lake's restricted zone, never letter content: the
XComs of a DAG run carry batch manifest paths and counts only. Validation and publishing
walk the staged batches one at a time (lake/staged.py), so no stage holds a whole run.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from imr_lake import extract, heap
from imr_lake.batching import batch_size_for
from imr_lake.config import pseudonym_key
from imr_lake.document import process_document
from imr_lake.lake.ledger import FAILED, PUBLISHED, QUARANTINED, LedgerState
from imr_lake.lake.parquet import to_table
from imr_lake.lake.staged import OUTCOMES, StagedBatch, write_batch
from imr_lake.schema import DETERMINATIONS, TREATMENTS
from imr_lake.storage import Lake, Source, SourceObject, run_key_of
from imr_lake.timing import StageTimer, sum_seconds

log = logging.getLogger(__name__)


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
    batch_size: int | None = None,
    workers: int = 1,
    layout: str | None = None,
    inventory: str | None = None,
    limit: int | None = None,
) -> list[str]:
    """Write one manifest per batch of new (or changed) letters; return the manifest paths.

    New means: not in the ledger, or in it with another etag, and arrived before
    `not_after` (the data interval's end), so later arrivals are left to the next run and
    late ones are caught by it. With `reprocess`, letters already in the ledger are taken
    again too, those that arrived in [`not_before`, `not_after`): a backfill with reprocess
    re-parses each letter once, in the run of the interval it arrived in. Without a
    `batch_size`, batches are sized for the run and its `workers` (`batching`). The source
    `layout` (and an S3 `inventory` manifest) decide what is listed (discovery.layouts);
    the listing streams in pages into an anti-join with the ledger (discovery.antijoin).
    With `limit` only the first `limit` new letters by key are taken (an initial load's
    chunk); discovered.json says how many are left.
    """
    from imr_lake.discovery.antijoin import ledger_size
    from imr_lake.discovery.find import find_letters

    heap.system_arrow_pool()
    started = _now()
    lake = Lake(lake_url)
    run_key = run_key_of(run_id)
    found = find_letters(
        source_url,
        lake_url,
        layout=layout,
        inventory=inventory,
        interval=(not_before, not_after),
        not_after=not_after,
        reprocess=reprocess,
        limit=limit,
    )
    listing, requests, found = found.listing, found.requests, found.found
    held = ledger_size(lake_url)
    run_dir = lake.run_dir(run_key)
    if lake.exists(run_dir):  # a re-run of the same run starts from a clean slate
        lake.fs.rm(run_dir, recursive=True)
    manifests = []
    taken = found.letters.num_rows
    batch_size = batch_size_for(taken, workers, batch_size)
    for number, start in enumerate(range(0, taken, batch_size)):
        path = f"{run_dir}/batches/batch-{number:05d}.json"
        objects = found.letters.slice(start, batch_size).to_pylist()
        for obj in objects:
            obj["last_modified"] = obj["last_modified"].isoformat()
        lake.write_json(path, {"source": source_url, "run_id": run_id, "objects": objects})
        manifests.append(path)
    lake.write_json(
        f"{run_dir}/discovered.json",
        {
            "run_id": run_id,
            "discovered": taken,
            "skipped": found.skipped,
            "batches": len(manifests),
            "left": found.left,  # new letters left for later runs (an initial load's chunks)
            "held": held,  # ledger rows before this run
            "listed": found.listed,
            "listing": {**listing.describe(), "requests": len(requests)},
            "started_at": started.isoformat(),
            "seconds": round((_now() - started).total_seconds(), 3),
        },
    )
    log.info(
        "discovered %d letters in %d batches, %d skipped, %d left for later runs "
        "(%s listing: %d objects in %d requests)",
        taken,
        len(manifests),
        found.skipped,
        found.left,
        listing.kind,
        found.listed,
        len(requests),
    )
    return manifests


# --- process --------------------------------------------------------------------------


def process_batch(
    manifest_path: str,
    lake_url: str,
    *,
    policy: str = "safe_harbor",
    on_letter: Callable[[], None] | None = None,
) -> dict:
    """Extract, parse and de-identify one batch; stage its rows next to the manifest.
    `on_letter` is called after each letter (a progress bar's tick)."""
    lake = Lake(lake_url)
    manifest = lake.read_json(manifest_path)
    source = Source(manifest["source"])
    run_id = manifest["run_id"]
    key = pseudonym_key()
    extract.warm_up()  # the extraction process starts while the batch's first letter is read
    heap.system_arrow_pool()
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
        triage = result.triage or {}
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
                "parse_layout": triage.get("layout"),
                "parse_wording": triage.get("wording"),
                "headings_found": triage.get("found", []),
                "headings_missed": triage.get("missed", []),
                "parse_problems": triage.get("problems", []),
            }
        )
        if result.determination is not None and not result.audit_hits:
            determinations.append(result.determination)
            treatments.extend(result.treatments)
        if on_letter is not None:
            on_letter()
    staged = manifest_path.removesuffix(".json")
    with timer.stage("stage"):
        write_batch(
            lake,
            staged,
            StagedBatch(
                to_table(determinations, DETERMINATIONS),
                to_table(treatments, TREATMENTS),
                to_table(outcomes, OUTCOMES),
            ),
        )
    failed = sum(1 for o in outcomes if o["error_code"])
    log.info(
        "batch %s: %d parsed, %d failed", staged.rsplit("/", 1)[-1], len(outcomes) - failed, failed
    )
    return {
        "batch": manifest_path,
        "parsed": len(outcomes) - failed,
        "failed": failed,
        "seconds": timer.seconds,  # by stage, summed over the batch's letters
        "peak_rss_mb": heap.peak_rss_mb(),  # of the process that ran the batch
        "extract_peak_rss_mb": extract.peak_rss_mb(),  # of its extraction processes
    }


# --- validate -------------------------------------------------------------------------


def validate_staged(
    lake_url: str, run_id: str, *, reprocess: bool = False, max_failed_share: float = 0.05
) -> dict[str, Any]:
    """Validate the run's staged rows with Great Expectations, in a process of its own.

    GX (about 260 MB once imported) never enters the processes that extract and publish;
    see validate/staged.py. Raises ValidationThresholdExceeded (and publishes nothing) when
    too many documents fail.
    """
    from imr_lake.validate.result import ValidationThresholdExceeded
    from imr_lake.validate.staged import EXIT_THRESHOLD_EXCEEDED

    command = [sys.executable, "-m", "imr_lake.validate.staged", lake_url, run_id]
    command += ["--max-failed-share", str(max_failed_share)]
    if reprocess:
        command.append("--reprocess")
    # Its output comes back through this process's log at its own level: a task log must not
    # tag a successful validation's lines as errors just because they went to stderr.
    done = subprocess.run(command, check=False, capture_output=True, text=True)
    code = done.returncode
    for line in (done.stdout + done.stderr).splitlines():
        if line.strip():
            (log.info if code == 0 else log.warning)("validation process: %s", line)
    if code not in (0, EXIT_THRESHOLD_EXCEEDED):
        raise RuntimeError(f"the validation process failed (exit code {code}); see its log")
    lake = Lake(lake_url)
    run_key = run_key_of(run_id)
    verdict = lake.read_json(f"{lake.run_dir(run_key)}/validation.json")
    if code == EXIT_THRESHOLD_EXCEEDED:
        raise ValidationThresholdExceeded(verdict["summary"], run_id)
    log.info("validation process peak RSS %.0f MB", verdict["peak_rss_mb"])
    return {
        "report": lake.restricted("reports", run_key, "validation.html"),
        "peak_rss_mb": verdict["peak_rss_mb"],
        **verdict["summary"],
    }


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
    peak_rss_mb: dict[str, float] = field(default_factory=dict)  # by process kind (same)
    # quarantined and unknown_layout letters: why, headings found and missed (no text)
    triage: list[dict[str, Any]] = field(default_factory=list)
    # letters done (in the ledger), left (not yet), rate (letters/s of this run), eta_seconds
    progress: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def render(self) -> str:
        codes = ", ".join(f"{code}={n}" for code, n in sorted(self.failures_by_code.items()))
        lines = [
            f"run {self.run_id}: {self.discovered} letters discovered",
            f"validation report: {self.report_dir}/validation.html",
        ]
        if codes:
            lines.append(f"failures by code: {codes}")
        if self.progress.get("left"):
            lines.append(f"progress: {render_progress(self.progress)}")
        if self.triage:
            lines.append(
                f"triage: {len(self.triage)} letters quarantined or of unknown layout, their "
                f"headings found and missed in {self.report_dir}/summary.json "
                "(imr-lake triage --lake LAKE --run RUN)"
            )
        lines.append(
            f"published={self.published} quarantined={self.quarantined} "
            f"failed={self.failed} skipped={self.skipped}"
        )
        return "\n".join(lines)


def run_progress(discovered: dict[str, Any], now: datetime) -> dict[str, float]:
    """Where a whole-history load stands after this run: letters in the ledger (`done`),
    letters not yet (`left`), this run's rate and the time the rest takes at it."""
    seconds = max((now - datetime.fromisoformat(discovered["started_at"])).total_seconds(), 1e-3)
    rate = discovered["discovered"] / seconds
    left = discovered.get("left", 0)
    return {
        "done": discovered.get("held", 0) + discovered["discovered"],
        "left": left,
        "rate": round(rate, 3),
        "eta_seconds": round(left / rate) if rate else None,
    }


def render_progress(progress: dict[str, Any]) -> str:
    eta = progress.get("eta_seconds")
    clock = f"{int(eta // 3600)}:{int(eta % 3600 // 60):02d}:{int(eta % 60):02d}" if eta else "-"
    return (
        f"done={int(progress['done'])} left={int(progress['left'])} "
        f"rate={progress['rate']:.2f} letters/s eta={clock}"
    )


def _read_triage(lake: Lake, run_id: str) -> list[dict[str, Any]]:
    from imr_lake.validate.triage import triage_path

    path = triage_path(lake, run_id)
    return lake.read_json(path) if lake.exists(path) else []


def resource_use(
    batches: list[dict[str, Any]], verdict: dict[str, Any] | None
) -> tuple[dict[str, float], dict[str, float]]:
    """(seconds by stage, peak RSS MB by process kind) of a run, from what its batches and
    its validation returned: the summary's `seconds` and `peak_rss_mb`."""
    seconds = sum_seconds(b["seconds"] for b in batches)
    peak = {
        "letters": max((b["peak_rss_mb"] for b in batches), default=0.0),
        "extract": max((b.get("extract_peak_rss_mb", 0.0) for b in batches), default=0.0),
        "run": heap.peak_rss_mb(),  # this process: discover, publish (and letters, 1 worker)
    }
    if verdict:
        peak["validate"] = verdict["peak_rss_mb"]
    return seconds, peak


def publish_run(
    lake_url: str,
    run_id: str,
    *,
    batches: list[dict[str, Any]] | None = None,
    verdict: dict[str, Any] | None = None,
) -> RunSummary:
    """Commit the run to the lake's Delta tables: one commit per table, determinations ->
    treatments -> quarantine -> ledger (lake/commit.py).

    Each commit streams the staged batches one at a time, so memory does not grow with the
    run. The ledger is committed last: a crash before it leaves the run's letters out of
    the ledger, and the next run takes them again and replaces their rows by key (never
    lost, never doubled). `batches` and `verdict` (what process_batch and validate_staged
    returned) give the summary its seconds and peak RSS.
    """
    from imr_lake.lake.commit import commit_run
    from imr_lake.lake.publish import RunRows

    heap.system_arrow_pool()
    lake = Lake(lake_url)
    run_key = run_key_of(run_id)
    run_dir = lake.run_dir(run_key)
    validation = lake.read_json(f"{run_dir}/validation.json")
    if validation.get("threshold_exceeded"):
        raise RuntimeError(f"run {run_id} failed validation: it publishes nothing")
    rows = RunRows(
        lake,
        run_dir,
        run_id,
        failed_docs=validation["failed"],
        ledger=LedgerState.load(lake),
        now=_now(),
    )
    counts, failures_by_code = rows.tally()
    commit_run(lake, rows.parts, run_id=run_id)

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
        triage=_read_triage(lake, run_id),
        progress=run_progress(discovered, _now()) if "started_at" in discovered else {},
    )
    summary.seconds, summary.peak_rss_mb = resource_use(batches or [], verdict)
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
    if summary.progress.get("left"):
        log.info("progress: %s", render_progress(summary.progress))
    return summary


# --- the whole run in one process (the CLI) ---------------------------------------------


def _tick(queue: Any) -> None:
    queue.put(1)


def run_batches(
    manifests: list[str], lake: str, *, workers: int, policy: str, bar: Any = None
) -> list[dict]:
    """process_batch over the manifests, on `workers` processes; `bar` (tqdm) advances by
    letter, also while the letters are done in other processes."""
    if workers <= 1 or len(manifests) <= 1:
        tick = bar.update if bar is not None else None
        return [process_batch(m, lake, policy=policy, on_letter=tick) for m in manifests]
    import contextlib
    import functools
    import multiprocessing
    import queue as queues
    from concurrent.futures import ProcessPoolExecutor

    with multiprocessing.Manager() if bar is not None else contextlib.nullcontext() as manager:
        ticks = manager.Queue() if manager is not None else None
        tick = functools.partial(_tick, ticks) if ticks is not None else None
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [
                pool.submit(process_batch, m, lake, policy=policy, on_letter=tick)
                for m in manifests
            ]
            while ticks is not None and not all(f.done() for f in futures):
                try:
                    bar.update(ticks.get(timeout=0.2))
                except queues.Empty:
                    continue
            results = [future.result() for future in futures]
            while ticks is not None and not ticks.empty():
                bar.update(ticks.get())
    return results


def run_in_process(
    *,
    source: str,
    lake: str,
    workers: int = 1,
    batch_size: int | None = None,
    reprocess: bool = False,
    policy: str = "safe_harbor",
    run_id: str | None = None,
    max_failed_share: float = 0.05,
    progress: bool = False,
    not_after: datetime | None = None,
    not_before: datetime | None = None,
    layout: str | None = None,
    inventory: str | None = None,
    limit: int | None = None,
    bar: Any = None,
) -> RunSummary:
    """The DAG's stages in order, batches on `workers` processes.

    `not_after`/`not_before` play the data interval of a scheduled run or a backfill;
    `layout` and `inventory` choose the listing as in the DAG (discovery.layouts); `limit`
    takes at most that many new letters (a chunk of an initial load). With `progress` a
    bar advances per letter (or the given tqdm `bar`, shared by an initial load's chunks).
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
            workers=workers,
            layout=layout,
            inventory=inventory,
            limit=limit,
        )
    own_bar = None
    if progress or bar is not None:
        found = Lake(lake).read_json(f"{Lake(lake).run_dir(run_key_of(run_id))}/discovered.json")
        if bar is None:
            from tqdm import tqdm

            bar = own_bar = tqdm(total=found["discovered"], unit="letter", desc="processing")
        elif bar.total is None:  # a shared bar learns the whole load's size from its first run
            bar.total = found["discovered"] + found["left"]
            bar.refresh()
    batches = run_batches(manifests, lake, workers=workers, policy=policy, bar=bar)
    if own_bar is not None:
        own_bar.close()
    with timer.stage("validate"):
        verdict = validate_staged(
            lake, run_id, reprocess=reprocess, max_failed_share=max_failed_share
        )
    with timer.stage("publish"):
        summary = publish_run(lake, run_id, batches=batches, verdict=verdict)
    summary.seconds.update(timer.seconds)
    return summary
