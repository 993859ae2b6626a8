"""`looked_ahead` adds a lookahead for speed only: every match must stay the same."""

from __future__ import annotations

import random
import re

import pytest
from imr_lake.deid.recognizers import organization, phone, residence
from imr_lake.deid.recognizers.base import looked_ahead


def _inner(wrapped: str) -> str:
    """The regex that `looked_ahead` put behind its lookahead."""
    found = re.fullmatch(r"\(\?=\[[^\]]+\]\)\(\?:(.*)\)", wrapped, re.S)
    assert found, wrapped[:40]
    return found[1]


def _texts(regex: str, count: int, seed: int) -> list[str]:
    """Texts strung from the regex's own words, digits and signs: matches start anywhere."""
    words = sorted({h + t for h, t in re.findall(r"(?:\[([A-Z])[a-z]\])?([A-Za-z]{2,})", regex)})
    pieces = [
        *words,
        *(f" {w} " for w in words),
        *(f" {w.lower()} " for w in words),
        *"0123456789",
        *" ()+-.,&/\n\t",
    ]
    pieces += [" 555 ", "(07) 4581 3775", "+31 42 123 4567", " 1234567 ", " 4321 "]
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(150)) for _ in range(count)]


def _spans(regex: str, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(regex, text)]


@pytest.mark.parametrize(
    ("name", "wrapped"),
    [
        ("organisation suffix", organization.ORG_SUFFIX),
        ("home suffix", organization.OrganizationRecognizer.SUFFIX_HOME.pattern),
        ("numbered firm", organization._NUMBERED),
        ("grouped phone", phone._GROUPED),
        ("residence verb", residence._VERB),
    ],
)
def test_the_recognizers_lookaheads_keep_every_match(name: str, wrapped: str) -> None:
    inner = _inner(wrapped)
    texts = _texts(inner, 400, seed=len(name))
    matched = sum(bool(_spans(inner, t)) for t in texts)
    assert matched > 40, f"{name}: the texts should hold matches ({matched})"
    for text in texts:
        assert _spans(wrapped, text) == _spans(inner, text), (name, text)


@pytest.mark.parametrize(
    ("regex", "first"),
    [
        (r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)|\d{2,6})", r"\(\+\d"),
        (r"(?<![\w.])(?:AG|SE)|(?<=& )Co(?![\w.])", "ACS"),
        (r"(?:[Gg]rew[ \t]+up|[Rr]aised)(?:\s+in)?", "GRgr"),
        (r"[A-Z]\w*|plc", "A-Zp"),
        (r"\bfoo", "f"),
        (r"(?:x{0,2}|y)z", "xyz"),
        (r"[Cc](?i:laim)", "Cc"),
    ],
)
def test_the_class_is_read_from_the_parse(regex: str, first: str) -> None:
    assert looked_ahead(regex) == f"(?=[{first}])(?:{regex})"


@pytest.mark.parametrize("regex", [r"a?", r".b", r"[^a]b", r"(?i:abc)", r"(?:x|)y?"])
def test_what_cannot_be_read_is_left_alone(regex: str) -> None:
    assert looked_ahead(regex) == regex


def test_random_regexes_keep_their_matches() -> None:
    rng = random.Random(7)
    atoms = ["a", "b", "[ab]", "[c-e]", r"\d", "(?:a|bc)", "(?<!a)b"]
    zero_width = ["", "", "(?=b)", r"\b", "(?<!c)"]
    for _ in range(300):
        regex = "".join(
            rng.choice(zero_width) + rng.choice(atoms) + rng.choice(["", "?", "*", "+", "{0,2}"])
            for _ in range(3)
        )
        wrapped = looked_ahead(regex)
        for _ in range(5):
            text = "".join(rng.choice("abcde1 ") for _ in range(30))
            assert _spans(wrapped, text) == _spans(regex, text), (regex, text)
