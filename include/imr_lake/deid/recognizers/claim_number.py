"""Workers' compensation claim numbers: free-form, so only recognized after a label."""

from __future__ import annotations

import re

from imr_lake.deid.recognizers.base import Pattern, PatternRecognizer, word

VALUE = r"(?P<v>[A-Za-z0-9](?:[A-Za-z0-9]|[-./][A-Za-z0-9]){3,30})(?![\w])"


class ClaimNumberRecognizer(PatternRecognizer):
    """`Claim Number: 05-123456-01`, `claim # 123456789`, `Claim No. ABC1234567`, and any
    run of eight or more digits (no clinical number is that long).

    A labelled value must hold at least three digits: "claim number is pending" stays.
    """

    KIND = "claim_number"
    PLACEHOLDER = "[ID]"
    PATTERNS = (
        Pattern(
            "labelled",
            word("claim") + r"\s*(?i:number|no\.?|num\.?|#|id)\s*(?i:is\s+)?[:#]?\s*" + VALUE,
            triggers=("claim",),
        ),
        Pattern("long_number", r"\d{8,}(?![\d]|[.,/-]\d)", not_after=".,/-"),
    )

    def validate(self, match: re.Match[str]) -> bool:
        value = match.group("v") if "v" in match.re.groupindex else match.group(0)
        return sum(c.isdigit() for c in value) >= 3
