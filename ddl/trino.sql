-- Trino (Hive connector) external tables over the curated Hive partitions of an imr-lake.
-- Replace s3://imr-lake/lake with your lake URL. Files whose names start with "_" (staged
-- files of a commit in flight, curated/_lake/) are skipped by the Hive connector.
-- After a run adds a decision_year, register it: CALL system.sync_partition_metadata(...).
-- Consistency: Trino lists the folders, so during the seconds a commit or a compaction
-- takes, a query may see part of it (see docs/lake.md, "What readers see").

CREATE SCHEMA IF NOT EXISTS hive.imr WITH (location = 's3://imr-lake/lake/curated/');

CREATE TABLE IF NOT EXISTS hive.imr.determinations (
    document_id                 varchar,
    case_id                     varchar,
    layout                      varchar,
    injury_year                 integer,
    ur_denial_year              integer,
    application_year            integer,
    days_ur_denial_to_decision  integer,
    priority                    varchar,
    patient_age                 integer,
    patient_age_band            varchar,
    patient_gender              varchar,
    diagnoses                   array(varchar),
    reviewer_specialty          varchar,
    reviewer_subspecialty       varchar,
    reviewer_licensed_in        varchar,
    overall_outcome             varchar,
    treatment_count             integer,
    clinical_summary            varchar,
    parser_version              varchar,
    run_id                      varchar,
    decision_year               integer
)
WITH (
    external_location = 's3://imr-lake/lake/curated/determinations/',
    format = 'PARQUET',
    partitioned_by = ARRAY['decision_year']
);

CREATE TABLE IF NOT EXISTS hive.imr.treatments (
    document_id                     varchar,
    case_id                         varchar,
    item_number                     integer,
    treatment_requested             varchar,
    treatment_category              varchar,
    decision                        varchar,
    claims_administrator_guideline  varchar,
    reviewer_guideline              varchar,
    guideline_sources               array(varchar),
    rationale                       varchar,
    decision_year                   integer
)
WITH (
    external_location = 's3://imr-lake/lake/curated/treatments/',
    format = 'PARQUET',
    partitioned_by = ARRAY['decision_year']
);

-- New decision_year folders appear as letters of new years are published:
CALL hive.system.sync_partition_metadata('imr', 'determinations', 'ADD');
CALL hive.system.sync_partition_metadata('imr', 'treatments', 'ADD');
