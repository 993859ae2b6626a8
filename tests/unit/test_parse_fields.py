"""The shared field readers: dates, labels, patient and reviewer prose, citations, names."""

from __future__ import annotations

from datetime import date

import pytest
from imr_lake.parse import fields
from imr_lake.parse.dates import parse_date
from imr_lake.parse.guidelines import clean_citation, first_sentence, guideline_sources
from imr_lake.parse.labels import ClaimNumberLabel, DateLabel, PriorityLabel
from imr_lake.parse.names import known_names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("02/10/2012", date(2012, 2, 10)),
        ("2/1/2012", date(2012, 2, 1)),
        ("3/19/13", date(2013, 3, 19)),  # two-digit year
        ("3/4/98", date(1998, 3, 4)),  # two-digit year of the last century
        ("07-25-2013", date(2013, 7, 25)),
        ("2013-07-25", date(2013, 7, 25)),
        ("July 14, 2013", date(2013, 7, 14)),
        ("Jul. 4, 2013", date(2013, 7, 4)),
        ("Sept 3, 2014", date(2014, 9, 3)),
        ("14 July 2013", date(2013, 7, 14)),
        ("September 1st, 2015", date(2015, 9, 1)),
        ("02/30/2013", None),  # not a calendar date
        ("no date here", None),
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_date_label_reads_typed_values_and_blank_values_as_null() -> None:
    label = DateLabel("UR Denial Date")
    assert label.find("UR Denial Date: 07/25/2013 Priority: Standard") == date(2013, 7, 25)
    assert label.find("UR Denial Date: Priority: Standard 07/25/2013") is None
    assert label.find("UR  Denial Date:\n07/25/2013") == date(2013, 7, 25)
    assert label.find("Date of Injury: 07/25/2013") is None


def test_priority_and_claim_labels() -> None:
    assert PriorityLabel("Priority").find("Priority: Expedited\n") == "Expedited"
    assert PriorityLabel("Priority").find("Priority:\nApplication Received:") is None
    claim = ClaimNumberLabel("Claim Number")
    assert claim.find("Claim Number: 05-998877 UR Denial Date: 7/2/2013") == "05-998877"
    assert claim.find("Claim Number:  UR Denial Date: 7/2/2013") is None


@pytest.mark.parametrize(
    ("summary", "age", "gender"),
    [
        ("The patient is a 36 year old male with a date of injury", 36, "Male"),
        ("The injured worker is a 52-year-old woman who fell.", 52, "Female"),
        ("The applicant is a 61 year-old gentleman with pain.", 61, "Male"),
        ("The patient is a 95 year old lady with a date of injury", 95, "Female"),
        ("The patient is a 44 year old individual. He reports pain.", 44, None),
        ("The patient is a female with a date of injury of 1/2/2010.", None, "Female"),
        ("This 29-year-old man was struck by a forklift.", 29, "Male"),
        ("The patient is a 47 y/o male.", 47, "Male"),
    ],
)
def test_age_and_gender(summary: str, age: int | None, gender: str | None) -> None:
    assert fields.patient_age(summary) == age
    assert fields.patient_gender(summary) == gender


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        (
            "The patient has diagnoses of neck sprain, lumbar radiculopathy and insomnia.",
            ["neck sprain", "lumbar radiculopathy", "insomnia"],
        ),
        ("The diagnoses are lumbar disc displacement.", ["lumbar disc displacement"]),
        (
            "Diagnoses include: carpal tunnel syndrome; depression.",
            ["carpal tunnel syndrome", "depression"],
        ),
        (
            "She has been diagnosed with\nright shoulder impingement and\nanxiety. She works.",
            ["right shoulder impingement", "anxiety"],
        ),
        (
            "Diagnoses: 1. cervical strain 2. lumbar strain 3. headaches.",
            ["cervical strain", "lumbar strain", "headaches"],
        ),
        ("No diagnosis was stated in the records.", []),
    ],
)
def test_diagnoses(summary: str, expected: list[str]) -> None:
    assert fields.diagnoses(summary) == expected


def test_reviewer_from_prose() -> None:
    prose = (
        "The physician reviewer is Board Certified in Physical Medicine and\nRehabilitation, "
        "has a subspecialty in Interventional Spine and is licensed to practice in California."
    )
    assert fields.reviewer_specialty(prose) == "Physical Medicine and Rehabilitation"
    assert fields.reviewer_subspecialty(prose) == "Interventional Spine"
    assert fields.reviewer_licensed_in(prose) == "California"


def test_reviewer_from_qualification_lines_joins_several_with_semicolons() -> None:
    block = "State(s) of Licensure: Texas\nCertification(s)/Specialty: Neurology, Pain Medicine\n"
    assert fields.reviewer_specialty(block) == "Neurology; Pain Medicine"
    assert fields.reviewer_licensed_in(block) == "Texas"
    assert fields.reviewer_subspecialty(block) is None


