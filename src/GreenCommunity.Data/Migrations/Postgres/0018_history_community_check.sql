-- The history's reference to its community, checked once a statement instead of once a row. A report is judged against
-- communities before it is written (each named community known and in the sender's scope), so the key from every
-- criterion_assessments row to communities is a backstop; PostgreSQL checked it one query and one row lock per row,
-- 80,000 for a report of 5,000 communities' 16 criteria: 0.25-0.3 s of the 2 s such a report may take
-- (docs/PERFORMANCE.md "Ninth round"). The guarantee stays the same:
-- - rows appended to the history (INSERT or COPY) whose community is unknown are refused, with the key's SQLSTATE 23503,
--   and the communities they name are locked FOR KEY SHARE until the transaction ends, as the key locked them, so a
--   concurrent deletion waits for the report and then sees its rows;
-- - a community that has history can be neither deleted nor given another code.
-- The history is append-only (0002 refuses UPDATE and DELETE), so inserted rows are the only ones to check.
-- SQLite keeps the key: its check is an index lookup in the same process, and it has no statement-level triggers.
ALTER TABLE criterion_assessments DROP CONSTRAINT IF EXISTS criterion_assessments_community_code_fkey;

CREATE FUNCTION criterion_assessments_communities_known() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    named BIGINT;
    known BIGINT;
    unknown TEXT;
BEGIN
    SELECT COUNT(DISTINCT community_code) INTO named FROM appended;
    SELECT COUNT(*) INTO known
      FROM (SELECT 1 FROM communities c WHERE c.code IN (SELECT community_code FROM appended) FOR KEY SHARE OF c) AS locked;
    IF known < named THEN
        SELECT a.community_code INTO unknown
          FROM appended a WHERE NOT EXISTS (SELECT 1 FROM communities c WHERE c.code = a.community_code) LIMIT 1;
        RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', TABLE = 'criterion_assessments',
            MESSAGE = format('criterion_assessments: community %s is not in communities', COALESCE(unknown, '(null)'));
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER criterion_assessments_communities_known AFTER INSERT ON criterion_assessments
    REFERENCING NEW TABLE AS appended FOR EACH STATEMENT EXECUTE FUNCTION criterion_assessments_communities_known();

CREATE FUNCTION communities_keep_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (TG_OP = 'DELETE' OR NEW.code IS DISTINCT FROM OLD.code)
       AND EXISTS (SELECT 1 FROM criterion_assessments WHERE community_code = OLD.code) THEN
        RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', TABLE = 'communities',
            MESSAGE = format('communities: %s has criterion assessments in the history', OLD.code);
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END;
$$;

CREATE TRIGGER communities_keep_history BEFORE DELETE OR UPDATE OF code ON communities
    FOR EACH ROW EXECUTE FUNCTION communities_keep_history();
