-- community_criteria is the present derived from the history: the intake writes its rows in the report's transaction
-- from the criterion_assessments rows it has just appended, and nothing else writes it. Those rows already reference
-- their community, and the history is append-only, so its two foreign keys could never fail (PostgreSQL's 0017 drops
-- them for their cost, docs/PERFORMANCE.md "Fifth round"). SQLite cannot drop a foreign key: the table is rebuilt, the
-- same but for them, so that both engines keep one schema.
CREATE TABLE community_criteria_present (
    community_code TEXT NOT NULL,
    criterion      INTEGER NOT NULL,
    value          REAL NOT NULL,
    met            INTEGER NOT NULL,
    effective      TEXT NOT NULL,
    assessment_id  INTEGER NOT NULL,
    PRIMARY KEY (community_code, criterion)
);
INSERT INTO community_criteria_present (community_code, criterion, value, met, effective, assessment_id)
SELECT community_code, criterion, value, met, effective, assessment_id FROM community_criteria;
DROP TABLE community_criteria;
ALTER TABLE community_criteria_present RENAME TO community_criteria;
