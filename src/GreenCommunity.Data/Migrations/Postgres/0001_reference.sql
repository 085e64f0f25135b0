-- Reference data: Hubei's divisions and its urban communities (社区居委会).
-- A code may stand at two levels: the province-administered units (仙桃 429004 …) are both a
-- prefecture-level locality and their own county-level unit.
-- PostgreSQL twin of Sqlite/0001_reference.sql: SQLite INTEGER is BIGINT here, so that both engines hand Int64 back.
CREATE TABLE regions (
    code        TEXT NOT NULL,
    level       BIGINT NOT NULL CHECK (level IN (1, 2, 3)),
    name        TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    parent_code TEXT,
    PRIMARY KEY (code, level)
);

-- A PRIMARY KEY is NOT NULL here; SQLite's (a rowid table's TEXT key) would let a NULL in.
CREATE TABLE communities (
    code          TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    county_code   TEXT NOT NULL,
    locality_code TEXT NOT NULL,
    town_code     TEXT NOT NULL,
    town_name     TEXT NOT NULL
);

CREATE INDEX ix_communities_county ON communities (county_code);
CREATE INDEX ix_communities_locality ON communities (locality_code);
