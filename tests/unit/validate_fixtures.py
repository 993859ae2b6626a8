"""Small, valid in-memory batches for the validation tests (no PDFs, no GX)."""

from __future__ import annotations

import hashlib
from typing import Any

import pyarrow as pa
from imr_lake.schema import DETERMINATIONS, TREATMENTS

RUN_ID = "manual__2026-11-26T00:00:00+00:00"


def doc_id(n: int) -> str:
    return "doc_" + hashlib.sha256(f"doc{n}".encode()).hexdigest()[:32]


def case_id(n: int) -> str:
    return "cas_" + hashlib.sha256(f"case{n}".encode()).hexdigest()[:32]


def determination(n: int, items: int = 2) -> dict[str, Any]:
    return {
        "document_id": doc_id(n),
        "case_id": case_id(n),
        "layout": ("header_table", "letter", "professional_review")[n % 3],
        "decision_year": 2014,
        "injury_year": 2011,
        "ur_denial_year": 2013,
        "application_year": 2013,
        "days_ur_denial_to_decision": 120,
        "priority": "Standard",
        "patient_age": 45,
        "patient_age_band": "40-49",
        "patient_gender": "Female",
        "diagnoses": ["lumbar strain"],
        "reviewer_specialty": "Orthopedic Surgery",
        "reviewer_subspecialty": None,
        "reviewer_licensed_in": "California",
        "overall_outcome": "Upheld",
        "treatment_count": items,
        "clinical_summary": "The patient is a 45 year old female.",
        "parser_version": "0.1.0",
        "run_id": RUN_ID,
    }


def treatment(n: int, item: int) -> dict[str, Any]:
    return {
        "document_id": doc_id(n),
        "case_id": case_id(n),
        "item_number": item,
        "treatment_requested": "Physical therapy two times a week for four weeks",
        "treatment_category": "physical_therapy",
        "decision": "Upheld",
        "claims_administrator_guideline": "MTUS",
        "reviewer_guideline": "MTUS Chronic Pain Treatment Guidelines Page(s): 98-99",
        "guideline_sources": ["MTUS"],
        "rationale": "Not medically necessary.",
        "decision_year": 2014,
    }


def batch(count: int = 5, items: int = 2) -> tuple[list[dict], list[dict]]:
    dets = [determination(n, items) for n in range(count)]
    treats = [treatment(n, i) for n in range(count) for i in range(1, items + 1)]
    return dets, treats


def tables(dets: list[dict], treats: list[dict]) -> tuple[pa.Table, pa.Table]:
    return (
        pa.Table.from_pylist(dets, schema=DETERMINATIONS),
        pa.Table.from_pylist(treats, schema=TREATMENTS),
    )
