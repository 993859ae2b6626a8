"""Discovery at scale: which letters a run takes, at a cost that grows with the new letters.

The source is listed as a stream of Arrow pages (`pages`, `inventory`), never one Python
object per letter; which part of it is listed is the source layout's choice (`layouts`);
the pages are anti-joined with the ledger in DuckDB (`antijoin`), so a history of 1.5
million letters costs a hash table of the ledger's keys, not a million dicts.
"""

from __future__ import annotations

import pyarrow as pa

# One listed object: what a batch manifest needs, nothing read yet.
LISTED = pa.schema(
    [
        ("key", pa.string()),  # relative to the source root
        ("etag", pa.string()),
        ("size", pa.int64()),
        ("last_modified", pa.timestamp("us", tz="UTC")),
    ]
)


def is_letter_key(key: str) -> bool:
    return key.lower().endswith(".pdf")
