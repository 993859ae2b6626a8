"""Fake people, places, numbers and dates, drawn from a seeded `random.Random`.

Every value that is an identifier goes through `Planted.add`, so the ground truth lists
each one exactly as the letter prints it.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

from imr_lake.generate import vocab

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTHS_SHORT = (
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "May",
    "Jun.",
    "Jul.",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)


def mmddyyyy(d: date) -> str:
    return f"{d.month:02d}/{d.day:02d}/{d.year}"


def mdyy(d: date) -> str:
    return f"{d.month}/{d.day}/{d.year % 100:02d}"


def mdyyyy(d: date) -> str:
    return f"{d.month}/{d.day}/{d.year}"


def spelled(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def spelled_short(d: date) -> str:
    return f"{MONTHS_SHORT[d.month - 1]} {d.day}, {d.year}"


def dashed(d: date) -> str:
    return f"{d.month:02d}-{d.day:02d}-{d.year}"


DATE_STYLES = {
    "mmddyyyy": mmddyyyy,
    "mdyy": mdyy,
    "mdyyyy": mdyyyy,
    "spelled": spelled,
    "spelled_short": spelled_short,
    "dashed": dashed,
}


@dataclass
class Planted:
    """The identifiers a letter prints, in order, each exactly as printed."""

    items: list[dict[str, str]] = field(default_factory=list)

    def add(self, kind: str, text: str) -> str:
        if text and {"kind": kind, "text": text} not in self.items:
            self.items.append({"kind": kind, "text": text})
        return text


@dataclass
class Person:
    first: str
    last: str
    title: str = ""  # "Dr.", "Mr.", "Ms."
    degree: str = ""  # "M.D.", "D.C." ...

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"

    def styled(self, rng: random.Random) -> str:
        """The name as one mention prints it: with or without title, initial, degree."""
        forms = [self.full, f"{self.first[0]}. {self.last}"]
        if self.title:
            forms += [f"{self.title} {self.last}", f"{self.title} {self.full}"]
        if self.degree:
            forms += [f"{self.full}, {self.degree}", f"{self.full} {self.degree}"]
        return rng.choice(forms)


class Faker:
    """Seeded source of fake values; one per letter keeps letters independent."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def person(self, *, female: bool | None = None, clinician: bool = False) -> Person:
        rng = self.rng
        female = rng.random() < 0.5 if female is None else female
        first = rng.choice(vocab.FIRST_NAMES_FEMALE if female else vocab.FIRST_NAMES_MALE)
        last = rng.choice(vocab.LAST_NAMES)
        if clinician:
            degree = rng.choice(vocab.DEGREES)
            title = "Dr." if degree in ("M.D.", "MD", "D.O.", "DO", "D.C.", "DC", "Ph.D.") else ""
            return Person(first, last, title, degree)
        return Person(first, last, "Ms." if female else "Mr.")

    def date_between(self, start: date, end: date) -> date:
        span = max((end - start).days, 0)
        return start + timedelta(days=self.rng.randint(0, span))

    def phone(self) -> str:
        rng = self.rng
        area, mid, last = rng.choice(vocab.AREA_CODES), rng.randint(200, 999), rng.randint(0, 9999)
        form = rng.choice(("({a}) {m}-{l:04d}", "{a}-{m}-{l:04d}", "{a}.{m}.{l:04d}"))
        return form.format(a=area, m=mid, l=last)

    def email(self, person: Person) -> str:
        rng = self.rng
        user = rng.choice(
            (
                f"{person.first}.{person.last}",
                f"{person.first[0]}{person.last}",
                f"{person.last}{rng.randint(1, 99)}",
            )
        )
        user = unicodedata.normalize("NFKD", user).encode("ascii", "ignore").decode()
        user = user.lower().replace("'", "").replace("-", "")
        return f"{user}@{rng.choice(vocab.EMAIL_DOMAINS)}"

    def address(self) -> tuple[str, str, str]:
        """(street line, city, ZIP)."""
        rng = self.rng
        street = f"{rng.randint(100, 19999)} {rng.choice(vocab.STREETS)}"
        if rng.random() < 0.4:
            street += f", {rng.choice(vocab.SUITES)}"
        city, zip3 = rng.choice(vocab.CITIES)
        return street, city, f"{zip3}{rng.randint(0, 99):02d}"

    def ssn(self) -> str:
        rng = self.rng
        return f"{rng.randint(100, 665):03d}-{rng.randint(10, 99):02d}-{rng.randint(1000, 9999)}"

    def case_number(self, year: int) -> str:
        return f"CM{year % 100:02d}-{self.rng.randint(1, 199999):07d}"

    def claim_number(self) -> str:
        rng = self.rng
        form = rng.choice(("{a}{n:09d}", "{n:07d}-{m:03d}", "{a}{a2}-{n:08d}", "{n:010d}"))
        return form.format(
            a=rng.choice("ABCDEFGHJKLMNPRSTWZ"),
            a2=rng.choice("CWX"),
            n=rng.randint(10**6, 10**9 - 1) % 10**7 * 10 + rng.randint(0, 9),
            m=rng.randint(1, 999),
        )

    def adj_number(self) -> str:
        return f"ADJ{self.rng.randint(1000000, 9999999)}"

    def mrn(self) -> str:
        return f"MRN {self.rng.randint(100000, 9999999)}"
