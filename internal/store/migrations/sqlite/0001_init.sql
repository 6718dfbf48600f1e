-- Smart Odoo schema, SQLite dialect. Keep in step with ../postgres/0001_init.sql:
-- same tables, columns and constraints; times are TEXT in the fixed-width UTC form
-- 2006-01-02T15:04:05.000000Z (so text order is time order), JSON is TEXT, booleans INTEGER 0/1.

-- +goose Up
CREATE TABLE events (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    connection_id INTEGER NOT NULL DEFAULT 0,
    source        TEXT    NOT NULL,
    model         TEXT    NOT NULL,
    record_id     INTEGER NOT NULL DEFAULT 0,
    action        TEXT    NOT NULL,
    write_date    TEXT    NOT NULL DEFAULT '',
    payload       TEXT,
    received_at   TEXT    NOT NULL,
    coalesce_key  TEXT    NOT NULL UNIQUE,
    duplicates    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_model_record ON events (model, record_id, id);
CREATE INDEX events_received_at ON events (received_at);

CREATE TABLE automation_rules (
    automation    TEXT PRIMARY KEY,
    enabled       INTEGER NOT NULL DEFAULT 0,
    auto_apply_at REAL    NOT NULL DEFAULT 0,
    schedule      TEXT,
    params        TEXT,
    updated_at    TEXT    NOT NULL,
    updated_by    TEXT    NOT NULL DEFAULT ''
);

CREATE TABLE runs (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    automation     TEXT    NOT NULL,
    run_trigger    TEXT    NOT NULL DEFAULT '',
    status         TEXT    NOT NULL,
    started_at     TEXT,
    finished_at    TEXT,
    findings       INTEGER NOT NULL DEFAULT 0,
    proposals      INTEGER NOT NULL DEFAULT 0,
    applied        INTEGER NOT NULL DEFAULT 0,
    metrics        TEXT,
    summary        TEXT    NOT NULL DEFAULT '',
    error          TEXT    NOT NULL DEFAULT '',
    tokens_input   INTEGER NOT NULL DEFAULT 0,
    tokens_output  INTEGER NOT NULL DEFAULT 0,
    progress_done  INTEGER NOT NULL DEFAULT 0,
    progress_total INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT    NOT NULL
);
CREATE INDEX runs_automation ON runs (automation, id);
CREATE INDEX runs_status ON runs (status, id);

CREATE TABLE findings (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id          INTEGER NOT NULL DEFAULT 0,
    automation      TEXT    NOT NULL,
    company_id      INTEGER NOT NULL DEFAULT 0,
    kind            TEXT    NOT NULL,
    severity        TEXT    NOT NULL,
    title           TEXT    NOT NULL,
    detail          TEXT    NOT NULL DEFAULT '',
    amount_minor    INTEGER,
    amount_currency TEXT,
    records         TEXT,
    data            TEXT,
    created_at      TEXT    NOT NULL
);
CREATE INDEX findings_automation ON findings (automation, id);
CREATE INDEX findings_run ON findings (run_id, id);
CREATE INDEX findings_kind ON findings (kind, id);

CREATE TABLE proposals (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id      INTEGER NOT NULL DEFAULT 0,
    automation  TEXT    NOT NULL,
    company_id  INTEGER NOT NULL DEFAULT 0,
    kind        TEXT    NOT NULL,
    title       TEXT    NOT NULL,
    rationale   TEXT    NOT NULL DEFAULT '',
    confidence  REAL    NOT NULL DEFAULT 0,
    calls       TEXT    NOT NULL,
    expect      TEXT,
    evidence    TEXT,
    records     TEXT,
    dedup_key   TEXT    NOT NULL DEFAULT '',
    roles       TEXT,
    status      TEXT    NOT NULL,
    outcome     TEXT    NOT NULL DEFAULT '',
    decision    TEXT,
    created_at  TEXT    NOT NULL,
    decided_at  TEXT,
    applied_at  TEXT
);
CREATE INDEX proposals_status ON proposals (status, id);
CREATE INDEX proposals_automation ON proposals (automation, id);
CREATE INDEX proposals_dedup ON proposals (dedup_key);
-- One open (pending/approved) or rejected proposal per dedup key: the database, not the
-- caller, guarantees that two runs racing on the same key create one proposal.
CREATE UNIQUE INDEX proposals_dedup_blocking ON proposals (dedup_key)
    WHERE dedup_key <> '' AND status IN ('pending', 'approved', 'rejected');

CREATE TABLE approvals (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    proposal_id INTEGER NOT NULL UNIQUE REFERENCES proposals (id) ON DELETE CASCADE,
    approve     INTEGER NOT NULL,
    actor       TEXT    NOT NULL,
    reason      TEXT    NOT NULL DEFAULT '',
    decided_at  TEXT    NOT NULL
);

CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    at            TEXT    NOT NULL,
    actor         TEXT    NOT NULL,
    run_id        INTEGER NOT NULL DEFAULT 0,
    proposal_id   INTEGER NOT NULL DEFAULT 0,
    model         TEXT    NOT NULL,
    ids           TEXT    NOT NULL,
    method        TEXT    NOT NULL,
    call_values   TEXT,
    before_values TEXT,
    after_values  TEXT,
    outcome       TEXT    NOT NULL,
    message       TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor, id);
