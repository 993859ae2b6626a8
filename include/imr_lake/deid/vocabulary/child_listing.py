"""Word lists read in a child process once per installation, then from a file.

The drug dictionary and the city gazetteer are read in a child process so that their
hundreds of megabytes never stay in a letter worker. That child costs about 6.5 s of CPU
(and 480 MB at its peak) per process that de-identifies, and Airflow starts one per mapped
batch. Its output depends only on the installed packages and on our own de-identification
code, so it is kept in a file named by both: the first process writes it, every later one
reads a few hundred kilobytes, and an older installation's file is removed. The lists are
public vocabulary, never letter text.

The folder is `IMR_CACHE_DIR`, else `$XDG_CACHE_HOME/imr-lake` (`~/.cache/imr-lake`). A
folder that cannot be written costs only the child's time.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

import imr_lake.deid


def cache_dir() -> Path:
    if configured := os.environ.get("IMR_CACHE_DIR"):
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "imr-lake"


def fingerprint(distributions: tuple[str, ...]) -> str:
    """The installed versions of `distributions` and every source file of `imr_lake.deid`:
    a new package release or a changed vocabulary rule names a new file."""
    digest = hashlib.sha256()
    for name in distributions:
        digest.update(f"{name}=={metadata.version(name)}\n".encode())
    root = Path(imr_lake.deid.__file__).parent
    for source in sorted(root.rglob("*.py")):
        digest.update(source.relative_to(root).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def child_listing(module: str, distributions: tuple[str, ...]) -> str:
    """What `python -m module` prints, from the cache when this installation has run it."""
    path = cache_dir() / f"{module}-{fingerprint(distributions)}.txt"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    listed = subprocess.run(
        [sys.executable, "-m", module], capture_output=True, check=True, text=True
    ).stdout
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp"
        ) as out:
            out.write(listed)
        os.replace(out.name, path)  # atomic: a concurrent reader sees all or nothing
        for stale in path.parent.glob(f"{module}-*.txt"):
            if stale != path:
                stale.unlink(missing_ok=True)  # an older installation's listing
    except OSError:
        pass
    return listed
