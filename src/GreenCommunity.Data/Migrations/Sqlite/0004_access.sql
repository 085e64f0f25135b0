-- Access control: accounts, kinds of token, and the audit log of every write.
ALTER TABLE api_tokens ADD COLUMN kind TEXT NOT NULL DEFAULT 'api' CHECK (kind IN ('api', 'display'));

CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    user_name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name    TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'viewer')),
    locality        TEXT,                          -- a coordinator's locality
    password_hash   TEXT NOT NULL,                 -- ASP.NET Core Identity PasswordHasher (PBKDF2)
    disabled        INTEGER NOT NULL DEFAULT 0,
    failed_sign_ins INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT,
    security_stamp  TEXT NOT NULL,                 -- changes when the account is disabled: old sessions end
    created_at      TEXT NOT NULL,
    last_sign_in_at TEXT,
    CHECK ((role = 'coordinator') = (locality IS NOT NULL))
);

CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,                         -- ISO 8601 UTC
    actor   TEXT NOT NULL,                         -- 'user:wuhan', 'token:7', 'display:3', 'anonymous'
    address TEXT,
    action  TEXT NOT NULL,                         -- 'report.submit', 'account.create', 'sign-in', ...
    target  TEXT,                                  -- a report id, a user name, a token id, a locality
    outcome TEXT NOT NULL CHECK (outcome IN ('allowed', 'refused', 'failed')),
    detail  TEXT
);

CREATE INDEX ix_audit_log_at ON audit_log (at);
CREATE INDEX ix_audit_log_actor ON audit_log (actor, at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
