"""The `letter` and `professional_review` layouts, and layout detection."""

from __future__ import annotations

from datetime import date

import pytest
from imr_lake.errors import DocumentError, ErrorCode
from imr_lake.parse import detect_layout, parse_text

LETTER = """
MAXIMUS FEDERAL SERVICES, INC.
Independent Medical Review
P.O. Box 138009
Sacramento, CA 95813-8009
Final Determination Letter


Dated: September 4, 2013
IMR Case Number: CM13-0004567 Date of Injury: 4/5/2011
Claim Number: 05-998877 UR Denial Date: 7/2/2013
Priority: Standard Application Received: 7/15/2013
Dear  :
MAXIMUS Federal Services, Inc. has completed the Independent Medical Review (IMR) of the above
workers' compensation case. This letter provides you with the IMR Final Determination.
Final Determination: OVERTURN in part and UPHOLD in part. This means we decided that some of
the disputed items/services are medically necessary and appropriate.
Sincerely,
Paul Manchester, MD, MPH
Medical Director
cc: Jane Q. Doe, 123 Main Street, Fresno CA
HOW THE IMR FINAL DETERMINATION WAS MADE
MAXIMUS Federal Services sent the complete case file to a physician reviewer. The physician
reviewer is Board Certified in Orthopedic Surgery and is licensed to practice in California.
DOCUMENTS REVIEWED
Application of Independent Medical Review
Utilization Review Determination from Acme Claims dated 7/2/2013
Medical Records from Dr. Robert Kline dated 1/3/2013 through 6/25/2013
CLINICAL CASE SUMMARY
The injured worker is a 52-year-old woman who sustained an injury on 4/5/2011. Her diagnoses
include: lumbar disc displacement; sciatica; chronic pain syndrome.
IMR DECISION(S) AND RATIONALE(S)
1. Norco 10/325mg #90 is not medically necessary and appropriate.
The Claims Administrator based its decision on the Chronic Pain Medical Treatment Guidelines,
Opioids, pages 74-96, which is part of the MTUS.
The Expert Reviewer based his/her decision on the MTUS Chronic Pain Medical Treatment
Guidelines, Opioids, pages 74-96.
Rationale for the Decision:
There is no documentation of functional improvement. The request is not medically
necessary and appropriate.
2. MRI of the lumbar spine without contrast
is medically necessary and appropriate.
The Claims Administrator based its decision on the ACOEM Practice Guidelines, 2nd Edition
(2004), Chapter 12, page 303.
The Expert Reviewer based his/her decision on the ACOEM Practice Guidelines, Chapter 12 and
the Official Disability Guidelines, Low Back Chapter. The guideline applies.
Rationale for the Decision:
Red flags are documented:
1. progressive weakness.
The request is medically necessary and appropriate.
"""

PROFESSIONAL_REVIEW = """
MEDICAL PROFESSIONAL REVIEW
IMR Case Number: CM14-0101010 Date of Injury: 03/03/2009
UR Denial Date: 01/02/2014 Decision Date: 02/20/2014
Priority: Expedited Application Received: 01/10/2014
ISSUE AT DISPUTE:
1. Retrospective request for Terocin patch DOS: 12/01/2013: Upheld
2. Acupuncture 2 times a week for 3 weeks for the cervical
spine: Overturned
CASE SUMMARY:
This 44 year old female sustained an industrial injury. She has been diagnosed with cervical
radiculopathy and myofascial pain. Report dated 12/1/2013 by Dr. Anne Smith notes pain.
DOCUMENTS REVIEWED FOR DETERMINATION:
Records from John Brown, M.D. dated 11/01/2013
MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL
REVIEWER AND WHY:
1. Retrospective request for Terocin patch DOS: 12/01/2013:
Decision based on MTUS Chronic Pain Treatment Guidelines, Topical Analgesics, Page(s): 111-113.
The MTUS addresses topical analgesics.
2. Acupuncture 2 times a week for 3 weeks for the cervical spine:
Decision based on Non-MTUS Citation: Vickers AJ, et al. Arch Intern Med. 2012;172:1444. The
study addresses acupuncture.
RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY
NECESSARY:
1. Retrospective request for Terocin patch DOS: 12/01/2013:
Topical analgesics are largely experimental.
2. Acupuncture 2 times a week for 3 weeks for the cervical spine:
Acupuncture is recommended as an option.
MEDICAL REVIEWER QUALIFICATIONS:
State(s) of Licensure: California
Certification(s)/Specialty: Anesthesiology, Pain Medicine
"""


def test_detection() -> None:
    assert detect_layout(LETTER).name == "letter"
    assert detect_layout(PROFESSIONAL_REVIEW).name == "professional_review"
    with pytest.raises(DocumentError) as info:
        detect_layout("Invoice\nAmount due: $12.00\n")
    assert info.value.code is ErrorCode.UNKNOWN_LAYOUT


