#!/usr/bin/env bash
# The main job on the embedded default: a local folder as the bucket, SQLite metadata,
# a generated sample corpus, one real `airflow dags test` run, then what landed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/airflow_env.sh
export IMR_TASK_RETRIES=0  # a demo shows a failure at once instead of retrying
count=${DEMO_COUNT:-30}

echo "== generating $count sample letters (a few of them broken on purpose) =="
rm -rf var/demo
.venv/bin/imr-lake generate --out var/demo/source --count "$count" --seed 7 --bad-share 0.15 >/dev/null
ls var/demo/source | grep -c '\.pdf$' | sed 's/^/letters in source: /'

echo "== airflow db migrate (SQLite in $AIRFLOW_HOME) =="
.venv/bin/airflow db migrate >var/demo/airflow_db.log 2>&1

echo "== airflow dags test imr_ingest (log: var/demo/dag_run.log) =="
if ! .venv/bin/airflow dags test imr_ingest >var/demo/dag_run.log 2>&1; then
  tail -40 var/demo/dag_run.log
  exit 1
fi
grep -oE "DagRun Finished: .*state=[a-z]+" var/demo/dag_run.log | sed 's/, run_start.*state=/ ... state=/'

echo
.venv/bin/python -m imr_lake.report --lake "$IMR_LAKE_URL" --queries queries
echo
echo "Outputs: curated tables in $IMR_LAKE_URL/curated, ledger/quarantine/reports in $IMR_LAKE_URL/restricted"
echo "Query them: .venv/bin/imr-lake sql --lake $IMR_LAKE_URL 'SELECT * FROM treatments LIMIT 5'"
