"""Batch sizing: a few batches per worker, a floor, and Airflow's mapping ceiling."""

import json
import math

import pytest
from imr_lake.batching import MAX_AUTO_BATCH, batch_size_for


@pytest.mark.parametrize(
    ("letters", "workers", "expected"),
    [
        (100, 2, 20),  # 5 batches for 2 workers, not one batch of 100 (the old constant 200)
        (300, 2, 38),  # 8 batches: 4 per worker
        (300, 4, 20),  # the floor: 15 batches of 20, not 19 of 16
        (10, 2, 20),  # a small night: one batch
        (0, 2, 20),  # nothing to do still gives a valid size
        (100_000, 4, MAX_AUTO_BATCH),  # a backfill: 200 batches of the largest size
    ],
)
def test_auto_size_aims_at_a_few_batches_per_worker(letters, workers, expected):
    assert batch_size_for(letters, workers, ceiling=1024) == expected


def test_auto_size_stays_within_max_map_length():
    size = batch_size_for(1_500_000, 4, ceiling=1024)
    assert math.ceil(1_500_000 / size) <= 1024
    assert size == math.ceil(1_500_000 / 1024)


def test_requested_size_is_honoured_unless_it_breaks_the_ceiling():
    assert batch_size_for(100, 2, requested=3, ceiling=1024) == 3  # below the auto floor: kept
    assert batch_size_for(10_000, 2, requested=5, ceiling=100) == 100  # 2,000 batches -> 100


def test_env_sets_the_ceiling(monkeypatch):
    monkeypatch.setenv("AIRFLOW__CORE__MAX_MAP_LENGTH", "10")
    assert batch_size_for(1_000, 1, requested=1) == 100


def test_discover_sizes_the_run_for_its_workers(tmp_path):

    from imr_lake.pipeline import discover

    source = tmp_path / "source"
    source.mkdir()
    for number in range(45):
        (source / f"letter-{number:03d}.pdf").write_bytes(b"%PDF-1.4 placeholder")
    manifests = discover(str(source), str(tmp_path / "lake"), "manual__t", workers=2)
    sizes = [len(json.loads(open(m).read())["objects"]) for m in manifests]
    assert sizes == [20, 20, 5]  # 45 letters, 2 workers: the floor of 20 gives 3 batches
    explicit = discover(str(source), str(tmp_path / "lake"), "manual__t", batch_size=10)
    assert len(explicit) == 5
