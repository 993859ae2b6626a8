"""Dates finer than a year, in every spelling the letters use."""

from __future__ import annotations

import re
from datetime import date as date_type

from imr_lake.deid.recognizers.base import DIGIT, Pattern, PatternRecognizer

# Title case and capitals, each month led by a literal letter (see base: speed).
MONTH = (
    r"(?:J(?:an(?:uary)?|une?|uly?|AN(?:UARY)?|UNE?|ULY?)|F(?:eb(?:ruary)?|EB(?:RUARY)?)"
    r"|M(?:ar(?:ch)?|ay|AR(?:CH)?|AY)|A(?:pr(?:il)?|ug(?:ust)?|PR(?:IL)?|UG(?:UST)?)"
    r"|S(?:ep(?:t(?:ember)?)?|EP(?:T(?:EMBER)?)?)|O(?:ct(?:ober)?|CT(?:OBER)?)"
    r"|N(?:ov(?:ember)?|OV(?:EMBER)?)|D(?:ec(?:ember)?|EC(?:EMBER)?))(?![A-Za-z])"
)
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:19|20)\d{2}(?!\d)|'\d{2}(?!\d))"
_TWO_DIGIT_PIVOT = 30  # "3/4/98" is 1998, "3/4/13" is 2013 (as the parsers read it)
# Words after which "7/25" or "July 25" without a year is a date, not a dose or a ratio.
DATE_WORDS = frozenset(
    "on dated date dates dos doi dob since through thru until till seen visit exam "
    "evaluation report note rfa request received signed".split()
)
_LAST_WORD = re.compile(r"([A-Za-z-]+)[\s,:]*\Z")


def full_year(text: str) -> int:
    """A two-digit year read the way the parsers read it."""
    value = int(text.lstrip("'"))
    if len(text.lstrip("'")) == 2:
        return 2000 + value if value <= _TWO_DIGIT_PIVOT else 1900 + value
    return value


