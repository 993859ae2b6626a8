-- Amazon Athena (engine v3) over the Delta tables of an imr-lake.
-- Replace s3://imr-lake/lake with your lake URL. Athena reads the columns, types and the
-- decision_year partitioning from each table's _delta_log (the contract in DESIGN.md), so
-- the statements declare none; each query reads one committed version, never part of a
-- run, and a new decision_year needs no MSCK REPAIR or partition projection.

CREATE DATABASE IF NOT EXISTS imr;

CREATE EXTERNAL TABLE IF NOT EXISTS imr.determinations
LOCATION 's3://imr-lake/lake/curated/determinations/'
TBLPROPERTIES ('table_type' = 'DELTA');

CREATE EXTERNAL TABLE IF NOT EXISTS imr.treatments
LOCATION 's3://imr-lake/lake/curated/treatments/'
TBLPROPERTIES ('table_type' = 'DELTA');

-- The restricted zone (source keys, error messages): a database of its own, for operators only.
CREATE DATABASE IF NOT EXISTS imr_restricted;

CREATE EXTERNAL TABLE IF NOT EXISTS imr_restricted.ledger
LOCATION 's3://imr-lake/lake/restricted/ledger/'
TBLPROPERTIES ('table_type' = 'DELTA');

CREATE EXTERNAL TABLE IF NOT EXISTS imr_restricted.quarantine
LOCATION 's3://imr-lake/lake/restricted/quarantine/'
TBLPROPERTIES ('table_type' = 'DELTA');
