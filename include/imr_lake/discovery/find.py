"""One discovery: plan the listing, read the ledger rows it can meet, anti-join the pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from imr_lake.discovery.antijoin import (
    Found,
    greatest_key,
    ledger_keys,
    ledger_rows,
    letters_to_take,
)
from imr_lake.discovery.layouts import FLAT, SORTED, Listing, kind_of, listing_pages, plan
from imr_lake.discovery.partitions import parts_for
from imr_lake.discovery.ranges import RANGES_PER_WORKER, KeySample, list_concurrency


@dataclass
class Discovery:
    listing: Listing
    found: Found
    requests: list[int] = field(default_factory=list)  # one entry per listing request


def find_letters(
    source_url: str,
    lake_url: str,
    *,
    layout: str | None = None,
    inventory: str | None = None,
    interval: tuple[datetime | None, datetime | None] = (None, None),
    not_after: datetime | None = None,
    reprocess: bool = False,
    limit: int | None = None,
    concurrency: int | None = None,
) -> Discovery:
    """The letters a run takes. `interval` (the data interval) picks a dated layout's
    prefixes and the reprocess window; `not_after` is the arrival cutoff (the interval's end
    in a scheduled run, none in a manual one); `concurrency` is the flat listing's requests
    in flight (default `IMR_LIST_CONCURRENCY`, `ranges.list_concurrency`)."""
    not_before, end = interval
    resume = greatest_key(lake_url) if kind_of(layout) == SORTED and not reprocess else None
    listing = plan(
        layout,
        inventory=inventory,
        not_before=not_before,
        not_after=end,
        reprocess=reprocess,
        greatest_key=resume,
    )
    rows = ledger_rows(lake_url, listing)
    ledger = ledger_keys(lake_url, listing)  # only the rows the listing can meet
    workers = list_concurrency(concurrency)
    sample = KeySample(rows)
    if listing.kind == FLAT and workers > 1:
        # the anti-join reads the ledger before it pulls the first page, so the listing's
        # split points can come from the ledger's own keys, read once
        ledger = sample.tap(ledger)
    requests: list[int] = []
    pages = listing_pages(
        source_url,
        listing,
        requests,
        splits=lambda: sample.splits(workers * RANGES_PER_WORKER),
        concurrency=workers,
    )
    found = letters_to_take(
        pages,
        ledger,
        not_after=not_after,
        not_before=not_before,
        reprocess=reprocess,
        limit=limit,
        parts=parts_for(rows),
    )
    return Discovery(listing, found, requests)
