"""Telephone and fax numbers (NANP)."""

from __future__ import annotations

from imr_lake.deid.recognizers.base import Pattern, PatternRecognizer, word

_EXT = r"(?:\s*(?i:ext\.?|x|extension)\s*\d{1,5})?"
_LABELLED_VALUE = (
    r"\.?\s*(?i:number|no\.?|#)?\s*[:#]?\s*"
    r"(?P<v>(?:\+?1[-.\s]?)?(?:\(?\d{3}\)?[-.\s]?)?\d{3}[-.\s]?\d{4})(?!\d)"
)


class PhoneRecognizer(PatternRecognizer):
    """(213) 555-0123, 213-555-0123, 213.555.0123, 1-800-555-0123, 213 555 0123 [ext. 12].

    A bare seven-digit 555-0123 counts only after a phone/fax/tel label.
    """

    KIND = "phone"
    PLACEHOLDER = "[PHONE]"
    PATTERNS = (
        Pattern("parenthesized", rf"\(\d{{3}}\)\s*\d{{3}}\s?[-.\s]\s?\d{{4}}(?!\d){_EXT}"),
        Pattern(
            "separated",
            rf"\d{{3}}[-.\s]\d{{3}}[-.\s]\d{{4}}(?![\d]|[-/]\d){_EXT}",
            not_after="/.-",
        ),
        *(
            Pattern(f"labelled_{label}", word(label) + _LABELLED_VALUE, triggers=(label,))
            for label in ("phone", "tel", "telephone", "fax", "facsimile", "cell", "mobile")
        ),
    )
