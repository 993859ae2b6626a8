"""An S3 Inventory report read as the listing: the manifest.json AWS writes next to the
report's data files (CSV gzip or Parquet), streamed file by file, batch by batch.

A bucket of 1.5 million letters needs 1,500 ListObjectsV2 requests a night; its daily
inventory is a few compressed files. The report is as old as its last delivery (daily or
weekly): letters that arrived since are not in it (see docs/lake.md).

Read through pyarrow's file system (`lake.arrow_fs`), a gzip stream decoded in 1 MB blocks
(a Parquet report a row group at a time): through s3fs, whose files read ahead in 50 MB
blocks, a discovery's peak grew with the report (session 6: docs/lake.md, "Discovery
memory").
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote_plus

import pyarrow as pa
import pyarrow.compute as pc

from imr_lake.discovery import LISTED, columns

# Field names of the CSV schema string, and the Parquet columns they are written as.
_CSV_FIELDS = {"key": "Key", "size": "Size", "last_modified": "LastModifiedDate", "etag": "ETag"}
_PARQUET_FIELDS = {
    "key": "key",
    "size": "size",
    "last_modified": "last_modified_date",
    "etag": "e_tag",
}
_VERSION_FIELDS = {
    "csv": ("IsLatest", "IsDeleteMarker"),
    "parquet": ("is_latest", "is_delete_marker"),
}


class InventoryError(ValueError):
    """A manifest this reader cannot use (its format, its bucket, a missing field)."""


def read_manifest(manifest_url: str) -> dict[str, Any]:
    from imr_lake.lake.arrow_fs import arrow_filesystem

    fs, path = arrow_filesystem(manifest_url)
    with fs.open_input_stream(path) as handle:
        manifest = json.loads(handle.read())
    for field in ("fileFormat", "files", "destinationBucket"):
        if field not in manifest:
            raise InventoryError(f"S3 Inventory manifest without {field!r}: {manifest_url}")
    return manifest


def _data_root(manifest: dict[str, Any], manifest_path: str, protocol: str) -> str:
    """Where the manifest's file keys start: the destination bucket on S3; elsewhere (a
    report copied to a folder) the folder that holds the report's destination prefix."""
    bucket = str(manifest["destinationBucket"]).removeprefix("arn:aws:s3:::")
    if protocol in ("s3", "s3a"):
        return bucket
    first = manifest["files"][0]["key"] if manifest["files"] else ""
    report_prefix = first.rsplit("/data/", 1)[0]
    folder = manifest_path.rsplit("/", 1)[0]
    at = folder.rfind(report_prefix) if report_prefix else -1
    if at < 0:
        raise InventoryError("the report's data files are not under the manifest's folder")
    return folder[:at].rstrip("/")


def inventory_pages(
    manifest_url: str,
    source_root: str,
    prefixes: list[str] | None = None,
    *,
    bucket_root: bool = True,
    requests: list[int] | None = None,
) -> Iterator[pa.RecordBatch]:
    """Pages of the report's current `.pdf` objects under the source root (`bucket` or
    `bucket/prefix`), keys relative to it, only under `prefixes` of it when given. A local
    folder source (`bucket_root` False) plays the bucket: report keys are relative to it."""
    from imr_lake.lake.arrow_fs import arrow_filesystem

    manifest = read_manifest(manifest_url)
    fs, path = arrow_filesystem(manifest_url)
    source_bucket, _, base = source_root.partition("/") if bucket_root else ("", "", "")
    if bucket_root and manifest.get("sourceBucket") not in (None, source_bucket):
        raise InventoryError(
            f"the inventory lists bucket {manifest['sourceBucket']!r}, the source is in "
            f"{source_bucket!r}"
        )
    base = f"{base}/" if base else ""
    wanted = [base + p for p in prefixes] if prefixes is not None else [base]
    kind = str(manifest["fileFormat"]).lower()
    protocol = manifest_url.split("://", 1)[0] if "://" in manifest_url else "file"
    root = _data_root(manifest, path, protocol)
    for item in manifest["files"]:
        if requests is not None:
            requests.append(1)
        data_path = f"{root}/{item['key']}"
        if kind == "csv":
            batches = _csv_batches(fs, data_path, manifest.get("fileSchema", ""))
        elif kind == "parquet":
            batches = _parquet_batches(fs, data_path)
        else:
            raise InventoryError(f"S3 Inventory format {manifest['fileFormat']!r} is not read")
        for batch in batches:
            page = _letters(batch, wanted, len(base))
            if page.num_rows:
                yield page


