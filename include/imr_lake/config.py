"""Settings from the environment (or Airflow Variables/Connections, resolved by the DAG)."""

from __future__ import annotations

import os

from imr_lake.errors import ConfigurationError

PSEUDONYM_KEY_ENV = "IMR_PSEUDONYM_KEY"
EXTRACT_ENGINE_ENV = "IMR_EXTRACT_ENGINE"
EXTRACT_ENGINES = ("pdfplumber", "pypdfium2")


def pseudonym_key(value: str | None = None) -> bytes:
    """The HMAC key for pseudonyms; publishing refuses to start without one."""
    key = value if value is not None else os.environ.get(PSEUDONYM_KEY_ENV, "")
    if len(key) < 16:
        raise ConfigurationError(
            f"{PSEUDONYM_KEY_ENV} is not set (or shorter than 16 characters): "
            "imr-lake refuses to publish without a pseudonym key. "
            f"Set it in the environment or as the Airflow Variable {PSEUDONYM_KEY_ENV}."
        )
    return key.encode("utf-8")


def extract_engine(value: str | None = None) -> str:
    """The text extraction engine: pdfplumber (default, the reference) or pypdfium2."""
    engine = (value or os.environ.get(EXTRACT_ENGINE_ENV) or "pdfplumber").strip().lower()
    if engine not in EXTRACT_ENGINES:
        raise ConfigurationError(
            f"{EXTRACT_ENGINE_ENV}={engine!r} is not one of {', '.join(EXTRACT_ENGINES)}"
        )
    return engine
