"""What landed in a lake: rows per table and partition, run counts, analyst queries."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from imr_lake.lake.sql import format_table, query
from imr_lake.storage import Lake

PARTITION_COUNTS = """
SELECT '{table}' AS table_name, decision_year, count(*) AS rows
FROM {table} GROUP BY decision_year ORDER BY decision_year
"""


def latest_run_summary(lake_url: str) -> dict | None:
    lake = Lake(lake_url)
    summaries = lake.glob(lake.restricted("reports", "*", "summary.json"))
    if not summaries:
        return None
    newest = max(summaries, key=lambda p: lake.fs.info(p).get("mtime") or 0)
    return lake.read_json(newest)


def render(lake_url: str, queries_dir: Path | None) -> str:
    out = []
    summary = latest_run_summary(lake_url)
    if summary:
        out.append("== last run ==")
        out.append(json.dumps(summary, indent=2))
    for table in ("determinations", "treatments"):
        out.append(f"\n== {table}: rows per partition ==")
        out.append(format_table(*query(lake_url, PARTITION_COUNTS.format(table=table))))
    for path in sorted(queries_dir.glob("*.sql")) if queries_dir else []:
        out.append(f"\n== {path.name} ==")
        out.append(format_table(*query(lake_url, path.read_text())))
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lake", required=True)
    parser.add_argument("--queries", type=Path, default=None)
    args = parser.parse_args()
    print(render(args.lake, args.queries))


if __name__ == "__main__":
    main()
