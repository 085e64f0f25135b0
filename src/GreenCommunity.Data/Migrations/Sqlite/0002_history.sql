-- The history: every report as received, and the append-only stage and criterion rows it caused.
CREATE TABLE reports (
    id              INTEGER PRIMARY KEY,          -- receipt order: later id = received later
    report_id       TEXT NOT NULL UNIQUE,
    locality_code   TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('monthly', 'annual', 'plan')),
    period          TEXT NOT NULL,
    submitted_by    TEXT NOT NULL,
    submitter_scope TEXT NOT NULL,                -- 'province' or the locality code of the token
    narrative       TEXT,
    received_at     TEXT NOT NULL,                -- ISO 8601 UTC
    deadline        TEXT NOT NULL,                -- ISO 8601, China Standard Time
    on_time         INTEGER NOT NULL,
    applied         INTEGER NOT NULL,             -- number of communities the report changed
    body            TEXT NOT NULL                 -- the report as accepted (JSON)
);

CREATE INDEX ix_reports_locality_period ON reports (locality_code, kind, period);

CREATE TABLE stage_events (
    id             INTEGER PRIMARY KEY,
    community_code TEXT NOT NULL REFERENCES communities (code),
    stage          INTEGER NOT NULL CHECK (stage BETWEEN 0 AND 3),
    effective      TEXT NOT NULL,                 -- yyyy-MM-dd, China Standard Time
    report         INTEGER NOT NULL REFERENCES reports (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE INDEX ix_stage_events_community ON stage_events (community_code, effective, id);
CREATE INDEX ix_stage_events_effective ON stage_events (effective);

CREATE TABLE criterion_assessments (
    id             INTEGER PRIMARY KEY,
    community_code TEXT NOT NULL REFERENCES communities (code),
    criterion      INTEGER NOT NULL CHECK (criterion BETWEEN 1 AND 16),
    value          REAL NOT NULL,
    met            INTEGER NOT NULL,
    effective      TEXT NOT NULL,
    report         INTEGER NOT NULL REFERENCES reports (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE INDEX ix_criterion_assessments_community ON criterion_assessments (community_code, criterion, effective, id);
CREATE INDEX ix_criterion_assessments_effective ON criterion_assessments (effective);

-- The present, kept in step with the history inside the same transaction.
CREATE TABLE community_state (
    community_code TEXT PRIMARY KEY REFERENCES communities (code),
    stage          INTEGER NOT NULL DEFAULT 0,
    pilot          INTEGER NOT NULL DEFAULT 0,    -- 1 once the community has ever been a pilot
    effective      TEXT,
    event_id       INTEGER REFERENCES stage_events (id)
);

CREATE TABLE community_criteria (
    community_code TEXT NOT NULL REFERENCES communities (code),
    criterion      INTEGER NOT NULL,
    value          REAL NOT NULL,
    met            INTEGER NOT NULL,
    effective      TEXT NOT NULL,
    assessment_id  INTEGER NOT NULL REFERENCES criterion_assessments (id),
    PRIMARY KEY (community_code, criterion)
);

-- The history is append-only: nothing rewrites or removes what a report said.
CREATE TRIGGER reports_no_update BEFORE UPDATE ON reports BEGIN SELECT RAISE(ABORT, 'reports are append-only'); END;
CREATE TRIGGER reports_no_delete BEFORE DELETE ON reports BEGIN SELECT RAISE(ABORT, 'reports are append-only'); END;
CREATE TRIGGER stage_events_no_update BEFORE UPDATE ON stage_events BEGIN SELECT RAISE(ABORT, 'stage_events are append-only'); END;
CREATE TRIGGER stage_events_no_delete BEFORE DELETE ON stage_events BEGIN SELECT RAISE(ABORT, 'stage_events are append-only'); END;
CREATE TRIGGER criterion_assessments_no_update BEFORE UPDATE ON criterion_assessments BEGIN SELECT RAISE(ABORT, 'criterion_assessments are append-only'); END;
CREATE TRIGGER criterion_assessments_no_delete BEFORE DELETE ON criterion_assessments BEGIN SELECT RAISE(ABORT, 'criterion_assessments are append-only'); END;
