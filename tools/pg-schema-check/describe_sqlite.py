"""A SQLite database's schema as the normalized lines that describe_postgres gives for PostgreSQL."""
import re

from sql_text import check_signature, normal_expression, parenthesised, split_top_level, strip_comments

_TYPE_CLASS = {"INTEGER": "integer", "REAL": "real", "TEXT": "text", "BLOB": "blob"}
_CONSTRAINT_START = re.compile(r"^(CONSTRAINT|PRIMARY|UNIQUE|CHECK|FOREIGN)\b", re.I)


def _table_parts(create_sql):
    body, after = parenthesised(create_sql, 0)
    without_rowid = re.search(r"WITHOUT\s+ROWID", create_sql[after:], re.I) is not None
    return split_top_level(body), without_rowid


def _checks(parts):
    """Every CHECK's expression, on a column or on the table."""
    for part in parts:
        at = 0
        while (match := re.compile(r"\bCHECK\s*\(", re.I).search(part, at)) is not None:
            inner, at = parenthesised(part, match.start())
            yield inner


def _deferred_columns(parts):
    """Columns whose REFERENCES clause is DEFERRABLE INITIALLY DEFERRED (PRAGMA foreign_key_list does not say)."""
    columns = set()
    for part in parts:
        if not _CONSTRAINT_START.match(part) and re.search(r"DEFERRABLE\s+INITIALLY\s+DEFERRED", part, re.I):
            columns.add(part.split()[0].strip('"').lower())
    return columns


def describe(connection):
    lines = []
    tables = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall()
    for table, create_sql in tables:
        parts, without_rowid = _table_parts(strip_comments(create_sql))
        lines.append(f"table {table}")
        columns = connection.execute(f'PRAGMA table_info("{table}")').fetchall()
        pk_columns = [c for c in sorted(columns, key=lambda c: c[5]) if c[5] > 0]
        rowid_alias = (len(pk_columns) == 1 and pk_columns[0][2].upper() == "INTEGER" and not without_rowid)
        for position, (_, name, declared, notnull, default, pk) in enumerate(columns, start=1):
            kind = _TYPE_CLASS.get(declared.upper(), f"?{declared}")
            is_alias = rowid_alias and pk > 0
            # A rowid alias and a WITHOUT ROWID table's key cannot hold NULL, whatever table_info says.
            enforced_notnull = bool(notnull) or is_alias or (without_rowid and pk > 0)
            lines.append(f"column {table}.{name} #{position} {kind}"
                         f"{' not null' if enforced_notnull else ' null'}"
                         f"{f' default {default}' if default is not None else ''}"
                         f"{' auto-numbered' if is_alias else ''}")
        if pk_columns:
            lines.append(f"primary key {table} ({', '.join(c[1] for c in pk_columns)})")
        for _, index, unique, origin, partial in connection.execute(f'PRAGMA index_list("{table}")').fetchall():
            keys = [r for r in connection.execute(f'PRAGMA index_xinfo("{index}")').fetchall() if r[5] == 1]
            described = ", ".join(
                (r[2] if r[2] is not None else "<expression>")
                + (" desc" if r[3] else "") + (f" collate {r[4].lower()}" if r[4] and r[4] != "BINARY" else "")
                for r in keys)
            if origin == "u":
                lines.append(f"unique {table} ({described})")
            elif origin == "c":
                index_sql = connection.execute("SELECT sql FROM sqlite_master WHERE name = ?", (index,)).fetchone()[0]
                where = re.search(r"\bWHERE\b(.*)$", strip_comments(index_sql), re.I | re.S)
                lines.append(f"index {table}.{index} {'unique ' if unique else ''}({described})"
                             f"{' where ' + normal_expression(where.group(1)) if where else ''}")
        deferred = _deferred_columns(parts)
        foreign_keys = {}
        for row in connection.execute(f'PRAGMA foreign_key_list("{table}")').fetchall():
            foreign_keys.setdefault(row[0], []).append(row)
        for rows in foreign_keys.values():
            rows.sort(key=lambda r: r[1])
            source = [r[3] for r in rows]
            actions = "".join(f" on {what} {rule.lower()}" for what, rule in (("update", rows[0][5]), ("delete", rows[0][6]))
                              if rule != "NO ACTION")
            timing = " deferrable initially deferred" if len(source) == 1 and source[0].lower() in deferred else ""
            lines.append(f"foreign key {table} ({', '.join(source)}) -> {rows[0][2]} ({', '.join(r[4] for r in rows)})"
                         f"{actions}{timing}")
        for expr in _checks(parts):
            lines.append(f"check {table} [{check_signature(expr)}]")
    triggers = connection.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    for name, table, trigger_sql in triggers:
        text = strip_comments(trigger_sql)
        timing = re.search(r"\b(BEFORE|AFTER|INSTEAD\s+OF)\s+(INSERT|UPDATE|DELETE)\b", text, re.I)
        when = re.search(r"\bWHEN\b(.*?)\bBEGIN\b", text, re.I | re.S)
        message = re.search(r"RAISE\s*\(\s*ABORT\s*,\s*'((?:[^']|'')*)'\s*\)", text, re.I)
        lines.append(f"trigger {table}.{name} {timing.group(1).lower()} {timing.group(2).lower()} each row"
                     f"{' when ' + normal_expression(when.group(1)) if when else ''}"
                     f"{' raises ' + repr(message.group(1)) if message else ' (body not a RAISE(ABORT))'}")
    return sorted(lines)


def check_texts(connection):
    """The CHECKs as written, for reading beside PostgreSQL's."""
    for table, create_sql in connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"):
        parts, _ = _table_parts(strip_comments(create_sql))
        for expr in _checks(parts):
            yield table, " ".join(expr.split())
