"""One writer per letter layout, by name."""

from __future__ import annotations

from imr_lake.generate.layouts.common import LayoutWriter
from imr_lake.generate.layouts.header_table import HeaderTableWriter


def writers() -> dict[str, LayoutWriter]:
    found: dict[str, LayoutWriter] = {"header_table": HeaderTableWriter()}
    return found
