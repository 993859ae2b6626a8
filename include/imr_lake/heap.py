"""Keep Python's cyclic garbage collector off a worker's long-lived objects.

A worker holds tens of thousands of objects for its whole life (the parsers' and the
de-identification's tables, pyarrow, Airflow in a task process), and every full
collection walks them again while pdfplumber allocates millions of short-lived ones.
Measured on the benchmark corpus (CPU time, 80 letters): bare pdfplumber in such a
process took 13.7-14.2 s, after `gc.freeze()` 11.9-12.0 s. Freezing moves what is alive
now to a permanent generation the collector skips; objects made later are collected as
usual. (CPython's gc docs also recommend it before fork: forked workers keep sharing
those pages.)
"""

from __future__ import annotations

import gc
import os
import resource
from pathlib import Path


def settle() -> None:
    """Collect now, then freeze the survivors. Call once at the start of each batch."""
    gc.collect()
    gc.freeze()


def peak_rss_mb() -> float:
    """This process's peak resident memory so far (what the benchmark's targets are about).

    VmHWM, not getrusage: Linux keeps ru_maxrss across exec, so a process started from a
    large one (the validation process an Airflow task starts) would report its parent's peak.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)  # kB
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # Linux: KiB


def system_arrow_pool() -> None:
    """Give Arrow buffers back to the system allocator in this process.

    pyarrow's default pool here, mimalloc, keeps what it freed: publishing 1,000 letters
    left a process 70 MB larger with it, 22 MB with the system allocator, at no measurable
    cost in time for tables this size. `imr_lake/__init__.py` sets
    ARROW_DEFAULT_MEMORY_POOL=system (unless set) before pyarrow loads; this covers a
    process where pyarrow was imported before imr_lake.
    """
    import pyarrow as pa

    if os.environ.get("ARROW_DEFAULT_MEMORY_POOL", "system") == "system":
        pa.set_memory_pool(pa.system_memory_pool())
