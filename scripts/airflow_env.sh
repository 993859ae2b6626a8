# Sourced by the Makefile's scripts: a project-local Airflow on SQLite, and the demo lake.
export AIRFLOW_HOME="$PWD/airflow_home"
# `airflow standalone` starts its parts by looking `airflow` up on PATH.
export PATH="$PWD/.venv/bin:$PATH"
# Warnings of packages we do not call, by exact message (include/imr_lake/quiet.py).
PYTHONWARNINGS="$(.venv/bin/python -c 'from imr_lake.quiet import PYTHONWARNINGS as w; print(w)')"
export PYTHONWARNINGS
export AIRFLOW__CORE__DAGS_FOLDER="$PWD/dags"
export AIRFLOW__CORE__PLUGINS_FOLDER="$PWD/plugins"
export AIRFLOW__CORE__LOAD_EXAMPLES=False
export IMR_SOURCE_URL="${IMR_SOURCE_URL:-$PWD/var/demo/source}"
export IMR_LAKE_URL="${IMR_LAKE_URL:-$PWD/var/demo/lake}"
mkdir -p "$AIRFLOW_HOME"
if [ -z "${IMR_PSEUDONYM_KEY:-}" ]; then
  # A local demo key, made once and kept out of git (airflow_home/ is ignored).
  keyfile="$AIRFLOW_HOME/pseudonym.key"
  [ -f "$keyfile" ] || (umask 077; python3 -c 'import secrets; print(secrets.token_hex(32))' >"$keyfile")
  IMR_PSEUDONYM_KEY="$(cat "$keyfile")"
  export IMR_PSEUDONYM_KEY
fi
