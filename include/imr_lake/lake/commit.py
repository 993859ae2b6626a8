"""A run's commit: one Delta commit per table, in a fixed order, the ledger last.

    determinations -> treatments -> quarantine -> ledger

Each commit replaces its table's rows by key (lake/delta.py: a MERGE that deletes the
keys' old rows and inserts the new ones), so it can be repeated: a run that dies between
two commits left no ledger rows, the next run takes its letters again and replaces what
the dead run had committed. Never lost, never doubled. docs/lake.md lists what a crash
between each pair of commits leaves.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from imr_lake.lake.delta import Replacement, replace_stream
from imr_lake.lake.tables import (
    DETERMINATIONS_TABLE,
    LEDGER_TABLE,
    QUARANTINE_TABLE,
    TREATMENTS_TABLE,
    LakeTable,
    ensure_tables,
)
from imr_lake.storage import Lake

log = logging.getLogger(__name__)

COMMIT_ORDER = (DETERMINATIONS_TABLE, TREATMENTS_TABLE, QUARANTINE_TABLE, LEDGER_TABLE)


def commit_table(
    lake: Lake,
    table: LakeTable,
    parts: Callable[[], Iterable[Replacement]],
    *,
    run_id: str,
) -> int | None:
    """One table's commit; returns its new version (None: the run had nothing for it).

    A function of its own, looked up at each call: the crash tests stop a run here."""
    version = replace_stream(
        table.uri(lake),
        table.schema,
        parts,
        key=table.key,
        metadata={"imr_lake.run_id": run_id, "imr_lake.table": table.name},
    )
    log.info("committed %s: version %s", table.name, version)
    return version


def commit_run(
    lake: Lake, parts: Callable[[str], Iterable[Replacement]], *, run_id: str
) -> dict[str, int | None]:
    """Commit every table of a run in COMMIT_ORDER; `parts(name)` streams a table's rows."""
    ensure_tables(lake)
    return {
        table.name: commit_table(lake, table, lambda t=table: parts(t.name), run_id=run_id)
        for table in COMMIT_ORDER
    }
