"""The Airflow UI as a user meets it: `make ui` on a clean checkout, headless Chromium.

A fresh `git clone` of the project runs `make ui` (its own set-up, then `airflow
standalone`), a real `airflow dags test` run publishes five letters and fails two
unreadable files, and Chromium (Debian's package, from scripts/install_services.sh) logs in
as `admin`, opens the run, clicks its "Validation report" tab and reads what a user sees.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote
from urllib.request import urlopen

import pytest
from conftest import BIN, REPO, TEST_KEY
from imr_lake.generate import generate_corpus
from seaweedfs import free_ports
from services import install_services

pytestmark = pytest.mark.slow

CHROMIUM_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync "
    "--window-size=1600,1200"
).split()


def _healthy(url: str) -> bool:
    try:
        with urlopen(f"{url}/api/v2/monitor/health", timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


class MakeUi:
    """`make ui` in a checkout, as its own process group (stopped by its id)."""

    def __init__(self, checkout: Path, env: dict[str, str], log: Path) -> None:
        self.log = log
        self.proc = subprocess.Popen(
            ["make", "ui"],
            cwd=checkout,
            env=env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait(self, url: str, timeout: float = 300) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"make ui exited {self.proc.returncode}: {self.output()[-3000:]}")
            if _healthy(url):
                return
            time.sleep(2)
        pytest.fail(f"make ui: no API server at {url}: {self.output()[-3000:]}")

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=30)


@pytest.fixture(scope="module")
def ui(tmp_path_factory) -> Iterator[dict]:
    binaries = install_services()
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        pytest.fail(f"chromium / chromedriver missing after install_services: {binaries}")
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout: nothing to clone")
    work = tmp_path_factory.mktemp("ui")
    checkout = work / "checkout"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(checkout)], check=True)
    api, trigger_logs, worker_logs = free_ports(3)
    inherited = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("AIRFLOW", "IMR_", "PYTHON", "VIRTUAL_ENV"))
    }
    env = {
        **inherited,  # network and certificate settings of the machine
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",  # uv from the project's venv
        "IMR_PSEUDONYM_KEY": TEST_KEY,
        "IMR_SOURCE_URL": str(work / "source"),
        "IMR_LAKE_URL": str(work / "lake"),
        "IMR_TASK_RETRIES": "0",
        "AIRFLOW__API__PORT": str(api),
        "AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT": str(trigger_logs),
        "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(worker_logs),
    }
    url = f"http://127.0.0.1:{api}"

    first = MakeUi(checkout, env, work / "make_ui_first.log")  # .venv made by make ui itself
    try:
        first.wait(url)
    finally:
        first.stop()

    generate_corpus(work / "source", 5, seed=11, layouts=["header_table"])
    (work / "source" / "empty.pdf").write_bytes(b"")
    (work / "source" / "notes.pdf").write_bytes(b"this is a text file, not a PDF\n")
    run = subprocess.run(
        ["bash", "-c", "source scripts/airflow_env.sh && airflow dags test imr_ingest"],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, (run.stdout + run.stderr)[-4000:]
    (summary_path,) = (work / "lake").glob("restricted/reports/*/summary.json")
    summary = json.loads(summary_path.read_text())

    second = MakeUi(checkout, env, work / "make_ui.log")
    try:
        second.wait(url)
        password = json.loads(
            (checkout / "airflow_home" / "simple_auth_manager_passwords.json.generated").read_text()
        )["admin"]
        yield {"url": url, "password": password, "summary": summary, "first": first}
    finally:
        second.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    options.binary_location = shutil.which("chromium")
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _wait_for(driver, by, value, timeout: float = 60):
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(
        expected_conditions.presence_of_element_located((by, value))
    )


def test_make_ui_starts_from_a_clean_checkout(ui) -> None:
    output = ui["first"].output()
    assert "FileNotFoundError" not in output, output[-3000:]
    assert "Uvicorn running" in output or "api-server" in output


def test_the_validation_report_tab_shows_counts_failed_letters_and_threshold(ui, browser) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    summary = ui["summary"]
    assert (summary["published"], summary["failed"]) == (5, 2)
    browser.get(ui["url"] + "/")
    _wait_for(browser, By.NAME, "username").send_keys("admin")
    browser.find_element(By.NAME, "password").send_keys(ui["password"] + Keys.ENTER)
    _wait_for(browser, By.XPATH, "//*[contains(text(), 'Dags')]")

    run_id = summary["run_id"]
    browser.get(f"{ui['url']}/dags/imr_ingest/runs/{quote(run_id, safe='')}")
    _wait_for(browser, By.XPATH, "//*[text()='Validation report']").click()
    frame = _wait_for(browser, By.TAG_NAME, "iframe")
    assert "/imr-lake/reports/imr_ingest/" in frame.get_attribute("src")
    browser.switch_to.frame(frame)
    text = _wait_for(browser, By.TAG_NAME, "h1").find_element(By.XPATH, "..").text

    assert "Validation report" in text and run_id in text
    assert "5 documents: 5 passed, 0 failed (0.0%; allowed 5.0%): within threshold." in text
    assert "Unreadable letters (2)" in text
    lines = text.splitlines()
    assert "empty.pdf empty" in lines and "notes.pdf not_pdf" in lines
    assert "Failed documents (0)" in text
