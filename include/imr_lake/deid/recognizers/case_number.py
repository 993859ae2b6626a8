"""IMR case numbers (the review organization's own ids)."""

from __future__ import annotations

from imr_lake.deid.recognizers.base import DIGIT, Pattern, PatternRecognizer, word


class CaseNumberRecognizer(PatternRecognizer):
    """CM13-0012345 and its spellings (CM13 0012345, CM130012345), or any value after a
    `Case Number:` label."""

    KIND = "case_number"
    PLACEHOLDER = "[ID]"
    NEEDS = DIGIT  # every pattern holds a digit
    PATTERNS = (
        Pattern("imr_case", r"[A-Z][A-Z]\d{2}\s?[-\u2010-\u2013]?\s?\d{5,8}(?!\d)"),
        Pattern(
            "labelled",
            word("case")
            + r"\s*(?i:number|no\.?|#)\s*[:#]?\s*(?P<v>[A-Za-z0-9][A-Za-z0-9-]{4,}\d)(?!\w)",
            triggers=("case",),
        ),
    )
