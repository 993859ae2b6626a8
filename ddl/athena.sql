-- Amazon Athena (Hive DDL) external tables over the curated Hive partitions of an imr-lake.
-- Replace s3://imr-lake/lake with your lake URL. Athena skips objects whose names start
-- with "_" or "." (staged files of a commit in flight, curated/_lake/).
-- Partition projection: no MSCK REPAIR after a run adds a decision_year.
-- Consistency: Athena lists the folders, so during the seconds a commit or a compaction
-- takes, a query may see part of it (see docs/lake.md, "What readers see").

CREATE DATABASE IF NOT EXISTS imr;

CREATE EXTERNAL TABLE IF NOT EXISTS imr.determinations (
    document_id                 string,
    case_id                     string,
    layout                      string,
    injury_year                 int,
    ur_denial_year              int,
    application_year            int,
    days_ur_denial_to_decision  int,
    priority                    string,
    patient_age                 int,
    patient_age_band            string,
    patient_gender              string,
    diagnoses                   array<string>,
    reviewer_specialty          string,
    reviewer_subspecialty       string,
    reviewer_licensed_in        string,
    overall_outcome             string,
    treatment_count             int,
    clinical_summary            string,
    parser_version              string,
    run_id                      string
)
PARTITIONED BY (decision_year int)
STORED AS PARQUET
LOCATION 's3://imr-lake/lake/curated/determinations/'
TBLPROPERTIES (
    'projection.enabled' = 'true',
    'projection.decision_year.type' = 'integer',
    'projection.decision_year.range' = '2013,2099',
    'storage.location.template' = 's3://imr-lake/lake/curated/determinations/decision_year=${decision_year}/'
);

CREATE EXTERNAL TABLE IF NOT EXISTS imr.treatments (
    document_id                     string,
    case_id                         string,
    item_number                     int,
    treatment_requested             string,
    treatment_category              string,
    decision                        string,
    claims_administrator_guideline  string,
    reviewer_guideline              string,
    guideline_sources               array<string>,
    rationale                       string
)
PARTITIONED BY (decision_year int)
STORED AS PARQUET
LOCATION 's3://imr-lake/lake/curated/treatments/'
TBLPROPERTIES (
    'projection.enabled' = 'true',
    'projection.decision_year.type' = 'integer',
    'projection.decision_year.range' = '2013,2099',
    'storage.location.template' = 's3://imr-lake/lake/curated/treatments/decision_year=${decision_year}/'
);
