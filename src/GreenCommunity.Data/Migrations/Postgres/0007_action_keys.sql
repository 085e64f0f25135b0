-- Idempotency keys of writes other than reports (acceptance requests, inspections, bulletins, ...): each is remembered
-- with the answer it got, in the write's own transaction, so a retry gets that answer back and never writes twice.
-- PostgreSQL twin of Sqlite/0007_action_keys.sql.
CREATE TABLE action_keys (
    client       TEXT NOT NULL,                -- whose key: 'token:<id>', 'user:<name>'
    key          TEXT NOT NULL,
    action       TEXT NOT NULL,                -- 'acceptance.request', 'inspection.record', ...
    request_hash TEXT NOT NULL,                -- SHA-256 of the action's name and request body, hex
    status       BIGINT NOT NULL,              -- the HTTP status first answered (201, 200)
    location     TEXT,                         -- the Location first answered
    response     TEXT NOT NULL,                -- the JSON first answered
    created_at   TEXT NOT NULL,
    PRIMARY KEY (client, key)
);
