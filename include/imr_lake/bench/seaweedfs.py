"""A real S3 server for tests and the scale benchmark: `weed mini` (SeaweedFS from PyPI) on
free ports, credentials on.

Not a mock: the pipeline talks to it through s3fs/botocore exactly as it would to AWS.
`SeaweedFS.start()` waits until the S3 port answers and the buckets exist; `stop()` ends the
server process (and only it). The credentials are made up for the test.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

ACCESS_KEY = "imr-test-access-key"
SECRET_KEY = "imr-test-secret-key-made-up-0001"
WEED = Path(sys.executable).parent / "weed"

# Ports the mini server opens; grpc ports are set too (they default to http port + 10000).
PORT_FLAGS = (
    "master.port",
    "master.port.grpc",
    "volume.port",
    "volume.port.grpc",
    "filer.port",
    "filer.port.grpc",
    "s3.port",
    "s3.port.grpc",
    "admin.port",
    "admin.port.grpc",
    "metricsPort",
    "debug.port",
)


def free_ports(count: int) -> list[int]:
    """Distinct ports the OS says are free now (held open together so none repeats)."""
    socks = []
    try:
        for _ in range(count):
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            socks.append(sock)
        return [s.getsockname()[1] for s in socks]
    finally:
        for sock in socks:
            sock.close()


def _port_open(port: int) -> bool:
    with closing(socket.socket()) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


class SeaweedFS:
    """One `weed mini` process with its data under `workdir`."""

    def __init__(self, workdir: Path, buckets: tuple[str, ...] = ("imr-raw", "imr-lake")) -> None:
        self.workdir = workdir
        self.buckets = buckets
        self.ports = dict(zip(PORT_FLAGS, free_ports(len(PORT_FLAGS)), strict=True))
        self.proc: subprocess.Popen | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.ports['s3.port']}"

    @property
    def filer_url(self) -> str:
        """The filer's HTTP API (an S3 bucket is its folder /buckets/<bucket>/): the
        benchmark seeds through it, much faster than signed S3 PUTs."""
        return f"http://127.0.0.1:{self.ports['filer.port']}"

    def env(self) -> dict[str, str]:
        """What a client needs: endpoint and made-up credentials."""
        return {
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
            "AWS_ENDPOINT_URL": self.endpoint,
            "IMR_S3_ENDPOINT_URL": self.endpoint,
            "AWS_DEFAULT_REGION": "us-east-1",
        }

    def start(self, timeout: float = 90.0) -> None:
        data = self.workdir / "data"
        data.mkdir(parents=True, exist_ok=True)
        args = [
            str(WEED),
            "mini",
            f"-dir={data}",
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            f"-bucket={','.join(self.buckets)}",
            "-webdav=false",
            "-admin.ui=false",
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            *(f"-{flag}={port}" for flag, port in self.ports.items()),
        ]
        env = {**os.environ, **self.env()}
        log = open(self.workdir / "weed.log", "ab")  # noqa: SIM115 - closed with the process
        self.proc = subprocess.Popen(
            args,
            cwd=self.workdir,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self._wait_ready(timeout)

    def _wait_ready(self, timeout: float) -> None:
        import s3fs

        deadline = time.monotonic() + timeout
        last: Exception | None = None
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"weed mini exited: {self.log_tail()}")
            if _port_open(self.ports["s3.port"]):
                try:
                    fs = s3fs.S3FileSystem(
                        key=ACCESS_KEY,
                        secret=SECRET_KEY,
                        endpoint_url=self.endpoint,
                        skip_instance_cache=True,
                        use_listings_cache=False,
                    )
                    probe = f"{self.buckets[0]}/.ready"
                    fs.pipe(probe, b"ok")
                    if all(fs.exists(b) for b in self.buckets) and fs.cat(probe) == b"ok":
                        fs.rm(probe)
                        return
                except Exception as exc:  # not ready yet: keep polling
                    last = exc
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"weed mini not ready in {timeout}s ({last}): {self.log_tail()}")

    def log_tail(self, chars: int = 3000) -> str:
        path = self.workdir / "weed.log"
        return path.read_text(errors="replace")[-chars:] if path.exists() else ""

    def stop(self) -> None:
        """End the server (its own process group only) and wait for it."""
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def restart(self) -> None:
        """Stop then start again on the same ports and data (for outage tests)."""
        self.stop()
        self.start()


@contextmanager
def seaweedfs(
    workdir: Path, buckets: tuple[str, ...] = ("imr-raw", "imr-lake")
) -> Iterator[SeaweedFS]:
    server = SeaweedFS(workdir, buckets)
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(workdir / "data", ignore_errors=True)
