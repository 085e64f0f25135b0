-- Rows put in after 0005 on both engines, so that the later scripts' data statements (0006's backfill, 0010's users
-- rebuild) have something to carry: stage changes and repeats, a tie on a day, values that change and that do not,
-- a community without history, accounts and a sign-in failure that must survive 0010. Explicit ids, valid on both.
INSERT INTO communities (code, name, county_code, locality_code, town_code, town_name) VALUES
    ('420102001001', 'Community one', '420102', '420100', '420102001', 'Town one'),
    ('420102001002', 'Community two', '420102', '420100', '420102001', 'Town one'),
    ('420502001001', 'Community three', '420502', '420500', '420502001', 'Town three');
INSERT INTO reports (id, report_id, locality_code, kind, period, submitted_by, submitter_scope, narrative, received_at, deadline, on_time, applied, body) VALUES
    (1, 'r-1', '420100', 'monthly', '2025-01', 'user:wuhan', '420100', NULL, '2025-01-05T02:00:00Z', '2025-01-10T23:59:59+08:00', 1, 2, '{}'),
    (2, 'r-2', '420100', 'monthly', '2025-02', 'user:wuhan', '420100', 'two', '2025-02-05T02:00:00Z', '2025-02-10T23:59:59+08:00', 1, 2, '{}'),
    (3, 'r-3', '420100', 'monthly', '2025-03', 'token:1', 'province', NULL, '2025-03-15T02:00:00Z', '2025-03-10T23:59:59+08:00', 0, 2, '{}');
INSERT INTO stage_events (id, community_code, stage, effective, report) VALUES
    (1, '420102001001', 1, '2025-01-01', 1),
    (2, '420102001001', 1, '2025-02-01', 2),
    (3, '420102001001', 2, '2025-03-01', 3),
    (4, '420102001002', 0, '2025-02-01', 2),
    (5, '420102001002', 1, '2025-02-01', 3);
INSERT INTO criterion_assessments (id, community_code, criterion, value, met, effective, report) VALUES
    (1, '420102001001', 12, 0.5, 0, '2025-01-01', 1),
    (2, '420102001001', 12, 0.5, 0, '2025-04-01', 3),
    (3, '420102001001', 3, 1, 1, '2025-02-15', 2),
    (4, '420102001002', 16, 1, 1, '2025-01-20', 1),
    (5, '420102001002', 1, 0.25, 0, '2025-01-20', 1),
    (6, '420102001002', 1, 0.75, 1, '2025-02-20', 2);
INSERT INTO community_state (community_code, stage, pilot, effective, event_id) VALUES
    ('420102001001', 2, 1, '2025-03-01', 3),
    ('420102001002', 1, 0, '2025-02-01', 5),
    ('420502001001', 0, 0, NULL, NULL);
INSERT INTO community_criteria (community_code, criterion, value, met, effective, assessment_id) VALUES
    ('420102001001', 12, 0.5, 0, '2025-04-01', 2),
    ('420102001001', 3, 1, 1, '2025-02-15', 3),
    ('420102001002', 16, 1, 1, '2025-01-20', 4),
    ('420102001002', 1, 0.75, 1, '2025-02-20', 6);
INSERT INTO users (id, user_name, display_name, role, locality, password_hash, disabled, security_stamp, created_at, last_sign_in_at, must_change_password) VALUES
    (1, 'admin', 'Administrator', 'admin', NULL, 'hash-1', 0, 'stamp-1', '2025-01-01T00:00:00Z', '2025-03-01T00:00:00Z', 0),
    (7, 'wuhan', 'Wuhan', 'coordinator', '420100', 'hash-7', 1, 'stamp-7', '2025-01-02T00:00:00Z', NULL, 1);
INSERT INTO sign_in_failures (user_id, address, failures, locked_until, last_failed_at) VALUES
    (7, '127.0.0.1', 3, NULL, '2025-02-02T00:00:00Z'),
    (7, '', 5, '2025-02-02T00:15:00Z', '2025-02-02T00:00:00Z');
