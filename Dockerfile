# The imr-lake image: the official Airflow image of the version pinned in requirements.txt,
# plus the project's pinned requirements, the imr_lake package and the DAGs.
# Build: docker compose build   (or: docker build -t imr-lake:0.1.0 .)
FROM apache/airflow:3.3.2-python3.11

# Pinned requirements first: this layer is rebuilt only when requirements.txt changes.
# apache-airflow is pinned in the file to the image's own version, so pip keeps it.
COPY --chown=airflow:0 requirements.txt /opt/imr-lake/requirements.txt
RUN pip install --no-cache-dir -r /opt/imr-lake/requirements.txt

# The package itself (not editable: the image is a release).
COPY --chown=airflow:0 pyproject.toml README.md /opt/imr-lake/
COPY --chown=airflow:0 include /opt/imr-lake/include
RUN pip install --no-cache-dir --no-deps /opt/imr-lake

COPY --chown=airflow:0 dags /opt/airflow/dags
COPY --chown=airflow:0 plugins /opt/airflow/plugins
COPY --chown=airflow:0 queries /opt/imr-lake/queries
