"""Are two extraction engines interchangeable? Compare what they publish, record by record.

The pypdfium2 engine is offered only because this comparison finds no difference on the
generated corpus: the benchmark runs it on the lakes of its pdfplumber and pypdfium2
runs, and tests/integration/test_engine_equivalence.py on letters of every layout and
every kind of bad file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Columns that name the run, not the letter: they differ between any two runs.
RUN_COLUMNS = ("run_id",)
SORT_KEYS = {"determinations": ["document_id"], "treatments": ["document_id", "item_number"]}


@dataclass
class Equivalence:
    """The outcome of one comparison; `identical` only when every row and code agrees."""

    compared: dict[str, int] = field(default_factory=dict)  # rows (or letters) by table
    differences: list[str] = field(default_factory=list)  # where they differ (no values)

    @property
    def identical(self) -> bool:
        return not self.differences

    def to_json(self) -> dict[str, Any]:
        return {
            "identical": self.identical,
            "compared": self.compared,
            "differences": self.differences[:50],
        }


def _curated(lake_url: str, table: str):
    from imr_lake.lake.sql import connect

    rows = connect(lake_url).sql(f"SELECT * FROM {table}").to_arrow_table()
    rows = rows.drop_columns([c for c in RUN_COLUMNS if c in rows.column_names])
    return rows.select(sorted(rows.column_names)).sort_by(
        [(k, "ascending") for k in SORT_KEYS[table]]
    )


def compare_lakes(lake_a: str, lake_b: str) -> Equivalence:
    """Curated tables (all columns but run_id) and ledger statuses/codes of two lakes."""
    from imr_lake.lake.ledger import current_state
    from imr_lake.storage import Lake

    result = Equivalence()
    for table in SORT_KEYS:
        a, b = _curated(lake_a, table), _curated(lake_b, table)
        result.compared[table] = a.num_rows
        if a.num_rows != b.num_rows:
            result.differences.append(f"{table}: {a.num_rows} rows vs {b.num_rows}")
            continue
        for name in a.column_names:
            if name not in b.column_names or not a.column(name).equals(b.column(name)):
                result.differences.append(f"{table}.{name} differs")
    ledgers = [current_state(Lake(url)) for url in (lake_a, lake_b)]
    result.compared["ledger"] = len(ledgers[0])
    for key in sorted(set(ledgers[0]) | set(ledgers[1])):
        a, b = (ledger.get(key) or {} for ledger in ledgers)
        for name in ("status", "error_code", "document_id"):
            if a.get(name) != b.get(name):
                result.differences.append(f"ledger {key}: {name} differs")
    return result


@contextmanager
def engine(name: str) -> Iterator[None]:
    """Select the extraction engine for the code run inside the block."""
    before = os.environ.get("IMR_EXTRACT_ENGINE")
    os.environ["IMR_EXTRACT_ENGINE"] = name
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("IMR_EXTRACT_ENGINE", None)
        else:
            os.environ["IMR_EXTRACT_ENGINE"] = before


def _records(path: Path, key: bytes) -> tuple[Any, ...]:
    from imr_lake.document import process_document

    result = process_document(
        path.read_bytes(), key=key, run_id="equivalence", policy="safe_harbor"
    )
    return (result.error_code, result.determination, result.treatments, result.audit_hits)


def compare_documents(paths: Iterable[Path], key: bytes, engines: tuple[str, str]) -> Equivalence:
    """Each letter through process_document with both engines: codes and records equal."""
    result = Equivalence()
    letters = 0
    for path in paths:
        letters += 1
        outputs = []
        for name in engines:
            with engine(name):
                outputs.append(_records(path, key))
        if outputs[0] != outputs[1]:
            parts = ("error_code", "determination", "treatments", "audit_hits")
            bad = [p for p, x, y in zip(parts, *outputs, strict=True) if x != y]
            result.differences.append(f"{path.name}: {', '.join(bad)} differ")
    result.compared["letters"] = letters
    return result
