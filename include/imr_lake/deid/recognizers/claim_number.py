"""Workers' compensation claim numbers: free-form, so only recognized after a label."""

from __future__ import annotations

import re

from imr_lake.deid.recognizers.base import DIGIT, Pattern, PatternRecognizer, word

VALUE = r"(?P<v>[A-Za-z0-9](?:[A-Za-z0-9]|[-./][A-Za-z0-9]){3,30})(?![\w])"


class ClaimNumberRecognizer(PatternRecognizer):
    """`Claim Number: 05-123456-01`, `claim # 123456789`, `Claim No. ABC1234567`,
    `claim 13870559-094` (five digits or more without a number word), and any run of eight
    or more digits (no clinical number is that long).

    A labelled value must hold at least three digits: "claim number is pending" stays.
    """

    KIND = "claim_number"
    PLACEHOLDER = "[ID]"
    NEEDS = DIGIT  # every pattern holds a digit (or `validate` counts them)
    PATTERNS = (
        Pattern(
            "labelled",
            word("claim") + r"\s*(?i:number|no\.?|num\.?|#|id)\s*(?i:is\s+)?[:#]?\s*" + VALUE,
            triggers=("claim",),
        ),
        Pattern("after_claim", word("claim") + r"s?\s*[:#]?\s*" + VALUE, triggers=("claim",)),
        Pattern("long_number", r"\d\d{7,}(?:-\d{1,4})*(?![\d]|[.,/-]\d)", not_after=".,/-"),
    )

    def validate(self, match: re.Match[str]) -> bool:
        value = match.group("v") if "v" in match.re.groupindex else match.group(0)
        # "claim 13870559-094" needs more digits than "claim number AB-123"
        least = 5 if match.re.pattern.startswith(word("claim") + "s?") else 3
        return sum(c.isdigit() for c in value) >= least
