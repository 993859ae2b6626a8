"""The first load of a whole history: chunks of the letters the ledger lacks, one run each.

Each chunk is an ordinary run (discover with a limit, batches, validation, one commit), so
a crash or a stop loses at most the chunk under way: what a chunk committed is in the
ledger, and the next start lists the source again and takes only what the ledger lacks.
Run it again to resume; nothing is taken twice, nothing is skipped. The DAG does the same
with `chunk` (dags/imr_ingest.py): each run triggers the next while letters are left, and
the mapped batches of a run spread over the Celery workers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from imr_lake.pipeline import RunSummary, render_progress, run_in_process

DEFAULT_CHUNK = 50_000  # letters a run: ~2.3 h on one worker, 100 batches of 500


@dataclass
class LoadSummary:
    """The chunks one start of the load ran, and their totals."""

    chunks: list[RunSummary] = field(default_factory=list)

    def total(self, name: str) -> int:
        return sum(getattr(chunk, name) for chunk in self.chunks)

    def render(self) -> str:
        lines = []
        for number, chunk in enumerate(self.chunks, 1):
            where = render_progress(chunk.progress) if chunk.progress else "done"
            lines.append(
                f"chunk {number} ({chunk.run_id}): {chunk.discovered} letters, "
                f"published={chunk.published} quarantined={chunk.quarantined} "
                f"failed={chunk.failed}; {where}"
            )
        left = self.chunks[-1].progress.get("left", 0) if self.chunks else 0
        lines.append(
            f"initial load: {self.total('discovered')} letters in {len(self.chunks)} "
            f"runs, {left} left"
        )
        skipped = self.chunks[0].skipped if self.chunks else 0  # held before the load began
        lines.append(
            f"published={self.total('published')} quarantined={self.total('quarantined')} "
            f"failed={self.total('failed')} skipped={skipped}"
        )
        return "\n".join(lines)


def load_history(
    *,
    source: str,
    lake: str,
    chunk: int = DEFAULT_CHUNK,
    progress: bool = False,
    max_chunks: int | None = None,
    **run: Any,
) -> LoadSummary:
    """Run chunks of `chunk` new letters until none is left (or `max_chunks` ran). `run`
    holds run_in_process's other settings (workers, batch_size, layout, inventory, ...)."""
    stamp = datetime.now(tz=UTC).strftime("%Y%m%dT%H%M%SZ")
    summary = LoadSummary()
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=None, unit="letter", desc="initial load")
    try:
        while max_chunks is None or len(summary.chunks) < max_chunks:
            run_id = f"initial__{stamp}__{len(summary.chunks) + 1:05d}"
            done = run_in_process(
                source=source, lake=lake, run_id=run_id, limit=chunk, bar=bar, **run
            )
            summary.chunks.append(done)
            if not done.discovered or not done.progress.get("left"):
                break
    finally:
        if bar is not None:
            bar.close()
    return summary
