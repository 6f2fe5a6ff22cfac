"""Termbases and output paths that cannot be used: one clear line, non-zero exit, nothing half-written."""

from __future__ import annotations

import csv
import errno
import io
import os
import sqlite3

from conftest import CORPUS
from typer.testing import CliRunner

from zhdoc.cli import app
from zhdoc.store import SCHEMA_VERSION

runner = CliRunner()
GOOD = str(CORPUS / "004_8e49c2069f069655.txt")


def extract(*args):
    return runner.invoke(app, ["extract", GOOD, "--jobs", "1", *args])


def test_termbase_that_is_not_a_zhdoc_database(tmp_path):
    other = tmp_path / "other.db"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE notes (text TEXT)")
    connection.commit()
    connection.close()
    result = extract("--db", str(other))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"zhdoc: error: {other}: not a zhdoc termbase"
    assert sqlite3.connect(other).execute("SELECT name FROM sqlite_master").fetchall() == [("notes",)]


def test_termbase_from_a_newer_schema(tmp_path):
    db = tmp_path / "t.db"
    assert extract("--db", str(db)).exit_code == 0
    connection = sqlite3.connect(db)
    connection.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 3),))
    connection.commit()
    connection.close()
    result = extract("--db", str(db))
    assert result.exit_code == 1
    assert "newer than this zhdoc understands" in result.stderr and "Traceback" not in result.stderr


def test_corrupt_termbase(tmp_path):
    db = tmp_path / "t.db"
    assert extract("--db", str(db)).exit_code == 0
    data = bytearray(db.read_bytes())
    data[0:16] = b"garbage garbage!"  # the SQLite header
    db.write_bytes(bytes(data))
    result = extract("--db", str(db))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"zhdoc: error: {db}: not a zhdoc termbase (not an SQLite database, or corrupt)"


def test_read_only_termbase(tmp_path, monkeypatch):
    db = tmp_path / "t.db"
    assert extract("--db", str(db)).exit_code == 0
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: False if str(path) == str(db) else real_access(path, mode))
    result = extract("--db", str(db), "--force")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"zhdoc: error: {db}: termbase is read-only"
    # exporting only reads: still works
    assert runner.invoke(app, ["glossary", "--db", str(db), "--format", "csv"]).exit_code == 0


def test_termbase_in_a_missing_folder(tmp_path):
    result = extract("--db", str(tmp_path / "no" / "such" / "t.db"))
    assert result.exit_code == 1
    assert "cannot open termbase" in result.stderr and "Traceback" not in result.stderr


def test_output_folder_missing(tmp_path):
    result = extract("-o", str(tmp_path / "missing" / "g.csv"))
    assert result.exit_code == 1
    assert "cannot write output: folder" in result.stderr


def test_output_not_writable(tmp_path, monkeypatch):
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = extract("-o", str(tmp_path / "g.csv"))
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("cannot write output: Permission denied")
    assert list(tmp_path.iterdir()) == []


def test_disk_full_leaves_no_half_file(tmp_path, monkeypatch):
    target = tmp_path / "g.csv"
    target.write_text("the previous glossary\n", encoding="utf-8")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = extract("-o", str(target))
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr
    assert target.read_text(encoding="utf-8") == "the previous glossary\n"  # the old file is untouched
    assert [p.name for p in tmp_path.iterdir()] == ["g.csv"]  # no temporary left behind


def test_formula_injection_is_neutralized_unless_raw(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("加号攻击（+cmd）很危险。\n", encoding="utf-8")
    safe = runner.invoke(app, ["extract", str(source), "--format", "csv", "--jobs", "1"])
    assert [row[:2] for row in csv.reader(io.StringIO(safe.stdout))][1:] == [["'+cmd", "加号攻击"]]
    raw = runner.invoke(app, ["extract", str(source), "--format", "csv", "--raw", "--jobs", "1"])
    assert [row[:2] for row in csv.reader(io.StringIO(raw.stdout))][1:] == [["+cmd", "加号攻击"]]


def test_every_dangerous_first_character_is_neutralized():
    from zhdoc.export import safe_cell

    for value in ("=SUM(A1)", "+1", "-1", "@cmd", "\tx", "\rx"):
        assert safe_cell(value) == "'" + value
        assert safe_cell(value, raw=True) == value
    assert safe_cell("大语言模型") == "大语言模型"
