"""De-identification speed and output identity between two commits (issue 14's budget).

    python include/imr_lake/bench/deid_speed.py dump --out A.jsonl --samples B.jsonl [--count N]
    python include/imr_lake/bench/deid_speed.py compare A.jsonl B.jsonl
    python include/imr_lake/bench/deid_speed.py time [--corpus DIR] [--passes 2]
    python include/imr_lake/bench/deid_speed.py instructions [--corpus DIR] [--letters 100]

Run as a file, not a module, so that `PYTHONPATH=/path/to/other/include` makes it measure
another commit's `imr_lake` on this venv (a speed pair: same interpreter, same letters).

- `dump` writes every placeholder span (start, end, kind, placeholder) of every free text
  of corpus (a) (each letter through `Scrubber.for_letter`, as `to_curated` scrubs it) and
  of corpus (b) (presidio-evaluator's templates and our letter sentences, each sample
  scrubbed alone), one line per text. A speed change must leave it unchanged: `compare`
  prints the differing texts' spans (the corpora are synthetic, printing them is safe).
- `time` times `to_curated` per letter in CPU time, as `imr_lake.deid.measure` does, over
  several passes of the same letters (the vocabulary loaded first; the scrubber's memory
  of texts emptied before each pass, so that a pass does not meet its own letters again),
  and prints the mean of each pass: compare two commits within one sitting, interleaved,
  with `uptime`.
- `instructions` counts the machine instructions of de-identifying the first letters
  (valgrind's cachegrind, if the machine has it: `apt install valgrind`), less those of
  loading the vocabulary: a count that a shared machine's load does not change, where
  CPU time here varied by a third between passes of the same code. A proxy for time.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

CORPUS_A = Path("/work/s6/corpus_a")


def _letters(corpus: Path) -> list:
    from imr_lake.deid.measure import letter_from_json

    records = [json.loads(line) for line in (corpus / "ground_truth.jsonl").open()]
    return [letter_from_json(r["raw"]) for r in records if r.get("raw")]


def _warm() -> None:
    from imr_lake.deid.lexicon import first_names, surnames
    from imr_lake.deid.recognizers import proper_nouns

    first_names(), surnames(), proper_nouns()


def _dump_lines(corpus: Path, count: int, seed: int, saved: Path | None) -> Iterator[dict]:
    from imr_lake.deid.text import Scrubber, letter_texts

    _warm()
    for n, letter in enumerate(_letters(corpus)):
        scrubber = Scrubber.for_letter(letter)
        for t, text in enumerate(letter_texts(letter)):
            spans = [[s.start, s.end, s.kind, s.placeholder] for s in scrubber.analyze(text)]
            yield {"id": f"a/{n}/{t}", "text": text, "spans": spans}
    scrubber = Scrubber()
    for sample_id, text in _samples(count, seed, saved):
        spans = [[s.start, s.end, s.kind, s.placeholder] for s in scrubber.analyze(text)]
        yield {"id": sample_id, "text": text, "spans": spans}


def _samples(count: int, seed: int, saved: Path | None) -> list[tuple[str, str]]:
    """Corpus (b)'s texts, saved on the first run: the faker's output differs between
    processes, and the two sides of a comparison must scrub the same texts."""
    if saved is not None and saved.exists():
        return [tuple(json.loads(line)) for line in saved.open()]
    if count <= 0:
        return []
    from imr_lake.deid.measure_presidio import LETTER_TEMPLATES, samples

    texts = [
        (f"{name}/{n}", sample.text)
        for name, templates, at in (("b-its", None, seed), ("b-ours", LETTER_TEMPLATES, seed + 1))
        for n, sample in enumerate(samples(count, at, templates=templates))
    ]
    if saved is not None:
        with saved.open("w") as out:
            out.writelines(json.dumps(t, ensure_ascii=False) + "\n" for t in texts)
    return texts


def dump(args: argparse.Namespace) -> int:
    with args.out.open("w") as out:
        for line in _dump_lines(args.corpus, args.count, args.seed, args.samples):
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    return 0


def compare(args: argparse.Namespace) -> int:
    differ = texts = 0
    with args.before.open() as a, args.after.open() as b:
        for left, right in zip(a, b, strict=True):
            x, y = json.loads(left), json.loads(right)
            texts += 1
            if x["id"] != y["id"] or x["text"] != y["text"]:
                raise SystemExit(f"the dumps are of different texts at {x['id']} / {y['id']}")
            if x["spans"] != y["spans"]:
                differ += 1
                if differ <= args.show:
                    print(f"{x['id']}: {x['text']!r}\n  before {x['spans']}\n  after  {y['spans']}")
    spans = "identical" if differ == 0 else f"{differ} texts differ"
    print(f"{texts} texts compared: {spans}")
    return 0 if differ == 0 else 1


def time_letters(args: argparse.Namespace) -> int:
    from imr_lake.deid.structured import SAFE_HARBOR, to_curated

    letters = _letters(args.corpus)
    _warm()
    means = []
    for _ in range(args.passes):
        _forget_texts()  # each pass meets the letters afresh, as a new batch would
        seconds = []
        for letter in letters:
            started = time.process_time()
            to_curated(letter, sha256="0" * 64, key=b"k" * 32, run_id="speed", policy=SAFE_HARBOR)
            seconds.append(time.process_time() - started)
        means.append(1000 * statistics.mean(seconds))
    passes = " ".join(f"{m:.2f}" for m in means)
    print(f"{_measured()}: {len(letters)} letters, ms/letter per pass {passes}")
    return 0


def scrub_letters(args: argparse.Namespace) -> int:
    """De-identify the first `--letters` letters once (what `instructions` counts)."""
    from imr_lake.deid.structured import SAFE_HARBOR, to_curated

    letters = _letters(args.corpus)[: args.letters]
    _warm()
    for letter in letters:
        to_curated(letter, sha256="0" * 64, key=b"k" * 32, run_id="speed", policy=SAFE_HARBOR)
    return 0


def count_instructions(args: argparse.Namespace) -> int:
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        raise SystemExit("valgrind is not installed (apt install valgrind)")

    def counted(letters: int) -> int:
        done = subprocess.run(
            [valgrind, "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
            + [sys.executable, __file__, "scrub", "--corpus", str(args.corpus)]
            + ["--letters", str(letters)],
            capture_output=True,
            text=True,
            check=True,
        )
        refs = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
        if refs is None:
            raise SystemExit(f"no instruction count in valgrind's output: {done.stderr[-300:]}")
        return int(refs.group(1).replace(",", ""))

    per_letter = (counted(args.letters) - counted(0)) / args.letters
    print(f"{_measured()}: {args.letters} letters, {per_letter / 1e6:.1f} M instructions/letter")
    return 0


def _measured() -> Path:
    """Which commit's `imr_lake` this process measures."""
    import imr_lake

    return Path(imr_lake.__file__).parent.parent


