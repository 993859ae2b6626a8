"""pyarrow's own file system for a lake or source URL: ranged reads of the files discovery
reads (the ledger's Parquet files, an S3 Inventory report).

Why not fsspec/s3fs or deltalake's file handler here: a Parquet reader on them fetched
whole files (or 50 MB read-ahead blocks) into memory, so a discovery's peak grew with the
ledger (session 5: 248 MB at 10,000 letters, 279 MB at 300,000 on SeaweedFS). pyarrow's
S3FileSystem reads the footer and then only the byte ranges of the column chunks asked
for. Credentials and the endpoint come from the same environment as delta-rs's
(`lake.delta.storage_options`); without keys the AWS SDK's own chain (instance roles)
applies.
"""

from __future__ import annotations

import os
from typing import Any


def _s3(endpoint: str | None) -> Any:
    from pyarrow import fs

    options: dict[str, Any] = {
        "access_key": os.environ.get("AWS_ACCESS_KEY_ID"),
        "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY"),
        "session_token": os.environ.get("AWS_SESSION_TOKEN"),
        "region": os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION"),
    }
    if endpoint:
        scheme, _, host = endpoint.partition("://")
        options["endpoint_override"] = host.rstrip("/") if host else endpoint
        options["scheme"] = scheme if host else "https"
        options["region"] = options["region"] or "us-east-1"  # as delta-rs is told
    return fs.S3FileSystem(**{k: v for k, v in options.items() if v})


def arrow_filesystem(url: str) -> tuple[Any, str]:
    """(pyarrow FileSystem, path in it) of a URL: `s3://bucket/key` (or `s3a://`) on S3 or
    the S3-compatible endpoint of IMR_S3_ENDPOINT_URL / AWS_ENDPOINT_URL; a local path
    (or `file://`) on the local disk."""
    from pyarrow import fs

    if url.startswith(("s3://", "s3a://")):
        endpoint = os.environ.get("IMR_S3_ENDPOINT_URL") or os.environ.get("AWS_ENDPOINT_URL")
        return _s3(endpoint), url.split("://", 1)[1].rstrip("/")
    path = url.removeprefix("file://")
    return fs.LocalFileSystem(), os.path.abspath(path)
