"""A PostgreSQL database's schema (schema public) as the normalized lines that describe_sqlite gives for SQLite."""
import re

from sql_text import check_signature, normal_expression

# The type rules of the migrations: INTEGER -> BIGINT, REAL -> DOUBLE PRECISION, TEXT -> TEXT, BLOB -> BYTEA.
# Any other type (integer, boolean, numeric, ...) shows as '?type' and so differs from SQLite's line.
_TYPE_CLASS = {"bigint": "integer", "double precision": "real", "text": "text", "bytea": "blob"}
_RULES = {"a": None, "r": "restrict", "c": "cascade", "n": "set null", "d": "set default"}

_COLUMNS = """
SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull,
       pg_get_expr(d.adbin, d.adrelid) AS default, a.attidentity AS identity,
       row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum) AS position
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
 WHERE c.relkind = 'r'
"""

_CONSTRAINTS = """
SELECT c.relname AS table, k.conname AS name, k.contype AS type, k.condeferrable AS deferrable, k.condeferred AS deferred,
       k.confupdtype AS on_update, k.confdeltype AS on_delete, f.relname AS target,
       ARRAY(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY u(n, i)
               JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i) AS columns,
       ARRAY(SELECT a.attname FROM unnest(k.confkey) WITH ORDINALITY u(n, i)
               JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.i) AS target_columns,
       CASE WHEN k.contype = 'c' THEN pg_get_expr(k.conbin, k.conrelid) END AS expression
  FROM pg_constraint k
  JOIN pg_class c ON c.oid = k.conrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
  LEFT JOIN pg_class f ON f.oid = k.confrelid
"""

# Indexes made by CREATE INDEX, not those behind a PRIMARY KEY or UNIQUE constraint (as SQLite's origin 'c').
_INDEXES = """
SELECT t.relname AS table, i.relname AS name, x.indisunique AS unique,
       ARRAY(SELECT pg_get_indexdef(x.indexrelid, k, true) || CASE WHEN x.indoption[k - 1] & 1 = 1 THEN ' desc' ELSE '' END
               FROM generate_series(1, x.indnkeyatts) k ORDER BY k) AS columns,
       pg_get_expr(x.indpred, x.indrelid) AS predicate
  FROM pg_index x
  JOIN pg_class i ON i.oid = x.indexrelid
  JOIN pg_class t ON t.oid = x.indrelid
  JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
 WHERE NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.contype IN ('p', 'u'))
"""

_TRIGGERS = """
SELECT c.relname AS table, t.tgname AS name, t.tgtype AS type, t.tgfoid::regproc::text AS function,
       encode(t.tgargs, 'escape') AS args, pg_get_triggerdef(t.oid, true) AS definition
  FROM pg_trigger t
  JOIN pg_class c ON c.oid = t.tgrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
 WHERE NOT t.tgisinternal
"""


def _timing(tgtype):
    when = "instead of" if tgtype & 64 else "before" if tgtype & 2 else "after"
    events = [e for bit, e in ((4, "insert"), (8, "delete"), (16, "update"), (32, "truncate")) if tgtype & bit]
    return f"{when} {' or '.join(events)} {'each row' if tgtype & 1 else 'each statement'}"


def _default(expression):
    return None if expression is None else re.sub(r"::(text|bigint|integer|double precision)$", "", expression)


def describe(query_json):
    """query_json(sql) -> the rows of sql as a list of dicts."""
    lines = []
    for column in query_json(_COLUMNS):
        table = column["table"]
        if column["position"] == 1:
            lines.append(f"table {table}")
        kind = _TYPE_CLASS.get(column["type"], f"?{column['type']}")
        default = _default(column["default"])
        lines.append(f"column {table}.{column['name']} #{column['position']} {kind}"
                     f"{' not null' if column['notnull'] else ' null'}"
                     f"{f' default {default}' if default is not None else ''}"
                     f"{' auto-numbered' if column['identity'] == 'd' else ''}"
                     f"{' always-generated' if column['identity'] == 'a' else ''}")
    for constraint in query_json(_CONSTRAINTS):
        table, columns = constraint["table"], ", ".join(constraint["columns"])
        if constraint["type"] == "p":
            lines.append(f"primary key {table} ({columns})")
        elif constraint["type"] == "u":
            lines.append(f"unique {table} ({columns})")
        elif constraint["type"] == "c":
            lines.append(f"check {table} [{check_signature(constraint['expression'])}]")
        elif constraint["type"] == "f":
            actions = "".join(f" on {what} {_RULES[rule]}" for what, rule in
                              (("update", constraint["on_update"]), ("delete", constraint["on_delete"])) if _RULES[rule])
            timing = ""
            if constraint["deferrable"]:
                timing = " deferrable initially deferred" if constraint["deferred"] else " deferrable initially immediate"
            lines.append(f"foreign key {table} ({columns}) -> {constraint['target']} "
                         f"({', '.join(constraint['target_columns'])}){actions}{timing}")
        else:
            lines.append(f"constraint {table}.{constraint['name']} of type {constraint['type']}")
    for index in query_json(_INDEXES):
        predicate = index["predicate"]
        lines.append(f"index {index['table']}.{index['name']} {'unique ' if index['unique'] else ''}"
                     f"({', '.join(index['columns'])}){' where ' + normal_expression(predicate) if predicate else ''}")
    for trigger in query_json(_TRIGGERS):
        when = re.search(r"\bWHEN\s*\((.*)\)\s*EXECUTE\b", trigger["definition"], re.S)
        args = [a for a in (trigger["args"] or "").split("\\000") if a]
        action = (f" raises {args[0]!r}" if trigger["function"] == "refuse_row_change" and len(args) == 1
                  else f" (calls {trigger['function']})")
        lines.append(f"trigger {trigger['table']}.{trigger['name']} {_timing(trigger['type'])}"
                     f"{' when ' + normal_expression(when.group(1)) if when else ''}{action}")
    return sorted(lines)


def check_texts(query_json):
    """The CHECKs as PostgreSQL prints them, for reading beside SQLite's."""
    for constraint in query_json(_CONSTRAINTS + " WHERE k.contype = 'c' ORDER BY 1, 2"):
        yield constraint["table"], constraint["expression"]
