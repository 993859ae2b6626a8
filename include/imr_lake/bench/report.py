"""The benchmark's numbers: docs/s, ms per letter per stage, peak RSS, ratios, targets."""

from __future__ import annotations

from typing import Any

STAGES = (
    "read",
    "extract",
    "parse",
    "deidentify",
    "audit",
    "stage",
    "discover",
    "validate",
    "publish",
)
TARGETS = {
    "b_over_a": (">=", 0.85),
    "c_over_b": (">=", 1.7),
    "d_time_over_b_time": ("<=", 1.5),
    "peak_rss_mb": ("<", 400.0),
    "isolation_cost": (">=", 0.95),  # docs/s with the extraction process over without it
}


def letters_rss(row: dict[str, Any]) -> float:
    """Peak RSS of a process that extracts, parses and de-identifies letters: what
    process_batch reports (the pool's largest worker in (c)); (a) is that process."""
    return row.get("rss_letters_mb") or row["rss_self_mb"]


def validate_rss(row: dict[str, Any]) -> float | None:
    """Peak RSS of the process that runs Great Expectations (pipeline.validate_staged)."""
    return row.get("rss_validate_mb")


def main_rss(row: dict[str, Any]) -> float:
    """Peak RSS of the scenario's own process: discover and publish (and, on 1 worker, the
    letters too); in (d) the `airflow dags test` process, which runs every task but
    validation's own process."""
    return row.get("rss_main_mb") or row["rss_self_mb"]


def extract_rss(row: dict[str, Any]) -> float | None:
    """Peak RSS of the largest extraction child (extract/pool.py) of the letter workers."""
    return row.get("rss_extract_mb") or None


def derive(row: dict[str, Any], letters: int) -> dict[str, Any]:
    row["letters"] = letters
    row["docs_per_s"] = letters / row["wall_s"]
    seconds = row.get("seconds", {})
    order = [s for s in STAGES if s in seconds] + sorted(set(seconds) - set(STAGES))
    row["ms_per_letter"] = {stage: 1000 * seconds[stage] / letters for stage in order}
    row["cores_used"] = row["cpu_s"] / row["wall_s"] if row.get("cpu_s") else None
    row["letters_rss_mb"] = letters_rss(row)
    row["validate_rss_mb"] = validate_rss(row)
    row["main_rss_mb"] = main_rss(row)
    row["extract_rss_mb"] = extract_rss(row)
    return row


def ratios(rows: dict[str, dict[str, Any]]) -> dict[str, float]:
    """Ratios of the same run; docs/s over docs/s except (d), a time over a time."""
    out: dict[str, float] = {}

    def pair(name: str, top: str, bottom: str) -> None:
        if top in rows and bottom in rows:
            out[name] = rows[top]["docs_per_s"] / rows[bottom]["docs_per_s"]

    pair("b_over_a", "b", "a")
    pair("c_over_b", "c", "b")
    if "b" in rows and "c" in rows and rows["c"].get("cpu_s") and rows["b"].get("cpu_s"):
        # what (c)/(b) would be with W idle cores: (b)'s CPU over (c)'s CPU spread on W
        out["c_over_b_if_cores_idle"] = (
            rows["b"]["cpu_s"] / rows["c"]["cpu_s"] * rows["c"]["workers"]
        )
    if "d" in rows and "b" in rows:
        out["d_time_over_b_time"] = rows["d"]["wall_s"] / rows["b"]["wall_s"]
    pair("pdfium_extract_speedup", "a_pdfium", "a")
    pair("pdfium_b_speedup", "b_pdfium", "b")
    pair("pdfium_c_speedup", "c_pdfium", "c")
    pair("pdfium_d_speedup", "d_pdfium", "d")
    pair("pdfium_b_over_a_pdfium", "b_pdfium", "a_pdfium")
    pair("pdfium_c_over_b_pdfium", "c_pdfium", "b_pdfium")
    pair("isolation_b", "b", "b_inline")
    pair("isolation_b_pdfium", "b_pdfium", "b_pdfium_inline")
    costs = [out[k] for k in ("isolation_b", "isolation_b_pdfium") if k in out]
    if costs:
        out["isolation_cost"] = min(costs)
    return out


def targets(rows: dict[str, dict[str, Any]], found: dict[str, float]) -> dict[str, Any]:
    """Each target of issue 9 with its value and whether this run met it."""
    met: dict[str, Any] = {}
    for name, (op, bound) in TARGETS.items():
        if name == "peak_rss_mb":
            peaks = [  # every process of every pipeline scenario, either engine
                r[column] or 0.0
                for k, r in rows.items()
                if k[0] in "bcd"
                for column in ("letters_rss_mb", "validate_rss_mb", "main_rss_mb", "extract_rss_mb")
            ]
            if not peaks:
                continue
            value = max(peaks)
        elif name in found:
            value = found[name]
        else:
            continue
        ok = value >= bound if op == ">=" else value <= bound if op == "<=" else value < bound
        met[name] = {"value": round(value, 3), "target": f"{op} {bound}", "met": ok}
    return met


def _fmt(value: float | None, digits: int = 1) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def table(rows: dict[str, dict[str, Any]]) -> str:
    """A Markdown table (readable on a terminal, pasteable into docs/benchmark.md)."""
    found = {s for r in rows.values() for s in r["ms_per_letter"]}
    stages = [s for s in STAGES if s in found] + sorted(found - set(STAGES))
    head = ["scenario", "wall s", "docs/s"] + [f"{s} ms" for s in stages]
    head += ["letters RSS MB", "extract RSS MB", "validate RSS MB", "main RSS MB"]
    head += ["cores used", "load"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, r in rows.items():
        cells = [f"({name}) {r['label']}", _fmt(r["wall_s"]), _fmt(r["docs_per_s"], 2)]
        cells += [_fmt(r["ms_per_letter"].get(s)) for s in stages]
        cells += [
            _fmt(r["letters_rss_mb"], 0),
            _fmt(r.get("extract_rss_mb"), 0),
            _fmt(r["validate_rss_mb"], 0),
            _fmt(r["main_rss_mb"], 0),
            _fmt(r.get("cores_used"), 2),
            f"{r['load_before']:.1f}/{r['load_after']:.1f}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def summary_lines(found: dict[str, float], met: dict[str, Any], equivalence: Any) -> list[str]:
    lines = ["", "ratios (same run): " + ", ".join(f"{k}={v:.2f}" for k, v in found.items())]
    for name, t in met.items():
        lines.append(
            f"target {name}: {t['value']} (want {t['target']}) {'MET' if t['met'] else 'NOT MET'}"
        )
    if equivalence is not None:
        lines.append(f"pypdfium2 vs pdfplumber curated records: {equivalence}")
    return lines
