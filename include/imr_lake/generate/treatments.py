"""Disputed items: realistic treatment texts per category of DESIGN.md.

Each category has a few templates; slots are filled from small vocabularies so that item
names carry the colons, parentheses, numbers and slashes real letters have.
"""

from __future__ import annotations

import random
from collections.abc import Callable

NUMBERS = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    8: "eight",
    10: "ten",
    12: "twelve",
}
SPINE = ("cervical spine", "lumbar spine", "thoracic spine")
JOINTS = (
    "right shoulder",
    "left shoulder",
    "right knee",
    "left knee",
    "right wrist",
    "left wrist",
    "right elbow",
    "left ankle",
    "right hip",
    "bilateral knees",
)
REGIONS = (
    "the neck, low back and bilateral knees",
    "the lumbar spine",
    "the cervical spine",
    "the right shoulder",
    "the left knee",
    "the low back",
    "the bilateral wrists",
    "the neck and upper back",
)
LEVELS = ("L4-L5", "L5-S1", "L3-L4", "L4-5 and L5-S1", "C5-C6", "C6-C7", "C4-C5")
DRUGS = (
    "Norco 10/325mg #60",
    "Norco 10/325 mg, #120",
    "Tramadol ER 150mg #30",
    "Ultram 50mg #90",
    "Oxycodone 10mg #120",
    "Percocet 5/325 mg #90",
    "Naproxen sodium 550mg #100",
    "Anaprox DS 550 mg #60",
    "Motrin 800mg #90",
    "Omeprazole 20mg #120",
    "Prilosec 20 mg #60",
    "Cyclobenzaprine 7.5mg #60",
    "Flexeril 10mg #30",
    "Soma 350mg #60",
    "Gabapentin 600mg #90",
    "Lyrica 75 mg #60",
    "Ambien 10mg #30",
    "Zolpidem 10 mg #30",
    "Lidoderm 5% patch #30",
    "Terocin patches #20",
    "Cymbalta 60mg #30",
    "Trazodone 50mg #60",
    "Ketoprofen 20% cream 120gm",
    "Flurbiprofen 25%/Lidocaine 5% compound cream 240gm",
    "Medrox ointment 120g",
    "Ondansetron ODT 8mg #30",
    "Butrans patch 10mcg/hr #4",
    "Menthoderm gel 120gm",
    "Fexmid 7.5mg #120",
)
PREFIXES = (
    "",
    "",
    "",
    "",
    "Retrospective request for ",
    "Prospective request for ",
    "Retrospective request: ",
    "Request for ",
)
PHARMACY_PREFIXES = ("1 prescription of ", "Retrospective request for ", "")


def _count(rng: random.Random) -> tuple[int, str]:
    n = rng.choice((1, 2, 3, 4, 6, 8, 10, 12))
    return n, NUMBERS[n]


def _pharma(rng: random.Random) -> str:
    drug = rng.choice(DRUGS)
    form = rng.choice(
        ("{d}", "{d}", "{d}", "Prescription of {d}", "{d} with 2 refills", "{d} (DOS: {dos})")
    )
    return form.format(d=drug, dos="{dos}")


def _pt(rng: random.Random) -> str:
    times = rng.choice((1, 2, 2, 3, 3))
    weeks = rng.choice((2, 3, 4, 4, 6, 8))
    times_w, weeks_w = NUMBERS.get(times, str(times)), NUMBERS.get(weeks, str(weeks))
    region = rng.choice(REGIONS)
    forms = (
        f"Physical Therapy {times_w} ({times}) times a week for {weeks_w} ({weeks}) weeks to "
        f"{region}",
        f"{times * weeks} sessions of physical therapy for {region}",
        f"Physical therapy {times}x{weeks} for {region}",
        f"Post-operative physical therapy: 12 visits for the {rng.choice(JOINTS)}",
        f"Aquatic therapy, {times * weeks} sessions",
        f"Occupational therapy 2x6 (12 sessions) for the {rng.choice(JOINTS[4:8])}",
        f"Additional physical therapy (PT) {times}x{weeks} for the {rng.choice(SPINE)}",
    )
    return rng.choice(forms)


def _chiro(rng: random.Random) -> str:
    times, _ = _count(rng)
    return rng.choice(
        (
            f"Chiropractic treatment 2 times a week for {times} weeks for the {rng.choice(SPINE)}",
            f"Chiropractic manipulation: {times * 2} visits to the low back",
            f"{times} chiropractic sessions with myofascial release (cervical/lumbar)",
        )
    )


def _acu(rng: random.Random) -> str:
    times, times_w = _count(rng)
    return rng.choice(
        (
            f"Acupuncture {times_w} ({times}) sessions for the {rng.choice(SPINE)}",
            f"Acupuncture 2x{times} for the {rng.choice(JOINTS)}",
            "Additional acupuncture with electrical stimulation: 6 visits",
        )
    )


def _imaging(rng: random.Random) -> str:
    return rng.choice(
        (
            f"MRI of the {rng.choice(SPINE)} without contrast",
            f"MRI of the {rng.choice(JOINTS)}",
            f"Magnetic resonance imaging (MRI) of the {rng.choice(SPINE)}",
            f"X-rays of the {rng.choice(SPINE)}: 3 views",
            f"CT scan of the {rng.choice(SPINE)}",
            "Bone scan (whole body)",
            f"MR arthrogram of the {rng.choice(JOINTS[:4])}",
            "Flexion/extension X-rays of the lumbar spine",
        )
    )


