-- community_criteria is the present derived from the history: the intake writes its rows in the report's transaction
-- from the criterion_assessments rows it has just appended (and the national demo as the intake would), and nothing
-- else writes it. Those rows already reference their community, and the history is append-only, so the two foreign keys
-- here could never fail; PostgreSQL still checked both for every row, one query each (160,000 for a report of 5,000
-- communities' 16 criteria: over half of the present's upsert, docs/PERFORMANCE.md "Fifth round").
ALTER TABLE community_criteria DROP CONSTRAINT IF EXISTS community_criteria_community_code_fkey;
ALTER TABLE community_criteria DROP CONSTRAINT IF EXISTS community_criteria_assessment_id_fkey;
