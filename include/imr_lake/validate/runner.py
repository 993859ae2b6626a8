"""Runs the versioned suites with the GX Core API and attributes failures to documents.

GX is imported here, inside functions only. An ephemeral context (no files, analytics
and progress bars off) validates each frame as a whole-dataframe batch with
result_format COMPLETE and `unexpected_index_column_names=["document_id"]`, which names
the failing rows' documents. A failure GX cannot attribute to rows (a missing column, a
wrong column dtype, an expectation that raised, a row without a document_id) fails
every document of the chunk: the batch is not trustworthy.
"""

from __future__ import annotations

import os
from typing import Any

import pandas as pd

from imr_lake.validate.result import ExpectationOutcome


def _context():
    import great_expectations as gx
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(),
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False, metric_calculations=False),
    )
    return gx.get_context(mode="ephemeral", project_config=config)


def _suite(suite_dict: dict[str, Any]):
    import great_expectations as gx
    from great_expectations.expectations.registry import get_expectation_impl

    suite = gx.ExpectationSuite(name=suite_dict["name"], meta=suite_dict.get("meta"))
    for config in suite_dict["expectations"]:
        cls = get_expectation_impl(config["type"])
        suite.add_expectation(cls(**config["kwargs"], meta=config["meta"]))
    return suite


def _columns(kwargs: dict[str, Any]) -> list[str]:
    cols = [kwargs[k] for k in ("column", "column_A", "column_B") if k in kwargs]
    return cols or list(kwargs.get("column_list", []))


def _exception_class(info: dict[str, Any]) -> str | None:
    """The raised exception's class name only: GX messages can quote data values."""
    infos = (
        [info] if "raised_exception" in info else [v for v in info.values() if isinstance(v, dict)]
    )
    for item in infos:
        if item.get("raised_exception"):
            lines = str(item.get("exception_traceback") or "").strip().splitlines()
            last = lines[-1] if lines else ""
            name = last.split(":", 1)[0].strip().rsplit(".", 1)[-1]
            return name if name.isidentifier() else "error"
    return None


def _outcome(result, suite_name: str, rows: int) -> ExpectationOutcome:
    config = result.expectation_config
    error = _exception_class(result.exception_info or {})
    raised = error is not None
    index_list = (result.result or {}).get("unexpected_index_list")
    outcome = ExpectationOutcome(
        name=(config.meta or {}).get("name", config.type),
        suite=suite_name,
        expectation_type=config.type,
        columns=_columns(config.kwargs),
        success=bool(result.success) and not raised,
        evaluated_rows=rows,
    )
    outcome.error = error
    if outcome.success:
        return outcome
    docs = [] if raised or index_list is None else [r.get("document_id") for r in index_list]
    if not docs or any(d is None or pd.isna(d) for d in docs):
        outcome.whole_batch = True
        outcome.failed_documents = []
    else:
        outcome.failed_documents = sorted(set(docs))
    return outcome


class SuiteRunner:
    """GX context, suites and batch definitions built once, then run on frame after frame.

    A run is validated in chunks of staged batches (memory stays flat with run size);
    building the context and suites once keeps the per-chunk cost to the checks themselves.
    """

    def __init__(self, suites: dict[str, dict[str, Any]], parameters: dict[str, Any]) -> None:
        import logging

        logging.getLogger("great_expectations").setLevel(logging.WARNING)
        source = _context().data_sources.add_pandas("imr_lake")
        self.parameters = parameters
        self.suites = suites
        self.definitions = {
            name: source.add_dataframe_asset(name).add_batch_definition_whole_dataframe(name)
            for name in suites
        }
        self.gx_suites = {name: _suite(suite_dict) for name, suite_dict in suites.items()}

    def run(self, frames: dict[str, pd.DataFrame]) -> list[ExpectationOutcome]:
        """Validate each frame against its suite; one outcome per expectation, suite order."""
        outcomes: list[ExpectationOutcome] = []
        for name, suite_dict in self.suites.items():
            frame = frames[name]
            batch = self.definitions[name].get_batch(batch_parameters={"dataframe": frame})
            result = batch.validate(
                self.gx_suites[name],
                result_format={
                    "result_format": "COMPLETE",
                    "unexpected_index_column_names": ["document_id"],
                    "return_unexpected_index_query": False,
                },
                expectation_parameters=self.parameters,
            )
            by_name = {o.name: o for o in (_outcome(r, name, len(frame)) for r in result.results)}
            outcomes.extend(by_name[e["meta"]["name"]] for e in suite_dict["expectations"])
        return outcomes


def merge_outcomes(
    earlier: ExpectationOutcome | None, later: ExpectationOutcome
) -> ExpectationOutcome:
    """One expectation's outcome over two chunks of the same run."""
    if earlier is None:
        return later
    return ExpectationOutcome(
        name=earlier.name,
        suite=earlier.suite,
        expectation_type=earlier.expectation_type,
        columns=earlier.columns,
        success=earlier.success and later.success,
        evaluated_rows=earlier.evaluated_rows + later.evaluated_rows,
        failed_documents=earlier.failed_documents + later.failed_documents,
        whole_batch=earlier.whole_batch or later.whole_batch,
        error=earlier.error or later.error,
    )