def _testing(rng: random.Random) -> str:
    return rng.choice(
        (
            "EMG/NCV of the bilateral lower extremities",
            "Electromyography (EMG) of the bilateral upper extremities",
            "NCV (nerve conduction velocity) study of the right upper extremity",
            "Urine drug screen",
            "Urine toxicology screening (1 test)",
            "Sleep study (polysomnography)",
            "Laboratory tests: CBC, CMP and hepatic function panel",
            "Functional capacity evaluation (FCE)",
            "Computerized range of motion (ROM) and muscle testing",
        )
    )


def _injection(rng: random.Random) -> str:
    return rng.choice(
        (
            f"Lumbar epidural steroid injection at {rng.choice(LEVELS[:4])}",
            f"Cervical epidural steroid injection (ESI) at {rng.choice(LEVELS[4:])}",
            f"Transforaminal epidural steroid injection, bilateral {rng.choice(LEVELS[:4])}",
            f"Trigger point injections x {rng.choice((2, 3, 4))} to the trapezius",
            f"Medial branch block at {rng.choice(LEVELS)}, bilateral",
            "Facet joint injections: L3-4, L4-5, L5-S1",
            f"Cortisone injection to the {rng.choice(JOINTS)}",
            f"Radiofrequency ablation at {rng.choice(LEVELS[:3])} (bilateral)",
            "Synvisc-One injection to the right knee",
        )
    )


def _surgery(rng: random.Random) -> str:
    return rng.choice(
        (
            f"Arthroscopic surgery of the {rng.choice(JOINTS[:4])} with subacromial decompression",
            "Right knee arthroscopy with partial medial meniscectomy",
            f"Anterior cervical discectomy and fusion (ACDF) at {rng.choice(LEVELS[4:])}",
            f"Lumbar laminectomy/discectomy at {rng.choice(LEVELS[:4])}",
            "Left carpal tunnel release",
            "Right shoulder rotator cuff repair: open or arthroscopic",
            "Total knee replacement (left) with 3 day inpatient stay",
            "Assistant surgeon for the right shoulder arthroscopy",
        )
    )


def _dme(rng: random.Random) -> str:
    return rng.choice(
        (
            "TENS unit (30 day rental)",
            "Purchase of a TENS unit with supplies",
            "Lumbar brace",
            f"Hinged knee brace for the {rng.choice(('right', 'left'))} knee",
            "Cold therapy unit: 7 day rental",
            "Vascutherm cold compression unit (14 days)",
            "Hospital bed",
            "Front-wheeled walker",
            "Interferential stimulator (IF unit) rental x 2 months",
            "Cervical traction unit for home use",
        )
    )


def _psych(rng: random.Random) -> str:
    n, _ = _count(rng)
    return rng.choice(
        (
            f"Cognitive behavioral therapy (CBT): {n} sessions",
            "Psychological evaluation",
            f"Psychotherapy 1x/week for {n} weeks",
            "Biofeedback 6 sessions",
            "Psychiatric consultation and medication management",
        )
    )


def _eval(rng: random.Random) -> str:
    return rng.choice(
        (
            "Orthopedic consultation",
            "Pain management consultation",
            "Follow-up office visit with the primary treating physician",
            f"Referral to a spine surgeon for the {rng.choice(SPINE)}",
            "Neurology consultation",
            "Internal medicine consultation for gastrointestinal complaints",
        )
    )


def _home(rng: random.Random) -> str:
    n, _ = _count(rng)
    return rng.choice(
        (
            f"Home health care 4 hours per day, 7 days a week for {n} weeks",
            "Home health aide (8 hours a day)",
            f"In-home nursing evaluation and {n} visits",
        )
    )


def _programs(rng: random.Random) -> str:
    return rng.choice(
        (
            "Functional restoration program (FRP), 160 hours",
            "Functional restoration program: 10 day trial",
            "Work hardening program 2 times a week for 6 weeks",
            "Work conditioning (12 sessions)",
            "Weight loss program (Lindora) for 10 weeks",
            "Multidisciplinary pain management program evaluation",
        )
    )


def _other(rng: random.Random) -> str:
    return rng.choice(
        (
            "Gym membership for 6 months",
            "Gym membership with pool access (1 year)",
            "Transportation to and from medical appointments",
            "Interpreter services for medical appointments",
        )
    )


MAKERS: dict[str, Callable[[random.Random], str]] = {
    "pharmaceuticals": _pharma,
    "physical_therapy": _pt,
    "chiropractic": _chiro,
    "acupuncture": _acu,
    "diagnostic_imaging": _imaging,
    "diagnostic_testing": _testing,
    "injections": _injection,
    "surgery": _surgery,
    "dme": _dme,
    "psychological_services": _psych,
    "evaluation_management": _eval,
    "home_health": _home,
    "programs": _programs,
    "other": _other,
}


_PROPER = {d.split()[0] for d in DRUGS} | {"Synvisc-One", "Vascutherm", "Lindora"}


def lower_first(text: str) -> str:
    """Lower-case the first letter inside a sentence, unless it starts a name or acronym."""
    first = text.split(" ", 1)[0]
    if first in _PROPER or first[:2].isupper() or first[:1].isdigit():
        return text
    return text[0].lower() + text[1:]


def strip_prefix(text: str) -> str:
    """The treatment without "Retrospective request for" and the like."""
    for prefix in sorted(PREFIXES + PHARMACY_PREFIXES, key=len, reverse=True):
        if prefix and text.startswith(prefix):
            return text[len(prefix) :]
    return text


def has_prefix(text: str) -> bool:
    return any(p and text.startswith(p) for p in PREFIXES + PHARMACY_PREFIXES)


def treatment_text(rng: random.Random, category: str) -> str:
    """A treatment request of one category; may hold a `{dos}` slot for a date of service."""
    prefix = rng.choice(PREFIXES + (PHARMACY_PREFIXES if category == "pharmaceuticals" else ()))
    text = MAKERS[category](rng)
    return prefix + lower_first(text) if prefix else text
