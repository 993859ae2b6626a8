"""Quarantine rows (schema QUARANTINE) for the documents a validation run failed."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pyarrow as pa
import pyarrow.compute as pc

from imr_lake.schema import QUARANTINE
from imr_lake.validate.triage import quarantine_reason

REASON = "validation"


def quarantine_rows(
    determinations: pa.Table,
    treatments: pa.Table,
    failed: dict[str, list[str]],
    run_id: str,
    keys_by_document: dict[str, str],
    *,
    now: datetime | None = None,
) -> pa.Table:
    """Every row of every failed document, from both tables, with its failed expectations.

    Records are kept whole (de-identified as staged) so that an operator can see why
    they failed; the quarantine lives in the restricted zone for that reason. The reason
    is `validation`, or the letter's parse problems (`incomplete_parse: no items`).
    """
    now = now or datetime.now(tz=UTC)
    rows = []
    failed_ids = pa.array(sorted(failed), type=pa.string())
    for table_name, table in (("determinations", determinations), ("treatments", treatments)):
        if not failed or "document_id" not in table.column_names:
            continue
        mine = table.filter(pc.is_in(table.column("document_id"), value_set=failed_ids))
        for record in mine.to_pylist():
            doc = record["document_id"]
            rows.append(
                {
                    "document_id": doc,
                    "key": keys_by_document.get(doc),
                    "table_name": table_name,
                    "record_json": json.dumps(record, default=str, sort_keys=True),
                    "failed_expectations": list(failed[doc]),
                    "reason": quarantine_reason(failed[doc], REASON),
                    "run_id": run_id,
                    "quarantined_at": now,
                }
            )
    return pa.Table.from_pylist(rows, schema=QUARANTINE)
