"""Rule-based `treatment_category`: the treatment text to one of the 14 categories.

Rules are tried in order and the first that matches wins; the order resolves overlaps:
- a few known `other` items first: transportation, interpreters, gym or pool memberships;
- programs first: "functional restoration program evaluation" is a program;
- psychological services before evaluation/management: "psychological evaluation";
- chiropractic, acupuncture and physical therapy before DME and surgery:
  "post-operative physical therapy" is therapy, not surgery;
- DME before pharmaceuticals and therapy words: "cold therapy unit" is equipment;
- injections before drugs: "Depo-Medrol injection" is an injection;
- imaging and testing before visits: "urine drug screen" is testing, not a drug;
- evaluation/management (consultations, visits) before surgery: "surgical consultation";
- surgery, then pharmaceuticals (drug names, classes, doses, forms), then `other`.
"""

from __future__ import annotations

import re

_DRUGS = (
    "norco|hydrocodone|vicodin|oxycodone|oxycontin|percocet|endocet|tramadol|ultram|ultracet|"
    "tapentadol|nucynta|morphine|ms ?contin|methadone|fentanyl|duragesic|hydromorphone|"
    "dilaudid|codeine|tylenol|acetaminophen|buprenorphine|butrans|suboxone|opioid|opiate|"
    "gabapentin|neurontin|pregabalin|lyrica|cyclobenzaprine|flexeril|fexmid|amrix|soma|"
    "carisoprodol|tizanidine|zanaflex|baclofen|methocarbamol|robaxin|orphenadrine|norflex|"
    "metaxalone|skelaxin|muscle relaxant|naproxen|anaprox|naprosyn|ibuprofen|motrin|"
    "meloxicam|mobic|celecoxib|celebrex|diclofenac|voltaren|flector|pennsaid|etodolac|"
    "nabumetone|relafen|ketoprofen|flurbiprofen|ketorolac|toradol|nsaids?|lidocaine|lidoderm|"
    "terocin|capsaicin|menthoderm|methyl salicylate|salonpas|biofreeze|omeprazole|prilosec|"
    "pantoprazole|protonix|esomeprazole|nexium|ranitidine|zantac|ondansetron|zofran|docusate|"
    "colace|senna|sennosides|laxative|sertraline|zoloft|duloxetine|cymbalta|amitriptyline|"
    "nortriptyline|trazodone|desyrel|zolpidem|ambien|eszopiclone|lunesta|alprazolam|xanax|"
    "diazepam|valium|lorazepam|ativan|clonazepam|klonopin|temazepam|venlafaxine|effexor|"
    "bupropion|wellbutrin|fluoxetine|prozac|escitalopram|lexapro|citalopram|topiramate|"
    "topamax|sumatriptan|imitrex|fioricet|butalbital|prednisone|medrol|methylprednisolone|"
    "theramine|sentra|gabadone|trepadone|medical food|glucosamine|chondroitin|vitamin|"
    "dendracin|keratek|genicin|somnicin|laxacin|ketamine|antidepressant|antibiotic|keflex|"
    "cephalexin|levofloxacin|xarelto|aspirin|lovenox|enoxaparin|viagra|cialis|testosterone|"
    "androgel|melatonin|cyclophene|tabradol|synapryn|deprizine|dicopanol|fanatrex|"
    "hyaluronic|analgesic|anti-inflammator\\w*|sleep aid|hypnotic"
)
_RULES: tuple[tuple[str, str], ...] = (
    ("other", r"transportation|\btaxi\b|membership|hot tub|jacuzzi|\bspa\b|interpret|translat"),
    (
        "programs",
        r"functional restoration|\bFRP\b|work hardening|work conditioning|weight[- ]loss|"
        r"(?<!exercise )\bprograms?\b|multidisciplinary|interdisciplinary|detox(?:ification)?\b|"
        r"pain rehabilitation",
    ),
    (
        "home_health",
        r"home health|home care|home nursing|in-home|home aide|home assistance|caregiver|"
        r"attendant care|housekeeping|home services|nursing services|personal care",
    ),
    (
        "psychological_services",
        r"psycholog|psychiatr|psychotherap|\bpsych\b|cognitive behavio|\bCBT\b|biofeedback|"
        r"counsel(?:l)?ing|mental health|behavioral (?:health|medicine)|hypnotherapy",
    ),
    ("chiropractic", r"chiropract|spinal manipulat|osteopathic manipulat|manipulative therapy"),
    ("acupuncture", r"acupunct|acupressure"),
    (
        "physical_therapy",
        r"physical therapy|physiotherapy|\bPT\b|occupational therapy|\bOT\b|aquatic|aqua therapy|"
        r"pool therapy|hydrotherapy|therapeutic exercise|physical medicine|hand therapy|"
        r"post-?\s?op(?:erative)?\.? therapy|massage|myofascial release|"
        r"(?:sessions|visits) of (?:physical )?therapy|rehabilitation therapy|\btherapy sessions",
    ),
    (
        "dme",
        r"\bTENS\b|electrical (?:nerve |muscle )?stimulation|\bNMES\b|interferential|"
        r"\bIF unit|H-wave|\bunit\b|braces?\b|orthos[ie]s|orthotics?|"
        r"splints?\b|\bcane\b|walker|wheelchair|scooter|\bbed\b|mattress|pillow|cold therapy|"
        r"cryotherapy|hot/cold|heat(?:ing)? (?:pad|wrap)|traction|\bCPM\b|continuous passive|"
        r"(?<!cord )stimulator|commode|shower chair|toilet seat|\bcollar\b|lumbar support|insoles|"
        r"\bshoes?\b|compression (?:stockings|garment|sleeve)|crutch|ice machine|vasopneumatic|"
        r"\bDME\b|durable medical|equipment|device|\bkit\b|\bsling\b|gloves?\b|\bpump\b",
    ),
    (
        "injections",
        r"inject|epidural|\bESI\b|facet|medial branch|trigger point|nerve block|\bblocks?\b|"
        r"radiofrequency|rhizotomy|ablation|neurotomy|viscosupplement|synvisc|orthovisc|"
        r"supartz|euflexxa|cortisone shot|\bPRP\b|platelet[- ]rich|prolotherapy|botox",
    ),
    (
        "diagnostic_imaging",
        r"\bMRI\b|\bMRA\b|magnetic resonance|x-?rays?\b|radiograph|\bCT\b|\bCAT scan|"
        r"computed tomograph|bone scan|ultrasound|sonogra|arthrogra|myelogra|\bDEXA\b|\bPET\b|"
        r"imaging|scans?\b",
    ),
    (
        "diagnostic_testing",
        r"\bEMG\b|\bNCV\b|\bNCS\b|nerve conduction|electromyogra|electrodiagnostic|\blabs?\b|"
        r"laborator|blood (?:test|work|panel)|\bCBC\b|\bCMP\b|metabolic panel|urine|\bUDS\b|"
        r"drug (?:screen|test)|toxicolog|sleep stud|polysomno|functional capacity|\bFCE\b|"
        r"\bEKG\b|\bECG\b|echocardiogra|stress test|pulmonary function|genetic|\bDNA\b|"
        r"\btests?\b|testing|screening|\bpanel\b|\bQST\b|videonystagm|audiogra|audiometr|"
        r"discogra|range of motion measurement|computerized",
    ),
    (
        "evaluation_management",
        r"consult|office visits?|follow[- ]?up|\bvisits?\b|referral|evaluation|re-?evaluat|"
        r"second opinion|pain management|specialist|clearance|appointment|assessment|"
        r"examination|\bexam\b|management",
    ),
    (
        "surgery",
        r"surger|surgical|spinal cord stimulat|neurostimulat|ectomy|otomy|plasty|scopy|scopic|"
        r"fusion|decompression|arthrodesis|"
        r"replacement|\brepair\b|release\b|reconstruct|fixation|\bORIF\b|debridement|"
        r"hardware removal|removal of hardware|implant|manipulation under anesthesia|"
        r"inpatient|hospital stay|length of stay|\bsurgeon\b|anesthesia|excision|tenotomy",
    ),
    (
        "pharmaceuticals",
        rf"{_DRUGS}|\d+(?:\.\d+)?\s*(?:mg|mcg|ml|gm|g)\b|\d\s*%|#\s*\d+|\btabs?\b|tablet|"
        r"capsule|\bcaps?\b|cream|\bgel\b|ointment|patch(?:es)?\b|lotion|compound|medication|"
        r"prescription|refill|\brx\b|drops|spray|solution|suspension|\b(?:ER|XR|SR|CR|ODT)\b|"
        r"\w+(?:profen|codone|morphone|azepam|prazole|triptan|oxicam|tidine|pril|olol|statin|"
        r"sartan|gliptin|formin)\b",
    ),
)
_COMPILED = tuple((name, re.compile(pattern, re.IGNORECASE)) for name, pattern in _RULES)
# "MTUS"-style words in an item name are not clinical content; nor are request wrappers.
_NOISE_RE = re.compile(
    r"^\s*(?:\d+[.)]\s*)?(?:(?:prospective|retrospective|concurrent)\s+)?(?:request\s+for\s+)?",
    re.IGNORECASE,
)


def classify_treatment(text: str | None) -> str:
    """The treatment category of an item's text; `other` when no rule matches."""
    if not text:
        return "other"
    subject = _NOISE_RE.sub("", text)
    for name, pattern in _COMPILED:
        if pattern.search(subject):
            return name
    return "other"
