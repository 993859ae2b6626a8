"""The extraction process: reused, limited by the OS, replaced when it dies or overruns;
each such end costs one document its code and the next document reads normally."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest
from imr_lake.errors import DocumentError
from imr_lake.extract.budget import Budget
from imr_lake.extract.pool import ExtractorProcess
from imr_lake.generate.hostile import _bomb, glyph_flood
from pdf_factory import HEADER_TABLE_LINES, text_pdf

GOOD = text_pdf([HEADER_TABLE_LINES])
FLOOD = glyph_flood(300_000)  # minutes of pdfminer work without a glyph limit
UNLIMITED_GLYPHS = {"glyphs_per_page": 10**7}


@pytest.fixture
def pool():
    extractor = ExtractorProcess()
    yield extractor
    extractor.close()


def _code(pool: ExtractorProcess, data: bytes, engine: str = "pdfplumber", **budget) -> str:
    with pytest.raises(DocumentError) as info:
        pool.extract(data, Budget(**budget), engine)
    return f"{info.value.code.value}: {info.value.message}"


def _signal_soon(pool: ExtractorProcess, signum: int, after: float = 0.8) -> None:
    def send() -> None:
        time.sleep(after)
        os.kill(pool.pid, signum)

    threading.Thread(target=send, daemon=True).start()


def test_one_child_serves_many_documents(pool) -> None:
    pages = [pool.extract(GOOD, Budget(), "pdfplumber") for _ in range(3)]
    pages.append(pool.extract(GOOD, Budget(), "pypdfium2"))
    assert pages[0] == pages[1] == pages[3] and "CM13-0099999" in pages[0][0]
    assert pool.started == 1 and pool.peak_rss_mb > 0


@pytest.mark.parametrize(
    ("signum", "code"),
    [(signal.SIGSEGV, "corrupt"), (signal.SIGKILL, "too_complex: over the processing budget: mem")],
    ids=["segfault", "oom-kill"],
)
def test_a_crash_costs_one_document(pool, signum, code) -> None:
    pool.extract(GOOD, Budget(), "pdfplumber")  # the child is up and working
    _signal_soon(pool, signum)
    assert _code(pool, FLOOD, **UNLIMITED_GLYPHS).startswith(code)
    assert pool.extract(GOOD, Budget(), "pdfplumber")  # a fresh child reads the next one
    assert pool.started == 2


def test_a_child_that_stops_answering_is_killed_at_the_wall_budget(pool) -> None:
    pool.extract(GOOD, Budget(), "pdfplumber")
    _signal_soon(pool, signal.SIGSTOP, after=0.2)  # a hang no in-process check can see
    started = time.monotonic()
    assert "wall time 1 s" in _code(pool, FLOOD, wall_seconds=1, **UNLIMITED_GLYPHS)
    assert time.monotonic() - started < 10
    assert pool.extract(GOOD, Budget(), "pdfplumber") and pool.started == 2


def test_the_cpu_limit_is_the_kernels(pool) -> None:
    assert "CPU time 1 s" in _code(pool, FLOOD, cpu_seconds=1, **UNLIMITED_GLYPHS)
    assert pool.extract(GOOD, Budget(), "pdfplumber")


@pytest.mark.parametrize("engine", ["pdfplumber", "pypdfium2"])
def test_the_memory_cap_holds_when_the_stream_scan_is_off(pool, engine) -> None:
    """A 2 GB bomb with the inflated-size budget lifted: the address-space cap stops it
    (MemoryError in pdfminer, an abort in PDFium) and the worker is untouched."""
    budget = {"inflated_mb": 10**6, "memory_mb": 600}
    assert "memory 600 MB" in _code(pool, _bomb(2048), engine, **budget)
    assert pool.extract(GOOD, Budget(memory_mb=600), engine)


def test_a_child_is_replaced_after_its_document_quota() -> None:
    extractor = ExtractorProcess(max_documents=2)
    try:
        for _ in range(5):
            extractor.extract(GOOD, Budget(), "pypdfium2")
        assert extractor.started == 3
    finally:
        extractor.close()
