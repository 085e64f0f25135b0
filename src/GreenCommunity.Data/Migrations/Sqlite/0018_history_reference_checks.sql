-- PostgreSQL's 0018 checks the history's references to communities and reports once a statement instead of once a
-- row, for their cost (docs/PERFORMANCE.md "Ninth round"). SQLite keeps its foreign keys: there each check is an index
-- lookup in the same process, and SQLite has no statement-level triggers. The guarantee is the same on both engines:
-- an assessment of an unknown community or report is refused, and a community that has history can be neither
-- deleted nor given another code.
SELECT 1;
