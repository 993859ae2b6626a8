"""The `letter` layout: the earliest letters, a letterhead and a salutation (FORMATS.md).

MAXIMUS FEDERAL SERVICES, INC. / Independent Medical Review / Final Determination Letter
Dated: ..., IMR Case Number: ..., Claim Number: ... (label block)
Dear ...: ... Final Determination: UPHOLD ...
HOW THE IMR FINAL DETERMINATION WAS MADE / DOCUMENTS REVIEWED / CLINICAL CASE SUMMARY
IMR DECISION(S) AND RATIONALE(S): "1. <treatment> is not medically necessary and
appropriate." then "The Claims Administrator based its decision on ...", "The Expert
Reviewer based his/her decision on ...", "Rationale for the Decision: ...".
"""

from __future__ import annotations

import re

from imr_lake.model import OVERTURNED, UPHELD, ParsedLetter, TreatmentItem
from imr_lake.parse import common
from imr_lake.parse.header_table import fill_labels
from imr_lake.parse.items import LabelledFields, clean_treatment, cut_trailer, name_start
from imr_lake.parse.labels import DateLabel
from imr_lake.parse.outcome import (
    NECESSITY_RE,
    necessity_decision,
    summary_outcome,
    trailing_word_decision,
)
from imr_lake.parse.sections import Heading, split_sections
from imr_lake.parse.text import clean_text

HEADINGS = [
    Heading.of("how", "HOW THE IMR FINAL DETERMINATION WAS MADE"),
    Heading.of("documents", "DOCUMENTS REVIEWED"),
    Heading.of("summary", "CLINICAL CASE SUMMARY", "EXPERT REVIEWER CASE SUMMARY", "CASE SUMMARY"),
    Heading.of(
        "decisions",
        "IMR DECISION(S) AND RATIONALE(S)",
        "IMR DECISIONS AND RATIONALES",
        "IMR ISSUES, DECISIONS AND RATIONALES",
    ),
]
_DETECT_RE = re.compile(
    r"IMR\s+DECISION(?:\(S\)|S)?\s+AND\s+RATIONALE(?:\(S\)|S)?|"
    r"MAXIMUS\s+FEDERAL\s+SERVICES,\s+INC\.?\s*\n\s*Independent\s+Medical\s+Review",
    re.IGNORECASE,
)
ITEM_FIELDS = LabelledFields(
    claims=r"(?:The\s+)?Claims\s+Administrator\s+based\s+(?:its|his|her|his/her|their)\s+"
    r"decision\s+on\s+(?:the\s+)?|Claims\s+Administrator(?:'s)?\s+guidelines?\s*:",
    reviewer=r"(?:The\s+)?(?:Expert|Professional|Physician|IMR)?\s*Reviewer\s+based\s+"
    r"(?:his|her|his/her|its|their)\s+decision\s+on\s+(?:the\s+)?|"
    r"(?:MAXIMUS|Expert\s+Reviewer|Reviewer)(?:'s)?\s+guidelines?\s*:",
    rationale=r"Rationale\s+for\s+the\s+Decision\s*:?|Decision\s+rationale\s*:",
)
_NUMBERED_RE = re.compile(r"^[ \t]*(?:Item\s*)?(\d{1,2})[.)][ \t]+", re.MULTILINE)
_LABEL_HINT_RE = re.compile(
    r"based\s+(?:its|his|her|his/her|their)\s+decision|guidelines?\s*:|Rationale\s+for",
    re.IGNORECASE,
)
# The end of an item's opening sentence: the decision, then the first guideline label.
_HEAD_END_RE = re.compile(
    NECESSITY_RE.pattern + r"[ \t]*\n[ \t]*(?=(?:The\s+)?Claims\s+Administrator|(?:The\s+)?"
    r"(?:Expert|Professional|Physician|IMR)?\s*Reviewer\s+based|MAXIMUS\s+guideline)",
    re.IGNORECASE,
)
DATED = DateLabel("Dated", "Letter Date", "Date of Letter")


def item_starts(section: str, *, numbered_only: bool = False) -> list[int]:
    """Offsets of numbered items: numbered lines followed by guideline/rationale labels.

    Without numbers, an item ends in "is (not) medically necessary ..." right before a
    guideline label, and its name starts after the sentence before it (unless
    `numbered_only`: then no numbered item means none).
    """
    marks = [m.start() for m in _NUMBERED_RE.finditer(section)]
    starts = []
    for i, start in enumerate(marks):
        stop = marks[i + 1] if i + 1 < len(marks) else len(section)
        if _LABEL_HINT_RE.search(section, start, stop):
            starts.append(start)
    if starts or numbered_only:
        return starts
    return _unnumbered_starts(section)


def _unnumbered_starts(section: str) -> list[int]:
    starts = [0]
    previous = 0
    for m in _HEAD_END_RE.finditer(section):
        if m.start() > previous and previous > 0:
            starts.append(previous + name_start(section[previous : m.start()]))
        previous = m.end()
    return starts


def _head_and_decision(head: str, body: str) -> tuple[str, str | None]:
    """The treatment name and its decision from an item's opening lines."""
    m = NECESSITY_RE.search(head)
    if m:
        return head[: m.start()], UPHELD if m.group("neg") else OVERTURNED
    name, word = trailing_word_decision(head.strip())
    return name, word or necessity_decision(body)


class LetterParser:
    """Layout `letter`."""

    name = "letter"
    wording = "letter"
    headings = HEADINGS
    required = ("summary", "decisions")

    def detect(self, text: str) -> bool:
        return bool(_DETECT_RE.search(text))

    def parse(self, text: str) -> ParsedLetter:
        text = clean_text(text)
        sections = split_sections(text, HEADINGS)
        letter = ParsedLetter(layout=self.name)
        preamble = sections["_preamble"]
        fill_labels(letter, preamble)
        letter.letter_date = DATED.find(preamble)
        summary = sections.get("summary", "")
        common.fill_patient(letter, summary)
        common.fill_reviewer(letter, sections.get("how", ""), text)
        letter.clinical_summary = common.summary_text(summary)
        fallback = summary_outcome(preamble)
        letter.treatments = read_items(cut_trailer(sections.get("decisions", "")), fallback)
        common.fill_names(letter, text, sections.get("documents", ""))
        return letter


def read_items(section: str, fallback: str | None) -> list[TreatmentItem]:
    """Numbered items decided by "is (not) medically necessary"; `fallback` is the
    letter's summary outcome for an item that states none."""
    if not section.strip():
        return []
    starts = item_starts(section)
    items: list[TreatmentItem] = []
    for index, start in enumerate(starts):
        stop = starts[index + 1] if index + 1 < len(starts) else len(section)
        block = section[start:stop]
        label = ITEM_FIELDS.first(block)
        head, body = block[:label], block[label:]
        if label == len(block) and not NECESSITY_RE.search(head):
            continue  # neither a decision nor an item's labels: not an item (say, a note)
        name, decision = _head_and_decision(head, body)
        if decision is None and fallback in (UPHELD, OVERTURNED):
            decision = fallback
        values = ITEM_FIELDS.split(body)
        items.append(
            common.make_item(
                len(items) + 1,
                clean_treatment(name),
                decision,
                values.get("claims"),
                values.get("reviewer"),
                values.get("rationale"),
            )
        )
    return items
