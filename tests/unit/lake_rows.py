"""Synthetic curated rows for fast lake tests (no PDFs, no parsing, no validation)."""

from __future__ import annotations

import pyarrow as pa
from imr_lake.schema import DETERMINATIONS, TREATMENTS


def tables(doc_ids: list[str], run_id: str = "run", years: tuple[int, ...] = (2014, 2015)):
    """One determination and two treatment items per document, spread over `years`."""
    dets, treats = [], []
    for i, doc in enumerate(doc_ids):
        year = years[i % len(years)]
        dets.append(
            {"document_id": doc, "case_id": f"case-{doc}", "decision_year": year, "run_id": run_id}
        )
        for item in (1, 2):
            treats.append({"document_id": doc, "item_number": item, "decision_year": year})
    return {
        "determinations": pa.Table.from_pylist(dets, schema=DETERMINATIONS),
        "treatments": pa.Table.from_pylist(treats, schema=TREATMENTS),
    }
