"""Layout `professional_review`: `MEDICAL PROFESSIONAL REVIEW`, a label block, then
colon headings (long ones wrap), items numbered in three sections, qualifications last."""

from __future__ import annotations

from imr_lake.generate import vocab
from imr_lake.generate.case import Case, Item
from imr_lake.generate.flow import Block, Grid, Para
from imr_lake.generate.layouts.common import (
    PROSE_AFTER_CITATION,
    Composed,
    base_parsed,
    grid_date,
    norm,
    record_lines,
)

TITLE = "MEDICAL PROFESSIONAL REVIEW"
ISSUE = "ISSUE AT DISPUTE:"
SUMMARY = "CASE SUMMARY:"
DOCS = "DOCUMENTS REVIEWED FOR DETERMINATION:"
GUIDELINES = "MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL REVIEWER AND WHY:"
RATIONALE = "RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY:"
QUALIFICATIONS = "MEDICAL REVIEWER QUALIFICATIONS:"

WHY = (
    "The {src} addresses the requested treatment and is the most relevant guideline for this "
    "patient's condition.",
    "The {src} was used because it specifically addresses {what} for this condition.",
    "This guideline is part of the MTUS hierarchy and was selected as the most appropriate.",
    "The MTUS does not address this issue, so the {src} was relied upon.",
)


def _heading(case: Case, text: str) -> Para:
    """A bold colon heading; long ones wrap, as a narrow column makes them."""
    width = case.rng.choice((1.0, 1.0, 0.75, 0.55))
    return Para(text, bold=True, space_before=14, keep_with_next=True, width=width)


def _item_head(item: Item) -> str:
    return f"{item.number}. {item.text}:"


class ProfessionalReviewWriter:
    name = "professional_review"
    headings = (TITLE, ISSUE, SUMMARY, DOCS, GUIDELINES, RATIONALE, QUALIFICATIONS)

    def _labels(self, case: Case) -> tuple[Grid, bool]:
        rng = case.rng
        ur = grid_date(case, case.ur_denial_date) if case.ur_denial_date else ""
        pairs = [
            ("IMR Case Number:", case.plant("case_number", case.case_number)),
            ("Date of Injury:", grid_date(case, case.injury_date)),
            ("UR Denial Date:", ur),
            ("Decision Date:", grid_date(case, case.decision_date)),
        ]
        if case.priority or rng.random() < 0.5:
            pairs.append(("Priority:", case.priority or ""))
        pairs.append(("Application Received:", grid_date(case, case.application_date)))
        with_assigned = rng.random() < 0.5
        if with_assigned:
            pairs.insert(1, ("Date Assigned:", grid_date(case, case.date_assigned)))
        per_row = rng.choice((1, 2))
        rows = [pairs[i : i + per_row] for i in range(0, len(pairs), per_row)]
        grid = Grid(rows, boxed=rng.random() < 0.3, gap=rng.choice((5.0, 10.0, 40.0)))
        return grid, with_assigned

    def _docs(self, case: Case) -> list[Block]:
        rng = case.rng
        lines = ["Application of Independent Medical Review"]
        if case.ur_denial_date:
            lines.append(
                f"Utilization review determination from "
                f"{rng.choice(vocab.UR_COMPANIES)} dated {case.date(case.ur_denial_date)}"
            )
        for doctor in case.providers:
            name = case.name(doctor, labelled=True)
            lines.append(
                f"Progress reports from {name} dated {case.date(case.injury_date)} to "
                f"{case.date(case.application_date)}"
            )
        lines += record_lines(case, rng.choice((0, 1, 3, 5, 8)))
        if rng.random() < 0.3:
            lines.append(
                f"Claims administrator records from {case.plant('insurer', case.insurer)}"
                f", claim {case.plant('claim_number', case.claim_number)}"
            )
        return [Para(line, space_before=2) for line in lines]

    def compose(self, case: Case) -> Composed:
        rng = case.rng
        run_in = rng.random() < 0.35  # headings joined with their first line of text
        labels, with_assigned = self._labels(case)
        blocks: list[Block] = [
            Para(TITLE, bold=True, center=rng.random() < 0.7, size_delta=2),
            labels,
            _heading(case, ISSUE),
        ]
        blocks += [Para(f"{i.number}. {i.text}:  {i.decision}", space_before=3) for i in case.items]
        if run_in:
            blocks.append(Para(case.summary[0], lead=SUMMARY, space_before=14))
        else:
            blocks += [_heading(case, SUMMARY), Para(case.summary[0])]
        blocks += [Para(p) for p in case.summary[1:]]
        blocks += [_heading(case, DOCS), *self._docs(case), _heading(case, GUIDELINES)]
        for item in case.items:
            src = item.citation.split(",")[0]
            why = rng.choice(WHY + PROSE_AFTER_CITATION).format(
                src=src, what=item.category.replace("_", " ")
            )
            blocks += [
                Para(_item_head(item), space_before=8, keep_with_next=True),
                Para(f"Decision based on {item.citation}. {why}", space_before=2),
            ]
        blocks.append(_heading(case, RATIONALE))
        for item in case.items:
            blocks += [
                Para(_item_head(item), space_before=8, keep_with_next=True),
                Para(item.rationale, space_before=2),
            ]
        specialties = ", ".join(case.specialties)
        blocks += [
            _heading(case, QUALIFICATIONS),
            Para(f"State(s) of Licensure: {case.licensed_in}", space_before=2),
            Para(f"Certification(s)/Specialty: {specialties}", space_before=2),
        ]
        raw = base_parsed(case, self.name)
        raw.reviewer_subspecialty = None  # only "has a subspecialty in" states one
        raw.claim_number = None
        raw.date_assigned = case.date_assigned if with_assigned else None
        raw.clinical_summary = norm(" ".join(case.summary))
        for treatment in raw.treatments:
            treatment.claims_administrator_guideline = None
        header = ""
        if rng.random() < 0.5:
            header = f"CM#: {case.plant('case_number', case.case_number)}"
        return Composed(blocks, raw, running_header=header)
