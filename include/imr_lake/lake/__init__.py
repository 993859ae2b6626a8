"""The lake as Delta Lake tables (deltalake, the delta-rs binding): which table, which key.

delta.py      storage options, one-commit replacement by document_id, bounded retry
duckdb_delta.py  DuckDB's own delta and httpfs extensions, from their PyPI packages
"""
