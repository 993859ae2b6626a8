"""The expectation suites, written as code so that value sets come from the contract.

The suites are plain GX 1.x suite dicts (no GX import here: DAG parsing stays cheap). They
are exported to `suites/*.json`, the versioned artifact that runs and that reviews diff;
a unit test fails when the JSON and this module disagree. Regenerate with
`python -m imr_lake.validate.rules`.

Every expectation carries `meta.name`, a stable rule name (`table.column.check`) that the
quarantine table, the report and the threshold message use. Values known only at run
time are GX suite parameters: `current_year` and `run_ids` (the run's id, as a set).

Helper columns (computed in pandas by `frames.py` before GX sees the data) carry the
cross-table facts: `treatment_rows`, `items_outcome`, `expected_age_band`, `in_lake` on
determinations; `has_determination`, `determination_*` on treatments.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from imr_lake.schema import (
    AGE_BANDS,
    DECISIONS,
    DETERMINATIONS,
    GENDERS,
    GUIDELINE_SOURCES,
    LAYOUTS,
    OUTCOMES,
    PRIORITIES,
    TREATMENT_CATEGORIES,
    TREATMENTS,
)

SUITE_VERSION = "1"
SUITES_DIR = Path(__file__).with_name("suites")

MIN_YEAR = 2000
MIN_AGE, MAX_AGE = 14, 90
MAX_DAYS = 3650
MAX_ITEMS = 100
DOCUMENT_ID_PATTERN = r"^doc_[0-9a-f]{32}$"
CASE_ID_PATTERN = r"^cas_[0-9a-f]{32}$"
"""Kind-specific forms of deid.pseudonym.PSEUDONYM_PATTERN (a test keeps them in step)."""

CURRENT_YEAR = {"$PARAMETER": "current_year"}
RUN_IDS = {"$PARAMETER": "run_ids"}

DETERMINATION_HELPERS = ["treatment_rows", "items_outcome", "expected_age_band", "in_lake"]
TREATMENT_HELPERS = [
    "has_determination",
    "determination_decision_year",
    "determination_case_id",
    "determination_treatment_count",
]
GUIDELINE_SOURCE_COLUMNS = ["document_id", "item_number", "guideline_source"]

# Arrow type -> the name ExpectColumnValuesToBeOfType checks in the pandas frame
# (frames.py turns strings and lists into object columns, so those are checked per value).
_TYPE_NAMES = {"string": "str", "int32": "int32", "list<item: string>": "list"}


def _e(name: str, expectation: str, **kwargs: Any) -> dict[str, Any]:
    return {"type": expectation, "kwargs": kwargs, "meta": {"name": name}}


def _structure(table: str, schema_names: list[str], types: dict[str, str]) -> list[dict]:
    rules = [
        _e(
            f"{table}.columns",
            "expect_table_columns_to_match_ordered_list",
            column_list=schema_names,
        )
    ]
    rules += [
        _e(f"{table}.{col}.type", "expect_column_values_to_be_of_type", column=col, type_=t)
        for col, t in types.items()
    ]
    return rules


def _types(schema) -> dict[str, str]:
    return {field.name: _TYPE_NAMES[str(field.type)] for field in schema}


def _not_null(table: str, columns: list[str]) -> list[dict]:
    return [
        _e(f"{table}.{c}.not_null", "expect_column_values_to_not_be_null", column=c)
        for c in columns
    ]


def _in_set(table: str, column: str, values: tuple | dict) -> dict:
    value_set = values if isinstance(values, dict) else list(values)  # a dict is a parameter
    return _e(
        f"{table}.{column}.in_set",
        "expect_column_values_to_be_in_set",
        column=column,
        value_set=value_set,
    )


def _between(table: str, column: str, low, high) -> dict:
    return _e(
        f"{table}.{column}.range",
        "expect_column_values_to_be_between",
        column=column,
        min_value=low,
        max_value=high,
    )


def _a_gte_b(name: str, a: str, b: str, ignore: str = "either_value_is_missing") -> dict:
    return _e(
        name,
        "expect_column_pair_values_a_to_be_greater_than_b",
        column_A=a,
        column_B=b,
        or_equal=True,
        ignore_row_if=ignore,
    )


def _equal(name: str, a: str, b: str, ignore: str = "both_values_are_missing") -> dict:
    return _e(
        name, "expect_column_pair_values_to_be_equal", column_A=a, column_B=b, ignore_row_if=ignore
    )


def determinations_suite() -> dict[str, Any]:
    t = "determinations"
    years = ["decision_year", "injury_year", "ur_denial_year", "application_year"]
    expectations = [
        *_structure(t, DETERMINATIONS.names + DETERMINATION_HELPERS, _types(DETERMINATIONS)),
        *_not_null(
            t,
            [
                "document_id",
                "layout",
                "decision_year",
                "overall_outcome",
                "treatment_count",
                "parser_version",
                "run_id",
            ],
        ),
        _in_set(t, "layout", LAYOUTS),
        _in_set(t, "overall_outcome", OUTCOMES),
        _in_set(t, "patient_gender", GENDERS),
        _in_set(t, "priority", PRIORITIES),
        _in_set(t, "patient_age_band", AGE_BANDS),
        _in_set(t, "run_id", RUN_IDS),
        *[_between(t, y, MIN_YEAR, CURRENT_YEAR) for y in years],
        _between(t, "patient_age", MIN_AGE, MAX_AGE),
        _between(t, "days_ur_denial_to_decision", 0, MAX_DAYS),
        _between(t, "treatment_count", 1, MAX_ITEMS),
        _e(
            f"{t}.document_id.pseudonym",
            "expect_column_values_to_match_regex",
            column="document_id",
            regex=DOCUMENT_ID_PATTERN,
        ),
        _e(
            f"{t}.case_id.pseudonym",
            "expect_column_values_to_match_regex",
            column="case_id",
            regex=CASE_ID_PATTERN,
        ),
        _e(
            f"{t}.document_id.unique_in_run",
            "expect_column_values_to_be_unique",
            column="document_id",
        ),
        _e(
            f"{t}.document_id.not_in_lake",
            "expect_column_values_to_be_in_set",
            column="in_lake",
            value_set=[False],
        ),
        _a_gte_b(f"{t}.ur_denial_year.gte_injury_year", "ur_denial_year", "injury_year"),
        _a_gte_b(f"{t}.decision_year.gte_ur_denial_year", "decision_year", "ur_denial_year"),
        _a_gte_b(f"{t}.decision_year.gte_injury_year", "decision_year", "injury_year"),
        _a_gte_b(f"{t}.decision_year.gte_application_year", "decision_year", "application_year"),
        _equal(f"{t}.treatment_count.matches_treatment_rows", "treatment_count", "treatment_rows"),
        _equal(f"{t}.overall_outcome.agrees_with_items", "overall_outcome", "items_outcome"),
        _equal(f"{t}.patient_age_band.agrees_with_age", "patient_age_band", "expected_age_band"),
    ]
    return _suite(t, expectations)


def treatments_suite() -> dict[str, Any]:
    t = "treatments"
    expectations = [
        *_structure(t, TREATMENTS.names + TREATMENT_HELPERS, _types(TREATMENTS)),
        *_not_null(
            t,
            [
                "document_id",
                "item_number",
                "treatment_requested",
                "treatment_category",
                "decision",
                "guideline_sources",
                "decision_year",
            ],
        ),
        _in_set(t, "decision", DECISIONS),
        _in_set(t, "treatment_category", TREATMENT_CATEGORIES),
        _between(t, "item_number", 1, MAX_ITEMS),
        _between(t, "decision_year", MIN_YEAR, CURRENT_YEAR),
        _e(
            f"{t}.document_id.pseudonym",
            "expect_column_values_to_match_regex",
            column="document_id",
            regex=DOCUMENT_ID_PATTERN,
        ),
        _e(
            f"{t}.case_id.pseudonym",
            "expect_column_values_to_match_regex",
            column="case_id",
            regex=CASE_ID_PATTERN,
        ),
        _e(
            f"{t}.item_number.unique_in_document",
            "expect_compound_columns_to_be_unique",
            column_list=["document_id", "item_number"],
        ),
        _e(
            f"{t}.document_id.has_determination",
            "expect_column_values_to_be_in_set",
            column="has_determination",
            value_set=[True],
        ),
        _a_gte_b(
            f"{t}.item_number.within_treatment_count",
            "determination_treatment_count",
            "item_number",
            "either_value_is_missing",
        ),
        _equal(
            f"{t}.decision_year.matches_determination",
            "decision_year",
            "determination_decision_year",
        ),
        _equal(f"{t}.case_id.matches_determination", "case_id", "determination_case_id"),
    ]
    return _suite(t, expectations)


def guideline_sources_suite() -> dict[str, Any]:
    """One row per element of treatments.guideline_sources (a list column GX cannot set-check)."""
    t = "guideline_sources"
    expectations = [
        _e(
            f"{t}.columns",
            "expect_table_columns_to_match_ordered_list",
            column_list=GUIDELINE_SOURCE_COLUMNS,
        ),
        *_not_null(t, ["guideline_source"]),
        _in_set(t, "guideline_source", GUIDELINE_SOURCES),
    ]
    return _suite(t, expectations)


def _suite(table: str, expectations: list[dict]) -> dict[str, Any]:
    return {
        "name": f"imr_lake.{table}",
        "expectations": expectations,
        "meta": {"table": table, "suite_version": SUITE_VERSION},
    }


def build_suites() -> dict[str, dict[str, Any]]:
    """Suite dicts by frame name, in the order they run."""
    return {
        "determinations": determinations_suite(),
        "treatments": treatments_suite(),
        "guideline_sources": guideline_sources_suite(),
    }


def suite_json(suite: dict[str, Any]) -> str:
    return json.dumps(suite, indent=2, sort_keys=True) + "\n"


def load_suites() -> dict[str, dict[str, Any]]:
    """The versioned suites as committed (what a run validates against)."""
    return {
        name: json.loads((SUITES_DIR / f"{name}.json").read_text(encoding="utf-8"))
        for name in build_suites()
    }


def write_suites() -> list[Path]:
    SUITES_DIR.mkdir(exist_ok=True)
    paths = []
    for name, suite in build_suites().items():
        path = SUITES_DIR / f"{name}.json"
        path.write_text(suite_json(suite), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    for written in write_suites():
        print(written)
