"""The report route behind the Airflow UI's "Validation report" tab."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from imr_lake.storage import run_key_of
from imr_lake.validate.web import create_app

RUN_ID = "manual__2026-11-27T00:12:47.231587+00:00"
PAGE = "<!doctype html><p>determinations.layout.in_set</p>"


def _allow() -> None:
    return None


@pytest.fixture
def lake(tmp_path: Path) -> Path:
    report = tmp_path / "restricted" / "reports" / run_key_of(RUN_ID) / "validation.html"
    report.parent.mkdir(parents=True)
    report.write_text(PAGE, encoding="utf-8")
    return tmp_path


def _client(lake: Path, **kwargs) -> TestClient:
    app = create_app(lake_url_of=lambda dag_id, run_id: str(lake), **kwargs)
    return TestClient(app)


def test_serves_the_runs_report_without_scripts(lake: Path) -> None:
    response = _client(lake, access=_allow).get(f"/reports/imr_ingest/{RUN_ID}")
    assert response.status_code == 200
    assert response.text == PAGE
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("run_id", ["scheduled__2026-01-01T03:00:00+00:00", "..", "."])
def test_no_report_is_404(lake: Path, run_id: str) -> None:
    response = _client(lake, access=_allow).get(f"/reports/imr_ingest/{run_id}")
    assert response.status_code == 404
    if run_id.startswith("scheduled"):  # "." and ".." never reach the route
        assert response.headers["content-type"].startswith("text/html"), "a page, not JSON"
        assert "<h1>No validation report</h1>" in response.text


def test_a_dag_without_reports_gets_a_page_that_says_so(lake: Path) -> None:
    response = _client(lake, access=_allow).get("/reports/imr_compact/manual__2026-01-01")
    assert response.status_code == 404
    assert "This run of <code>imr_compact</code> wrote none" in response.text


def test_unknown_run_is_404(lake: Path) -> None:
    app = create_app(access=_allow, lake_url_of=lambda dag_id, run_id: None)
    assert TestClient(app).get(f"/reports/imr_ingest/{RUN_ID}").status_code == 404


def test_without_an_airflow_login_the_report_is_refused(lake: Path) -> None:
    response = _client(lake).get(f"/reports/imr_ingest/{RUN_ID}")  # Airflow's own check
    assert response.status_code == 401
    assert PAGE not in response.text


def test_the_plugin_builds_its_app_on_first_request() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "imr_validation_report",
        Path(__file__).resolve().parents[2] / "plugins" / "imr_validation_report.py",
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    plugin = module.ImrLakeValidationReportPlugin
    lazy = plugin.fastapi_apps[0]["app"]
    assert lazy._app is None
    assert plugin.external_views[0]["href"] == "imr-lake/reports/{DAG_ID}/{RUN_ID}"
    response = TestClient(lazy).get(f"/reports/imr_ingest/{RUN_ID}")
    assert response.status_code == 401  # built, and guarded by Airflow's check
    assert lazy._app is not None
