"""Every analyst query in queries/ runs in DuckDB on a generated lake and gives the values
computed independently (plain Python over the same Parquet rows)."""

from __future__ import annotations

import json
import statistics
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from deltalake import DeltaTable
from imr_lake.generate import generate_corpus
from imr_lake.lake.sql import query
from imr_lake.lake.tables import TABLES
from imr_lake.pipeline import run_in_process
from imr_lake.storage import Lake

QUERIES = Path(__file__).resolve().parents[2] / "queries"


@pytest.fixture(scope="module")
def lake(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("queries")
    generate_corpus(root / "source", 16, seed=11)
    url = str(root / "lake")
    with pytest.MonkeyPatch.context() as env:  # module scope: before the autouse key fixture
        env.setenv("IMR_PSEUDONYM_KEY", "made-up-test-key-for-query-tests")
        summary = run_in_process(
            source=str(root / "source"), lake=url, run_id="queries", max_failed_share=1.0
        )
    assert (summary.published, summary.quarantined, summary.failed) == (16, 0, 0)
    return url


def _rows(lake_url: str, table: str) -> list[dict]:
    """The table's rows read with deltalake (another engine than the queries' DuckDB)."""
    return DeltaTable(TABLES[table].uri(Lake(lake_url))).to_pyarrow_table().to_pylist()


def _sql(name: str, lake_url: str) -> tuple[list[str], list[tuple]]:
    return query(lake_url, (QUERIES / name).read_text())


def test_every_query_has_a_test() -> None:
    tested = {
        "days_ur_denial_to_decision.sql",
        "most_cited_guidelines.sql",
        "outcome_rates_by_year_and_category.sql",
        "reviewer_specialties.sql",
    }
    assert {p.name for p in QUERIES.glob("*.sql")} == tested


def test_outcome_rates_by_year_and_category(lake: str) -> None:
    columns, rows = _sql("outcome_rates_by_year_and_category.sql", lake)
    assert columns == ["decision_year", "treatment_category", "items", "pct_overturned"]
    groups: dict[tuple, list[str]] = defaultdict(list)
    for t in _rows(lake, "treatments"):
        groups[(t["decision_year"], t["treatment_category"])].append(t["decision"])
    expected = {
        key: (len(d), round(100 * d.count("Overturned") / len(d), 1)) for key, d in groups.items()
    }
    assert {(y, c): (n, float(p)) for y, c, n, p in rows} == expected
    assert [r[0] for r in rows] == sorted(r[0] for r in rows)
    assert sum(r[2] for r in rows) == len(_rows(lake, "treatments"))


def test_days_from_ur_denial_to_decision(lake: str) -> None:
    columns, rows = _sql("days_ur_denial_to_decision.sql", lake)
    assert columns == ["decision_year", "letters", "median_days", "max_days"]
    by_year: dict[int, list[int]] = defaultdict(list)
    years = set()
    for d in _rows(lake, "determinations"):
        years.add(d["decision_year"])
        if d["days_ur_denial_to_decision"] is not None:
            by_year[d["decision_year"]].append(d["days_ur_denial_to_decision"])
    assert [r[0] for r in rows] == sorted(years)
    for year, letters, median_days, max_days in rows:
        days = by_year.get(year, [])
        assert letters == len(days)
        if days:
            assert float(median_days) == pytest.approx(statistics.median(days))
            assert max_days == max(days)
    assert any(r[1] for r in rows)


def test_most_cited_guidelines(lake: str) -> None:
    columns, rows = _sql("most_cited_guidelines.sql", lake)
    assert columns == ["source", "citations", "pct_upheld"]
    cited: Counter = Counter()
    upheld: Counter = Counter()
    for t in _rows(lake, "treatments"):
        for source in t["guideline_sources"] or []:
            cited[source] += 1
            upheld[source] += t["decision"] == "Upheld"
    assert {s: (n, float(p)) for s, n, p in rows} == {
        s: (n, round(100 * upheld[s] / n, 1)) for s, n in cited.items()
    }
    assert [r[1] for r in rows] == sorted((r[1] for r in rows), reverse=True)
    assert {r[0] for r in rows} <= {"MTUS", "ACOEM", "ODG", "Other"}


def test_reviewer_specialties(lake: str) -> None:
    columns, rows = _sql("reviewer_specialties.sql", lake)
    assert columns == ["reviewer_specialty", "letters", "upheld", "overturned_at_least_in_part"]
    counts: dict[str | None, list[int]] = defaultdict(lambda: [0, 0, 0])
    for d in _rows(lake, "determinations"):
        entry = counts[d["reviewer_specialty"]]
        entry[0] += 1
        if d["overall_outcome"] == "Upheld":
            entry[1] += 1
        elif d["overall_outcome"] is not None:
            entry[2] += 1
    assert len(rows) == min(15, len(counts))
    for specialty, letters, up, over in rows:
        assert [letters, up, over] == counts[specialty]
    assert [r[1] for r in rows] == sorted((r[1] for r in rows), reverse=True)


def test_old_injuries_publish(lake: str):
    """Injury years reach back decades (lifetime awards): such letters publish (issue 13)."""
    truth = [
        json.loads(line)
        for line in (Path(lake).parent / "source" / "ground_truth.jsonl").read_text().splitlines()
    ]
    expected = sorted(r["curated"]["injury_year"] for r in truth)
    assert expected[0] < 1990  # the corpus holds old injuries (seed 11: 1975, 1984)
    assert sorted(r["injury_year"] for r in _rows(lake, "determinations")) == expected