def _letters(batch: pa.RecordBatch, wanted: list[str], strip: int) -> pa.RecordBatch:
    keys = batch.column("key")
    keep = pc.ends_with(pc.utf8_lower(keys), ".pdf")
    under = pc.starts_with(keys, wanted[0])
    for prefix in wanted[1:]:
        under = pc.or_(under, pc.starts_with(keys, prefix))
    batch = batch.filter(pc.and_(keep, under))
    return pa.record_batch(
        [
            pc.utf8_slice_codeunits(batch.column("key"), strip),
            pc.utf8_trim(batch.column("etag"), '"'),
            batch.column("size"),
            batch.column("last_modified"),
        ],
        schema=LISTED,
    )


def _current(batch: pa.RecordBatch, latest: str, deleted: str) -> pa.RecordBatch:
    """In a report with versions, only each key's current version, and no delete markers."""
    names = batch.schema.names
    yes, no = columns.boolean(True), columns.boolean(False)
    if latest in names:
        batch = batch.filter(pc.fill_null(pc.equal(batch.column(latest), yes), yes))
    if deleted in names:
        batch = batch.filter(pc.invert(pc.fill_null(pc.equal(batch.column(deleted), yes), no)))
    return batch


def _csv_batches(fs: Any, path: str, file_schema: str) -> Iterator[pa.RecordBatch]:
    """A CSV data file: gzip, no header, the columns named by the manifest's fileSchema,
    keys URL-encoded (AWS writes them so)."""
    from pyarrow import csv

    names = [name.strip() for name in file_schema.split(",") if name.strip()]
    missing = [f for f in _CSV_FIELDS.values() if f not in names]
    if missing:
        raise InventoryError(f"the inventory's fileSchema lacks {', '.join(missing)}")
    latest, deleted = _VERSION_FIELDS["csv"]
    read = csv.ReadOptions(column_names=names, block_size=1 << 20, use_threads=False)
    convert = csv.ConvertOptions(
        column_types={name: pa.string() for name in names},
        include_columns=[n for n in names if n in (*_CSV_FIELDS.values(), latest, deleted)],
    )
    compression = "gzip" if path.endswith(".gz") else None
    with fs.open_input_stream(path, compression=compression, buffer_size=1 << 20) as handle:
        reader = csv.open_csv(handle, read_options=read, convert_options=convert)
        for batch in reader:
            if latest in batch.schema.names:
                batch = _with_booleans(batch, latest, deleted)
            batch = _current(batch, latest, deleted)
            yield pa.record_batch(
                {
                    "key": _decoded(batch.column("Key")),
                    "etag": batch.column("ETag"),
                    "size": pc.cast(batch.column("Size"), pa.int64()),
                    "last_modified": pc.cast(
                        batch.column("LastModifiedDate"), LISTED.field("last_modified").type
                    ),
                }
            )


def _decoded(keys: pa.Array) -> pa.Array:
    """URL-decoded keys (AWS writes them so); only a batch with an escape or a `+` is
    decoded key by key in Python."""
    if not pc.any(pc.match_substring_regex(keys, r"[%+]")).as_py():
        return keys
    return columns.strings([None if k is None else unquote_plus(k) for k in keys.to_pylist()])


def _with_booleans(batch: pa.RecordBatch, *names: str) -> pa.RecordBatch:
    values = {n: batch.column(n) for n in batch.schema.names}
    true = columns.string("true")
    for name in names:
        if name in values:
            values[name] = pc.equal(pc.utf8_lower(values[name]), true)
    return pa.record_batch(values)


def _parquet_batches(fs: Any, path: str) -> Iterator[pa.RecordBatch]:
    import pyarrow.parquet as pq

    latest, deleted = _VERSION_FIELDS["parquet"]
    with fs.open_input_file(path) as handle:
        data = pq.ParquetFile(handle)
        names = data.schema_arrow.names
        missing = [f for f in _PARQUET_FIELDS.values() if f not in names]
        if missing:
            raise InventoryError(f"the inventory's Parquet files lack {', '.join(missing)}")
        columns = [*_PARQUET_FIELDS.values(), *(n for n in (latest, deleted) if n in names)]
        for batch in data.iter_batches(columns=columns, batch_size=65536):
            batch = _current(batch, latest, deleted)
            yield pa.record_batch(
                {
                    "key": pc.cast(batch.column("key"), pa.string()),
                    "etag": pc.cast(batch.column("e_tag"), pa.string()),
                    "size": pc.cast(batch.column("size"), pa.int64()),
                    "last_modified": pc.cast(
                        batch.column("last_modified_date"), LISTED.field("last_modified").type
                    ),
                }
            )
