"""The measurement's leak rule: what counts as a planted identifier still present."""

from __future__ import annotations

import pytest
from imr_lake.deid.measure import leaked


@pytest.mark.parametrize(
    ("kind", "planted", "curated", "leak"),
    [
        ("name", "Dr. Maria Garcia", "seen by Dr. [NAME]", False),  # scrubbed
        ("name", "Dr. Maria Garcia", "Garcia agreed", True),  # surname alone
        ("name", "Dr. Maria Garcia", "Maria agreed", True),  # first name alone
        ("name", "Dr. Kim Lee", "Lee agreed", False),  # a word under four letters alone
        ("name", "Dr. Kim Lee", "then Kim Lee agreed", True),  # but the full name counts
        ("name", "Dr. Walker", "a walker was ordered", False),  # case-sensitive whole word
        ("date", "July 14, 2013", "on 07/14/2013", True),  # another spelling
        ("date", "July 14, 2013", "on July 14th", True),  # without the year
        ("date", "July 14, 2013", "on [DATE-2013]", False),  # scrubbed
        ("date", "07/10/2016", "pain rated 7/10", False),  # a pain score is no date
        ("phone", "(213) 555-0123", "call 213.555.0123", True),  # other separators
        ("claim_number", "05-123456-01", "claim 0512345601", True),  # digits only
        ("employer", "Golden State Foods Corp.", "at Golden State Foods", True),  # no suffix
        ("age", "92", "a 92 year old", True),  # age phrase
        ("age", "92", "Page(s): 92", False),  # a page number
    ],
)
def test_leak_rule(kind: str, planted: str, curated: str, leak: bool) -> None:
    import re

    from imr_lake.deid.measure import _DIGIT_RUN

    numbers = [re.sub(r"\D", "", m.group()) for m in _DIGIT_RUN.finditer(curated)]
    assert leaked(kind, planted, curated, numbers) is leak
