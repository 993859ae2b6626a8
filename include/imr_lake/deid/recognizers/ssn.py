"""US Social Security numbers."""

from __future__ import annotations

import re

from imr_lake.deid.recognizers.base import DIGIT, Pattern, PatternRecognizer, word

_LABELLED_VALUE = (
    r"\s*[:#]?\s*(?P<v>(?:XXX|xxx|\*{3}|\d{3})[- ]?(?:XX|xx|\*{2}|\d{2})[- ]?\d{4})(?!\d)"
)


class SsnRecognizer(PatternRecognizer):
    """AAA-GG-SSSS (also with spaces or dots), or nine digits after an SSN label.

    Invalid by rule (SSA): area 000, 666 or 9xx, group 00, serial 0000; those are not SSNs.
    """

    KIND = "ssn"
    PLACEHOLDER = "[ID]"
    NEEDS = DIGIT  # every pattern holds a digit
    PATTERNS = (
        Pattern("dashed", r"(?P<a>\d\d\d)[-. ](?P<g>\d{2})[-. ](?P<s>\d{4})(?![\d]|-\d)"),
        Pattern("labelled", r"S(?:SN|S#|\.S\.N\.?)" + _LABELLED_VALUE, triggers=("ss",)),
        Pattern(
            "labelled_words",
            word("social security") + r"(?i:\s+number|\s+no\.?)?" + _LABELLED_VALUE,
            triggers=("social",),
        ),
    )

    def validate(self, match: re.Match[str]) -> bool:
        groups = match.groupdict()
        if groups.get("a") is None:
            return True
        area, group, serial = groups["a"], groups["g"], groups["s"]
        return not (area in ("000", "666") or area[0] == "9" or group == "00" or serial == "0000")
