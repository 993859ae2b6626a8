"""Serves a run's validation report to the Airflow UI (mounted by plugins/imr_validation_report.py).

Airflow does not protect a plugin's FastAPI app on its own. So the route depends on
Airflow's own `requires_access_dag` check: the caller must be logged in and allowed to
read the DAG's runs. That is the same check the UI's API uses for the runs themselves.
The page is read from the lake the run wrote to, which is the run's `lake` conf or the
`IMR_LAKE_URL` default. It never takes a path from the caller.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from html import escape
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.responses import HTMLResponse

REPORT_NAME = "validation.html"
DEFAULT_LAKE = "var/demo/lake"
# The report is static HTML with inline styles: no script, no remote content, no forms.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
}


def run_access() -> Callable[..., Any]:
    """Airflow's check for reading a DAG's runs (dag_id comes from the path)."""
    from airflow.api_fastapi.auth.managers.models.resource_details import DagAccessEntity
    from airflow.api_fastapi.core_api.security import requires_access_dag

    return requires_access_dag("GET", DagAccessEntity.RUN)


def lake_of_run(dag_id: str, run_id: str) -> str | None:
    """The lake URL a run wrote to: its `lake` conf, else the deployment default."""
    from airflow.models.dagrun import DagRun
    from airflow.utils.session import create_session
    from sqlalchemy import select

    with create_session() as session:
        row = session.execute(
            select(DagRun.conf).where(DagRun.dag_id == dag_id, DagRun.run_id == run_id)
        ).first()
    if row is None:
        return None
    return (row[0] or {}).get("lake") or os.environ.get("IMR_LAKE_URL", DEFAULT_LAKE)


def read_report(lake_url: str, run_id: str) -> str | None:
    """The report's HTML, or None when the run wrote none."""
    from imr_lake.storage import Lake, run_key_of

    run_key = run_key_of(run_id)
    if run_key in ("", ".", ".."):
        return None
    lake = Lake(lake_url)
    path = lake.restricted("reports", run_key, REPORT_NAME)
    if not lake.fs.exists(path):
        return None
    with lake.fs.open(path, "r", encoding="utf-8") as handle:
        return handle.read()


def no_report_page(dag_id: str) -> str:
    """A readable page for a run without a report (Airflow has no per-DAG tabs)."""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<title>No validation report</title></head><body style="font-family:sans-serif">'
        f"<h1>No validation report</h1><p>This run of <code>{escape(dag_id)}</code> wrote "
        "none: only <code>imr_ingest</code> runs that reached their <code>validate</code> "
        "task have one.</p></body></html>"
    )


def create_app(
    *,
    access: Callable[..., Any] | None = None,
    lake_url_of: Callable[[str, str], str | None] = lake_of_run,
) -> FastAPI:
    """The report app; `access` and `lake_url_of` are replaceable for tests."""
    app = FastAPI(title="imr-lake validation reports", docs_url=None, redoc_url=None)

    @app.get(
        "/reports/{dag_id}/{run_id}",
        response_class=HTMLResponse,
        dependencies=[Depends(access or run_access())],
    )
    def report(dag_id: str, run_id: str) -> HTMLResponse:
        lake_url = lake_url_of(dag_id, run_id)
        html = read_report(lake_url, run_id) if lake_url else None
        if html is None:  # Airflow shows the tab on every DAG's runs: say why it is empty
            return HTMLResponse(no_report_page(dag_id), status_code=404, headers=SECURITY_HEADERS)
        return HTMLResponse(html, headers=SECURITY_HEADERS)

    return app
