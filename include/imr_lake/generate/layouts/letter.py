"""Layout `letter`: the earliest letters, a letterhead, an address block, a summary
sentence with the final determination, then four sections and often `cc:` lines."""

from __future__ import annotations

from imr_lake.generate import vocab
from imr_lake.generate.case import Case
from imr_lake.generate.fake import Person, spelled
from imr_lake.generate.flow import Block, Grid, PageBreak, Para
from imr_lake.generate.layouts.common import (
    BOILERPLATE_REVIEWER,
    Composed,
    after_citation,
    base_parsed,
    grid_date,
    norm,
    record_lines,
    reviewer_prose,
    split_rationale,
)

HOW = "HOW THE IMR FINAL DETERMINATION WAS MADE"
DOCS = "DOCUMENTS REVIEWED"
SUMMARY = "CLINICAL CASE SUMMARY"
DECISIONS = "IMR DECISION(S) AND RATIONALE(S)"

OUTCOME_TEXT = {
    "Upheld": ("UPHOLD", "none of the disputed items/services are"),
    "Overturned": ("OVERTURN", "all of the disputed items/services are"),
    "Partially Overturned": (
        "OVERTURN in part and UPHOLD in part",
        "some but not all of the disputed items/services are",
    ),
}
NOTICE_TITLE = "Notice of Independent Medical Review Determination"
NOTICE_DECISION = "INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE"
NOTICE_QUALIFICATIONS = "Medical Qualifications of the Expert Reviewer:"
NOTICE_SUMMARY = "Case Summary:"
NOTICE_SHARE = 0.35  # letters in the 2013 notice wording (FORMATS.md)
# "is not medically necessary": as printed, and as extraction loses its spaces
NOT_NECESSARY = (
    "is not medically necessary",
    "is not medically necessary",
    "is notmedically necessary",
    "isnot medically necessary",
)
SUMMARY_INTRO = (
    "The expert reviewer developed the following clinical case summary based on a review of "
    "the case file, including all medical records:"
)


def _verdict(case: Case, decision: str) -> str:
    """ "is (not) medically necessary", spaces sometimes lost as text extraction loses them."""
    if decision == "Upheld":
        return case.rng.choice(NOT_NECESSARY)
    return "is medically necessary"


def _label_date(case: Case, d) -> str:
    return case.plant("date", spelled(d)) if case.rng.random() < 0.3 else grid_date(case, d)


def _address_lines(case: Case, person: Person, street: str, city: str, zip_code: str) -> list[str]:
    """A mailing address, or nothing where the publisher blanked it."""
    if case.blanked():
        return []
    return [
        case.name(person, labelled=True, style="full"),
        case.plant("address", street),
        f"{case.plant('city', city)}, CA {case.plant('zip', zip_code)}",
    ]


