"""ZIP codes (all five digits go: the three-digit Safe Harbor exception is not used)."""

from __future__ import annotations

import re

from imr_lake.deid.recognizers.base import Pattern, PatternRecognizer, word

STATE_CODES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
    "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI".split()
)
STATE_NAMES = (
    "California|Calif|Nevada|Arizona|Oregon|Texas|Washington|New York|Florida|Illinois|Ohio"
    "|Pennsylvania|Maryland|Georgia|Colorado|Utah|Idaho|Hawaii|Alaska|New Mexico"
)
_STATE_BEFORE = re.compile(rf"(?<![A-Za-z])(?:(?P<st>[A-Z]{{2}})|{STATE_NAMES})\.?,?\s+\Z")


class ZipCodeRecognizer(PatternRecognizer):
    """`CA 90012`, `Calif. 90012-1234`, `California 90012`, `ZIP: 90012`."""

    KIND = "zip_code"
    PLACEHOLDER = "[ADDRESS]"
    PATTERNS = (
        Pattern("after_state", r"\d{5}(?:-\d{4})?(?!\d)"),
        Pattern(
            "labelled",
            word("zip") + r"(?i:\s*code)?\s*[:#]?\s*(?P<v>\d{5}(?:-\d{4})?)(?!\d)",
            triggers=("zip",),
        ),
        Pattern(
            "postal",
            word("postal code") + r"\s*[:#]?\s*(?P<v>\d{5}(?:-\d{4})?)(?!\d)",
            triggers=("postal",),
        ),
    )

    def validate(self, match: re.Match[str]) -> bool:
        if "v" in match.re.groupindex:
            return True
        before = _STATE_BEFORE.search(match.string, max(0, match.start() - 16), match.start())
        if before is None:
            return False
        state = before.group("st")
        return state is None or state in STATE_CODES
