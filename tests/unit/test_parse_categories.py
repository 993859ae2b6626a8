"""treatment_category on item texts worded the way real IMR letters word them."""

from __future__ import annotations

import pytest
from imr_lake.parse.categories import classify_treatment
from imr_lake.schema import TREATMENT_CATEGORIES

CASES = [
    # pharmaceuticals: brand and generic names, classes, doses, compounded topicals
    ("Norco 10/325mg #90", "pharmaceuticals"),
    ("Prospective request for 1 prescription of Tramadol ER 150mg #30", "pharmaceuticals"),
    ("Lidoderm 5% patches #30 with 2 refills", "pharmaceuticals"),
    ("Compounded cream: Flurbiprofen 20%/Cyclobenzaprine 4%/Lidocaine 5% 180gm", "pharmaceuticals"),
    ("Retrospective request for Terocin patch DOS: 12/01/2013", "pharmaceuticals"),
    ("Omeprazole 20 mg, sixty count", "pharmaceuticals"),
    ("Cyclobenzaprine 7.5mg", "pharmaceuticals"),
    ("Theramine #120", "pharmaceuticals"),
    ("Gabapentin", "pharmaceuticals"),
    ("Medrox ointment 120 grams", "pharmaceuticals"),
    # physical therapy: PT, OT, post-operative and aquatic therapy
    ("Physical Therapy three (3) times a week for four (4) weeks to the neck", "physical_therapy"),
    ("Post-operative physical therapy 2x6 for the right knee", "physical_therapy"),
    ("Aquatic therapy 12 sessions", "physical_therapy"),
    ("Occupational therapy for the left hand, 8 visits", "physical_therapy"),
    ("Additional PT 2x4 lumbar spine", "physical_therapy"),
    # chiropractic and acupuncture
    ("Chiropractic treatment 2 times a week for 4 weeks", "chiropractic"),
    ("Chiropractic manipulation, six sessions", "chiropractic"),
    ("Acupuncture 2 times a week for 3 weeks for the cervical spine", "acupuncture"),
    ("Electro-acupuncture x 6 sessions", "acupuncture"),
    # imaging
    ("MRI of the lumbar spine without contrast", "diagnostic_imaging"),
    ("X-rays of the right shoulder, 3 views", "diagnostic_imaging"),
    ("CT scan of the cervical spine", "diagnostic_imaging"),
    ("Bone scan", "diagnostic_imaging"),
    ("Diagnostic ultrasound of the left knee", "diagnostic_imaging"),
    # testing
    ("EMG/NCV of the bilateral upper extremities", "diagnostic_testing"),
    ("Urine drug screen", "diagnostic_testing"),
    ("Urine toxicology screening", "diagnostic_testing"),
    ("Sleep study", "diagnostic_testing"),
    ("Labs: CBC, CMP and hepatic panel", "diagnostic_testing"),
    ("Functional capacity evaluation", "diagnostic_testing"),
    ("Nerve conduction studies of the lower extremities", "diagnostic_testing"),
    # injections
    ("Lumbar epidural steroid injection at L4-5", "injections"),
    ("Bilateral L4-L5 and L5-S1 facet joint injections", "injections"),
    ("Trigger point injections x 4", "injections"),
    ("Right knee cortisone injection", "injections"),
    ("Radiofrequency ablation at L3, L4 and L5", "injections"),
    ("Medial branch blocks bilateral L4-S1", "injections"),
    ("Synvisc One injection left knee", "injections"),
    # surgery
    ("Right shoulder arthroscopy with subacromial decompression", "surgery"),
    ("L4-5 and L5-S1 anterior/posterior fusion", "surgery"),
    ("Carpal tunnel release, right wrist", "surgery"),
    ("Total knee replacement, left", "surgery"),
    ("Spinal cord stimulator trial", "surgery"),
    ("Inpatient hospital stay x 2 days", "surgery"),
    # dme
    ("TENS unit for home use", "dme"),
    ("Cold therapy unit, 7 day rental", "dme"),
    ("Lumbar brace", "dme"),
    ("Hospital bed", "dme"),
    ("Front wheeled walker", "dme"),
    ("Interferential unit and supplies", "dme"),
    ("Cervical traction unit", "dme"),
    ("Transcutaneous electrical nerve stimulation, 30 day trial", "dme"),
    # psychological services
    ("Cognitive behavioral therapy, 6 sessions", "psychological_services"),
    ("Psychological evaluation", "psychological_services"),
    ("Biofeedback 6 sessions", "psychological_services"),
    ("Psychotherapy 1x week for 12 weeks", "psychological_services"),
    ("Psych eval", "psychological_services"),
    # evaluation and management
    ("Orthopedic surgeon consultation", "evaluation_management"),
    ("Follow-up visit with the pain management specialist", "evaluation_management"),
    ("Office visits x 6", "evaluation_management"),
    ("Referral to a neurologist", "evaluation_management"),
    ("Pain management consultation", "evaluation_management"),
    # home health
    ("Home health care 4 hours a day, 5 days a week", "home_health"),
    ("Home health aide assistance", "home_health"),
    # programs
    ("Functional restoration program, 160 hours", "programs"),
    ("Work hardening program 10 sessions", "programs"),
    ("Weight loss program", "programs"),
    ("Multidisciplinary pain program evaluation", "programs"),
    # other
    ("Gym membership for 6 months", "other"),
    ("Transportation to and from medical appointments", "other"),
    ("Pool membership", "other"),
    ("", "other"),
]


@pytest.mark.parametrize(("text", "category"), CASES, ids=[c[0][:40] or "empty" for c in CASES])
def test_classify_treatment(text: str, category: str) -> None:
    assert classify_treatment(text) == category


def test_every_category_is_covered_and_valid() -> None:
    assert {category for _, category in CASES} == set(TREATMENT_CATEGORIES)
