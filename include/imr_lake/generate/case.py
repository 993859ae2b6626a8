"""The facts of one synthetic letter: what it states, and what a parser must read out.

Layout writers print a `Case`; the ground truth is computed from the same `Case`, so the
two cannot disagree. Free text that holds identifiers is composed here, once, through
`Planted`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from imr_lake.generate import reasons, vocab
from imr_lake.generate.fake import DATE_STYLES, Faker, Person, Planted
from imr_lake.generate.treatments import has_prefix, lower_first, strip_prefix, treatment_text
from imr_lake.schema import TREATMENT_CATEGORIES

FIRST_UR_DENIAL = date(2013, 1, 15)
LAST_UR_DENIAL = date(2026, 3, 31)


@dataclass
class Item:
    number: int
    text: str
    category: str
    decision: str
    citation: str
    sources: list[str]
    claims_citation: str
    rationale: str = ""
    why: str = ""  # the professional_review sentence after the citation


@dataclass
class Case:
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

    @property
    def decisions(self) -> set[str]:
        return {i.decision for i in self.items}


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


def _fits(sentence: str, citation: str) -> bool:
    """A drug-class sentence only goes with a citation of that class."""
    return all(
        needed in citation for word, needed in reasons.CLASS_WORDS.items() if word in sentence
    )


def _rationale(case: Case, item: Item) -> str:
    rng = case.rng
    upheld = item.decision == "Upheld"
    why_up, why_over = reasons.WHY[item.category]
    parts: list[str] = []
    if rng.random() < 0.5:
        parts.append(f"The patient has diagnoses of {_join(case.diagnoses)}.")
    report = case.injury_date + timedelta(days=rng.randint(30, 400))
    report = min(report, case.ur_denial_date or case.application_date)
    provider = rng.choice(case.providers)
    name = case.name(provider)
    by = f" by {name}" if name or rng.random() < 0.5 else ""
    parts.append(f"The progress report dated {case.date(report)}{by} documents the request.")
    parts.extend(rng.sample(reasons.HISTORY, k=rng.randint(0, 4)))
    parts.extend(rng.sample(reasons.GENERAL, k=rng.randint(0, 3)))
    pool = [w for w in (why_up if upheld else why_over) if _fits(w, item.citation)]
    pool = pool or list(reasons.GENERAL)
    parts.extend(rng.sample(pool, k=rng.randint(1, len(pool))))
    close = rng.choice(reasons.CLOSE_UPHELD if upheld else reasons.CLOSE_OVERTURNED)
    if has_prefix(item.text):
        close = close.replace("The request for {t}", "The {t}")
    parts.append(close.format(t=lower_first(item.text)))
    return " ".join(parts)


def _join(words: list[str]) -> str:
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " and " + words[-1]


def _fill_dos(case: Case, item: Item) -> None:
    if "{dos}" in item.text:
        dos = case.ur_denial_date or case.application_date
        dos -= timedelta(days=case.rng.randint(1, 40))
        item.text = item.text.replace("{dos}", case.date(dos, "mdyy"))


PAST_SURGERIES = (
    "lumbar surgery",
    "a right knee arthroscopy",
    "a cervical fusion",
    "a left shoulder arthroscopy",
    "carpal tunnel release",
)
REPORT_OPENERS = (
    "The report dated {date} by {name} indicates that {finding}",
    "The report dated {date} by {name} indicates that {finding}",
    "According to the progress report of {name} dated {date}, {finding}",
    "On {date}, {name} noted that {finding}",
    "A follow-up evaluation on {date} with {name} documents that {finding}",
)


def _leak_employer(case: Case) -> str:
    employer = case.plant("employer", case.employer)
    return f"The patient works for {employer} and was injured lifting boxes."


def _leak_phone(case: Case) -> str:
    return f"The office can be reached at {case.plant('phone', case.faker.phone())}."


def _leak_fax(case: Case) -> str:
    return f"The request was faxed from {case.plant('fax', case.faker.phone())}."


def _leak_insurer(case: Case) -> str:
    return (
        f"The claims administrator, {case.plant('insurer', case.insurer)}, referred the "
        "request to utilization review."
    )


def _leak_adj(case: Case) -> str:
    return f"The case is before the WCAB under {case.plant('adj_number', case.adj_number)}."


def _leak_address(case: Case) -> str:
    street, city, zip_code = case.address
    return (
        f"The patient lives at {case.plant('address', street)}, {case.plant('city', city)}, "
        f"CA {case.plant('zip', zip_code)} and drives to appointments."
    )


def _leak_email(case: Case) -> str:
    return f"Records were sent by email to {case.plant('email', case.faker.email(case.adjuster))}."


def _leak_attorney(case: Case) -> str:
    name = case.name(case.attorney)
    return (
        f"The applicant's attorney {name} requested an expedited review."
        if name
        else ("The applicant's attorney requested an expedited review.")
    )


def _leak_mrn(case: Case) -> str:
    return f"The hospital chart ({case.plant('mrn', case.faker.mrn())}) was reviewed."


def _leak_ssn(case: Case) -> str:
    return f"The intake form lists the SSN as {case.plant('ssn', case.faker.ssn())}."


# (chance per summary paragraph, sentence): identifiers where real summaries leak them.
LEAKS = (
    (0.2, _leak_employer),
    (0.08, _leak_phone),
    (0.05, _leak_fax),
    (0.08, _leak_insurer),
    (0.05, _leak_adj),
    (0.04, _leak_address),
    (0.03, _leak_email),
    (0.08, _leak_attorney),
    (0.03, _leak_mrn),
    (0.01, _leak_ssn),
)


def _summary(case: Case) -> list[str]:
    rng = case.rng
    sex = case.gender.lower()
    noun = {"male": ("male", "man", "gentleman"), "female": ("female", "woman", "lady")}[sex]
    who = rng.choice(noun) if case.gender_stated else "individual"
    subject = rng.choice(("The patient", "The patient", "The injured worker", "The applicant"))
    article = "an" if who == "individual" else "a"
    if case.age is None:
        opening = (
            f"{subject} is {article} {who} with a date of injury of {case.date(case.injury_date)}."
        )
    else:
        age = rng.choice(("{a} year old", "{a}-year-old", "{a} year-old"))
        age = age.format(a=case.planted.add("age", str(case.age)) if case.age > 89 else case.age)
        opening = (
            f"{subject} is a {age} {who} with a date of injury of {case.date(case.injury_date)}."
        )
    dx = rng.choice(
        (
            "{s} has diagnoses of {d}.",
            "The diagnoses are {d}.",
            "Diagnoses include {d}.",
            "{s} has been diagnosed with {d}.",
        )
    )
    first = [opening, dx.format(s=subject, d=_join(case.diagnoses))]
    if case.ur_denial_date:
        item = case.items[0]
        what = lower_first(item.text)
        what = f"the {what}" if has_prefix(item.text) else f"the request for {what}"
        first.append(
            f"The utilization review dated {case.date(case.ur_denial_date)} denied {what}."
        )
    if rng.random() < 0.3:
        year = case.injury_date.year - rng.randint(1, 12)
        first.append(f"{subject} is status post {rng.choice(PAST_SURGERIES)} in {year}.")
    paras = [" ".join(first)]
    for _ in range(rng.randint(1, 3) if rng.random() < 0.8 else rng.randint(4, 8)):
        provider = rng.choice(case.providers)
        name = case.name(provider)
        when = case.injury_date + timedelta(days=rng.randint(10, 700))
        when = min(when, case.application_date - timedelta(days=rng.randint(1, 30)))
        finding = rng.choice(reasons.HISTORY)
        finding = finding[0].lower() + finding[1:]
        opener = rng.choice(REPORT_OPENERS)
        sentences = [opener.format(date=case.date(when), name=name, finding=finding)]
        others = [h for h in reasons.HISTORY if h[1:] != finding[1:]]
        sentences += rng.sample(others, k=rng.randint(1, 5))
        for chance, leak in LEAKS:
            if rng.random() < chance:
                sentences.append(leak(case))
        paras.append(" ".join(sentences))
    if rng.random() < 0.4:  # the sample's "  request is for ...": a blanked possessive name
        name = case.name(rng.choice(case.providers))
        what = lower_first(strip_prefix(case.items[-1].text))
        paras[-1] += f" {name}'s request is for {what}." if name else f"  request is for {what}."
    return paras


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
    case = Case(
        layout=layout,
        planted=Planted(),
        faker=fk,
        case_number=fk.case_number(t["app"].year),
        claim_number=fk.claim_number(),
        adj_number=fk.adj_number(),
        injury_date=t["injury"],
        ur_denial_date=t["ur"] if rng.random() < 0.93 else None,
        application_date=t["app"],
        date_assigned=t["assigned"],
        decision_date=t["decision"],
        priority=rng.choices(("Standard", "Expedited", None), weights=(80, 12, 8))[0],
        age=_age(rng),
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
    case.summary = _summary(case)
    for item in case.items:
        item.rationale = _rationale(case, item)
    return case
