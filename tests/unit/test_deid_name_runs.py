"""A firm's span grows over the rest of its run of capitalised words (names invented)."""

from __future__ import annotations

import pytest
from imr_lake.deid.name_runs import grow_to_runs
from imr_lake.deid.recognizers.base import Span
from imr_lake.deid.text import Scrubber


def _grown(text: str, found: str, placeholder: str = "[ORG]") -> str:
    start = text.index(found)
    (span,) = grow_to_runs(text, [Span(start, start + len(found), "organisation", placeholder)])
    return text[span.start : span.end]


@pytest.mark.parametrize(
    ("text", "found", "whole"),
    [
        (
            "Looking to support Brevatti Corporation International in its mission.",
            "Brevatti Corporation",
            "Brevatti Corporation International",
        ),
        ("The year at QUILLON ASSET/EUR in Tarn.", "QUILLON ASSET", "QUILLON ASSET/EUR"),
        (
            "Songs of ENERGY TRANSFER/Vexmor Partners are",
            "Vexmor Partners",
            "ENERGY TRANSFER/Vexmor Partners",
        ),
        ("Records from Halvard Oil & Gas Trust were read.", "Gas Trust", "Halvard Oil & Gas Trust"),
        (
            "The Ostrava Fund (ex-US) Index was founded.",
            "Ostrava Fund",
            "Ostrava Fund (ex-US) Index",
        ),
        ("Per the review, NOVELL KASTRO Holdings denied it.", "Holdings", "NOVELL KASTRO Holdings"),
        ("Records from kestrix Holding SE were read.", "Holding SE", "kestrix Holding SE"),
        ("A review by Harlow vyn Group denied it.", "Group", "Harlow vyn Group"),
    ],
)
def test_a_span_takes_the_capitalised_words_that_touch_it(
    text: str, found: str, whole: str
) -> None:
    assert _grown(text, found) == whole


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The claim went to Dravick Insurance UR for review.", "Dravick Insurance"),  # letters'
        ("Imaging at Kaiser Selvano Group MRI showed a tear.", "Kaiser Selvano Group"),  # clinical
        ("Yesterday Morvent Group denied the request.", "Morvent Group"),  # a sentence start
        ("It went to Morvent Corp. Treatment was denied.", "Morvent Corp."),  # a period
        ("A claim of Morvent Group And Sons.", "Morvent Group"),  # a function word
        ("Morvent Group products were shipped.", "Morvent Group"),  # lower case
        ("She saw pepper Morvent Group.", "Morvent Group"),  # an everyday word before it
        ("Morvent Group, Physical Therapy", "Morvent Group"),  # a comma
    ],
)
def test_what_stops_a_run(text: str, found: str) -> None:
    assert _grown(text, found) == found


def test_a_person_takes_only_a_glued_word() -> None:
    assert _grown("Seen by Dr. Ferrand MD today.", "Ferrand", "[NAME]") == "Ferrand"
    assert _grown("Seen by Ferrand/Olsky today.", "Ferrand", "[NAME]") == "Ferrand/Olsky"
    assert _grown("Seen by Ardo Ferrand today.", "Ferrand", "[NAME]") == "Ferrand"


def test_only_a_firm_takes_an_unknown_lower_case_word() -> None:
    text = "A review by Harlow vyn Zantor denied it."
    assert _grown(text, "Zantor", "[REDACTED]") == "Zantor"


def test_other_spans_stay_as_found() -> None:
    text = "Call 555 0100 Extension today."
    spans = [Span(5, 13, "phone", "[PHONE]")]
    assert grow_to_runs(text, spans) == spans


def test_the_scrubber_replaces_the_whole_firm() -> None:
    scrubbed = Scrubber().scrub("The year at QUILLON ASSET/EUR in Tarn.")
    assert scrubbed is not None
    assert scrubbed.startswith("The year at [REDACTED] in ")  # not `[REDACTED]/EUR`
