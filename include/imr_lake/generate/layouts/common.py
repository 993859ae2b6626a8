"""What every layout writer shares: the composed letter and the parse it must yield."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Protocol

from imr_lake.generate.case import Case
from imr_lake.generate.fake import mdyyyy, mmddyyyy
from imr_lake.generate.flow import Block
from imr_lake.model import ParsedLetter, TreatmentItem

BOILERPLATE_REVIEWER = (
    "He/she has no affiliation with the employer, employee, providers or the claims administrator.",
    "The physician reviewer was selected based on his/her clinical experience, education, "
    "background, and expertise in the same or similar specialties that evaluate and/or treat "
    "the medical condition and disputed items/services.",
    "He/she is familiar with governing laws and regulations, including the strength of "
    "evidence hierarchy that applies to Independent Medical Review determinations.",
)


@dataclass
class Composed:
    """A letter ready to render, and the raw parse a correct parser returns for it."""

    blocks: list[Block]
    raw: ParsedLetter
    running_header: str = ""
    extra_headings: list[str] = field(default_factory=list)
    wording: str = ""  # the layout's wording, when it has several (`letter`: notice_2013)


PROSE_AFTER_CITATION = (
    "The MTUS is the primary source of guidance for this request.",
    "These guidelines were the most pertinent to the treatment in dispute.",
    "Per the guidelines, an initial trial of treatment may be reasonable.",
    "Guidance on this topic is limited in the MTUS.",
    "It addresses the medical necessity of the requested service.",
    "The Official Disability Guidelines were consulted because the MTUS is silent.",
)
AFTER_CITATION_SHARE = 0.2


def after_citation(case: Case) -> str:
    """Prose after a reviewer's citation, as some letters write it (nobody's field)."""
    if case.rng.random() < AFTER_CITATION_SHARE:
        return " " + case.rng.choice(PROSE_AFTER_CITATION)
    return ""


class LayoutWriter(Protocol):
    name: str
    headings: tuple[str, ...]  # as a reader sees them (tests look for them in the text)

    def compose(self, case: Case) -> Composed: ...


def norm(text: str | None) -> str | None:
    """Whitespace normalised to single spaces: how the truth states free text."""
    return None if text is None else " ".join(text.split())


def grid_date(case: Case, d) -> str:
    """A header date: MM/DD/YYYY or M/D/YYYY."""
    style = mmddyyyy if case.rng.random() < 0.6 else mdyyyy
    return case.planted.add("date", style(d))


def reviewer_prose(case: Case, noun: str = "The physician reviewer") -> str:
    spec = case.specialties[0]
    sub = f", has a subspecialty in {case.subspecialty}" if case.subspecialty else ""
    return (
        f"{noun} is Board Certified in {spec}{sub} and is licensed to "
        f"practice in {case.licensed_in}. He/she has been in active clinical practice for "
        f"{case.years_in_practice} and is currently working at least 24 hours a week in "
        "active practice."
    )


_ABBREVIATION = re.compile(r"(?:\b(?:Dr|Mr|Ms|Mrs|Jr|Sr|St|Ste|No|vs)|\b[A-Z]|[A-Z]\.[A-Z])\.$")


def sentence_split(text: str) -> list[str]:
    """Sentences, not split after "Dr." or an initial (where a paragraph never breaks)."""
    out: list[str] = []
    for piece in re.split(r"(?<=\.) (?=[A-Z])", text):
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] += " " + piece
        else:
            out.append(piece)
    return out


def split_rationale(case: Case, text: str) -> list[str]:
    """One or two paragraphs: word processors keep long rationales in several."""
    sentences = sentence_split(text)
    if len(sentences) > 3 and case.rng.random() < 0.4:
        cut = case.rng.randint(2, len(sentences) - 1)
        return [" ".join(sentences[:cut]), " ".join(sentences[cut:])]
    return [text]


def base_parsed(case: Case, layout: str) -> ParsedLetter:
    """Fields every layout states the same way; writers adjust the rest."""
    return ParsedLetter(
        layout=layout,
        case_number=case.case_number,
        decision_date=case.decision_date,
        date_assigned=case.date_assigned,
        injury_date=case.injury_date,
        ur_denial_date=case.ur_denial_date,
        application_date=case.application_date,
        priority=case.priority,
        patient_age=case.age,
        patient_gender=case.gender if case.gender_stated else None,
        diagnoses=list(case.diagnoses),
        reviewer_specialty="; ".join(case.specialties),
        reviewer_subspecialty=case.subspecialty,
        reviewer_licensed_in=case.licensed_in,
        clinical_summary=norm(" ".join(case.summary)),
        treatments=[
            TreatmentItem(
                item_number=i.number,
                treatment_requested=norm(i.text) or "",
                decision=i.decision,
                claims_administrator_guideline=norm(i.claims_citation),
                reviewer_guideline=norm(i.citation),
                rationale=norm(i.rationale),
                treatment_category=i.category,
                guideline_sources=list(i.sources),
            )
            for i in case.items
        ],
        known_names=list(case.known_names),
    )


RECORD_KINDS = (
    "Progress report (PR-2) by {name} dated {d1}",
    "Primary treating physician's progress reports by {name}, {d1} to {d2}",
    "Qualified Medical Evaluation by {name}, dated {d1}",
    "Agreed Medical Evaluation report of {name} dated {d1}",
    "MRI report dated {d1}, read by {name}",
    "Request for Authorization (DWC Form RFA) dated {d1}",
    "Operative report dated {d1} by {name}",
    "Physical therapy notes dated {d1} to {d2} (12 visits)",
    "Pharmacy dispensing records dated {d1} to {d2}",
    "Initial orthopedic evaluation by {name} dated {d1}",
    "Electrodiagnostic study report dated {d1}",
    "Psychological evaluation by {name}, Ph.D., dated {d1}",
)


def record_lines(case: Case, n: int) -> list[str]:
    """Entries of a documents-reviewed list: dated records, often naming their provider."""
    rng = case.rng
    span = max((case.application_date - case.injury_date).days, 2)
    lines = []
    for _ in range(n):
        start = case.injury_date + timedelta(days=rng.randint(0, span - 1))
        end = start + timedelta(days=rng.randint(1, max(1, (case.application_date - start).days)))
        doctor = (
            rng.choice(case.providers) if rng.random() < 0.6 else case.faker.person(clinician=True)
        )
        template = rng.choice(RECORD_KINDS)
        name = case.name(doctor, labelled=True, style="full") if "{name}" in template else ""
        lines.append(
            template.format(
                name=name,
                d1=case.date(start),
                d2=case.date(end) if "{d2}" in template else "",
            )
        )
    return lines
