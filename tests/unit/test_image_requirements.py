"""scripts/image_requirements.py: Airflow's constraints win where they pin a package."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "image_requirements.py"
spec = importlib.util.spec_from_file_location("image_requirements", SCRIPT)
image_requirements = importlib.util.module_from_spec(spec)
spec.loader.exec_module(image_requirements)

RUNTIME = """# exported by uv
apache-airflow==3.3.2
great-expectations==1.24.1
numpy==2.4.6
pdfminer-six==20260107 ; sys_platform == 'linux'
"""
CONSTRAINTS = """# Airflow's constraints
apache-airflow==3.3.2
numpy==2.3.0
PDFMiner.six==20250101
"""


def test_constraint_pins_win_and_other_pins_stay() -> None:
    lines = image_requirements.image_requirements(RUNTIME, CONSTRAINTS)
    assert lines == ["apache-airflow", "great-expectations==1.24.1", "numpy", "pdfminer-six"]


def test_no_constraints_keeps_every_lock_pin() -> None:
    lines = image_requirements.image_requirements(RUNTIME, "")
    assert lines == [
        "apache-airflow==3.3.2",
        "great-expectations==1.24.1",
        "numpy==2.4.6",
        "pdfminer-six==20260107",
    ]