def test_letter_labels_and_dates() -> None:
    letter = parse_text(LETTER)
    assert letter.layout == "letter"
    assert letter.case_number == "CM13-0004567"
    assert letter.claim_number == "05-998877"
    assert letter.letter_date == date(2013, 9, 4)
    assert letter.decision_date is None
    assert letter.decision_year == 2013
    assert letter.injury_date == date(2011, 4, 5)
    assert letter.ur_denial_date == date(2013, 7, 2)
    assert letter.application_date == date(2013, 7, 15)
    assert letter.priority == "Standard"


def test_letter_patient_and_reviewer() -> None:
    letter = parse_text(LETTER)
    assert (letter.patient_age, letter.patient_gender) == (52, "Female")
    assert letter.diagnoses == ["lumbar disc displacement", "sciatica", "chronic pain syndrome"]
    assert letter.reviewer_specialty == "Orthopedic Surgery"
    assert letter.reviewer_subspecialty is None
    assert letter.reviewer_licensed_in == "California"


def test_letter_items_decided_by_necessity_wording() -> None:
    first, second = parse_text(LETTER).treatments
    assert first.treatment_requested == "Norco 10/325mg #90"
    assert first.decision == "Upheld"
    assert first.treatment_category == "pharmaceuticals"
    assert first.claims_administrator_guideline == (
        "Chronic Pain Medical Treatment Guidelines, Opioids, pages 74-96, which is part of the MTUS"
    )
    assert first.reviewer_guideline == (
        "MTUS Chronic Pain Medical Treatment Guidelines, Opioids, pages 74-96"
    )
    assert first.guideline_sources == ["MTUS"]
    assert first.rationale.startswith("There is no documentation")
    assert second.treatment_requested == "MRI of the lumbar spine without contrast"
    assert second.decision == "Overturned"
    assert second.guideline_sources == ["ACOEM", "ODG"]
    # a numbered list inside a rationale is not a new item
    assert second.rationale.endswith("The request is medically necessary and appropriate.")


def test_letter_names_for_scrubbing() -> None:
    names = parse_text(LETTER).known_names
    assert {"Robert Kline", "Paul Manchester", "Jane Q. Doe"} <= set(names)


def test_professional_review_fields() -> None:
    letter = parse_text(PROFESSIONAL_REVIEW)
    assert letter.case_number == "CM14-0101010"
    assert letter.decision_date == date(2014, 2, 20)
    assert letter.priority == "Expedited"
    assert (letter.patient_age, letter.patient_gender) == (44, "Female")
    assert letter.diagnoses == ["cervical radiculopathy", "myofascial pain"]
    assert letter.reviewer_specialty == "Anesthesiology; Pain Medicine"
    assert letter.reviewer_licensed_in == "California"
    assert {"Anne Smith", "John Brown"} <= set(letter.known_names)


def test_professional_review_items() -> None:
    letter = parse_text(PROFESSIONAL_REVIEW)
    first, second = letter.treatments
    assert first.treatment_requested == "Retrospective request for Terocin patch DOS: 12/01/2013"
    assert first.decision == "Upheld"
    assert first.reviewer_guideline == (
        "MTUS Chronic Pain Treatment Guidelines, Topical Analgesics, Page(s): 111-113"
    )
    assert first.rationale == "Topical analgesics are largely experimental."
    assert second.treatment_requested == (
        "Acupuncture 2 times a week for 3 weeks for the cervical spine"
    )
    assert second.decision == "Overturned"
    assert second.treatment_category == "acupuncture"
    assert second.guideline_sources == ["Other"]
    assert second.rationale == "Acupuncture is recommended as an option."
    assert letter.overall_outcome == "Partially Overturned"


def test_a_parser_crash_becomes_a_code_without_letter_text(monkeypatch, caplog) -> None:
    from imr_lake.parse.letter import LetterParser

    def explode(self, text: str):
        raise ValueError("CM13-0004567 Jane Q. Doe")

    monkeypatch.setattr(LetterParser, "parse", explode)
    with pytest.raises(DocumentError) as info:
        parse_text(LETTER)
    assert info.value.code is ErrorCode.UNKNOWN_LAYOUT
    assert "CM13" not in str(info.value) and "Doe" not in caplog.text
    assert "ValueError" in caplog.text


def test_letter_items_without_numbers() -> None:
    unnumbered = LETTER.replace("1. Norco", "Norco").replace("2. MRI", "MRI")
    assert "2. MRI" not in unnumbered
    first, second = parse_text(unnumbered).treatments
    assert first.treatment_requested == "Norco 10/325mg #90"
    assert first.decision == "Upheld"
    assert first.rationale.endswith("The request is not medically necessary and appropriate.")
    assert second.treatment_requested == "MRI of the lumbar spine without contrast"
    assert second.decision == "Overturned"
    assert second.guideline_sources == ["ACOEM", "ODG"]
