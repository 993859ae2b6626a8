"""The worker's side of isolation: one reused extraction process, replaced when it fails.

Modelled on Apache Tika's ForkParser and `tika-server -spawnChild`: parsing happens in a
child the parent can kill; the child has its own memory cap and a per-document time
limit; a crash, a timeout or a memory kill ends that child and becomes an error of the
one document it was reading; the next document gets a fresh child; and a child is also
replaced after N documents or when it has grown, so a slow leak cannot build up
(Tika's maxFilesProcessedPerClient). A worker pays for starting the child once, not per
document: the child is shared by every batch the worker process runs.

How a child's end is recorded (the document's ledger code):
- it answered with an error code: that code (too_complex for its own limits);
- no answer within the wall-time budget (plus a grace): killed, `too_complex` (wall time);
- killed by SIGXCPU: `too_complex` (CPU time); by SIGKILL not ours (the kernel's
  out-of-memory killer): `too_complex` (memory);
- killed by another signal (SIGABRT, SIGSEGV...) after its address space had reached half
  its cap: `too_complex` (memory: PDFium aborts when an allocation fails);
- any other death (a segfault or abort inside PDFium or the interpreter): `corrupt`.
"""

from __future__ import annotations

import atexit
import logging
import os
import signal
import subprocess
import sys
import threading
from typing import Any

from imr_lake.errors import DocumentError, ErrorCode
from imr_lake.extract.budget import (
    Budget,
    cpu_time_exceeded,
    memory_exceeded,
    wall_time_exceeded,
)
from imr_lake.extract.wire import ChannelClosed, ChannelTimeout, read_frame, write_frame

log = logging.getLogger(__name__)

MAX_DOCUMENTS_ENV = "IMR_EXTRACT_CHILD_MAX_DOCUMENTS"
DEFAULT_MAX_DOCUMENTS = 2000
GRACE_SECONDS = 2.0  # past the wall budget, for a child that stopped checking its clock
STARTUP_SECONDS = 120.0  # imports on a busy machine


class ExtractorProcess:
    """One extraction child, started on first use and replaced after it ends."""

    def __init__(self, max_documents: int | None = None) -> None:
        self.max_documents = max_documents or int(
            os.environ.get(MAX_DOCUMENTS_ENV, DEFAULT_MAX_DOCUMENTS)
        )
        self._proc: subprocess.Popen[bytes] | None = None
        self._memory_mb = 0
        self._ready = False
        self._documents = 0
        self._lock = threading.Lock()
        self._vm_peak_mb = 0.0  # the child's peak address space, sampled while it works
        self.started = 0  # children started so far
        self.peak_rss_mb = 0.0  # largest child's peak resident memory seen

    # --- life of a child -------------------------------------------------------------

    @property
    def pid(self) -> int | None:
        """The running child's process id (None before the first document)."""
        return self._proc.pid if self._proc is not None else None

    def start(self, memory_mb: int) -> None:
        """Start a child now (its imports overlap the caller's work); no wait."""
        if self._proc is not None and self._proc.poll() is None:
            if self._memory_mb == memory_mb:
                return
            self.close()
        command = [sys.executable, "-m", "imr_lake.extract.child", "--memory-mb", str(memory_mb)]
        self._proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self._memory_mb, self._ready, self._documents = memory_mb, False, 0
        self.started += 1

    def _await_ready(self) -> None:
        assert self._proc is not None and self._proc.stdout is not None
        try:
            header, _ = read_frame(self._proc.stdout.fileno(), STARTUP_SECONDS)
        except (ChannelClosed, ChannelTimeout):
            code = self._kill()
            raise RuntimeError(f"the extraction process did not start (exit code {code})") from None
        self._ready = bool(header.get("ready"))

    def _kill(self) -> int | None:
        proc, self._proc = self._proc, None
        if proc is None:
            return None
        if proc.poll() is None:
            proc.kill()
        code = proc.wait()
        for pipe in (proc.stdin, proc.stdout):
            if pipe is not None:
                pipe.close()
        return code

    def close(self) -> None:
        """End the child: closing its stdin lets it exit; kill it if it does not."""
        proc = self._proc
        if proc is None:
            return
        try:
            if proc.stdin is not None:
                proc.stdin.close()
            proc.wait(timeout=2)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self._kill()

    # --- one document ------------------------------------------------------------------

    def extract(self, data: bytes, budget: Budget, engine: str) -> list[str]:
        """The document's pages from the child, or DocumentError with its code."""
        with self._lock:
            if self._proc is None or self._proc.poll() is not None:
                self._proc = None
                self.start(budget.memory_mb)
            elif self._memory_mb != budget.memory_mb:
                self.start(budget.memory_mb)
            if not self._ready:
                self._await_ready()
            reply = self._ask(data, budget, engine)
            self._documents += 1
            self.peak_rss_mb = max(self.peak_rss_mb, float(reply.get("peak_rss_mb", 0.0)))
            if (
                reply.get("retire")
                or self._documents >= self.max_documents
                or reply.get("rss_mb", 0.0) > budget.memory_mb / 2
            ):
                self.close()
        if "code" in reply:
            raise DocumentError(ErrorCode(reply["code"]), reply["message"])
        return list(reply["pages"])

    def _ask(self, data: bytes, budget: Budget, engine: str) -> dict[str, Any]:
        proc = self._proc
        assert proc is not None and proc.stdin is not None and proc.stdout is not None
        self._vm_peak_mb = 0.0
        try:
            write_frame(proc.stdin, {"engine": engine, "budget": budget.to_json()}, data)
            wait = budget.wall_seconds + GRACE_SECONDS
            header, _ = read_frame(proc.stdout.fileno(), wait, self._sample)
            return header
        except ChannelTimeout:
            self._kill()
            raise wall_time_exceeded(budget) from None
        except (ChannelClosed, BrokenPipeError):
            raise self._death(self._kill(), budget) from None

    def _sample(self) -> None:
        """Note the child's peak address space (VmPeak), to tell an abort on a failed
        allocation from another crash if it dies."""
        proc = self._proc
        try:
            with open(f"/proc/{proc.pid}/status") as status:  # type: ignore[union-attr]
                for line in status:
                    if line.startswith("VmPeak:"):
                        self._vm_peak_mb = int(line.split()[1]) / 1024
                        return
        except (OSError, ValueError):
            pass

    def _death(self, code: int | None, budget: Budget) -> DocumentError:
        """What a child's death while reading a document says about the document."""
        if code == -signal.SIGXCPU:
            return cpu_time_exceeded(budget)
        if code == -signal.SIGKILL:
            return memory_exceeded(budget)  # not ours (ours is a timeout): the OOM killer
        if code and code < 0 and self._vm_peak_mb >= budget.memory_mb / 2:
            return memory_exceeded(budget)
        how = f"signal {signal.Signals(-code).name}" if code and code < 0 else f"exit {code}"
        log.warning("extraction process ended while reading a document (%s)", how)
        return DocumentError(ErrorCode.CORRUPT, f"PDF crashes the extractor ({how})")


_shared: ExtractorProcess | None = None
_owner = 0


def shared_extractor() -> ExtractorProcess:
    """This process's extraction child (a forked worker gets its own, never its parent's)."""
    global _shared, _owner
    if _shared is None or _owner != os.getpid():
        if _shared is None:
            atexit.register(close_shared)
        _shared, _owner = ExtractorProcess(), os.getpid()
    return _shared


def close_shared() -> None:
    """End this process's extraction child (also at exit)."""
    if _shared is not None and _owner == os.getpid():
        _shared.close()
