"""What every recognizer shares: named patterns compiled once, a validation hook, spans.

Modelled on Presidio's `PatternRecognizer`: a recognizer is a kind of identifier, its
named patterns as class constants (a caller may pass others), and `validate` to reject
look-alikes. Unlike Presidio there are no scores: a span is either replaced or not.

Speed: Python's regex engine skips quickly to candidate positions only when a pattern
starts with a literal or a bare character class. So patterns here start with one (`\\d`,
`[Cc]`, a branch of literals), never with `\\b`, a lookbehind, a case-insensitive flag or
a counted repeat (`\\d\\d?`, not `\\d{1,2}`, inside a group too: `(?P<m>\\d{1,2})` is tried
at every position, twice as slow); `Pattern.boundary` does the word-boundary check in
Python, and `word()` spells a case-insensitive keyword whose first letter is a character
class. A pattern that cannot start so runs behind a gate (`needs`, `triggers`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import ClassVar


@dataclass(frozen=True, slots=True)
class Span:
    """A found identifier: where it is, what kind, and the placeholder replacing it."""

    start: int
    end: int
    kind: str
    placeholder: str


@dataclass(frozen=True, slots=True)
class Pattern:
    """One named regular expression; group `v`, when present, is the identifier proper.

    `boundary`: the character before the match must not be a letter, digit or one of
    `not_after` (what a leading `\\b` or lookbehind would say, checked in Python).
    `triggers`: lowercase substrings one of which the text must hold for the pattern to
    run (a label such as "fax" is absent from most texts: a substring test is cheaper).
    `needs`: a regular expression that every text holding a valid match holds too (`DIGIT`
    for a number's shape: half the free texts have no digit). A necessary condition only,
    so skipping the texts without it changes no span; one `search` per text, shared by
    every pattern that needs the same.
    """

    name: str
    regex: str
    flags: int = 0
    boundary: bool = True
    not_after: str = ""
    triggers: tuple[str, ...] = ()
    needs: str = ""


# What a number's shape needs: a digit (a pattern whose `validate` counts digits too).
DIGIT = r"\d"


def looked_ahead(regex: str) -> str:
    """`regex` behind a lookahead of the characters its matches can start with.

    Python's `re` scans fast only for a leading literal or class; an alternation whose
    branches start with a lookbehind or an optional group is tried at every position
    (five times slower on prose). The class is read from `re`'s own parse of `regex`, so it
    holds every possible first character and the matches stay the same; where it cannot
    be read (`.`, a negated class, a match that may be empty), `regex` is returned as it is.
    """
    parsed = re._parser.parse(regex)  # type: ignore[attr-defined]
    starts = _starts(parsed, bool(parsed.state.flags & re.IGNORECASE))
    if starts is None or starts[1] or not starts[0]:
        return regex
    return f"(?=[{''.join(sorted(starts[0]))}])(?:{regex})"


_CLASS_OF_CATEGORY = {"CATEGORY_DIGIT": r"\d", "CATEGORY_WORD": r"\w", "CATEGORY_SPACE": r"\s"}


def _starts(
    items: Iterable[tuple[object, object]], ignore_case: bool
) -> tuple[set[str], bool] | None:
    """The class pieces (escaped characters, ranges, `\\d`) a match of parsed `items` can
    start with, and whether it may be empty; None where a piece cannot be said (a letter
    under a case-insensitive flag: Unicode folds `K` with the Kelvin sign)."""
    from re import _constants as c  # type: ignore[attr-defined]

    found: set[str] = set()
    for op, value in items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero-width: the next item holds the first character
        if op is c.LITERAL or op is c.IN:
            for kind, member in [(op, value)] if op is c.LITERAL else value:
                if kind is c.LITERAL and not (ignore_case and chr(member).isalpha()):
                    found.add(re.escape(chr(member)))
                elif kind is c.RANGE and not ignore_case:
                    found.add(f"{re.escape(chr(member[0]))}-{re.escape(chr(member[1]))}")
                elif kind is c.CATEGORY and str(member) in _CLASS_OF_CATEGORY:
                    found.add(_CLASS_OF_CATEGORY[str(member)])
                else:
                    return None
            return found, False
        case, least = ignore_case, 1
        if op is c.SUBPATTERN:
            _, added, removed, inner = value
            case = (case or bool(added & re.IGNORECASE)) and not removed & re.IGNORECASE
            parts = [inner]
        elif op is c.ATOMIC_GROUP:
            parts = [value]
        elif op is c.BRANCH:
            parts = value[1]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            least, parts = value[0], [value[2]]
        else:
            return None  # any character, a negated literal, a back-reference
        empty = least == 0
        for part in parts:
            start = _starts(part, case)
            if start is None:
                return None
            found |= start[0]
            empty = empty or start[1]
        if not empty:
            return found, False
    return found, True


def word(text: str) -> str:
    """`claim number` -> `[Cc](?i:laim\\s+number)`: case-insensitive, fast to scan for."""
    head, tail = text[0], re.sub(r"\s+", r"\\s+", re.escape(text[1:]).replace("\\ ", " "))
    first = f"[{head.upper()}{head.lower()}]" if head.isalpha() else re.escape(head)
    return f"{first}(?i:{tail})" if tail else first


_last_lowered: tuple[str, str] = ("", "")


def lowered(text: str) -> str:
    """`text.lower()`, remembered for the last text (recognizers ask for the same one)."""
    global _last_lowered
    seen, low = _last_lowered  # one tuple: safe to read while another thread replaces it
    if seen is text:
        return low
    low = text.lower()
    _last_lowered = (text, low)
    return low


_last_held: tuple[str, dict[str, bool]] = ("", {})


def holds(text: str, regex: str) -> bool:
    """Does `text` hold a match of `regex` (a pattern's `needs`)? Remembered for the last
    text, as `lowered` is: every recognizer asks about the same text in turn."""
    global _last_held
    seen, answers = _last_held
    if seen is not text:
        answers = {}
        _last_held = (text, answers)
    answer = answers.get(regex)
    if answer is None:
        answer = answers[regex] = _compile(regex, 0).search(text) is not None
    return answer


@cache
def _compile(regex: str, flags: int) -> re.Pattern[str]:
    """Compiled once per process, however many recognizers (one per letter) are built."""
    return re.compile(regex, flags)


def boundary_ok(text: str, start: int, not_after: str = "") -> bool:
    """No letter, digit or `not_after` character right before `start`."""
    if start == 0:
        return True
    before = text[start - 1]
    return not (before.isalnum() or before == "_" or before in not_after)


class Recognizer:
    """Finds one kind of identifier in free text."""

    KIND: ClassVar[str] = ""
    PLACEHOLDER: ClassVar[str] = "[ID]"

    def analyze(self, text: str) -> list[Span]:
        raise NotImplementedError


class PatternRecognizer(Recognizer):
    """A recognizer made of regular expressions, compiled when the recognizer is built."""

    PATTERNS: ClassVar[tuple[Pattern, ...]] = ()
    # Substrings (lowercase) one of which a text must hold for the patterns to run at all.
    TRIGGERS: ClassVar[tuple[str, ...]] = ()
    # A regular expression every text holding a span of this recognizer holds (`Pattern`).
    NEEDS: ClassVar[str] = ""

    def __init__(self, patterns: Iterable[Pattern] | None = None) -> None:
        chosen = tuple(patterns) if patterns is not None else self.PATTERNS
        # (pattern, compiled, has a group `v`): asked per text, so read once here
        self._compiled = [
            (p, compiled, "v" in compiled.groupindex)
            for p, compiled in ((p, _compile(p.regex, p.flags)) for p in chosen)
        ]

    def validate(self, match: re.Match[str]) -> bool:
        """False rejects a look-alike (an impossible date, a clinical word)."""
        return True

    def placeholder(self, match: re.Match[str]) -> str:
        return self.PLACEHOLDER

    def analyze(self, text: str) -> list[Span]:
        if self.NEEDS and not holds(text, self.NEEDS):
            return []
        if self.TRIGGERS and not _any_in(self.TRIGGERS, lowered(text)):
            return []
        spans: list[Span] = []
        for pattern, compiled, has_value in self._compiled:
            if pattern.needs and not holds(text, pattern.needs):
                continue
            if pattern.triggers and not _any_in(pattern.triggers, lowered(text)):
                continue
            for m in compiled.finditer(text):
                if pattern.boundary and not boundary_ok(text, m.start(), pattern.not_after):
                    continue
                if not self.validate(m):
                    continue
                start, end = m.span("v") if has_value and m.group("v") is not None else m.span()
                if end > start:
                    spans.append(Span(start, end, self.KIND, self.placeholder(m)))
        return spans


def _any_in(needles: tuple[str, ...], text: str) -> bool:
    for needle in needles:
        if needle in text:
            return True
    return False
