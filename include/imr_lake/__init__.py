"""imr-lake: IMR determination letters as de-identified, validated Parquet tables."""

PARSER_VERSION = "0.1.0"
