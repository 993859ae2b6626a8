"""The facts of one synthetic letter: what it states, and what a parser must read out.

Layout writers print a `Case`; the ground truth is computed from the same `Case`, so the
two cannot disagree. Free text that holds identifiers is composed once (by `prose`), with
every identifier going through `Planted`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from imr_lake.generate import prose, vocab
from imr_lake.generate.fake import DATE_STYLES, Faker, Person, Planted
from imr_lake.generate.treatments import treatment_text
from imr_lake.schema import TREATMENT_CATEGORIES

FIRST_UR_DENIAL = date(2013, 1, 15)
LAST_UR_DENIAL = date(2026, 3, 31)


@dataclass
class Item:
    """One disputed item as the letter states it."""

    number: int
    text: str
    category: str
    decision: str
    citation: str
    sources: list[str]
    claims_citation: str
    rationale: str = ""


@dataclass
class Case:
    """Every fact of one letter, the people in it, and the identifiers it has printed."""

    layout: str
    planted: Planted
    faker: Faker
    case_number: str
    claim_number: str
    adj_number: str
    injury_date: date
    ur_denial_date: date | None
    application_date: date
    date_assigned: date
    decision_date: date
    priority: str | None
    age: int | None
    gender: str  # the patient's sex; `gender_stated` says if the letter names it
    gender_stated: bool
    diagnoses: list[str]
    specialties: list[str]
    subspecialty: str | None
    licensed_in: str
    years_in_practice: str
    patient: Person
    providers: list[Person]
    adjuster: Person
    attorney: Person
    signer: Person
    address: tuple[str, str, str]  # the patient's street, city, ZIP
    employer: str
    insurer: str
    items: list[Item] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)  # clinical summary paragraphs
    blank_share: float = 0.3
    date_style: str = "mmddyyyy"
    known_names: list[str] = field(default_factory=list)

    @property
    def rng(self) -> random.Random:
        return self.faker.rng

    def date(self, d: date, style: str | None = None) -> str:
        """A full date in free text: planted, in the letter's or a random spelling."""
        rng = self.rng
        style = style or (self.date_style if rng.random() < 0.7 else rng.choice(list(DATE_STYLES)))
        return self.planted.add("date", DATE_STYLES[style](d))

    def name(self, person: Person, *, labelled: bool = False, style: str = "") -> str:
        """A person's name in free text, or '' where the publisher blanked it."""
        if not labelled and self.rng.random() < self.blank_share:
            return ""
        styled = {"full": person.full, "formal": f"{person.title} {person.last}".strip()}
        text = self.planted.add("name", styled.get(style) or person.styled(self.rng))
        if labelled and text not in self.known_names:
            self.known_names.append(text)
        return text

    def blanked(self) -> bool:
        """Whether a labelled identifier (an address block, a cc: line) was blanked."""
        return self.rng.random() < self.blank_share

    def plant(self, kind: str, text: str) -> str:
        return self.planted.add(kind, text)


# The review organisation changed layouts over the years: `letter` is the earliest.
UR_DENIAL_RANGE = {
    "letter": (FIRST_UR_DENIAL, date(2014, 6, 30)),
    "header_table": (date(2013, 6, 1), LAST_UR_DENIAL),
    "professional_review": (date(2014, 1, 1), LAST_UR_DENIAL),
}
# Real disputes are mostly about drugs and therapy; every category still occurs.
CATEGORY_WEIGHTS = {
    "pharmaceuticals": 34, "physical_therapy": 10, "chiropractic": 4, "acupuncture": 5,
    "diagnostic_imaging": 9, "diagnostic_testing": 7, "injections": 7, "surgery": 5, "dme": 7,
    "psychological_services": 3, "evaluation_management": 4, "home_health": 2, "programs": 2,
    "other": 2,
}  # fmt: skip


def _timeline(fk: Faker, layout: str) -> dict[str, date]:
    ur = fk.date_between(*UR_DENIAL_RANGE.get(layout, (FIRST_UR_DENIAL, LAST_UR_DENIAL)))
    app = ur + timedelta(days=fk.rng.randint(3, 45))
    assigned = app + timedelta(days=fk.rng.randint(1, 20))
    decision = assigned + timedelta(days=fk.rng.randint(3, 60))
    injury = ur - timedelta(days=fk.rng.randint(60, 365 * 12))
    return {"ur": ur, "app": app, "assigned": assigned, "decision": decision, "injury": injury}


FIRST_INJURY = date(1940, 1, 1)  # any date of injury is eligible: lifetime awards reach back
WORK_AGE = 16  # the generator's youngest age at injury (validation allows 14)
OLD_INJURY_SHARE = 0.12  # injuries of the 1940s to 2000s: lifetime medical awards


def _injury(rng: random.Random, t: dict[str, date], age: int | None) -> date:
    """A date of injury that fits the patient's age: of working age when injured.

    Most injuries are recent (up to 12 years before the UR denial); some are decades old,
    back to 1940, as lifetime medical awards are.
    """
    ur, decision = t["ur"], t["decision"]
    earliest = FIRST_INJURY
    if age is not None:
        earliest = max(earliest, date(decision.year - (age - WORK_AGE) + 1, 1, 1))
    latest = ur - timedelta(days=60)
    if rng.random() < OLD_INJURY_SHARE and earliest < latest:
        injury = earliest + timedelta(days=rng.randint(0, (latest - earliest).days))
    else:
        injury = t["injury"]
    return min(max(injury, earliest), latest)


