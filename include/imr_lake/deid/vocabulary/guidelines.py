"""Guideline titles, chapters and sections the letters cite (this project's list, v1).

From the published structure of California's Medical Treatment Utilization Schedule (8 CCR
9792.20 et seq.: Chronic Pain, Postsurgical, Acupuncture Medical Treatment Guidelines),
the ACOEM Occupational Medicine Practice Guidelines (chapters by body part and condition)
and the Official Disability Guidelines (Work Loss Data Institute / MCG), plus the evidence
words a citation uses (journals, Cochrane, systematic review).
"""

from __future__ import annotations

from functools import cache

_WORDS = """
    mtus acoem odg official disability guidelines guideline medical treatment utilization
    schedule chronic pain postsurgical acupuncture occupational medicine practice
    american college environmental edition chapter chapters complaints disorders
    conditions low back neck upper shoulder elbow forearm wrist hand knee ankle foot
    stress related eye hip pelvis pelvic head cervical thoracic lumbar spine
    work loss data institute mcg criteria use introduction initial approaches treatment
    physical methods general principles evaluation management cornerstones disability
    prevention clinical topics procedure summary section sections page pages table
    recommendations evidence based strength level insufficient moderate
    cochrane database systematic review reviews journal bulletin literature study studies
    trial trials randomized controlled meta-analysis aetna anthem cigna milliman
    interqual medicare national coverage determination ncd lcd food administration fda
    apg agency healthcare research quality ahrq nice institute health excellence uptodate
    medscape emedicine harrison's
"""


@cache
def words() -> frozenset[str]:
    return frozenset(_WORDS.split())
