#!/usr/bin/env python3
"""Applies Migrations/Sqlite and Migrations/Postgres side by side (a fresh SQLite file, a fresh C-collated PostgreSQL
database), then compares: the normalized schemas, the rows the data statements leave (a history fixture goes in
after 0005), and how each engine answers the probes (append-only triggers, CHECKs, UNIQUEs, foreign keys).
Exit status 0 when only the differences in known_differences.py remain."""
import sys

sys.dont_write_bytecode = True  # leave no __pycache__ in the repository

# pylint: disable=wrong-import-position
import argparse
import difflib
import glob
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import tempfile
from pathlib import Path

import describe_postgres
import describe_sqlite
from known_differences import KNOWN
from probes import PROBES, outcome

HERE = Path(__file__).resolve().parent
MIGRATIONS = HERE.parents[1] / "src" / "GreenCommunity.Data" / "Migrations"
FIXTURE_AFTER = "0005_passwords.sql"


def pg_bin_default():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name))
    return found[-1] if found else None


class Postgres:
    """A throwaway cluster in a temporary directory (run as the postgres user when this runs as root),
    or an existing server reached through --host/--port; either way one fresh database, dropped at the end."""

    def __init__(self, args):
        self.bin = Path(args.pg_bin)
        self.temp = None
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if args.port:
            self.host, self.port, self.user = args.host, args.port, args.user
        else:
            self.temp = Path(tempfile.mkdtemp(prefix="pg-schema-check-"))
            if self.as_user:
                shutil.chown(self.temp, "postgres")
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                self.port = s.getsockname()[1]
            self.host, self.user = str(self.temp), "postgres"
            self._run([self.bin / "initdb", "-D", self.temp / "data", "--locale=C", "-E", "UTF8", "-U", "postgres"])
            self._run([self.bin / "pg_ctl", "-D", self.temp / "data", "-l", self.temp / "log", "-w", "-o",
                       f"-p {self.port} -k {self.temp} -c listen_addresses=''", "start"])
        self.database = f"schema_check_{os.getpid()}"
        self.psql(["-d", "postgres", "-c", f"CREATE DATABASE {self.database} TEMPLATE template0 ENCODING 'UTF8' "
                                          "LC_COLLATE 'C' LC_CTYPE 'C'"])

    def _run(self, command):
        subprocess.run(self.as_user + [str(c) for c in command], check=True, capture_output=True, text=True)

    def psql(self, extra, check=True):
        command = [str(self.bin / "psql"), "-X", "-q", "-h", self.host, "-p", str(self.port), "-U", self.user,
                   "-v", "ON_ERROR_STOP=1"]
        if "-d" not in extra:
            command += ["-d", self.database]
        done = subprocess.run(command + extra, capture_output=True, text=True)
        if check and done.returncode != 0:
            raise RuntimeError(f"psql {' '.join(extra)}: {done.stderr}")
        return done

    def apply(self, path):
        self.psql(["--single-transaction", "-f", str(path)])

    def query_json(self, sql):
        rows = self.psql(["-At", "-c", f"SELECT coalesce(json_agg(q), '[]') FROM ({sql}) q"]).stdout
        return json.loads(rows)

    def probe(self, statement):
        done = self.psql(["-c", statement], check=False)
        if done.returncode == 0:
            return None
        first = next(line for line in done.stderr.splitlines() if line.startswith("ERROR:") or "ERROR:" in line)
        return first.split("ERROR:", 1)[1].strip()

    def close(self):
        try:
            self.psql(["-d", "postgres", "-c", f"DROP DATABASE IF EXISTS {self.database}"], check=False)
        finally:
            if self.temp:
                self._run([self.bin / "pg_ctl", "-D", self.temp / "data", "-m", "fast", "-w", "stop"])
                shutil.rmtree(self.temp, ignore_errors=True)


def sqlite_probe(connection, statement):
    try:
        connection.execute("BEGIN")
        connection.execute(statement)
        connection.execute("COMMIT")
        return None
    except sqlite3.DatabaseError as error:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        return str(error)


def rows_of(tables, fetch):
    """Every table's rows, sorted, for comparing what the data statements left."""
    return {table: sorted((tuple(r) for r in fetch(table)), key=repr) for table in tables}