class LetterWriter:
    name = "letter"
    headings = (HOW, DOCS, SUMMARY, DECISIONS)
    wording_headings = {  # the 2013 notice wording prints its own headings
        "notice_2013": (NOTICE_TITLE, NOTICE_DECISION, NOTICE_QUALIFICATIONS, NOTICE_SUMMARY)
    }

    def _head(self, case: Case, outcome: str) -> list[Block]:
        rng = case.rng
        blocks: list[Block] = [
            Para("MAXIMUS FEDERAL SERVICES, INC.", bold=True, center=True, size_delta=2),
            Para("Independent Medical Review", center=True, space_before=0),
            Para("P.O. Box 138009, Sacramento, CA 95813-8009", center=True, space_before=0),
            Para("Final Determination Letter", bold=True, center=True, space_before=10),
        ]
        street, city, zip_code = case.address
        blocks += [
            Para(line, space_before=0)
            for line in _address_lines(case, case.patient, street, city, zip_code)
        ] or [Para(" ", space_before=30)]
        dated = (
            case.plant("date", spelled(case.decision_date))
            if rng.random() < 0.7
            else (grid_date(case, case.decision_date))
        )
        pairs = [
            ("Dated:", dated),
            ("IMR Case Number:", case.plant("case_number", case.case_number)),
            ("Date of Injury:", _label_date(case, case.injury_date)),
            (
                "UR Denial Date:",
                _label_date(case, case.ur_denial_date) if case.ur_denial_date else "",
            ),
            ("Claim Number:", case.plant("claim_number", case.claim_number)),
            ("Application Received:", _label_date(case, case.application_date)),
            ("Employee:", "" if case.blanked() else case.name(case.patient, labelled=True)),
            ("Claims Administrator:", case.plant("insurer", case.insurer)),
        ]
        if rng.random() < 0.5:
            pairs.append(("Employer:", case.plant("employer", case.employer)))
        if rng.random() < 0.5:
            pairs.append(("WCAB Case Number:", case.plant("adj_number", case.adj_number)))
        if rng.random() < 0.1:
            pairs.append(("Employee SSN:", case.plant("ssn", case.faker.ssn())))
        if rng.random() < 0.6:
            doctor = case.providers[0]
            pairs.append(("Requesting Physician:", case.name(doctor, labelled=True)))
        per_row = rng.choice((1, 1, 2))
        rows = [pairs[i : i + per_row] for i in range(0, len(pairs), per_row)]
        blocks.append(Grid(rows, boxed=False, gap=rng.choice((4.0, 8.0, 30.0)), space_before=12))
        dear = "" if case.blanked() else case.name(case.patient, labelled=True, style="formal")
        word, meaning = OUTCOME_TEXT[outcome]
        blocks += [
            Para(f"Dear {dear}:", space_before=12),
            Para(
                "MAXIMUS Federal Services, Inc. has completed the Independent Medical Review "
                "(IMR) of the above workers' compensation case. This letter provides you with "
                "the IMR Final Determination and explains how the determination was made."
            ),
            Para(
                f"Final Determination: {word}. This means we decided that {meaning} medically "
                "necessary and appropriate. A detailed explanation of the decisions for each "
                "of the disputed items/services is provided later in this letter."
            ),
            Para(
                "This determination is final and binding. In accordance with Labor Code section "
                "4610.6(h), the determination may be appealed only by filing a verified appeal "
                "with the Workers' Compensation Appeals Board within 30 days of the date of "
                "mailing of this determination letter."
            ),
        ]
        return blocks

    def _docs(self, case: Case) -> list[Block]:
        rng = case.rng
        app = (
            case.plant("date", spelled(case.application_date))
            if rng.random() < 0.3
            else (grid_date(case, case.application_date))
        )
        lines = [f"Application of Independent Medical Review (DWC Form IMR), dated {app}"]
        if case.ur_denial_date:
            lines.append(
                f"Utilization Review Determination from {rng.choice(vocab.UR_COMPANIES)}"
                f", dated {case.date(case.ur_denial_date)}"
            )
        for doctor in case.providers:
            start = case.injury_date
            name = case.name(doctor, labelled=True)
            lines.append(
                f"Medical records from {name}, dated {case.date(start)} through "
                f"{case.date(case.application_date)}"
            )
        lines += record_lines(case, rng.choice((0, 2, 4, 6, 10, 14)))
        if rng.random() < 0.4:
            lines.append(
                f"Employee medical records from {case.plant('insurer', case.insurer)} "
                f"({case.plant('mrn', case.faker.mrn())})"
            )
        if rng.random() < 0.3:
            site = f"www.{case.providers[0].last.lower().replace(chr(39), '')}spinecare.com"
            lines.append(f"Records printed from the provider portal {case.plant('url', site)}")
        if rng.random() < 0.4:
            phone = case.plant("phone", case.faker.phone())
            name = case.name(case.attorney, labelled=True)
            lines.append(f"Letter from applicant's attorney {name}, Esq., telephone {phone}")
        bullet = rng.choice(("\u2022 ", "- ", ""))
        return [Para(DOCS, bold=True, space_before=14, keep_with_next=True)] + [
            Para(bullet + line, indent=18, space_before=2) for line in lines
        ]

    def _decisions(self, case: Case, heading: bool = True) -> list[Block]:
        rng = case.rng
        pronoun = rng.choice(("his/her", "his/her", "his", "her"))
        blocks: list[Block] = []
        if heading:
            blocks.append(Para(DECISIONS, bold=True, space_before=14, keep_with_next=True))
        for item in case.items:
            verdict = _verdict(case, item.decision)
            blocks += [
                Para(
                    f"{item.number}. {item.text} {verdict} and appropriate.",
                    bold=True,
                    space_before=12,
                    keep_with_next=True,
                ),
                Para(f"The Claims Administrator based its decision on the {item.claims_citation}."),
            ]
            if rng.random() < 0.4:  # a sentence between the two citations, as in early letters
                verdict = rng.choice(("appropriate", "not relevant"))
                blocks.append(
                    Para(
                        f"The Expert Reviewer found the guideline used by the Claims "
                        f"Administrator was {verdict} to the issue at dispute.",
                        space_before=2,
                    )
                )
            blocks += [
                Para(
                    f"The Expert Reviewer based {pronoun} decision on the {item.citation}."
                    + after_citation(case)
                ),
            ]
            paras = split_rationale(case, item.rationale)
            if rng.random() < 0.5:
                blocks.append(Para("Rationale for the Decision:", bold=True, keep_with_next=True))
                blocks.append(Para(paras[0], space_before=2))
            else:
                blocks.append(Para(paras[0], lead="Rationale for the Decision:"))
            blocks += [Para(p) for p in paras[1:]]
        return blocks

    def _closing(self, case: Case) -> list[Block]:
        rng = case.rng
        signer = case.name(case.signer, labelled=True, style="full")
        blocks: list[Block] = [
            Para("Sincerely,", space_before=18),
            Para(f"{signer}, {rng.choice(('MD', 'M.D.', 'MD, MPH'))}", space_before=14),
            Para("Medical Director", space_before=0),
        ]
        cc = ["cc: Department of Industrial Relations, Division of Workers' Compensation"]
        street, city, zip_code = case.faker.address()
        lines = _address_lines(case, case.attorney, street, city, zip_code)
        if lines:
            cc.append("     " + ", ".join(lines))
        if rng.random() < 0.5:
            adjuster = case.name(case.adjuster, labelled=True)
            fax = case.plant("fax", case.faker.phone())
            cc.append(f"     {adjuster}, {case.plant('insurer', case.insurer)}, Fax: {fax}")
        if rng.random() < 0.4:
            email = case.plant("email", case.faker.email(case.adjuster))
            cc.append(f"     {email}")
        blocks += [Para(line, space_before=2 if i else 12) for i, line in enumerate(cc)]
        return blocks

    def _notice(self, case: Case) -> tuple[list[Block], list[str]]:
        """The 2013 notice wording: title, numbered determinations list (twice), the
        decision heading (glued to the last item in half the letters), prose dates,
        qualifications, a case summary opening with a Disclaimer. Returns the blocks and
        the summary paragraphs."""
        rng = case.rng
        blocks: list[Block] = [
            Para("MAXIMUS FEDERAL SERVICES, INC.", bold=True, center=True, size_delta=2),
            Para(NOTICE_TITLE, bold=True, center=True, space_before=4),
        ]
        pairs = [("Dated:", _label_date(case, case.decision_date))]
        if rng.random() < 0.8:  # the sample's opening shows none of these
            pairs += [
                ("IMR Case Number:", case.plant("case_number", case.case_number)),
                ("Date of Injury:", _label_date(case, case.injury_date)),
                ("Claim Number:", case.plant("claim_number", case.claim_number)),
                ("Employee:", "" if case.blanked() else case.name(case.patient, labelled=True)),
            ]
        blocks.append(Grid([[p] for p in pairs], boxed=False, gap=8.0, space_before=10))

        def listed() -> list[Para]:
            return [
                Para(
                    f"{i.number}) MAXIMUS Federal Services, Inc. has determined the request for "
                    f"{i.text} {_verdict(case, i.decision)} and appropriate.",
                    space_before=3,
                )
                for i in case.items
            ]

        first = listed()
        if rng.random() < 0.5:  # the heading glued to the last item's line, as extracted
            first[-1].text += f" {NOTICE_DECISION}"
            blocks += first
        else:
            blocks += first + [Para(NOTICE_DECISION, bold=True, space_before=12)]
        ur = f" dated {case.date(case.ur_denial_date)}" if case.ur_denial_date else ""
        blocks.append(
            Para(
                "An application for Independent Medical Review was filed on "
                f"{case.date(case.application_date)} disputing the Utilization Review Denial"
                f"{ur}. A Notice of Assignment and Request for Information was provided to the "
                f"above parties on {case.date(case.date_assigned)}. A decision has been made "
                "for each of the treatment and/or services that were in dispute:"
            )
        )
        blocks += listed()
        blocks += [
            Para(NOTICE_QUALIFICATIONS, bold=True, space_before=12, keep_with_next=True),
            Para(
                "The independent Medical Doctor who made the decision has no affiliation with "
                "the employer, employee, providers or the claims administrator. "
                f"{reviewer_prose(case)} {BOILERPLATE_REVIEWER[1]}"
            ),
            Para(NOTICE_SUMMARY, bold=True, space_before=12, keep_with_next=True),
        ]
        source = (
            f" dated {case.date(case.ur_denial_date, 'spelled')}" if case.ur_denial_date else ""
        )
        blocks.append(
            Para(
                "Disclaimer: The following case summary was taken directly from the utilization "
                f"review denial/modification{source}."
            )
        )
        blocks += [Para(p) for p in case.summary]
        return blocks, list(case.summary)

    def _compose_notice(self, case: Case, raw) -> Composed:
        blocks, summary = self._notice(case)
        # per-item parts in the `letter` style (their rationales hold planted identifiers,
        # so they are always printed; the parser does not depend on them: test_parse_notice)
        blocks += self._decisions(case, heading=case.rng.random() < 0.5)
        if case.rng.random() < 0.8:
            blocks += self._closing(case)
        raw.decision_date = None
        raw.letter_date = case.decision_date
        raw.priority = None
        raw.claim_number = case.claim_number if _has_label(blocks, "Claim Number:") else None
        raw.case_number = case.case_number if _has_label(blocks, "IMR Case Number:") else None
        # the injury date: its label, else the summary's opening (every opening states it)
        raw.clinical_summary = norm(" ".join(summary))
        raw.known_names = list(case.known_names)
        return Composed(blocks, raw, wording="notice_2013")

    def compose(self, case: Case) -> Composed:
        rng = case.rng
        case.specialties = case.specialties[:1]  # prose names one; several only in a list
        raw = base_parsed(case, self.name)  # before the head: known names are added below
        if rng.random() < NOTICE_SHARE:
            return self._compose_notice(case, raw)
        blocks = self._head(case, raw.overall_outcome or "Upheld")
        if rng.random() < 0.6:
            blocks.append(PageBreak())
        noun = rng.choice(("The Expert Reviewer", "The physician reviewer"))
        blocks += [
            Para(
                HOW,
                bold=True,
                space_before=14,
                keep_with_next=True,
                width=0.4 if rng.random() < 0.25 else 1.0,
            ),
            Para(
                "MAXIMUS Federal Services sent the complete case file to an expert reviewer. "
                f"{BOILERPLATE_REVIEWER[0]} {reviewer_prose(case, noun)} {BOILERPLATE_REVIEWER[1]}"
            ),
        ]
        blocks += self._docs(case)
        blocks.append(Para(SUMMARY, bold=True, space_before=14, keep_with_next=True))
        intro = rng.random() < 0.6
        if intro:
            blocks.append(Para(SUMMARY_INTRO))
        blocks += [Para(p) for p in case.summary]
        blocks += self._decisions(case)
        if rng.random() < 0.8:
            blocks += self._closing(case)
        raw.decision_date = None
        raw.letter_date = case.decision_date
        raw.date_assigned = None
        raw.priority = None
        raw.claim_number = case.claim_number
        body = " ".join(([SUMMARY_INTRO] if intro else []) + case.summary)
        raw.clinical_summary = norm(body)
        raw.known_names = list(case.known_names)
        header = ""
        if rng.random() < 0.4:
            header = f"IMR Case Number {case.plant('case_number', case.case_number)}"
        return Composed(blocks, raw, running_header=header)


def _has_label(blocks: list[Block], label: str) -> bool:
    return any(
        isinstance(b, Grid) and any(p[0] == label for r in b.rows for p in r) for b in blocks
    )