class DateRecognizer(PatternRecognizer):
    """A date finer than a year becomes `[DATE-YYYY]` (the year kept, as Safe Harbor allows).

    Spellings: 07/25/2013, 7/25/13, 07-25-2013, 07.25.2013, 2013-07-25, July 25, 2013,
    Jul. 25th, 2013, JULY 25, 2013, 25 July 2013, the 25th of July, 2013, July 2013,
    07/2013, and after a date word ("on", "dated", "DOS"...) 7/25 or July 25 without a year
    (`[DATE]`). A year that would make someone 90 or older (`oldest_year`) is dropped too:
    Safe Harbor counts it as an element of an age over 89.
    """

    KIND = "date"
    PLACEHOLDER = "[DATE]"
    NEEDS = DIGIT  # every pattern holds a digit
    PATTERNS = (
        Pattern(
            "numeric",
            r"(?P<m>\d\d?)\s?(?P<sep>[/.\-])\s?(?P<d>\d{1,2})\s?(?P=sep)\s?"
            r"(?P<y>\d{4}|\d{2})(?![\d/]|\.\d|-\d)",
            not_after="/.-",
        ),
        Pattern(
            "iso",
            r"(?P<y>(?:19|20)\d{2})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d\-/])",
        ),
        Pattern(
            "day_mon_year_hyphens",
            rf"(?P<d>\d\d?)-(?P<mn>{MONTH})\.?-{_YEAR}",
            not_after="/.-",
        ),
        Pattern("mon_day_year_hyphens", rf"(?P<mn>{MONTH})-(?P<d>\d{{1,2}})-{_YEAR}"),
        Pattern("month_day_year", rf"(?P<mn>{MONTH})\.?\s*(?P<d>\d{{1,2}}){_ORD}\s*,?\s*{_YEAR}"),
        Pattern(
            "day_month_year",
            rf"(?P<d>\d\d?){_ORD}\s+(?:day\s+)?(?:of\s+)?(?P<mn>{MONTH})\.?,?\s+{_YEAR}",
        ),
        Pattern("month_year", rf"(?P<mn>{MONTH})\.?,?\s+(?:of\s+)?{_YEAR}"),
        Pattern(  # the month `0?[1-9]|1[0-2]` led by a bare digit (see base)
            "numeric_month_year",
            r"(?P<m>[0-9](?:(?<=0)[1-9]|(?<=[1-9])|(?<=1)[0-2]))\s?[/-]\s?(?P<y>(?:19|20)\d{2})(?![\d/])",
            not_after="/.-",
        ),
        Pattern(
            "month_day",
            rf"(?P<mn>{MONTH})\.?\s+(?P<d>\d{{1,2}}){_ORD}(?![\d/]|[.,]\d|\s*(?:mg|%|\d))",
        ),
        Pattern(
            "numeric_month_day",
            r"(?P<m>\d\d?)/(?P<d>\d{1,2})(?![\d/.]|\s?mg|\s?%)",
            not_after="/.-",
        ),
    )

    def __init__(self, oldest_year: int | None = None) -> None:
        super().__init__()
        self.oldest_year = oldest_year

    def validate(self, match: re.Match[str]) -> bool:
        groups = match.groupdict()
        month, day = groups.get("m"), groups.get("d")
        if month is not None and not 1 <= int(month) <= 12:
            # 25.07.2013: day first, as most of the world writes it
            if day is None or not (1 <= int(day) <= 12 and int(month) <= 31):
                return False
            month, day = day, month
        if day is not None and not 1 <= int(day) <= 31:
            return False
        if groups.get("y") is None:
            if groups.get("mn") is None and day == "10":
                return False  # "7/10" is a pain score far more often than July 10
            return self._after_date_word(match)
        return True

    @staticmethod
    def _after_date_word(match: re.Match[str]) -> bool:
        """A month and day without a year only after a date word ("seen on July 3")."""
        if match.groupdict().get("mn") not in (None, "May", "MAY", "Mar", "MAR"):
            return True
        previous = _LAST_WORD.search(match.string, max(0, match.start() - 20), match.start())
        return previous is not None and previous.group(1).lower() in DATE_WORDS

    def placeholder(self, match: re.Match[str]) -> str:
        raw = match.groupdict().get("y")
        if raw is None:
            return self.PLACEHOLDER
        year = full_year(raw)
        if self.oldest_year is not None and year <= self.oldest_year:
            return self.PLACEHOLDER
        return f"[DATE-{year}]"


_MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()


def spellings(day: date_type, *, with_year: bool = True) -> set[str]:
    """The ways letters write one date: 7/5/2013, 07/05/13, July 5, 2013, 5 Jul 2013...

    Spelled without the year too (July 5th): a month and day alone still identify.
    """
    m, d, y, yy = day.month, day.day, day.year, f"{day.year % 100:02d}"
    full, short = _MONTH_NAMES[m - 1], _MONTH_NAMES[m - 1][:3]
    out = set()
    if with_year:
        for sep in "/-.":
            for mm in {str(m), f"{m:02d}"}:
                for dd in {str(d), f"{d:02d}"}:
                    out |= {f"{mm}{sep}{dd}{sep}{y}", f"{mm}{sep}{dd}{sep}{yy}"}
        out.add(day.isoformat())
        for name in {full, short, f"{short}.", full.upper(), short.upper()}:
            for dd in {str(d), f"{d:02d}", f"{d}{_ordinal(d)}"}:
                out |= {f"{name} {dd}, {y}", f"{name} {dd} {y}", f"{dd} {name} {y}"}
            out.add(f"{name} {y}")
    for name in {full, short, f"{short}.", full.upper()}:
        out |= {f"{name} {d}", f"{name} {d}{_ordinal(d)}", f"{d}{_ordinal(d)} of {name}"}
    # Not "7/10" without a year: pain scores and doses look the same.
    return out


def _ordinal(n: int) -> str:
    if 11 <= n % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
