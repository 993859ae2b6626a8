"""Clinical and anatomical words of workers' compensation medicine (this project's list, v1).

Written from the clinical content of IMR letters in general (body parts and levels,
diagnoses, procedures, treatment categories of DESIGN.md, common drugs) and the
eponym heads a name-derived clinical term ends with (`Spurling's test`, `Baker's cyst`).
It holds no employer, insurer, place or person: the lists say what may stay.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

# Nouns after which a capitalised (possessive) word is an eponym, not a person named.
EPONYM_HEADS = frozenset(
    """
    sign signs test tests maneuver manoeuvre disease syndrome palsy contracture cyst
    tenosynovitis fracture procedure operation reflex phenomenon classification criteria
    scale score index questionnaire neuroma deformity node nodes ulcer lesion tumor tumour
    dystrophy sarcoma lymphoma position view line point method technique approach splint
    maneuvers type tendon ligament membrane nerve bursa fascia joint muscle
    """.split()
)
# Word formation of medicine (Greek and Latin affixes): a word ending in one of these, or
# a prefix before a known word (`Nondisplaced`, `Postimmunization`), is clinical, however
# rare (`Osteochondropathy`, `Algoneurodystrophy`). No name is formed so.
_SUFFIXES = re.compile(
    r"(?:itis|itides|osis|oses|opathy|opathies|opathic|ectomy|otomy|ostomy|plasty|algia"
    r"|malacia|penia|plegia|paresis|lysis|trophy|trophic|ation|ations|ition|ulus|ular"
    r"|osus|eous|ous|ific|ectasis|iasis|emia|uria|cele|genic|genesis|ical|otic|atic|etic"
    r"|ytic|eal|inal|ital|somnia|plasia|trophic|ysmal)\Z"
)
_PREFIXES = re.compile(
    r"\A(?:non|sub|post|pre|intra|inter|peri|para|hyper|hypo|dys|poly|mono|pseudo|supra"
    r"|infra|trans|retro|multi|bi|uni|semi|anti|over|under|extra|osteo|arthro|myo|neuro"
    r"|chondro|spondylo|teno|synovio|capsulo)(?P<rest>[a-z]{4,})\Z"
)
_MIN_FORMED = 7


def is_formed(word: str, known: Callable[[str], bool]) -> bool:
    """A lowercase word that medicine's affixes make clinical; `known` judges a prefix's rest."""
    if len(word) < _MIN_FORMED:
        return False
    if _SUFFIXES.search(word):
        return True
    m = _PREFIXES.match(word)
    return m is not None and known(m.group("rest").lstrip("-"))


_WORDS = """
    abdomen abdominal ablation about above academy accident accordingly acetaminophen acoem
    acupuncture acupuncturist acute addiction additionally adjuster administrator
    administrators against agreed alprazolam although am ambien amitriptyline among amrix
    analg analgesic analgesics anaprox anesth anesthesiologist anesthesiology ankle ankles
    another anti anticonvulsant antidepressant antidepressants anxiety applicant application
    apportionment appropriate appropriately appropriateness approval approved aquatic arch
    arm arms arthritis arthropathy arthroplasty arthroscopic arthroscopy assessment assigned
    assistant assistants assoc association ativan attention attorney attorneys back baclofen
    because bed beds behavioral below bending benefits between bilateral biofeedback block
    blocks board bone both botox br brace braces brain bulletin buprenorphine bupropion
    bursitis butrans california camphor cane capacity capsaicin capsule capsules
    cardiovascular care carisoprodol carpal carrier carrying case cases causation celebrex
    celecoxib celexa cell certification certified certify cervical chapter chest
    chiropractic chiropractor chondroitin chronic citalopram citation citations claim
    claimant clearance clearly clin clinical clonazepam cochrane code codeine cognitive
    colace cold collar college colleges complaints complex compound compounded comprehensive
    computed computer computerized conditioning condrolite conduction consequently consult
    consultant consultants consultation consultations continuous contusion cord cortisone
    counsel coverage cream creams criteria crutches cryotherapy cuff cumulative curr
    currently cyclobenzaprine cymbalta database dates day days dear debridement decisions
    decompression degeneration degenerative denial denied dental dentistry department depo
    depression depressive derangement desk despite desyrel determination determinations
    diabetes diagnosed diagnoses diagnosis diagnostic diagnostics diazepam diclofenac
    disability disc discectomy discs disease diseases disorder disorders displacement
    dispute disputed division doctor doctors document documentation documented documents
    docusate dosage dose doses dr driving drug drugs duloxetine durable duragesic duty
    edition effexor either elavil elbow elbows electric electrical electromyogram
    electromyography emergency employee employer enclosure enclosures engl environ
    environmental epicondylitis epidural equipment ergonomic escitalopram esomeprazole
    eszopiclone etodolac euflexxa eur evaluation evaluations evaluator evaluators event
    events evidence exam examination examinations examiner excision exercise exercises
    expedited expert extremities extremity facet fall falls family fasciitis feet fenoprofen
    fentanyl fexmid final findings finger fingers fish flector flexeril flow fluoxetine
    flurbiprofen follow following foot foraminotomy fracture fractures functional further
    furthermore fusion gabadone gabapentin gastritis gel generalized geriatric glucosamine
    guideline guidelines gym gynecology hand hands hardening hardware head headache
    headaches health healthcare heat heel herniation hip hips history home hot hyaluronic
    hydrocodone hypertension ibuprofen ice illness imaging impairment impingement implant
    implantation impression impressions improvement incident independent indicated
    industrial inflammatories inflammatory inhibitor inhibitors initial initially injection
    injections injured injury insomnia institute institutes insurance insurer interferential
    intern internal interventional interventions into introduction issue issues item items
    jaw job joint journal jt kenalog ketamine ketoprofen ketorolac keyboard klonopin knee
    kneeling knees lab labor laboratory labs laminectomy lancet lansoprazole left leg legs
    lexapro license licensed licensure lidocaine lidoderm lifting ligament list lodine
    lorazepam loss low lower lumbar lumbosacral lunesta lyrica magnetic major management
    manager manipulation manual massage mattress maximal maximum med medical medication
    medications medicine medicines medrol medrox meloxicam membership meniscus mental
    menthoderm menthol metaxalone methadone methocarbamol methyl microdiscectomy migraine
    miralax miss mobic mobilization modalities modality modified month months moreover
    morphine motion motor motrin mr mrs ms mtus muscle muscles myofascial nabumetone nalfon
    naloxone naprosyn naproxen narcan narcotic narcotics national necessary necessity neck
    neither nerve neurol neurological neurologist neurology neurontin neuropathy
    neurophysiology neuropsychology nexium non nonindustrial norco norflex nortriptyline
    notably noted notes nucynta number nurse obesity objective obstetrics occup occupational
    odg office official oil omega omeprazole ondansetron only operative opiate opiates opin
    opioid opioids oral orphenadrine orthopaedic orthopedic orthopedics orthopedist orthotic
    orthotics orthovisc osteoarthritis out overall overturn oxycodone oxycontin pad pads
    pages pain panel pantoprazole part partial passive patch patches patients pelvic pelvis
    percocet perioperative permanent person pharmacist pharmacy phys physical physician
    physicians pillow plan plans plasma plastic platelet podiatric podiatrist podiatry point
    policy polysomnography pool post postop postoperative postsurgical pract practice pre
    prednisone pregabalin preop preoperative prevacid preventive previously prilosec primary
    prior priority professional program programs progress proton protonix provider providers
    prozac psychiatr psychiatric psychiatrist psychiatry psychol psychological psychologist
    psychology pulling pulmonary pump pushing qualifications qualified quantitative
    radiculitis radiculopathy radiofrequency radiologist radiology range ranitidine
    rationale ray rays reason reasonable reasons received recently recommend recommendation
    recommendations recommended reconstruction record records reference refill refills
    regards regional regulation regulations rehabil rehabilitation relafen relaxant
    relaxants release relied removal repair repetitive replacement reports requested
    requesting requests requirement requirements res resonance restoration rev reviewed
    reviewer reviewers reviews revision rheum rheumatologist rheumatology rich right robaxin
    room rotator rule sacral sacroiliac salicylate scan schedule sci screen screening
    secondary section sections senna sentra sertraline shoulder shoulders sincerely sitting
    skelaxin sleep slip society soma specialist specialists specialty specific specifically
    spinal spine splint splints sports sprain squatting standard standing state states
    stationary status stem stenosis steroid steroids stimulation stimulator stooping strain
    strength strengthening stress stretching studies study subjective suboxone subsequently
    subspecialty summary supartz supplemental supplements supply support supported supports
    surg surgeon surgeons surgeries surgery surgical syndrome synvisc syst systematic tablet
    tablets tapentadol tear tears temporary tendinitis tendon tendonitis tens terocin test
    testing tests ther theramine therapies therapist therapists therapy thoracic though
    through thumb title tizanidine toe toes tomography topamax topical topiramate toradol
    total toxicology traction tramadol transcutaneous transportation trauma trazodone
    treating treatment treatments trepadone trigger tunnel twisting tylenol typing
    ultimately ultracet ultram ultrasound unfortunately unit units unsupported up uphold
    upper urgent urine utilization valium vehicle velocity venlafaxine vicodin visit visits
    vitamin vocational voltaren walker walkers walking week weeks weight wellbutrin
    wheelchair whole within work worker workers wrist wrists xanax year years zanaflex
    zantac zofran zoloft zolpidem
    anatomy anatomical cervicalgia lumbago sciatica myelopathy spondylosis spondylolisthesis
    spondylolysis scoliosis kyphosis lordosis foramen foraminal neuroforaminal facet vertebra
    vertebrae vertebral discogenic annular osteophyte paraspinal trapezius rhomboid deltoid
    biceps triceps quadriceps hamstring gluteal piriformis sacrum coccyx ulnar radial median
    humerus femur tibia fibula patella patellar clavicle scapula acromion acromioclavicular
    glenohumeral labrum labral tendinosis tenosynovitis synovitis effusion edema swelling
    numbness tingling weakness paresthesia paresthesias hyperalgesia allodynia spasm spasms
    tenderness stiffness gait antalgic reflexes sensory motor dermatomal myotomal positive
    negative bilateral unilateral ipsilateral contralateral anterior posterior medial lateral
    proximal distal superior inferior dorsal volar plantar palmar mri ct emg ncv tens
    dme hep nsaid nsaids ssri snri ppi pt ot iv im mg mcg ml tab tabs cap caps bid tid qid
    prn qhs hs daily weekly sessions session visits therapy therapies sign signs test tests
    maneuver disease syndrome palsy contracture cyst tenosynovitis reflex
    electrodiagnostic flexion extension epilepsy anti compression transforaminal
    interlaminar caudal selective medial branch
"""


@cache
def words() -> frozenset[str]:
    return frozenset(_WORDS.split()) | EPONYM_HEADS