def _age(rng: random.Random) -> int | None:
    roll = rng.random()
    if roll < 0.05:
        return None
    if roll < 0.14:
        return rng.randint(90, 99)
    if roll < 0.24:
        return rng.randint(18, 89)
    return max(18, min(89, round(rng.gauss(49, 11))))


def _citation(rng: random.Random, category: str, text: str) -> tuple[str, tuple[str, ...]]:
    """A citation that fits the treatment: a topical one if any matches, else a general one."""
    lowered = text.lower()
    options = vocab.CITATIONS[category]

    def topic(citation: str) -> tuple[str, ...] | None:
        return next((v for k, v in vocab.CITATION_TOPICS.items() if k in citation), None)

    fitting = [c for c in options if any(w in lowered for w in topic(c[0]) or ())]
    general = [c for c in options if topic(c[0]) is None]
    return rng.choice(fitting or general or list(options))


def _items(rng: random.Random, categories: list[str]) -> list[Item]:
    mode = rng.choices(("Upheld", "Overturned", "mixed"), weights=(6, 2, 2))[0]
    items = []
    for n, category in enumerate(categories, start=1):
        decision = mode if mode != "mixed" else rng.choice(("Upheld", "Overturned"))
        text = treatment_text(rng, category)
        citation, sources = _citation(rng, category, text)
        claims = rng.choice(vocab.CLAIMS_ADMIN_CITATIONS)
        items.append(
            Item(
                n,
                text,
                category,
                decision,
                citation,
                [s for s in ("MTUS", "ACOEM", "ODG", "Other") if s in sources],
                claims,
            )
        )
    if mode == "mixed" and len(items) > 1 and len({i.decision for i in items}) == 1:
        items[-1].decision = "Overturned" if items[0].decision == "Upheld" else "Upheld"
    return items


def _fill_dos(case: Case, item: Item) -> None:
    if "{dos}" in item.text:
        dos = case.ur_denial_date or case.application_date
        dos -= timedelta(days=case.rng.randint(1, 40))
        item.text = item.text.replace("{dos}", case.date(dos, "mdyy"))


def build_case(layout: str, rng: random.Random, category_cycle: list[str]) -> Case:
    """Draw every fact of one letter. `category_cycle` feeds categories in turn so that a
    corpus covers all of them."""
    fk = Faker(rng)
    t = _timeline(fk, layout)
    female = rng.random() < 0.45
    n_items = rng.choices((1, 2, 3, 4, 5, 6), weights=(40, 25, 15, 10, 6, 4))[0]
    categories = [
        category_cycle.pop(0)
        if category_cycle
        else rng.choices(TREATMENT_CATEGORIES, [CATEGORY_WEIGHTS[c] for c in TREATMENT_CATEGORIES])[
            0
        ]
        for _ in range(n_items)
    ]
    specialties = [rng.choice(vocab.SPECIALTIES)]
    if rng.random() < 0.1:
        specialties.append(rng.choice([s for s in vocab.SPECIALTIES if s != specialties[0]]))
    age = _age(rng)
    case = Case(
        layout=layout,
        planted=Planted(),
        faker=fk,
        case_number=fk.case_number(t["app"].year),
        claim_number=fk.claim_number(),
        adj_number=fk.adj_number(),
        injury_date=_injury(rng, t, age),
        ur_denial_date=t["ur"] if rng.random() < 0.93 else None,
        application_date=t["app"],
        date_assigned=t["assigned"],
        decision_date=t["decision"],
        priority=rng.choices(("Standard", "Expedited", None), weights=(80, 12, 8))[0],
        age=age,
        gender="Female" if female else "Male",
        gender_stated=rng.random() < 0.9,
        diagnoses=rng.sample(vocab.DIAGNOSES, k=rng.randint(1, 4)),
        specialties=specialties,
        subspecialty=rng.choice(vocab.SUBSPECIALTIES) if rng.random() < 0.35 else None,
        licensed_in=rng.choice(vocab.LICENSED_IN),
        years_in_practice=rng.choice(
            ("more than five years", "more than ten years", "more than 15 years", "over 20 years")
        ),
        patient=fk.person(female=female),
        providers=[fk.person(clinician=True) for _ in range(rng.randint(1, 3))],
        adjuster=fk.person(),
        attorney=fk.person(),
        signer=fk.person(clinician=True),
        address=fk.address(),
        employer=rng.choice(vocab.EMPLOYERS),
        insurer=rng.choice(vocab.INSURERS),
        items=_items(rng, categories),
        blank_share=rng.choice((0.0, 0.2, 0.5, 0.8)),
        date_style=rng.choice(("mmddyyyy", "mmddyyyy", "mdyy", "mdyyyy", "spelled")),
    )
    for item in case.items:
        _fill_dos(case, item)
    case.summary = prose.summary(case)
    for item in case.items:
        item.rationale = prose.rationale(case, item)
    return case
