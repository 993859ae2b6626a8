"""Measure de-identification on a generated corpus: leaks, clinical keep rate, over-scrubbing,
time per letter. Prints a markdown table (docs/deid.md carries the latest one).

    python -m imr_lake.deid.measure --count 600 --seed 20261127 [--parse] [--corpus DIR]

Leaks: a planted identifier counts as leaked if any curated string of its letter holds
it: the full text; for a name, also any word of four or more letters alone (case-sensitive,
whole word); for a date, the same date in any spelling (with or without the year); for
numbers, the digits whatever the separators. By default the letters come from the
ground truth's expected parse (`raw`), which isolates de-identification from parsing;
`--parse` extracts and parses every PDF as the pipeline does.

The corpus is synthetic: printing examples of leaks and over-scrubbed words is safe here.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from imr_lake.deid.audit import audit_document, curated_strings
from imr_lake.deid.lexicon import first_names, surnames
from imr_lake.deid.recognizers import proper_nouns
from imr_lake.deid.recognizers.date import spellings
from imr_lake.deid.structured import SAFE_HARBOR, to_curated
from imr_lake.deid.text import Scrubber, letter_texts
from imr_lake.model import ParsedLetter, TreatmentItem
from imr_lake.parse.dates import parse_date

KEY = b"measure-key-not-secret-0123456789"
_TITLES = re.compile(
    r"\b(?:Dr|Mr|Mrs|Ms|Miss|Doctor)\.?\s+|,?\s*\b(?:M\.D\.|MD|D\.O\.|DO|D\.C\.|DC|PA-C|NP"
    r"|Ph\.D\.|PhD|PT|L\.Ac\.|RN)(?![A-Za-z])\.?"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_DIGIT_RUN = re.compile(r"[\d(][\d\s().\-/]{5,}\d")
_DATE_FIELDS = (
    "decision_date",
    "letter_date",
    "date_assigned",
    "injury_date",
    "ur_denial_date",
    "application_date",
)


def letter_from_json(raw: dict[str, Any]) -> ParsedLetter:
    """A ParsedLetter from `ParsedLetter.to_json()` output (the ground truth's `raw`)."""
    fields = {k: v for k, v in raw.items() if k in ParsedLetter.__dataclass_fields__}
    for name in _DATE_FIELDS:
        if fields.get(name):
            fields[name] = date.fromisoformat(fields[name])
    fields["treatments"] = [TreatmentItem(**t) for t in raw.get("treatments", [])]
    return ParsedLetter(**fields)


def _whole_word(text: str, needle: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(needle)}(?![\w])", text) is not None


def leak_needles(kind: str, text: str) -> tuple[list[str], str | None]:
    """(strings whose presence is a leak, digits that must not appear as a number)."""
    if kind == "name":
        bare = _TITLES.sub(" ", text).strip(" ,")
        words = [w for w in _WORD.findall(bare) if len(w.strip("'’-")) >= 4]
        return [bare, *words], None
    if kind == "date":
        day = parse_date(text)
        return ([text, *sorted(spellings(day))] if day else [text]), None
    if kind == "age":
        return [f"{text} year", f"{text}-year", f"{text} yo", f"{text} y/o", f"age {text}"], None
    digits = re.sub(r"\D", "", text)
    if kind in ("phone", "fax"):
        return [text], digits[-10:]
    if kind in ("case_number", "claim_number", "adj_number", "mrn", "ssn"):
        return [text], digits if len(digits) >= 5 else None
    if kind in ("employer", "insurer"):
        head = re.sub(r",?\s+(?:Inc\.?|Corp\.?|LLC|Co\.|Company|Corporation)$", "", text)
        return [text, head], None
    if kind == "address":
        number_street = " ".join(text.split()[:2])
        return [text, number_street], None
    return [text], None


def leaked(kind: str, text: str, curated: str, numbers: list[str]) -> bool:
    needles, digits = leak_needles(kind, text)
    if any(_whole_word(curated, n) for n in needles if n):
        return True
    return bool(digits) and any(digits in n for n in numbers)


@dataclass
class Tally:
    letters: int = 0
    planted: Counter = field(default_factory=Counter)
    exposed: Counter = field(default_factory=Counter)  # planted and present in free text
    leaks: Counter = field(default_factory=Counter)
    leak_examples: list[str] = field(default_factory=list)
    phrases: int = 0
    phrases_kept: int = 0
    lost_examples: list[str] = field(default_factory=list)
    spans: int = 0
    over: Counter = field(default_factory=Counter)
    over_examples: Counter = field(default_factory=Counter)
    audit_hits: Counter = field(default_factory=Counter)
    seconds: list[float] = field(default_factory=list)
    whole_leaks: Counter = field(default_factory=Counter)  # --parse: whole letter scrubbed
    whole_examples: list[str] = field(default_factory=list)


def _identifying_words(identifiers: list[dict], letter: ParsedLetter) -> set[str]:
    words: set[str] = set()
    for item in identifiers:
        words |= {w.lower() for w in re.findall(r"\w+", item["text"])}
    for value in (letter.case_number, letter.claim_number, *letter.known_names):
        if value:
            words |= {w.lower() for w in re.findall(r"\w+", value)}
    return words


def measure_letter(record: dict, letter: ParsedLetter, tally: Tally) -> None:
    started = time.process_time()  # CPU time: other work on a shared machine does not count
    determination, treatments = to_curated(
        letter, sha256="0" * 64, key=KEY, run_id="measure", policy=SAFE_HARBOR
    )
    tally.seconds.append(time.process_time() - started)
    tally.letters += 1
    curated = "\n".join(curated_strings(determination, treatments))
    numbers = [re.sub(r"\D", "", m.group()) for m in _DIGIT_RUN.finditer(curated)]
    before = "\n".join(letter_texts(letter))
    numbers_before = [re.sub(r"\D", "", m.group()) for m in _DIGIT_RUN.finditer(before)]
    for item in record["identifiers"]:
        tally.planted[item["kind"]] += 1
        if leaked(item["kind"], item["text"], before, numbers_before):
            tally.exposed[item["kind"]] += 1
        if leaked(item["kind"], item["text"], curated, numbers):
            tally.leaks[item["kind"]] += 1
            if len(tally.leak_examples) < 30:
                tally.leak_examples.append(f"{record['file']}: {item['kind']}: {item['text']!r}")
    flat = " ".join(curated.split())
    for phrase in record["clinical_phrases"]:
        tally.phrases += 1
        if " ".join(phrase.split()) in flat:
            tally.phrases_kept += 1
        elif len(tally.lost_examples) < 30:
            tally.lost_examples.append(f"{record['file']}: {phrase!r}")
    # Over-scrubbing: replaced text sharing no word with this letter's identifiers.
    identifying = _identifying_words(record["identifiers"], letter)
    scrubber = Scrubber.for_letter(letter)
    for text in letter_texts(letter):
        for span in scrubber.analyze(text):
            tally.spans += 1
            if span.kind == "date":
                continue  # every full date is an identifier, planted or not
            words = {w.lower() for w in re.findall(r"\w+", text[span.start : span.end])}
            if not words & identifying:
                tally.over[span.kind] += 1
                tally.over_examples[f"{span.kind}: {text[span.start : span.end]}"] += 1
    for kind in audit_document(determination, treatments, letter):
        tally.audit_hits[kind] += 1


def _letters(corpus: Path, parse: bool) -> Iterator[tuple[dict, ParsedLetter, str | None]]:
    """(truth record, letter, the whole extracted text when parsing PDFs)."""
    records = [json.loads(line) for line in (corpus / "ground_truth.jsonl").open()]
    good = [r for r in records if r.get("raw")]
    if not parse:
        yield from ((r, letter_from_json(r["raw"]), None) for r in good)
        return
    from imr_lake.extract import extract_text
    from imr_lake.parse import parse_text

    for record in good:
        text = extract_text((corpus / record["file"]).read_bytes())
        yield record, parse_text(text), text


def measure_whole_text(record: dict, letter: ParsedLetter, text: str, tally: Tally) -> None:
    """A stress test: scrub the WHOLE letter (letterhead, address blocks, cc: lines), which
    no curated field carries whole, and count what survives."""
    scrubbed = Scrubber.for_letter(letter).scrub(text) or ""
    numbers = [re.sub(r"\D", "", m.group()) for m in _DIGIT_RUN.finditer(scrubbed)]
    for item in record["identifiers"]:
        if leaked(item["kind"], item["text"], scrubbed, numbers):
            tally.whole_leaks[item["kind"]] += 1
            if len(tally.whole_examples) < 30:
                tally.whole_examples.append(f"{record['file']}: {item['kind']}: {item['text']!r}")


def render(tally: Tally, *, seed: int, parse: bool) -> str:
    planted = sum(tally.planted.values())
    exposed = sum(tally.exposed.values())
    leaks = sum(tally.leaks.values())
    ms = [s * 1000 for s in tally.seconds]
    p95 = statistics.quantiles(ms, n=20)[-1] if len(ms) >= 20 else max(ms)
    over = sum(tally.over.values())
    rows = [
        (
            "letters",
            f"{tally.letters} (seed {seed}, {'parsed PDFs' if parse else 'expected parse'})",
        ),
        ("planted identifiers", str(planted)),
        ("of them in the free text before de-identification", str(exposed)),
        ("leaked identifiers", f"{leaks} (recall {100 * (1 - leaks / max(exposed, 1)):.2f}%)"),
        (
            "clinical phrases kept",
            f"{tally.phrases_kept}/{tally.phrases} "
            f"({100 * tally.phrases_kept / max(tally.phrases, 1):.2f}%)",
        ),
        ("placeholders", str(tally.spans)),
        ("over-scrubbed (no identifier word)", f"{over} ({100 * over / max(tally.spans, 1):.2f}%)"),
        ("audit hits on de-identified output", str(sum(tally.audit_hits.values()))),
        (
            "de-identification CPU ms/letter",
            f"mean {statistics.mean(ms):.2f}, median {statistics.median(ms):.2f}, p95 {p95:.2f}",
        ),
    ]
    lines = ["| measure | value |", "|---|---|", *(f"| {k} | {v} |" for k, v in rows)]
    whole = f" {sum(tally.whole_leaks.values())} |" if parse else ""
    lines += [
        "",
        "| kind | planted | in free text | leaked |"
        + (" left in the scrubbed whole letter |" if parse else ""),
        "|---|---|---|---|" + ("---|" if parse else ""),
    ]
    lines += [
        f"| {k} | {n} | {tally.exposed[k]} | {tally.leaks[k]} |"
        + (f" {tally.whole_leaks[k]} |" if parse else "")
        for k, n in sorted(tally.planted.items())
    ]
    if parse:
        lines.append(f"| all | {planted} | {exposed} | {sum(tally.leaks.values())} |{whole}")
    return "\n".join(lines)


def _generate_apart(corpus: Path, count: int, seed: int) -> None:
    """Generate in a child process: the generator's heap (PDF drawing, fonts) left in this
    one made every later letter's de-identification a third slower (7.9 against 6.0 ms
    mean on one corpus), a cost that no pipeline worker, which never generates, pays."""
    import multiprocessing

    from imr_lake.generate import generate_corpus

    child = multiprocessing.get_context("spawn").Process(
        target=generate_corpus, args=(corpus, count, seed)
    )
    child.start()
    child.join()
    if child.exitcode != 0:
        raise SystemExit(f"generating the corpus failed (exit code {child.exitcode})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m imr_lake.deid.measure", description=__doc__)
    parser.add_argument("--count", type=int, default=600)
    parser.add_argument("--seed", type=int, default=20261127)
    parser.add_argument("--corpus", type=Path, help="an existing generated corpus to reuse")
    parser.add_argument("--parse", action="store_true", help="extract and parse the PDFs")
    parser.add_argument("--examples", action="store_true", help="print leaks, losses, over-scrubs")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="imr-deid-") as tmp:
        corpus = args.corpus
        if corpus is None or not (corpus / "ground_truth.jsonl").exists():
            corpus = corpus or Path(tmp)
            _generate_apart(corpus, args.count, args.seed)
        tally = Tally()
        first_names(), surnames(), proper_nouns()  # load the vocabulary before timing
        for record, letter, text in _letters(corpus, args.parse):
            measure_letter(record, letter, tally)
            if text is not None:
                measure_whole_text(record, letter, text, tally)
    print(render(tally, seed=args.seed, parse=args.parse))
    if args.examples:
        print("\nleaks:", *tally.leak_examples, sep="\n  ")
        print("\nclinical phrases lost:", *tally.lost_examples, sep="\n  ")
        print(
            "\nover-scrubbed:",
            *(f"{n} x {t}" for t, n in tally.over_examples.most_common(40)),
            sep="\n  ",
        )
        print("\naudit hits:", dict(tally.audit_hits))
        print("\nleft in the scrubbed whole letter:", *tally.whole_examples, sep="\n  ")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
