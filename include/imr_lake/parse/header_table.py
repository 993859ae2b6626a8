"""The `header_table` layout: a label grid, then three headings (see FORMATS.md).

Case Number: CM13-0012345        Date Assigned: 08/01/2013
...
HOW THE IMR FINAL DETERMINATION WAS MADE      -> reviewer qualifications
CLINICAL CASE SUMMARY                         -> age, gender, diagnoses
IMR ISSUES, DECISIONS AND RATIONALES          -> items: "<treatment>: Upheld", guidelines
"""

from __future__ import annotations

import re

from imr_lake.model import ParsedLetter, TreatmentItem
from imr_lake.parse import common
from imr_lake.parse.items import DECISION_RE, LabelledFields, cut_trailer, split_items
from imr_lake.parse.labels import (
    CaseNumberLabel,
    ClaimNumberLabel,
    DateLabel,
    PriorityLabel,
    unstack,
)
from imr_lake.parse.outcome import NECESSITY_RE
from imr_lake.parse.sections import Heading, split_sections
from imr_lake.parse.text import clean_text

HOW = Heading.of("how", "HOW THE IMR FINAL DETERMINATION WAS MADE")
SUMMARY = Heading.of("summary", "CLINICAL CASE SUMMARY")
ISSUES = Heading.of("issues", "IMR ISSUES, DECISIONS AND RATIONALES", "IMR ISSUES AND DECISIONS")
HEADINGS = [HOW, SUMMARY, ISSUES]

_DETECT_RE = re.compile(
    r"IMR\s+ISSUES,?\s+DECISIONS\s+AND\s+RATIONALES|MAXIMUS\s+guideline\s*:", re.IGNORECASE
)
_INTRO_RE = re.compile(
    r"^.*?(?:set\s+forth\s+below|items?/services?\s+below|as\s+follows)\s*:?[ \t]*",
    re.IGNORECASE | re.DOTALL,
)
ITEM_FIELDS = LabelledFields(
    claims=r"Claims\s+Administrator(?:'s)?\s+guidelines?\s*:",
    reviewer=r"(?:MAXIMUS|Expert\s+Reviewer|Reviewer|IMR)(?:'s)?\s+guidelines?\s*:",
    rationale=r"Decision\s+rationale\s*:|Rationale\s+for\s+the\s+Decision\s*:",
)

_LABELS = {
    "case_number": CaseNumberLabel("Case Number", "IMR Case Number", "IMR Case No", "Case No"),
    "date_assigned": DateLabel("Date Assigned"),
    "injury_date": DateLabel("Date of Injury", "DOI"),
    "decision_date": DateLabel("Decision Date", "Date of Decision"),
    "ur_denial_date": DateLabel(
        "UR Denial Date", "Date of UR Denial", "UR Decision Date", "Date of UR Decision", "UR Date"
    ),
    "application_date": DateLabel(
        "Application Received", "Date Application Received", "IMR Application Received"
    ),
    "priority": PriorityLabel("Priority", "Review Type"),
    "claim_number": ClaimNumberLabel(
        "Claim Number", "Claims Number", "Claim No", "Claim #", "Claim No."
    ),
}


def fill_labels(letter: ParsedLetter, block: str) -> None:
    """Every label of the header grid; blank or missing values stay None."""
    block = unstack(block)
    for attr, label in _LABELS.items():
        setattr(letter, attr, label.find(block))


class HeaderTableParser:
    """Layout `header_table`: the layout of the real sample."""

    name = "header_table"
    wording = "header_table"
    headings = HEADINGS
    required = ("summary", "issues")

    def detect(self, text: str) -> bool:
        return bool(_DETECT_RE.search(text))

    def parse(self, text: str) -> ParsedLetter:
        text = clean_text(text)
        sections = split_sections(text, HEADINGS)
        letter = ParsedLetter(layout=self.name)
        preamble = sections["_preamble"]
        fill_labels(letter, preamble if "Date" in preamble else text)
        summary = sections.get("summary", "")
        common.fill_patient(letter, summary)
        common.fill_reviewer(letter, sections.get("how", ""), text)
        letter.clinical_summary = common.summary_text(summary)
        letter.treatments = self._items(cut_trailer(sections.get("issues", "")))
        common.fill_names(letter, text)
        return letter

    @staticmethod
    def _items(section: str) -> list[TreatmentItem]:
        """Items closed by ": Upheld"; letters that word decisions as "is (not) medically
        necessary" are read the way the `letter` layout reads them."""
        first = DECISION_RE.search(section)
        intro = _INTRO_RE.match(section, 0, first.start() if first else len(section))
        if first is None and NECESSITY_RE.search(section):
            from imr_lake.parse.letter import read_items

            return read_items(section[intro.end() :] if intro else section, None)
        raw = split_items(section, intro.end() if intro else 0)
        out = []
        for number, item in enumerate(raw, start=1):
            values = ITEM_FIELDS.split(item.body)
            out.append(
                common.make_item(
                    number,
                    item.treatment,
                    item.decision,
                    values.get("claims"),
                    values.get("reviewer"),
                    values.get("rationale"),
                )
            )
        return out