@pytest.mark.parametrize(
    ("stated", "citation", "sources"),
    [
        (
            "Decision based on MTUS Chronic Pain Treatment Guidelines Physical\nMedicine "
            "Section Page(s): 98-99.",
            "MTUS Chronic Pain Treatment Guidelines Physical Medicine Section Page(s): 98-99",
            ["MTUS"],
        ),
        (
            "Decision based on MTUS: ACOEM, Chapter 12, Low Back Complaints, page 303.",
            "MTUS: ACOEM, Chapter 12, Low Back Complaints, page 303",
            ["MTUS", "ACOEM"],
        ),
        (
            "Decision based on Official Disability Guidelines (ODG), Pain Chapter.",
            "Official Disability Guidelines (ODG), Pain Chapter",
            ["ODG"],
        ),
        (
            "Decision based on Non-MTUS Citation: Smith J, et al. Spine J. 2010;10:55.",
            "Non-MTUS Citation: Smith J, et al. Spine J. 2010;10:55",
            ["Other"],
        ),
        (
            "Decision based on MTUS Chronic Pain, page 9; Non-MTUS: Medicare NCD 160.7.",
            "MTUS Chronic Pain, page 9; Non-MTUS: Medicare NCD 160.7",
            ["MTUS", "Other"],
        ),
        (
            "Decision based on the American College of Rheumatology guideline.",
            "American College of Rheumatology guideline",
            ["Other"],
        ),
    ],
)
def test_citations_and_sources(stated: str, citation: str, sources: list[str]) -> None:
    assert clean_citation(stated) == citation
    assert guideline_sources(citation) == sources


def test_first_sentence_skips_abbreviations() -> None:
    text = "Vickers AJ, et al. Arch Intern Med. 2012;172:1444. The study applies."
    assert first_sentence(text) == "Vickers AJ, et al. Arch Intern Med. 2012;172:1444"


def test_known_names_from_labelled_places() -> None:
    text = (
        "The report dated 06/25/2013 by Dr. Robert Kline indicates pain.\n"
        "Records from Jane Q. Doe, M.D. were reviewed.\n"
        "Sincerely,\nPaul Manchester, MD, MPH\n"
        "cc: Maria Lopez, 12 Elm Street, Fresno CA\n"
        "Employee: Tom Baker\n"
        "The report dated 06/25/2013 by  indicates pain.\n"
    )
    assert sorted(known_names(text)) == sorted(
        [
            "Robert Kline",
            "Jane Q. Doe",
            "Paul Manchester",
            "Maria Lopez",
            "Tom Baker",
        ]
    )


def test_known_names_in_blocks_and_wrapped_prose() -> None:
    from imr_lake.parse.names import document_names

    text = (
        "Final Determination Letter\nSteven Evans\n4308 Ventura Boulevard, Floor 2\n"
        "Requesting Physician: Dr. Sullivan\nDear Ms. Shah:\n"
        "The progress report dated 10/09/2012 by Nancy\nJackson L.Ac. documents the request.\n"
        "cc: Department of Industrial Relations, Division of Workers'\nCompensation\n"
        "M. Gomez, AIG Claims, Inc., Fax: 916.344.4422\n"
    )
    names = set(known_names(text))
    assert {"Steven Evans", "Sullivan", "Shah", "Nancy Jackson", "M. Gomez"} <= names
    assert not any("Dear" in n or "Department" in n for n in names)
    documents = (
        "Utilization Review Determination from Concentra UR, dated 09/23/2013\n"
        "Employee medical records from Employers Compensation Insurance Co.\n"
        "Progress reports from A. Nelson dated 11/17/2007 to 9/7/2015\n"
        "Medical records from Daniel Allen, dated January 21, 2008\n"
    )
    assert document_names(documents) == ["A. Nelson", "Daniel Allen"]


def test_stacked_label_grid_is_read_by_type() -> None:
    from imr_lake.parse.labels import unstack

    stacked = (
        "Case Number: Date Assigned:\nCM22-0100506 8/16/2022\n"
        "UR Denial Date: Priority:\nStandard\n"  # a blank UR denial date
        "Application Received: Claim Number:\n08/01/2022 51871519-860\n"
        "HOW THE IMR FINAL DETERMINATION WAS MADE"
    )
    assert unstack(stacked).split("\n") == [
        "Case Number: CM22-0100506 Date Assigned: 8/16/2022",
        "UR Denial Date: Priority: Standard",
        "Application Received: 08/01/2022 Claim Number: 51871519-860",
        "HOW THE IMR FINAL DETERMINATION WAS MADE",
    ]


def test_qualification_lines_that_wrap() -> None:
    block = "State(s) of Licensure: California\nCertification(s)/Specialty: Physical Medicine and\n"
    block += "Rehabilitation\n"
    assert fields.reviewer_specialty(block) == "Physical Medicine and Rehabilitation"
    assert fields.reviewer_licensed_in(block) == "California"
    assert (
        fields.reviewer_specialty("Certification(s)/Specialty: Neurology\nthe end") == "Neurology"
    )


def test_known_names_with_accents_reports_and_stacked_labels() -> None:
    from imr_lake.model import ParsedLetter
    from imr_lake.parse.common import fill_names

    letter = ParsedLetter(layout="letter")
    text = (
        "Case Number: Employee:\nCM24-0142592 Christine Okafor\n"
        "cc: Department of Industrial Relations\nDaniel Muñoz, 3806 Mission Street\n"
    )
    documents = "- Agreed Medical Evaluation report of Jesús Thompson dated 3/4/2013\n"
    fill_names(letter, text, documents)
    assert {"Christine Okafor", "Daniel Muñoz", "Jesús Thompson"} <= set(letter.known_names)
