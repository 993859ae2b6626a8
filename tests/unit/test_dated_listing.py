"""A source laid out by arrival date: a scheduled run lists only its interval's prefixes."""

import json
import os
from datetime import UTC, datetime
from pathlib import Path

from imr_lake.pipeline import discover
from imr_lake.storage import Source, dated_prefixes

LAYOUT = "{year}/{month}/{day}/"


def _letter(root: Path, key: str, arrived: datetime) -> None:
    path = root / key
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4 placeholder")
    os.utime(path, (arrived.timestamp(), arrived.timestamp()))


def test_prefixes_of_an_interval_cross_month_and_year_ends():
    start, end = datetime(2026, 12, 31, 3, tzinfo=UTC), datetime(2027, 1, 1, 3, tzinfo=UTC)
    assert dated_prefixes(LAYOUT, start, end) == ["2026/12/31/", "2027/01/01/"]
    # an interval ending exactly at midnight does not touch the next day
    midnight = datetime(2027, 1, 1, tzinfo=UTC)
    assert dated_prefixes(LAYOUT, datetime(2026, 12, 31, tzinfo=UTC), midnight) == ["2026/12/31/"]
    assert dated_prefixes("{year}/{month}/", start, end) == ["2026/12/", "2027/01/"]


def test_list_letters_under_prefixes_skips_missing_days(tmp_path: Path):
    _letter(tmp_path, "2026/03/01/a.pdf", datetime(2026, 3, 1, 9, tzinfo=UTC))
    _letter(tmp_path, "2026/03/03/b.pdf", datetime(2026, 3, 3, 9, tzinfo=UTC))
    keys = [o.key for o in Source(str(tmp_path)).list_letters(["2026/03/02/", "2026/03/03/"])]
    assert keys == ["2026/03/03/b.pdf"]
    assert len(Source(str(tmp_path)).list_letters()) == 2


def test_a_scheduled_run_takes_only_its_interval_without_listing_the_history(tmp_path: Path):
    source, lake = tmp_path / "source", tmp_path / "lake"
    for day in range(1, 29):  # a month of history nobody has ingested
        _letter(source, f"2026/02/{day:02d}/old-{day}.pdf", datetime(2026, 2, day, 12, tzinfo=UTC))
    _letter(source, "2026/03/01/new.pdf", datetime(2026, 3, 1, 12, tzinfo=UTC))
    _letter(source, "2026/03/02/early.pdf", datetime(2026, 3, 2, 1, tzinfo=UTC))
    _letter(source, "2026/03/02/next-night.pdf", datetime(2026, 3, 2, 5, tzinfo=UTC))
    start, end = datetime(2026, 3, 1, 3, tzinfo=UTC), datetime(2026, 3, 2, 3, tzinfo=UTC)

    def taken(**kwargs) -> list[str]:
        manifests = discover(str(source), str(lake), "scheduled__t", **kwargs)
        return sorted(o["key"] for m in manifests for o in json.loads(open(m).read())["objects"])

    dated = taken(not_before=start, not_after=end, layout=LAYOUT)
    assert dated == ["2026/03/01/new.pdf", "2026/03/02/early.pdf"]
    flat = taken(not_before=start, not_after=end)  # no layout: the whole history is listed
    assert len(flat) == 28 + 2
