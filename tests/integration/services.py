"""Real servers as processes of the test: PostgreSQL, Redis and a Celery-run Airflow.

What docker-compose.yml runs in containers, run here on loopback with free ports and temp
dirs, so the scale-out test needs no Docker engine. Every process is started in a session of
its own and stopped through its process group only; nothing else on the machine is touched.
`scripts/install_services.sh` installs the Debian packages on a fresh machine.
"""

from __future__ import annotations

import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import httpx
from seaweedfs import free_ports

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
HERE = Path(__file__).resolve().parent


def wait_for(what: str, ready: Callable[[], bool], timeout: float, proc=None) -> None:
    """Poll `ready` until true; fail early if `proc` died, or after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{what}: process exited with {proc.returncode}")
        if ready():
            return
        time.sleep(0.5)
    raise TimeoutError(f"{what}: not ready after {timeout:.0f}s")


def install_services() -> dict[str, str]:
    """Run scripts/install_services.sh; return the binaries it reports."""
    done = subprocess.run(
        ["bash", str(REPO / "scripts" / "install_services.sh")],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return dict(line.split("=", 1) for line in done.stdout.split() if "=" in line)


class Process:
    """One server process, logging to a file, in its own process group."""

    def __init__(
        self,
        name: str,
        args: list[str],
        log: Path,
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
        user: str | None = None,
    ) -> None:
        self.name = name
        self.log = log
        with open(log, "ab") as out:
            self.proc = subprocess.Popen(
                args,
                env=env,
                cwd=cwd,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                user=user,
                group=user and pwd.getpwnam(user).pw_gid,
            )

    def alive(self) -> bool:
        return self.proc.poll() is None

    def tail(self, chars: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""

    def terminate(self) -> None:
        """Ask the whole process group to stop (SIGTERM)."""
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass

    def finish(self, deadline: float) -> None:
        """Wait until `deadline` (monotonic), then SIGKILL what is left of the group; reap."""
        try:
            self.proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            pass
        try:  # children left in the group (pool processes, forked tasks) go too
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait(timeout=10)

    def stop(self, grace: float = 30.0) -> None:
        self.terminate()
        self.finish(time.monotonic() + grace)


@contextmanager
def postgres(pg_bin: str) -> Iterator[str]:
    """A throwaway PostgreSQL cluster on a free port; yields its SQLAlchemy URL (db airflow).

    Runs as the `postgres` user when the test runs as root (initdb refuses root).
    """
    user = "postgres" if os.geteuid() == 0 else None
    root = Path(tempfile.mkdtemp(prefix="imr-pg-"))
    data = root / "data"
    if user:
        entry = pwd.getpwnam(user)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    os.chmod(root, 0o700)
    port = free_ports(1)[0]
    try:
        init = subprocess.run(
            [f"{pg_bin}/initdb", "-D", str(data), "-U", "airflow", "-A", "trust", "-E", "UTF8"],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=root,  # the test's own directory may be closed to the postgres user
            user=user,
            group=user and pwd.getpwnam(user).pw_gid,
        )
        assert init.returncode == 0, init.stderr[-2000:]
        server = Process(
            "postgres",
            [
                f"{pg_bin}/postgres",
                "-D",
                str(data),
                "-p",
                str(port),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                f"unix_socket_directories={root}",
                "-c",
                "max_connections=200",
                "-c",
                "fsync=off",
            ],
            root / "postgres.log",
            cwd=root,
            user=user,
        )
        try:
            wait_for("postgres", lambda: _pg_ready(port), 60, server.proc)
            yield f"postgresql+psycopg2://airflow@127.0.0.1:{port}/airflow"
        finally:
            server.stop(grace=20)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _pg_ready(port: int) -> bool:
    """True once the server accepts connections; creates database `airflow` the first time."""
    import psycopg2

    try:
        con = psycopg2.connect(host="127.0.0.1", port=port, user="airflow", dbname="postgres")
    except psycopg2.OperationalError:
        return False
    try:
        con.autocommit = True
        with con.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = 'airflow'")
            if cur.fetchone() is None:
                cur.execute("CREATE DATABASE airflow")
    finally:
        con.close()
    return True


@contextmanager
def redis(redis_server: str, workdir: Path) -> Iterator[str]:
    """A Redis server on a free port, no persistence; yields its URL."""
    port = free_ports(1)[0]
    server = Process(
        "redis",
        [
            redis_server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
            "--dir",
            str(workdir),
        ],
        workdir / "redis.log",
    )
    try:
        wait_for("redis", lambda: _redis_ping(port), 30, server.proc)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.stop(grace=10)


def _redis_ping(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class AirflowCluster:
    """Airflow with the CeleryExecutor as separate processes sharing one AIRFLOW_HOME.

    Workers get distinct Celery hostnames and, through `worker_hostname.hostname`, distinct
    task-instance hostnames, as two machines would.
    """

    ADMIN = "admin"

    def __init__(self, home: Path, db_url: str, broker_url: str, extra_env: dict[str, str]):
        self.home = home
        self.api_port = free_ports(1)[0]
        self.password = secrets.token_urlsafe(16)
        self.processes: list[Process] = []
        passwords = home / "passwords.json"
        home.mkdir(parents=True, exist_ok=True)
        passwords.write_text(json.dumps({self.ADMIN: self.password}))
        from cryptography.fernet import Fernet

        private = ("AIRFLOW", "AWS_", "IMR_S3_")  # S3 access comes from the connection only
        clean = {k: v for k, v in os.environ.items() if not k.startswith(private)}
        self.env = {
            **clean,
            "AIRFLOW_HOME": str(home),
            "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": db_url,
            "AIRFLOW__CELERY__BROKER_URL": broker_url,
            "AIRFLOW__CELERY__RESULT_BACKEND": "db+" + db_url,
            "AIRFLOW__CELERY__WORKER_CONCURRENCY": "2",
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": (
                f"http://127.0.0.1:{self.api_port}/execution/"
            ),
            "AIRFLOW__API__PORT": str(self.api_port),
            "AIRFLOW__API__HOST": "127.0.0.1",
            "AIRFLOW__API__BASE_URL": f"http://127.0.0.1:{self.api_port}",
            "AIRFLOW__API__WORKERS": "1",
            "AIRFLOW__API_AUTH__JWT_SECRET": secrets.token_urlsafe(32),
            "AIRFLOW__API__SECRET_KEY": secrets.token_urlsafe(32),
            "AIRFLOW__CORE__FERNET_KEY": Fernet.generate_key().decode(),
            "AIRFLOW__CORE__AUTH_MANAGER": (
                "airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager"
            ),
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": f"{self.ADMIN}:admin",
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(passwords),
            "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
            "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO / "plugins"),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "True",
            "AIRFLOW__CORE__HOSTNAME_CALLABLE": "worker_hostname.hostname",
            "AIRFLOW__LOGGING__BASE_LOG_FOLDER": str(home / "logs"),
            # Only the run the test triggers: no cron run appears when the DAG is unpaused.
            "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": "False",
            "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
            "IMR_TASK_RETRIES": "0",
            "PYTHONPATH": os.pathsep.join([str(HERE), str(REPO / "include")]),
            "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
            **extra_env,
        }

    def airflow(self, *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(BIN / "airflow"), *args],
            env=self.env,
            cwd=self.home,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def start(self, name: str, *args: str, env: dict[str, str] | None = None) -> Process:
        proc = Process(
            name,
            [str(BIN / "airflow"), *args],
            self.home / f"{name}.log",
            env={**self.env, **(env or {})},
            cwd=self.home,
        )
        self.processes.append(proc)
        return proc

    def start_worker(self, name: str) -> Process:
        return self.start(
            name,
            "celery",
            "worker",
            "--celery-hostname",
            f"{name}@%h",
            "--skip-serve-logs",
            "--without-gossip",
            env={"IMR_WORKER_HOSTNAME": name},
        )

    def stop_all(self, grace: float = 30.0) -> None:
        """Stop every Airflow process together (not one grace period after another)."""
        for proc in self.processes:
            proc.terminate()
        deadline = time.monotonic() + grace
        for proc in self.processes:
            proc.finish(deadline)

    def logs(self) -> str:
        return "\n".join(f"== {p.name} ==\n{p.tail(2500)}" for p in self.processes)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.api_port}"

    def client(self) -> httpx.Client:
        """An API client holding a token from the simple auth manager's login endpoint."""
        response = httpx.post(
            f"{self.url}/auth/token",
            json={"username": self.ADMIN, "password": self.password},
            timeout=30,
        )
        response.raise_for_status()
        token = response.json()["access_token"]
        return httpx.Client(
            base_url=f"{self.url}/api/v2",
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        )


def xcom_value(api: httpx.Client, run_id: str, task_id: str) -> Any:
    """A task's return value in an imr_ingest run, through the REST API v2."""
    entry = api.get(
        f"/dags/imr_ingest/dagRuns/{run_id}/taskInstances/{task_id}/xcomEntries/return_value"
    ).json()
    value = entry["value"]
    return json.loads(value) if isinstance(value, str) else value


def api_ready(url: str) -> bool:
    try:
        return httpx.get(f"{url}/api/v2/version", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


@contextmanager
def stack(workdir: Path, extra_env: dict[str, str]) -> Iterator[dict[str, Any]]:
    """PostgreSQL + Redis + migrated Airflow; yields the parts. Stops all on exit."""
    binaries = install_services()
    workdir.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack_:
        db_url = stack_.enter_context(postgres(binaries["postgres_bin"]))
        broker = stack_.enter_context(redis(binaries["redis_server"], workdir))
        cluster = AirflowCluster(workdir / "airflow_home", db_url, broker, extra_env)
        stack_.callback(cluster.stop_all)
        yield {"db": db_url, "broker": broker, "airflow": cluster}
