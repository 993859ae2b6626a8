"""The child-process word lists are read once per installation, then from the cache."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from imr_lake.deid.vocabulary import child_listing as listing

ZEN = "Beautiful is better than ugly."  # `python -m this`: a fast, fixed child


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("IMR_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def no_child(*args: object, **kwargs: object) -> None:
    raise AssertionError("the child ran although the cache holds its listing")


def test_first_call_runs_the_child_and_keeps_its_listing(cache: Path) -> None:
    listed = listing.child_listing("this", ("pytest",))
    assert ZEN in listed
    (kept,) = cache.glob("this-*.txt")
    assert kept.read_text(encoding="utf-8") == listed
    assert not list(cache.glob("*.tmp"))


def test_later_calls_read_the_cache(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = listing.child_listing("this", ("pytest",))
    monkeypatch.setattr(subprocess, "run", no_child)
    assert listing.child_listing("this", ("pytest",)) == first


def test_a_new_version_or_source_runs_the_child_again(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    listing.child_listing("this", ("pytest",))
    monkeypatch.setattr(listing, "fingerprint", lambda distributions: "another-install")
    assert ZEN in listing.child_listing("this", ("pytest",))
    (kept,) = cache.glob("this-*.txt")  # the older installation's listing is removed
    assert kept.name == "this-another-install.txt"


def test_fingerprint_names_the_package_versions() -> None:
    assert listing.fingerprint(("pytest",)) != listing.fingerprint(("pytest", "pyarrow"))
    assert listing.fingerprint(("pytest",)) == listing.fingerprint(("pytest",))


def test_an_unwritable_cache_costs_only_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("IMR_CACHE_DIR", str(blocker / "cache"))
    assert ZEN in listing.child_listing("this", ("pytest",))


def test_default_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("IMR_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert listing.cache_dir() == tmp_path / "imr-lake"
