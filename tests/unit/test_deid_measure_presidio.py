"""Corpus (b) on a small sample: presidio-evaluator's templates and values, scored per kind."""

from __future__ import annotations

import pytest
from imr_lake.deid.evaluate import Plant, Sample, leaks, ours, score
from imr_lake.deid.measure_presidio import LETTER_TEMPLATES, samples

pytest.importorskip("presidio_evaluator")


@pytest.fixture(scope="module")
def its_templates() -> list[Sample]:
    return samples(300, 11, templates=None)


def test_leak_rules_by_kind() -> None:
    assert leaks(Plant("person", "Tamsin Okonkwo"), "seen by Okonkwo today")
    assert not leaks(Plant("person", "Tamsin Okonkwo"), "seen by [NAME] today")
    assert leaks(Plant("phone", "(07) 4581 3775"), "call 0745813775")
    assert leaks(Plant("date", "4/9/1936"), "born April 9, 1936")
    assert not leaks(Plant("address", "Witbakkerstraat 45"), "at [ADDRESS] 45")
    assert leaks(Plant("address", "Sint-Denijs 15769"), "Belgium 15769")
    assert leaks(Plant("email", "LucasHimmel@armyspy.com"), "write to LucasHimmel")


def test_every_kind_is_planted_and_a_system_that_finds_nothing_recalls_nothing(
    its_templates: list[Sample],
) -> None:
    nothing = score(lambda text: [], its_templates)
    for kind in ("person", "organisation", "address", "phone"):
        assert nothing.planted[kind] > 5
        assert nothing.recall(kind) < 0.05


def test_ours_on_its_templates(its_templates: list[Sample]) -> None:
    result = score(ours(), its_templates)
    for kind in ("person", "email", "date"):
        assert result.recall(kind) >= 0.97, kind
    assert result.precision >= 0.8


def test_our_letter_sentences_are_filled_with_its_values() -> None:
    filled = samples(60, 5, templates=LETTER_TEMPLATES)
    texts = {s.text for s in filled}
    assert len(texts) > 40
    assert all("{{" not in t for t in texts)
    result = score(ours(), filled)
    assert result.recall("person") >= 0.97


def test_two_processes_draw_the_same_sample(its_templates: list[Sample]) -> None:
    """A before/after pair is only a comparison when both sides score the same sentences."""
    import json
    import subprocess
    import sys

    code = (
        "import json; from imr_lake.deid.measure_presidio import samples; "
        "print(json.dumps([[s.text, [p.value for p in s.plants]] for s in "
        "samples(300, 11, templates=None)]))"
    )
    drawn = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    here = [[s.text, [p.value for p in s.plants]] for s in its_templates]
    assert json.loads(drawn.splitlines()[-1]) == here
