-- Demonstration bases (示范教育基地) and practices others can copy (可复制、可推广的经验做法), issue 14.
-- A base is designated and withdrawn by the province. Withdrawing sets withdrawn_at and keeps the row, so the table
-- shows who designated and who withdrew each base and why. A community holds at most one current designation (the
-- unique index below); a withdrawn base may be designated again as a new row.
CREATE TABLE demonstration_bases (
    id                INTEGER PRIMARY KEY,
    community_code    TEXT NOT NULL REFERENCES communities (code),
    locality_code     TEXT NOT NULL,                   -- the community's, kept for the locality's lists and the map
    county_code       TEXT NOT NULL,                   -- the community's, for the locality map's districts
    description       TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
    designated_on     TEXT NOT NULL,                   -- YYYY-MM-DD, the day in China
    designated_by     TEXT NOT NULL,                   -- the audit actor: 'user:admin', 'token:1', 'demo'
    designated_at     TEXT NOT NULL,
    withdrawn_at      TEXT,                            -- null while it is a base
    withdrawn_by      TEXT,
    withdrawal_reason TEXT CHECK (withdrawal_reason IS NULL OR length(withdrawal_reason) <= 500)
);

CREATE UNIQUE INDEX ux_demonstration_bases_current ON demonstration_bases (community_code) WHERE withdrawn_at IS NULL;
CREATE INDEX ix_demonstration_bases_locality ON demonstration_bases (locality_code, community_code);

CREATE TABLE practices (
    id             INTEGER PRIMARY KEY,
    practice_id    TEXT NOT NULL UNIQUE,               -- the public id: '<locality>-<n>', e.g. '420100-3'
    locality_code  TEXT NOT NULL,
    title          TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    description    TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
    community_code TEXT REFERENCES communities (code), -- optional: a community of the same locality where it was done
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL
);

CREATE INDEX ix_practices_locality ON practices (locality_code, id);
