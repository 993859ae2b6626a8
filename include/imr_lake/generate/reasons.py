"""Sentences of decision rationales and case summaries, by category and decision."""

from __future__ import annotations

WHY: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # category: (sentences for an upheld denial, sentences for an overturned denial)
    "pharmaceuticals": (
        (
            "Guidelines recommend ongoing opioid use only with documented pain relief, "
            "functional improvement, side effects and aberrant drug-taking behavior reviewed at "
            "each visit.",
            "The records do not document a urine drug screen, a pain contract or any objective "
            "functional improvement with the medication.",
            "Muscle relaxants are recommended for short-term use only, and the patient has used "
            "this medication for more than 6 months.",
            "Topical compounded products that contain at least one drug that is not recommended "
            "are not recommended.",
        ),
        (
            "The treating physician documents a decrease in pain from 8/10 to 4/10 with the "
            "medication and an improved ability to perform activities of daily living.",
            "A signed pain agreement is on file and urine drug screens have been consistent.",
            "The patient takes NSAIDs and has a history of gastritis, so a proton pump "
            "inhibitor is supported for gastrointestinal protection.",
        ),
    ),
    "physical_therapy": (
        (
            "The California MTUS Guidelines recommend 8-10 sessions for myalgia/neuritis and "
            "9-10 visits over 8 weeks for strain/sprains.",
            "The patient has completed at least 24 prior sessions without documented objective "
            "functional improvement.",
            "There is no explanation why the patient cannot continue with a home exercise program.",
        ),
        (
            "Given the lack of any formalized therapy in the recent past, a short course of "
            "therapy is reasonable.",
            "The patient is within the postsurgical physical medicine period and has completed "
            "only 6 of the recommended 24 visits.",
        ),
    ),
    "chiropractic": (
        (
            "Guidelines support a trial of 6 visits over 2 weeks, with up to 18 visits over 6-8 "
            "weeks only with evidence of objective functional improvement.",
            "The records show 12 prior chiropractic visits without measurable improvement.",
        ),
        (
            "The patient has not had prior chiropractic care, and a trial of 6 visits is within "
            "the guideline recommendation.",
        ),
    ),
    "acupuncture": (
        (
            "Acupuncture treatments may be extended only if functional improvement is "
            "documented; the time to produce functional improvement is 3 to 6 treatments.",
            "The number of prior acupuncture sessions and their results are not documented.",
        ),
        (
            "The request for an initial trial of 6 sessions is consistent with the Acupuncture "
            "Medical Treatment Guidelines.",
        ),
    ),
    "diagnostic_imaging": (
        (
            "Unequivocal objective findings that identify specific nerve compromise on the "
            "neurologic examination are sufficient evidence to warrant imaging in patients who "
            "do not respond to treatment.",
            "The examination documents no neurological deficit and no red flags.",
            "A prior MRI was performed and there is no documentation of a significant change in "
            "symptoms or findings.",
        ),
        (
            "The patient has progressive numbness in the L5 dermatome and weakness of the "
            "extensor hallucis longus, and has failed 6 weeks of conservative care.",
            "Imaging is indicated as the patient is being considered for surgery.",
        ),
    ),
    "diagnostic_testing": (
        (
            "Electrodiagnostic studies are not recommended when radiculopathy is already "
            "clinically obvious.",
            "The patient had a urine drug screen 2 months ago that was consistent, and the "
            "patient is at low risk of addiction or aberrant behavior.",
        ),
        (
            "The patient reports paresthesias in the C6 distribution and the examination is "
            "equivocal, so electrodiagnostic testing is appropriate.",
            "Random urine drug screens are recommended for patients on chronic opioid therapy.",
        ),
    ),
    "injections": (
        (
            "Radiculopathy must be documented by physical examination and corroborated by "
            "imaging studies and/or electrodiagnostic testing.",
            "Repeat blocks require at least 50% pain relief with an associated reduction of "
            "medication use for six to eight weeks.",
            "Facet joint injections are not recommended in patients with radicular pain.",
        ),
        (
            "The patient has radicular pain with a positive straight leg raise and an MRI "
            "showing a disc protrusion at the level requested.",
            "The previous injection gave 60% relief for 3 months with reduced medication use.",
        ),
    ),
    "surgery": (
        (
            "Surgical consultation is indicated for clear clinical and imaging evidence of a "
            "lesion that has been shown to benefit from surgical repair.",
            "The records do not document at least 3 to 6 months of conservative care including "
            "an injection.",
        ),
        (
            "The patient has mechanical symptoms of locking and a meniscal tear on MRI and has "
            "failed more than 3 months of physical therapy and medications.",
        ),
    ),
    "dme": (
        (
            "A one-month home-based TENS trial may be considered as a noninvasive conservative "
            "option if used as an adjunct to a program of evidence-based functional restoration.",
            "There is no documentation of a one month trial or of the short- and long-term goals "
            "of treatment.",
            "Continuous-flow cryotherapy is recommended for up to 7 days postoperatively; the "
            "request exceeds this.",
        ),
        (
            "The request is for use in the 7 days after surgery, which the guidelines support.",
            "The patient had a successful one month trial with reduced pain and medication use.",
        ),
    ),
    "psychological_services": (
        (
            "Guidelines recommend an initial trial of 3-4 psychotherapy visits over 2 weeks, "
            "with up to 6-10 visits with evidence of objective functional improvement.",
            "The number of prior sessions and the response to them are not documented.",
        ),
        (
            "The patient has documented depression and anxiety related to chronic pain, and a "
            "psychological evaluation is recommended before further invasive treatment.",
        ),
    ),
    "evaluation_management": (
        (
            "The records do not document a diagnosis that is uncertain or extremely complex, or "
            "that additional expertise is needed.",
        ),
        (
            "The patient's pain persists despite treatment and the plan may benefit from "
            "additional expertise; a consultation is appropriate.",
        ),
    ),
    "home_health": (
        (
            "Home health services are recommended only for medical treatment for patients who "
            "are homebound, on a part-time or intermittent basis, generally up to no more than "
            "35 hours per week.",
            "Medical treatment does not include homemaker services like shopping, cleaning and "
            "laundry.",
        ),
        (
            "The patient is homebound after the surgery and requires wound care and assistance "
            "that is medical in nature.",
        ),
    ),
    "programs": (
        (
            "Criteria for a functional restoration program include an adequate and thorough "
            "evaluation, failure of previous methods of treating chronic pain, and a significant "
            "loss of the ability to function independently.",
            "Weight loss programs are not addressed by the MTUS; there is no documentation of a "
            "failed physician-supervised diet.",
        ),
        (
            "The patient meets the criteria: a multidisciplinary evaluation was completed, "
            "previous methods have failed and the patient is motivated to return to work.",
        ),
    ),
    "other": (
        (
            "Gym memberships are not recommended as a medical prescription unless a home "
            "exercise program has not been effective and there is a need for equipment.",
            "Treatment needs to be monitored and administered by medical professionals.",
        ),
        (
            "The patient cannot drive due to the medication regimen and has no other means of "
            "transportation to the appointments.",
        ),
    ),
}

