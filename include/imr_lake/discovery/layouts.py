"""Which part of a source a run lists, by the source's layout (`source_layout` /
`IMR_SOURCE_LAYOUT`, `source_inventory` / `IMR_SOURCE_INVENTORY`).

- `flat` (default, empty): everything, in pages; grows with the history (1 request a
  1,000 keys on S3, `IMR_LIST_CONCURRENCY` key ranges at a time: `ranges`).
- `sorted` (keys sort by arrival): keys after the greatest the ledger holds (S3
  StartAfter); grows with the new letters.
- a date template such as `{year}/{month}/{day}/`: the prefixes of the run's data
  interval; grows with the interval's letters.
- an inventory manifest: the report's data files instead of the bucket; grows with the
  history, but in a few files instead of a request per 1,000 keys.
docs/lake.md has the measured costs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pyarrow as pa

FLAT = "flat"
SORTED = "sorted"
DATED = "dated"
INVENTORY = "inventory"


@dataclass(frozen=True)
class Listing:
    """What one run lists: every key (`prefixes` None), some prefixes, or after a key."""

    kind: str
    prefixes: list[str] | None = None
    start_after: str | None = None
    inventory: str | None = None

    def describe(self) -> dict[str, Any]:
        """For discovered.json and the task log: the listing's shape (keys are not
        patient data, but the report names only prefixes and the resume point)."""
        return {
            "kind": self.kind,
            "prefixes": self.prefixes,
            "start_after": self.start_after,
            "inventory": bool(self.inventory),
        }


def kind_of(layout: str | None) -> str:
    layout = (layout or "").strip()
    if not layout or layout == FLAT:
        return FLAT
    if layout == SORTED:
        return SORTED
    if "{" in layout:
        return DATED
    raise ValueError(
        f"unknown source layout {layout!r}: use 'flat', 'sorted' or a date template "
        "such as '{year}/{month}/{day}/'"
    )


def plan(
    layout: str | None,
    *,
    inventory: str | None = None,
    not_before: datetime | None = None,
    not_after: datetime | None = None,
    reprocess: bool = False,
    greatest_key: str | None = None,
) -> Listing:
    """The listing of one run. A dated layout needs the run's interval (a manual run lists
    everything); `sorted` starts after the ledger's greatest key unless the run reprocesses
    (it must see the letters it already holds)."""
    from imr_lake.storage import dated_prefixes

    kind = kind_of(layout)
    prefixes = None
    if kind == DATED and not_before is not None and not_after is not None:
        prefixes = dated_prefixes(str(layout), not_before, not_after)
    if inventory:
        return Listing(INVENTORY, prefixes=prefixes, inventory=inventory)
    if prefixes is not None:
        return Listing(DATED, prefixes=prefixes)
    if kind == SORTED and greatest_key and not reprocess:
        return Listing(SORTED, start_after=greatest_key)
    return Listing(FLAT)


def listing_pages(
    source_url: str,
    listing: Listing,
    requests: list[int] | None = None,
    *,
    splits: Callable[[], list[str]] | None = None,
    concurrency: int = 1,
) -> Iterator[pa.RecordBatch]:
    """The listed letters of `source_url`, page by page. A flat listing on S3 is cut into key
    ranges at `splits` and listed `concurrency` ranges at a time (`ranges`); the others are
    a request or two a night and stay one sequence."""
    from imr_lake.discovery.inventory import inventory_pages
    from imr_lake.discovery.pages import object_pages, protocol_of
    from imr_lake.storage import filesystem

    fs, root = filesystem(source_url)
    if listing.inventory:
        on_s3 = protocol_of(fs) in ("s3", "s3a")
        yield from inventory_pages(
            listing.inventory, root, listing.prefixes, bucket_root=on_s3, requests=requests
        )
        return
    for prefix in listing.prefixes if listing.prefixes is not None else [""]:
        yield from object_pages(
            fs,
            root,
            prefix,
            start_after=listing.start_after,
            requests=requests,
            splits=splits if listing.kind == FLAT else None,
            concurrency=concurrency,
        )
