"""The suites rest on facts of the domain, not on our generator's ranges (issue 13).

Every expectation states the fact it rests on (`meta.reason`). Letters that real IMR
produces at the edges of those facts pass; impossible values fail (the one-bad-value
battery in test_validate_rules.py names each failing rule).
"""

from __future__ import annotations

import pytest
from imr_lake.validate import validate_run
from imr_lake.validate.rules import FIRST_IMR_YEAR, FIRST_INJURY_YEAR, build_suites, load_suites

from tests.unit.validate_fixtures import RUN_ID, batch, tables


def test_every_expectation_carries_its_reason():
    for suite in build_suites().values():
        for expectation in suite["expectations"]:
            reason = expectation["meta"].get("reason", "")
            assert len(reason) > 15, expectation["meta"]["name"]
    assert load_suites() == build_suites()  # the committed JSON carries them too


# Real letters at the edges of what the domain allows: each must publish.
EDGES = [
    # a lifetime medical award from 1940, the worker top-coded at 90
    {"injury_year": FIRST_INJURY_YEAR, "patient_age": 90, "patient_age_band": "90+"},
    # the 1970s-1990s awards of the issue, ages that fit
    {"injury_year": 1975, "patient_age": 66, "patient_age_band": "60-69"},
    {"injury_year": 1992, "patient_age": 45, "patient_age_band": "40-49"},
    # the youngest worker, injured the year of the decision
    {"injury_year": 2014, "ur_denial_year": 2014, "patient_age": 14, "patient_age_band": "<18"},
    # the first IMR year everywhere, a same-day decision
    {
        "decision_year": FIRST_IMR_YEAR,
        "ur_denial_year": FIRST_IMR_YEAR,
        "application_year": FIRST_IMR_YEAR,
        "days_ur_denial_to_decision": 0,
    },
    # a dispute reopened for years
    {"decision_year": 2023, "days_ur_denial_to_decision": 3650},
    # no age stated: nothing to check against the injury year
    {"injury_year": 1948, "patient_age": None, "patient_age_band": None},
    # this year's decision
    {"decision_year": 2026},
]


@pytest.fixture(scope="module")
def edges():
    dets, treats = batch(len(EDGES), items=1)
    for det, values in zip(dets, EDGES, strict=True):
        det.update(values)
    for t in treats:
        t["decision_year"] = next(
            d["decision_year"] for d in dets if d["document_id"] == t["document_id"]
        )
    return validate_run(
        *tables(dets, treats),
        run_id=RUN_ID,
        existing_document_ids=set(),
        reprocess=False,
        max_failed_share=0.0,
        current_year=2026,
    )


def test_real_edges_of_the_domain_pass(edges):
    assert edges.failed == {}
    assert edges.passed == len(EDGES)
