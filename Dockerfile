# The imr-lake image: the official Airflow image of the version locked in uv.lock, plus the
# project's runtime dependencies only (no dependency group: no tests, lint, generator, Spark),
# the imr_lake package and the DAGs.
# Build: docker compose build   (or: docker build -t imr-lake:0.1.0 .)
FROM apache/airflow:3.3.2-python3.11

# Runtime pins first: this layer is rebuilt only when pyproject.toml or uv.lock change.
# `uv export --no-default-groups` writes the locked runtime closure (apache-airflow is locked
# to the image's own version, so pip keeps it).
COPY --chown=airflow:0 pyproject.toml uv.lock /opt/imr-lake/
RUN pip install --no-cache-dir uv==0.13.9 \
 && uv export --project /opt/imr-lake --frozen --no-default-groups --no-emit-project \
        --no-hashes --quiet -o /opt/imr-lake/runtime.txt \
 && pip install --no-cache-dir -r /opt/imr-lake/runtime.txt

# The package itself (not editable: the image is a release).
COPY --chown=airflow:0 README.md /opt/imr-lake/
COPY --chown=airflow:0 include /opt/imr-lake/include
RUN pip install --no-cache-dir --no-deps /opt/imr-lake

COPY --chown=airflow:0 dags /opt/airflow/dags
COPY --chown=airflow:0 plugins /opt/airflow/plugins
COPY --chown=airflow:0 queries /opt/imr-lake/queries
