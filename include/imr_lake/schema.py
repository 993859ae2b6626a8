"""The curated table contract of DESIGN.md, as Arrow schemas and value sets.

Publishing, validation and tests all read the contract from here.
"""

from __future__ import annotations

import pyarrow as pa

LAYOUTS = ("header_table", "letter", "professional_review")
DECISIONS = ("Upheld", "Overturned")
OUTCOMES = ("Upheld", "Overturned", "Partially Overturned")
GENDERS = ("Male", "Female")
PRIORITIES = ("Standard", "Expedited")
GUIDELINE_SOURCES = ("MTUS", "ACOEM", "ODG", "Other")
TREATMENT_CATEGORIES = (
    "pharmaceuticals",
    "physical_therapy",
    "chiropractic",
    "acupuncture",
    "diagnostic_imaging",
    "diagnostic_testing",
    "injections",
    "surgery",
    "dme",
    "psychological_services",
    "evaluation_management",
    "home_health",
    "programs",
    "other",
)
AGE_BANDS = ("<18", "18-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80-89", "90+")
AGE_TOP_CODE = 90

DETERMINATIONS = pa.schema(
    [
        ("document_id", pa.string()),
        ("case_id", pa.string()),
        ("layout", pa.string()),
        ("decision_year", pa.int32()),
        ("injury_year", pa.int32()),
        ("ur_denial_year", pa.int32()),
        ("application_year", pa.int32()),
        ("days_ur_denial_to_decision", pa.int32()),
        ("priority", pa.string()),
        ("patient_age", pa.int32()),
        ("patient_age_band", pa.string()),
        ("patient_gender", pa.string()),
        ("diagnoses", pa.list_(pa.string())),
        ("reviewer_specialty", pa.string()),
        ("reviewer_subspecialty", pa.string()),
        ("reviewer_licensed_in", pa.string()),
        ("overall_outcome", pa.string()),
        ("treatment_count", pa.int32()),
        ("clinical_summary", pa.string()),
        ("parser_version", pa.string()),
        ("run_id", pa.string()),
    ]
)

TREATMENTS = pa.schema(
    [
        ("document_id", pa.string()),
        ("case_id", pa.string()),
        ("item_number", pa.int32()),
        ("treatment_requested", pa.string()),
        ("treatment_category", pa.string()),
        ("decision", pa.string()),
        ("claims_administrator_guideline", pa.string()),
        ("reviewer_guideline", pa.string()),
        ("guideline_sources", pa.list_(pa.string())),
        ("rationale", pa.string()),
        ("decision_year", pa.int32()),
    ]
)

LEDGER = pa.schema(
    [
        ("key", pa.string()),
        ("etag", pa.string()),
        ("size", pa.int64()),
        ("sha256", pa.string()),
        ("document_id", pa.string()),
        ("status", pa.string()),  # published | quarantined | failed
        ("error_code", pa.string()),
        ("error_message", pa.string()),
        ("parser_version", pa.string()),
        ("run_id", pa.string()),
        ("first_seen", pa.timestamp("us", tz="UTC")),
        ("last_processed", pa.timestamp("us", tz="UTC")),
    ]
)

QUARANTINE = pa.schema(
    [
        ("document_id", pa.string()),
        ("key", pa.string()),
        ("table_name", pa.string()),  # determinations | treatments
        ("record_json", pa.string()),  # the de-identified record that failed
        ("failed_expectations", pa.list_(pa.string())),
        ("reason", pa.string()),  # validation | phi_audit
        ("run_id", pa.string()),
        ("quarantined_at", pa.timestamp("us", tz="UTC")),
    ]
)

PARTITION_COLUMN = "decision_year"
