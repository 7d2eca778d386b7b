-- Monitor schema, PostgreSQL 15. Applied once by PostgresMigrator (recorded in schema_migrations).
-- Enums are stored as their names (text), so adding a member needs no migration.
-- Every inbound row keeps the fingerprint of its first version: a redelivery is told from a conflicting reuse of its id.

-- 访企拓岗走访: visit ids are the producer's and unique across institutions.
CREATE TABLE visits (
    visit_id             text        PRIMARY KEY,
    institution_id       text        NOT NULL,
    tier                 text        NOT NULL,
    unit_code            text,
    employer_name        text        NOT NULL,
    employer_credit_code text,
    visited_on           date        NOT NULL,
    mode                 text        NOT NULL,
    positions_opened     integer     NOT NULL,
    fingerprint          text        NOT NULL,
    recorded_at          timestamptz NOT NULL
);

CREATE INDEX visits_institution_visited_on ON visits (institution_id, visited_on);

-- No foreign key to visits: a cancellation may arrive before its visit and applies when the visit arrives.
CREATE TABLE visit_cancellations (
    visit_id       text        PRIMARY KEY,
    institution_id text        NOT NULL,
    reason         text        NOT NULL,
    cancelled_at   timestamptz NOT NULL
);

-- 毕业生名册.
CREATE TABLE graduates (
    institution_id text        NOT NULL,
    cohort_year    integer     NOT NULL,
    graduate_id    text        NOT NULL,
    unit_code      text        NOT NULL,
    major          text,
    disadvantaged  text[]      NOT NULL,
    fingerprint    text        NOT NULL,
    received_at    timestamptz NOT NULL,
    PRIMARY KEY (institution_id, cohort_year, graduate_id)
);

-- No foreign key to graduates: a withdrawal is kept even when the graduate is not registered yet.
CREATE TABLE graduate_withdrawals (
    institution_id text        NOT NULL,
    cohort_year    integer     NOT NULL,
    graduate_id    text        NOT NULL,
    reason         text        NOT NULL,
    fingerprint    text        NOT NULL,
    received_at    timestamptz NOT NULL,
    PRIMARY KEY (institution_id, cohort_year, graduate_id)
);

-- 毕业去向: every report is kept; the latest by effective_on, reported_at, report_id is the graduate's status.
-- No foreign key to graduates: reports for graduates not registered yet are counted as orphans, never dropped.
CREATE TABLE destination_reports (
    report_id            text        PRIMARY KEY,
    institution_id       text        NOT NULL,
    cohort_year          integer     NOT NULL,
    graduate_id          text        NOT NULL,
    destination          text        NOT NULL,
    effective_on         date        NOT NULL,
    reported_at          timestamptz NOT NULL,
    employer_name        text,
    employer_credit_code text,
    fingerprint          text        NOT NULL,
    received_at          timestamptz NOT NULL
);

CREATE INDEX destination_reports_cohort ON destination_reports (institution_id, cohort_year);

-- What has been announced per target and scope; version is the optimistic concurrency token.
CREATE TABLE alert_state (
    target_id         text        NOT NULL,
    scope_key         text        NOT NULL,
    status            text        NOT NULL,
    status_since      timestamptz NOT NULL,
    transitions       integer     NOT NULL,
    reminders         integer     NOT NULL,
    last_notified_at  timestamptz,
    candidate_status  text,
    candidate_since   timestamptz,
    last_actual       numeric     NOT NULL,
    last_evaluated_at timestamptz NOT NULL,
    version           bigint      NOT NULL,
    PRIMARY KEY (target_id, scope_key)
);

-- The outbox: written in the transaction that saves the state change, published by the relay.
CREATE TABLE alerts (
    alert_id     uuid        PRIMARY KEY,
    target_id    text        NOT NULL,
    scope_key    text        NOT NULL,
    payload      jsonb       NOT NULL,
    created_at   timestamptz NOT NULL,
    published_at timestamptz
);

CREATE INDEX alerts_unpublished ON alerts (created_at, alert_id) WHERE published_at IS NULL;
CREATE INDEX alerts_target ON alerts (target_id, created_at, alert_id);
