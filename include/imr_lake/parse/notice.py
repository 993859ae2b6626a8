"""The 2013 notice wording of the `letter` layout (FORMATS.md, the real sample of 9/2013).

MAXIMUS FEDERAL SERVICES, INC. Notice of Independent Medical Review Determination Dated: ...
1) MAXIMUS Federal Services, Inc. has determined the request for <treatment> is not
medically necessary and appropriate.                      (the numbered determinations list)
INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE         (may be glued to the line before)
An application ... was filed on <date> disputing the Utilization Review Denial dated <date>.
A Notice of Assignment ... was provided to the above parties on <date>. ... the list again.
Medical Qualifications of the Expert Reviewer:            (board certification, licensure)
Case Summary:  Disclaimer: <one sentence quoting the UR denial's date>  <the summary>
then, not in the sample, per-item parts worded as in the `letter` layout.

The numbered list alone gives every item and its decision; per-item guideline and
rationale paragraphs fill in when they are there, matched by item number.
"""

from __future__ import annotations

import re

from imr_lake.model import OVERTURNED, UPHELD, ParsedLetter, TreatmentItem
from imr_lake.parse import common
from imr_lake.parse.dates import DATE_PATTERN, date_from_match
from imr_lake.parse.guidelines import first_sentence
from imr_lake.parse.header_table import fill_labels
from imr_lake.parse.items import cut_trailer
from imr_lake.parse.letter import DATED, item_starts, read_items
from imr_lake.parse.outcome import NECESSITY_RE
from imr_lake.parse.sections import Heading, split_sections
from imr_lake.parse.text import clean_text, flatten

WORDING = "notice_2013"
DECISION = Heading.of(
    "decision",
    "INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE",
    "INDEPENDENT MEDICAL REVIEW DECISIONS AND RATIONALES",
    "INDEPENDENT MEDICAL REVIEW DECISION(S) AND RATIONALE(S)",
)
QUALIFICATIONS = Heading.of(
    "how",
    "Medical Qualifications of the Expert Reviewer",
    "Qualifications of the Expert Reviewer",
    "Expert Reviewer Qualifications",
)
SUMMARY = Heading.of("summary", "Case Summary", "Expert Reviewer Case Summary")
ITEMS = Heading.of(
    "items",
    "IMR DECISION(S) AND RATIONALE(S)",
    "IMR ISSUES, DECISIONS AND RATIONALES",
    "ISSUES, DECISIONS AND RATIONALES",
    "RATIONALE FOR THE DECISIONS",
)
HEADINGS = [DECISION, QUALIFICATIONS, SUMMARY, ITEMS]
REQUIRED = ("summary",)  # the determinations list is checked on its own (items)

_DETECT_RE = re.compile(
    r"Notice\s+of\s+Independent\s+Medical\s+Review\s+Determination|"
    r"INDEPENDENT\s+MEDICAL\s+REVIEW\s+DECISIONS?\s+AND\s+RATIONALES?|"
    r"has\s+determined\s+(?:that\s+)?the\s+request\s+for\b",
    re.IGNORECASE,
)
# "1) MAXIMUS Federal Services, Inc. has determined the request for X is notmedically ..."
_LISTED_RE = re.compile(
    r"(?:^|(?<=[.:]\s))[ \t]*(?P<number>\d{1,2})[.)][ \t]+"
    r"(?:MAXIMUS\s+Federal\s+Services,?\s+Inc\.?,?\s+)?has\s+determined\s+(?:that\s+)?"
    r"(?:the\s+request\s+for\s+)?(?P<treatment>.+?)" + NECESSITY_RE.pattern,
    re.IGNORECASE | re.MULTILINE | re.DOTALL,
)
_ARTICLE_RE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)
_DISCLAIMER_RE = re.compile(r"^\s*Disclaimer\s*:", re.IGNORECASE)


def _prose_date(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern + rf"\s+(?:{DATE_PATTERN})", re.IGNORECASE)


