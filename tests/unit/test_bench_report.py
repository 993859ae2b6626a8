"""The benchmark's arithmetic: docs/s, ms per letter, ratios and targets from fixed rows."""

from __future__ import annotations

import pytest
from imr_lake.bench.report import derive, ratios, table, targets


def _row(name: str, wall: float, workers: int = 1, **extra) -> dict:
    row = {
        "name": name,
        "label": name,
        "wall_s": wall,
        "workers": workers,
        "seconds": {"extract": wall * 0.8, "validate": 2.0},
        "rss_self_mb": 150.0,
        "rss_children_mb": 0.0,
        "load_before": 0.5,
        "load_after": 1.0,
    }
    row.update(extra)
    return row


@pytest.fixture
def rows() -> dict[str, dict]:
    raw = {
        "a": _row("a", 100.0),
        "b": _row(
            "b", 110.0, rss_self_mb=180.0, rss_letters_mb=170.0, rss_validate_mb=330.0, cpu_s=100.0
        ),
        "c": _row(
            "c",
            60.0,
            workers=2,
            rss_self_mb=160.0,
            rss_letters_mb=140.0,
            rss_validate_mb=320.0,
            cpu_s=125.0,
        ),
        "d": _row("d", 200.0, rss_self_mb=15.0, rss_children_mb=480.0, rss_main_mb=480.0),
        "a_pdfium": _row("a_pdfium", 20.0),
    }
    return {name: derive(row, 1000) for name, row in raw.items()}


def test_derive_docs_per_second_and_ms_per_letter(rows) -> None:
    assert rows["a"]["docs_per_s"] == pytest.approx(10.0)
    assert rows["b"]["ms_per_letter"] == {"extract": pytest.approx(88.0), "validate": 2.0}


def test_cores_used(rows) -> None:
    assert rows["c"]["cores_used"] == pytest.approx(125 / 60)
    assert rows["a"]["cores_used"] is None  # no CPU figure in the row


def test_rss_of_each_kind_of_process(rows) -> None:
    b, c, d = rows["b"], rows["c"], rows["d"]
    assert (b["letters_rss_mb"], b["validate_rss_mb"], b["main_rss_mb"]) == (170.0, 330.0, 180.0)
    assert (c["letters_rss_mb"], c["validate_rss_mb"], c["main_rss_mb"]) == (140.0, 320.0, 160.0)
    assert d["main_rss_mb"] == 480.0  # the `airflow dags test` process itself
    assert rows["a"]["letters_rss_mb"] == 150.0 and rows["a"]["validate_rss_mb"] is None


def test_ratios_come_from_the_same_rows(rows) -> None:
    found = ratios(rows)
    assert found["b_over_a"] == pytest.approx(100 / 110)
    assert found["c_over_b"] == pytest.approx(110 / 60)
    assert found["d_time_over_b_time"] == pytest.approx(200 / 110)
    assert found["pdfium_extract_speedup"] == pytest.approx(5.0)
    assert found["c_over_b_if_cores_idle"] == pytest.approx(100 / 125 * 2)
    assert "pdfium_b_speedup" not in found  # b_pdfium was not run


def test_targets_say_which_are_met(rows) -> None:
    met = targets(rows, ratios(rows))
    assert met["b_over_a"]["met"] is True  # 0.909 >= 0.85
    assert met["c_over_b"]["met"] is True  # 1.83 >= 1.7
    assert met["d_time_over_b_time"]["met"] is False  # 1.82 > 1.5
    assert met["peak_rss_mb"] == {"value": 480.0, "target": "< 400.0", "met": False}


def test_table_has_a_row_per_scenario(rows) -> None:
    lines = table(rows).splitlines()
    assert len(lines) == 2 + len(rows)
    assert lines[2].startswith("| (a) a | 100.0 | 10.00 |")


def test_isolation_cost_is_the_worse_engine_s_ratio() -> None:
    raw = {
        "b": _row("b", 104.0, rss_extract_mb=48.0),
        "b_inline": _row("b_inline", 100.0),
        "b_pdfium": _row("b_pdfium", 30.0, rss_extract_mb=50.0),
        "b_pdfium_inline": _row("b_pdfium_inline", 33.0),
    }
    rows = {name: derive(row, 1000) for name, row in raw.items()}
    found = ratios(rows)
    assert found["isolation_b"] == pytest.approx(100 / 104)
    assert found["isolation_b_pdfium"] == pytest.approx(33 / 30)
    assert found["isolation_cost"] == pytest.approx(100 / 104)
    assert targets(rows, found)["isolation_cost"]["met"] is True
    assert rows["b"]["extract_rss_mb"] == 48.0 and rows["b_inline"]["extract_rss_mb"] is None
    assert "extract RSS MB" in table(rows)
