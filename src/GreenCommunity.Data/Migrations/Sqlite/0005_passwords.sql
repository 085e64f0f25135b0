-- Passwords an administrator set must be changed by their owner; wrong passwords lock an account for one source
-- address only, so that an attacker elsewhere cannot lock the real user out.
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users DROP COLUMN failed_sign_ins;
ALTER TABLE users DROP COLUMN locked_until;

CREATE TABLE sign_in_failures (
    user_id        INTEGER NOT NULL REFERENCES users (id),
    address        TEXT NOT NULL,                  -- the client's address; '' when it is unknown
    failures       INTEGER NOT NULL,               -- wrong passwords in a row from this address
    locked_until   TEXT,                           -- set at the limit: this address may not try this account before then
    last_failed_at TEXT NOT NULL,
    PRIMARY KEY (user_id, address)
) WITHOUT ROWID;

CREATE INDEX ix_sign_in_failures_last ON sign_in_failures (last_failed_at);
