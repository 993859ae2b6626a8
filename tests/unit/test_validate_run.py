"""validate_run as the pipeline sees it: threshold, report, quarantine, whole-run failures."""

from __future__ import annotations

import json
import pickle
import re
import subprocess
import sys
from datetime import UTC, datetime

import pyarrow as pa
import pytest
from imr_lake.deid.pseudonym import PSEUDONYM_PATTERN, case_id, document_id
from imr_lake.schema import QUARANTINE
from imr_lake.validate import ValidationThresholdExceeded, quarantine_rows, validate_run
from imr_lake.validate.rules import (
    CASE_ID_PATTERN,
    DOCUMENT_ID_PATTERN,
    SUITES_DIR,
    build_suites,
    suite_json,
)

from tests.unit.validate_fixtures import RUN_ID, batch, doc_id, tables

RAW_CASE_NUMBER = "CM13-0012345"


def _run(dets, treats, **kwargs):
    options = {
        "run_id": RUN_ID,
        "existing_document_ids": set(),
        "reprocess": False,
        "current_year": 2026,
    }
    return validate_run(*tables(dets, treats), **{**options, **kwargs})


def test_one_bad_document_of_twenty_is_within_the_default_threshold():
    dets, treats = batch(20)
    dets[4]["layout"] = "lettr"
    result = _run(dets, treats)
    assert result.failed == {doc_id(4): ["determinations.layout.in_set"]}
    assert set(result.failed) == {doc_id(4)} and result.passed == 19
    assert result.summary()["failed"] == 1 and result.summary()["passed"] == 19


def test_more_than_five_percent_failing_raises_with_counts_and_rule_names():
    dets, treats = batch(20)
    dets[4]["layout"] = "lettr"
    dets[5]["layout"] = "lettr"
    dets[6]["patient_gender"] = "M"
    with pytest.raises(ValidationThresholdExceeded) as caught:
        _run(dets, treats)
    message = str(caught.value)
    assert "3 of 20 documents" in message
    assert "determinations.layout.in_set (2)" in message
    assert "determinations.patient_gender.in_set (1)" in message
    assert caught.value.result.summary()["failed"] == 3
    assert "threshold exceeded" in caught.value.result.report_html
    assert str(pickle.loads(pickle.dumps(caught.value))) == message


def test_threshold_is_configurable():
    dets, treats = batch(20)
    for n in range(4):
        dets[n]["priority"] = "Urgent"
    result = _run(dets, treats, max_failed_share=0.25)  # 20% fails, 25% allowed
    assert len(result.failed) == 4
    with pytest.raises(ValidationThresholdExceeded, match="4 of 20"):
        _run(dets, treats, max_failed_share=0.1)


def test_report_names_failures_but_never_the_bad_values():
    dets, treats = batch(6)
    for row in (dets[2], *[t for t in treats if t["document_id"] == doc_id(2)]):
        row["case_id"] = RAW_CASE_NUMBER  # a pseudonymisation bug leaking a case number
    result = _run(dets, treats, max_failed_share=0.5)
    html = result.report_html
    assert html.startswith("<!doctype html>")
    assert "determinations.case_id.pseudonym" in html
    assert "treatments.case_id.pseudonym" in html
    assert doc_id(2) in html
    assert RAW_CASE_NUMBER not in html
    assert RAW_CASE_NUMBER not in json.dumps(result.summary())
    assert re.search(r"6 documents: 5 passed, 1 failed", html)


def test_threshold_message_never_holds_bad_values():
    dets, treats = batch(4)
    for row in (*dets, *treats):
        row["case_id"] = RAW_CASE_NUMBER
    with pytest.raises(ValidationThresholdExceeded) as caught:
        _run(dets, treats)
    assert RAW_CASE_NUMBER not in str(caught.value)
    assert "4 of 4 documents" in str(caught.value)


def test_reprocess_allows_documents_already_in_the_lake():
    dets, treats = batch(3)
    existing = {doc_id(0), doc_id(1), doc_id(2)}
    with pytest.raises(ValidationThresholdExceeded, match="document_id.not_in_lake"):
        _run(dets, treats, existing_document_ids=existing)
    result = _run(dets, treats, existing_document_ids=existing, reprocess=True)
    assert result.failed == {}
    assert result.passed == len(existing) == result.documents


@pytest.mark.parametrize(
    ("table", "column", "bad_type"),
    [
        ("determinations", "decision_year", pa.int64()),
        ("determinations", "patient_age", pa.string()),
        ("determinations", "diagnoses", pa.string()),
        ("treatments", "item_number", pa.int64()),
        ("treatments", "decision", pa.int32()),
    ],
)
def test_a_column_of_the_wrong_type_fails_every_document(table, column, bad_type):
    dets, treats = batch(4)
    det_table, treat_table = tables(dets, treats)
    target = det_table if table == "determinations" else treat_table
    values = target.column(column).to_pylist()
    if bad_type == pa.string():
        values = [None if v is None else str(v) for v in values]
    elif bad_type == pa.int32():
        values = [1 for _ in values]
    replaced = target.set_column(
        target.schema.get_field_index(column), column, pa.array(values, bad_type)
    )
    if table == "determinations":
        det_table = replaced
    else:
        treat_table = replaced
    with pytest.raises(ValidationThresholdExceeded) as caught:
        validate_run(
            det_table,
            treat_table,
            run_id=RUN_ID,
            existing_document_ids=set(),
            reprocess=False,
            current_year=2026,
        )
    result = caught.value.result
    assert set(result.failed) == {doc_id(n) for n in range(4)}
    assert all(f"{table}.{column}.type" in names for names in result.failed.values())


