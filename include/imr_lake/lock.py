"""One committer at a time per lake, on any fsspec store (S3 has no rename or lock).

Protocol: write an entry `restricted/locks/<name>/<time>-<token>.json`, list the folder, and
hold the lock only if no other live entry is there; otherwise delete the entry and retry
after a random pause. With a strongly consistent store (S3 since 2020, SeaweedFS, a local
disk) two writers can never both see themselves alone: the later writer's listing always
sees the earlier entry. An entry whose process is gone (same host, dead pid) or older than
the lease is removed by the next contender, so a crash never blocks the lake for long.
"""

from __future__ import annotations

import json
import os
import random
import socket
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from imr_lake.storage import Lake

LEASE_SECONDS = float(os.environ.get("IMR_LOCK_LEASE_SECONDS", "1800"))


class LockTimeout(RuntimeError):
    """Another committer held the lake's lock for longer than we were willing to wait."""


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _stale(entry: dict, now: float, lease: float) -> bool:
    if now - float(entry.get("created", 0)) > lease:
        return True
    return entry.get("host") == socket.gethostname() and not _pid_alive(int(entry.get("pid", 0)))


class CommitLock:
    """A mutex over one lake; use as `with CommitLock(lake).held(): ...`."""

    def __init__(self, lake: Lake, name: str = "commit", lease: float = LEASE_SECONDS) -> None:
        self.lake = lake
        self.dir = lake.restricted("locks", name)
        self.lease = lease
        self.entry: str | None = None

    def _entries(self) -> list[str]:
        if not self.lake.exists(self.dir):
            return []
        return sorted(p for p in self.lake.fs.ls(self.dir, detail=False) if p.endswith(".json"))

    def _read(self, path: str) -> dict | None:
        try:
            return json.loads(self.lake.fs.cat_file(path))
        except FileNotFoundError:
            return None
        except ValueError:  # half-written by a local writer: treat as live until the lease
            return {"created": time.time()}

    def try_acquire(self) -> bool:
        now = time.time()
        stamp = datetime.now(tz=UTC).strftime("%Y%m%dT%H%M%S%f")
        self.entry = f"{self.dir}/{stamp}-{uuid.uuid4().hex[:12]}.json"
        body = {"host": socket.gethostname(), "pid": os.getpid(), "created": now}
        self.lake.write_json_atomic(self.entry, body)
        for path in self._entries():
            if path == self.entry:
                continue
            other = self._read(path)
            if other is None:
                continue
            if _stale(other, now, self.lease):
                self._remove(path)
                continue
            self.release()
            return False
        return True

    def acquire(self, timeout: float = 900.0) -> None:
        deadline = time.monotonic() + timeout
        pause = 0.2
        while not self.try_acquire():
            if time.monotonic() > deadline:
                raise LockTimeout(f"lake lock {self.dir} busy for {timeout:.0f}s")
            time.sleep(pause * (0.5 + random.random()))
            pause = min(pause * 1.5, 5.0)

    def _remove(self, path: str) -> None:
        try:
            self.lake.fs.rm(path)
        except FileNotFoundError:
            pass

    def release(self) -> None:
        if self.entry:
            self._remove(self.entry)
            self.entry = None

    @contextmanager
    def held(self, timeout: float = 900.0) -> Iterator[CommitLock]:
        self.acquire(timeout)
        try:
            yield self
        finally:
            self.release()
