"""De-identification: parsed letters to curated rows (HIPAA Safe Harbor by default).

- `to_curated`: structured fields to years, durations, top-coded ages and pseudonyms;
  free text through the `Scrubber` (one recognizer per identifier kind).
- `audit_document`: the leak audit the pipeline runs before publishing (a hit means
  quarantine with reason `phi_audit`); it returns identifier kinds, never text.
"""

from imr_lake.deid.audit import audit_document
from imr_lake.deid.structured import LIMITED_DATA_SET, POLICIES, SAFE_HARBOR, to_curated
from imr_lake.deid.text import Scrubber

__all__ = [
    "LIMITED_DATA_SET",
    "POLICIES",
    "SAFE_HARBOR",
    "Scrubber",
    "audit_document",
    "to_curated",
]
