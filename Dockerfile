# The imr-lake image: the official Airflow image of the version locked in uv.lock, plus the
# project's runtime dependencies only (no dependency group: no tests, lint, generator, Spark),
# the imr_lake package and the DAGs.
# Build: docker compose build   (or: docker build -t imr-lake:0.1.0 .)
FROM apache/airflow:3.3.2-python3.11

# Runtime pins first: this layer is rebuilt only when pyproject.toml or uv.lock change.
# `uv export --no-default-groups` writes the locked runtime closure; image_requirements.py
# leaves every package Airflow's constraints (of the image's version) pin at that pin, so
# pip keeps Airflow's own dependencies as the image has them.
COPY --chown=airflow:0 pyproject.toml uv.lock scripts/image_requirements.py /opt/imr-lake/
RUN cd /opt/imr-lake \
 && pip install --no-cache-dir uv==0.13.9 \
 && uv export --frozen --no-default-groups --no-emit-project --no-hashes --quiet \
        -o runtime.txt \
 && curl -fsSL -o airflow-constraints.txt \
        https://raw.githubusercontent.com/apache/airflow/constraints-3.3.2/constraints-3.11.txt \
 && python image_requirements.py runtime.txt airflow-constraints.txt > image.txt \
 && pip install --no-cache-dir -r image.txt -c airflow-constraints.txt

# The package itself (not editable: the image is a release).
COPY --chown=airflow:0 README.md /opt/imr-lake/
COPY --chown=airflow:0 include /opt/imr-lake/include
RUN pip install --no-cache-dir --no-deps /opt/imr-lake

COPY --chown=airflow:0 dags /opt/airflow/dags
COPY --chown=airflow:0 plugins /opt/airflow/plugins
COPY --chown=airflow:0 queries /opt/imr-lake/queries
