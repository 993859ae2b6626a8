"""Phone numbers by their shape (ITU-T E.123 digit groups, NANP) and the words of
telephony before them. Invented values only; each case says which rule it holds to."""

from __future__ import annotations

import pytest
from imr_lake.deid.recognizers import PhoneRecognizer


def found(text: str) -> list[str]:
    return [text[s.start : s.end] for s in PhoneRecognizer().analyze(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a subscriber number without its area code (six or seven digits) after a word
        # of telephony: the message (singular or plural) that goes to it
        ("She left a message on 47 28 93 yesterday.", ["47 28 93"]),
        ("No reply to my messages at 614 3920.", ["614 3920"]),
        ("Texted the voicemail number 583 2071.", ["583 2071"]),
        # eight digits or more need no cue
        ("Reach the desk at 0431 882 917 today.", ["0431 882 917"]),
    ],
)
def test_cued_subscriber_numbers(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # six digits with no telephony word: a code, a count, a dosage table
        "Lot 47 28 93 was used.",
        # a date after a message word stays a date
        "The message of 12 03 18 was read.",
        # a message word too far before the digits
        "The message about the claim was sent to the adjuster, who filed it as 47 28 93.",
    ],
)
def test_no_phone(text: str) -> None:
    assert found(text) == []
