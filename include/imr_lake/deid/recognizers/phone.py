"""Telephone and fax numbers: NANP, and any country's digit groups (ITU-T E.123 style)."""

from __future__ import annotations

import re

from imr_lake.deid.recognizers.base import DIGIT, Pattern, PatternRecognizer, looked_ahead, word

_EXT = r"(?:\s*(?i:ext\.?|x|extension)\s*\d{1,5})?"
_LABELLED_VALUE = (
    r"\.?\s*(?i:number|no\.?|#)?\s*[:#]?\s*"
    r"(?P<v>(?:\+?1[-.\s]?)?(?:\(?\d{3}\)?[-.\s]?)?\d{3}[-.\s]?\d{4})(?!\d)"
)


# Digit groups as a number is written anywhere (E.123: "+31 42 123 4567", "(07) 4581 3775",
# "02.64.54.20.94", "0318 4417896"): an optional country code and area code, then groups
# parted by one space, dot or dash. A group of one digit, a slash or a unit is no phone.
_GROUPED = looked_ahead(
    r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)\s?\d{3,8}(?:[ .-]\d{2,8}){0,3}"
    r"|\d{2,6}(?:[ .-]\d{2,8}){1,4})(?![\d/%]|[.,-]\d)"
)
# One run of digits: a national number with its trunk 0 ("07700855188"), or any 7 to 12
# digits beside a phone word ("6280761778-Fax", "Desk: 4271862").
_RUN = r"\d\d{6,11}(?![\d/%]|[.,-]\d)"
_CUE_AFTER = re.compile(r"\W{0,3}(?i:office|fax|mobile|cell|phone|desk|home|work)\b")
# Words of telephony before the number: the device, the act, and the message it carries
# (a voice or text message, one or many, goes to a number: `messag(e|es|ing)`).
_CUE = re.compile(
    r"(?i:phone|tel\b|telephone|cell|mobile|call|fax|reach|contact|dial|text|sms"
    r"|messag(?:e|es|ing)\b|voicemail|answering|whatsapp)"
)
# An identifier's label before the digits: a claim or policy number, not a phone.
_ID_LABEL = re.compile(
    r"(?i:claim|case|policy|account|member|record|mrn|ssn|licen[cs]e|adj|id|npi|dea|no\.|#)"
    r"\W{0,12}\Z"
)
_MIN_DIGITS, _MIN_DIGITS_CUED, _MAX_DIGITS = 8, 6, 15


class PhoneRecognizer(PatternRecognizer):
    """(213) 555-0123, 213-555-0123, 213.555.0123, 1-800-555-0123, 213 555 0123 [ext. 12];
    any country's grouped digits: eight or more, or six or more after a phone word.

    A bare seven-digit 555-0123 counts only after a phone/fax/tel label or cue.
    """

    KIND = "phone"
    PLACEHOLDER = "[PHONE]"
    NEEDS = DIGIT  # every pattern holds a digit
    PATTERNS = (
        Pattern("parenthesized", rf"\(\d{{3}}\)\s*\d{{3}}\s?[-.\s]\s?\d{{4}}(?!\d){_EXT}"),
        Pattern(
            "separated",
            rf"\d\d\d[-.\s]\d{{3}}[-.\s]\d{{4}}(?![\d]|[-/]\d){_EXT}",
            not_after="/.-",
        ),
        *(
            Pattern(f"labelled_{label}", word(label) + _LABELLED_VALUE, triggers=(label,))
            for label in ("phone", "tel", "telephone", "fax", "facsimile", "cell", "mobile")
        ),
        Pattern("grouped", _GROUPED, not_after="/.-+#:"),
        Pattern("run", _RUN, not_after="/.-+#:"),
    )

    def validate(self, match: re.Match[str]) -> bool:
        if match.re.pattern == _RUN:
            return self._run_is_phone(match)
        if match.re.pattern != _GROUPED:
            return True
        value = match.group()
        digits = sum(c.isdigit() for c in value)
        if digits > _MAX_DIGITS or len({c for c in value if c in " .-"}) > 1 and "(" not in value:
            return False  # "12.5-13 2013": mixed separators are no phone number
        if _ID_LABEL.search(match.string, max(0, match.start() - 24), match.start()):
            return False
        groups = re.split(r"[ .-]", value)
        if sum(len(g) >= 5 for g in groups) > 1 and not value.startswith(("0", "+", "(")):
            return False  # "CPT 97110 97140": codes; a national number starts with its 0
        if all(len(g) == 4 and g[:2] in ("19", "20") for g in groups) or _date_like(groups):
            return False  # "in 2012 2013": years; "2011-07-14", "07.25.2013": a date
        if digits >= _MIN_DIGITS:
            return True
        return digits >= _MIN_DIGITS_CUED and _cued(match)

    @staticmethod
    def _run_is_phone(match: re.Match[str]) -> bool:
        if _ID_LABEL.search(match.string, max(0, match.start() - 24), match.start()):
            return False
        value = match.group()
        return value[0] == "0" and len(value) in (10, 11) or _cued(match)


def _cued(match: re.Match[str]) -> bool:
    """A phone word in the 40 characters before the number or right after it."""
    before = match.string[max(0, match.start() - 40) : match.start()]
    return (
        _CUE.search(before) is not None or _CUE_AFTER.match(match.string, match.end()) is not None
    )


def _date_like(groups: list[str]) -> bool:
    if len(groups) != 3 or not all(g.isdigit() for g in groups):
        return False
    a, b, c = (int(g) for g in groups)
    if len(groups[0]) == 4:
        return 1 <= b <= 12 and 1 <= c <= 31
    return a <= 31 and b <= 31 and len(groups[2]) in (2, 4)