def compare_schemas(sqlite_lines, pg_lines, verbose):
    problems = 0
    only_sqlite = sorted(set(sqlite_lines) - set(pg_lines))
    only_pg = sorted(set(pg_lines) - set(sqlite_lines))
    if verbose:
        sys.stdout.writelines(difflib.unified_diff([l + "\n" for l in sqlite_lines], [l + "\n" for l in pg_lines],
                                                   "sqlite", "postgres", n=0))
    print(f"schema: {len(sqlite_lines)} lines on SQLite, {len(pg_lines)} on PostgreSQL")
    seen = set()
    for side, lines in (("sqlite", only_sqlite), ("postgres", only_pg)):
        for line in lines:
            reason = KNOWN.get((side, line))
            seen.add((side, line))
            if reason:
                print(f"  known, only on {side}: {line}\n      why: {reason}")
            else:
                print(f"  DIFFERS, only on {side}: {line}")
                problems += 1
    for side, line in sorted(set(KNOWN) - seen):
        print(f"  STALE known difference (no longer seen), {side}: {line}")
        problems += 1
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pg-bin", default=pg_bin_default(), help="PostgreSQL's bin directory")
    parser.add_argument("--host", default="127.0.0.1", help="an existing server's host or socket directory")
    parser.add_argument("--port", type=int, help="an existing server's port (without it a throwaway cluster runs)")
    parser.add_argument("--user", default="postgres")
    parser.add_argument("--verbose", action="store_true", help="print both descriptions' diff and every CHECK's text")
    args = parser.parse_args()

    names = sorted(p.name for p in (MIGRATIONS / "Sqlite").glob("*.sql"))
    pg_names = sorted(p.name for p in (MIGRATIONS / "Postgres").glob("*.sql"))
    if names != pg_names:
        print(f"the scripts differ in name: SQLite {names}, PostgreSQL {pg_names}")
        return 1

    work = Path(tempfile.mkdtemp(prefix="sqlite-schema-check-"))
    lite = sqlite3.connect(work / "store.db", isolation_level=None)
    lite.execute("PRAGMA foreign_keys = ON")
    pg = Postgres(args)
    try:
        fixture = (HERE / "history_fixture.sql").read_text(encoding="utf-8")
        for name in names:
            lite.executescript("BEGIN;\n" + (MIGRATIONS / "Sqlite" / name).read_text(encoding="utf-8") + "\nCOMMIT;")
            pg.apply(MIGRATIONS / "Postgres" / name)
            if name == FIXTURE_AFTER:
                lite.executescript("BEGIN;\n" + fixture + "\nCOMMIT;")
                pg.apply(HERE / "history_fixture.sql")
        print(f"applied {len(names)} scripts on both engines")

        problems = compare_schemas(describe_sqlite.describe(lite), describe_postgres.describe(pg.query_json),
                                   args.verbose)
        if args.verbose:
            for engine, texts in (("sqlite", describe_sqlite.check_texts(lite)),
                                  ("postgres", describe_postgres.check_texts(pg.query_json))):
                for table, text in texts:
                    print(f"  check on {engine}: {table}: {text}")

        tables = [r[0] for r in lite.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        lite_rows = rows_of(tables, lambda t: lite.execute(f'SELECT * FROM "{t}"').fetchall())
        pg_rows = rows_of(tables, lambda t: [tuple(r.values()) for r in pg.query_json(f'SELECT * FROM "{t}"')])
        differing = [t for t in tables if lite_rows[t] != pg_rows[t]]
        print(f"data after the fixture and all scripts: {sum(len(r) for r in lite_rows.values())} rows, "
              f"{len(tables) - len(differing)} of {len(tables)} tables alike")
        for table in differing:
            print(f"  DIFFERS, rows of {table}:\n    sqlite   {lite_rows[table]}\n    postgres {pg_rows[table]}")
            problems += 1

        alike = 0
        for statement in PROBES:
            on_sqlite, on_pg = outcome(sqlite_probe(lite, statement)), outcome(pg.probe(statement))
            if on_sqlite == on_pg:
                alike += 1
                if args.verbose:
                    print(f"  probe: {on_sqlite:<45} {statement[:70]}")
            else:
                print(f"  DIFFERS, probe {statement}\n    sqlite   {on_sqlite}\n    postgres {on_pg}")
                problems += 1
        print(f"probes: {alike} of {len(PROBES)} answered alike")
    finally:
        lite.close()
        pg.close()
        shutil.rmtree(work, ignore_errors=True)
    print("the schemas match but for the known differences" if problems == 0 else f"{problems} unexpected differences")
    return 0 if problems == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
