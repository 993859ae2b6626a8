"""Street addresses and post office boxes."""

from __future__ import annotations

import re

from imr_lake.deid.recognizers.base import DIGIT, Pattern, PatternRecognizer, word
from imr_lake.deid.vocabulary import core_clinical_words, in_vocabulary

# The street suffixes of USPS Publication 28, appendix C1 (primary names and the common
# abbreviations), plus `Real` (`El Camino Real`) and `Freeway`/`Expressway` spellings.
USPS_SUFFIXES = """
    Alley Allee Annex Arcade Avenue Ave Av Bayou Beach Bend Bluff Bluffs Bottom Boulevard Blvd
    Branch Bridge Brook Brooks Burg Burgs Bypass Camp Canyon Cape Causeway Center Centers
    Circle Circles Cir Cliff Cliffs Club Common Commons Corner Corners Course Court Courts Ct
    Cove Coves Creek Crescent Crest Crossing Crossroad Crossroads Curve Dale Dam Divide Drive
    Drives Dr Estate Estates Expressway Extension Extensions Falls Ferry Field Fields Flat
    Flats Ford Fords Forest Forge Forges Fork Forks Fort Freeway Fwy Garden Gardens Gateway
    Glen Glens Green Greens Grove Groves Harbor Harbors Haven Heights Highway Hwy Hill Hills
    Hollow Inlet Island Islands Isle Junction Junctions Key Keys Knoll Knolls Lake Lakes
    Land Landing Lane Ln Light Lights Loaf Lock Locks Lodge Loop Mall Manor Manors Meadow
    Meadows Mews Mill Mills Mission Motorway Mount Mountain Mountains Neck Orchard Oval
    Overpass Park Parks Parkway Parkways Pkwy Pass Passage Path Pike Pine Pines Place Pl
    Plain Plains Plaza Point Points Port Ports Prairie Radial Ramp Ranch Rapid Rapids Rest
    Ridge Ridges River Road Roads Rd Route Row Rue Run Shoal Shoals Shore Shores Skyway
    Spring Springs Spur Spurs Square Squares Sq Station Stravenue Stream Street Streets St
    Summit Terrace Ter Throughway Trace Track Trafficway Trail Trl Trailer Tunnel Turnpike
    Underpass Union Unions Valley Valleys Via Viaduct View Views Village Villages Ville Vista
    Walk Walks Wall Way Ways Well Wells Real
""".split()
STREET_SUFFIX = "(?:" + "|".join(sorted(USPS_SUFFIXES, key=len, reverse=True)) + ")"
# Of them, the ones that are nothing but a street: a number and a name before them is an
# address whatever the name's words (`123 Main Street`); after the others (`Center`,
# `Park`, `Union`) one word of the name must be no clinical word (`3 Pain Center` stays).
_PLAIN = frozenset(
    "Street St Avenue Ave Av Boulevard Blvd Road Rd Drive Dr Lane Ln Court Ct Place Pl"
    " Parkway Pkwy Highway Hwy Freeway Fwy Expressway Circle Cir Terrace Ter Trail Trl"
    " Way Alley Plaza Square Sq Crescent Row Loop Real".split()
)
_UNIT = (
    r"(?:,?\s*(?:Suite|Ste\.?|Unit|Apt\.?|Apartment|Building|Bldg\.?|Floor|Fl\.?|Room|Rm\.?|#)"
    r"\s*#?\s*[A-Z0-9][A-Za-z0-9-]*)*"
)
_WORD = r"(?:[A-Z][A-Za-z'.-]*|\d+(?:st|nd|rd|th))"
# A house number of one to six digits, led by a bare digit so the engine skips ahead (base)
_HOUSE = r"\d\d{0,5}"


class StreetAddressRecognizer(PatternRecognizer):
    """`1234 Wilshire Boulevard, Suite 210`, `55 N. Main St.`, `10 Broadway`, `P.O. Box 1234`.

    A house number, one to five capitalized words, then a street type; a suite or unit
    designator that follows is part of the address. Without a number, a street named by
    a word no vocabulary holds and a street type (`Guibord Camp`, `Kucharski Knoll`).
    """

    KIND = "street_address"
    PLACEHOLDER = "[ADDRESS]"
    PATTERNS = (
        Pattern(
            "street",
            rf"{_HOUSE}(?:-?[A-Z])?\s+(?:[NSEW]\.?\s+)?(?:{_WORD}\s+){{1,5}}{STREET_SUFFIX}"
            rf"(?![A-Za-z])\.?{_UNIT}",
            needs=DIGIT,
        ),
        Pattern(
            "named_street",
            rf"(?P<name>[A-Z][a-z'’-]+(?:\s[A-Z][a-z'’-]+)?)\s(?P<type>{STREET_SUFFIX})(?![\w'’-])",
        ),
        Pattern(
            "broadway",
            rf"{_HOUSE}\s+(?:[NSEW]\.?\s+)?Broadway(?![A-Za-z]){_UNIT}",
            triggers=("broadway",),
            needs=DIGIT,
        ),
        Pattern("po_box", r"P\.?\s?O\.?\s*(?i:box)\s+\d+(?!\d)", triggers=("box",), needs=DIGIT),
        Pattern(
            "post_office_box",
            word("post office box") + r"\s+\d+(?!\d)",
            triggers=("box",),
            needs=DIGIT,
        ),
        Pattern(
            "unit_alone",
            r"(?:S(?:uite|te\.)|Apt\.?|Apartment|Unit|Box|Postbox)\s+#?\d+[A-Z]?(?![\w])",
            triggers=("suite", "ste.", "apt", "apartment", "unit", "box"),
            needs=DIGIT,
        ),
        # US military mail (USPS Publication 28): "Unit 4228 Box 1989", "PSC 1234, Box 56",
        # "USNS Ortiz", "FPO AE 09123".
        Pattern(
            "military_unit", r"(?:PSC|CMR|Unit)\s+\d{3,5},?\s+Box\s+\d{1,5}", needs=r"Box\s+\d"
        ),
        Pattern("military_ship", r"US(?:NS|NV|S|CGC)\s+[A-Z][\w'-]+"),
        Pattern(
            "military_post",
            r"(?:APO|FPO|DPO)\s+A[AEP]\s+\d{5}(?:-\d{4})?(?!\d)",
            needs=r"A[AEP]\s+\d",
        ),
    )

    def validate(self, match: re.Match[str]) -> bool:
        """A street type that is also an everyday or clinical word (`Center`, `Park`, `Fall`)
        names a street only beside a word that no vocabulary holds."""
        groups = match.re.groupindex
        if "name" in groups:
            return any(not in_vocabulary(w.lower()) for w in match.group("name").split())
        if match.re.pattern.startswith(rf"{_HOUSE}(?:-?[A-Z])?"):
            words = match.group().split()
            suffix = next(
                (w.rstrip(".") for w in reversed(words) if w.rstrip(".") in USPS_SUFFIXES), ""
            )
            if suffix not in _PLAIN:
                clinical = core_clinical_words()
                return any(
                    w.lower().strip(".,") not in clinical for w in words[1:-1] if w[0].isalpha()
                )
        return True
