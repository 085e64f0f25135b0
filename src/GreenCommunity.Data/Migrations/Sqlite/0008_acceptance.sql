-- Acceptance review (验收): a locality applies for the communities it judges ready; the province reviews each against the
-- 16 criteria and accepts or returns it. An accepted one enters 已验收 through the province's report, stored in the same
-- transaction as the decision (decision.report).
CREATE TABLE acceptance_requests (
    id            INTEGER PRIMARY KEY,
    request_id    TEXT NOT NULL UNIQUE,               -- the public id
    locality_code TEXT NOT NULL,
    note          TEXT,
    requested_at  TEXT NOT NULL,                      -- ISO 8601 UTC
    requested_by  TEXT NOT NULL,                      -- the audit actor: 'user:wuhan', 'token:3'
    decided_at    TEXT                                -- when its last community was decided
);

CREATE INDEX ix_acceptance_requests_locality ON acceptance_requests (locality_code, id);
CREATE INDEX ix_acceptance_requests_pending ON acceptance_requests (decided_at, id);

CREATE TABLE acceptance_request_communities (
    request        INTEGER NOT NULL REFERENCES acceptance_requests (id),
    position       INTEGER NOT NULL,                  -- the order in the application
    community_code TEXT NOT NULL REFERENCES communities (code),
    accepted       INTEGER CHECK (accepted IN (0, 1)), -- NULL while waiting for the province
    review         TEXT,                              -- the 16 criteria as reviewed, JSON {"1":{"met":true,"remark":null},...}
    reason         TEXT,
    decided_at     TEXT,
    decided_by     TEXT,
    report         INTEGER REFERENCES reports (id),   -- the province's report that made it 已验收
    PRIMARY KEY (request, community_code)
);

-- A community waits in at most one request at a time.
CREATE UNIQUE INDEX ux_acceptance_waiting ON acceptance_request_communities (community_code) WHERE accepted IS NULL;
CREATE INDEX ix_acceptance_community ON acceptance_request_communities (community_code, request);
