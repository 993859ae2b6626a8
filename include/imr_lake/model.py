"""What a parser reads out of one letter, before de-identification.

Parsers fill these; `imr_lake.deid` turns them into curated rows. Dates stay full here:
this object never leaves the process except through `imr-lake parse --raw`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

UPHELD = "Upheld"
OVERTURNED = "Overturned"


@dataclass
class TreatmentItem:
    """One disputed item/service and its decision."""

    item_number: int
    treatment_requested: str
    decision: str | None = None  # "Upheld" / "Overturned"
    claims_administrator_guideline: str | None = None
    reviewer_guideline: str | None = None
    rationale: str | None = None
    treatment_category: str = "other"
    guideline_sources: list[str] = field(default_factory=list)


@dataclass
class ParsedLetter:
    """Every field a letter states; None where it does not state it."""

    layout: str
    case_number: str | None = None
    claim_number: str | None = None
    decision_date: date | None = None
    letter_date: date | None = None  # the `Dated:` line of the letter layout
    date_assigned: date | None = None
    injury_date: date | None = None
    ur_denial_date: date | None = None
    application_date: date | None = None
    priority: str | None = None  # "Standard" / "Expedited"
    patient_age: int | None = None
    patient_gender: str | None = None  # "Male" / "Female"
    diagnoses: list[str] = field(default_factory=list)
    reviewer_specialty: str | None = None
    reviewer_subspecialty: str | None = None
    reviewer_licensed_in: str | None = None
    clinical_summary: str | None = None
    treatments: list[TreatmentItem] = field(default_factory=list)
    # Names the parser saw in labelled places (signers, cc: lines, documents reviewed):
    # de-identification scrubs them wherever else they appear in the letter.
    known_names: list[str] = field(default_factory=list)

    @property
    def decision_year(self) -> int | None:
        when = self.decision_date or self.letter_date
        return when.year if when else None

    @property
    def overall_outcome(self) -> str | None:
        decisions = {t.decision for t in self.treatments}
        if not decisions or None in decisions:
            return None
        if decisions == {UPHELD}:
            return UPHELD
        if decisions == {OVERTURNED}:
            return OVERTURNED
        return "Partially Overturned"

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready view for `imr-lake parse --raw`."""
        data = asdict(self)
        for key, value in data.items():
            if isinstance(value, date):
                data[key] = value.isoformat()
        data["decision_year"] = self.decision_year
        data["overall_outcome"] = self.overall_outcome
        data["treatment_count"] = len(self.treatments)
        return data
