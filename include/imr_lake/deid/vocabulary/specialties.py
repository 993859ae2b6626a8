"""Medical specialty and subspecialty names (the ABMS member boards' certificate names, v1).

From the American Board of Medical Specialties' list of specialties and subspecialties
(and the boards of chiropractic, acupuncture, psychology and podiatry the letters cite).
"""

from __future__ import annotations

from functools import cache

_WORDS = """
    allergy immunology anesthesiology anesthesia colon rectal dermatology emergency family
    internal medicine genetics genomics neurological surgery neurosurgery nuclear
    obstetrics gynecology ophthalmology orthopaedic orthopedic orthopaedics orthopedics
    otolaryngology pathology pediatrics physical rehabilitation pmr pm&r plastic
    preventive psychiatry neurology radiology surgery thoracic urology vascular
    cardiology cardiovascular critical care endocrinology gastroenterology geriatric
    hematology oncology infectious nephrology pulmonary rheumatology sports spinal cord
    injury pain hospice palliative addiction occupational aerospace public health
    clinical neurophysiology neuromuscular interventional diagnostic chiropractic
    chiropractor acupuncture oriental psychology psychologist neuropsychology podiatry
    podiatric foot ankle hand upper extremity spine brain adult reconstructive trauma
    board certified diplomate fellowship american osteopathic
"""


@cache
def words() -> frozenset[str]:
    return frozenset(_WORDS.split())
