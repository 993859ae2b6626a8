"""What a run publishes, table by table: the rows of each staged batch and the keys they
replace, read back from the run's staging area one batch at a time (staged.py), so the
commit streams the run instead of holding it.

A document reaches the curated tables only when it parsed, passed validation and the PHI
audit; every object of the run gets its ledger row (published, quarantined or failed) and
its quarantine records, replacing those of its previous processing.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from imr_lake.lake.delta import Replacement
from imr_lake.lake.ledger import FAILED, PUBLISHED, QUARANTINED, LedgerState, ledger_rows
from imr_lake.lake.parquet import to_table
from imr_lake.lake.staged import StagedBatch, staged_batches, staged_outcomes
from imr_lake.schema import QUARANTINE
from imr_lake.storage import Lake


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


def status_of(outcome: dict[str, Any], failed_docs: dict[str, list[str]]) -> str:
    if outcome["error_code"]:
        return FAILED
    if outcome["audit_hits"] or outcome["document_id"] in failed_docs:
        return QUARANTINED
    return PUBLISHED


def audit_quarantine(outcomes: list[dict[str, Any]], run_id: str, now: datetime) -> pa.Table:
    """Letters whose published text still held an identifier: kept out, record dropped."""
    rows = [
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
        for outcome in outcomes
        if outcome["audit_hits"]
    ]
    return to_table(rows, QUARANTINE)


class RunRows:
    """The run's rows for each table, as `Replacement` parts, one per staged batch.

    `parts(table)` walks the staging area again each time it is called (a commit that
    lost to a concurrent writer streams its rows again)."""

    def __init__(
        self,
        lake: Lake,
        run_dir: str,
        run_id: str,
        *,
        failed_docs: dict[str, list[str]],
        ledger: LedgerState,
        now: datetime,
    ) -> None:
        self.lake = lake
        self.run_dir = run_dir
        self.run_id = run_id
        self.failed_docs = failed_docs
        self.failed_ids = pa.array(sorted(failed_docs), type=pa.string())
        self.ledger = ledger
        self.now = now

    def parts(self, table: str) -> Iterator[Replacement]:
        if table == "ledger":  # the outcomes alone: no curated rows read
            for outcomes in staged_outcomes(self.lake, self.run_dir):
                yield self._ledger(outcomes)
            return
        part = {
            "determinations": self._determinations,
            "treatments": self._treatments,
            "quarantine": self._quarantine,
        }[table]
        for batch in staged_batches(self.lake, self.run_dir):
            yield part(batch)

    def _good(self, batch: StagedBatch) -> pa.Table:
        dets = batch.determinations
        return dets.filter(pc.invert(pc.is_in(dets.column("document_id"), self.failed_ids)))

    def _curated_keys(self, batch: StagedBatch, good: pa.Table) -> pa.Array:
        outcomes = batch.outcomes.to_pylist()
        previous = self.ledger.rows_for(o["key"] for o in outcomes)
        ids = set(good.column("document_id").to_pylist()) | withdrawn(previous, outcomes)
        return pa.array(sorted(ids), pa.string())

    def _determinations(self, batch: StagedBatch) -> Replacement:
        good = self._good(batch)
        return Replacement(good, self._curated_keys(batch, good))

    def _treatments(self, batch: StagedBatch) -> Replacement:
        good = self._good(batch)
        treats = batch.treatments
        ids = good.column("document_id").combine_chunks()
        rows = treats.filter(pc.is_in(treats.column("document_id"), ids))
        return Replacement(rows, self._curated_keys(batch, good))

    def _quarantine(self, batch: StagedBatch) -> Replacement:
        from imr_lake.validate.quarantine import quarantine_rows

        outcomes = batch.outcomes.to_pylist()
        rows = pa.concat_tables(
            [
                quarantine_rows(
                    batch.determinations,
                    batch.treatments,
                    self.failed_docs,
                    self.run_id,
                    batch.keys_by_document(),
                    now=self.now,
                ),
                audit_quarantine(outcomes, self.run_id, self.now),
            ]
        )
        return Replacement(rows, batch.outcomes.column("key").combine_chunks())

    def _ledger(self, staged: pa.Table) -> Replacement:
        outcomes = staged.to_pylist()
        previous = self.ledger.rows_for(o["key"] for o in outcomes)
        statuses = [status_of(o, self.failed_docs) for o in outcomes]
        rows = ledger_rows(outcomes, statuses, previous, self.run_id, self.now)
        return Replacement(rows, staged.column("key").combine_chunks())

    def tally(self) -> tuple[dict[str, int], dict[str, int]]:
        """(objects by status, failures by error code) of the run."""
        counts = {PUBLISHED: 0, QUARANTINED: 0, FAILED: 0}
        by_code: dict[str, int] = {}
        for outcomes in staged_outcomes(self.lake, self.run_dir):
            for outcome in outcomes.to_pylist():
                counts[status_of(outcome, self.failed_docs)] += 1
                if outcome["error_code"]:
                    by_code[outcome["error_code"]] = by_code.get(outcome["error_code"], 0) + 1
        return counts, by_code
