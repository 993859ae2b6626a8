"""Every date spelling the letters use, to `datetime.date`.

Letters write MM/DD/YYYY, M/D/YY, MM-DD-YYYY, ISO dates and spelled-out months
("July 14, 2013", "Jul. 14, 2013", "14 July 2013"). One compiled pattern finds them all.
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH_NAME = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
DATE_PATTERN = (
    r"(?:(?P<m>\d{1,2})\s?[/.-]\s?(?P<d>\d{1,2})\s?[/.-]\s?(?P<y>\d{4}|\d{2})(?!\d)"
    r"|(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})"
    rf"|(?P<mn>{_MONTH_NAME})\.?\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<my>\d{{4}})"
    rf"|(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dm>{_MONTH_NAME})\.?,?\s+(?P<dy>\d{{4}}))"
)
"""A regex fragment (named groups) matching one date in any supported spelling."""

DATE_RE = re.compile(DATE_PATTERN, re.IGNORECASE)
_TWO_DIGIT_PIVOT = 30  # "3/4/98" is 1998, "3/4/13" is 2013


def _year(text: str) -> int:
    value = int(text)
    if len(text) == 2:
        return 2000 + value if value <= _TWO_DIGIT_PIVOT else 1900 + value
    return value


def date_from_match(m: re.Match[str]) -> date | None:
    """The date a `DATE_PATTERN` match spells, or None for an impossible one (02/30)."""
    g = m.groupdict()
    try:
        if g["m"] is not None:
            return date(_year(g["y"]), int(g["m"]), int(g["d"]))
        if g["iy"] is not None:
            return date(int(g["iy"]), int(g["im"]), int(g["id"]))
        if g["mn"] is not None:
            return date(int(g["my"]), _MONTHS[g["mn"][:3].lower()], int(g["md"]))
        if g["dm"] is not None:
            return date(int(g["dy"]), _MONTHS[g["dm"][:3].lower()], int(g["dd"]))
    except ValueError:  # 02/30/2013 and the like: not a date
        return None
    return None


def parse_date(text: str | None) -> date | None:
    """The first date in `text`, or None."""
    if not text:
        return None
    m = DATE_RE.search(text)
    return date_from_match(m) if m else None


def date_at_start(text: str) -> date | None:
    """A date that `text` starts with (after spaces), or None: for label values."""
    m = DATE_RE.match(text.lstrip(" \t"))
    return date_from_match(m) if m else None
