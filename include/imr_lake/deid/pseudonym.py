"""Keyed pseudonyms: stable within a key, irreversible without it."""

from __future__ import annotations

import hashlib
import hmac
import re

_CASE_NUMBER_NOISE = re.compile(r"[\s\-]")


def pseudonym(key: bytes, kind: str, value: str) -> str:
    """HMAC-SHA256 of `kind:value`, hex, 32 characters (128 bits) with a kind prefix.

    The kind keeps a case number and a document hash that happen to be equal apart.
    """
    digest = hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()
    return f"{kind[:3]}_{digest[:32]}"


def document_id(key: bytes, sha256_hex: str) -> str:
    return pseudonym(key, "doc", sha256_hex.lower())


def case_id(key: bytes, case_number: str) -> str:
    """Letters of one case share the id whatever the spelling (`CM13-0012345`, `CM13 0012345`)."""
    return pseudonym(key, "case", _CASE_NUMBER_NOISE.sub("", case_number.upper()))


PSEUDONYM_PATTERN = r"^(doc|cas)_[0-9a-f]{32}$"
