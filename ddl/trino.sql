-- Trino (Delta Lake connector) over the Delta tables of an imr-lake.
-- Replace s3://imr-lake/lake with your lake URL. The catalog file (etc/catalog/delta.properties):
--   connector.name=delta_lake
--   hive.metastore=glue                      (or hive.metastore.uri=thrift://...)
--   delta.register-table-procedure.enabled=true
--   fs.native-s3.enabled=true
--   s3.region=us-east-1                      (S3-compatible stores: s3.endpoint=..., s3.path-style-access=true)
-- Columns, types and the decision_year partitioning come from each table's _delta_log (the
-- contract in DESIGN.md); Trino reads one committed version per query, so a query never
-- sees part of a run, and a new decision_year needs no partition sync.

CREATE SCHEMA IF NOT EXISTS delta.imr;

CALL delta.system.register_table(
    schema_name => 'imr',
    table_name => 'determinations',
    table_location => 's3://imr-lake/lake/curated/determinations'
);

CALL delta.system.register_table(
    schema_name => 'imr',
    table_name => 'treatments',
    table_location => 's3://imr-lake/lake/curated/treatments'
);

-- The restricted zone (source keys, error messages): a schema of its own, for operators only.
CREATE SCHEMA IF NOT EXISTS delta.imr_restricted;

CALL delta.system.register_table(
    schema_name => 'imr_restricted',
    table_name => 'ledger',
    table_location => 's3://imr-lake/lake/restricted/ledger'
);

CALL delta.system.register_table(
    schema_name => 'imr_restricted',
    table_name => 'quarantine',
    table_location => 's3://imr-lake/lake/restricted/quarantine'
);

-- Time travel, like `imr-lake sql --as-of`:
--   SELECT count(*) FROM delta.imr.determinations FOR VERSION AS OF 3;
--   SELECT count(*) FROM delta.imr.determinations FOR TIMESTAMP AS OF TIMESTAMP '2026-03-01 03:00:00 UTC';
-- Versions and times a table has: SELECT * FROM delta.imr."determinations$history";
