"""Presidio's pattern recognizers on the measurement corpus, for docs/deid.md.

Presidio is not a dependency: run this in a separate environment that has it, with the
project on the path, against a corpus `measure` generated:

    python -m venv /tmp/presidio && /tmp/presidio/bin/pip install presidio-analyzer \\
        pyarrow names
    PYTHONPATH=include /tmp/presidio/bin/python -m imr_lake.deid.compare_presidio \\
        --corpus /tmp/deid_600

No spaCy model can be installed here, so this is Presidio "pattern-only": its predefined
pattern recognizers called directly, without an NLP engine (no names, no context boost).
Leaks and keep rate are counted exactly as `imr_lake.deid.measure` counts them.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from collections import Counter
from pathlib import Path

from imr_lake.deid.measure import _DIGIT_RUN, leaked, letter_from_json
from imr_lake.deid.text import letter_texts

RECOGNIZERS = (
    "DateRecognizer",
    "PhoneRecognizer",
    "EmailRecognizer",
    "UrlRecognizer",
    "UsSsnRecognizer",
    "UsClaimNumberRecognizer",
    "UsBankRecognizer",
    "UsLicenseRecognizer",
    "MedicalLicenseRecognizer",
    "UsNpiRecognizer",
    "IpRecognizer",
    "CreditCardRecognizer",
)


def main(argv: list[str] | None = None) -> int:
    from presidio_analyzer import predefined_recognizers

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, required=True)
    args = parser.parse_args(argv)
    recognizers = [getattr(predefined_recognizers, name)() for name in RECOGNIZERS]

    def scrub(text: str) -> str:
        spans = []
        for recognizer in recognizers:
            for result in recognizer.analyze(text, recognizer.supported_entities, None) or []:
                spans.append((result.start, result.end, result.entity_type))
        out, cursor = [], 0
        for start, end, kind in sorted(spans):
            if start < cursor:
                continue
            out += [text[cursor:start], f"<{kind}>"]
            cursor = end
        return "".join(out) + text[cursor:]

    planted, exposed, leaks, phrases, kept, seconds = Counter(), Counter(), Counter(), 0, 0, []
    for line in (args.corpus / "ground_truth.jsonl").open():
        record = json.loads(line)
        if not record.get("raw"):
            continue
        letter = letter_from_json(record["raw"])
        started = time.process_time()
        curated = "\n".join(scrub(t) for t in letter_texts(letter))
        seconds.append(time.process_time() - started)
        numbers = [re.sub(r"\D", "", m.group()) for m in _DIGIT_RUN.finditer(curated)]
        before = "\n".join(letter_texts(letter))
        numbers_before = [re.sub(r"\D", "", m.group()) for m in _DIGIT_RUN.finditer(before)]
        for item in record["identifiers"]:
            planted[item["kind"]] += 1
            exposed[item["kind"]] += leaked(item["kind"], item["text"], before, numbers_before)
            leaks[item["kind"]] += leaked(item["kind"], item["text"], curated, numbers)
        flat = " ".join(curated.split())
        for phrase in record["clinical_phrases"]:
            phrases += 1
            kept += " ".join(phrase.split()) in flat
    total, lost = sum(exposed.values()), sum(leaks.values())
    ms = [s * 1000 for s in seconds]
    print(f"| letters | {len(ms)} |")
    print(f"| planted identifiers in free text | {total} |")
    print(f"| leaked identifiers | {lost} (recall {100 * (1 - lost / total):.2f}%) |")
    print(f"| clinical phrases kept | {kept}/{phrases} ({100 * kept / phrases:.2f}%) |")
    print(f"| CPU ms/letter | mean {statistics.mean(ms):.2f}, median {statistics.median(ms):.2f} |")
    print("\n| kind | planted | in free text | leaked |\n|---|---|---|---|")
    for kind, n in sorted(planted.items()):
        print(f"| {kind} | {n} | {exposed[kind]} | {leaks[kind]} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
