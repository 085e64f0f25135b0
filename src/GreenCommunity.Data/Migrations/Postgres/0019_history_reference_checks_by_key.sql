-- 0018's statement-level check of the history's references, its lookups made by key. 0018 looked the communities and
-- the reports up with "code IN (SELECT ... FROM appended)": the write transaction keeps one plan per statement
-- (PostgresStore.WriteLockStatement) and a transition table has no statistics, so the plan PostgreSQL kept scanned
-- the whole table and hashed the appended rows. For a report of three communities the reports' lookup took 0.31 ms
-- (pg_stat_statements.track = all, docs/PERFORMANCE.md "Eleventh round") and grew with the history. The distinct keys
-- are now gathered into an array first, and each table is searched by its primary key for the array's members, whatever
-- the plan. The guarantee and the messages' wording are 0018's; where several keys are unknown, the one a message
-- names is the first of the distinct keys, where 0018 named the first appended row's.
CREATE OR REPLACE FUNCTION criterion_assessments_references_known() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    codes TEXT[];
    ids BIGINT[];
    known BIGINT;
    unknown TEXT;
BEGIN
    codes := ARRAY(SELECT DISTINCT community_code FROM appended);
    SELECT COUNT(*) INTO known FROM (SELECT 1 FROM communities c WHERE c.code = ANY(codes) FOR KEY SHARE OF c) AS locked;
    IF known < cardinality(codes) THEN
        SELECT u.code INTO unknown
          FROM unnest(codes) AS u(code) WHERE NOT EXISTS (SELECT 1 FROM communities c WHERE c.code = u.code) LIMIT 1;
        RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', TABLE = 'criterion_assessments',
            MESSAGE = format('insert on table "criterion_assessments" violates its foreign key check: community %s is not in "communities"', unknown);
    END IF;

    ids := ARRAY(SELECT DISTINCT report FROM appended);
    SELECT COUNT(*) INTO known FROM (SELECT 1 FROM reports r WHERE r.id = ANY(ids) FOR KEY SHARE OF r) AS locked;
    IF known < cardinality(ids) THEN
        SELECT CAST(u.id AS TEXT) INTO unknown
          FROM unnest(ids) AS u(id) WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.id = u.id) LIMIT 1;
        RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', TABLE = 'criterion_assessments',
            MESSAGE = format('insert on table "criterion_assessments" violates its foreign key check: report %s is not in "reports"', unknown);
    END IF;
    RETURN NULL;
END;
$$;
