"""Medical record, account, policy, member, employee, license, group and other numbers:
Safe Harbor's "any other unique identifying number", after the label that says so."""

from __future__ import annotations

import re

from imr_lake.deid.recognizers.base import DIGIT, Pattern, PatternRecognizer, word
from imr_lake.deid.recognizers.claim_number import VALUE

_NUMBER = r"\s*(?i:number|no\.?|num\.?|#|id)(?![a-z])"
_TAIL = r"\s*(?i:is\s+)?[:#]?\s*" + VALUE
LABELS = (
    ("mrn", r"MRN"),
    ("medical_record", word("medical record") + rf"(?:{_NUMBER})?"),
    ("chart", word("chart") + _NUMBER),
    ("account", word("account") + rf"(?:{_NUMBER})?"),
    ("acct", word("acct") + rf"\.?(?:{_NUMBER})?"),
    ("policy", word("policy") + _NUMBER),
    ("member", word("member") + _NUMBER),
    ("patient", word("patient") + _NUMBER),
    ("employee", word("employee") + _NUMBER),
    ("reference", word("reference") + _NUMBER),
    ("ref", word("ref") + r"\.?\s*(?i:no\.?|#)"),
    ("file", word("file") + _NUMBER),
    ("eor", r"EOR" + _NUMBER),
    ("ur", r"UR" + _NUMBER),
    ("wcab", r"WCAB" + _NUMBER),
    ("license", word("license") + _NUMBER),
    ("licence", word("licence") + _NUMBER),
    ("group", word("group") + _NUMBER),
    ("subscriber", word("subscriber") + _NUMBER),
    ("certificate", word("certificate") + _NUMBER),
    ("badge", word("badge") + _NUMBER),
    ("dea", r"DEA" + rf"(?:{_NUMBER})?"),
    ("npi", r"NPI" + rf"(?:{_NUMBER})?"),
)


TRIGGERS = {
    "patient": ("patient id", "patient #", "patient#", "patient no", "patient num"),
    "employee": ("employee id", "employee #", "employee#", "employee no", "employee num"),
    "ref": ("ref",),
    "dea": ("dea",),
    "npi": ("npi",),
}


class MedicalRecordRecognizer(PatternRecognizer):
    """`MRN: 00123456`, `medical record number 4455-12`, `Account # A-778812`, `Policy No.`.

    Free-form values, so only after a label, and holding at least three digits.
    """

    KIND = "record_number"
    PLACEHOLDER = "[ID]"
    NEEDS = DIGIT  # every pattern holds a digit (or `validate` counts them)
    PATTERNS = tuple(
        Pattern(name, regex + _TAIL, triggers=TRIGGERS.get(name, (name.replace("_", " "),)))
        for name, regex in LABELS
    )

    def validate(self, match: re.Match[str]) -> bool:
        return sum(c.isdigit() for c in match.group("v")) >= 3
