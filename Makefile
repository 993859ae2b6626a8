# The README's commands. Each one sets itself up on a fresh machine (Python 3.11).
.PHONY: setup demo test test-fast ui bench bench-lake clean bench-scale

setup:
	@scripts/setup.sh

demo: setup
	@scripts/demo.sh

test: setup
	@scripts/test.sh

test-fast: setup
	@scripts/test.sh -m "not slow"

ui: setup
	@bash -c 'source scripts/airflow_env.sh && .venv/bin/airflow standalone'

bench: setup
	@.venv/bin/python -m imr_lake.bench $(BENCH_ARGS)

bench-lake: setup
	@.venv/bin/python -m imr_lake.bench.lake $(BENCH_ARGS)

bench-scale: setup
	@.venv/bin/python -m imr_lake.bench.scale $(BENCH_ARGS)
	@.venv/bin/python -m imr_lake.bench.scale --workers 1,2,4 $(BENCH_ARGS)

clean:
	rm -rf var airflow_home
