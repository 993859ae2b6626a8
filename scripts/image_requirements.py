"""The image's pip requirements: uv.lock's runtime closure, checked against Airflow's constraints.

A package Airflow's constraints file pins is left to that pin (the Airflow image was built
with it; `pip install -c` keeps it there), so the image never moves Airflow's own
dependencies; every other package keeps its uv.lock pin.

    python image_requirements.py RUNTIME.txt CONSTRAINTS.txt > image.txt
"""

from __future__ import annotations

import re
import sys


def _name(line: str) -> str:
    return re.sub(r"[-_.]+", "-", line.split("==", 1)[0].strip()).lower()


def pins(text: str) -> dict[str, str]:
    """name -> the `name==version` line, for each pinned line of a requirements text."""
    lines = (line.split(";", 1)[0].split("#", 1)[0].strip() for line in text.splitlines())
    return {_name(line): line for line in lines if "==" in line}


def image_requirements(runtime: str, constraints: str) -> list[str]:
    """The lines for `pip install -r ... -c CONSTRAINTS`: bare names where Airflow pins."""
    airflow = pins(constraints)
    return [name if name in airflow else line for name, line in sorted(pins(runtime).items())]


def main(argv: list[str]) -> None:
    runtime, constraints = (open(path, encoding="utf-8").read() for path in argv[1:3])
    print("\n".join(image_requirements(runtime, constraints)))


if __name__ == "__main__":
    main(sys.argv)
