"""Layout detection and the registry of one parser per letter layout."""

from __future__ import annotations

from typing import Protocol

from imr_lake.errors import DocumentError, ErrorCode
from imr_lake.model import ParsedLetter


class LayoutParser(Protocol):
    """One letter layout: how to recognise it and how to read it."""

    name: str

    def detect(self, text: str) -> bool: ...

    def parse(self, text: str) -> ParsedLetter: ...


def registered_parsers() -> list[LayoutParser]:
    """Parsers in detection order (most specific opening text first)."""
    from imr_lake.parse.header_table import HeaderTableParser

    parsers: list[LayoutParser] = [HeaderTableParser()]
    try:  # layouts arrive one module at a time (issue 4)
        from imr_lake.parse.professional_review import ProfessionalReviewParser

        parsers.insert(0, ProfessionalReviewParser())
    except ImportError:
        pass
    try:
        from imr_lake.parse.letter import LetterParser

        parsers.insert(0, LetterParser())
    except ImportError:
        pass
    return parsers


def detect_layout(text: str) -> LayoutParser:
    for parser in registered_parsers():
        if parser.detect(text):
            return parser
    raise DocumentError(ErrorCode.UNKNOWN_LAYOUT, "text matches no known determination layout")


def parse_text(text: str) -> ParsedLetter:
    """Text of a whole letter (pages joined) to its parsed fields."""
    return detect_layout(text).parse(text)
