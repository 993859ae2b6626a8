"""The leak audit: a second line of defence between de-identification and publishing.

It scans every curated string of one document for identifier patterns (the recognizer
registry) and for that document's own raw identifiers: its case and claim numbers in any
spelling, its dates in any spelling, and every word of every name found in the letter.
The pipeline quarantines a document with a hit (reason `phi_audit`).

It returns the KINDS that hit, never the text: the result goes to logs and the ledger.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from imr_lake.deid.lexicon import census_surnames, first_names
from imr_lake.deid.recognizers import (
    KnownIdentifiersRecognizer,
    OrganizationRecognizer,
    ProperNounRecognizer,
    default_recognizers,
)
from imr_lake.deid.recognizers.date import spellings
from imr_lake.deid.recognizers.known import name_tokens
from imr_lake.deid.structured import LIMITED_DATA_SET, SAFE_HARBOR
from imr_lake.deid.text import letter_texts, names_in_letter
from imr_lake.deid.vocabulary import common_english, eponym_after, in_vocabulary, known_words
from imr_lake.model import ParsedLetter

# Fields that hold no letter text: pseudonyms (checked by their own expectation) and
# pipeline bookkeeping. A run id such as "scheduled__2026-11-27..." is no patient's date.
NOT_SCANNED = frozenset({"document_id", "case_id", "run_id", "parser_version"})
_PLACEHOLDER = re.compile(r"\[[A-Z]+(?:-[0-9A-Z+]+)?\]")
_LETTER_DATES = (
    "decision_date",
    "letter_date",
    "date_assigned",
    "injury_date",
    "ur_denial_date",
    "application_date",
)


def curated_strings(
    determination: dict[str, Any], treatments: list[dict[str, Any]]
) -> Iterator[str]:
    """Every string value of the rows (list items too), less the fields in NOT_SCANNED."""
    for row in (determination, *treatments):
        for key, value in row.items():
            if key in NOT_SCANNED or value is None:
                continue
            if isinstance(value, str):
                yield value
            elif isinstance(value, (list, tuple)):
                yield from (v for v in value if isinstance(v, str))


_CAPITALISED = re.compile(r"(?<![\w'’-])([A-Z][a-zà-ÿ'’]+(?:-[A-Za-z]+)*)")
_ORGS = OrganizationRecognizer()


def unknown_capitalised(text: str) -> bool:
    """A mid-sentence capitalised word the vocabulary does not hold and English does not
    use commonly (or a census name): the audit's own closed-world check.

    Deliberately simpler than the scrubber's layer (no runs, no context): it shares the
    vocabulary only, so a fault in the scrubber's logic is not repeated here.
    """
    firsts, surnames = first_names(), census_surnames()
    for m in _CAPITALISED.finditer(text):
        word = m.group(1)
        head = text[: m.start()].rstrip(" \t")
        if not head or head[-1] in '.!?:;\n(["“•*>)' or head[-1].isdigit():
            continue  # a sentence or item start
        bare = word.lower().replace("’", "'").removesuffix("'s")
        if all(in_vocabulary(p) for p in bare.split("-") if p):
            continue
        if eponym_after(text, m.end(1)):
            continue  # "the Oswestry Disability Index"
        name_like = word.capitalize() in firsts or word.capitalize() in surnames
        if name_like or not common_english(bare):
            return True
    return False


def letter_orgs(letter: ParsedLetter) -> list[str]:
    """Words of the employers and insurers the letter names anywhere (suffix, cue or
    gazetteer), less known vocabulary: `Medical` of `Coastal Medical Group` may stay."""
    known = known_words()
    found = []
    for text in letter_texts(letter):
        for span in _ORGS.analyze(text):
            words = text[span.start : span.end].split()
            found.extend(w for w in words if w.lower().strip(",.") not in known)
    return found


def _letter_dates(letter: ParsedLetter) -> list[date]:
    return [d for d in (getattr(letter, name) for name in _LETTER_DATES) if d is not None]


def _date_hit(text: str, needles: set[str]) -> bool:
    for needle in needles:
        start = text.find(needle)
        while start != -1:
            end = start + len(needle)
            before = text[start - 1] if start else " "
            after = text[end] if end < len(text) else " "
            if not before.isalnum() and not after.isdigit() and before not in "/-.":
                return True
            start = text.find(needle, end)
    return False


def audit_document(
    determination: dict[str, Any],
    treatments: list[dict[str, Any]],
    letter: ParsedLetter,
    *,
    policy: str = SAFE_HARBOR,
) -> list[str]:
    """Names of the identifier kinds found in the curated rows of one document; [] if clean.

    Under the `limited_data_set` policy the rows keep full dates, so dates are not hits.
    """
    keep_dates = policy == LIMITED_DATA_SET
    recognizers = [
        r
        for r in default_recognizers(keep_dates=keep_dates)
        if not isinstance(r, ProperNounRecognizer)  # the audit has its own closed world
    ]
    known = KnownIdentifiersRecognizer(
        ids=[v for v in (letter.case_number, letter.claim_number) if v],
        names=[*names_in_letter(letter), *letter_orgs(letter)],
    )
    date_needles: set[str] = set()
    if not keep_dates:
        for day in _letter_dates(letter):
            date_needles |= spellings(day)
    hits: set[str] = set()
    for text in curated_strings(determination, treatments):
        bare = _PLACEHOLDER.sub(" ", text)
        for recognizer in recognizers:
            if recognizer.analyze(bare):
                hits.add(recognizer.KIND)
        for span in known.analyze(bare):
            hits.add(f"letter_{span.kind}")
        if date_needles and _date_hit(bare, date_needles):
            hits.add("letter_date")
        if unknown_capitalised(bare):
            hits.add("unknown_proper_noun")
    return sorted(hits)


__all__ = ["audit_document", "curated_strings", "name_tokens"]
