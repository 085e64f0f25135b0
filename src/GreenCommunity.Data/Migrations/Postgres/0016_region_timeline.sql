-- Any past day's figures of a region above county level with one primary-key descent: one row per region (level 2
-- prefecture-level, level 1 province, level 0 the country: only in a store with more than one province, where the
-- country is the root) per day on which its figures changed, holding its absolute figures from that day until its next
-- row, plus one base row per region with communities at day '0001-01-01'. The figures are the sums of its county-level
-- units' rows in county_timeline (0015) on that day, and are kept with them in the same transaction: when a county's
-- rows change from a day, the change is added to each of its ancestors' rows from that day on
-- (Data/Progress/RegionTimelineSql). Filled at start-up when empty while communities exist.
-- PostgreSQL twin of Sqlite/0016_region_timeline.sql (SQLite's WITHOUT ROWID table: the primary key's index here;
-- BIGINT as regions.level and county_timeline's figures, read as long on both engines).
CREATE TABLE region_timeline (
    level       BIGINT NOT NULL,
    region_code TEXT NOT NULL,
    day         TEXT NOT NULL,
    communities BIGINT NOT NULL,
    not_started BIGINT NOT NULL,
    pilot       BIGINT NOT NULL,
    in_progress BIGINT NOT NULL,
    accepted    BIGINT NOT NULL,
    pilots_ever BIGINT NOT NULL,
    PRIMARY KEY (level, region_code, day)
);
