"""How many letters go into one `process_batch` task.

A constant batch size makes one batch of a 100-letter night (one worker busy, the other
idle) and thousands of batches of a backfill (past Airflow's `max_map_length`). Batches are
sized from the work and the workers instead: a few batches per worker so the slots stay busy
while the last batches finish, a floor that keeps per-task overhead (an Airflow task costs
seconds to start) small beside the work, and a ceiling on the number of batches for huge runs.
"""

from __future__ import annotations

import math
import os

BATCHES_PER_WORKER = 4
MIN_AUTO_BATCH = 20
MAX_AUTO_BATCH = 500
MAX_MAP_LENGTH = 1024  # Airflow's [core] max_map_length default


def max_batches() -> int:
    """Airflow's mapping ceiling: `AIRFLOW__CORE__MAX_MAP_LENGTH` when set, else its default."""
    return int(os.environ.get("AIRFLOW__CORE__MAX_MAP_LENGTH", MAX_MAP_LENGTH))


def batch_size_for(
    letters: int,
    workers: int,
    requested: int | None = None,
    *,
    ceiling: int | None = None,
) -> int:
    """Letters per batch for a run of `letters` on `workers` parallel task slots.

    `requested` (a positive number from the operator) is honoured as given, except that it
    is raised when it would make more than `ceiling` batches; without it the size aims at
    `BATCHES_PER_WORKER` batches per worker, between `MIN_AUTO_BATCH` and `MAX_AUTO_BATCH`.
    """
    ceiling = ceiling or max_batches()
    fewest = max(1, math.ceil(letters / ceiling))  # never more batches than Airflow maps
    if requested:
        return max(requested, fewest)
    aim = math.ceil(letters / (max(1, workers) * BATCHES_PER_WORKER)) if letters else 1
    return max(min(max(aim, MIN_AUTO_BATCH), MAX_AUTO_BATCH), fewest)
