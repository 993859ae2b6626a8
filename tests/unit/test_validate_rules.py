"""One bad value per document: that document fails naming the rule, every other one passes.

All cases share one GX run (module fixture) to keep the suite fast; each case owns one
document of the batch, so a rule that leaked onto other rows would show up as an extra
failed document or an extra expectation name.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from imr_lake.validate import validate_run
from imr_lake.validate.rules import build_suites

from tests.unit.validate_fixtures import RUN_ID, batch, case_id, doc_id, tables, treatment

D, T = "determinations", "treatments"
Mutation = Callable[[dict, list[dict], list[dict]], str | None]


def _set(**values) -> Mutation:
    def mutate(det: dict, treats: list[dict], extra: list[dict]) -> None:
        det.update(values)

    return mutate


def _set_item(index: int, **values) -> Mutation:
    def mutate(det: dict, treats: list[dict], extra: list[dict]) -> None:
        treats[index].update(values)

    return mutate


def _decision_year(year: int, **others) -> Mutation:
    def mutate(det: dict, treats: list[dict], extra: list[dict]) -> None:
        det.update(others, decision_year=year)
        for t in treats:
            t["decision_year"] = year

    return mutate


def _no_items(det, treats, extra):
    det["treatment_count"] = 0
    treats.clear()


def _bad_document_id(det, treats, extra):
    for row in (det, *treats):
        row["document_id"] = "DOC-0001"
    return "DOC-0001"


def _raw_case_number(det, treats, extra):
    for row in (det, *treats):
        row["case_id"] = "CM13-0012345"


def _duplicate(det, treats, extra):
    extra.append(dict(det))


def _orphan_treatment(det, treats, extra):
    extra.append(treatment(999, 1))
    return doc_id(999)


# case -> (mutation, the expectation names its document must fail, exactly)
CASES: dict[str, tuple[Mutation, set[str]]] = {
    "layout not in set": (_set(layout="lettr"), {f"{D}.layout.in_set"}),
    "layout null": (_set(layout=None), {f"{D}.layout.not_null"}),
    "overall_outcome not in set": (
        _set(overall_outcome="Denied"),
        {f"{D}.overall_outcome.in_set", f"{D}.overall_outcome.agrees_with_items"},
    ),
    "overall_outcome null": (
        _set(overall_outcome=None),
        {f"{D}.overall_outcome.not_null", f"{D}.overall_outcome.agrees_with_items"},
    ),
    "overall_outcome disagrees with items": (
        _set(overall_outcome="Overturned"),
        {f"{D}.overall_outcome.agrees_with_items"},
    ),
    "gender not in set": (_set(patient_gender="M"), {f"{D}.patient_gender.in_set"}),
    "priority not in set": (_set(priority="Urgent"), {f"{D}.priority.in_set"}),
    "age band not in set": (
        _set(patient_age_band="40-45"),
        {f"{D}.patient_age_band.in_set", f"{D}.patient_age_band.agrees_with_age"},
    ),
    "age band disagrees with age": (
        _set(patient_age_band="30-39"),
        {f"{D}.patient_age_band.agrees_with_age"},
    ),
    "age above 90": (_set(patient_age=91, patient_age_band="90+"), {f"{D}.patient_age.range"}),
    "age below 14": (
        _set(patient_age=13, patient_age_band="<18", injury_year=2014, ur_denial_year=2014),
        {f"{D}.patient_age.range"},
    ),
    "run_id of another run": (_set(run_id="scheduled__other"), {f"{D}.run_id.in_set"}),
    "run_id null": (_set(run_id=None), {f"{D}.run_id.not_null"}),
    "parser_version null": (_set(parser_version=None), {f"{D}.parser_version.not_null"}),
    "decision_year after this year": (
        _decision_year(2027),
        {f"{D}.decision_year.range", f"{T}.decision_year.range"},
    ),
    "decision_year null": (
        _set(decision_year=None),
        {f"{D}.decision_year.not_null", f"{T}.decision_year.matches_determination"},
    ),
    "injury_year before 1940": (
        _set(injury_year=1939, patient_age=90, patient_age_band="90+"),
        {f"{D}.injury_year.range"},
    ),
    "injury_year after this year": (
        _set(injury_year=2027, ur_denial_year=None),
        {f"{D}.injury_year.range", f"{D}.decision_year.gte_injury_year"},
    ),
    "ur_denial_year before IMR began": (
        _set(ur_denial_year=2012),
        {f"{D}.ur_denial_year.range"},
    ),
    "application_year before IMR began": (
        _set(application_year=2012),
        {f"{D}.application_year.range"},
    ),
    "decision_year before IMR began": (
        _decision_year(2012, ur_denial_year=None, application_year=None),
        {f"{D}.decision_year.range", f"{T}.decision_year.range"},
    ),
    "injured as a child": (
        _set(patient_age=25, patient_age_band="18-29", injury_year=2000),  # aged 11 in 2000
        {f"{D}.age_at_injury.range"},
    ),
    "negative duration": (
        _set(days_ur_denial_to_decision=-5),
        {f"{D}.days_ur_denial_to_decision.range"},
    ),
    "duration over ten years": (
        _set(days_ur_denial_to_decision=3651),
        {f"{D}.days_ur_denial_to_decision.range"},
    ),
    "no items": (
        _no_items,
        {f"{D}.treatment_count.range", f"{D}.overall_outcome.agrees_with_items"},
    ),
    "treatment_count null": (
        _set(treatment_count=None),
        {f"{D}.treatment_count.not_null", f"{D}.treatment_count.matches_treatment_rows"},
    ),
    "treatment_count differs from rows": (
        _set(treatment_count=3),
        {f"{D}.treatment_count.matches_treatment_rows"},
    ),
    "document_id not a pseudonym": (
        _bad_document_id,
        {f"{D}.document_id.pseudonym", f"{T}.document_id.pseudonym"},
    ),
    "case_id not a pseudonym": (
        _raw_case_number,
        {f"{D}.case_id.pseudonym", f"{T}.case_id.pseudonym"},
    ),
    "document_id twice in the run": (_duplicate, {f"{D}.document_id.unique_in_run"}),
    "document_id already in the lake": (None, {f"{D}.document_id.not_in_lake"}),
    "ur denial before injury": (
        _set(injury_year=2014),
        {f"{D}.ur_denial_year.gte_injury_year"},
    ),
    "decision before ur denial": (
        _set(ur_denial_year=2015),
        {f"{D}.decision_year.gte_ur_denial_year"},
    ),
    "decision before injury": (
        _set(injury_year=2015, ur_denial_year=None),
        {f"{D}.decision_year.gte_injury_year"},
    ),
    "decision before application": (
        _set(application_year=2015),
        {f"{D}.decision_year.gte_application_year"},
    ),
    "item decision not in set": (
        _set_item(0, decision="Denied"),
        {f"{T}.decision.in_set", f"{D}.overall_outcome.agrees_with_items"},
    ),
    "item decision null": (
        _set_item(0, decision=None),
        {f"{T}.decision.not_null", f"{D}.overall_outcome.agrees_with_items"},
    ),
    "category not in set": (
        _set_item(1, treatment_category="massage"),
        {f"{T}.treatment_category.in_set"},
    ),
    "category null": (
        _set_item(1, treatment_category=None),
        {f"{T}.treatment_category.not_null"},
    ),
    "treatment_requested null": (
        _set_item(0, treatment_requested=None),
        {f"{T}.treatment_requested.not_null"},
    ),
    "guideline_sources null": (
        _set_item(0, guideline_sources=None),
        {f"{T}.guideline_sources.not_null"},
    ),
    "guideline source not in set": (
        _set_item(1, guideline_sources=["MTUS", "WebMD"]),
        {"guideline_sources.guideline_source.in_set"},
    ),
    "guideline source null": (
        _set_item(1, guideline_sources=["MTUS", None]),
        {"guideline_sources.guideline_source.not_null"},
    ),
    "item_number 0": (_set_item(0, item_number=0), {f"{T}.item_number.range"}),
    "item_number null": (_set_item(0, item_number=None), {f"{T}.item_number.not_null"}),
    "item_number repeated": (
        _set_item(1, item_number=1),
        {f"{T}.item_number.unique_in_document"},
    ),
    "item_number beyond treatment_count": (
        _set_item(1, item_number=3),
        {f"{T}.item_number.within_treatment_count"},
    ),
    "item decision_year differs": (
        _set_item(0, decision_year=2015),
        {f"{T}.decision_year.matches_determination"},
    ),
    "item decision_year null": (
        _set_item(0, decision_year=None),
        {f"{T}.decision_year.not_null", f"{T}.decision_year.matches_determination"},
    ),
    "item case_id differs": (
        _set_item(0, case_id=case_id(777)),
        {f"{T}.case_id.matches_determination"},
    ),
    "treatment without a determination": (
        _orphan_treatment,
        {
            f"{T}.document_id.has_determination",
            f"{T}.decision_year.matches_determination",
            f"{T}.case_id.matches_determination",
        },
    ),
}
CLEAN = 5  # documents without a mutation, after the cases


@pytest.fixture(scope="module")
def battery():
    names = list(CASES)
    dets, treats = batch(len(names) + CLEAN)
    extra: list[dict] = []
    keys: dict[str, str] = {}
    in_lake: set[str] = set()
    for n, name in enumerate(names):
        mutate = CASES[name][0]
        doc_treats = [t for t in treats if t["document_id"] == doc_id(n)]
        others = [t for t in treats if t["document_id"] != doc_id(n)]
        if mutate is None:  # the lake already holds this document
            in_lake.add(doc_id(n))
            key = None
        else:
            key = mutate(dets[n], doc_treats, extra)
            treats = others + doc_treats  # the mutation may have removed rows
        keys[name] = key or doc_id(n)
    det_extra = [e for e in extra if "layout" in e]
    treat_extra = [e for e in extra if "layout" not in e]
    result = validate_run(
        *tables(dets + det_extra, treats + treat_extra),
        run_id=RUN_ID,
        existing_document_ids=in_lake | {doc_id(10_000)},  # and one not in this run
        reprocess=False,
        max_failed_share=1.0,
        current_year=2026,
    )
    return result, keys, [doc_id(n) for n in range(len(names), len(names) + CLEAN)]


@pytest.mark.parametrize("case", list(CASES))
def test_one_bad_value_fails_its_document_with_the_rule_named(battery, case):
    result, keys, _ = battery
    assert set(result.failed[keys[case]]) == CASES[case][1]


def test_only_the_mutated_documents_fail(battery):
    result, keys, clean = battery
    assert set(result.failed) == set(keys.values())
    assert set(clean).isdisjoint(result.failed)
    assert result.passed >= len(clean)


def test_every_row_rule_has_a_case():
    """Columns, types and null document_ids fail whole runs: test_validate_run.py has them."""
    structural = {
        e["meta"]["name"]
        for suite in build_suites().values()
        for e in suite["expectations"]
        if e["meta"]["name"].endswith((".columns", ".type", ".document_id.not_null"))
    }
    named = {e["meta"]["name"] for s in build_suites().values() for e in s["expectations"]}
    covered = set().union(*(expected for _, expected in CASES.values()))
    assert named - structural - covered == set()
