"""Evaluation sources stay out of the runtime: no run imports an evaluation package.

The outside corpora (presidio-evaluator's templates and values, faker's names) measure the
recognizers; if a runtime module imported them, their values could feed a recognizer or a
vocabulary and the measurement would measure nothing.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import imr_lake.deid

EVALUATION_PACKAGES = ("faker", "presidio_evaluator", "presidio_analyzer", "philter_ucsf")
# The measurement modules themselves are the only ones allowed to reach them.
MEASUREMENT_MODULES = ("measure", "compare_presidio", "evaluate", "peers")


def runtime_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(imr_lake.deid.__path__, "imr_lake.deid."):
        leaf = info.name.rsplit(".", 1)[-1]
        if not leaf.startswith(MEASUREMENT_MODULES):
            names.append(info.name)
    return names


def test_runtime_deid_imports_no_evaluation_package() -> None:
    modules = runtime_modules()
    assert "imr_lake.deid.recognizers.proper_noun" in modules
    assert not any(m.endswith("measure_presidio") for m in modules)
    code = (
        "import importlib, json, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "from imr_lake.deid.recognizers import proper_nouns\n"
        "from imr_lake.deid.text import Scrubber\n"
        "proper_nouns(); Scrubber().scrub('The employer was Acme Widgets, 12 Main St.')\n"
        "import imr_lake.pipeline\n"
        "print(json.dumps(sorted(m.split('.')[0] for m in sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(out.stdout))
    assert "imr_lake" in loaded
    assert loaded.isdisjoint(EVALUATION_PACKAGES)
