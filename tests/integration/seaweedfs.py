"""The tests' S3 server: `weed mini`, shared with the scale benchmark (imr_lake.bench)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from imr_lake.bench.seaweedfs import (
    ACCESS_KEY,
    SECRET_KEY,
    WEED,
    SeaweedFS,
    free_ports,
    seaweedfs,
)

__all__ = [
    "ACCESS_KEY",
    "SECRET_KEY",
    "WEED",
    "SeaweedFS",
    "free_ports",
    "s3_server",
    "seaweedfs",
]


@contextmanager
def s3_server(
    workdir: Path, buckets: tuple[str, ...] = ("imr-raw", "imr-lake")
) -> Iterator[SeaweedFS]:
    """A server whose client environment (endpoint, made-up credentials) is set while it
    runs and restored after it, for a module's S3 fixture: the environment the module found
    comes back whatever the tests did."""
    with seaweedfs(workdir, buckets) as server, pytest.MonkeyPatch.context() as patch:
        for key, value in server.env().items():
            patch.setenv(key, value)
        yield server
