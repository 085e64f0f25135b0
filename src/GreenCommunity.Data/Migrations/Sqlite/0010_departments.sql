-- The provincial departments that work with the housing department (省直部门) and their yearly duty: an annual report
-- and next year's plan by 30 November (各地政府及相关省直部门每年11月30日前…报送年度工作报告及下一年度工作计划).
CREATE TABLE departments (
    code     TEXT PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE,                  -- the plan's order, which lists and the compliance view keep
    name     TEXT NOT NULL,                            -- Chinese, as the plan names it
    name_en  TEXT NOT NULL
) WITHOUT ROWID;

INSERT INTO departments (code, position, name, name_en) VALUES
    ('fgw',  1, '省发展改革委', 'Provincial Development and Reform Commission'),
    ('mz',   2, '省民政厅',     'Department of Civil Affairs'),
    ('ga',   3, '省公安厅',     'Department of Public Security'),
    ('sthj', 4, '省生态环境厅', 'Department of Ecology and Environment'),
    ('scjg', 5, '省市场监管局', 'Administration for Market Regulation');

-- A department's account: role 'department' with its department. SQLite cannot change a CHECK, so users is rebuilt with
-- every column, row and id kept. Foreign keys are on and cannot be turned off inside the migration's transaction, and
-- dropping a parent with children fails even when deferred: the rows that reference users (sign_in_failures) are set
-- aside first and put back after. The new table is renamed to users, never the old one away from it, so that the
-- references of other tables keep naming users.
CREATE TEMP TABLE sign_in_failures_aside AS SELECT * FROM sign_in_failures;
DELETE FROM sign_in_failures;

CREATE TABLE users_rebuilt (
    id                   INTEGER PRIMARY KEY,
    user_name            TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name         TEXT NOT NULL,
    role                 TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'viewer', 'department')),
    locality             TEXT,                     -- a coordinator's locality
    password_hash        TEXT NOT NULL,            -- ASP.NET Core Identity PasswordHasher (PBKDF2)
    disabled             INTEGER NOT NULL DEFAULT 0,
    security_stamp       TEXT NOT NULL,            -- changes when the account is disabled: old sessions end
    created_at           TEXT NOT NULL,
    last_sign_in_at      TEXT,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    department           TEXT REFERENCES departments (code),   -- a department account's department
    CHECK ((role = 'coordinator') = (locality IS NOT NULL)),
    CHECK ((role = 'department') = (department IS NOT NULL))
);

INSERT INTO users_rebuilt (id, user_name, display_name, role, locality, password_hash, disabled, security_stamp, created_at, last_sign_in_at, must_change_password)
SELECT id, user_name, display_name, role, locality, password_hash, disabled, security_stamp, created_at, last_sign_in_at, must_change_password FROM users;

DROP TABLE users;
ALTER TABLE users_rebuilt RENAME TO users;

INSERT INTO sign_in_failures SELECT * FROM sign_in_failures_aside;
DROP TABLE sign_in_failures_aside;

-- What each department sent, exactly as sent. All are kept; a page shows the latest of a (department, year, kind) and
-- the compliance view counts the first, as with the localities' reports. year is the year whose 30 November the text
-- is due by: an annual report reports on that year, a plan ('plan') plans the year after it (year + 1).
CREATE TABLE department_submissions (
    id            INTEGER PRIMARY KEY,
    submission_id TEXT NOT NULL UNIQUE,                -- the public id
    department    TEXT NOT NULL REFERENCES departments (code),
    year          INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('annual', 'plan')),
    text          TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 100000),
    submitted_at  TEXT NOT NULL,                       -- ISO 8601 with offset
    submitted_by  TEXT NOT NULL,                       -- the audit actor: 'user:dept-fgw'
    on_time       INTEGER NOT NULL CHECK (on_time IN (0, 1))   -- by 30 November 23:59:59 CST of year
);

CREATE INDEX ix_department_submissions_duty ON department_submissions (department, year, kind, submitted_at);
