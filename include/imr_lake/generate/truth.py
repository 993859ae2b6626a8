"""Ground-truth records: one JSON object per generated file (schema in docs/generator.md)."""

from __future__ import annotations

import re
from typing import Any

from imr_lake.generate import reasons
from imr_lake.generate.case import Case
from imr_lake.model import ParsedLetter

AGE_TOP = 90
_DATEISH = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}|\(DOS")


def age_band(age: int | None) -> str | None:
    if age is None:
        return None
    if age >= AGE_TOP:
        return "90+"
    if age < 30:
        return "18-29"
    low = age // 10 * 10
    return f"{low}-{low + 9}"


def curated(raw: ParsedLetter) -> dict[str, Any]:
    """Structured curated values, computed independently of imr_lake.deid."""
    decided = raw.decision_date or raw.letter_date
    ur = raw.ur_denial_date
    return {
        "layout": raw.layout,
        "decision_year": raw.decision_year,
        "injury_year": raw.injury_date.year if raw.injury_date else None,
        "ur_denial_year": ur.year if ur else None,
        "application_year": raw.application_date.year if raw.application_date else None,
        "days_ur_denial_to_decision": (decided - ur).days if ur and decided else None,
        "priority": raw.priority,
        "patient_age": None if raw.patient_age is None else min(raw.patient_age, AGE_TOP),
        "patient_age_band": age_band(raw.patient_age),
        "patient_gender": raw.patient_gender,
        "reviewer_specialty": raw.reviewer_specialty,
        "reviewer_subspecialty": raw.reviewer_subspecialty,
        "reviewer_licensed_in": raw.reviewer_licensed_in,
        "overall_outcome": raw.overall_outcome,
        "treatment_count": len(raw.treatments),
    }


CLINICAL_MARKERS = (
    "straight leg raise",
    "home exercise program",
    "urine drug screen",
    "paravertebral muscles",
    "C6 dermatome",
    "epidural steroid injection",
    "proton pump inhibitor",
    "Cyclobenzaprine",
    "Omeprazole",
    "Norco",
    "antalgic gait",
    "functional restoration",
    "12 sessions of physical",
    "6 sessions of acupuncture",
    "8-10 sessions",
    "L5 dermatome",
    "meniscal tear",
    "TENS trial",
    "myalgia/neuritis",
    "3-4 psychotherapy visits",
    "35 hours per week",
    "chronic opioid therapy",
    "radiates to the lower extremities",
    "restricted range of motion",
    "physical therapy and home exercises",
    "extensor hallucis longus",
    "conservative care",
    "objective functional improvement",
    "activities of daily living",
    "homemaker services",
    "gastrointestinal protection",
    "positive straight leg raise",
    "paresthesias",
    "electrodiagnostic testing",
    "muscle relaxants",
    "NSAIDs",
    "psychotherapy",
    "disc protrusion",
    "lumbar surgery",
    "knee arthroscopy",
    "cervical fusion",
    "shoulder arthroscopy",
    "carpal tunnel release",
    "functional improvement",
    "acupuncture sessions",
    "9792.24.1",
)


def clinical_phrases(case: Case) -> list[str]:
    """5-10 phrases a correct de-identification keeps: treatments, citations, diagnoses,
    and clinical words of the summary and rationales."""
    phrases: list[str] = []
    for item in case.items:
        if not _DATEISH.search(item.text):
            phrases.append(item.text)
        pages = re.search(r"Page\(s\): [\d\-, ]*\d", item.citation)
        if pages:
            phrases.append(pages.group(0))
        head = item.citation.split(",")[0]
        if len(head) > 8 and "Citation:" not in head:
            phrases.append(head)
    phrases += case.diagnoses
    prose = " ".join(case.summary + [i.rationale for i in case.items])
    for marker in CLINICAL_MARKERS:  # as printed, whatever its capitalisation
        found = re.search(re.escape(marker), prose, re.IGNORECASE)
        if found:
            phrases.append(found.group(0))
    unique = list(dict.fromkeys(" ".join(p.split()) for p in phrases))
    if len(unique) < 5:  # short letters: whole clinical sentences they print
        pool = list(reasons.HISTORY) + list(reasons.GENERAL)
        pool += [w for pair in reasons.WHY.values() for group in pair for w in group]
        unique += [w for w in pool if w in prose and not re.search(r"\d/\d", w)]
        unique = list(dict.fromkeys(unique))
    return unique[:10]


def good_record(file: str, layout: str, raw: ParsedLetter, case: Case, **extra: Any) -> dict:
    return {
        "file": file,
        "layout": layout,
        "error_code": None,
        "raw": raw.to_json(),
        "curated": curated(raw),
        "identifiers": list(case.planted.items),
        "clinical_phrases": clinical_phrases(case),
        **extra,
    }


def bad_record(file: str, error_code: str, **extra: Any) -> dict:
    return {
        "file": file,
        "layout": None,
        "wording": None,
        "error_code": error_code,
        "raw": None,
        "curated": None,
        "identifiers": [],
        "clinical_phrases": [],
        **extra,
    }
