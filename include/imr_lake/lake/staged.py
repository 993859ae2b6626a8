"""A run's staging area: what `process_batch` wrote, read back one batch at a time.

Validation and publishing both walk the run batch by batch, so neither ever holds a
whole run: memory stays flat from a thousand letters to a backfill of a million.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pyarrow as pa

from imr_lake.lake.ledger import LedgerState
from imr_lake.lake.parquet import read_table, write_table
from imr_lake.schema import DETERMINATIONS, TREATMENTS
from imr_lake.storage import Lake

OUTCOMES = pa.schema(
    [
        ("key", pa.string()),
        ("etag", pa.string()),
        ("size", pa.int64()),
        ("sha256", pa.string()),
        ("document_id", pa.string()),
        ("error_code", pa.string()),
        ("error_message", pa.string()),
        ("audit_hits", pa.list_(pa.string())),
        # parse triage (parse/triage.py): headings and problem names, never letter text
        ("parse_layout", pa.string()),
        ("parse_wording", pa.string()),
        ("headings_found", pa.list_(pa.string())),
        ("headings_missed", pa.list_(pa.string())),
        ("parse_problems", pa.list_(pa.string())),
    ]
)
TABLES = {"determinations": DETERMINATIONS, "treatments": TREATMENTS, "outcomes": OUTCOMES}


@dataclass
class StagedBatch:
    """One batch's rows: curated candidates and one outcome per source object."""

    determinations: pa.Table
    treatments: pa.Table
    outcomes: pa.Table

    def keys_by_document(self) -> dict[str, str]:
        return {
            doc: key
            for key, doc in zip(
                self.outcomes.column("key").to_pylist(),
                self.outcomes.column("document_id").to_pylist(),
                strict=True,
            )
            if doc
        }


def batch_dirs(lake: Lake, run_dir: str) -> list[str]:
    return sorted(p.rsplit("/", 1)[0] for p in lake.glob(f"{run_dir}/batches/*/outcomes.parquet"))


def write_batch(lake: Lake, batch_dir: str, batch: StagedBatch) -> None:
    for name in TABLES:
        write_table(lake, f"{batch_dir}/{name}.parquet", getattr(batch, name))


class FirstCopy:
    """The same PDF under two keys is one document: keep its first staged rows only.

    Holds the document ids seen so far in the run (a set of short strings), not the rows.
    """

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def __call__(self, determinations: pa.Table, treatments: pa.Table) -> tuple[pa.Table, pa.Table]:
        items: set[tuple[str, int]] = set()
        keep_t = []
        for doc, item in zip(
            treatments.column("document_id").to_pylist(),
            treatments.column("item_number").to_pylist(),
            strict=True,
        ):
            keep_t.append(doc not in self.seen and (doc, item) not in items)
            items.add((doc, item))
        keep_d = []
        for doc in determinations.column("document_id").to_pylist():
            keep_d.append(doc not in self.seen)
            self.seen.add(doc)
        if not all(keep_d):
            determinations = determinations.filter(pa.array(keep_d, type=pa.bool_()))
        if not all(keep_t):
            treatments = treatments.filter(pa.array(keep_t, type=pa.bool_()))
        return determinations, treatments


def staged_batches(lake: Lake, run_dir: str) -> Iterator[StagedBatch]:
    """The run's batches in order, each document's first copy only."""
    first_copy = FirstCopy()
    for folder in batch_dirs(lake, run_dir):
        tables = {
            name: read_table(lake, f"{folder}/{name}.parquet", s) for name, s in TABLES.items()
        }
        determinations, treatments = first_copy(tables["determinations"], tables["treatments"])
        yield StagedBatch(determinations, treatments, tables["outcomes"])


def staged_outcomes(lake: Lake, run_dir: str) -> Iterator[pa.Table]:
    """The run's outcome rows (one per source object), batch by batch."""
    for folder in batch_dirs(lake, run_dir):
        yield read_table(lake, f"{folder}/outcomes.parquet", OUTCOMES)


def run_documents(lake: Lake, run_dir: str) -> list[tuple[str, str]]:
    """(key, document_id) of every parsed object of the run: two short columns, not rows."""
    pairs: list[tuple[str, str]] = []
    for folder in batch_dirs(lake, run_dir):
        cols = read_table(lake, f"{folder}/outcomes.parquet", OUTCOMES, ["key", "document_id"])
        pairs.extend(
            (key, doc)
            for key, doc in zip(
                cols.column("key").to_pylist(), cols.column("document_id").to_pylist(), strict=True
            )
            if doc
        )
    return pairs


def published_elsewhere(ledger: LedgerState, documents: list[tuple[str, str]]) -> set[str]:
    """Documents this run staged that the ledger has as published under another key:
    true duplicates (the same PDF uploaded twice). The same key processed again is a
    replacement, not a duplicate, so re-runs and overlapping backfills publish normally."""
    mine = set(documents)
    staged = {doc for _, doc in mine}
    return {
        row["document_id"]
        for key, row in ledger.published_with(staged).items()
        if (key, row["document_id"]) not in mine
    }
