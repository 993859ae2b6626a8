"""Delta tables of the lake: open, create, replace rows by key in one commit, retry.

The commit protocol is delta-rs's: each commit is one `_delta_log/NNN.json` object written
put-if-absent (a rename on a local disk, a conditional PUT on S3 and S3-compatible stores),
so no lock service is needed. A writer that loses the race gets `CommitFailedError` and
retries against the newer version (`with_retry`).
"""

from __future__ import annotations

import itertools
import logging
import os
import random
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import pyarrow as pa
import pyarrow.compute as pc

log = logging.getLogger(__name__)

T = TypeVar("T")

RETRY_ATTEMPTS = 8
RETRY_BASE_SECONDS = 0.05
RETRY_MAX_SECONDS = 2.0

# Rows per Parquet row group in every file the lake writes (MERGE, compaction). delta-rs's
# default is 1,048,576, so a ledger file of a whole history is one row group, and a reader
# that wants one night's keys decodes all of them; in groups of this size the groups'
# min/max statistics let it skip the rest (docs/lake.md, "Ledger layout").
ROW_GROUP_ROWS = 65_536


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


def writer_properties() -> Any:
    """The Parquet writer settings of the lake's files: small row groups, snappy (delta-rs's
    own default codec, which passing any WriterProperties would otherwise drop)."""
    from deltalake import WriterProperties

    return WriterProperties(max_row_group_size=ROW_GROUP_ROWS, compression="SNAPPY")


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


ACTION = "_imr_action"  # the merge source's extra column: "delete" (a key to replace) or "insert"


@dataclass
class Replacement:
    """Part of one commit: delete every row whose key is in `keys`, insert `rows` (whose
    keys are among `keys`). A commit streams many parts, one per staged batch."""

    rows: pa.Table
    keys: pa.Array


def _merge_source(
    schema: pa.Schema, key: str, parts: Iterable[Replacement]
) -> Iterator[pa.RecordBatch]:
    """The merge's source, batch by batch: one "delete" row per key of the part, then the
    part's rows. (A key may come again in a later part: delta-rs deletes its rows once.)"""
    out = schema.append(pa.field(ACTION, pa.string()))
    for part in parts:
        keys = [k for k in pc.unique(part.keys).to_pylist() if k is not None]
        if keys:
            columns = [
                pa.array(keys, pa.string()) if f.name == key else pa.nulls(len(keys), f.type)
                for f in schema
            ]
            tombstones = pa.Table.from_arrays(columns, schema=schema)
            yield from _with_action(tombstones, "delete", out).to_batches()
        if part.rows.num_rows:
            rows = part.rows.select(schema.names).cast(schema)
            yield from _with_action(rows, "insert", out).to_batches()


def _with_action(rows: pa.Table, action: str, schema: pa.Schema) -> pa.Table:
    actions = pa.array([action] * rows.num_rows, pa.string())
    return pa.Table.from_arrays([*rows.columns, actions], schema=schema)


def _first_part(parts: Iterable[Replacement]) -> Iterator[Replacement] | None:
    """The parts, or None when none has a row or a key (nothing to commit)."""
    iterator = iter(parts)
    for part in iterator:
        if part.rows.num_rows or len(part.keys):
            return itertools.chain([part], iterator)
    return None


def replace_stream(
    uri: str,
    schema: pa.Schema,
    parts: Callable[[], Iterable[Replacement]],
    *,
    key: str,
    metadata: dict[str, str] | None = None,
) -> int | None:
    """One commit that replaces rows by `key`: a Delta MERGE whose source is streamed from
    `parts()` (called again on each retry), so a run of any size is never held whole.

    Every target row whose key is among the parts' keys is deleted and the parts' rows are
    inserted, in the same commit: readers see the old rows or the new ones, never both.
    A concurrent commit that touched the same files makes this one fail and retry on the
    newer version. Returns the new version (None when there was nothing to commit).
    """
    from deltalake import CommitProperties, DeltaTable

    options = storage_options(uri)
    properties = CommitProperties(custom_metadata=metadata) if metadata else None
    columns = {name: f"s.{name}" for name in schema.names}

    def commit() -> int | None:
        stream = _first_part(parts())
        if stream is None:
            return None
        table = DeltaTable(uri, storage_options=options)
        source = pa.RecordBatchReader.from_batches(
            schema.append(pa.field(ACTION, pa.string())), _merge_source(schema, key, stream)
        )
        (
            table.merge(
                source,
                predicate=f"t.{key} = s.{key} AND s.{ACTION} = 'delete'",
                source_alias="s",
                target_alias="t",
                writer_properties=writer_properties(),
                commit_properties=properties,
            )
            .when_matched_delete()
            .when_not_matched_insert(updates=columns, predicate=f"s.{ACTION} = 'insert'")
            .execute()
        )
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
