"""The free text of a letter: the clinical case summary and each item's rationale.

Composed once per case, with every identifier planted through the case, so that the
letter prints exactly what the truth records.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from imr_lake.generate import leaks, reasons
from imr_lake.generate.treatments import has_prefix, lower_first, strip_prefix

if TYPE_CHECKING:
    from imr_lake.generate.case import Case, Item


def _fits(sentence: str, citation: str) -> bool:
    """A drug-class sentence only goes with a citation of that class."""
    return all(
        needed in citation for word, needed in reasons.CLASS_WORDS.items() if word in sentence
    )


def rationale(case: Case, item: Item) -> str:
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


OPENINGS = (
    "{s} is a {age} {who} with a date of injury of {date}.",
    "{s} is a {age} {who} with a date of injury of {date}.",
    "{s} is a {age} {who} who sustained an industrial injury on {date}.",
    "{s} is a {age} {who} who reported an injury on {date} while working as a {job}.",
    "This is a {age} {who} who was injured on {date}.",
)
JOBS = (
    "warehouse worker",
    "truck driver",
    "caregiver",
    "correctional officer",
    "cashier",
    "farm laborer",
    "custodian",
    "teacher's aide",
    "nurse assistant",
    "machine operator",
)


def summary(case: Case) -> list[str]:
    rng = case.rng
    sex = case.gender.lower()
    noun = {"male": ("male", "man", "gentleman"), "female": ("female", "woman", "lady")}[sex]
    who = rng.choice(noun) if case.gender_stated else "individual"
    subject = rng.choice(("The patient", "The patient", "The injured worker", "The applicant"))
    article = "an" if who == "individual" else "a"
    injured = case.date(case.injury_date)
    if case.age is None:
        opening = f"{subject} is {article} {who} with a date of injury of {injured}."
    else:
        age = rng.choice(("{a} year old", "{a}-year-old", "{a} year-old"))
        age = age.format(a=case.planted.add("age", str(case.age)) if case.age > 89 else case.age)
        opening = rng.choice(OPENINGS).format(
            s=subject, age=age, who=who, date=injured, job=rng.choice(JOBS)
        )
        subject = "The patient" if opening.startswith("This") else subject
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
        for chance, leak in leaks.LEAKS:
            if rng.random() < chance:
                sentences.append(leak(case))
        paras.append(" ".join(sentences))
    if rng.random() < 0.4:  # the sample's "  request is for ...": a blanked possessive name
        name = case.name(rng.choice(case.providers))
        what = lower_first(strip_prefix(case.items[-1].text))
        paras[-1] += f" {name}'s request is for {what}." if name else f"  request is for {what}."
    return paras
