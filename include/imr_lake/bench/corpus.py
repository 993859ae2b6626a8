"""The benchmark's corpus: generated once per (count, seed, bad share) and reused.

A marker file written last says the folder is complete, so an interrupted generation is
redone rather than measured. Delete var/bench/ to regenerate after a generator change.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

COMPLETE = ".complete.json"


def corpus_dir(root: Path, count: int, seed: int, bad_share: float) -> Path:
    return root / "corpus" / f"n{count}-s{seed}-bad{bad_share:g}"


def ensure_corpus(root: Path, count: int, seed: int, bad_share: float = 0.0) -> Path:
    """The folder of `count` letters (mixed layouts), generating it only when missing."""
    from imr_lake.generate import generate_corpus

    folder = corpus_dir(root, count, seed, bad_share)
    marker = folder / COMPLETE
    if marker.exists():
        return folder
    started = time.perf_counter()
    records = generate_corpus(folder, count, seed, bad_share=bad_share)
    layouts: dict[str, int] = {}
    for record in records:
        layouts[record.get("layout") or "bad"] = layouts.get(record.get("layout") or "bad", 0) + 1
    marker.write_text(
        json.dumps(
            {
                "count": count,
                "seed": seed,
                "bad_share": bad_share,
                "layouts": layouts,
                "generated_in_s": round(time.perf_counter() - started, 1),
            }
        )
    )
    return folder


def corpus_info(folder: Path) -> dict:
    """What the marker recorded (counts by layout), plus pages and bytes on disk."""
    info = json.loads((folder / COMPLETE).read_text())
    files = sorted(folder.glob("*.pdf"))
    info["bytes"] = sum(f.stat().st_size for f in files)
    return info
