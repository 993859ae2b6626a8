"""Ages over 89 (Safe Harbor lets younger ages stay)."""

from __future__ import annotations

import re

from imr_lake.deid.recognizers.base import Pattern, PatternRecognizer, word

TOP_CODED = 89


class AgeRecognizer(PatternRecognizer):
    """`92 year old`, `92-year-old`, `92 years of age`, `aged 92`, `age: 92`, `92 y/o`,
    `92yo`, `in his 90s`, `nonagenarian`."""

    KIND = "age"
    PLACEHOLDER = "[AGE-90+]"
    PATTERNS = (
        Pattern(
            "years_old",
            r"(?P<n>\d{2,3})\s*[- ]?\s*(?i:years?|yrs?\.?)[- ]?(?i:of[- ])?(?i:old|age)(?![a-z])",
        ),
        Pattern("y_o", r"(?P<n>\d{2,3})\s*[- ]?(?i:y/o|y\.o\.|yo|yr old)(?![A-Za-z])"),
        Pattern(
            "labelled",
            word("age") + r"(?i:d|\s+of)?\s*[:=]?\s*(?P<n>\d{2,3})(?!\d|\s*(?:mg|%|/))",
            triggers=("age",),
        ),
        Pattern(
            "decade",
            word("in") + r"\s+(?i:his|her|their)\s+(?P<n>9\d|1\d\d)'?s(?![a-z])",
            triggers=("0s", "1s", "2s", "3s", "4s", "5s", "6s", "7s", "8s", "9s"),
        ),
        Pattern("nonagenarian", word("nonagenarian") + r"s?(?![a-z])", triggers=("nonagen",)),
        Pattern("centenarian", word("centenarian") + r"s?(?![a-z])", triggers=("centen",)),
    )

    def validate(self, match: re.Match[str]) -> bool:
        number = match.groupdict().get("n")
        return number is None or TOP_CODED < int(number) < 130
