"""imr-lake: IMR determination letters as de-identified, validated Parquet tables."""

import os

PARSER_VERSION = "0.1.0"

# Arrow's allocator, chosen before pyarrow is first imported (it reads this then):
# the system allocator gives freed buffers back, where the default (mimalloc) keeps them
# (see heap.system_arrow_pool, which covers processes that imported pyarrow earlier).
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")

from imr_lake import quiet  # noqa: E402 (after the allocator choice, before any heavy import)

quiet.install()
