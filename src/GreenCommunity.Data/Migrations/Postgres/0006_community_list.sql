-- The community list (issue 12): what each row shows and is filtered and sorted by, kept on the present state so that a
-- page at national size reads one row per community instead of its history. The report writer keeps these in step in
-- the report's own transaction (Reports/CommunityListUpkeepSql); this script fills them from the history once.
-- PostgreSQL twin of Sqlite/0006_community_list.sql: the same backfill, in PostgreSQL's dialect (a flag is tested as
-- met <> 0, the shift is on a BIGINT, and every derived table has an alias).
ALTER TABLE community_state ADD COLUMN criteria_met BIGINT NOT NULL DEFAULT 0;        -- criteria met now, 0..16
ALTER TABLE community_state ADD COLUMN met_mask BIGINT NOT NULL DEFAULT 0;            -- bit n-1 set while criterion n is met
ALTER TABLE community_state ADD COLUMN c12 DOUBLE PRECISION;                          -- criterion 12's share now; null until assessed
ALTER TABLE community_state ADD COLUMN last_report BIGINT REFERENCES reports (id) DEFERRABLE INITIALLY DEFERRED;  -- the last report received that named the community
ALTER TABLE community_state ADD COLUMN last_change TEXT;                              -- latest effective day its stage or a criterion's value changed

UPDATE community_state AS s
   SET criteria_met = x.met, met_mask = x.mask, c12 = x.c12
  FROM (SELECT community_code,
               SUM(met) AS met,
               SUM(CASE WHEN met <> 0 THEN 1::BIGINT << (criterion - 1)::INTEGER ELSE 0 END) AS mask,
               MAX(CASE WHEN criterion = 12 THEN value END) AS c12
          FROM community_criteria GROUP BY community_code) AS x
 WHERE x.community_code = s.community_code;

UPDATE community_state AS s
   SET last_report = x.report
  FROM (SELECT community_code, MAX(report) AS report FROM (
            SELECT community_code, report FROM stage_events
            UNION ALL
            SELECT community_code, report FROM criterion_assessments) AS named
         GROUP BY community_code) AS x
 WHERE x.community_code = s.community_code;

-- A change: a stage other than the one before it (the first one other than not started), a value other than the one before.
UPDATE community_state AS s
   SET last_change = x.day
  FROM (SELECT community_code, MAX(effective) AS day FROM (
            SELECT community_code, effective FROM (
                SELECT community_code, effective, stage,
                       LAG(stage, 1, 0::BIGINT) OVER (PARTITION BY community_code ORDER BY effective, id) AS before
                  FROM stage_events) AS stages
             WHERE stage <> before
            UNION ALL
            SELECT community_code, effective FROM (
                SELECT community_code, effective, value,
                       LAG(value) OVER (PARTITION BY community_code, criterion ORDER BY effective, id) AS before
                  FROM criterion_assessments) AS assessments
             WHERE before IS NULL OR value <> before) AS changes
         GROUP BY community_code) AS x
 WHERE x.community_code = s.community_code;

-- The backfill queued the checks of last_report's deferred foreign key, and PostgreSQL will not index a table with
-- checks pending in the transaction: run them now (for the rest of this migration's transaction only).
SET CONSTRAINTS ALL IMMEDIATE;

-- The orders a page is read in, each ending in the code as the list's ties do, so that a page (even a deep one) walks an
-- index instead of sorting every community; and the filters that narrow by an equal value. A part of a name, a mask
-- or a share scans: at national size (124,649 communities) such a scan stays within a page's budget
-- (docs/benchmarks-community-list.md).
CREATE INDEX ix_community_state_stage ON community_state (stage, community_code);
CREATE INDEX ix_community_state_since ON community_state (effective, community_code);
CREATE INDEX ix_community_state_met ON community_state (criteria_met, community_code);
CREATE INDEX ix_community_state_last_report ON community_state (last_report, community_code);
CREATE INDEX ix_communities_name ON communities (name, code);
CREATE INDEX ix_communities_county_code ON communities (county_code, code);
CREATE INDEX ix_communities_town ON communities (town_code, code);
