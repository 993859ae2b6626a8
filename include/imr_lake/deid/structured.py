"""Structured fields to the curated contract: years, durations, top-coded ages, pseudonyms."""

from __future__ import annotations

from datetime import date
from typing import Any

from imr_lake import PARSER_VERSION
from imr_lake.deid.pseudonym import case_id, document_id
from imr_lake.deid.text import Scrubber
from imr_lake.model import ParsedLetter
from imr_lake.schema import AGE_TOP_CODE

SAFE_HARBOR = "safe_harbor"
LIMITED_DATA_SET = "limited_data_set"
POLICIES = (SAFE_HARBOR, LIMITED_DATA_SET)


def age_top_coded(age: int | None) -> int | None:
    return None if age is None else min(age, AGE_TOP_CODE)


def age_band(age: int | None) -> str | None:
    if age is None:
        return None
    if age >= AGE_TOP_CODE:
        return "90+"
    if age < 18:
        return "<18"
    if age < 30:
        return "18-29"
    low = age // 10 * 10
    return f"{low}-{low + 9}"


def _year(value: date | None) -> int | None:
    return value.year if value else None


def _days_between(start: date | None, end: date | None) -> int | None:
    return (end - start).days if start and end else None


def to_curated(
    letter: ParsedLetter,
    *,
    sha256: str,
    key: bytes,
    run_id: str,
    policy: str = SAFE_HARBOR,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One determination row and its treatment rows, de-identified as published."""
    if policy not in POLICIES:
        raise ValueError(f"unknown de-identification policy {policy!r}; choose from {POLICIES}")
    scrub = Scrubber.for_letter(letter, keep_dates=policy == LIMITED_DATA_SET).scrub
    doc = document_id(key, sha256)
    case = case_id(key, letter.case_number) if letter.case_number else None
    decision_year = letter.decision_year
    decided_on = letter.decision_date or letter.letter_date
    determination = {
        "document_id": doc,
        "case_id": case,
        "layout": letter.layout,
        "decision_year": decision_year,
        "injury_year": _year(letter.injury_date),
        "ur_denial_year": _year(letter.ur_denial_date),
        "application_year": _year(letter.application_date),
        "days_ur_denial_to_decision": _days_between(letter.ur_denial_date, decided_on),
        "priority": letter.priority,
        "patient_age": age_top_coded(letter.patient_age),
        "patient_age_band": age_band(letter.patient_age),
        "patient_gender": letter.patient_gender,
        "diagnoses": [scrub(d) for d in letter.diagnoses],
        "reviewer_specialty": letter.reviewer_specialty,
        "reviewer_subspecialty": letter.reviewer_subspecialty,
        "reviewer_licensed_in": letter.reviewer_licensed_in,
        "overall_outcome": letter.overall_outcome,
        "treatment_count": len(letter.treatments),
        "clinical_summary": scrub(letter.clinical_summary),
        "parser_version": PARSER_VERSION,
        "run_id": run_id,
    }
    treatments = [
        {
            "document_id": doc,
            "case_id": case,
            "item_number": item.item_number,
            "treatment_requested": scrub(item.treatment_requested),
            "treatment_category": item.treatment_category,
            "decision": item.decision,
            "claims_administrator_guideline": scrub(item.claims_administrator_guideline),
            "reviewer_guideline": scrub(item.reviewer_guideline),
            "guideline_sources": list(item.guideline_sources),
            "rationale": scrub(item.rationale),
            "decision_year": decision_year,
        }
        for item in letter.treatments
    ]
    return determination, treatments
