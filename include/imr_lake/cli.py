"""The `imr-lake` command line (a stable interface: see DESIGN.md)."""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from imr_lake.errors import ConfigurationError, DocumentError


def _cmd_parse(args: argparse.Namespace) -> int:
    from imr_lake.config import PSEUDONYM_KEY_ENV, pseudonym_key
    from imr_lake.deid import to_curated
    from imr_lake.document import sha256_hex
    from imr_lake.extract import extract_text
    from imr_lake.extract.budget import Budget
    from imr_lake.parse import parse_text

    data = Path(args.file).read_bytes()
    budget = {"max_bytes": args.max_bytes} if args.max_bytes is not None else {}
    letter = parse_text(extract_text(data, Budget.from_env(**budget)))
    if args.raw:
        print(json.dumps(letter.to_json(), indent=2))
        return 0
    if os.environ.get(PSEUDONYM_KEY_ENV):
        key = pseudonym_key()
    else:  # parsing publishes nothing: pseudonyms from a throwaway key are still safe
        print(f"note: {PSEUDONYM_KEY_ENV} not set; pseudonyms use a one-off key", file=sys.stderr)
        key = secrets.token_hex(32).encode()
    determination, treatments = to_curated(
        letter, sha256=sha256_hex(data), key=key, run_id="cli-parse", policy=args.policy
    )
    print(json.dumps({"determination": determination, "treatments": treatments}, indent=2))
    return 0


def _cmd_run(args: argparse.Namespace) -> int:
    from imr_lake.initial_load import load_history
    from imr_lake.pipeline import run_in_process

    settings = {
        "source": args.source,
        "lake": args.lake,
        "workers": args.workers,
        "batch_size": args.batch_size,
        "reprocess": args.reprocess,
        "policy": args.policy,
        "progress": sys.stderr.isatty(),
        "layout": args.layout,
        "inventory": args.inventory,
    }
    if args.chunk:
        print(load_history(chunk=args.chunk, **settings).render())
    else:
        print(run_in_process(**settings).render())
    return 0


def _cmd_triage(args: argparse.Namespace) -> int:
    from imr_lake.validate.triage import read_triage, render_text

    found = read_triage(args.lake, args.run)
    if found is None:
        which = f"run {args.run}" if args.run else "any run"
        print(f"error: not_found: no triage table for {which} in {args.lake}", file=sys.stderr)
        return 4
    run, rows = found
    print(f"run {run}: {len(rows)} letters quarantined or of unknown layout")
    print(render_text(rows))
    return 0


def _cmd_sql(args: argparse.Namespace) -> int:
    from imr_lake.lake.sql import run_sql

    return run_sql(args.lake, args.query, as_of=args.as_of)


def _cmd_compact(args: argparse.Namespace) -> int:
    from imr_lake.lake.maintenance import maintain

    result = maintain(
        args.lake,
        min_files=args.min_files,
        retention=args.retention_hours,
        allow_short_retention=args.allow_short_retention,
    )
    print(result.render())
    return 0


def _cmd_generate(args: argparse.Namespace) -> int:
    from imr_lake.generate import cli_main

    return cli_main(args)


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="imr-lake", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("parse", help="parse one letter and print its records as JSON")
    p.add_argument("file")
    p.add_argument("--raw", action="store_true", help="print the parse before de-identification")
    p.add_argument("--policy", default="safe_harbor", choices=["safe_harbor", "limited_data_set"])
    p.add_argument("--max-bytes", type=int, default=None, help="default: IMR_MAX_BYTES or 50 MB")
    p.set_defaults(func=_cmd_parse)

    p = sub.add_parser("run", help="run the pipeline in-process from a source to a lake")
    p.add_argument("--source", required=True, help="fsspec URL of the letters (folder or s3://)")
    p.add_argument("--lake", required=True, help="fsspec URL of the lake")
    p.add_argument("--workers", type=int, default=1)
    p.add_argument(
        "--batch-size",
        type=int,
        default=None,
        help="letters per batch (default: sized for the run, about 4 batches per worker)",
    )
    p.add_argument("--reprocess", action="store_true", help="re-parse already published letters")
    p.add_argument("--policy", default="safe_harbor", choices=["safe_harbor", "limited_data_set"])
    p.add_argument(
        "--layout",
        default=os.environ.get("IMR_SOURCE_LAYOUT") or None,
        help="source layout: flat (default), sorted (keys sort by arrival: list after the "
        "ledger's greatest key) or a date template such as '{year}/{month}/{day}/'",
    )
    p.add_argument(
        "--inventory",
        default=os.environ.get("IMR_SOURCE_INVENTORY") or None,
        help="URL of an S3 Inventory manifest.json to read as the listing",
    )
    p.add_argument(
        "--chunk",
        type=int,
        default=None,
        help="load the whole history: runs of at most this many new letters (e.g. 50000) "
        "until none is left; stopped or killed, the same command resumes",
    )
    p.set_defaults(func=_cmd_run)

    p = sub.add_parser("sql", help="query the curated tables with DuckDB (delta_scan)")
    p.add_argument("--lake", required=True)
    p.add_argument(
        "--as-of",
        default=None,
        metavar="VERSION|TIMESTAMP",
        help="time travel: each table at this version, or as of this ISO time (UTC if no zone)",
    )
    p.add_argument("query", nargs="?", help="SQL; without it, an interactive prompt")
    p.set_defaults(func=_cmd_sql)

    p = sub.add_parser(
        "triage",
        help="quarantined and unknown_layout letters of a run: why, headings found and missed",
    )
    p.add_argument("--lake", required=True)
    p.add_argument("--run", default=None, help="a run id (default: the newest run)")
    p.set_defaults(func=_cmd_triage)

    p = sub.add_parser("compact", help="maintain the Delta tables: compaction, vacuum, checkpoint")
    p.add_argument("--lake", required=True)
    p.add_argument("--min-files", type=int, default=2, help="compact tables with this many files")
    p.add_argument(
        "--retention-hours",
        type=int,
        default=None,
        help="vacuum keeps files younger versions need for this long "
        "(default IMR_VACUUM_RETENTION_HOURS or 168)",
    )
    p.add_argument(
        "--allow-short-retention",
        action="store_true",
        help="allow a retention under 168 h (can break running queries and time travel)",
    )
    p.set_defaults(func=_cmd_compact)

    p = sub.add_parser("generate", help="write a synthetic corpus and its ground truth")
    p.add_argument("--out", required=True)
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--layouts", nargs="+", default=None)
    p.add_argument("--bad-share", type=float, default=0.0)
    p.add_argument(
        "--hostile", action="store_true", help="add one file of every hostile kind (bombs, ...)"
    )
    p.set_defaults(func=_cmd_generate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _build_parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except DocumentError as exc:
        print(f"error: {exc.code.value}: {exc.message}", file=sys.stderr)
        return 2
    except ConfigurationError as exc:
        print(f"error: config: {exc}", file=sys.stderr)
        return 3
    except FileNotFoundError as exc:
        print(f"error: not_found: {exc.filename}", file=sys.stderr)
        return 4
    except Exception as exc:  # no traceback: it could quote letter text
        if os.environ.get("IMR_DEBUG"):
            raise
        if type(exc).__name__ == "ValidationThresholdExceeded":
            print(f"error: validation: {exc}", file=sys.stderr)  # counts and rule names only
            return 5
        print(f"error: internal: {type(exc).__name__} (IMR_DEBUG=1 shows it)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
