#!/usr/bin/env bash
# The whole test suite: lint, format check, then pytest (unit, integration, DAG runs).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest -q -p no:cacheprovider --timeout=1800 "$@"
