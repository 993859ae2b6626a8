"""Arrow tables to the pandas frames GX validates, with cross-table helper columns.

GX expectations look at one frame at a time, so facts that need both tables (how many
treatment rows a letter has, what its items' decisions add up to, whether the document
is already in the lake) are computed here first into helper columns that the suites
compare. Every column is an object column (None for null; integers as numpy scalars of
their Arrow width, lists as Python lists): `expect_column_values_to_be_of_type` then checks
types value by value, and GX 1.24's column-pair expectations fail the whole column
instead of naming rows when a nullable `Int32` column holds a null.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from imr_lake.deid.structured import age_band
from imr_lake.validate.rules import MAX_AGE


def _objects(values: list[Any], scalar: type | None = None) -> pd.Series:
    if scalar is not None:
        values = [None if v is None else scalar(v) for v in values]
    return pd.Series(values, dtype=object)


def _column(array: pa.ChunkedArray) -> pd.Series:
    scalar = (
        np.dtype(array.type.to_pandas_dtype()).type if pa.types.is_integer(array.type) else None
    )
    return _objects(array.to_pylist(), scalar)


def to_frame(table: pa.Table) -> pd.DataFrame:
    """Column by column, keeping nulls as None/NA and lists as Python lists."""
    return pd.DataFrame(
        {name: _column(table.column(name)) for name in table.column_names}, index=None
    ).reset_index(drop=True)


def items_outcome(decisions: list[Any]) -> str | None:
    """What a letter's overall outcome must be, given its items' decisions."""
    if not decisions or any(d not in ("Upheld", "Overturned") for d in decisions):
        return None
    if all(d == "Upheld" for d in decisions):
        return "Upheld"
    if all(d == "Overturned" for d in decisions):
        return "Overturned"
    return "Partially Overturned"


def _get(table: pa.Table, name: str) -> list[Any]:
    return table.column(name).to_pylist() if name in table.column_names else [None] * len(table)


def determinations_frame(
    determinations: pa.Table, treatments: pa.Table, in_lake: set[str]
) -> pd.DataFrame:
    """Determinations plus treatment_rows, items_outcome, expected_age_band, in_lake,
    age_at_injury."""
    frame = to_frame(determinations)
    docs = _get(determinations, "document_id")
    rows = Counter(_get(treatments, "document_id"))
    decisions: dict[Any, list[Any]] = defaultdict(list)
    for doc, decision in zip(
        _get(treatments, "document_id"), _get(treatments, "decision"), strict=True
    ):
        decisions[doc].append(decision)
    ages = _get(determinations, "patient_age")
    frame["treatment_rows"] = _objects([rows.get(d, 0) for d in docs], np.int32)
    frame["items_outcome"] = pd.Series(
        [items_outcome(decisions.get(d, [])) for d in docs], dtype=object
    )
    frame["expected_age_band"] = _objects(
        [age_band(a) if isinstance(a, int) else None for a in ages]  # wrong types: the type rule
    )
    frame["in_lake"] = pd.Series([d in in_lake for d in docs], dtype=bool)
    frame["age_at_injury"] = _objects(
        [
            age_at_injury(a, d, i)
            for a, d, i in zip(
                ages,
                _get(determinations, "decision_year"),
                _get(determinations, "injury_year"),
                strict=True,
            )
        ],
        np.int32,
    )
    return frame


def age_at_injury(age: Any, decision_year: Any, injury_year: Any) -> int | None:
    """The patient's age in the injury year; None where a value is missing or top-coded
    (90 stands for 90 or older, so it says nothing about the age at injury)."""
    values = (age, decision_year, injury_year)
    if not all(isinstance(v, int) for v in values) or age >= MAX_AGE:
        return None
    return age - (decision_year - injury_year)


def treatments_frame(determinations: pa.Table, treatments: pa.Table) -> pd.DataFrame:
    """Treatments plus has_determination and the determination's year, case and count."""
    frame = to_frame(treatments)
    by_doc = {
        doc: (year, case, count)
        for doc, year, case, count in zip(
            _get(determinations, "document_id"),
            _get(determinations, "decision_year"),
            _get(determinations, "case_id"),
            _get(determinations, "treatment_count"),
            strict=True,
        )
    }
    parent = [by_doc.get(d) for d in _get(treatments, "document_id")]
    frame["has_determination"] = pd.Series([p is not None for p in parent], dtype=bool)
    frame["determination_decision_year"] = _objects([p and p[0] for p in parent], np.int32)
    frame["determination_case_id"] = _objects([p and p[1] for p in parent])
    frame["determination_treatment_count"] = _objects([p and p[2] for p in parent], np.int32)
    return frame


def guideline_sources_frame(treatments: pa.Table) -> pd.DataFrame:
    """One row per guideline_sources element, keyed by document_id and item_number."""
    rows = [
        (doc, item, source)
        for doc, item, sources in zip(
            _get(treatments, "document_id"),
            _get(treatments, "item_number"),
            _get(treatments, "guideline_sources"),
            strict=True,
        )
        for source in (sources or [])
    ]
    return pd.DataFrame(
        {
            "document_id": _objects([r[0] for r in rows]),
            "item_number": _objects([r[1] for r in rows], np.int32),
            "guideline_source": _objects([r[2] for r in rows]),
        }
    )
