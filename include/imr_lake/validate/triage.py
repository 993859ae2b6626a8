"""Triage rows of a run report: for each quarantined or `unknown_layout` letter, why, and
the headings its parser found and missed (headings only, never body text).

The rows come from the staged outcomes (parse/triage.py fills them in the letter
workers); the validation process adds the expectations a letter failed. The run report
(HTML and summary.json) and `imr-lake triage` show the same table.
"""

from __future__ import annotations

from typing import Any

from imr_lake.errors import ErrorCode
from imr_lake.parse.triage import INCOMPLETE
from imr_lake.storage import Lake, run_key_of

TRIAGE_FILE = "triage.json"


def triage_path(lake: Lake, run_id: str) -> str:
    """The run's triage table, beside its validation report (written even when the
    threshold stops the run, so the table is there when it is needed most)."""
    return lake.restricted("reports", run_key_of(run_id), TRIAGE_FILE)


def quarantine_reason(names: list[str], default: str) -> str:
    """A quarantined letter's reason: its parse problems when it has any, else `default`."""
    parse = [n for n in names if n.startswith(INCOMPLETE)]
    return "; ".join(parse) if parse else default


def triage_row(outcome: dict[str, Any], failed: dict[str, list[str]]) -> dict[str, Any] | None:
    """The row of one source object, or None when it published or failed for a reason
    its headings cannot explain (a corrupt, encrypted, empty ... file)."""
    doc = outcome.get("document_id")
    if outcome.get("error_code") == ErrorCode.UNKNOWN_LAYOUT.value:
        status, reasons = "unknown_layout", [ErrorCode.UNKNOWN_LAYOUT.value]
    elif outcome.get("audit_hits"):
        status, reasons = "quarantined", [f"phi_audit:{k}" for k in outcome["audit_hits"]]
    elif doc and doc in failed:
        status, reasons = "quarantined", list(failed[doc])
    else:
        return None
    layout = outcome.get("parse_layout")
    wording = outcome.get("parse_wording")
    if layout and wording and wording != layout:
        layout = f"{layout} ({wording})"
    if status == "unknown_layout" and layout:
        layout = f"closest: {layout}"
    return {
        "key": outcome.get("key"),
        "document_id": doc,
        "status": status,
        "layout": layout,
        "reasons": reasons,
        "headings_found": list(outcome.get("headings_found") or []),
        "headings_missed": list(outcome.get("headings_missed") or []),
    }


def render_text(rows: list[dict[str, Any]]) -> str:
    """The triage table for a terminal: one block per letter."""
    if not rows:
        return "no quarantined or unknown_layout letters"
    out = []
    for row in rows:
        out.append(f"{row['key']}  {row['status']}  layout: {row['layout'] or '-'}")
        out.append(f"  reasons: {', '.join(row['reasons'])}")
        out.append(f"  found:   {' | '.join(row['headings_found']) or '-'}")
        out.append(f"  missed:  {' | '.join(row['headings_missed']) or '-'}")
    return "\n".join(out)


def read_triage(lake_url: str, run: str | None = None) -> tuple[str, list[dict[str, Any]]] | None:
    """(run folder, rows) of a run's triage table: `run` (an id or its folder name), else
    the newest run's; None when there is none."""
    lake = Lake(lake_url)
    if run is not None:
        path = lake.restricted("reports", run_key_of(run), TRIAGE_FILE)
        if not lake.exists(path):
            return None
    else:
        found = lake.glob(lake.restricted("reports", "*", TRIAGE_FILE))
        if not found:
            return None
        path = max(found, key=lambda p: lake.fs.info(p).get("mtime") or 0)
    return path.rsplit("/", 2)[-2], lake.read_json(path)