_APPLICATION_RE = _prose_date(
    r"application\s+for\s+Independent\s+Medical\s+Review\s+was\s+(?:filed|received)\s+on"
)
_UR_DENIAL_RE = _prose_date(r"Utilization\s+Review\s+(?:Denial|Decision|Determination)\s+dated")
_ASSIGNED_RE = _prose_date(
    r"Notice\s+of\s+Assignment(?:\s+and\s+Request\s+for\s+Information)?\s+was\s+"
    r"(?:provided|sent|mailed)\s+to\s+the\s+above\s+parties\s+on"
)
_INJURY_RE = _prose_date(
    r"(?:date\s+of\s+injury\s+of|sustained\s+an\s+industrial\s+injury\s+on|"
    r"reported\s+an\s+injury\s+on|was\s+injured\s+on)"
)


def _prose(pattern: re.Pattern[str], text: str):
    m = pattern.search(flatten(text))
    return date_from_match(m) if m else None


def listed_items(text: str) -> dict[int, tuple[str, str]]:
    """Item number -> (treatment, decision) from the numbered determinations list.

    The list is printed twice (before and after the decision heading); the later copy
    wins, so a heading glued to the last item of the first copy changes nothing.
    """
    out: dict[int, tuple[str, str]] = {}
    for m in _LISTED_RE.finditer(text):
        treatment = _ARTICLE_RE.sub("", flatten(m.group("treatment"))).strip(" ,:")
        out[int(m.group("number"))] = (treatment, UPHELD if m.group("neg") else OVERTURNED)
    return dict(sorted(out.items()))


def _summary_and_items(tail: str, items_heading: str | None) -> tuple[str, str]:
    """The case summary's text, and the per-item parts that may follow it."""
    if items_heading is not None:
        return tail, items_heading
    starts = item_starts(tail, numbered_only=True)
    if not starts:
        return cut_trailer(tail), ""
    return tail[: starts[0]], tail[starts[0] :]


def _without_disclaimer(summary: str) -> str:
    """The summary without its opening `Disclaimer:` sentence (it says where the summary
    was taken from; it is not clinical content)."""
    m = _DISCLAIMER_RE.match(summary)
    if not m:
        return summary
    rest = flatten(summary[m.end() :])
    sentence = first_sentence(rest)
    return rest[len(sentence) :].lstrip(" .")


class NoticeParser:
    """The 2013 notice wording; its rows are layout `letter` (the table's layout value)."""

    name = "letter"
    wording = WORDING
    headings = HEADINGS
    required = REQUIRED

    def detect(self, text: str) -> bool:
        return bool(_DETECT_RE.search(text))

    def parse(self, text: str) -> ParsedLetter:
        text = clean_text(text)
        sections = split_sections(text, HEADINGS)
        letter = ParsedLetter(layout=self.name)
        preamble = sections["_preamble"]
        fill_labels(letter, preamble)
        letter.letter_date = DATED.find(preamble)
        decision = sections.get("decision", "")
        letter.application_date = letter.application_date or _prose(_APPLICATION_RE, decision)
        letter.ur_denial_date = letter.ur_denial_date or _prose(_UR_DENIAL_RE, decision)
        letter.date_assigned = letter.date_assigned or _prose(_ASSIGNED_RE, decision)
        summary, per_item = _summary_and_items(sections.get("summary", ""), sections.get("items"))
        summary = _without_disclaimer(summary)
        letter.injury_date = letter.injury_date or _prose(_INJURY_RE, summary)
        common.fill_patient(letter, summary)
        common.fill_reviewer(letter, sections.get("how", ""), text)
        letter.clinical_summary = common.summary_text(summary)
        letter.treatments = self._items(text, cut_trailer(per_item))
        common.fill_names(letter, text)
        return letter

    @staticmethod
    def _items(text: str, per_item: str) -> list[TreatmentItem]:
        """Items from the numbered list; guidelines and rationale from per-item parts."""
        listed = listed_items(text)
        parts = {item.item_number: item for item in read_items(per_item, None)}
        if not listed:  # no list: the per-item parts are all there is
            return list(parts.values())
        out = []
        for number, (treatment, decision) in enumerate(listed.values(), start=1):
            part = parts.get(number)
            out.append(
                common.make_item(
                    number,
                    treatment,
                    decision,
                    part.claims_administrator_guideline if part else None,
                    part.reviewer_guideline if part else None,
                    part.rationale if part else None,
                )
            )
        return out
