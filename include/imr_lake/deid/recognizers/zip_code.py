"""ZIP codes (all five digits go: the three-digit Safe Harbor exception is not used)."""

from __future__ import annotations

import re

from imr_lake.deid.recognizers.base import Pattern, PatternRecognizer, word
from imr_lake.deid.vocabulary.countries import country_names

STATE_CODES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
    "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI".split()
)
STATE_NAMES = (
    "California|Calif|Nevada|Arizona|Oregon|Texas|Washington|New York|Florida|Illinois|Ohio"
    "|Pennsylvania|Maryland|Georgia|Colorado|Utah|Idaho|Hawaii|Alaska|New Mexico"
)
_STATE_BEFORE = re.compile(rf"(?<![A-Za-z])(?:(?P<st>[A-Z]{{2}})|{STATE_NAMES})\.?,?\s+\Z")
# A postal code after a country ("Belgium 15769", "Portugal 4000-322"): the country stays.
_COUNTRY_BEFORE = re.compile(r"(?P<c>[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,2}),?[ \t]+\Z")
_POSTAL = r"\d{3,6}(?:-\d{3,4})?(?!\d)"


class ZipCodeRecognizer(PatternRecognizer):
    """`CA 90012`, `Calif. 90012-1234`, `California 90012`, `ZIP: 90012`, `zip code is
    8741`, `Belgium 15769` (a postal code after a country; the country stays)."""

    KIND = "zip_code"
    PLACEHOLDER = "[ADDRESS]"
    PATTERNS = (
        Pattern("after_state", r"\d{5}(?:-\d{4})?(?!\d)"),
        Pattern("after_country", r"\d{4,6}(?:-\d{3,4})?(?![\d/%.,-]\d)"),
        *(
            Pattern(
                f"labelled_{label}",
                word(label) + rf"(?i:\s*code)?(?i:\s+is)?\s*[:#]?\s*(?P<v>{_POSTAL})",
                triggers=(label,),
            )
            for label in ("zip", "postal", "postcode", "post code")
        ),
    )

    def validate(self, match: re.Match[str]) -> bool:
        if "v" in match.re.groupindex:
            return True
        if match.re.pattern.startswith(r"\d{4,6}"):
            country = _COUNTRY_BEFORE.search(
                match.string, max(0, match.start() - 40), match.start()
            )
            return country is not None and country.group("c") in country_names()
        before = _STATE_BEFORE.search(match.string, max(0, match.start() - 16), match.start())
        if before is None:
            return False
        state = before.group("st")
        return state is None or state in STATE_CODES
