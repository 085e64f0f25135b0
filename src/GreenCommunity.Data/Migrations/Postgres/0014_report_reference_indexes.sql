-- The rows that name a report are written before the report's own row (its foreign keys are deferred to the commit):
-- without these indexes every commit looked for the report's rows by scanning the whole history (measured: the report
-- row's INSERT took 9–53 ms on SQLite at the demo's size, about 1 ms with nothing to scan).
CREATE INDEX ix_stage_events_report ON stage_events (report);
CREATE INDEX ix_criterion_assessments_report ON criterion_assessments (report);
CREATE INDEX ix_idempotency_keys_report ON idempotency_keys (report);
