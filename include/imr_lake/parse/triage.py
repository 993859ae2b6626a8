"""What a parser found of a letter's structure, and what it could not read (issue 13).

A letter whose layout is detected but whose items, decisions or a required section are
not found must not publish with holes: its problems become the quarantine reason
(`incomplete_parse: no items`, `incomplete_parse: no decision for item 2`, ...). For
every letter the parser records the headings of its layout it found and missed, and for a
letter no parser detects, those of the closest layout: headings only (our own heading
wordings, never letter text), so an operator sees a new wording at a glance.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from imr_lake.parse.sections import find_headings
from imr_lake.parse.text import clean_text

if TYPE_CHECKING:
    from imr_lake.model import ParsedLetter
    from imr_lake.parse import LayoutParser

INCOMPLETE = "incomplete_parse"


@dataclass
class Triage:
    """Headings found and missed by the layout that read a letter (or the closest one)."""

    layout: str | None  # the parser's layout; for an unknown layout, the closest one
    wording: str | None
    found: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "no items", "no decision for item 2"

    @property
    def reasons(self) -> list[str]:
        return reasons_of(self.problems)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def reasons_of(problems: list[str]) -> list[str]:
    """The quarantine reasons, named as failed expectations are: `incomplete_parse: <p>`."""
    return [f"{INCOMPLETE}: {p}" for p in problems]


def _seen(parser: LayoutParser, cleaned: str) -> set[str]:
    return {name for _, _, name in find_headings(cleaned, list(parser.headings))}


def _labels(parser: LayoutParser, seen: set[str]) -> tuple[list[str], list[str]]:
    """(found, missed): the labels of the parser's headings, in its own order."""
    found = [h.label for h in parser.headings if h.name in seen]
    missed = [h.label for h in parser.headings if h.name not in seen]
    return found, missed


def check(parser: LayoutParser, letter: ParsedLetter, text: str) -> Triage:
    """The letter's headings and every hole a publishable letter may not have."""
    seen = _seen(parser, clean_text(text))
    found, missed = _labels(parser, seen)
    labels = {h.name: h.label for h in parser.headings}
    problems = [f"missing section {labels[name]}" for name in parser.required if name not in seen]
    if not letter.treatments:
        problems.append("no items")
    for item in letter.treatments:
        if not (item.treatment_requested or "").strip():
            problems.append(f"no treatment for item {item.item_number}")
        if item.decision is None:
            problems.append(f"no decision for item {item.item_number}")
    return Triage(parser.name, parser.wording, found, missed, problems)


def closest(text: str, parsers: tuple[LayoutParser, ...]) -> Triage:
    """For a letter no parser reads: the headings of the layout it comes closest to."""
    cleaned = clean_text(text)
    best: Triage | None = None
    for parser in parsers:
        found, missed = _labels(parser, _seen(parser, cleaned))
        if best is None or len(found) > len(best.found):
            best = Triage(parser.name, parser.wording, found, missed)
    assert best is not None
    return best if best.found else Triage(None, None, [], [])
