"""One parametrized table per recognizer: (text, the substrings it must find), a comment per row.

An empty list means the text must come through untouched: clinical look-alikes.
"""

from __future__ import annotations

import pytest
from imr_lake.deid.recognizers import (
    AdjNumberRecognizer,
    AgeRecognizer,
    CaseNumberRecognizer,
    CityRecognizer,
    ClaimNumberRecognizer,
    DateRecognizer,
    EmailRecognizer,
    KnownIdentifiersRecognizer,
    MedicalRecordRecognizer,
    OrganizationRecognizer,
    PersonRecognizer,
    PhoneRecognizer,
    Recognizer,
    SsnRecognizer,
    StreetAddressRecognizer,
    UrlRecognizer,
    ZipCodeRecognizer,
)
from imr_lake.deid.text import merge


def found(recognizer: Recognizer, text: str) -> list[str]:
    return [text[s.start : s.end] for s in merge(recognizer.analyze(text), text)]


def placeholders(recognizer: Recognizer, text: str) -> list[str]:
    return [s.placeholder for s in merge(recognizer.analyze(text), text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dr. Maria Garcia saw the patient", ["Maria Garcia"]),  # title, two words
        ("seen by Dr. O'Brien on", ["O'Brien"]),  # apostrophe surname
        ("per DR. GARCIA, the", ["GARCIA"]),  # capitals
        ("Maria L. Garcia, M.D. wrote", ["Maria L. Garcia"]),  # middle initial, dotted degree
        ("note by Susan Kim PA-C;", ["Susan Kim"]),  # PA-C
        ("Juan Lopez, DC reported", ["Juan Lopez"]),  # weak degree, census first name
        ("McAllister, D.O. noted", ["McAllister"]),  # surname alone before a strong degree
        ("Okafor, PhD, found", ["Okafor"]),  # PhD
        ("The report dated by Hughes indicates", ["Hughes"]),  # "by" + census surname
        ("report dated 05/30/2023 by A. Bennett indicates", ["A. Bennett"]),  # initial
        ("Plan: A. Continue Norco", []),  # an outline letter, not an initial
        ("evaluation on 9/30/19 with R. Phillips documents", ["R. Phillips"]),  # "with"
        ("On 3/8/11, Siddharth Kelly noted that", ["Siddharth Kelly"]),  # reporting verb
        ("A. Singh’s request is for", ["A. Singh"]),  # possessive, curly apostrophe
        ("by M. Venkataraman documents", ["M. Venkataraman"]),  # initial, rare surname
        ("treated with Lyrica; Gabapentin reports", []),  # drugs before a verb
        ("report from Andre Clark documents", ["Andre Clark"]),  # "report from"
        ("cc: Linda Smith, adjuster", ["Linda Smith"]),  # cc line
        ("adjuster Michael Rogers called", ["Michael Rogers"]),  # role word
        ("MARIA GARCIA", ["MARIA GARCIA"]),  # census first name in capitals
        ("Garcia, Maria", ["Garcia, Maria"]),  # last, first
        ("Physical Therapy PT 3x4 for the neck", []),  # a weak degree after clinical words
        ("Board Certified in Physical Medicine and Rehabilitation", []),  # specialty
        ("Tsai AG, Wadden TA. Ann Intern Med 2005", []),  # journal citation
        ("Norco 10/325mg #60 prescribed by the provider", []),  # drug, "by the"
        ("treated with Gabapentin and Lyrica", []),  # drugs
        ("MTUS Chronic Pain Medical Treatment Guidelines", []),  # guideline
        ("Decision based on ODG Low Back Chapter", []),  # guideline after "based on"
    ],
)
def test_person(text: str, expected: list[str]) -> None:
    assert found(PersonRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("injury of 02/10/2012.", ["[DATE-2012]"]),  # MM/DD/YYYY
        ("on 3/19/13 for", ["[DATE-2013]"]),  # M/D/YY
        ("born 4/2/98", ["[DATE-1998]"]),  # two-digit year before the pivot
        ("dated 07-25-2013", ["[DATE-2013]"]),  # dashes
        ("dated 07.25.2013", ["[DATE-2013]"]),  # dots
        ("on 2013-07-25", ["[DATE-2013]"]),  # ISO
        ("on July 14, 2013 the", ["[DATE-2013]"]),  # spelled
        ("on Jul. 3rd, 2013", ["[DATE-2013]"]),  # abbreviated, ordinal
        ("JULY 14, 2013", ["[DATE-2013]"]),  # capitals
        ("on 14 July 2013", ["[DATE-2013]"]),  # day month year
        ("since March 2013", ["[DATE-2013]"]),  # month and year
        ("since 07/2013", ["[DATE-2013]"]),  # numeric month/year
        ("seen on July 9.", ["[DATE]"]),  # month and day, no year
        ("seen on 7/3 and", ["[DATE]"]),  # numeric month/day after a date word
        ("Norco 10/325mg #60", []),  # dose
        ("pain rated 7/10", []),  # pain score
        ("from 8/10 to 5/10", []),  # pain scores after a date word
        ("take 1/2 tablet", []),  # fraction
        ("Page(s): 98-99", []),  # page range
        ("L4-L5 and 3x4", []),  # level, frequency
        ("MTUS 9792.24.1", []),  # regulation section
        ("surgery in 2003", []),  # a year alone is kept
        ("BP 120/80", []),  # blood pressure
        ("the patient may 12 sessions", []),  # "may" is no month here
    ],
)
def test_date(text: str, expected: list[str]) -> None:
    assert placeholders(DateRecognizer(), text) == expected


