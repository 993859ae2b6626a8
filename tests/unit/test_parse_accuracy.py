"""The accuracy script's scoring: placeholders ignored, misses counted, targets enforced."""

from __future__ import annotations

import re

from imr_lake.parse.accuracy import Report, compare, render, similarity


def test_similarity_ignores_placeholders_and_spacing() -> None:
    assert similarity("report by [NAME] dated [DATE-2013]", "report by  dated") == 1.0
    assert similarity("Norco 10/325mg #90", "Norco 10/325mg  #90") == 1.0
    assert 0.5 < similarity("Norco 10/325mg #90", "Norco 10/325mg #60") < 1.0
    assert similarity(None, None) == 1.0


def _letter(**changes):
    item = {
        "item_number": 1,
        "treatment_requested": "Physical therapy 2x4",
        "decision": "Upheld",
        "treatment_category": "physical_therapy",
        "guideline_sources": ["MTUS"],
        "reviewer_guideline": "MTUS Physical Medicine Page(s): 98-99",
        "claims_administrator_guideline": None,
        "rationale": "Not supported.",
    }
    letter = {"layout": "header_table", "patient_age": 36, "treatments": [item]}
    letter.update(changes)
    return letter


def test_compare_counts_exact_and_similar_fields() -> None:
    report = Report()
    compare(report, "a.pdf", _letter(), _letter())
    compare(report, "b.pdf", _letter(), _letter(patient_age=37))
    assert report.exact["patient_age"].mean == 0.5
    assert report.exact["patient_age"].misses == [("b.pdf", 36, 37)]
    assert report.exact["item.decision"].mean == 1.0
    assert report.similar["item.treatment_requested"].mean == 1.0


def test_render_fails_when_a_target_is_missed() -> None:
    report = Report()
    compare(report, "a.pdf", _letter(), _letter())
    report.codes.add(1.0, "bad.pdf", "empty", "empty")
    report.parse_ms.append(1.0)
    assert render(report)[1] is True
    compare(report, "b.pdf", _letter(), {"treatments": []})  # a letter the parser lost
    table, ok = render(report)
    assert ok is False
    assert "| item.decision | 2 | 50.00% | >= 99.5% | MISS |" in table


def test_the_speed_target_counts_unless_told_not_to() -> None:
    report = Report()
    compare(report, "a.pdf", _letter(), _letter())
    report.codes.add(1.0, "bad.pdf", "empty", "empty")
    report.parse_ms.append(99.0)  # slower than the 5 ms target
    assert render(report)[1] is False
    table, ok = render(report, speed_counts=False)
    assert ok is True and "| 99.00 | < 5 | MISS (not counted) |" in table


def test_accuracy_targets_on_a_small_fresh_corpus(tmp_path, capsys) -> None:
    """The accuracy script's own targets, so a parser regression fails CI: every field
    overall and per layout wording (the 2013 notice wording on its own), bad-file codes,
    and every letter made incomplete stopped with a reason. The seed is one no other test
    uses; the corpus is small (about 30 s on one core). The speed target is printed, not
    counted: a timed assertion on a shared machine fails on load, not on a regression
    (`python -m imr_lake.parse.accuracy` counts it)."""
    from imr_lake.parse.accuracy import main

    code = main(
        ["--per-layout", "20", "--bad", "8", "--seed", "60613", "--workers", "1"]
        + ["--speed-not-counted"]
    )
    out = capsys.readouterr().out
    assert "notice_2013" in out and "Per layout wording" in out
    assert re.search(r"\| parse stage CPU ms/letter .*\| \d+ \| \d+\.\d\d \| < 5 \|", out), out
    assert code == 0, out
