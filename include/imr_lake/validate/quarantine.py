"""Quarantine rows (schema QUARANTINE) for the documents a validation run failed."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pyarrow as pa

from imr_lake.schema import QUARANTINE
from imr_lake.validate.result import ValidationResult

REASON = "validation"


def quarantine_rows(
    determinations: pa.Table,
    treatments: pa.Table,
    result: ValidationResult,
    run_id: str,
    keys_by_document: dict[str, str],
    *,
    now: datetime | None = None,
) -> pa.Table:
    """Every row of every failed document, from both tables, with its failed expectations.

    Records are kept whole (de-identified as staged) so that an operator can see why
    they failed; the quarantine lives in the restricted zone for that reason.
    """
    now = now or datetime.now(tz=UTC)
    rows = []
    for table_name, table in (("determinations", determinations), ("treatments", treatments)):
        for record in table.to_pylist():
            doc = record.get("document_id")
            if doc not in result.failed:
                continue
            rows.append(
                {
                    "document_id": doc,
                    "key": keys_by_document.get(doc),
                    "table_name": table_name,
                    "record_json": json.dumps(record, default=str, sort_keys=True),
                    "failed_expectations": list(result.failed[doc]),
                    "reason": REASON,
                    "run_id": run_id,
                    "quarantined_at": now,
                }
            )
    return pa.Table.from_pylist(rows, schema=QUARANTINE)
