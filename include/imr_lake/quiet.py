"""Warnings of packages we do not call, silenced by their exact message (nothing else).

Each one is a notice about another package's internals that an operator can do nothing
about: GX imports PySpark when it is installed, and PySpark warns about pandas 3; the
`airflow dags test` CLI warns that graphviz is missing and that its in-process API client
uses a deprecated Starlette test client. Anything new still shows (and fails the
clean-output tests), so this list stays short and deliberate.
"""

from __future__ import annotations

import re
import warnings

# (message prefix, where it comes from)
IGNORED = (
    ("PySpark does not yet fully support pandas", "pyspark, imported by great_expectations"),
    ("Could not import graphviz", "airflow dags test (renders no graph here)"),
    ("Using `httpx` with `starlette.testclient` is deprecated", "airflow dags test's client"),
)

# The same filters for processes that warn before imr_lake is imported (the Airflow CLI):
# scripts/airflow_env.sh exports it.
PYTHONWARNINGS = ",".join(f"ignore:{message}" for message, _ in IGNORED)


def install() -> None:
    """Add the filters to this process (imr_lake's __init__ does, before GX loads)."""
    for message, _ in IGNORED:
        warnings.filterwarnings("ignore", message=re.escape(message))
