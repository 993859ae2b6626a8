"""The expectation suites, written as code so that value sets come from the contract.

The suites are plain GX 1.x suite dicts (no GX import here: DAG parsing stays cheap). They
are exported to `suites/*.json`, the versioned artifact that runs and that reviews diff;
a unit test fails when the JSON and this module disagree. Regenerate with
`python -m imr_lake.validate.rules`.

Every expectation carries `meta.name`, a stable rule name (`table.column.check`) that the
quarantine table, the report and the threshold message use, and `meta.reason`: the fact of
the domain (or of the table contract) it rests on, never the range our generator draws
from. A rule that rejects real letters is a bug in the rule; the reason says which fact to
check it against. Values known only at run
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

SUITE_VERSION = "2"
SUITES_DIR = Path(__file__).with_name("suites")

FIRST_IMR_YEAR = 2013
"""IMR began with SB 863: it reviews UR decisions communicated from 2013 on (Labor Code
4610.5), so no IMR application, UR denial under review or IMR decision predates 2013."""
FIRST_INJURY_YEAR = 1940
"""Any date of injury is eligible (lifetime medical awards from the 1970s to 1990s are
common); a worker injured in 1940 at 14 is 87 in 2013. Earlier is not a real letter."""
MIN_AGE = 14
"""The youngest a California minor may work (with a work permit)."""
MAX_AGE = 90
"""Ages over 89 are top-coded to 90 (HIPAA Safe Harbor): 90 stands for 90 to 110."""
MIN_AGE_AT_INJURY = MIN_AGE - 1
"""A worker was of working age when injured; one year of slack because ages and years
are not counted from the same day."""
MAX_DAYS = 3650
"""A decision follows its UR denial (days >= 0); reopened and re-decided disputes run for
years, ten at most."""
MAX_ITEMS = 100
"""A letter decides at least one item; real letters hold 1 to about 20."""
DOCUMENT_ID_PATTERN = r"^doc_[0-9a-f]{32}$"
CASE_ID_PATTERN = r"^cas_[0-9a-f]{32}$"
"""Kind-specific forms of deid.pseudonym.PSEUDONYM_PATTERN (a test keeps them in step)."""

CURRENT_YEAR = {"$PARAMETER": "current_year"}
RUN_IDS = {"$PARAMETER": "run_ids"}

DETERMINATION_HELPERS = [
    "treatment_rows",
    "items_outcome",
    "expected_age_band",
    "in_lake",
    "age_at_injury",
]
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


CONTRACT = "the table contract of DESIGN.md"
YEAR_REASONS = {
    "decision_year": f"IMR decisions exist from {FIRST_IMR_YEAR}; none is dated in the future",
    "ur_denial_year": f"IMR reviews UR decisions from {FIRST_IMR_YEAR} on; none in the future",
    "application_year": f"IMR applications exist from {FIRST_IMR_YEAR}; none in the future",
    "injury_year": f"any date of injury is eligible, but none before {FIRST_INJURY_YEAR} "
    "(a worker of 14 then is 87 in 2013) and none in the future",
}


def _e(name: str, expectation: str, reason: str, **kwargs: Any) -> dict[str, Any]:
    return {"type": expectation, "kwargs": kwargs, "meta": {"name": name, "reason": reason}}


def _structure(table: str, schema_names: list[str], types: dict[str, str]) -> list[dict]:
    rules = [
        _e(
            f"{table}.columns",
            "expect_table_columns_to_match_ordered_list",
            f"{CONTRACT}: exactly these columns, in order (plus the helper columns)",
            column_list=schema_names,
        )
    ]
    rules += [
        _e(
            f"{table}.{col}.type",
            "expect_column_values_to_be_of_type",
            f"{CONTRACT}: {col} is {t}",
            column=col,
            type_=t,
        )
        for col, t in types.items()
    ]
    return rules


def _types(schema) -> dict[str, str]:
    return {field.name: _TYPE_NAMES[str(field.type)] for field in schema}


def _not_null(table: str, columns: dict[str, str]) -> list[dict]:
    """`columns`: column -> why every row must have it."""
    return [
        _e(f"{table}.{c}.not_null", "expect_column_values_to_not_be_null", why, column=c)
        for c, why in columns.items()
    ]


def _in_set(table: str, column: str, values: tuple | dict, reason: str) -> dict:
    value_set = values if isinstance(values, dict) else list(values)  # a dict is a parameter
    return _e(
        f"{table}.{column}.in_set",
        "expect_column_values_to_be_in_set",
        reason,
        column=column,
        value_set=value_set,
    )


def _between(table: str, column: str, low, high, reason: str) -> dict:
    return _e(
        f"{table}.{column}.range",
        "expect_column_values_to_be_between",
        reason,
        column=column,
        min_value=low,
        max_value=high,
    )


def _a_gte_b(name: str, a: str, b: str, reason: str) -> dict:
    return _e(
        name,
        "expect_column_pair_values_a_to_be_greater_than_b",
        reason,
        column_A=a,
        column_B=b,
        or_equal=True,
        ignore_row_if="either_value_is_missing",
    )


def _equal(name: str, a: str, b: str, reason: str, ignore: str = "both_values_are_missing") -> dict:
    return _e(
        name,
        "expect_column_pair_values_to_be_equal",
        reason,
        column_A=a,
        column_B=b,
        ignore_row_if=ignore,
    )


PSEUDONYM = "only keyed pseudonyms reach the curated zone (de-identification policy)"


def _pseudonyms(table: str) -> list[dict]:
    """Both keys of a curated row are pseudonyms of their shape, never a raw case number."""
    return [
        _e(
            f"{table}.document_id.pseudonym",
            "expect_column_values_to_match_regex",
            PSEUDONYM,
            column="document_id",
            regex=DOCUMENT_ID_PATTERN,
        ),
        _e(
            f"{table}.case_id.pseudonym",
            "expect_column_values_to_match_regex",
            PSEUDONYM,
            column="case_id",
            regex=CASE_ID_PATTERN,
        ),
    ]


def determinations_suite() -> dict[str, Any]:
    t = "determinations"
    years = ["decision_year", "injury_year", "ur_denial_year", "application_year"]
    first = {y: FIRST_IMR_YEAR for y in years} | {"injury_year": FIRST_INJURY_YEAR}
    expectations = [
        *_structure(t, DETERMINATIONS.names + DETERMINATION_HELPERS, _types(DETERMINATIONS)),
        *_not_null(
            t,
            {
                "document_id": "every letter has a pseudonym of its PDF",
                "layout": "every letter that parsed has a known layout",
                "decision_year": "every IMR letter is dated (Decision Date: or Dated:); "
                "the tables are partitioned by it",
                "overall_outcome": "every letter decides its items",
                "treatment_count": "every letter has a count of its items",
                "parser_version": "a row says which parser made it (reprocessing needs it)",
                "run_id": "a row says which run published it",
            },
        ),
        _in_set(t, "layout", LAYOUTS, "the review organisation used three layouts (FORMATS.md)"),
        _in_set(
            t,
            "overall_outcome",
            OUTCOMES,
            "a letter upholds all items, overturns all, or overturns some",
        ),
        _in_set(t, "patient_gender", GENDERS, "letters say male/female (or nothing)"),
        _in_set(t, "priority", PRIORITIES, "IMR reviews are standard or expedited"),
        _in_set(t, "patient_age_band", AGE_BANDS, CONTRACT),
        _in_set(t, "run_id", RUN_IDS, "a run publishes only its own rows"),
        *[_between(t, y, first[y], CURRENT_YEAR, YEAR_REASONS[y]) for y in years],
        _between(
            t,
            "patient_age",
            MIN_AGE,
            MAX_AGE,
            f"working ages: {MIN_AGE} is the youngest a California minor may work; ages over "
            f"89 are top-coded to {MAX_AGE} (Safe Harbor), so {MAX_AGE} stands for 90 to 110",
        ),
        _between(
            t,
            "age_at_injury",
            MIN_AGE_AT_INJURY,
            None,
            "a worker was of working age when injured (age minus the years since the injury, "
            "one year of slack; top-coded ages are not checked)",
        ),
        _between(
            t,
            "days_ur_denial_to_decision",
            0,
            MAX_DAYS,
            "a decision follows its UR denial; reopened disputes run years, ten at most",
        ),
        _between(
            t,
            "treatment_count",
            1,
            MAX_ITEMS,
            f"a letter decides at least one item; real letters hold 1 to about 20 "
            f"({MAX_ITEMS} is a typo guard)",
        ),
        *_pseudonyms(t),
        _e(
            f"{t}.document_id.unique_in_run",
            "expect_column_values_to_be_unique",
            "one row per letter: the same PDF under two keys is one letter",
            column="document_id",
        ),
        _e(
            f"{t}.document_id.not_in_lake",
            "expect_column_values_to_be_in_set",
            "a letter is published once; only a reprocess run replaces it",
            column="in_lake",
            value_set=[False],
        ),
        _a_gte_b(
            f"{t}.ur_denial_year.gte_injury_year",
            "ur_denial_year",
            "injury_year",
            "a UR denial is about treatment of an injury that already happened",
        ),
        _a_gte_b(
            f"{t}.decision_year.gte_ur_denial_year",
            "decision_year",
            "ur_denial_year",
            "an IMR decision follows the UR denial it reviews",
        ),
        _a_gte_b(
            f"{t}.decision_year.gte_injury_year",
            "decision_year",
            "injury_year",
            "an IMR decision follows the injury",
        ),
        _a_gte_b(
            f"{t}.decision_year.gte_application_year",
            "decision_year",
            "application_year",
            "an IMR decision follows its application",
        ),
        _equal(
            f"{t}.treatment_count.matches_treatment_rows",
            "treatment_count",
            "treatment_rows",
            "every item a letter decides is a treatments row",
        ),
        _equal(
            f"{t}.overall_outcome.agrees_with_items",
            "overall_outcome",
            "items_outcome",
            "the items decide the outcome (all upheld, all overturned, else partially)",
        ),
        _equal(
            f"{t}.patient_age_band.agrees_with_age",
            "patient_age_band",
            "expected_age_band",
            f"{CONTRACT}: the band is the age's",
        ),
    ]
    return _suite(t, expectations)


def treatments_suite() -> dict[str, Any]:
    t = "treatments"
    expectations = [
        *_structure(t, TREATMENTS.names + TREATMENT_HELPERS, _types(TREATMENTS)),
        *_not_null(
            t,
            {
                "document_id": "every item belongs to a letter",
                "item_number": "items are numbered in letter order",
                "treatment_requested": "every item names what was requested",
                "treatment_category": "every item gets a category (`other` at worst)",
                "decision": "every item a letter lists is decided: upheld or overturned",
                "guideline_sources": "a list, empty when no source is named",
                "decision_year": "the partition key, the letter's",
            },
        ),
        _in_set(t, "decision", DECISIONS, "IMR upholds or overturns each denied item"),
        _in_set(t, "treatment_category", TREATMENT_CATEGORIES, CONTRACT),
        _between(
            t,
            "item_number",
            1,
            MAX_ITEMS,
            "items are numbered from 1; real letters hold 1 to about 20",
        ),
        _between(
            t,
            "decision_year",
            FIRST_IMR_YEAR,
            CURRENT_YEAR,
            YEAR_REASONS["decision_year"],
        ),
        *_pseudonyms(t),
        _e(
            f"{t}.item_number.unique_in_document",
            "expect_compound_columns_to_be_unique",
            "a letter numbers each item once",
            column_list=["document_id", "item_number"],
        ),
        _e(
            f"{t}.document_id.has_determination",
            "expect_column_values_to_be_in_set",
            "an item is published with its letter",
            column="has_determination",
            value_set=[True],
        ),
        _a_gte_b(
            f"{t}.item_number.within_treatment_count",
            "determination_treatment_count",
            "item_number",
            "items are numbered 1..n in a letter of n items",
        ),
        _equal(
            f"{t}.decision_year.matches_determination",
            "decision_year",
            "determination_decision_year",
            "an item is decided in its letter's year",
        ),
        _equal(
            f"{t}.case_id.matches_determination",
            "case_id",
            "determination_case_id",
            "an item belongs to its letter's case",
        ),
    ]
    return _suite(t, expectations)


def guideline_sources_suite() -> dict[str, Any]:
    """One row per element of treatments.guideline_sources (a list column GX cannot set-check)."""
    t = "guideline_sources"
    expectations = [
        _e(
            f"{t}.columns",
            "expect_table_columns_to_match_ordered_list",
            f"{CONTRACT}: one row per named source",
            column_list=GUIDELINE_SOURCE_COLUMNS,
        ),
        *_not_null(t, {"guideline_source": "a listed source is named"}),
        _in_set(
            t,
            "guideline_source",
            GUIDELINE_SOURCES,
            "reviewers cite MTUS, ACOEM, ODG or another named source",
        ),
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
