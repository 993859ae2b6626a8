"""Street addresses and post office boxes."""

from __future__ import annotations

from imr_lake.deid.recognizers.base import Pattern, PatternRecognizer, word

STREET_SUFFIX = (
    r"(?:Street|St|Avenue|Ave|Av|Boulevard|Blvd|Road|Rd|Drive|Dr|Lane|Ln|Way|Court|Ct"
    r"|Place|Pl|Parkway|Pkwy|Highway|Hwy|Freeway|Fwy|Circle|Cir|Terrace|Ter|Trail|Trl"
    r"|Plaza|Square|Sq|Real|Row|Loop|Alley|Expressway|Canyon|Crossing|Mall|Path|Pike)"
)
_UNIT = (
    r"(?:,?\s*(?:Suite|Ste\.?|Unit|Apt\.?|Apartment|Building|Bldg\.?|Floor|Fl\.?|Room|Rm\.?|#)"
    r"\s*#?\s*[A-Z0-9][A-Za-z0-9-]*)*"
)
_WORD = r"(?:[A-Z][A-Za-z'.-]*|\d+(?:st|nd|rd|th))"


class StreetAddressRecognizer(PatternRecognizer):
    """`1234 Wilshire Boulevard, Suite 210`, `55 N. Main St.`, `10 Broadway`, `P.O. Box 1234`.

    A house number, one to five capitalized words, then a street type; a suite or unit
    designator that follows is part of the address.
    """

    KIND = "street_address"
    PLACEHOLDER = "[ADDRESS]"
    PATTERNS = (
        Pattern(
            "street",
            rf"\d{{1,6}}(?:-?[A-Z])?\s+(?:[NSEW]\.?\s+)?(?:{_WORD}\s+){{1,5}}{STREET_SUFFIX}"
            rf"(?![A-Za-z])\.?{_UNIT}",
        ),
        Pattern("broadway", rf"\d{{1,6}}\s+(?:[NSEW]\.?\s+)?Broadway(?![A-Za-z]){_UNIT}"),
        Pattern("po_box", r"P\.?\s?O\.?\s*(?i:box)\s+\d+(?!\d)", triggers=("box",)),
        Pattern("post_office_box", word("post office box") + r"\s+\d+(?!\d)", triggers=("box",)),
        Pattern(
            "unit_alone",
            r"(?:S(?:uite|te\.)|Apt\.?|Apartment|Unit|Box|Postbox)\s+#?\d+[A-Z]?(?![\w])",
            triggers=("suite", "ste.", "apt", "apartment", "unit", "box"),
        ),
        # US military mail (USPS Publication 28): "Unit 4228 Box 1989", "PSC 1234, Box 56",
        # "USNS Ortiz", "FPO AE 09123".
        Pattern("military_unit", r"(?:PSC|CMR|Unit)\s+\d{3,5},?\s+Box\s+\d{1,5}"),
        Pattern("military_ship", r"US(?:NS|NV|S|CGC)\s+[A-Z][\w'-]+"),
        Pattern("military_post", r"(?:APO|FPO|DPO)\s+A[AEP]\s+\d{5}(?:-\d{4})?(?!\d)"),
    )
