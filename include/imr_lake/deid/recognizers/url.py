"""Web addresses."""

from __future__ import annotations

from imr_lake.deid.recognizers.base import Pattern, PatternRecognizer

_TLDS = ("com", "net", "org", "gov", "edu", "us", "info", "biz")


class UrlRecognizer(PatternRecognizer):
    """`http(s)://...`, `www.example.com/...` and bare `example.com/path` style domains."""

    KIND = "url"
    PLACEHOLDER = "[URL]"
    TRIGGERS = ("://", "www.", *(f".{t}" for t in _TLDS))
    PATTERNS = (
        Pattern("scheme", r"[HhFf](?i:ttps?|tp)://[^\s<>\"')\]]+"),
        Pattern("www", r"[Ww](?i:ww)\.[\w-]+(?:\.[\w-]+)+(?:/[^\s<>\"')\]]*)?"),
        Pattern(
            "domain",
            r"[\w-]+(?:\.[\w-]+)*\.(?i:" + "|".join(_TLDS) + r")(?![\w])(?:/[^\s<>\"')\]]*)?",
        ),
    )
