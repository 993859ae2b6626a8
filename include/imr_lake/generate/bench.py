"""Measure the generator and describe a corpus: `python -m imr_lake.generate.bench`.

Prints letters/second for a fresh corpus and how its truth spreads over the values the
curated tables carry, so gaps in variety show up as numbers.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import Counter
from pathlib import Path

import pypdf

from imr_lake.generate import TRUTH_FILE, generate_corpus


def describe(out: Path) -> dict[str, Counter]:
    """Counts of layouts, error codes, pages, items, decisions, categories, sources, ..."""
    counts: dict[str, Counter] = {
        k: Counter()
        for k in (
            "layout", "error_code", "variant", "font", "pages", "items", "outcome", "decision",
            "category", "source", "age_band", "gender", "priority", "decision_year",
            "identifier_kind",
        )
    }  # fmt: skip
    for line in (out / TRUTH_FILE).read_text().splitlines():
        r = json.loads(line)
        counts["layout"][r["layout"]] += 1
        counts["error_code"][r["error_code"]] += 1
        counts["variant"][r["variant"]] += 1
        if r["error_code"]:
            continue
        counts["font"][r["font_family"]] += 1
        counts["pages"][len(pypdf.PdfReader(out / r["file"]).pages)] += 1
        raw, cur = r["raw"], r["curated"]
        counts["items"][raw["treatment_count"]] += 1
        counts["outcome"][raw["overall_outcome"]] += 1
        for t in raw["treatments"]:
            counts["decision"][t["decision"]] += 1
            counts["category"][t["treatment_category"]] += 1
            counts["source"].update(t["guideline_sources"])
        counts["age_band"][cur["patient_age_band"]] += 1
        counts["gender"][cur["patient_gender"]] += 1
        counts["priority"][cur["priority"]] += 1
        counts["decision_year"][cur["decision_year"]] += 1
        counts["identifier_kind"].update(i["kind"] for i in r["identifiers"])
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--bad-share", type=float, default=0.0)
    parser.add_argument("--out", help="keep the corpus here (default: a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(args.out or tmp)
        start, cpu = time.perf_counter(), time.process_time()
        generate_corpus(out, args.count, args.seed, bad_share=args.bad_share)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        size = sum(p.stat().st_size for p in out.glob("*.pdf"))
        print(
            f"generated {args.count} files in {seconds:.1f} s wall, {cpu:.1f} s CPU: "
            f"{args.count / seconds:.1f} files/s wall, {args.count / cpu:.1f} files/CPU-s, "
            f"{size / args.count / 1024:.1f} KiB/file"
        )
        for name, counter in describe(out).items():
            items = sorted(counter.items(), key=lambda kv: str(kv[0]))
            print(f"{name}: " + ", ".join(f"{k}={v}" for k, v in items))


if __name__ == "__main__":
    main()
