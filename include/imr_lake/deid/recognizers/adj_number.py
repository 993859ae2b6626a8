"""WCAB adjudication case numbers."""

from __future__ import annotations

from imr_lake.deid.recognizers.base import DIGIT, Pattern, PatternRecognizer


class AdjNumberRecognizer(PatternRecognizer):
    """ADJ1234567 (EAMS), also `ADJ 1234567`, `ADJ-1234567`, `adj1234567`; legacy WCAB
    numbers such as `LAO 0812345` / `VNO0512345` (three letters ending in O, six to eight
    digits)."""

    KIND = "adj_number"
    PLACEHOLDER = "[ID]"
    NEEDS = DIGIT  # every pattern holds a digit
    PATTERNS = (
        Pattern("eams", r"[Aa](?i:dj)\s?[-#:]?\s?\d{5,10}(?!\d)", triggers=("adj",)),
        Pattern("legacy", r"[A-Z][A-Z]O\s?\d{6,8}(?!\d)"),
    )
