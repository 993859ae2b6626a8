"""Ages over 89 (Safe Harbor lets younger ages stay)."""

from __future__ import annotations

import re

from imr_lake.deid.recognizers.base import DIGIT, Pattern, PatternRecognizer, word

TOP_CODED = 89
_UNITS = r"(?:[- ](?i:one|two|three|four|five|six|seven|eight|nine))?"
# ninety, ninety-two, one hundred (and) three: every age over 89 spelled out
_WORDS = rf"(?:[Nn](?i:inety){_UNITS}|[Oo](?i:ne\s+hundred)(?:\s+(?i:and\s+)?\w+)?)"


class AgeRecognizer(PatternRecognizer):
    """`92 year old`, `92-year-old`, `92 years of age`, `aged 92`, `age: 92`, `92 y/o`,
    `92yo`, `in his 90s`, `nonagenarian`, and in words: `ninety-two year old`, `aged one
    hundred`."""

    KIND = "age"
    PLACEHOLDER = "[AGE-90+]"
    PATTERNS = (
        Pattern(
            "years_old",
            r"(?P<n>\d\d\d?)\s*[- ]?\s*(?i:years?|yrs?\.?)[- ]?(?i:of[- ])?(?i:old|age)(?![a-z])",
            needs=DIGIT,
        ),
        Pattern("y_o", r"(?P<n>\d\d\d?)\s*[- ]?(?i:y/o|y\.o\.|yo|yr old)(?![A-Za-z])", needs=DIGIT),
        Pattern(
            "labelled",
            word("age") + r"(?i:d|\s+of)?\s*[:=]?\s*(?P<n>\d{2,3})(?!\d|\s*(?:mg|%|/))",
            triggers=("age",),
            needs=DIGIT,
        ),
        Pattern(
            "decade",
            word("in") + r"\s+(?i:his|her|their)\s+(?P<n>9\d|1\d\d)'?s(?![a-z])",
            triggers=("0s", "1s", "2s", "3s", "4s", "5s", "6s", "7s", "8s", "9s"),
            needs=DIGIT,
        ),
        Pattern(
            "years_old_in_words",
            rf"(?P<w>{_WORDS})\s*[- ]?\s*(?i:years?|yrs?\.?)[- ]?(?i:of[- ])?(?i:old|age)(?![a-z])",
            triggers=("ninety", "hundred"),
        ),
        Pattern(
            "aged_in_words",
            word("aged") + rf"\s+(?P<w>{_WORDS})(?![a-z])",
            triggers=("ninety", "hundred"),
        ),
        Pattern("nonagenarian", word("nonagenarian") + r"s?(?![a-z])", triggers=("nonagen",)),
        Pattern("centenarian", word("centenarian") + r"s?(?![a-z])", triggers=("centen",)),
    )

    def validate(self, match: re.Match[str]) -> bool:
        if match.groupdict().get("w") is not None:
            return True  # every spelled-out age the pattern takes is over 89
        number = match.groupdict().get("n")
        return number is None or TOP_CODED < int(number) < 130