def test_date_drops_years_that_reveal_an_age_over_89() -> None:
    assert placeholders(DateRecognizer(oldest_year=1923), "DOB 04/02/1920") == ["[DATE]"]
    assert placeholders(DateRecognizer(oldest_year=1923), "DOI 04/02/1930") == ["[DATE-1930]"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a 92 year old male", ["92 year old"]),  # over 89
        ("a 92-year-old female", ["92-year-old"]),  # hyphens
        ("is 95 years of age", ["95 years of age"]),  # years of age
        ("aged 91,", ["aged 91"]),  # aged
        ("Age: 104", ["Age: 104"]),  # label, three digits
        ("a 93 y/o man", ["93 y/o"]),  # y/o
        ("a woman in her 90s", ["in her 90s"]),  # decade
        ("a nonagenarian", ["nonagenarian"]),  # word
        ("a 36 year old male", []),  # 89 or under stays
        ("an 89-year-old", []),  # the limit stays
        ("ibuprofen 800 mg; age 45", []),  # younger age, dose
    ],
)
def test_age(text: str, expected: list[str]) -> None:
    assert found(AgeRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call (213) 555-0123 today", ["(213) 555-0123"]),  # parenthesized
        ("phone 213-555-0123.", ["213-555-0123"]),  # dashes
        ("fax: 310.555.0199", ["310.555.0199"]),  # dots
        ("at 818 555 0100 ext. 12", ["818 555 0100 ext. 12"]),  # spaces, extension
        ("Fax # 555-0199", ["555-0199"]),  # seven digits after a label
        ("Norco 10/325mg #60 and 3x4", []),  # dose
        ("CM13-0012345", []),  # a case number is no phone
    ],
)
def test_phone(text: str, expected: list[str]) -> None:
    assert found(PhoneRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("write to jgarcia@gmail.com.", ["jgarcia@gmail.com"]),  # plain
        ("maria.lopez+imr@sbcglobal.net", ["maria.lopez+imr@sbcglobal.net"]),  # dots, plus
        ("jgarcia @ yahoo.com", ["jgarcia @ yahoo.com"]),  # extractor spaces
        ("2 tablets @ bedtime", []),  # "@" in a prescription
    ],
)
def test_email(text: str, expected: list[str]) -> None:
    assert found(EmailRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("see https://www.example.com/a?b=1 now", ["https://www.example.com/a?b=1"]),
        ("see www.drgarcia-clinic.com", ["www.drgarcia-clinic.com"]),  # www
        ("portal at patientportal.org/login", ["patientportal.org/login"]),  # bare domain
        ("MTUS Page(s): 98-99. ODG.", []),  # no web address
    ],
)
def test_url(text: str, expected: list[str]) -> None:
    assert found(UrlRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SSN 123-45-6789", ["123-45-6789"]),  # dashed
        ("SSN: XXX-XX-6789", ["XXX-XX-6789"]),  # masked, labelled
        ("social security number 123456789", ["123456789"]),  # labelled digits
        ("000-12-3456 and 666-12-3456", []),  # impossible areas
    ],
)
def test_ssn(text: str, expected: list[str]) -> None:
    assert found(SsnRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Case CM13-0012345 was", ["CM13-0012345"]),  # IMR case number
        ("CM13 0012345", ["CM13 0012345"]),  # space
        ("CM130012345", ["CM130012345"]),  # joined
        ("Case Number: AB-123456", ["AB-123456"]),  # labelled other format
        ("L4-L5 and C5-6", []),  # spine levels
    ],
)
def test_case_number(text: str, expected: list[str]) -> None:
    assert found(CaseNumberRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("WCAB ADJ1234567", ["ADJ1234567"]),  # EAMS
        ("ADJ 9960594", ["ADJ 9960594"]),  # space
        ("legacy LAO 0812345", ["LAO 0812345"]),  # legacy WCAB
        ("adjustment of medications", []),  # "adj" in a word
    ],
)
def test_adj_number(text: str, expected: list[str]) -> None:
    assert found(AdjNumberRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Claim Number: 05-123456-01", ["05-123456-01"]),  # labelled
        ("claim # AW-11198910", ["AW-11198910"]),  # letters and digits
        ("Claim No. 123456789.", ["123456789"]),  # trailing period
        ("reference 1234567890", ["1234567890"]),  # eight or more digits anywhere
        ("records from Zenith, claim 13870559-094", ["13870559-094"]),  # no number word
        ("claims 2 and 3 were denied", []),  # too few digits without a number word
        ("claim number is pending", []),  # no digits
        ("Claims Administrator guideline", []),  # heading words
    ],
)
def test_claim_number(text: str, expected: list[str]) -> None:
    assert found(ClaimNumberRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MRN: 00123456", ["00123456"]),  # MRN
        ("medical record number 4455-12", ["4455-12"]),  # spelled out
        ("Account # A-778812", ["A-778812"]),  # account
        ("Policy No. WC-99812", ["WC-99812"]),  # policy
        ("Patient ID: 7781234", ["7781234"]),  # patient id
        ("the patient noted L4-L5 pain", []),  # "patient no..." is no label
    ],
)
def test_medical_record(text: str, expected: list[str]) -> None:
    assert found(MedicalRecordRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("at 1234 Wilshire Boulevard, Suite 210 in", ["1234 Wilshire Boulevard, Suite 210"]),
        ("55 N. Main St. next", ["55 N. Main St."]),  # direction, abbreviation
        ("3852 Fair Oaks Avenue, Building C", ["3852 Fair Oaks Avenue, Building C"]),
        ("100 El Camino Real", ["100 El Camino Real"]),  # Real
        ("P.O. Box 1234", ["P.O. Box 1234"]),  # PO box
        ("12 sessions with Dr. Garcia", []),  # "Dr" after a number
        ("3 Physical Therapy visits", []),  # no street type
    ],
)
def test_street_address(text: str, expected: list[str]) -> None:
    assert found(StreetAddressRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Los Angeles, CA 90012", ["90012"]),  # after a state code
        ("Fresno, California 93710-1234", ["93710-1234"]),  # state name, ZIP+4
        ("ZIP: 95160", ["95160"]),  # labelled
        ("12345 units of vitamin D", []),  # a number
    ],
)
def test_zip_code(text: str, expected: list[str]) -> None:
    assert found(ZipCodeRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lives in Fresno now", ["Fresno"]),  # gazetteer
        ("moved to Rancho Cucamonga", ["Rancho Cucamonga"]),  # two words
        ("Smallville, CA 90000", ["Smallville"]),  # any place before ", CA"
        ("licensed in California and New York", []),  # states stay
        ("Maria Garcia, MD", []),  # "MD" is a degree here, not Maryland
        ("Ventura Boulevard", []),  # part of a street
    ],
)
def test_city(text: str, expected: list[str]) -> None:
    assert found(CityRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("works for Golden State Foods Corp. as", ["Golden State Foods Corp."]),  # suffix
        ("Home Depot USA, Inc.", ["Home Depot USA, Inc."]),  # comma suffix
        ("employed by Acme Widgets as a cook", ["Acme Widgets"]),  # context
        ("insurer Zenith Insurance Company.", ["Zenith Insurance Company"]),  # insurer
        ("the County of Riverside. He", ["County of Riverside"]),  # public body
        ("Northfield Risk Partners", ["Northfield Risk Partners"]),  # a kind of body
        ("Sedgwick Claims Management Services", []),  # no suffix nor cue: closed world
        ("Home Health Services 4 hours a day", []),  # a service, not a company
        ("Cochrane Back Review Group", []),  # a citation
        ("licensed in the State of California", []),  # a state
    ],
)
def test_organization(text: str, expected: list[str]) -> None:
    assert found(OrganizationRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Garcia reported pain", ["Garcia"]),  # a known surname alone
        ("GARCIA's file", ["GARCIA"]),  # capitals
        ("per Garcia's note", ["Garcia"]),  # possessive
        ("case CM13 0012345", ["CM13 0012345"]),  # the case number in another spelling
        ("claim 05123456-01", []),  # a different number
        ("a walker was ordered", []),  # lowercase word is not the name
    ],
)
def test_known_identifiers(text: str, expected: list[str]) -> None:
    known = KnownIdentifiersRecognizer(
        ids=["CM13-0012345", "05-123456-01"], names=["Dr. Maria Garcia", "Walker, M.D."]
    )
    assert found(known, text) == expected
