"""ZIP codes (all five digits go: the three-digit Safe Harbor exception is not used)."""

from __future__ import annotations

import re

from imr_lake.deid.recognizers.base import DIGIT, Pattern, PatternRecognizer, word
from imr_lake.deid.vocabulary import in_vocabulary
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
# A postal code after a country ("Belgium 15769", "Portugal 4000-322", "Cyprus (Greek)
# 10313"): the country stays.
_COUNTRY_BEFORE = re.compile(
    r"(?P<c>[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,2})(?:[ \t]+\([^()\n]{1,20}\))?,?[ \t]+\Z"
)
# A postal code after a place whose name no vocabulary holds: "Hrušica 4276", "Zalla
# 48860", "HÖRNEFORS 910 20", also after the place's district letter ("Aarhus C 8000",
# as Denmark writes it); not a year after a name: "Chou 2009" is a citation.
_PLACE_BEFORE = re.compile(r"(?P<p>[^\W\d_][\w'’.-]*)(?P<d>[ \t][A-ZÆØÅ])?[ \t]+\Z")
_YEAR = re.compile(r"(?:19|20)\d\d\Z")
# The postal code shapes of the Universal Postal Union's members, by their structure: digit
# groups (`75008`, `910 20`, `00-950`, `4000-322`, `01310-100`), a country prefix
# (`D-10115`, `CH-3000`), the Netherlands' `1012 AB`, and the alphanumeric codes of the
# United Kingdom (`LL45 2SA`, `EC1A 1BB`) and Canada (`K1A 0B1`).
_UK_TAIL = r"[A-Z]?\d[A-Z\d]?[ \t]\d[A-Z]{2}"  # after the first letter
_CA_TAIL = r"\d[A-Z][ \t]?\d[A-Z]\d"
UK_POSTCODE = rf"[A-Z]{_UK_TAIL}"
CA_POSTCODE = rf"[A-Z]{_CA_TAIL}"
POSTAL_SHAPES = (
    rf"{UK_POSTCODE}|{CA_POSTCODE}|[A-Z]{{1,2}}-\d{{4,5}}|\d{{4}}[ \t]?[A-Z]{{2}}(?![A-Za-z])"
    r"|\d{3}[ \t]\d{2}(?!\d)|\d{2}-\d{3}(?!\d)|\d{3,6}(?:-\d{3,4})?(?!\d)"
)


class ZipCodeRecognizer(PatternRecognizer):
    """`CA 90012`, `Calif. 90012-1234`, `California 90012`, `ZIP: 90012`, `zip code is
    8741`, `Belgium 15769` (a postal code after a country; the country stays), `Zalla
    48860` (after a place no vocabulary holds), `LL45 2SA` and `K1A 0B1` anywhere."""

    KIND = "zip_code"
    PLACEHOLDER = "[ADDRESS]"
    NEEDS = DIGIT  # every pattern holds a digit
    PATTERNS = (
        Pattern("after_state", r"\d\d{4}(?:-\d{4})?(?!\d)"),
        # After a country or a place no vocabulary holds (see `_after_name`).
        Pattern(
            "after_name",
            r"\d(?:\d{2}[ \t]\d{2}|\d-\d{3}|\d{2,5}(?:-\d{3,4})?)"
            r"(?![\w/%]|[.,-]\d|[ \t]*(?:mg|mcg|ml|%))",
        ),
        # The United Kingdom's and Canada's codes, whose shape is their own.
        Pattern("uk_canada", rf"[A-Z](?:{_UK_TAIL}|{_CA_TAIL})(?![\w-])"),
        *(
            Pattern(
                f"labelled_{label}",
                word(label)
                + rf"(?i:\s*code)?(?i:\s+is)?\s*[:#]?\s*(?P<v>(?:{POSTAL_SHAPES})(?![\w-]))",
                triggers=(label,),
            )
            for label in ("zip", "postal", "postcode", "post code")
        ),
    )

    def validate(self, match: re.Match[str]) -> bool:
        if "v" in match.re.groupindex:
            return True
        if match.re.pattern.startswith(r"\d(?:"):
            return _after_name(match)
        if match.re.pattern.startswith("[A-Z](?:"):
            return True
        before = _STATE_BEFORE.search(match.string, max(0, match.start() - 16), match.start())
        if before is None:
            return False
        state = before.group("st")
        return state is None or state in STATE_CODES


def _after_name(match: re.Match[str]) -> bool:
    """After a country (`Belgium 15769`, four digits or more), or after a place whose name
    no vocabulary holds, not a year (`Hrušica 4276`; `Chou 2009` is a citation)."""
    text, start = match.string, match.start()
    if (
        start < 2
        or text[start - 1] not in " \t(,"
        or not (text[start - 2].isalpha() or text[start - 2] in ").,")
    ):
        return False
    code = match.group()
    if code[:4].isdigit() and (code[4:5] in ("", "-") or code[4:6].isdigit()):
        country = _COUNTRY_BEFORE.search(text, max(0, start - 40), start)
        if country is not None and _is_country(country.group("c")):
            return True
    place = _PLACE_BEFORE.search(text, max(0, start - 40), start)
    if place is None or not place.group("p")[0].isupper():
        return False
    if _YEAR.match(code) and place.group("d") is None:
        return False  # a year after a name; after a district letter it is a code
    word = place.group("p").rstrip(".").lower()
    return not any(in_vocabulary(p) for p in re.split(r"[-'’]", word) if p)


def _is_country(name: str) -> bool:
    """A country as GeoNames names it, or without its article (`Netherlands`, `Gambia`)."""
    names = country_names()
    return name in names or f"The {name}" in names
