"""One recognizer per identifier kind, and the registry the Scrubber and the audit use."""

from __future__ import annotations

from functools import cache

from imr_lake.deid.recognizers.address_line import AddressLineRecognizer
from imr_lake.deid.recognizers.adj_number import AdjNumberRecognizer
from imr_lake.deid.recognizers.age import AgeRecognizer
from imr_lake.deid.recognizers.base import Pattern, PatternRecognizer, Recognizer, Span
from imr_lake.deid.recognizers.case_number import CaseNumberRecognizer
from imr_lake.deid.recognizers.city import CityRecognizer, city_names
from imr_lake.deid.recognizers.claim_number import ClaimNumberRecognizer
from imr_lake.deid.recognizers.date import DateRecognizer
from imr_lake.deid.recognizers.email import EmailRecognizer
from imr_lake.deid.recognizers.known import KnownIdentifiersRecognizer
from imr_lake.deid.recognizers.medical_record import MedicalRecordRecognizer
from imr_lake.deid.recognizers.non_latin import NonLatinRecognizer
from imr_lake.deid.recognizers.organization import OrganizationRecognizer
from imr_lake.deid.recognizers.person import PersonRecognizer
from imr_lake.deid.recognizers.phone import PhoneRecognizer
from imr_lake.deid.recognizers.proper_noun import ProperNounRecognizer
from imr_lake.deid.recognizers.residence import ResidenceRecognizer
from imr_lake.deid.recognizers.ssn import SsnRecognizer
from imr_lake.deid.recognizers.street_address import StreetAddressRecognizer
from imr_lake.deid.recognizers.url import UrlRecognizer
from imr_lake.deid.recognizers.zip_code import ZipCodeRecognizer

# Order matters only for ties: of two spans of equal length, the earlier kind names it.
# Emails and URLs come before names and dates so that their insides are not split up.
_STATIC: tuple[Recognizer, ...] = (
    EmailRecognizer(),
    UrlRecognizer(),
    SsnRecognizer(),
    PhoneRecognizer(),
    CaseNumberRecognizer(),
    AdjNumberRecognizer(),
    ClaimNumberRecognizer(),
    MedicalRecordRecognizer(),
    AgeRecognizer(),
    PersonRecognizer(),
    StreetAddressRecognizer(),
    AddressLineRecognizer(),
    ZipCodeRecognizer(),
    CityRecognizer(),
    ResidenceRecognizer(),
    OrganizationRecognizer(),
    NonLatinRecognizer(),
)
_DATES = DateRecognizer()


@cache
def proper_nouns() -> ProperNounRecognizer:
    """The closed-world layer, built once per process (its vocabulary takes ~2 s to load);
    the city gazetteer loads with it, so that no letter pays for either."""
    city_names()
    return ProperNounRecognizer()


def default_recognizers(*, keep_dates: bool = False) -> list[Recognizer]:
    """Every recognizer of the registry; `keep_dates` (limited data set) leaves dates alone.

    The closed-world layer comes last: of equal spans, a typed kind names the placeholder.
    """
    shaped = [*_STATIC] if keep_dates else [_STATIC[0], _STATIC[1], _DATES, *_STATIC[2:]]
    return [*shaped, proper_nouns()]


__all__ = [
    "AddressLineRecognizer",
    "AdjNumberRecognizer",
    "AgeRecognizer",
    "CaseNumberRecognizer",
    "CityRecognizer",
    "ClaimNumberRecognizer",
    "DateRecognizer",
    "EmailRecognizer",
    "KnownIdentifiersRecognizer",
    "MedicalRecordRecognizer",
    "NonLatinRecognizer",
    "OrganizationRecognizer",
    "Pattern",
    "PatternRecognizer",
    "PersonRecognizer",
    "PhoneRecognizer",
    "ProperNounRecognizer",
    "Recognizer",
    "ResidenceRecognizer",
    "Span",
    "SsnRecognizer",
    "StreetAddressRecognizer",
    "UrlRecognizer",
    "ZipCodeRecognizer",
    "default_recognizers",
    "proper_nouns",
]
