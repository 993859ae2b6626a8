"""Layout detection and the registry of one parser per letter layout."""

from __future__ import annotations

import logging
from functools import cache
from typing import TYPE_CHECKING, Protocol

from imr_lake.errors import DocumentError, ErrorCode
from imr_lake.model import ParsedLetter

if TYPE_CHECKING:
    from imr_lake.parse.sections import Heading
    from imr_lake.parse.triage import Triage

log = logging.getLogger(__name__)


class LayoutParser(Protocol):
    """One letter layout: how to recognise it and how to read it."""

    name: str  # the layout value of its rows
    wording: str  # the wording it reads (the 2013 notice is a wording of `letter`)
    headings: list[Heading]  # every heading it knows, in letter order
    required: tuple[str, ...]  # names of the headings a complete letter has

    def detect(self, text: str) -> bool: ...

    def parse(self, text: str) -> ParsedLetter: ...


@cache
def registered_parsers() -> tuple[LayoutParser, ...]:
    """Parsers in detection order: the most specific opening text first.

    `professional_review` opens with its own title; the 2013 notice wording of `letter`
    with its own title and determinations list; `letter` has its own decisions heading
    and letterhead; `header_table` is the catch-all of the three.
    """
    from imr_lake.parse.header_table import HeaderTableParser
    from imr_lake.parse.letter import LetterParser
    from imr_lake.parse.notice import NoticeParser
    from imr_lake.parse.professional_review import ProfessionalReviewParser

    return (ProfessionalReviewParser(), NoticeParser(), LetterParser(), HeaderTableParser())


def detect_layout(text: str) -> LayoutParser:
    for parser in registered_parsers():
        if parser.detect(text):
            return parser
    raise DocumentError(ErrorCode.UNKNOWN_LAYOUT, "text matches no known determination layout")


def parse_text(text: str) -> ParsedLetter:
    """Text of a whole letter (pages joined) to its parsed fields (see `read_text`)."""
    return read_text(text)[0]


def read_text(text: str) -> tuple[ParsedLetter, Triage]:
    """Text of a whole letter (pages joined) to its parsed fields and its triage: the
    headings found and missed, and the holes that keep it from publishing.

    A parser that fails on a letter it detected reports `unknown_layout` (its wording is
    not one the parser reads) instead of an exception that would stop a batch; the log
    names the exception type only, never letter text.
    """
    from imr_lake.parse.triage import check

    parser = detect_layout(text)
    try:
        letter = parser.parse(text)
    except DocumentError:
        raise
    except Exception as exc:  # a parser bug must not stop the batch or leak text
        log.warning("%s parser failed: %s", parser.name, type(exc).__name__)
        raise DocumentError(
            ErrorCode.UNKNOWN_LAYOUT, f"{parser.name} parser could not read this letter"
        ) from None
    return letter, check(parser, letter, text)


def triage_unknown(text: str) -> Triage:
    """The headings of the closest layout, for a letter no parser could read."""
    from imr_lake.parse.triage import closest

    return closest(text, registered_parsers())
