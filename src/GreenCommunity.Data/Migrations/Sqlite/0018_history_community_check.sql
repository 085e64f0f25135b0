-- PostgreSQL's 0018 checks the history's reference to communities once a statement instead of once a row, for its cost
-- (docs/PERFORMANCE.md "Ninth round"). SQLite keeps the foreign key: there its check is an index lookup in the same
-- process, and SQLite has no statement-level triggers. The guarantee is the same on both engines: an assessment of an
-- unknown community is refused, and a community that has history can be neither deleted nor given another code.
SELECT 1;
