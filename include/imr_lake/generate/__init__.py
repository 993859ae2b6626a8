"""Synthetic corpus of IMR determination letters with ground truth (`imr-lake generate`).

No real letters can be downloaded here, so the project makes its own: every layout of
FORMATS.md, rendered like a word processor would, with planted identifiers, bad files and a
ground-truth record per file. Same seed, same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from functools import partial
from pathlib import Path
from typing import Any

from imr_lake.generate import typography
from imr_lake.generate.bad import BAD_KINDS
from imr_lake.generate.case import build_case
from imr_lake.generate.flow import PageBreak, draw, lay_out
from imr_lake.generate.headings import vary_headings
from imr_lake.generate.hostile import HOSTILE_KINDS
from imr_lake.generate.layouts import writers
from imr_lake.generate.looks import pick_style
from imr_lake.generate.truth import bad_record, good_record
from imr_lake.schema import TREATMENT_CATEGORIES

TRUTH_FILE = "ground_truth.jsonl"
MAX_PAGES = 6  # real letters run 1 to 6 pages
MAX_ATTEMPTS = 5


def make_letter(
    index: int, seed: int, layout: str, *, encrypt: Any = None, extra_blocks: list | None = None
) -> tuple[bytes, dict]:
    """One good letter: its PDF bytes and its truth record (without the file name)."""
    for attempt in range(MAX_ATTEMPTS):  # redraw the rare letter longer than MAX_PAGES
        rng = random.Random(f"{seed}:{index}" + (f":{attempt}" if attempt else ""))
        category = TREATMENT_CATEGORIES[index % len(TREATMENT_CATEGORIES)]
        case = build_case(layout, rng, [category])
        writer = writers()[layout]
        composed = writer.compose(case)
        wording_headings = getattr(writer, "wording_headings", {})
        vary_headings(composed.blocks, wording_headings.get(composed.wording, writer.headings), rng)
        style = pick_style(rng)
        style.running_header = composed.running_header
        fix = typography.smart_quotes if rng.random() < 0.5 else str
        # a word processor's stray trailing page break leaves a page with only its footer
        trailing = [PageBreak()] if rng.random() < 0.02 else []
        blocks = composed.blocks + trailing + (extra_blocks or [])
        pages = lay_out(typography.on_blocks(blocks, fix), style)
        if extra_blocks or len(pages) <= MAX_PAGES:
            break
    data = draw(pages, style, encrypt=encrypt)
    record = good_record(
        "",
        layout,
        composed.raw,
        case,
        font_family=style.family,
        footer=style.footer.strip(),
        running_header=style.running_header or None,
        footer_note=style.footer_note or None,
        variant="normal",
        wording=composed.wording or layout,
    )
    return data, typography.on_values(record, fix)


FILE_KINDS = {**BAD_KINDS, **HOSTILE_KINDS}  # generate/bad.py, generate/hostile.py


def make_file(index: int, seed: int, layout: str, bad_kind: str | None) -> tuple[bytes, dict]:
    """The file at one position of the corpus: a letter, or a bad or hostile file."""
    if bad_kind is None:
        return make_letter(index, seed, layout)
    rng = random.Random(f"{seed}:{index}:{bad_kind}")
    data, code, variant = FILE_KINDS[bad_kind](rng, partial(make_letter, index, seed, layout))
    extra = {"hostile": True} if bad_kind in HOSTILE_KINDS else {}
    if code is None:  # readable after all (owner password only, ...): a normal letter's truth
        _, record = make_letter(index, seed, layout)
        record.update(variant=variant, **extra)
        return data, record
    return data, bad_record("", code, variant=variant, **extra)


def bad_positions(count: int, seed: int, bad_share: float) -> dict[int, str]:
    """Which positions hold bad files, and of which kind (kinds in turn, all of them as soon
    as there are enough bad files)."""
    if not 0.0 <= bad_share <= 1.0:
        raise ValueError("bad_share must be between 0 and 1")
    n_bad = round(count * bad_share)
    positions = sorted(random.Random(f"{seed}:bad").sample(range(count), n_bad))
    kinds = list(BAD_KINDS)
    return {pos: kinds[i % len(kinds)] for i, pos in enumerate(positions)}


def generate_corpus(
    out: Path,
    count: int,
    seed: int,
    layouts: list[str] | None = None,
    bad_share: float = 0.0,
    progress: bool = False,
    hostile: bool = False,
) -> list[dict]:
    """Write `count` files and `out/ground_truth.jsonl`; return the truth records.

    `hostile` adds one file of every hostile kind (generate/hostile.py) after them.
    `progress` shows a bar (for a terminal); the files do not depend on it."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    available = writers()
    layouts = list(layouts or available)
    unknown = [name for name in layouts if name not in available]
    if unknown:
        raise ValueError(f"unknown layouts {unknown}; choose from {sorted(available)}")
    bad = bad_positions(count, seed, bad_share)
    if hostile:
        bad.update({count + i: kind for i, kind in enumerate(HOSTILE_KINDS)})
    records = []
    indices = range(count + len(HOSTILE_KINDS) if hostile else count)
    if progress:
        from tqdm import tqdm

        indices = tqdm(indices, desc="letters", unit="file")
    for index in indices:
        data, record = make_file(index, seed, layouts[index % len(layouts)], bad.get(index))
        name = f"imr_{index:06d}.pdf"
        (out / name).write_bytes(data)
        record["file"] = name
        records.append(record)
    partial_truth = out / (TRUTH_FILE + ".part")
    with partial_truth.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, sort_keys=True) + "\n")
    partial_truth.replace(out / TRUTH_FILE)  # readers never see half a truth file
    return records


def cli_main(args: argparse.Namespace) -> int:
    try:
        records = generate_corpus(
            Path(args.out),
            args.count,
            args.seed,
            layouts=args.layouts,
            bad_share=args.bad_share,
            progress=sys.stderr.isatty(),
            hostile=args.hostile,
        )
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    bad = sum(1 for r in records if r["error_code"])
    ours = {r["file"] for r in records}
    stale = [p.name for p in Path(args.out).glob("imr_*.pdf") if p.name not in ours]
    if stale:
        print(
            f"warning: {len(stale)} older imr_*.pdf files in {args.out} are not in "
            f"{TRUTH_FILE}; use an empty folder",
            file=sys.stderr,
        )
    print(f"wrote {len(records)} files ({bad} bad) and {TRUTH_FILE} to {args.out}", file=sys.stderr)
    return 0
