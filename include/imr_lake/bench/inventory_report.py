"""Write an S3 Inventory report the way AWS lays it out (manifest.json + data files), from
a listing: for tests and the scale benchmark."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
from datetime import datetime
from typing import Any
from urllib.parse import quote_plus

import pyarrow as pa
import pyarrow.parquet as pq

CSV_SCHEMA = "Bucket, Key, VersionId, IsLatest, IsDeleteMarker, Size, LastModifiedDate, ETag"


def _csv_bytes(bucket: str, rows: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL)
    for row in rows:
        modified: datetime = row["last_modified"]
        writer.writerow(
            [
                bucket,
                quote_plus(row["key"], safe="/"),  # AWS URL-encodes keys in CSV reports
                row.get("version_id", ""),
                "true" if row.get("is_latest", True) else "false",
                "true" if row.get("is_delete_marker", False) else "false",
                row["size"],
                modified.strftime("%Y-%m-%dT%H:%M:%S.") + f"{modified.microsecond // 1000:03d}Z",
                row["etag"],
            ]
        )
    return gzip.compress(out.getvalue().encode())


def _parquet_bytes(bucket: str, rows: list[dict[str, Any]]) -> bytes:
    table = pa.table(
        {
            "bucket": pa.array([bucket] * len(rows), pa.string()),
            "key": pa.array([r["key"] for r in rows], pa.string()),
            "is_latest": pa.array([r.get("is_latest", True) for r in rows], pa.bool_()),
            "is_delete_marker": pa.array(
                [r.get("is_delete_marker", False) for r in rows], pa.bool_()
            ),
            "size": pa.array([r["size"] for r in rows], pa.int64()),
            "last_modified_date": pa.array(
                [r["last_modified"] for r in rows], pa.timestamp("ms", tz="UTC")
            ),
            "e_tag": pa.array([r["etag"] for r in rows], pa.string()),
        }
    )
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()


def write_report(
    put: Any,
    *,
    source_bucket: str,
    destination_bucket: str,
    rows: list[dict[str, Any]],
    file_format: str = "CSV",
    files: int = 2,
    prefix: str = "inventory",
    config_id: str = "letters",
    stamp: str = "2026-03-02T00-00Z",
) -> str:
    """Write the report with `put(key, data)` (keys in the destination bucket); return the
    manifest's key. `rows` carry key, etag, size, last_modified (and version flags)."""
    base = f"{prefix}/{source_bucket}/{config_id}"
    entries = []
    extension = "csv.gz" if file_format == "CSV" else "parquet"
    for number in range(files):
        part = rows[number::files]
        data = (
            _csv_bytes(source_bucket, part)
            if file_format == "CSV"
            else _parquet_bytes(source_bucket, part)
        )
        key = f"{base}/data/part-{number:04d}.{extension}"
        put(key, data)
        entries.append(
            {"key": key, "size": len(data), "MD5checksum": hashlib.md5(data).hexdigest()}
        )
    schema = (
        CSV_SCHEMA
        if file_format == "CSV"
        else "message s3.inventory { required binary bucket (STRING); required binary key "
        "(STRING); optional boolean is_latest; optional boolean is_delete_marker; optional "
        "int64 size; optional int64 last_modified_date (TIMESTAMP(MILLIS,true)); optional "
        "binary e_tag (STRING);}"
    )
    manifest = {
        "sourceBucket": source_bucket,
        "destinationBucket": f"arn:aws:s3:::{destination_bucket}",
        "version": "2016-11-30",
        "creationTimestamp": "1772409600000",
        "fileFormat": file_format,
        "fileSchema": schema,
        "files": entries,
    }
    manifest_key = f"{base}/{stamp}/manifest.json"
    put(manifest_key, json.dumps(manifest).encode())
    return manifest_key
