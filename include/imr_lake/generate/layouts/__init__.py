"""One writer per letter layout, by name."""

from __future__ import annotations

from imr_lake.generate.layouts.common import LayoutWriter
from imr_lake.generate.layouts.header_table import HeaderTableWriter
from imr_lake.generate.layouts.letter import LetterWriter
from imr_lake.generate.layouts.professional_review import ProfessionalReviewWriter


def writers() -> dict[str, LayoutWriter]:
    found: list[LayoutWriter] = [
        HeaderTableWriter(),
        LetterWriter(),
        ProfessionalReviewWriter(),
    ]
    return {w.name: w for w in found}
