"""A writer process for the concurrency test: waits for GO, then commits N replacements.

Usage: delta_writer.py TABLE_URI NAME COUNT GO_FILE
Each commit (the pipeline's own `commit_table`) replaces the shared document `shared` and
adds one of its own, so every pair of concurrent commits touches the same rows and one of
them must lose and retry.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pyarrow as pa
from imr_lake.lake.commit import commit_table
from imr_lake.lake.delta import Replacement
from imr_lake.lake.tables import DETERMINATIONS_TABLE
from imr_lake.storage import Lake
from lake_rows import tables


def main() -> int:
    lake, name, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
    while not go.exists():
        time.sleep(0.01)
    for n in range(count):
        ids = ["shared", f"{name}-{n}"]
        part = Replacement(tables(ids, run_id=name)["determinations"], pa.array(ids))
        commit_table(Lake(lake), DETERMINATIONS_TABLE, lambda p=part: [p], run_id=name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
