"""`imr-lake parse` as a user runs it: a subprocess, one error line, never a traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pdf_factory import HEADER_TABLE_LINES, encrypt, image_only_pdf, text_pdf


def _console_script() -> list[str]:
    script = Path(sys.executable).with_name("imr-lake")
    if script.exists():
        return [str(script)]
    found = shutil.which("imr-lake")
    return [found] if found else [sys.executable, "-m", "imr_lake.cli"]


def _run(path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*_console_script(), "parse", str(path), *extra],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"just some text", "not_pdf"),
        (text_pdf([HEADER_TABLE_LINES])[:300], "corrupt"),
        (encrypt(text_pdf([HEADER_TABLE_LINES]), "u", "o"), "encrypted"),
        (image_only_pdf(), "no_text"),
        (text_pdf([["A grocery list", "milk, eggs"]]), "unknown_layout"),
    ],
    ids=["empty", "not_pdf", "corrupt", "encrypted", "no_text", "unknown_layout"],
)
def test_bad_file_prints_one_error_line(tmp_path: Path, data: bytes, code: str) -> None:
    path = tmp_path / "letter.pdf"
    path.write_bytes(data)
    result = _run(path, "--raw")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: {code}: ")
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_good_letter_prints_the_raw_parse(tmp_path: Path) -> None:
    path = tmp_path / "letter.pdf"
    path.write_bytes(text_pdf([HEADER_TABLE_LINES]))
    result = _run(path, "--raw")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["layout"] == "header_table"
    assert data["patient_age"] == 48
    assert data["treatments"][0]["treatment_category"] == "pharmaceuticals"
    assert data["overall_outcome"] == "Overturned"
