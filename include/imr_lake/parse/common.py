"""Steps every layout shares once its sections are found: one place, one behaviour."""

from __future__ import annotations

from imr_lake.model import ParsedLetter, TreatmentItem
from imr_lake.parse import fields, names
from imr_lake.parse.categories import classify_treatment
from imr_lake.parse.guidelines import cited, guideline_sources
from imr_lake.parse.labels import unstack
from imr_lake.parse.text import flatten


def fill_patient(letter: ParsedLetter, summary: str) -> None:
    """Age, gender and diagnoses from the clinical summary."""
    letter.patient_age = fields.patient_age(summary)
    letter.patient_gender = fields.patient_gender(summary)
    letter.diagnoses = fields.diagnoses(summary)


def fill_reviewer(letter: ParsedLetter, qualifications: str, whole: str) -> None:
    """Board certification and licensure from the qualifications section.

    The `Certification(s)/Specialty:` and `State(s) of Licensure:` lines may close the
    letter outside that section: they are looked up in the whole letter. Prose is read
    from the whole letter only when the section is missing.
    """
    prose = qualifications if qualifications.strip() else whole
    letter.reviewer_specialty = fields.reviewer_specialty(prose, whole)
    letter.reviewer_subspecialty = fields.reviewer_subspecialty(prose)
    letter.reviewer_licensed_in = fields.reviewer_licensed_in(prose, whole)


def make_item(
    number: int,
    treatment: str,
    decision: str | None,
    claims_guideline: str | None,
    reviewer_guideline: str | None,
    rationale: str | None,
) -> TreatmentItem:
    """A TreatmentItem with its category and guideline sources derived.

    Each citation ends where the citation ends (`guidelines.split_citation`); prose after
    the reviewer's citation is the rationale when the item has no labelled one, else
    nobody's (a sentence on why the guideline was chosen).
    """
    citation, prose = cited(reviewer_guideline)
    rationale = rationale if rationale and rationale.strip() else prose
    return TreatmentItem(
        item_number=number,
        treatment_requested=treatment,
        decision=decision,
        claims_administrator_guideline=cited(claims_guideline)[0],
        reviewer_guideline=citation,
        rationale=flatten(rationale) or None if rationale else None,
        treatment_category=classify_treatment(treatment),
        guideline_sources=guideline_sources(citation),
    )


def summary_text(section: str) -> str | None:
    return flatten(section) or None


def fill_names(letter: ParsedLetter, text: str, documents: str = "") -> None:
    """Names from labelled places, plus those a documents-reviewed list names."""
    found = names.known_names(unstack(text))
    found += [n for n in names.document_names(documents) if n not in found]
    letter.known_names = found
