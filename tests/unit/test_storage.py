"""Storage: listing letters, atomic writes, S3 options from the environment."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from imr_lake.storage import Lake, Source, SourceObject, _storage_options


def test_source_lists_pdfs_with_relative_keys_sorted(tmp_path: Path) -> None:
    (tmp_path / "2026" / "03").mkdir(parents=True)
    (tmp_path / "2026" / "03" / "b.PDF").write_bytes(b"%PDF-b")
    (tmp_path / "a.pdf").write_bytes(b"%PDF-a")
    (tmp_path / "notes.txt").write_text("not a letter")
    stamp = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC).timestamp()
    os.utime(tmp_path / "a.pdf", (stamp, stamp))
    letters = Source(str(tmp_path)).list_letters()
    assert [o.key for o in letters] == ["2026/03/b.PDF", "a.pdf"]
    a = letters[1]
    assert a.size == 6 and a.last_modified == datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
    assert SourceObject.from_json(a.to_json()) == a
    assert Source(str(tmp_path)).read("a.pdf") == b"%PDF-a"


def test_local_etag_changes_with_content(tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(b"one")
    before = Source(str(tmp_path)).list_letters()[0].etag
    path.write_bytes(b"three")
    assert Source(str(tmp_path)).list_letters()[0].etag != before


def test_atomic_write_leaves_no_temporary(tmp_path: Path) -> None:
    lake = Lake(str(tmp_path))
    lake.write_json_atomic(lake.restricted("x", "a.json"), {"n": 1})
    lake.write_json_atomic(lake.restricted("x", "a.json"), {"n": 2})
    assert lake.read_json(lake.restricted("x", "a.json")) == {"n": 2}
    assert sorted(p.name for p in (tmp_path / "restricted" / "x").iterdir()) == ["a.json"]


def test_s3_options_take_the_endpoint_from_env_and_skip_listing_cache(monkeypatch) -> None:
    monkeypatch.delenv("IMR_S3_ENDPOINT_URL", raising=False)
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
    assert _storage_options("s3://b/k") == {
        "use_listings_cache": False,
        "endpoint_url": "http://127.0.0.1:9",
    }
    monkeypatch.setenv("IMR_S3_ENDPOINT_URL", "http://127.0.0.1:10")
    assert _storage_options("s3://b/k")["endpoint_url"] == "http://127.0.0.1:10"
    assert _storage_options("/tmp/lake") == {}


@pytest.mark.parametrize("url", ["/tmp/lake", "file:///tmp/lake"])
def test_local_lake_urls_are_local(url: str) -> None:
    assert Lake(url).is_local
