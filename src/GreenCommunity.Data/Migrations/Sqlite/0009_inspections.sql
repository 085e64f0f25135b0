-- Unannounced inspections (暗访督查): the province's visit to a community, its findings per criterion, and the
-- locality's answer to each finding. A finding is open while it is not met and not answered as rectified.
CREATE TABLE inspections (
    id             INTEGER PRIMARY KEY,
    inspection_id  TEXT NOT NULL UNIQUE,               -- the public id
    community_code TEXT NOT NULL REFERENCES communities (code),
    locality_code  TEXT NOT NULL,                      -- the community's, kept for the locality's lists
    visited_on     TEXT NOT NULL,                      -- YYYY-MM-DD
    inspectors     TEXT NOT NULL,
    rectify_by     TEXT,                               -- YYYY-MM-DD; when a not-met finding must be rectified
    recorded_at    TEXT NOT NULL,
    recorded_by    TEXT NOT NULL                       -- the audit actor: 'user:admin', 'token:1'
);

CREATE INDEX ix_inspections_locality ON inspections (locality_code, visited_on);
CREATE INDEX ix_inspections_community ON inspections (community_code);

CREATE TABLE inspection_findings (
    inspection         INTEGER NOT NULL REFERENCES inspections (id),
    criterion          INTEGER NOT NULL CHECK (criterion BETWEEN 1 AND 16),
    met                INTEGER NOT NULL CHECK (met IN (0, 1)),
    note               TEXT,
    rectified_on       TEXT,                           -- YYYY-MM-DD, the locality's answer: rectified on this day
    rectification_note TEXT,
    answered_at        TEXT,
    answered_by        TEXT,
    PRIMARY KEY (inspection, criterion)
);