CREATE INDEX audit_log_proposal ON audit_log (proposal_id, id);
CREATE INDEX audit_log_run ON audit_log (run_id, id);
CREATE INDEX audit_log_model ON audit_log (model, id);

-- audit_records lets "every write to res.partner 42" use an index instead of scanning ids JSON.
CREATE TABLE audit_records (
    record_id INTEGER NOT NULL,
    audit_id  INTEGER NOT NULL REFERENCES audit_log (id) ON DELETE CASCADE,
    PRIMARY KEY (record_id, audit_id)
);

CREATE TABLE api_keys (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT NOT NULL,
    role         TEXT NOT NULL,
    prefix       TEXT NOT NULL,
    hash         BLOB NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
);

CREATE TABLE odoo_connections (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    name               TEXT NOT NULL UNIQUE,
    url                TEXT NOT NULL,
    db                 TEXT NOT NULL DEFAULT '',
    login              TEXT NOT NULL DEFAULT '',
    transport          TEXT NOT NULL DEFAULT '',
    webhook_token      TEXT NOT NULL DEFAULT '',
    webhook_token_hash BLOB,
    version            TEXT NOT NULL DEFAULT '',
    created_records    TEXT,
    created_at         TEXT NOT NULL
);
CREATE UNIQUE INDEX odoo_connections_token ON odoo_connections (webhook_token_hash)
    WHERE webhook_token_hash IS NOT NULL;

CREATE TABLE watermarks (
    connection_id INTEGER NOT NULL REFERENCES odoo_connections (id) ON DELETE CASCADE,
    model         TEXT    NOT NULL,
    write_date    TEXT    NOT NULL DEFAULT '',
    record_id     INTEGER NOT NULL DEFAULT 0,
    updated_at    TEXT    NOT NULL,
    PRIMARY KEY (connection_id, model)
);

CREATE TABLE schedules (
    automation TEXT PRIMARY KEY,
    cron       TEXT    NOT NULL,
    timezone   TEXT    NOT NULL,
    enabled    INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT    NOT NULL
);

CREATE TABLE dismissals (
    automation    TEXT NOT NULL,
    dismissal_key TEXT NOT NULL,
    actor         TEXT NOT NULL DEFAULT '',
    reason        TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    PRIMARY KEY (automation, dismissal_key)
);

CREATE TABLE automation_state (
    automation TEXT NOT NULL,
    state_key  TEXT NOT NULL,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (automation, state_key)
);

CREATE TABLE points (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    series    TEXT NOT NULL,
    point_key TEXT NOT NULL DEFAULT '',
    at        TEXT NOT NULL,
    value     REAL NOT NULL,
    data      TEXT
);
CREATE INDEX points_series ON points (series, point_key, at);
CREATE INDEX points_series_at ON points (series, at);

-- +goose Down
DROP TABLE points;
DROP TABLE automation_state;
DROP TABLE dismissals;
DROP TABLE schedules;
DROP TABLE watermarks;
DROP TABLE odoo_connections;
DROP TABLE api_keys;
DROP TABLE audit_records;
DROP TABLE audit_log;
DROP TABLE approvals;
DROP TABLE proposals;
DROP TABLE findings;
DROP TABLE runs;
DROP TABLE automation_rules;
DROP TABLE events;
