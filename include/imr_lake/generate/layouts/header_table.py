"""Layout `header_table`: a label/value grid, then the three capitalised headings."""

from __future__ import annotations

import random

from imr_lake.generate.case import Case
from imr_lake.generate.flow import Block, Grid, Para
from imr_lake.generate.layouts.common import (
    BOILERPLATE_REVIEWER,
    Composed,
    after_citation,
    base_parsed,
    grid_date,
    norm,
    reviewer_prose,
    split_rationale,
)

HOW = "HOW THE IMR FINAL DETERMINATION WAS MADE"
SUMMARY = "CLINICAL CASE SUMMARY"
ISSUES = "IMR ISSUES, DECISIONS AND RATIONALES"
INTRO = (
    "The expert reviewer developed the following clinical case summary based on a review of "
    "the case file, including all medical records:"
)


def _wrap_at(rng: random.Random) -> float:
    """Share of the line a heading may use: sometimes narrow enough to wrap it."""
    return rng.choice((1.0, 1.0, 1.0, 1.0, 1.0, 0.3))


class HeaderTableWriter:
    name = "header_table"
    headings = (HOW, SUMMARY, ISSUES)

    def _grid(self, case: Case) -> tuple[Grid, bool]:
        rng = case.rng
        ur = grid_date(case, case.ur_denial_date) if case.ur_denial_date else ""
        pairs = [
            (
                "IMR Case Number:" if rng.random() < 0.3 else "Case Number:",
                case.planted.add("case_number", case.case_number),
            ),
            ("Date Assigned:", grid_date(case, case.date_assigned)),
            ("Date of Injury:", grid_date(case, case.injury_date)),
            ("Decision Date:", grid_date(case, case.decision_date)),
            ("UR Denial Date:", ur),
        ]
        if case.priority or rng.random() < 0.5:
            pairs.append(("Priority:", case.priority or ""))
        pairs.append(("Application Received:", grid_date(case, case.application_date)))
        with_claim = rng.random() < 0.25
        if with_claim:
            pairs.append(("Claim Number:", case.planted.add("claim_number", case.claim_number)))
        if rng.random() < 0.3:
            pairs.insert(1, ("Employee:", case.name(case.patient, labelled=True)))
        per_row = rng.choice((1, 2, 2, 2))
        rows = [pairs[i : i + per_row] for i in range(0, len(pairs), per_row)]
        gap = rng.choice((6.0, 8.0, 12.0, 24.0))
        stacked = rng.random() < 0.1
        return Grid(rows, boxed=rng.random() < 0.7, gap=gap, stacked=stacked), with_claim

    def _items(self, case: Case) -> list[Block]:
        rng = case.rng
        bold = rng.random() < 0.6
        blocks: list[Block] = [
            Para(ISSUES, bold=True, space_before=14, keep_with_next=True, width=_wrap_at(rng)),
            Para(
                "The Final Determination was based on decisions for the disputed "
                "items/services set forth below:"
            ),
        ]
        labels_bold = rng.random() < 0.5
        for item in case.items:
            blocks.append(
                Para(
                    f"{item.text}:  {item.decision}",
                    bold=bold,
                    space_before=12,
                    keep_with_next=True,
                )
            )
            paras = split_rationale(case, item.rationale)
            labelled = [
                ("Claims Administrator guideline:", f"Decision based on {item.claims_citation}."),
                (
                    "MAXIMUS guideline:",
                    f"Decision based on {item.citation}." + after_citation(case),
                ),
                ("Decision rationale:", paras[0]),
            ]
            for label, text in labelled:
                if labels_bold:
                    blocks.append(Para(text, lead=label))
                else:
                    blocks.append(Para(f"{label} {text}"))
            blocks += [Para(p) for p in paras[1:]]
        return blocks

    def compose(self, case: Case) -> Composed:
        rng = case.rng
        case.specialties = case.specialties[:1]  # prose names one; several only in a list
        grid, with_claim = self._grid(case)
        split = rng.random() < 0.3  # a heading the word processor wrapped
        how = Para(
            HOW, bold=True, space_before=14, keep_with_next=True, width=0.35 if split else 1.0
        )
        blocks: list[Block] = [
            grid,
            how,
            Para(
                "MAXIMUS Federal Services sent the complete case file to a physician "
                f"reviewer. {BOILERPLATE_REVIEWER[0]} {reviewer_prose(case)} "
                f"{BOILERPLATE_REVIEWER[1]} {BOILERPLATE_REVIEWER[2]}"
            ),
        ]
        wrap_at = _wrap_at(rng)
        if rng.random() < 0.15:  # heading and first line on one baseline: extracted joined
            blocks.append(Para(INTRO, lead=SUMMARY, space_before=14))
        else:
            blocks += [
                Para(SUMMARY, bold=True, space_before=14, keep_with_next=True, width=wrap_at),
                Para(INTRO),
            ]
        blocks += [Para(p) for p in case.summary]
        blocks += self._items(case)
        if rng.random() < 0.4:
            blocks += [
                Para(f"State(s) of Licensure: {case.licensed_in}", space_before=18),
                Para(f"Certification(s)/Specialty: {', '.join(case.specialties)}", space_before=0),
            ]
        raw = base_parsed(case, self.name)
        raw.claim_number = case.claim_number if with_claim else None
        raw.clinical_summary = norm(f"{INTRO} {' '.join(case.summary)}")
        header = ""
        if rng.random() < 0.5:
            header = case.planted.add("case_number", case.case_number)
        return Composed(blocks, raw, running_header=header)
