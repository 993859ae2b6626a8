"""Delta tables of the lake: open, create, replace rows by key in one commit, retry.

The commit protocol is delta-rs's: each commit is one `_delta_log/NNN.json` object written
put-if-absent (a rename on a local disk, a conditional PUT on S3 and S3-compatible stores),
so no lock service is needed. A writer that loses the race gets `CommitFailedError` and
retries against the newer version (`with_retry`).
"""

from __future__ import annotations

import logging
import os
import random
import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import pyarrow as pa

log = logging.getLogger(__name__)

T = TypeVar("T")

RETRY_ATTEMPTS = 8
RETRY_BASE_SECONDS = 0.05
RETRY_MAX_SECONDS = 2.0


def is_remote(uri: str) -> bool:
    return uri.startswith(("s3://", "s3a://"))


def storage_options(uri: str) -> dict[str, str]:
    """delta-rs options for a table URI, from the environment (filled from the `imr_s3`
    connection in Airflow): credentials, endpoint, and conditional put instead of a lock."""
    if not is_remote(uri):
        return {}
    options = {"aws_conditional_put": "etag"}  # put-if-absent commits: no DynamoDB lock
    env = {
        "AWS_ACCESS_KEY_ID": os.environ.get("AWS_ACCESS_KEY_ID"),
        "AWS_SECRET_ACCESS_KEY": os.environ.get("AWS_SECRET_ACCESS_KEY"),
        "AWS_SESSION_TOKEN": os.environ.get("AWS_SESSION_TOKEN"),
        "AWS_REGION": os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION"),
        "AWS_ENDPOINT_URL": os.environ.get("IMR_S3_ENDPOINT_URL")
        or os.environ.get("AWS_ENDPOINT_URL"),
    }
    options.update({k: v for k, v in env.items() if v})
    if options.get("AWS_ENDPOINT_URL", "").startswith("http://"):
        options["AWS_ALLOW_HTTP"] = "true"
    options.setdefault("AWS_REGION", "us-east-1")
    return options


def with_retry(
    commit: Callable[[], T],
    *,
    attempts: int = RETRY_ATTEMPTS,
    base: float = RETRY_BASE_SECONDS,
    cap: float = RETRY_MAX_SECONDS,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Run `commit` until it wins: on `CommitFailedError` (another writer committed first)
    wait a random time up to an exponentially growing bound ("full jitter"), then run it
    again; `commit` must re-read the table each time. Gives up after `attempts`."""
    from deltalake.exceptions import CommitFailedError

    for attempt in range(1, attempts + 1):
        try:
            return commit()
        except CommitFailedError:
            if attempt == attempts:
                raise
            pause = random.uniform(0, min(cap, base * 2**attempt))
            log.info(
                "commit lost to a concurrent writer (attempt %d); retry in %.2fs", attempt, pause
            )
            sleep(pause)
    raise AssertionError("unreachable")


def ensure_table(uri: str, schema: pa.Schema, partition_by: list[str] | None = None) -> None:
    """Create the (empty) table if it does not exist: readers can query it from the start,
    and concurrent first runs do not race to create it by writing."""
    from deltalake import DeltaTable
    from deltalake.exceptions import TableNotFoundError

    options = storage_options(uri)
    try:
        DeltaTable(uri, storage_options=options)
        return
    except TableNotFoundError:
        pass
    try:
        DeltaTable.create(
            uri, schema, mode="ignore", partition_by=partition_by, storage_options=options
        )
    except Exception:  # another process created it first: fine if it is there now
        DeltaTable(uri, storage_options=options)


def _in_list(column: str, values: Iterable[str]) -> str:
    quoted = ",".join("'" + v.replace("'", "''") + "'" for v in sorted(set(values)))
    return f"{column} IN ({quoted})"


def replace_rows(uri: str, rows: pa.Table, *, key: str, replace: Iterable[str]) -> int | None:
    """One commit: delete every row whose `key` is in `replace`, append `rows` (whose keys
    must be among `replace`). Returns the new table version (None when nothing to do).

    A predicate overwrite (Delta's replaceWhere): readers see the old rows or the new ones,
    never both; a concurrent commit touching the same rows makes it fail and retry.
    """
    from deltalake import DeltaTable, write_deltalake

    ids = set(replace)
    if not ids and rows.num_rows == 0:
        return None
    options = storage_options(uri)

    def commit() -> int:
        table = DeltaTable(uri, storage_options=options)
        if ids:
            write_deltalake(table, rows, mode="overwrite", predicate=_in_list(key, ids))
        else:
            write_deltalake(table, rows, mode="append")
        return DeltaTable(uri, storage_options=options).version()

    return with_retry(commit)


def append_rows(uri: str, rows: pa.Table) -> int | None:
    """One append commit (appends never conflict with each other)."""
    from deltalake import DeltaTable, write_deltalake

    if rows.num_rows == 0:
        return None
    options = storage_options(uri)

    def commit() -> int:
        write_deltalake(DeltaTable(uri, storage_options=options), rows, mode="append")
        return DeltaTable(uri, storage_options=options).version()

    return with_retry(commit)


def read_rows(uri: str, schema: pa.Schema, version: Any = None) -> pa.Table:
    """The table (at `version`: a number, or a datetime / ISO string) in the contract's
    Arrow types (delta-rs may hand back views or large types)."""
    from deltalake import DeltaTable

    table = DeltaTable(uri, storage_options=storage_options(uri))
    if version is not None:
        table.load_as_version(version)
    data = pa.table(table.to_pyarrow_table())
    return data.select(schema.names).cast(schema)
