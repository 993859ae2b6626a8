"""Countries stay (Safe Harbor keeps them), by their names and the short forms GeoNames maps."""

from __future__ import annotations

import pytest
from imr_lake.deid.text import Scrubber
from imr_lake.deid.vocabulary import countries


def test_short_forms_and_variants_are_country_names() -> None:
    names = countries.country_names()
    assert {"Netherlands", "The Netherlands", "Czechia", "Czech Republic", "Burma"} <= names


@pytest.mark.parametrize(
    "text",
    [
        "She moved here from France last year.",
        "He was born in the Czech Republic and came in 2001.",
        "The plant is in the Netherlands.",
        "He flew to Czechia for the surgery.",
    ],
)
def test_a_country_stays(text: str) -> None:
    assert Scrubber().scrub(text) == text


def test_a_common_given_name_that_names_a_country_is_still_a_name() -> None:
    assert Scrubber().scrub("Jordan said he hurt his back.") == "[NAME] said he hurt his back."
    assert "jordan" not in countries.words()
    assert "france" in countries.words()
