"""Loud, not silent, on a wording we do not know (issue 13): a real run in-process.

A letter whose layout is detected but whose items are missing is quarantined with
`incomplete_parse: no items`; a letter no parser reads fails `unknown_layout`. The run's
triage table (report HTML, summary.json, `imr-lake triage`) lists both with the headings
found and missed, and never letter text. A run over the threshold names its top
expectations and points to the table.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from imr_lake.cli import main as cli_main
from imr_lake.generate import generate_corpus
from imr_lake.pipeline import run_in_process
from imr_lake.storage import Lake
from imr_lake.validate.result import ValidationThresholdExceeded

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from pdf_factory import HEADER_TABLE_LINES, text_pdf  # noqa: E402

GOOD = 3
ISSUES = HEADER_TABLE_LINES.index("IMR ISSUES, DECISIONS AND RATIONALES")
NO_ITEMS = HEADER_TABLE_LINES[: ISSUES + 1] + ["The items are listed in the attachment."]
UNKNOWN = [  # a determination in a wording no parser knows
    "STATE OF CALIFORNIA INDEPENDENT REVIEW OUTCOME",
    "CLINICAL CASE SUMMARY",
    "The patient is a 48 year old female with lumbar strain.",
    "OUTCOME OF THE REVIEW",
    "Norco 10/325mg #60 is approved.",
]
BODY_WORDS = ("lumbar strain", "48 year old", "attachment", "Norco")


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("source")
    generate_corpus(out, GOOD, seed=1313)
    (out / "incomplete.pdf").write_bytes(text_pdf([NO_ITEMS]))
    (out / "new_wording.pdf").write_bytes(text_pdf([UNKNOWN]))
    return out


@pytest.fixture(scope="module")
def ran(source: Path, tmp_path_factory: pytest.TempPathFactory):
    lake = tmp_path_factory.mktemp("lake")
    with pytest.MonkeyPatch.context() as env:  # the autouse key fixture is per test
        env.setenv("IMR_PSEUDONYM_KEY", "test-pseudonym-key-not-a-secret-0001")
        summary = run_in_process(
            source=str(source), lake=str(lake), run_id="manual__triage", max_failed_share=1.0
        )
    return lake, summary


def test_counts_are_the_ground_truths(ran):
    _, summary = ran
    assert (summary.published, summary.quarantined, summary.failed) == (GOOD, 1, 1)
    assert summary.failures_by_code == {"unknown_layout": 1}


def test_incomplete_letter_is_quarantined_with_its_reason(ran):
    lake, _ = ran
    files = list((lake / "restricted" / "quarantine").glob("*.parquet"))
    rows = [r for f in files for r in pq.read_table(f).to_pylist()]
    assert {r["key"] for r in rows} == {"incomplete.pdf"}
    assert {r["reason"] for r in rows} == {"incomplete_parse: no items"}
    assert "incomplete_parse: no items" in rows[0]["failed_expectations"]


def test_report_and_summary_list_headings_found_and_missed(ran):
    lake, summary = ran
    by_key = {row["key"]: row for row in summary.triage}
    assert set(by_key) == {"incomplete.pdf", "new_wording.pdf"}
    incomplete = by_key["incomplete.pdf"]
    assert incomplete["status"] == "quarantined"
    assert incomplete["layout"] == "header_table"
    assert incomplete["headings_found"] == [
        "HOW THE IMR FINAL DETERMINATION WAS MADE",
        "CLINICAL CASE SUMMARY",
        "IMR ISSUES, DECISIONS AND RATIONALES",
    ]
    assert incomplete["headings_missed"] == []
    unknown = by_key["new_wording.pdf"]
    assert unknown["status"] == "unknown_layout"
    assert unknown["layout"].startswith("closest: ")
    assert any("CASE SUMMARY" in h for h in unknown["headings_found"])
    assert unknown["headings_missed"]
    stored = Lake(str(lake)).read_json(f"{summary.report_dir}/summary.json")
    assert stored["triage"] == summary.triage
    html = Path(summary.report_dir, "validation.html").read_text(encoding="utf-8")
    assert "incomplete.pdf" in html and "new_wording.pdf" in html
    assert "IMR ISSUES, DECISIONS AND RATIONALES" in html
    for text in (html, str(summary.triage)):
        assert not any(word in text for word in BODY_WORDS)  # headings only, never body


def test_triage_command_prints_the_same_table(ran, capsys):
    lake, summary = ran
    assert cli_main(["triage", "--lake", str(lake), "--run", summary.run_id]) == 0
    out = capsys.readouterr().out
    assert "2 letters quarantined or of unknown layout" in out
    assert "incomplete_parse: no items" in out and "closest: " in out
    assert not any(word in out for word in BODY_WORDS)
    assert cli_main(["triage", "--lake", str(lake)]) == 0  # the newest run by default
    assert cli_main(["triage", "--lake", str(lake), "--run", "nope"]) == 4


def test_over_the_threshold_names_the_rule_and_points_to_triage(source, tmp_path):
    with pytest.raises(ValidationThresholdExceeded) as info:
        run_in_process(
            source=str(source), lake=str(tmp_path), run_id="manual__strict", max_failed_share=0.0
        )
    message = str(info.value)
    assert "incomplete_parse: no items (1)" in message
    assert "imr-lake triage" in message and "manual__strict" in message
    assert cli_main(["triage", "--lake", str(tmp_path), "--run", "manual__strict"]) == 0
