"""Recall on names and organisations the recognizers' own lists do not hold (corpus c).

    python -m imr_lake.deid.measure_heldout [--count 2000] [--seed 7]

Names come from PyPI `faker` (evaluation group only: never imported by a run), in several
locales, and only those whose every word is outside the name lists the recognizers use
(the census lists of the `names` package, gender-guesser's given names) are kept: held
out by construction. Company names come
from faker's company provider. Each is planted into sentences of the kind letters write
(apposition, employer and insurer cues, reports by...), written here and not in the
generator, and scrubbed as a letter's clinical summary. A plant counts as leaked when any
of its words of three or more letters is left whole in the output.
"""

from __future__ import annotations

import argparse
import random
import re
import time

from imr_lake.deid.lexicon import census_surnames, first_names, world_given_names
from imr_lake.deid.recognizers import proper_nouns
from imr_lake.deid.text import Scrubber

LOCALES = ("en_US", "en_GB", "de_DE", "fr_FR", "es_MX", "it_IT", "pl_PL", "nl_NL", "en_IN")
PERSON_SENTENCES = (
    "A co-worker, {x}, who reported it to the supervisor, witnessed the fall.",
    "The patient was seen by {x} for a follow-up of the lumbar spine.",
    "Per the progress report of {x}, the pain was 7/10.",
    "{x} recommended physical therapy twice a week for six weeks.",
    "The injury was reported to {x} at the end of the shift.",
    "She lives with her sister, {x}, who drives her to appointments.",
    "The applicant's attorney, {x}, requested the records.",
)
ORG_SENTENCES = (
    "The employer at the time of injury was {x}.",
    "A utilization review determination by {x} dated 2013 denied the request.",
    "He worked for {x} as a warehouse associate.",
    "The claim is administered by {x} on behalf of the employer.",
    "She was employed at {x} for eleven years before the injury.",
    "Records from {x} were reviewed.",
)
_WORD = re.compile(r"[^\W\d_][\w'’-]{2,}")
# Legal forms and connectors of company names: not identifying alone ("PLC", "and sons").
LEGAL_FORMS = frozenset(
    "and und et e y i syn figli sons söhne group inc llc ltd plc gmbh ohg mbh co kg ag sa "
    "srl spa sas sarl bv nv sp sc zoo the ppuh fpuh phu groep sp.j sp.k".split()
)


def held_out_names(count: int, seed: int) -> list[str]:
    from faker import Faker

    fake = Faker(list(LOCALES))
    fake.seed_instance(seed)
    census = first_names() | census_surnames() | world_given_names()
    out: list[str] = []
    while len(out) < count:
        name = f"{fake.first_name()} {fake.last_name()}"
        if not any(w.capitalize() in census for w in re.findall(r"[^\W\d_]+", name)):
            out.append(name)
    return out


def companies(count: int, seed: int) -> list[str]:
    from faker import Faker

    fake = Faker(list(LOCALES))
    fake.seed_instance(seed + 1)
    return [fake.company() for _ in range(count)]


def leaked(plant: str, output: str) -> bool:
    """Any capitalised word of three or more letters of the plant left whole, less legal
    forms (particles such as `van`, `del` in lower case do not identify alone)."""
    words = [
        w
        for w in _WORD.findall(plant)
        if w[0].isupper() and w.lower().strip(".") not in LEGAL_FORMS
    ]
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", output) for w in words)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m imr_lake.deid.measure_heldout")
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--examples", action="store_true")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    proper_nouns()
    scrubber = Scrubber()
    rows = []
    examples: list[str] = []
    for kind, values, sentences in (
        ("person (held out of census)", held_out_names(args.count, args.seed), PERSON_SENTENCES),
        ("organisation (faker)", companies(args.count, args.seed), ORG_SENTENCES),
    ):
        leaks, seconds = 0, 0.0
        for value in values:
            text = rng.choice(sentences).format(x=value)
            started = time.process_time()
            out = scrubber.scrub(text) or ""
            seconds += time.process_time() - started
            if leaked(value, out):
                leaks += 1
                if len(examples) < 30:
                    examples.append(f"{text} -> {out}")
        rows.append((kind, len(values), leaks, 1000 * seconds / max(len(values), 1)))
    print("| plants | count | leaked | recall | CPU ms/sentence |\n|---|---|---|---|---|")
    for kind, n, leaks, ms in rows:
        print(f"| {kind} | {n} | {leaks} | {100 * (1 - leaks / max(n, 1)):.2f}% | {ms:.2f} |")
    if args.examples:
        print("\nleaks:", *examples, sep="\n  ")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
