-- The history's references to its community and to its report, checked once a statement instead of once a row. A
-- report is judged against communities before it is written (each named community known and in the sender's scope),
-- and its own row is written before its history, so the two keys from every criterion_assessments row are a backstop;
-- PostgreSQL checked each one query per row, 80,000 of each for a report of 5,000 communities' 16 criteria, the report's
-- deferred to its COMMIT: together about half a second of the 2 s such a report may take (docs/PERFORMANCE.md
-- "Ninth round"). The guarantee stays the same:
-- - rows appended to the history (INSERT or COPY) whose community or report is unknown are refused, with the keys'
--   SQLSTATE 23503, and the communities and reports they name are locked FOR KEY SHARE until the transaction ends, as
--   the keys locked them, so that a concurrent deletion waits for the report and then sees its rows;
-- - a community that has history can be neither deleted nor given another code (reports are append-only since 0002).
-- The report's key was deferred because a large report's rows were copied before its own row; the writer now writes
-- that row first. The history is append-only (0002 refuses UPDATE and DELETE), so inserted rows are the only ones to
-- check. SQLite keeps both keys: its checks are index lookups in the same process, and it has no statement triggers.
ALTER TABLE criterion_assessments DROP CONSTRAINT IF EXISTS criterion_assessments_community_code_fkey;
ALTER TABLE criterion_assessments DROP CONSTRAINT IF EXISTS criterion_assessments_report_fkey;

CREATE FUNCTION criterion_assessments_references_known() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    named BIGINT;
    known BIGINT;
    unknown TEXT;
BEGIN
    SELECT COUNT(*) INTO named FROM (SELECT DISTINCT community_code FROM appended) AS d;
    SELECT COUNT(*) INTO known
      FROM (SELECT 1 FROM communities c WHERE c.code IN (SELECT community_code FROM appended) FOR KEY SHARE OF c) AS locked;
    IF known < named THEN
        SELECT a.community_code INTO unknown
          FROM appended a WHERE NOT EXISTS (SELECT 1 FROM communities c WHERE c.code = a.community_code) LIMIT 1;
        RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', TABLE = 'criterion_assessments',
            MESSAGE = format('insert on table "criterion_assessments" violates its foreign key check: community %s is not in "communities"', unknown);
    END IF;

    SELECT COUNT(*) INTO named FROM (SELECT DISTINCT report FROM appended) AS d;
    SELECT COUNT(*) INTO known
      FROM (SELECT 1 FROM reports r WHERE r.id IN (SELECT report FROM appended) FOR KEY SHARE OF r) AS locked;
    IF known < named THEN
        SELECT CAST(a.report AS TEXT) INTO unknown
          FROM appended a WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.id = a.report) LIMIT 1;
        RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', TABLE = 'criterion_assessments',
            MESSAGE = format('insert on table "criterion_assessments" violates its foreign key check: report %s is not in "reports"', unknown);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER criterion_assessments_references_known AFTER INSERT ON criterion_assessments
    REFERENCING NEW TABLE AS appended FOR EACH STATEMENT EXECUTE FUNCTION criterion_assessments_references_known();

CREATE FUNCTION communities_keep_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (TG_OP = 'DELETE' OR NEW.code IS DISTINCT FROM OLD.code)
       AND EXISTS (SELECT 1 FROM criterion_assessments WHERE community_code = OLD.code) THEN
        RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', TABLE = 'communities',
            MESSAGE = format('delete or update on table "communities" violates the foreign key check of "criterion_assessments": %s has history', OLD.code);
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END;
$$;

CREATE TRIGGER communities_keep_history BEFORE DELETE OR UPDATE OF code ON communities
    FOR EACH ROW EXECUTE FUNCTION communities_keep_history();
