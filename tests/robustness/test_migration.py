"""A schema-2 termbase made by the release before schema 3 (tests/fixtures/schema2/make.sh says how)
is migrated on first use: paths stored relative to unknown folders are resolved against the
termbase's folder and the current folder, the same file stored twice becomes one document, and a
path that cannot be resolved is reported and kept."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "schema2"


def zhdoc(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zhdoc", *args], cwd=cwd, capture_output=True, timeout=300)


def sha(name: str) -> str:
    return hashlib.sha256((FIXTURE / name).read_bytes()).hexdigest()


def layout(tmp_path) -> Path:
    """The folders the fixture was made in, with the articles that still exist (gone/g.txt does not)."""
    work = tmp_path / "W"
    (work / "project" / "articles").mkdir(parents=True)
    (work / "other").mkdir()
    shutil.copyfile(FIXTURE / "terms.db", work / "project" / "terms.db")
    for name in ("a.txt", "b.txt"):
        shutil.copyfile(FIXTURE / name, work / "project" / "articles" / name)
    shutil.copyfile(FIXTURE / "c.txt", work / "other" / "c.txt")
    return Path(os.path.realpath(work))


def documents(db: str, cwd) -> tuple[list[str], list[tuple[str, str, str, str]]]:
    process = zhdoc("documents", "--db", db, "--format", "csv", cwd=cwd)
    assert process.returncode == 0, process.stderr
    rows = csv.DictReader(io.StringIO(process.stdout.decode("utf-8")))
    return process.stderr.decode("utf-8").splitlines(), [
        (r["path"], r["status"], r["sha256"], r["pairs"]) for r in rows
    ]


def glossary(db: str, cwd) -> set[tuple[str, str, str, str]]:
    process = zhdoc("glossary", "--db", db, "--format", "csv", cwd=cwd)
    rows = csv.DictReader(io.StringIO(process.stdout.decode("utf-8")))
    return {(r["english"], r["glossed"], r["uses"], r["documents"]) for r in rows}


def test_fixture_is_schema_2_with_paths_relative_to_two_folders():
    connection = sqlite3.connect(FIXTURE / "terms.db")
    assert connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("2",)
    assert [row[0] for row in connection.execute("SELECT path FROM documents ORDER BY id")] == [
        "articles/a.txt",
        "articles/b.txt",
        "other/c.txt",
        "<stdin>",
        "gone/g.txt",
        "project/articles/a.txt",
    ]
    connection.close()


def test_migration_from_the_folder_the_commands_ran_in(tmp_path):
    work = layout(tmp_path)
    project = work / "project"
    notes, listed = documents("project/terms.db", work)
    assert notes == [
        "zhdoc: warning: project/terms.db: articles/a.txt and project/articles/a.txt are one file, articles/a.txt, "
        "stored twice: kept the newer (project/articles/a.txt)",
        f"zhdoc: project/terms.db: termbase migrated to schema 3: 2 document path(s) rewritten relative to {project} "
        "(or absolute)",
        f"zhdoc: warning: project/terms.db: gone/g.txt: stored relative to an unknown folder and not found under "
        f"{project} or {work}; kept as it was (`zhdoc documents` lists it, `zhdoc remove` removes it)",
    ]
    assert listed == [
        (f"{work}/other/c.txt", "present", sha("c.txt"), "1"),
        ("<stdin>", "stdin", sha("stdin.txt"), "2"),
        ("articles/a.txt", "present", sha("a.txt"), "1"),
        ("articles/b.txt", "present", sha("b.txt"), "1"),
        ("gone/g.txt", "missing", sha("g.txt"), "1"),
    ]
    assert documents("project/terms.db", work)[0] == []  # migrated once
    assert glossary("terms.db", project) == {
        ("scalable oversight", "1", "2", "articles/a.txt"),  # was glossed twice: the file was stored twice
        ("reward hacking", "1", "1", "articles/b.txt"),
        ("vector database", "1", "1", f"{work}/other/c.txt"),
        ("chain of thought", "1", "1", "gone/g.txt"),
        ("Retrieval-Augmented Generation", "1", "1", "<stdin>"),
        ("RAG", "1", "1", "<stdin>"),
    }
    again = zhdoc("add", "articles", "../other", "--db", "terms.db", "--jobs", "1", cwd=project)
    assert again.stdout.decode().splitlines() == [
        "batch: 0 processed (0 changed), 3 unchanged, 0 duplicate, 0 moved, 0 removed",
        "no new terms or renderings",
    ]
    shown = zhdoc("show", "scalable oversight", "--db", "terms.db", "--width", "4", cwd=project)
    assert shown.stdout.decode().splitlines()[2:] == [
        "   * articles/a.txt:1: 本文讨论【可扩展监督】(sca",
        "     articles/a.txt:2:     【可扩展监督】很难。",
    ]
    removed = zhdoc("remove", "gone/g.txt", "--db", "terms.db", cwd=project)
    assert removed.stdout.decode().splitlines()[:2] == ["removed: gone/g.txt", "1 document(s) removed, 4 left"]
    connection = sqlite3.connect(project / "terms.db")
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("4",)


def test_migration_from_a_folder_where_some_paths_cannot_be_resolved(tmp_path):
    work = layout(tmp_path)
    project = work / "project"
    notes, listed = documents("terms.db", project)
    unresolved = (
        "zhdoc: warning: terms.db: {}: stored relative to an unknown folder and not found under "
        f"{project}; kept as it was (`zhdoc documents` lists it, `zhdoc remove` removes it)"
    )
    assert notes == [
        f"zhdoc: terms.db: termbase migrated to schema 3: 0 document path(s) rewritten relative to {project} "
        "(or absolute)",
        unresolved.format("gone/g.txt"),
        unresolved.format("other/c.txt"),
        unresolved.format("project/articles/a.txt"),
    ]
    assert listed == [  # nothing dropped
        ("<stdin>", "stdin", sha("stdin.txt"), "2"),
        ("articles/a.txt", "present", sha("a.txt"), "1"),
        ("articles/b.txt", "present", sha("b.txt"), "1"),
        ("gone/g.txt", "missing", sha("g.txt"), "1"),
        ("other/c.txt", "missing", sha("c.txt"), "1"),
        ("project/articles/a.txt", "missing", sha("a.txt"), "1"),
    ]
