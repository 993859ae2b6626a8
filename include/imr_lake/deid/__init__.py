"""De-identification: parsed letters to curated rows (HIPAA Safe Harbor by default)."""

from imr_lake.deid.structured import POLICIES, to_curated

__all__ = ["POLICIES", "to_curated"]