def test_a_missing_column_fails_every_document():
    dets, treats = batch(3)
    det_table, treat_table = tables(dets, treats)
    with pytest.raises(ValidationThresholdExceeded) as caught:
        validate_run(
            det_table.drop_columns(["priority"]),
            treat_table,
            run_id=RUN_ID,
            existing_document_ids=set(),
            reprocess=False,
        )
    failed = caught.value.result.failed
    assert set(failed) == {doc_id(n) for n in range(3)}
    assert all("determinations.columns" in names for names in failed.values())
    errors = {o.name: o.error for o in caught.value.result.outcomes if o.error}
    assert errors["determinations.priority.in_set"] == "MetricResolutionError"  # a class name


@pytest.mark.parametrize("table", ["determinations", "treatments"])
def test_a_row_without_document_id_fails_the_whole_run(table):
    dets, treats = batch(10)
    (dets if table == "determinations" else treats)[0]["document_id"] = None
    with pytest.raises(ValidationThresholdExceeded) as caught:
        _run(dets, treats, max_failed_share=0.5)
    failed = caught.value.result.failed
    assert len(failed) == 10
    assert all(f"{table}.document_id.not_null" in names for names in failed.values())


def test_an_empty_run_passes():
    result = _run([], [])
    assert result.documents == 0 and result.failed == {} and result.passed == 0
    assert result.summary()["failed_share"] == 0.0


def test_quarantine_rows_hold_every_row_of_a_failed_document():
    dets, treats = batch(20, items=3)
    dets[7]["injury_year"] = 1930
    dets[7].update(patient_age=90, patient_age_band="90+")  # old enough: only the year fails
    result = _run(dets, treats)
    det_table, treat_table = tables(dets, treats)
    now = datetime(2026, 11, 27, tzinfo=UTC)
    rows = quarantine_rows(
        det_table, treat_table, result.failed, RUN_ID, {doc_id(7): "letters/7.pdf"}, now=now
    )
    assert rows.schema == QUARANTINE
    assert rows.num_rows == 4  # the determination and its three treatments
    assert set(rows.column("table_name").to_pylist()) == {"determinations", "treatments"}
    assert set(rows.column("document_id").to_pylist()) == {doc_id(7)}
    assert set(rows.column("key").to_pylist()) == {"letters/7.pdf"}
    assert rows.column("run_id").to_pylist() == [RUN_ID] * 4
    assert rows.column("reason").to_pylist() == ["validation"] * 4
    assert (
        rows.column("failed_expectations").to_pylist() == [["determinations.injury_year.range"]] * 4
    )
    record = json.loads(rows.column("record_json")[0].as_py())
    assert record["injury_year"] == 1930


def test_summary_is_json_and_counts_only():
    dets, treats = batch(30)
    dets[0]["layout"] = "lettr"
    summary = _run(dets, treats).summary()
    assert json.loads(json.dumps(summary)) == summary
    assert summary["documents"] == 30 and summary["failed"] == 1
    assert summary["failed_by_expectation"] == {"determinations.layout.in_set": 1}


def test_committed_suites_match_the_code():
    for name, suite in build_suites().items():
        committed = (SUITES_DIR / f"{name}.json").read_text(encoding="utf-8")
        assert committed == suite_json(suite), (
            f"regenerate: python -m imr_lake.validate.rules ({name})"
        )


def test_pseudonym_patterns_accept_real_pseudonyms_only_of_their_kind():
    key = b"k" * 16
    doc, case = document_id(key, "ab" * 32), case_id(key, RAW_CASE_NUMBER)
    assert re.fullmatch(DOCUMENT_ID_PATTERN, doc) and re.fullmatch(PSEUDONYM_PATTERN, doc)
    assert re.fullmatch(CASE_ID_PATTERN, case) and re.fullmatch(PSEUDONYM_PATTERN, case)
    assert not re.fullmatch(DOCUMENT_ID_PATTERN, case)
    assert not re.fullmatch(CASE_ID_PATTERN, doc)
    assert not re.fullmatch(CASE_ID_PATTERN, RAW_CASE_NUMBER)


def test_importing_the_package_does_not_import_great_expectations():
    code = "import sys, imr_lake.validate; print('great_expectations' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_report_lists_unreadable_letters_with_their_codes():
    from imr_lake.validate import RunValidator

    dets, treats = batch(3)
    outcomes = pa.Table.from_pylist(
        [
            {"key": "a/empty.pdf", "document_id": None, "error_code": "empty"},
            {"key": "b/notes.pdf", "document_id": None, "error_code": "not_pdf"},
            {"key": "c/ok.pdf", "document_id": doc_id(0), "error_code": None},
        ]
    )
    validator = RunValidator(
        run_id=RUN_ID, existing_document_ids=set(), reprocess=False, current_year=2026
    )
    validator.add(*tables(dets, treats), outcomes)
    result = validator.finish()
    assert result.unreadable == [
        {"key": "a/empty.pdf", "error_code": "empty"},
        {"key": "b/notes.pdf", "error_code": "not_pdf"},
    ]
    html = result.report_html
    assert "<h2>Unreadable letters (2)</h2>" in html
    assert "<tr><td><code>a/empty.pdf</code></td><td>empty</td></tr>" in html
    assert "<tr><td><code>b/notes.pdf</code></td><td>not_pdf</td></tr>" in html
    assert "ok.pdf" not in html
