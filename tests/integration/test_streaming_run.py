"""A run that never holds itself whole: validation in its own process, chunk by chunk,
and the lake it publishes equal to a one-chunk run's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from imr_lake.bench.equivalence import compare_lakes
from imr_lake.generate import generate_corpus
from imr_lake.storage import Lake, run_key_of

RUN = """
import json, sys
from imr_lake.pipeline import run_in_process
summary = run_in_process(source=sys.argv[1], lake=sys.argv[2], run_id=sys.argv[3],
                         batch_size=int(sys.argv[4]), max_failed_share=1.0)
print(json.dumps({
    "summary": summary.to_json(),
    "gx_loaded": "great_expectations" in sys.modules,
}, default=str))
"""


def _run(source: Path, lake: Path, run_id: str, batch_size: int, env: dict[str, str]) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(source), str(lake), run_id, str(batch_size)],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("source")
    generate_corpus(out, 14, seed=11, bad_share=0.15)
    return out


def test_a_chunked_run_publishes_what_a_one_chunk_run_does(source: Path, tmp_path: Path):
    chunked = _run(
        source, tmp_path / "chunked", "chunked", 2, {"IMR_VALIDATE_CHUNK_DOCUMENTS": "3"}
    )
    _run(source, tmp_path / "whole", "whole", 200, {})

    # the process that ran the letters and published never imported GX
    assert chunked["gx_loaded"] is False
    summary = chunked["summary"]
    assert summary["published"] + summary["quarantined"] + summary["failed"] == 14
    truth = [json.loads(x) for x in (source / "ground_truth.jsonl").read_text().splitlines()]
    bad = sum(1 for r in truth if r["error_code"] is not None)
    assert bad >= 1
    assert (summary["published"], summary["quarantined"], summary["failed"]) == (14 - bad, 0, bad)
    # the validation process reported its own peak memory beside the run's
    assert 50 < summary["peak_rss_mb"]["validate"] < 2000
    assert 0 < summary["peak_rss_mb"]["letters"] <= summary["peak_rss_mb"]["run"]

    verdicts = {}
    for name in ("chunked", "whole"):
        lake = Lake(str(tmp_path / name))
        verdicts[name] = lake.read_json(f"{lake.run_dir(run_key_of(name))}/validation.json")
    parsed = 14 - summary["failed"]
    # batches of at most 2 letters, a chunk closes at 3 documents or more: 3 or 4 a chunk
    assert -(-parsed // 4) <= verdicts["chunked"]["summary"]["chunks"] <= -(-parsed // 3)
    assert verdicts["whole"]["summary"]["chunks"] == 1
    for key in ("documents", "passed", "failed", "expectations", "failed_by_expectation"):
        assert verdicts["chunked"]["summary"][key] == verdicts["whole"]["summary"][key]

    same = compare_lakes(str(tmp_path / "chunked"), str(tmp_path / "whole"))
    assert same.identical, same.differences
    assert same.compared["determinations"] == summary["published"]
