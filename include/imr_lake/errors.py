"""The error taxonomy of DESIGN.md: every unreadable source object gets one code."""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    EMPTY = "empty"
    NOT_PDF = "not_pdf"
    CORRUPT = "corrupt"
    ENCRYPTED = "encrypted"
    NO_TEXT = "no_text"
    UNKNOWN_LAYOUT = "unknown_layout"
    TOO_LARGE = "too_large"
    TOO_COMPLEX = "too_complex"  # over the per-document budget (extract/budget.py)


class DocumentError(Exception):
    """A source object that cannot become records.

    The message must never contain letter text, names or case numbers: it reaches logs,
    the ledger and the terminal.
    """

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(f"{code.value}: {message}")
        self.code = code
        self.message = message


class ConfigurationError(Exception):
    """A setting the pipeline cannot run without (for example the pseudonym key)."""
