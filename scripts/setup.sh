#!/usr/bin/env bash
# Makes .venv exactly what uv.lock pins (runtime + every dependency group) plus this package
# (editable). uv is taken from PATH, or installed once from PyPI into .tools/uv. Idempotent:
# with the venv in sync it is a no-op of about a second; with a warm uv cache a fresh .venv
# takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}
UV_VERSION=0.13.9
uv=${UV:-$(command -v uv || true)}
if [ -z "$uv" ]; then
  uv=.tools/uv/bin/uv
  if [ ! -x "$uv" ]; then
    rm -rf .tools/uv
    "$PYTHON" -m venv .tools/uv
    .tools/uv/bin/python -m pip install --quiet "uv==$UV_VERSION"
  fi
fi
# --locked: fail (instead of re-resolving) when pyproject.toml changed without `uv lock`.
# The index is PyPI from pyproject.toml ([[tool.uv.index]]); uv reads no pip configuration.
"$uv" sync --locked --python "$PYTHON" --quiet
