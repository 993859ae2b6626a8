"""A place after a verb of residence or travel, and a short postal code after a town.

Values written for this test (no evaluation corpus): each row is a text and what the
scrubber must make of it.
"""

from __future__ import annotations

import pytest
from imr_lake.deid.recognizers import ResidenceRecognizer
from imr_lake.deid.text import Scrubber


@pytest.fixture(scope="module")
def scrub():
    return Scrubber().scrub


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a town in capitals that looks like an acronym, or one no gazetteer lists
        ("He relocated to QXV last spring.", "He relocated to [ADDRESS] last spring."),
        ("She lives in WOLLABY CREEK with her son.", "She lives in [ADDRESS] with her son."),
        (
            "They flew back from Tarnowo pri Zelu on Monday.",
            "They flew back from [ADDRESS] on Monday.",
        ),
        # a settlement noun before the name, as an appositive or with `of`
        ("her home town Vellmarsk hosted it", "her home town [ADDRESS] hosted it"),
        ("in the village of KESTRAVIK,", "in the village of [ADDRESS],"),
        # a postal code of three digits after a town no vocabulary holds
        ("Our office in Brekkuvik 611 closed.", "Our office in [REDACTED] [ADDRESS] closed."),
    ],
)
def test_places_are_replaced(scrub, text: str, expected: str) -> None:
    assert scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "She moved to California after the injury.",  # a state: Safe Harbor keeps it
        "He returned to Modified Duty in March.",  # administrative words, no place
        "The patient was referred to Physical Therapy and returned to PT twice.",
        "She came from Portugal in 1998.",  # a country stays
        "Lyrica 150 was started.",  # a drug and its dose
        "The city It was built on is old.",  # the sentence goes on
        "She moved to the city of Texas.",  # a state stays
    ],
)
def test_what_is_no_place_stays(scrub, text: str) -> None:
    assert scrub(text) == text


def test_a_person_after_the_verb_is_left_to_the_person_recognizer(scrub) -> None:
    assert (
        scrub("He returned to Dr. Okonkwo for follow-up.")
        == "He returned to Dr. [NAME] for follow-up."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'm in Tarbes for a week.", "I'm in [ADDRESS] for a week."),  # being in a place
        (
            "She is originally from Vila Nova de Foz Coa.",
            "She is originally from [ADDRESS].",
        ),
        ("He grew up in Sao Bento do Sul.", "He grew up in [ADDRESS]."),
        # a state's name that a city of a million people has: the city may be meant
        ("They moved here from New York in 2010.", "They moved here from [ADDRESS] in 2010."),
    ],
)
def test_more_places_are_replaced(scrub, text: str, expected: str) -> None:
    assert scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "She is in Physical Therapy twice a week.",  # clinical words after `is in`
        "The reviewer is licensed in New York.",  # no verb of residence: the state
        "He moved to Texas.",  # a state no big city is named
    ],
)
def test_more_of_what_is_no_place_stays(scrub, text: str) -> None:
    assert scrub(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "She met the town Council twice.",  # a body of the town, in dictionary words
        "The city It was built on is old.",  # the sentence goes on
    ],
)
def test_no_settlement_name(text: str) -> None:
    assert ResidenceRecognizer().analyze(text) == []