def _forget_texts() -> None:
    """Empty the scrubber's per-process memory of texts (a commit without it has none)."""
    from imr_lake.deid import text

    for remembered in ("person_spans", "_registry_spans", "_undated_spans", "_date_spans"):
        if hasattr(getattr(text, remembered, None), "cache_clear"):
            getattr(text, remembered).cache_clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("--out", type=Path, required=True)
    d.add_argument("--corpus", type=Path, default=CORPUS_A)
    d.add_argument("--count", type=int, default=6000, help="(b) samples per template set")
    d.add_argument("--seed", type=int, default=20261202)
    d.add_argument("--samples", type=Path, help="(b)'s texts: written if absent, else read")
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    c.add_argument("--show", type=int, default=20)
    t = sub.add_parser("time")
    t.add_argument("--corpus", type=Path, default=CORPUS_A)
    t.add_argument("--passes", type=int, default=2)
    for name in ("instructions", "scrub"):
        i = sub.add_parser(name)
        i.add_argument("--corpus", type=Path, default=CORPUS_A)
        i.add_argument("--letters", type=int, default=100)
    args = parser.parse_args(argv)
    run = {
        "dump": dump,
        "compare": compare,
        "time": time_letters,
        "instructions": count_instructions,
        "scrub": scrub_letters,
    }
    return run[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
