"""Email addresses."""

from __future__ import annotations

from imr_lake.deid.recognizers.base import Pattern, PatternRecognizer


class EmailRecognizer(PatternRecognizer):
    """`local@domain.tld`, also with spaces the PDF extractor put around the `@`, and
    `local (at) domain.tld`."""

    KIND = "email"
    PLACEHOLDER = "[EMAIL]"
    TRIGGERS = ("@", "(at)")
    PATTERNS = (
        Pattern("email", r"[\w.+%-]+\s?@\s?[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w])"),
        Pattern("at_word", r"[\w.+-]+\s?\([Aa][Tt]\)\s?[\w-]+(?:\.[\w-]+)+(?![\w])"),
    )
