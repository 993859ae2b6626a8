"""The extraction process: `python -m imr_lake.extract.child --memory-mb N`.

Started and fed by pool.py, one document at a time over stdin/stdout (wire.py). Like
Tika's ForkServer it keeps stdout for the protocol only (stray prints go to stderr), and
it ends when the worker's end of the pipe closes, so it never outlives its worker. Its
limits are the kernel's: an address-space cap for its whole life (a bomb gets MemoryError
or dies, not the worker) and a CPU cap raised before each document.
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import signal
import sys
import time
from typing import Any

from imr_lake.errors import DocumentError
from imr_lake.extract.budget import MB, Budget, cpu_time_exceeded, memory_exceeded
from imr_lake.extract.wire import ChannelClosed, read_frame, write_frame


class _CpuTimeUp(BaseException):
    """SIGXCPU arrived: the document used its CPU seconds (a BaseException, so that no
    engine's `except Exception` turns it into another code)."""


def _on_sigxcpu(signum: int, frame: Any) -> None:
    raise _CpuTimeUp()


def memory_status() -> dict[str, float]:
    """Resident (VmRSS) and peak resident (VmHWM) memory of this process, in MB."""
    found = {"rss_mb": 0.0, "peak_rss_mb": 0.0}
    keys = {"VmRSS:": "rss_mb", "VmHWM:": "peak_rss_mb"}
    try:
        with open("/proc/self/status") as status:
            for line in status:
                name = keys.get(line.split(":", 1)[0] + ":")
                if name:
                    found[name] = round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return found


def _cpu_used() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _handle(header: dict[str, Any], data: bytes) -> dict[str, Any]:
    """One document under its budget; the reply header (pages, or the error)."""
    from imr_lake.extract import run_engine

    budget = Budget(**header["budget"])
    soft_cpu = int(_cpu_used() + budget.cpu_seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (soft_cpu, resource.RLIM_INFINITY))
    retire = False
    try:
        reply: dict[str, Any] = {"pages": run_engine(data, budget, header["engine"])}
    except DocumentError as exc:
        reply = {"code": exc.code.value, "message": exc.message}
    except _CpuTimeUp:
        exc = cpu_time_exceeded(budget)
        reply, retire = {"code": exc.code.value, "message": exc.message}, True
    except MemoryError:
        exc = memory_exceeded(budget)
        reply, retire = {"code": exc.code.value, "message": exc.message}, True
    finally:
        resource.setrlimit(resource.RLIMIT_CPU, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    reply.update(memory_status(), retire=retire)
    return reply


def serve(memory_mb: int) -> int:
    protocol_out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # print() from any library lands on stderr, not in the protocol
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings may quote content
    import pdfplumber  # noqa: F401  (paid once here, not per document)
    import pypdfium2  # noqa: F401

    if memory_mb > 0:
        limit = memory_mb * MB
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    signal.signal(signal.SIGXCPU, _on_sigxcpu)
    write_frame(protocol_out, {"ready": True, "pid": os.getpid(), **memory_status()})
    while True:
        try:
            header, data = read_frame(0)
        except ChannelClosed:
            return 0
        started = time.monotonic()
        reply = _handle(header, data)
        reply["seconds"] = round(time.monotonic() - started, 4)
        del data
        write_frame(protocol_out, reply)
        if reply["retire"]:
            return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="imr_lake.extract.child")
    parser.add_argument("--memory-mb", type=int, required=True)
    return serve(parser.parse_args(argv).memory_mb)


if __name__ == "__main__":
    sys.exit(main())
