"""A pipeline run in its own process, for crash tests: `run_in_process` that can pause.

Usage: lake_child.py SOURCE LAKE RUN_ID MARKER [PAUSE_AT] [--reprocess] [--batch-size N]

With PAUSE_AT (`lake.commit.commit_table:N`: before the Nth table's commit, in the order
determinations, treatments, quarantine, ledger; `pipeline.process_batch:2`), the named
function, at its first (or Nth) call, writes MARKER and waits
until MARKER.go appears: the test then kills the process (SIGKILL) or stops the S3 server
and lets it go on. The pipeline's own code is not altered; only the pause is added.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import sys
import time
from pathlib import Path


def pause_before(spec: str, marker: Path) -> None:
    """Pause before the Nth call (`module.func:N`, default the first) of a function."""
    dotted, _, nth = spec.partition(":")
    pause_call = int(nth or 1)
    module_name, func_name = dotted.rsplit(".", 1)
    module = importlib.import_module(f"imr_lake.{module_name}")
    original = getattr(module, func_name)
    state = {"calls": 0}

    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        state["calls"] += 1
        if state["calls"] == pause_call:
            marker.write_text("paused")
            go = marker.with_suffix(".go")
            while not go.exists():
                time.sleep(0.05)
        return original(*args, **kwargs)

    setattr(module, func_name, wrapper)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("source")
    parser.add_argument("lake")
    parser.add_argument("run_id")
    parser.add_argument("marker", type=Path)
    parser.add_argument("pause_at", nargs="?", default="")
    parser.add_argument("--reprocess", action="store_true")
    parser.add_argument("--batch-size", type=int, default=200)
    args = parser.parse_args()
    if args.pause_at:
        pause_before(args.pause_at, args.marker)
    from imr_lake.pipeline import run_in_process

    summary = run_in_process(
        source=args.source,
        lake=args.lake,
        run_id=args.run_id,
        reprocess=args.reprocess,
        batch_size=args.batch_size,
        max_failed_share=1.0,
    )
    print(summary.render())
    return 0


if __name__ == "__main__":
    sys.exit(main())
