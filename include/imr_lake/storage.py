"""Object storage through fsspec: a local folder by default, S3 or S3-compatible in production.

Credentials never appear here: s3fs/botocore read AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY
and AWS_ENDPOINT_URL from the environment (the DAG fills them from an Airflow connection).
"""

from __future__ import annotations

import json
import os
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import fsspec
from fsspec.core import url_to_fs

CURATED = "curated"
RESTRICTED = "restricted"


def _storage_options(url: str) -> dict[str, Any]:
    if url.startswith(("s3://", "s3a://")):
        # No listing cache: commits, locks and increments must see other writers' objects.
        options: dict[str, Any] = {"use_listings_cache": False}
        endpoint = os.environ.get("IMR_S3_ENDPOINT_URL") or os.environ.get("AWS_ENDPOINT_URL")
        if endpoint:
            options["endpoint_url"] = endpoint
        return options
    return {}


def filesystem(url: str) -> tuple[fsspec.AbstractFileSystem, str]:
    """The filesystem of a URL and the URL's path within it (no trailing slash)."""
    fs, path = url_to_fs(url, **_storage_options(url))
    return fs, path.rstrip("/")


def run_key_of(run_id: str) -> str:
    """A run id made safe for object keys (Airflow run ids hold ':' and '+')."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", run_id)


@dataclass(frozen=True)
class SourceObject:
    """One letter in the source bucket, as listed (no content read yet)."""

    key: str  # path relative to the source root
    etag: str
    size: int
    last_modified: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "etag": self.etag,
            "size": self.size,
            "last_modified": self.last_modified.isoformat(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SourceObject:
        return cls(
            key=data["key"],
            etag=data["etag"],
            size=int(data["size"]),
            last_modified=datetime.fromisoformat(data["last_modified"]),
        )


def modified_of(info: dict[str, Any]) -> datetime:
    value = info.get("LastModified") or info.get("mtime") or info.get("created") or 0
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, str):
        return datetime.fromisoformat(value)
    return datetime.fromtimestamp(float(value), tz=UTC)


def etag_of(info: dict[str, Any], modified: datetime) -> str:
    etag = info.get("ETag") or info.get("etag")
    if etag:
        return str(etag).strip('"')
    return f"{int(modified.timestamp() * 1_000_000)}-{info.get('size', 0)}"


def dated_prefixes(layout: str, start: datetime, end: datetime) -> list[str]:
    """The prefixes of a date layout (`{year}/{month}/{day}/`) that hold the letters arriving
    in [`start`, `end`), one per day (or month, or year) the interval touches."""
    prefixes: list[str] = []
    day = start.astimezone(UTC).date()
    last = (end.astimezone(UTC) - timedelta(microseconds=1)).date()
    while day <= last:
        prefix = layout.format(
            year=f"{day.year:04d}", month=f"{day.month:02d}", day=f"{day.day:02d}"
        )
        if prefix not in prefixes:
            prefixes.append(prefix)
        day += timedelta(days=1)
    return prefixes


class Source:
    """The raw zone: letters, read only."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.fs, self.root = filesystem(url)

    def list_letters(self, prefixes: list[str] | None = None) -> list[SourceObject]:
        """Every `.pdf` object under the root (or only under `prefixes` of it), sorted by key.

        As Python objects: for small sources, tests and tools. Discovery streams the same
        listing as Arrow pages instead (`imr_lake.discovery`)."""
        from imr_lake.discovery.pages import object_pages

        letters = [
            SourceObject(**row)
            for prefix in (prefixes if prefixes is not None else [""])
            for page in object_pages(self.fs, self.root, prefix)
            for row in page.to_pylist()
        ]
        return sorted(letters, key=lambda o: o.key)

    def read(self, key: str) -> bytes:
        with self.fs.open(f"{self.root}/{key}", "rb") as handle:
            return handle.read()


class Lake:
    """The lake's zones under one URL: curated (analysts) and restricted (operators)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.fs, self.root = filesystem(url)

    def path(self, *parts: str) -> str:
        return "/".join([self.root, *parts])

    def curated(self, table: str) -> str:
        return self.path(CURATED, table)

    def restricted(self, *parts: str) -> str:
        return self.path(RESTRICTED, *parts)

    def run_dir(self, run_key: str) -> str:
        return self.restricted("runs", run_key)

    def write_json(self, path: str, data: Any) -> None:
        self.fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
        with self.fs.open(path, "w") as handle:
            json.dump(data, handle, indent=2, default=str)

    def write_json_atomic(self, path: str, data: Any) -> None:
        """Readers see the old object or the new one, never a part (a PUT on S3, a rename
        on a local disk)."""
        self.write_bytes_atomic(path, json.dumps(data, indent=2, default=str).encode())

    def write_bytes_atomic(self, path: str, data: bytes) -> None:
        self.fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
        if not self.is_local:
            self.fs.pipe_file(path, data)
            return
        tmp = f"{path}.tmp-{uuid.uuid4().hex[:8]}"
        with self.fs.open(tmp, "wb") as handle:
            handle.write(data)
        self.fs.mv(tmp, path)

    @property
    def is_local(self) -> bool:
        protocol = self.fs.protocol if isinstance(self.fs.protocol, str) else self.fs.protocol[0]
        return protocol in ("file", "local")

    def url_of(self, path: str) -> str:
        """A path of this filesystem as a URL other engines understand (s3://bucket/key)."""
        if self.is_local:
            return path
        protocol = self.fs.protocol if isinstance(self.fs.protocol, str) else self.fs.protocol[0]
        return f"{protocol}://{path}"

    def read_json(self, path: str) -> Any:
        with self.fs.open(path, "r") as handle:
            return json.load(handle)

    def exists(self, path: str) -> bool:
        return bool(self.fs.exists(path))

    def glob(self, pattern: str) -> list[str]:
        return sorted(self.fs.glob(pattern))
