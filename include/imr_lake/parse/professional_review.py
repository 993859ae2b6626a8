"""The `professional_review` layout: "MEDICAL PROFESSIONAL REVIEW", headings with colons.

MEDICAL PROFESSIONAL REVIEW            (label block: IMR Case Number:, Date of Injury: ...)
ISSUE AT DISPUTE:                      "1. <treatment>: Upheld"
CASE SUMMARY:                          age, gender, diagnoses
DOCUMENTS REVIEWED FOR DETERMINATION:
MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL REVIEWER AND WHY:
                                       "1. <treatment>:" then "Decision based on ..."
RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY:
MEDICAL REVIEWER QUALIFICATIONS:       State(s) of Licensure:, Certification(s)/Specialty:
"""

from __future__ import annotations

import re

from imr_lake.model import ParsedLetter, TreatmentItem
from imr_lake.parse import common
from imr_lake.parse.guidelines import citation_before_why, first_sentence
from imr_lake.parse.header_table import fill_labels
from imr_lake.parse.items import cut_trailer, split_items
from imr_lake.parse.sections import Heading, split_sections
from imr_lake.parse.text import clean_text

HEADINGS = [
    Heading.of("issues", "ISSUE(S) AT DISPUTE", "ISSUES AT DISPUTE"),
    Heading.of("summary", "CASE SUMMARY", "CLINICAL CASE SUMMARY"),
    Heading.of("documents", "DOCUMENTS REVIEWED FOR DETERMINATION", "DOCUMENTS REVIEWED"),
    Heading.of(
        "guidelines",
        "MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL REVIEWER AND WHY",
        "MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL REVIEWER",
        "MEDICAL TREATMENT GUIDELINE(S) RELIED UPON",
    ),
    Heading.of(
        "rationale",
        "RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY",
        "RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS MEDICALLY NECESSARY",
        "RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE",
        "RATIONALE FOR WHY",
    ),
    Heading.of("qualifications", "MEDICAL REVIEWER QUALIFICATIONS", "REVIEWER QUALIFICATIONS"),
]
_DETECT_RE = re.compile(r"MEDICAL\s+PROFESSIONAL\s+REVIEW|ISSUES?\s+AT\s+DISPUTE\s*:", re.I)
_NUMBERED_RE = re.compile(r"^[ \t]*(?:Item\s*)?(\d{1,2})[.)][ \t]+", re.MULTILINE)
_BASED_ON_RE = re.compile(r"Decision\s+based\s+on\s+|Based\s+on\s+", re.IGNORECASE)
_CLAIMS_RE = re.compile(r"Claims\s+Administrator(?:'s)?\s+guidelines?\s*:\s*", re.IGNORECASE)
_CLAIMS_STOP_RE = re.compile(r"\n(?=\S[^\n]{0,60}:)|$")


def numbered_blocks(section: str, count: int) -> list[str] | None:
    """The section cut at "1.", "2.", ... lines when exactly `count` items are numbered."""
    marks = []
    expected = 1
    for m in _NUMBERED_RE.finditer(section):
        if int(m.group(1)) == expected:
            marks.append(m.start())
            expected += 1
    if not marks or len(marks) != count:
        return None
    ends = marks[1:] + [len(section)]
    return [section[a:b] for a, b in zip(marks, ends, strict=True)]


def _per_item(section: str, count: int) -> list[str | None]:
    """One text per item: numbered blocks, or the whole section for a single item."""
    if count == 0:
        return []
    blocks = numbered_blocks(section, count)
    if blocks is not None:
        return list(blocks)
    if count == 1:
        return [section]
    return [None] * count


def _citations(section: str, count: int) -> list[str | None]:
    """The "Decision based on ..." citation of each item, in item order."""
    blocks = numbered_blocks(section, count)
    if blocks is None:
        found = [section[m.end() :] for m in _BASED_ON_RE.finditer(section)]
        blocks = found if len(found) == count else _per_item(section, count)
        return [citation_before_why(b) if b else None for b in blocks]
    out: list[str | None] = []
    for block in blocks:
        m = _BASED_ON_RE.search(block)
        out.append(citation_before_why(block[m.end() :]) if m else None)
    return out


def _claims(block: str | None) -> str | None:
    if not block:
        return None
    m = _CLAIMS_RE.search(block)
    return first_sentence(block[m.end() :]) if m else None


_WORD_RE = re.compile(r"\S+")
_COLON_RE = re.compile(r"\s*:")


def _after_words(text: str, words: list[str]) -> int | None:
    """Offset after `words` (any spacing between them) and a colon at the start of `text`."""
    if not words:
        return None
    position, matched = 0, 0
    for word, m in zip(words, _WORD_RE.finditer(text), strict=False):
        if m.group(0) != word and m.group(0) != word + ":":
            return None
        position, matched = m.start() + len(word), matched + 1
    if matched < len(words):
        return None
    colon = _COLON_RE.match(text, position)
    return colon.end() if colon else None


def _strip_item_head(block: str | None, treatment: str) -> str | None:
    """A rationale block without its "1. <treatment>:" head (which may wrap)."""
    if block is None:
        return None
    numbered = _NUMBERED_RE.match(block)
    rest = block[numbered.end() :] if numbered else block
    end = _after_words(rest, treatment.split())
    if end is not None:
        return rest[end:]
    first, newline, after = rest.partition("\n")
    return after if numbered and newline and first.rstrip().endswith(":") else rest


class ProfessionalReviewParser:
    """Layout `professional_review`."""

    name = "professional_review"
    wording = "professional_review"
    headings = HEADINGS
    required = ("issues", "summary", "guidelines", "rationale")

    def detect(self, text: str) -> bool:
        return bool(_DETECT_RE.search(text))

    def parse(self, text: str) -> ParsedLetter:
        text = clean_text(text)
        sections = split_sections(text, HEADINGS)
        letter = ParsedLetter(layout=self.name)
        fill_labels(letter, sections["_preamble"])
        summary = sections.get("summary", "")
        common.fill_patient(letter, summary)
        common.fill_reviewer(letter, sections.get("qualifications", ""), text)
        letter.clinical_summary = common.summary_text(summary)
        letter.treatments = self._items(sections)
        common.fill_names(letter, text, sections.get("documents", ""))
        return letter

    @staticmethod
    def _items(sections: dict[str, str]) -> list[TreatmentItem]:
        raw = split_items(sections.get("issues", ""))
        count = len(raw)
        guideline_blocks = _per_item(sections.get("guidelines", ""), count)
        citations = _citations(sections.get("guidelines", ""), count)
        rationale_text = cut_trailer(sections.get("rationale", ""))
        rationales = [
            _strip_item_head(block, item.treatment)
            for block, item in zip(_per_item(rationale_text, count), raw, strict=True)
        ]
        return [
            common.make_item(
                number,
                item.treatment,
                item.decision,
                _claims(guideline_blocks[number - 1]),
                citations[number - 1],
                rationales[number - 1],
            )
            for number, item in enumerate(raw, start=1)
        ]
