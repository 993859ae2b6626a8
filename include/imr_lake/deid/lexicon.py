"""Word lists the name recognizer judges candidates with.

First names and surnames come from the US Census 1990 name files shipped in the `names`
package (PyPI, pure data, nothing downloaded at run time). `NOT_NAMES` holds capitalized
words of letters that must never count as a name, even where a census list has them
(Walker, Brace, Back, May...): clinical vocabulary, letter headings, guideline words.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

NOT_NAMES = frozenset(
    """
    A An The This That These Those It Its He She His Her Him They Their Them We Our You Your
    I In On At Of For From To By With Without Per Via And Or Nor But If As Is Was Are Were Be
    Been Has Had Have Do Does Did Not No Yes All Any Each Every Some Such Other Another Both
    Either Neither Only Also Then Than There Here When Where While Which Who Whom Whose What
    Why How After Before During Since Until Upon Under Over Above Below Between Within About
    Against Among Into Through Regarding Based Given However Therefore Thus Further Furthermore
    Moreover Additionally Although Though Because Despite Prior Following Per Please Note Notes
    Noted Dear Sincerely Regards Re Cc Attn Attention Enclosure Enclosures Date Dated Dates Day
    Days Week Weeks Month Months Year Years Page Pages Section Chapter Part Item Items Number
    January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday Patient Patients Applicant Claimant Employee Employer Injured Worker
    Workers Worker Provider Providers Physician Physicians Doctor Doctors Dr Mr Mrs Ms Miss
    Nurse Surgeon Surgeons Therapist Therapists Reviewer Reviewers Expert Examiner Adjuster
    Attorney Attorneys Counsel Manager Case Cases Claim Claims Administrator Administrators
    Insurer Insurance Carrier Company Corporation Group Services Service Inc Corp Llc
    Review Reviewed Reviews Report Reports Record Records Medical Medicine Medicines
    Medication Medications Treatment Treatments Treating Primary Secondary Request Requested
    Requesting Requests Decision Decisions Determination Final Independent Utilization
    Upheld Overturned Uphold Overturn Denied Denial Approved Approval Modified Certified
    Certification Non Certify Board Licensed License Licensure State States Specialty
    Subspecialty Qualifications Guideline Guidelines Citation Citations Rationale Summary
    Clinical Issue Issues Dispute Disputed Documents Document Reviewed Relied Professional
    Reasons Reason Standard Expedited Priority Application Received Assigned Injury Denial
    Chronic Pain Acute Postsurgical Surgical Surgery Surgeries Physical Therapy Therapies
    Occupational Chiropractic Chiropractor Acupuncture Acupuncturist Psychology Psychological
    Psychiatry Psychiatric Psychologist Psychiatrist Neurology Neurological Neurologist
    Orthopedic Orthopaedic Orthopedics Orthopedist Anesthesiology Anesthesiologist Internal
    Family Practice Preventive Emergency Plastic Rheumatology Rheumatologist Podiatric
    Podiatry Podiatrist Dentistry Dental Obstetrics Gynecology Rehabilitation Interventional
    Spine Sports Hand Pulmonary Diseases Disease Cardiovascular Geriatric Addiction
    Neurophysiology Neuropsychology Pharmacy Pharmacist Radiology Radiologist Imaging
    Diagnostic Diagnostics Diagnosis Diagnoses Diagnosed Testing Test Tests Lab Labs
    Laboratory Injection Injections Epidural Facet Trigger Point Joint Block Blocks Nerve
    Radiofrequency Ablation Steroid Steroids Durable Equipment Home Health Care Program
    Programs Functional Restoration Work Hardening Conditioning Weight Loss Gym Membership
    Transportation Consultation Consultations Consult Office Visit Visits Evaluation
    Evaluations Management Follow Up Office Exam Examination Examinations History Physical
    Cervical Thoracic Lumbar Lumbosacral Sacral Sacroiliac Spinal Back Low Neck Shoulder
    Shoulders Knee Knees Hip Hips Wrist Wrists Elbow Elbows Ankle Ankles Foot Feet Hand
    Hands Arm Arms Leg Legs Head Upper Lower Left Right Bilateral Extremity Extremities
    Muscle Muscles Disc Discs Cord Brain Chest Abdomen Abdominal Pelvis Pelvic Jaw Finger
    Fingers Thumb Toe Toes Heel Rotator Cuff Meniscus Tendon Ligament Carpal Tunnel
    Syndrome Strain Sprain Radiculopathy Radiculitis Neuropathy Stenosis Herniation
    Displacement Degeneration Degenerative Arthritis Osteoarthritis Arthropathy Derangement
    Impingement Tear Tears Fracture Fractures Contusion Tendinitis Tendonitis Bursitis
    Epicondylitis Fasciitis Depression Anxiety Insomnia Sleep Disorder Disorders Headache
    Headaches Migraine Hypertension Diabetes Obesity Gastritis Myofascial Complex Regional
    Status Post Rule Out Generalized Major Depressive Stress Mental Illness Behavioral
    Cognitive Interventions Biofeedback Opioid Opioids Opiate Opiates Narcotic Narcotics
    Topical Compound Compounded Cream Creams Patch Patches Gel Tablet Tablets Capsule
    Capsules Oral Dose Doses Dosage Refill Refills Supply Anti Inflammatory Inflammatories
    Relaxant Relaxants Analgesic Analgesics Antidepressant Antidepressants Anticonvulsant
    Proton Pump Inhibitor Inhibitors Drug Drugs Urine Screen Screening Toxicology Sleep
    Study Studies Electromyography Nerve Conduction Velocity Magnetic Resonance Computed
    Tomography Bone Scan Ray Rays Ultrasound Brace Braces Support Supports Walker Walkers
    Cane Crutches Wheelchair Bed Beds Cold Hot Unit Units Pad Pads Pillow Mattress Orthotic
    Orthotics Splint Splints Collar Traction Stimulator Stimulation Transcutaneous Electrical
    Electric Interferential Continuous Passive Motion Flow Cryotherapy Heat Ice Aquatic
    Pool Manual Manipulation Massage Mobilization Exercise Exercises Strengthening
    Stretching Range Motion Modalities Modality Arthroscopy Arthroscopic Arthroplasty
    Replacement Total Partial Fusion Decompression Laminectomy Discectomy Microdiscectomy
    Foraminotomy Repair Release Reconstruction Debridement Excision Removal Hardware
    Revision Implant Implantation Pre Preoperative Postoperative Operative Perioperative
    Assistant Assistants Clearance Labs Preop Postop Official Disability Practice
    Complaints Medical Treatment Schedule Mtus Acoem Odg American College Colleges Occupational
    Environmental Association Academy Society National Institute Institutes Federal Maximus
    Division Department California Labor Code Regulations Regulation Section Sections Title
    Evidence Based Appropriateness Criteria Coverage Determinations Manual Reference List
    Benefits Clinical Policy Bulletin Review Cochrane Systematic Desk Edition Introduction
    Physicians Official Recommended Recommendation Recommendations Recommend Necessary
    Necessity Appropriate Appropriately Reasonable Indicated Supported Unsupported Documented
    Documentation Evidence Objective Subjective Findings Findings Plan Assessment Impression
    Impressions Progress Initial Comprehensive Supplemental Panel Qualified Agreed Medical
    Evaluator Evaluators Primary Secondary Treating Requesting Specialist Specialists
    Consultant Consultants Qualified Hospital Clinic Center Centre Health Healthcare
    Emergency Urgent Room Department Unified School District County City Town Valley
    North South East West Northern Southern Eastern Western Central Pacific Coast Coastal
    Golden Sierra Bay Area Inland Empire Harbor Mission Sunset Sunrise Senior Living
    Transit Authority Foods Farms Poultry Builders Distribution Logistics Warehousing
    Fund Indemnity Mutual Risk Group Comp Compensation Workers Program Plan Plans
    Norco Vicodin Percocet Tramadol Ultram Ultracet Oxycodone Oxycontin Hydrocodone
    Morphine Fentanyl Duragesic Methadone Tapentadol Nucynta Codeine Tylenol Acetaminophen
    Ibuprofen Motrin Naproxen Anaprox Naprosyn Meloxicam Mobic Celebrex Celecoxib Diclofenac
    Voltaren Ketoprofen Flurbiprofen Etodolac Nabumetone Relafen Cyclobenzaprine Flexeril
    Soma Carisoprodol Tizanidine Zanaflex Baclofen Methocarbamol Robaxin Orphenadrine
    Norflex Metaxalone Skelaxin Gabapentin Neurontin Pregabalin Lyrica Topiramate Topamax
    Duloxetine Cymbalta Amitriptyline Elavil Nortriptyline Trazodone Desyrel Sertraline
    Zoloft Fluoxetine Prozac Escitalopram Lexapro Citalopram Celexa Bupropion Wellbutrin
    Venlafaxine Effexor Zolpidem Ambien Eszopiclone Lunesta Alprazolam Xanax Clonazepam
    Klonopin Lorazepam Ativan Diazepam Valium Omeprazole Prilosec Pantoprazole Protonix
    Ranitidine Zantac Lansoprazole Prevacid Esomeprazole Nexium Ondansetron Zofran
    Lidoderm Lidocaine Capsaicin Menthoderm Terocin Flector Medrox Ketamine Camphor Menthol
    Methyl Salicylate Theramine Sentra Trepadone Gabadone Omega Vitamin Supplements Fish Oil
    Toradol Ketorolac Medrol Prednisone Depo Kenalog Cortisone Botox Hyaluronic Synvisc
    Orthovisc Supartz Euflexxa Platelet Plasma Rich Stem Cell Buprenorphine Suboxone
    Butrans Naloxone Narcan Colace Senna Docusate Miralax Amrix Fexmid Fenoprofen Nalfon
    Lodine Terocin Tens Tramadol Condrolite Glucosamine Chondroitin Ultram
    Magnetic Resonance Tomography Electromyogram Polysomnography Ergonomic Computerized
    Range Strength Quantitative Functional Capacity Evaluation Vocational Job Modified Duty
    Temporary Total Permanent Stationary Maximal Maximum Improvement Impairment Whole Person
    Apportionment Causation Industrial Nonindustrial Cumulative Trauma Specific Continuous
    Repetitive Lifting Carrying Pushing Pulling Bending Twisting Stooping Kneeling Squatting
    Standing Sitting Walking Driving Typing Computer Keyboard Slip Fall Falls Motor Vehicle
    Accident Incident Event Events Initially Subsequently Currently Recently Previously
    Unfortunately Overall Ultimately Accordingly Consequently Specifically Clearly Notably
    Per Guidelines Guideline Criteria Requirement Requirements Recommended Evidence
    Spanish English Hispanic Caucasian African Asian Latino Latina
    Florida Maryland Current Straight Purchase Harvest
    Intern Med Engl Am Assoc Surg Clin Rheum Arch Phys Rehabil Bone Jt Br Eur Curr Opin
    Occup Environ Pract Res Ther Sci Psychol Psychiatr Anesth Analg Neurol Lancet Cochrane
    Database Syst Rev Edition Journal Bulletin United America American Americans
    """.split()
)

# Words that never start or end a name, whatever the context ("by The", "Dr. Garcia On").
FUNCTION_WORDS = frozenset(
    """
    A An The This That These Those It Its He She His Her Him They Their Them We Our You Your
    I In On At Of For From To By With Without Per Via And Or Nor But If As Is Was Are Were Be
    Been Has Had Have Do Does Did Not No Yes All Any Each Every Some Such Other Also Then Than
    There Here When Where While Which Who Whom Whose What Why How After Before During Since
    Until Upon Under Over Regarding Based Given However Therefore Thus Please Note Dated Date
    Page Re Cc Attn Patient Request Report Review Decision Claims Upheld Overturned
    January February March April May June July August September October November December
    """.split()
)

NAME_TITLES = frozenset(
    "Dr Drs Doctor Mr Mrs Ms Miss Mx Prof Professor Nurse Attorney Atty Judge Hon Esq".split()
)


def _census(filename: str) -> list[str]:
    text = resources.files("names").joinpath(filename).read_text(encoding="ascii")
    return [line.split()[0].capitalize() for line in text.splitlines() if line.strip()]


@cache
def first_names() -> frozenset[str]:
    """Census given names (about 5,000), capitalized, less words of the letters."""
    return frozenset(_census("dist.male.first") + _census("dist.female.first")) - NOT_NAMES


@cache
def census_surnames() -> frozenset[str]:
    """All census surnames (about 88,800), capitalized, clinical look-alikes included."""
    return frozenset(_census("dist.all.last"))


@cache
def surnames() -> frozenset[str]:
    """Census surnames less words of the letters (Walker, Back, Brace...)."""
    return census_surnames() - NOT_NAMES


def is_name_word(word: str) -> bool:
    """A capitalized token that may be part of a name (not a word the letters use)."""
    return word not in NOT_NAMES and word.capitalize() not in NOT_NAMES
