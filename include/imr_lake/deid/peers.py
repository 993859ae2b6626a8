"""Peers on the same outside corpora: recall, precision, ms per sample, one table.

    python -m imr_lake.deid.peers [--count 1000] [--seed 20261204]

- ours: the Scrubber (every recognizer, the closed-world layer last);
- Presidio 2.2.366 pattern-only: its predefined pattern recognizers called directly, no
  NLP engine (no spaCy model can be installed here), so no person or organisation
  recognizer at all;
- Philter (philter-ucsf 1.0.3) whitelist: Philter itself cannot run offline (its POS filter
  needs nltk's tagger data, downloaded at run time), so the peer is its own allowlist
  (`whitelist_plus_fps_091718_nonames.json`, 195,253 words) used as Philter uses it:
  every word it does not hold is replaced; its regular expressions are not run.
Evaluation code only (`eval` group packages).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
from pathlib import Path

from imr_lake.deid import measure_heldout, measure_keep, measure_presidio
from imr_lake.deid.compare_presidio import RECOGNIZERS
from imr_lake.deid.evaluate import Plant, Sample, Score, Spans, System, ours, percent, score

# The same recognizers `compare_presidio` runs on corpus (a), and its IBAN recognizer.
PRESIDIO_RECOGNIZERS = (*RECOGNIZERS, "IbanRecognizer")
_WORD = re.compile(r"[^\W\d_]+")
_WHITELIST = "whitelist_plus_fps_091718_nonames.json"


def presidio_patterns() -> System:
    from presidio_analyzer import predefined_recognizers

    found = [getattr(predefined_recognizers, n, None) for n in PRESIDIO_RECOGNIZERS]
    recognizers = [cls() for cls in found if cls is not None]

    def system(text: str) -> Spans:
        spans = []
        for r in recognizers:
            for result in r.analyze(text, r.supported_entities, None) or []:
                spans.append((result.start, result.end))
        return _merged(spans)

    return system


def philter_whitelist() -> System:
    # Found, not imported: the package's __init__ imports nltk, which it does not declare.
    spec = importlib.util.find_spec("philter_ucsf")
    assert spec is not None and spec.submodule_search_locations
    path = Path(spec.submodule_search_locations[0], "filters", "whitelists", _WHITELIST)
    allowed = frozenset(json.loads(path.read_text(encoding="utf-8")))

    def system(text: str) -> Spans:
        return [
            (m.start(), m.end()) for m in _WORD.finditer(text) if m.group().lower() not in allowed
        ]

    return system


def _merged(spans: Spans) -> Spans:
    out: Spans = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def heldout_samples(count: int, seed: int) -> list[Sample]:
    """Corpus (c): faker names outside the census lists and faker companies, in sentences."""
    import random

    rng = random.Random(seed)
    out = []
    for kind, values, sentences in (
        ("person", measure_heldout.held_out_names(count, seed), measure_heldout.PERSON_SENTENCES),
        ("organisation", measure_heldout.companies(count, seed), measure_heldout.ORG_SENTENCES),
    ):
        for value in values:
            out.append(Sample(rng.choice(sentences).format(x=value), [Plant(kind, value)]))
    return out


def corpora(count: int, seed: int) -> dict[str, list[Sample]]:
    b = measure_presidio.corpora(count, seed)
    d = measure_keep.corpora(count, seed)
    return {
        "(b) presidio-evaluator, its templates": b["its templates"],
        "(b) presidio-evaluator values, letter sentences": b["letter sentences (ours)"],
        "(c) held-out names and companies": heldout_samples(count, seed),
        "(d) ICD-10-CM descriptions (keep)": d["ICD-10-CM descriptions"],
        "(d) the issue's clinical list (keep)": d["the issue's list"],
    }


def table(rows: list[tuple[str, str, Score]]) -> str:
    lines = [
        "| corpus | system | recall | precision | keep | over-scrubbed /1,000 words | ms |",
        "|---|---|---|---|---|---|---|",
    ]
    for corpus, system, s in rows:
        lines.append(
            f"| {corpus} | {system} | {percent(s.recall())} | {percent(s.precision)} | "
            f"{percent(s.keep_rate)} | {s.over_per_1000_words:.2f} | {s.ms_per_sample:.3f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m imr_lake.deid.peers")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20261204)
    args = parser.parse_args(argv)
    systems = {
        "ours": ours(),
        "Presidio patterns": presidio_patterns(),
        "Philter whitelist": philter_whitelist(),
    }
    rows = []
    for corpus, samples in corpora(args.count, args.seed).items():
        for name, system in systems.items():
            rows.append((corpus, name, score(system, samples)))
    print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
