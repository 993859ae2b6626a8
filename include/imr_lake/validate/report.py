"""A self-contained HTML report of one run's validation, built from the GX results.

Not GX Data Docs: Data Docs render sample unexpected values, and a bad value in a
pseudonym column can be a raw case number. This page shows only expectation names,
rule parameters, counts and document_id pseudonyms.
"""

from __future__ import annotations

import json
from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from imr_lake.validate.result import ValidationResult

_STYLE = """
body{font-family:system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:1em 0}
td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}
th{background:#f3f3f3}.fail{background:#fde8e8}.ok{color:#186a3b}.bad{color:#a93226}
code{font-size:.9em}
"""


def _params(kwargs: dict[str, Any]) -> str:
    shown = {k: v for k, v in kwargs.items() if k not in ("column", "column_A", "column_B")}
    return escape(json.dumps(shown, default=str)) if shown else ""


def triage_rows(rows: list[dict[str, Any]]) -> str:
    """HTML rows of the triage table (validate/triage.py); every string escaped."""
    return "".join(
        f"<tr><td><code>{escape(str(r['key']))}</code></td><td>{escape(r['status'])}</td>"
        f"<td>{escape(r['layout'] or '')}</td><td>{escape(', '.join(r['reasons']))}</td>"
        f"<td>{escape(' | '.join(r['headings_found']))}</td>"
        f"<td>{escape(' | '.join(r['headings_missed']))}</td></tr>"
        for r in rows
    )


def unreadable_rows(rows: list[dict[str, Any]]) -> str:
    """HTML rows of the letters that could not be read, by source key."""
    ordered = sorted(rows, key=lambda r: str(r["key"]))
    return "".join(
        f"<tr><td><code>{escape(str(r['key']))}</code></td>"
        f"<td>{escape(str(r['error_code']))}</td></tr>"
        for r in ordered
    )


def render(result: ValidationResult, suites: dict[str, dict[str, Any]]) -> str:
    """The report page; every dynamic string is escaped."""
    summary = result.summary()
    kwargs_by_name = {
        e["meta"]["name"]: e["kwargs"] for suite in suites.values() for e in suite["expectations"]
    }
    reason_by_name = {
        e["meta"]["name"]: e["meta"].get("reason", "")
        for suite in suites.values()
        for e in suite["expectations"]
    }
    verdict = (
        '<span class="bad">threshold exceeded: nothing published</span>'
        if result.threshold_exceeded
        else '<span class="ok">within threshold</span>'
    )
    failed_by_name = summary["failed_by_expectation"]
    rows = []
    for o in result.outcomes:
        status = "passed" if o.success else "FAILED"
        docs = str(failed_by_name.get(o.name, 0))
        if o.whole_batch:
            docs += " (every document of its chunk)"
        note = f" ({escape(o.error)})" if o.error else ""
        rows.append(
            f'<tr class="{"" if o.success else "fail"}"><td>{escape(o.suite)}</td>'
            f"<td><code>{escape(o.name)}</code></td><td>{escape(o.expectation_type)}</td>"
            f"<td>{escape(', '.join(o.columns))}</td>"
            f"<td>{_params(kwargs_by_name.get(o.name, {}))}</td>"
            f"<td>{escape(reason_by_name.get(o.name, ''))}</td>"
            f"<td>{status}{note}</td><td>{docs}</td><td>{o.evaluated_rows}</td></tr>"
        )
    failed_rows = [
        f"<tr><td><code>{escape(doc)}</code></td><td>{escape(', '.join(names))}</td></tr>"
        for doc, names in sorted(result.failed.items())
    ]
    top = "".join(
        f"<li><code>{escape(name)}</code>: {n}</li>"
        for name, n in summary["failed_by_expectation"].items()
    )
    threshold = ""
    if result.threshold_exceeded:
        named = ", ".join(f"{name} ({n} letters)" for name, n in list(failed_by_name.items())[:5])
        threshold = (
            f'<p class="bad">Most failed: {escape(named)}. One rule failing most letters is '
            "more likely a broken rule or a new wording than a broken batch: see the triage "
            "table below.</p>"
        )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>imr-lake validation: {escape(result.run_id)}</title><style>{_STYLE}</style></head>
<body>
<h1>Validation report</h1>
<p>Run <code>{escape(result.run_id)}</code>, suites version {escape(result.suite_version)}
(Great Expectations Core), validated in {result.chunks} chunk(s).</p>
<p>{summary["documents"]} documents: {summary["passed"]} passed, {summary["failed"]} failed
({summary["failed_share"]:.1%}; allowed {summary["max_failed_share"]:.1%}): {verdict}.</p>
{threshold}
<h2>Failed expectations</h2>
<ul>{top or "<li>none</li>"}</ul>
<h2>Failed documents ({len(result.failed)})</h2>
<table><tr><th>document_id</th><th>failed expectations</th></tr>{"".join(failed_rows)}</table>
<h2>Triage: quarantined and unknown_layout letters ({len(result.triage)})</h2>
<p>The headings of its layout each letter's parser found and missed (for an unknown layout,
those of the closest one): headings only, never letter text.</p>
<table><tr><th>source key</th><th>status</th><th>layout</th><th>reasons</th>
<th>headings found</th><th>headings missed</th></tr>{triage_rows(result.triage)}</table>
<h2>Unreadable letters ({len(result.unreadable)})</h2>
<p>Source objects that never reached a parser: not validated, in the ledger with their code.</p>
<table><tr><th>source key</th><th>code</th></tr>{unreadable_rows(result.unreadable)}</table>
<h2>All expectations ({len(result.outcomes)})</h2>
<table><tr><th>table</th><th>expectation</th><th>GX type</th><th>columns</th><th>parameters</th>
<th>rests on</th><th>status</th><th>failed documents</th><th>rows</th></tr>{"".join(rows)}</table>
</body></html>
"""
