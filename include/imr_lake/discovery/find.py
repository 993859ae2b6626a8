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
from imr_lake.discovery.layouts import SORTED, Listing, kind_of, listing_pages, plan
from imr_lake.discovery.partitions import parts_for


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
) -> Discovery:
    """The letters a run takes. `interval` (the data interval) picks a dated layout's
    prefixes and the reprocess window; `not_after` is the arrival cutoff (the interval's end
    in a scheduled run, none in a manual one)."""
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
    ledger = ledger_keys(lake_url, listing)  # only the rows the listing can meet
    requests: list[int] = []
    found = letters_to_take(
        listing_pages(source_url, listing, requests),
        ledger,
        not_after=not_after,
        not_before=not_before,
        reprocess=reprocess,
        limit=limit,
        parts=parts_for(ledger_rows(lake_url, listing)),
    )
    return Discovery(listing, found, requests)
