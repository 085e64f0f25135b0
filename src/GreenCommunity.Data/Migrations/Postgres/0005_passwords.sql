-- Passwords an administrator set must be changed by their owner; wrong passwords lock an account for one source
-- address only, so that an attacker elsewhere cannot lock the real user out.
-- PostgreSQL twin of Sqlite/0005_passwords.sql (SQLite's WITHOUT ROWID has no counterpart or need here).
ALTER TABLE users ADD COLUMN must_change_password BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users DROP COLUMN failed_sign_ins;
ALTER TABLE users DROP COLUMN locked_until;

CREATE TABLE sign_in_failures (
    user_id        BIGINT NOT NULL REFERENCES users (id),
    address        TEXT NOT NULL,                  -- the client's address; '' when it is unknown
    failures       BIGINT NOT NULL,                -- wrong passwords in a row from this address
    locked_until   TEXT,                           -- set at the limit: this address may not try this account before then
    last_failed_at TEXT NOT NULL,
    PRIMARY KEY (user_id, address)
);

CREATE INDEX ix_sign_in_failures_last ON sign_in_failures (last_failed_at);
