"""How one letter looks: font family, size, leading, margins and page furniture.

Drawn per letter from its seed, so a corpus mixes standard and embedded TrueType fonts and
every footer style.
"""

from __future__ import annotations

import random

from imr_lake.generate.flow import Style

FOOTER_NOTES = (
    "CONFIDENTIAL: This document contains protected health information.",
    "IMR Final Determination Letter",
    "MAXIMUS Federal Services, Inc.",
)


def pick_style(rng: random.Random) -> Style:
    family = rng.choices(("times", "helvetica", "vera", "courier"), weights=(35, 25, 30, 10))[0]
    return Style(
        family=family,
        size=rng.choice((10.0, 10.5, 11.0, 11.0, 12.0)),
        leading=rng.choice((1.15, 1.25, 1.3, 1.4)),
        margin=rng.choice((54.0, 63.0, 72.0, 72.0, 90.0)),
        footer=rng.choices(
            ("Page {n} of {m}", "Page {n} of {m} ", "{n} of {m}", "- {n} -"), weights=(80, 8, 7, 5)
        )[0],
        footer_center=rng.random() < 0.6,
        footer_top=rng.random() < 0.1,
        footer_note=rng.choice(FOOTER_NOTES) if rng.random() < 0.15 else "",
    )
