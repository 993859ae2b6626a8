"""The `imr-lake` console script as a user runs it: parse, run, sql."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from clean_output import noise
from conftest import TEST_KEY
from imr_lake.generate import generate_corpus
from imr_lake.schema import DETERMINATIONS, TREATMENTS

IMR_LAKE = str(Path(sys.executable).parent / "imr-lake")


def imr_lake(*args: str, key: str | None = TEST_KEY) -> subprocess.CompletedProcess:
    env = {"PATH": str(Path(sys.executable).parent), "HOME": "/tmp"}
    if key:
        env["IMR_PSEUDONYM_KEY"] = key
    return subprocess.run([IMR_LAKE, *args], env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, list[dict]]:
    out = tmp_path_factory.mktemp("corpus")
    return out, generate_corpus(out, 4, seed=23, layouts=["header_table"])


def test_parse_prints_the_contract_json(corpus) -> None:
    folder, truth = corpus
    done = imr_lake("parse", str(folder / truth[0]["file"]))
    assert done.returncode == 0, done.stderr
    parsed = json.loads(done.stdout)
    assert list(parsed) == ["determination", "treatments"]
    assert list(parsed["determination"]) == DETERMINATIONS.names
    assert all(list(t) == TREATMENTS.names for t in parsed["treatments"])
    assert len(parsed["treatments"]) == len(truth[0]["raw"]["treatments"])
    assert parsed["determination"]["decision_year"] == int(truth[0]["raw"]["decision_date"][:4])
    assert truth[0]["raw"]["case_number"] not in done.stdout


def test_parse_raw_keeps_full_dates(corpus) -> None:
    folder, truth = corpus
    done = imr_lake("parse", "--raw", str(folder / truth[0]["file"]))
    assert done.returncode == 0, done.stderr
    raw = json.loads(done.stdout)
    assert raw["decision_date"] == truth[0]["raw"]["decision_date"]
    assert raw["case_number"] == truth[0]["raw"]["case_number"]


def test_parse_of_a_broken_file_is_one_error_line(tmp_path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog")
    done = imr_lake("parse", str(broken))
    assert done.returncode != 0
    assert done.stderr.strip().count("\n") == 0
    assert done.stderr.startswith("error: corrupt: ")
    assert "Traceback" not in done.stderr


def test_run_prints_the_summary_line_and_is_idempotent(corpus, tmp_path) -> None:
    folder, truth = corpus
    lake = tmp_path / "lake"
    first = imr_lake("run", "--source", str(folder), "--lake", str(lake), "--batch-size", "2")
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip().splitlines()[-1] == (
        f"published={len(truth)} quarantined=0 failed=0 skipped=0"
    )
    again = imr_lake("run", "--source", str(folder), "--lake", str(lake))
    assert again.stdout.strip().splitlines()[-1] == (
        f"published=0 quarantined=0 failed=0 skipped={len(truth)}"
    )
    count = imr_lake("sql", "--lake", str(lake), "SELECT count(*) AS n FROM determinations")
    assert count.returncode == 0, count.stderr
    assert count.stdout.split()[-1] == str(len(truth))


def test_run_refuses_to_publish_without_a_pseudonym_key(corpus, tmp_path) -> None:
    folder, _ = corpus
    done = imr_lake("run", "--source", str(folder), "--lake", str(tmp_path / "l"), key=None)
    assert done.returncode != 0
    assert "IMR_PSEUDONYM_KEY" in done.stderr
    assert not (tmp_path / "l" / "curated").exists()


def test_run_and_parse_print_no_warning(corpus, tmp_path) -> None:
    folder, truth = corpus
    run = imr_lake("run", "--source", str(folder), "--lake", str(tmp_path / "lake"))
    assert run.returncode == 0, run.stderr
    parse = imr_lake("parse", str(folder / truth[0]["file"]))
    assert parse.returncode == 0, parse.stderr
    assert noise(run.stdout + run.stderr + parse.stdout + parse.stderr) == []
    assert run.stdout.strip().splitlines()[-1].startswith("published=4 ")
