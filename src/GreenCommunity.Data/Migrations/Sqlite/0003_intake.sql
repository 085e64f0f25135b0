-- Intake: API tokens (stored only as hashes) and idempotency keys.
CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    scope        TEXT NOT NULL,                -- 'province' or a locality code
    token_hash   TEXT NOT NULL UNIQUE,         -- SHA-256 of the token, hex
    created_at   TEXT NOT NULL,
    revoked_at   TEXT,
    last_used_at TEXT
);

-- A key is remembered with the report it created, in the same transaction as the report,
-- so a retried request never applies twice and an acknowledged one is always found again.
CREATE TABLE idempotency_keys (
    client       TEXT NOT NULL,                -- whose key: 'token:<id>', 'user:<name>', ...
    key          TEXT NOT NULL,
    request_hash TEXT NOT NULL,                -- SHA-256 of the request body, hex
    report       INTEGER NOT NULL REFERENCES reports (id) DEFERRABLE INITIALLY DEFERRED,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (client, key)
);
