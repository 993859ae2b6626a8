"""The registry's patterns start the way Python's engine can skip ahead on, or run gated.

`re` scans fast to candidate positions only when a pattern starts with a literal or a
bare character class; a leading group around a counted repeat (`(?P<m>\\d{1,2})`) makes it
try the whole pattern at every position. The rewritten leads (`\\d\\d?` for `\\d{1,2}`)
must match exactly what the plain forms match.
"""

from __future__ import annotations

import random
import re

import pytest
from imr_lake.deid.recognizers import PatternRecognizer, default_recognizers

_compiler = getattr(re, "_compiler", None)
_parser = getattr(re, "_parser", None)


def _skips_ahead(regex: str, flags: int) -> bool:
    """What `re` itself checks when it compiles (a literal prefix or a charset prefix)."""
    tree = _parser.parse(regex, flags)
    prefix = _compiler._get_literal_prefix(tree, flags)[0]
    return bool(prefix) or _compiler._get_charset_prefix(tree, flags) is not None


@pytest.mark.skipif(
    not hasattr(_compiler, "_get_charset_prefix"), reason="this Python's re hides its prefix"
)
def test_a_pattern_tried_at_every_position_runs_behind_a_gate() -> None:
    ungated = []
    for recognizer in default_recognizers():
        if not isinstance(recognizer, PatternRecognizer):
            continue
        for pattern, _, _ in recognizer._compiled:
            gated = recognizer.NEEDS or recognizer.TRIGGERS or pattern.needs or pattern.triggers
            if not _skips_ahead(pattern.regex, pattern.flags) and not gated:
                ungated.append(f"{type(recognizer).__name__}.{pattern.name}")
    assert ungated == []
    assert not _skips_ahead(r"(?P<m>\d{1,2})/", 0)  # the check can fail
    assert _skips_ahead(r"(?P<m>\d\d?)/", 0)


# (the plain form, the form the registry writes), each followed by the same tail
LEADS = [
    (r"(?P<m>\d{1,2})", r"(?P<m>\d\d?)"),
    (r"(?P<n>\d{2,3})", r"(?P<n>\d\d\d?)"),
    (r"(?P<a>\d{3})", r"(?P<a>\d\d\d)"),
    (r"\d{1,6}", r"\d\d{0,5}"),
    (r"\d{7,12}", r"\d\d{6,11}"),
    (r"\d{8,}", r"\d\d{7,}"),
    (r"\d{5}", r"\d\d{4}"),
    (r"[A-Z]{2}", r"[A-Z][A-Z]"),
    (r"(?P<m>0?[1-9]|1[0-2])", r"(?P<m>[0-9](?:(?<=0)[1-9]|(?<=[1-9])|(?<=1)[0-2]))"),
]
TAILS = [r"\s?[/-]\s?(?P<y>(?:19|20)\d{2})(?![\d/])", r"/\d{1,2}(?![\d/.])", r"(?!\d)", ""]


@pytest.mark.parametrize(("plain", "lead"), LEADS)
def test_a_rewritten_lead_matches_what_the_plain_one_matches(plain: str, lead: str) -> None:
    rng = random.Random(plain)
    pieces = [*"0123456789", *"0123456789", " ", "/", "-", "AB", "x", "19", "20", "\n"]
    texts = ["".join(rng.choice(pieces) for _ in range(80)) for _ in range(300)]
    found = 0
    for tail in TAILS:
        before, after = re.compile(plain + tail), re.compile(lead + tail)
        for text in texts:
            spans = [(m.span(), m.groupdict()) for m in before.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in after.finditer(text)] == spans, text
            found += len(spans)
    assert found > 100, found  # the texts hold many matches of each form
