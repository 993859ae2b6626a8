"""One source document through extract -> parse -> de-identify, as a pure function."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from imr_lake.deid import audit_document, to_curated
from imr_lake.errors import DocumentError, ErrorCode
from imr_lake.extract import extract_text
from imr_lake.extract.budget import Budget
from imr_lake.parse import read_text, triage_unknown
from imr_lake.timing import StageTimer


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class DocumentResult:
    """What one letter became: curated rows, or an error code (never letter text)."""

    sha256: str
    determination: dict[str, Any] | None = None
    treatments: list[dict[str, Any]] = field(default_factory=list)
    error_code: str | None = None
    error_message: str | None = None
    audit_hits: list[str] = field(default_factory=list)  # identifier kinds, not values
    # headings found/missed and the parse's holes (parse.triage.Triage.to_json()): headings
    # and our own problem names only, never letter text
    triage: dict[str, Any] | None = None
    seconds: dict[str, float] = field(default_factory=dict, compare=False)  # by stage


def process_document(
    data: bytes, *, key: bytes, run_id: str, policy: str, budget: Budget | None = None
) -> DocumentResult:
    digest = sha256_hex(data)
    timer = StageTimer()
    text = None
    try:
        with timer.stage("extract"):
            text = extract_text(data, budget)
        with timer.stage("parse"):
            letter, triage = read_text(text)
    except DocumentError as exc:
        unknown = exc.code == ErrorCode.UNKNOWN_LAYOUT and text is not None
        return DocumentResult(
            sha256=digest,
            error_code=exc.code.value,
            error_message=exc.message,
            seconds=timer.seconds,
            triage=triage_unknown(text).to_json() if unknown else None,
        )
    with timer.stage("deidentify"):
        determination, treatments = to_curated(
            letter, sha256=digest, key=key, run_id=run_id, policy=policy
        )
    with timer.stage("audit"):
        hits = audit_document(determination, treatments, letter, policy=policy)
    return DocumentResult(
        sha256=digest,
        determination=determination,
        treatments=treatments,
        audit_hits=hits,
        seconds=timer.seconds,
        triage=triage.to_json(),
    )
