"""One source document through extract -> parse -> de-identify, as a pure function."""

from __future__ import annotations

import hashlib


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
