-- PostgreSQL's 0019 makes its statement-level check of the history's references search by key. SQLite keeps the
-- foreign keys 0018 left it, each check already an index lookup: nothing to change here.
SELECT 1;
