"""Scoring shared by the outside-corpus measurements: recall per kind, precision, speed.

A corpus is a list of `Sample`s: a text and the identifiers planted in it (kind, value).
A system is any `text -> spans` function (ours, a peer), so every system is scored by the
same rules on the same text:
- recall: a plant leaks when the output still holds it, by its kind's rule (`leaks`);
- precision: a placeholder is a false positive when the text it replaced shares no word
  (or digit run) with any identifier planted in that sample (`false_positives`);
- over-scrubbing: false positives per 1,000 words of input.

Evaluation code only: the runtime package imports nothing of it.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from imr_lake.deid.recognizers.date import spellings
from imr_lake.parse.dates import parse_date

# The kinds a report lists; other identifiers (cards, IBANs, SSNs, IPs, URLs, licences)
# count for precision (replacing them is right) but are not reported.
REPORTED = ("person", "organisation", "address", "phone", "email", "date")
OTHER_IDENTIFIER = "other identifier"

Spans = list[tuple[int, int]]
System = Callable[[str], Spans]

_WORD = re.compile(r"[^\W\d_][\w'’-]{2,}")
_TOKEN = re.compile(r"[^\W_]+")
_DIGITS = re.compile(r"\d[\d\s().\-/+]*\d")
# Words of a plant that identify nobody alone: legal forms, connectors, street types.
GENERIC = frozenset(
    """
    and und et the for of del della der des von van den ter los las die
    inc llc llp ltd plc gmbh mbh ohg ag sa srl spa sas sarl bv nv kg co corp corporation
    company group holding holdings sons söhne figli
    street st avenue ave road rd boulevard blvd drive dr lane ln court ct place pl way
    suite ste apt apartment unit floor box via rua calle strasse straße rue viale piazza
    utca ulica ul nad pod corner nan limited
    """.split()
)


def _kept_geography() -> frozenset[str]:
    """Countries and US states: Safe Harbor keeps them, so leaving one is no leak."""
    from imr_lake.deid.vocabulary import countries, geography

    return countries.words() | geography.words()


@dataclass(frozen=True)
class Plant:
    kind: str  # a REPORTED kind, OTHER_IDENTIFIER, or "" (labelled but no identifier)
    value: str


@dataclass
class Sample:
    text: str
    plants: list[Plant] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)  # clinical phrases that must stay


def replace(text: str, spans: Spans) -> str:
    out, cursor = [], 0
    for start, end in sorted(spans):
        if start < cursor:
            start = cursor
        if end <= start:
            continue
        out += [text[cursor:start], "[X]"]
        cursor = end
    return "".join(out) + text[cursor:]


def _whole(text: str, needle: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", text) is not None


def _digit_runs(text: str) -> list[str]:
    return [re.sub(r"\D", "", m.group()) for m in _DIGITS.finditer(text)]


def leaks(plant: Plant, output: str) -> bool:
    """Does the output still identify what this plant named?"""
    value, kind = plant.value, plant.kind
    if _whole(output, value):
        return True
    if kind in ("person", "organisation", "address"):
        kept = GENERIC | _kept_geography() if kind == "address" else GENERIC
        words = [w for w in _WORD.findall(value) if w.lower().strip(".") not in kept]
        if any(_whole(output, w) for w in words):
            return True
        if kind == "address":  # postal codes, long house numbers
            return any(len(d) >= 4 and d in _digit_runs(output) for d in _digit_runs(value))
        return False
    if kind == "phone":
        digits = re.sub(r"\D", "", value)
        tail = digits[-7:]
        return len(tail) == 7 and any(tail in run for run in _digit_runs(output))
    if kind == "email":
        local = value.split("@")[0]
        return len(local) >= 3 and _whole(output, local)
    if kind == "date":
        day = parse_date(value.split(" ")[0]) or parse_date(value)
        return day is not None and any(_whole(output, s) for s in spellings(day))
    return False


def false_positives(sample: Sample, spans: Spans) -> int:
    """Placeholders whose replaced text shares no word or number with any identifier."""
    identifying = {
        t.lower() for p in sample.plants if p.kind for t in _TOKEN.findall(p.value) if len(t) > 1
    }
    count = 0
    for start, end in spans:
        tokens = {t.lower() for t in _TOKEN.findall(sample.text[start:end])}
        if tokens and not tokens & identifying:
            count += 1
    return count


@dataclass
class Score:
    planted: Counter = field(default_factory=Counter)
    leaked: Counter = field(default_factory=Counter)
    placeholders: int = 0
    false: int = 0
    words: int = 0
    phrases: int = 0
    kept: int = 0
    seconds: float = 0.0
    samples: int = 0
    leak_examples: list[str] = field(default_factory=list)
    false_examples: Counter = field(default_factory=Counter)

    def recall(self, kind: str | None = None) -> float:
        kinds = [kind] if kind else list(self.planted)
        planted = sum(self.planted[k] for k in kinds)
        return 1 - sum(self.leaked[k] for k in kinds) / planted if planted else float("nan")

    @property
    def precision(self) -> float:
        return 1 - self.false / self.placeholders if self.placeholders else float("nan")

    @property
    def over_per_1000_words(self) -> float:
        return 1000 * self.false / max(self.words, 1)

    @property
    def keep_rate(self) -> float:
        return self.kept / self.phrases if self.phrases else float("nan")

    @property
    def ms_per_sample(self) -> float:
        return 1000 * self.seconds / max(self.samples, 1)


def score(system: System, samples: Iterable[Sample], *, examples: int = 0) -> Score:
    """Run one system over a corpus (CPU time of the system alone) and tally the rules."""
    result = Score()
    for sample in samples:
        started = time.process_time()
        spans = system(sample.text)
        result.seconds += time.process_time() - started
        result.samples += 1
        output = replace(sample.text, spans)
        result.words += len(sample.text.split())
        result.placeholders += len(spans)
        false = false_positives(sample, spans)
        result.false += false
        if false and len(result.false_examples) < 200:
            for start, end in spans:
                result.false_examples[sample.text[start:end]] += 1
        for plant in sample.plants:
            if plant.kind not in REPORTED:
                continue
            result.planted[plant.kind] += 1
            if leaks(plant, output):
                result.leaked[plant.kind] += 1
                if len(result.leak_examples) < examples:
                    result.leak_examples.append(f"{plant.kind}: {sample.text!r} -> {output!r}")
        flat = " ".join(output.split())
        for phrase in sample.phrases:
            result.phrases += 1
            result.kept += " ".join(phrase.split()) in flat
    return result


def ours() -> System:
    """This project's Scrubber (every recognizer, closed-world layer last), vocabulary loaded."""
    from imr_lake.deid.recognizers import proper_nouns
    from imr_lake.deid.text import Scrubber

    proper_nouns()
    scrubber = Scrubber()
    return lambda text: [(s.start, s.end) for s in scrubber.analyze(text)]


def percent(value: float) -> str:
    return "n/a" if value != value else f"{100 * value:.2f}%"


def recall_table(rows: Sequence[tuple[str, Score]], kinds: Sequence[str] = REPORTED) -> str:
    """One row per (system or variant), one column per kind, then precision and speed."""
    head = "| | " + " | ".join(kinds) + " | all | precision | over-scrubbed /1,000 words | ms |"
    lines = [head, "|---" * (len(kinds) + 6) + "|"]
    for name, s in rows:
        cells = [
            f"{percent(s.recall(k))} ({s.planted[k] - s.leaked[k]}/{s.planted[k]})" for k in kinds
        ]
        lines.append(
            f"| {name} | "
            + " | ".join(cells)
            + f" | {percent(s.recall())} | {percent(s.precision)} | "
            f"{s.over_per_1000_words:.2f} | {s.ms_per_sample:.3f} |"
        )
    return "\n".join(lines)
