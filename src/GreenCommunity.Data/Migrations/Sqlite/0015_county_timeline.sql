-- Any past day's figures per county-level unit without replaying the history: one row per county per day on which its
-- figures changed, holding the county's absolute figures from that day until its next row, plus one base row per county
-- with communities at day '0001-01-01' (every community not started). A day's figures are those of the county's row with
-- the greatest day <= that day. Derived from stage_events (a community's stage on a day is that of its latest event with
-- effective <= the day, by effective then id; pilots_ever counts communities with a stage-1 event by then) and rewritten
-- from the earliest day a report touches, in the report's transaction (Data/Progress/CountyTimelineSql). Days are the
-- ISO text of stage_events.effective. Filled at start-up when empty while communities exist.
CREATE TABLE county_timeline (
    county_code TEXT NOT NULL,
    day         TEXT NOT NULL,
    communities INTEGER NOT NULL,
    not_started INTEGER NOT NULL,
    pilot       INTEGER NOT NULL,
    in_progress INTEGER NOT NULL,
    accepted    INTEGER NOT NULL,
    pilots_ever INTEGER NOT NULL,
    PRIMARY KEY (county_code, day)
) WITHOUT ROWID;