CLOSE_UPHELD = (
    "Recommendation is for denial.",
    "The request for {t} is not medically necessary.",
    "Therefore, the requested treatment is not medically necessary and appropriate.",
    "As such, the request is not certified.",
    "The medical necessity of the request has not been established.",
)
CLOSE_OVERTURNED = (
    "The request for {t} is medically necessary.",
    "Therefore, the requested treatment is medically necessary and appropriate.",
    "The medical necessity of the request has been established.",
    "Recommendation is for certification.",
)

HISTORY = (
    "The patient complains of constant pain rated 7/10 that radiates to the lower extremities.",
    "The patient has been treated with medications, physical therapy and home exercises.",
    "Examination revealed tenderness with spasm of the paravertebral muscles and a restricted "
    "range of motion.",
    "Straight leg raise test was positive on the right at 45 degrees.",
    "The patient reports that pain is worse with prolonged sitting, standing and lifting.",
    "The patient is temporarily totally disabled and has not returned to work.",
    "Sensation was decreased in the left C6 dermatome; motor strength was 4/5 in the biceps.",
    "The patient ambulates with a cane and has an antalgic gait.",
    "Current medications include Norco, Naproxen, Omeprazole and Cyclobenzaprine.",
    "The patient reports difficulty sleeping and symptoms of depression because of the pain.",
    "There was no examination of the knee noted, but prior progress reports noted swelling, "
    "popping and locking.",
    "Prior treatment has included 12 sessions of physical therapy, 6 sessions of acupuncture "
    "and a lumbar epidural steroid injection.",
)

GENERAL = (
    "The MTUS states that a clinician should evaluate the patient's response to treatment and "
    "document objective functional improvement before continuing a treatment.",
    "Functional improvement means either a clinically significant improvement in activities "
    "of daily living or a reduction in work restrictions as measured during the history and "
    "physical exam.",
    "The guidelines recommend that treatment be continued only if there is a documented "
    "response, with a reduction in the dependency on continued medical treatment.",
    "The records submitted for review do not specify the frequency or the duration of the "
    "requested treatment.",
    "The medical records reviewed include progress notes, utilization review reports and "
    "diagnostic studies.",
    "The treating provider's most recent report is handwritten and partially illegible.",
    "The patient's pain levels and functional status are documented at each visit.",
)

# A sentence naming a drug class (key) fits only a citation naming it too (value).
CLASS_WORDS = {
    "ongoing opioid use": "Opioids",
    "Muscle relaxants": "Muscle relaxants",
    "Topical compounded": "Topical",
    "proton pump": "Proton pump",
}
