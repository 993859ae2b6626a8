"""Airflow UI: a "Validation report" tab on each DAG run, showing imr-lake's validation.html.

The app is built on its first request (in the API server only), so that workers and the
DAG processor, which load plugins too, never import FastAPI or Airflow's API security code.
"""

from __future__ import annotations

from typing import Any

from airflow.plugins_manager import AirflowPlugin

URL_PREFIX = "/imr-lake"


class _LazyApp:
    """An ASGI app that builds imr_lake.validate.web's FastAPI app when first called."""

    def __init__(self) -> None:
        self._app: Any = None

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if self._app is None:
            from imr_lake.validate.web import create_app

            self._app = create_app()
        await self._app(scope, receive, send)


class ImrLakeValidationReportPlugin(AirflowPlugin):
    name = "imr_lake_validation_report"
    fastapi_apps = [
        {"app": _LazyApp(), "url_prefix": URL_PREFIX, "name": "imr-lake validation reports"}
    ]
    external_views = [
        {
            "name": "Validation report",
            "href": "imr-lake/reports/{DAG_ID}/{RUN_ID}",
            "destination": "dag_run",
            "url_route": "imr-lake-validation-report",
        }
    ]
