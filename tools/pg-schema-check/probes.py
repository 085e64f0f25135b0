"""Statements run in this order on both engines after all migrations, each in its own transaction; both must answer
alike: 'ok', the trigger's message, or the kind of constraint that refused the row."""

PROBES = [
    # The history and the audit log are append-only.
    "UPDATE reports SET applied = 0 WHERE id = 1",
    "DELETE FROM reports WHERE id = 3",
    "UPDATE stage_events SET stage = 3 WHERE id = 1",
    "DELETE FROM stage_events WHERE id = 1",
    "UPDATE criterion_assessments SET value = 0 WHERE id = 1",
    "DELETE FROM criterion_assessments WHERE id = 1",
    "INSERT INTO audit_log (id, at, actor, address, action, target, outcome, detail) "
    "VALUES (1, '2025-01-01T00:00:00Z', 'user:admin', NULL, 'sign-in', NULL, 'allowed', NULL)",
    "UPDATE audit_log SET outcome = 'refused' WHERE id = 1",
    "DELETE FROM audit_log WHERE id = 1",
    # A draft bulletin may change and go; a published one neither.
    "INSERT INTO bulletins (id, bulletin_id, month, status, created_at, created_by) VALUES (1, 'b-1', '2025-03', 'draft', 't', 'user:admin')",
    "INSERT INTO bulletins (id, bulletin_id, month, status, created_at, created_by) VALUES (2, 'b-2', '2025-04', 'draft', 't', 'user:admin')",
    "UPDATE bulletins SET remarks = 'changed' WHERE id = 1",
    "DELETE FROM bulletins WHERE id = 2",
    "UPDATE bulletins SET status = 'published', number_year = 2025, number = 1, content = '{}', published_at = 't', published_by = 'user:admin' WHERE id = 1",
    "UPDATE bulletins SET remarks = 'again' WHERE id = 1",
    "DELETE FROM bulletins WHERE id = 1",
    "INSERT INTO bulletins (id, bulletin_id, month, status, number_year, number, content, created_at, created_by, published_at, published_by) "
    "VALUES (3, 'b-3', '2025-04', 'published', 2025, 1, '{}', 't', 'user:admin', 't', 'user:admin')",
    "INSERT INTO bulletins (id, bulletin_id, month, status, number, created_at, created_by) VALUES (4, 'b-4', '2025-04', 'draft', 1, 't', 'user:admin')",
    # CHECKs, UNIQUEs (user names regardless of ASCII case), partial unique indexes, foreign keys.
    "INSERT INTO users (id, user_name, display_name, role, locality, password_hash, security_stamp, created_at) "
    "VALUES (20, 'ADMIN', 'Again', 'viewer', NULL, 'h', 's', 't')",
    "INSERT INTO users (id, user_name, display_name, role, locality, password_hash, security_stamp, created_at) "
    "VALUES (21, 'dept', 'Dept', 'department', NULL, 'h', 's', 't')",
    "INSERT INTO users (id, user_name, display_name, role, locality, department, password_hash, security_stamp, created_at) "
    "VALUES (22, 'dept-fgw', 'Dept', 'department', NULL, 'fgw', 'h', 's', 't')",
    "INSERT INTO users (id, user_name, display_name, role, locality, department, password_hash, security_stamp, created_at) "
    "VALUES (23, 'dept-none', 'Dept', 'department', NULL, 'none', 'h', 's', 't')",
    "INSERT INTO users (id, user_name, display_name, role, locality, password_hash, security_stamp, created_at) "
    "VALUES (24, 'hubei', 'Hubei', 'coordinator', NULL, 'h', 's', 't')",
    "INSERT INTO department_submissions (id, submission_id, department, year, kind, text, submitted_at, submitted_by, on_time) "
    "VALUES (1, 's-1', 'fgw', 2025, 'annual', '', 't', 'user:dept-fgw', 1)",
    "INSERT INTO department_submissions (id, submission_id, department, year, kind, text, submitted_at, submitted_by, on_time) "
    "VALUES (2, 's-2', 'fgw', 2025, 'annual', '年度报告', 't', 'user:dept-fgw', 1)",
    "INSERT INTO department_submissions (id, submission_id, department, year, kind, text, submitted_at, submitted_by, on_time) "
    "VALUES (3, 's-3', 'fgw', 2025, 'budget', 'x', 't', 'user:dept-fgw', 1)",
    "INSERT INTO demonstration_bases (id, community_code, locality_code, county_code, description, designated_on, designated_by, designated_at) "
    "VALUES (1, '420102001001', '420100', '420102', '示范', '2025-05-01', 'user:admin', 't')",
    "INSERT INTO demonstration_bases (id, community_code, locality_code, county_code, description, designated_on, designated_by, designated_at) "
    "VALUES (2, '420102001001', '420100', '420102', 'again', '2025-05-02', 'user:admin', 't')",
    "UPDATE demonstration_bases SET withdrawn_at = 't', withdrawn_by = 'user:admin', withdrawal_reason = 'why' WHERE id = 1",
    "INSERT INTO demonstration_bases (id, community_code, locality_code, county_code, description, designated_on, designated_by, designated_at) "
    "VALUES (3, '420102001001', '420100', '420102', 'again', '2025-05-02', 'user:admin', 't')",
    "INSERT INTO practices (id, practice_id, locality_code, title, description, created_at, created_by) "
    "VALUES (1, '420100-1', '420100', '', 'd', 't', 'user:admin')",
    "INSERT INTO stage_events (id, community_code, stage, effective, report) VALUES (9, '420102001001', 4, '2025-05-01', 1)",
    "INSERT INTO stage_events (id, community_code, stage, effective, report) VALUES (10, '420102001001', 3, '2025-05-01', 99)",
    "INSERT INTO criterion_assessments (id, community_code, criterion, value, met, effective, report) "
    "VALUES (90, '420102001002', 2, 1, 1, '2025-05-01', 1), (91, '420102999999', 2, 1, 1, '2025-05-01', 1)",
    "INSERT INTO criterion_assessments (id, community_code, criterion, value, met, effective, report) VALUES (92, '420102001002', 2, 1, 1, '2025-05-01', 99)",
    "INSERT INTO criterion_assessments (id, community_code, criterion, value, met, effective, report) VALUES (93, '420502001001', 2, 1, 1, '2025-05-01', 1)",
    "DELETE FROM communities WHERE code = '420102001001'",
    "UPDATE communities SET code = '420102001009' WHERE code = '420102001002'",
    "INSERT INTO api_tokens (id, name, scope, token_hash, created_at, kind) VALUES (1, 'wall', 'province', 'h', 't', 'wall')",
    "INSERT INTO api_tokens (id, name, scope, token_hash, created_at) VALUES (2, 'api', 'province', 'h2', 't')",
    "INSERT INTO acceptance_requests (id, request_id, locality_code, requested_at, requested_by) VALUES (1, 'a-1', '420100', 't', 'user:wuhan')",
    "INSERT INTO acceptance_request_communities (request, position, community_code) VALUES (1, 1, '420102001001')",
    "INSERT INTO acceptance_requests (id, request_id, locality_code, requested_at, requested_by) VALUES (2, 'a-2', '420100', 't', 'user:wuhan')",
    "INSERT INTO acceptance_request_communities (request, position, community_code) VALUES (2, 1, '420102001001')",
    "INSERT INTO acceptance_request_communities (request, position, community_code, accepted) VALUES (2, 2, '420102001002', 2)",
    "INSERT INTO inspection_findings (inspection, criterion, met) VALUES (1, 1, 1)",
]


def outcome(error_text):
    """What an engine's error says, in words both engines share."""
    if error_text is None:
        return "ok"
    text = error_text.lower()
    for marker, kind in (("check constraint", "refused by a check"), ("unique", "refused as a duplicate"),
                         ("duplicate key", "refused as a duplicate"), ("foreign key", "refused by a foreign key"),
                         ("not null", "refused as null"), ("null value", "refused as null")):
        if marker in text:
            return kind
    return f"error: {error_text.strip()}"
