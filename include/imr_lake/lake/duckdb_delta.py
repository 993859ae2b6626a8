"""DuckDB reading the Delta tables natively (`delta_scan`), as an analyst's DuckDB does.

The `delta` and `httpfs` extensions come from their PyPI packages
(`duckdb-extension-delta`, `duckdb-extension-httpfs`, built for DuckDB 1.5.5, which is why
duckdb is pinned there): nothing is downloaded at run time. S3 credentials go into a
DuckDB S3 secret, from the same environment the pipeline uses.
"""

from __future__ import annotations

import glob
import importlib.util
import os
from typing import Any
from urllib.parse import urlparse

EXTENSIONS = ("httpfs", "delta")


def extension_path(name: str) -> str:
    """The extension file shipped inside `duckdb-extension-NAME`."""
    spec = importlib.util.find_spec(f"duckdb_extension_{name}")
    if spec is None or spec.origin is None:
        raise RuntimeError(f"duckdb-extension-{name} is not installed")
    import duckdb

    folder = os.path.join(os.path.dirname(spec.origin), "extensions", f"v{duckdb.__version__}")
    found = glob.glob(os.path.join(folder, f"{name}.duckdb_extension"))
    if not found:
        raise RuntimeError(f"duckdb-extension-{name} has no build for DuckDB {duckdb.__version__}")
    return found[0]


def connect(*, s3: bool = False) -> Any:
    """A DuckDB connection with `delta_scan` (and, for S3 lakes, an S3 secret)."""
    import duckdb

    con = duckdb.connect(
        config={"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    )
    for name in EXTENSIONS:
        con.execute(f"LOAD '{extension_path(name)}'")
    if s3:
        con.execute(s3_secret_sql())
    return con


def s3_secret_sql() -> str:
    """`CREATE SECRET` for the lake's S3 (endpoint for S3-compatible stores)."""
    fields = {
        "TYPE": "s3",
        "KEY_ID": os.environ.get("AWS_ACCESS_KEY_ID"),
        "SECRET": os.environ.get("AWS_SECRET_ACCESS_KEY"),
        "SESSION_TOKEN": os.environ.get("AWS_SESSION_TOKEN"),
        "REGION": os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION"),
    }
    endpoint = os.environ.get("IMR_S3_ENDPOINT_URL") or os.environ.get("AWS_ENDPOINT_URL")
    parts = []
    if endpoint:
        url = urlparse(endpoint)
        fields["ENDPOINT"] = url.netloc
        parts += ["URL_STYLE 'path'", f"USE_SSL {'true' if url.scheme == 'https' else 'false'}"]
    for key, value in fields.items():
        if value:
            text = value if key == "TYPE" else "'" + value.replace("'", "''") + "'"
            parts.append(f"{key} {text}")
    return f"CREATE OR REPLACE SECRET imr_lake_s3 ({', '.join(parts)})"


def scan(uri: str, version: int | None = None) -> str:
    """The SQL table expression of a Delta table (at a version)."""
    quoted = uri.replace("'", "''")
    at = f", version := {int(version)}" if version is not None else ""
    return f"delta_scan('{quoted}'{at})"
