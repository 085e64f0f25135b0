-- Any past day's figures per county-level unit without replaying the history: one row per county per day on which its
-- figures changed, holding the county's absolute figures from that day until its next row, plus one base row per county
-- with communities at day '0001-01-01' (every community not started). A day's figures are those of the county's row with
-- the greatest day <= that day. Derived from stage_events (a community's stage on a day is that of its latest event with
-- effective <= the day, by effective then id; pilots_ever counts communities with a stage-1 event by then) and rewritten
-- from the earliest day a report touches, in the report's transaction (Data/Progress/CountyTimelineSql). Days are the
-- ISO text of stage_events.effective (compared as text: the database's C collation orders them by byte). Filled at
-- start-up when empty while communities exist.
-- PostgreSQL twin of Sqlite/0015_county_timeline.sql (SQLite's WITHOUT ROWID table: the primary key's index here).
CREATE TABLE county_timeline (
    county_code TEXT NOT NULL,
    day         TEXT NOT NULL,
    communities BIGINT NOT NULL,
    not_started BIGINT NOT NULL,
    pilot       BIGINT NOT NULL,
    in_progress BIGINT NOT NULL,
    accepted    BIGINT NOT NULL,
    pilots_ever BIGINT NOT NULL,
    PRIMARY KEY (county_code, day)
);
