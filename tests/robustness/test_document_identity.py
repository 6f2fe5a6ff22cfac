"""A termbase never loses or doubles a document: each case runs zhdoc as a separate process, from
the working directories a user would be in."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys

A = "本文讨论可扩展监督（scalable oversight）的问题。\n可扩展监督很难。\n"
B = "奖励破解（reward hacking）很常见。\n"
C = "向量数据库（vector database）很有用。\n"
RAG = "检索增强生成（Retrieval-Augmented Generation，RAG）是一种方法。\n"


def zhdoc(*args: str, cwd, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess:
    jobs = ("--jobs", "1") if args[0] in ("add", "extract") else ()
    return subprocess.run(
        [sys.executable, "-m", "zhdoc", *args, *jobs],
        cwd=cwd,
        input=stdin.encode("utf-8") if stdin is not None else None,
        capture_output=True,
        timeout=300,
        env={**os.environ, **env},
    )


def out(process: subprocess.CompletedProcess) -> list[str]:
    return process.stdout.decode("utf-8").splitlines()


def err(process: subprocess.CompletedProcess) -> list[str]:
    return process.stderr.decode("utf-8").splitlines()


def write(path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def listing(db: str, cwd) -> list[tuple[str, ...]]:
    """(path, status, sha256, pairs) of every document, from `zhdoc documents --format csv`."""
    process = zhdoc("documents", "--db", db, "--format", "csv", cwd=cwd)
    assert process.returncode == 0, process.stderr
    rows = list(csv.DictReader(io.StringIO(process.stdout.decode("utf-8"))))
    return [(r["path"], r["status"], r["sha256"], r["pairs"]) for r in rows]


def batch_line(processed=0, changed=0, unchanged=0, duplicate=0, moved=0, removed=0) -> str:
    return (
        f"batch: {processed} processed ({changed} changed), {unchanged} unchanged, {duplicate} duplicate, "
        f"{moved} moved, {removed} removed"
    )


def test_folders_added_from_two_places_both_stay_and_survive_a_move(tmp_path):
    shared = tmp_path / "shared"
    sha_a = write(shared / "teamA" / "a.txt", A)
    sha_b = write(shared / "teamB" / "b.txt", B)
    first = zhdoc("add", ".", "--db", "../shared.db", cwd=shared / "teamA")
    assert (first.returncode, out(first)) == (
        0,
        [batch_line(processed=1), "new English terms (1):", "  scalable oversight: 可扩展监督"],
    )
    second = zhdoc("add", ".", "--db", "../shared.db", cwd=shared / "teamB")
    assert (second.returncode, out(second)) == (
        0,
        [batch_line(processed=1), "new English terms (1):", "  reward hacking: 奖励破解"],
    )
    assert listing("shared.db", shared) == [
        ("teamA/a.txt", "present", sha_a, "1"),
        ("teamB/b.txt", "present", sha_b, "1"),
    ]
    # the termbase moves to another folder together with its articles
    moved = tmp_path / "elsewhere" / "renamed"
    moved.parent.mkdir()
    shutil.move(str(shared), str(moved))
    again = zhdoc("add", ".", "--prune", "--db", "../shared.db", cwd=moved / "teamA")
    assert out(again) == [batch_line(unchanged=1), "no new terms or renderings"]
    shown = zhdoc("show", "scalable oversight", "--db", "shared.db", "--width", "4", cwd=moved)
    assert out(shown) == [
        "scalable oversight (term)",
        "  可扩展监督  glossed 1, used 2, in 1 document(s)",
        "   * teamA/a.txt:1: 本文讨论【可扩展监督】(sca",
        "     teamA/a.txt:2:     【可扩展监督】很难。",
    ]
    assert listing("renamed/shared.db", moved.parent) == [
        ("teamA/a.txt", "present", sha_a, "1"),
        ("teamB/b.txt", "present", sha_b, "1"),
    ]


def test_the_same_content_under_another_path_is_not_added_twice(tmp_path):
    sha = write(tmp_path / "corpus" / "a.txt", A)
    write(tmp_path / "corpus" / "b.txt", B)
    assert zhdoc("add", "corpus", "--db", "t.db", cwd=tmp_path).returncode == 0
    # what the termbase holds, as JSON and as a table
    process = zhdoc("documents", "--db", "t.db", "--format", "json", cwd=tmp_path)
    row = json.loads(process.stdout)[0]
    added = row.pop("added")
    assert added == row.pop("processed") and added.endswith("+00:00")
    assert row == {
        "path": "corpus/a.txt",
        "status": "present",
        "sha256": sha,
        "pairs": 1,
        "citations": 0,
        "language": "zh",
        "script": "simplified",
        "region": "mainland",
        "encoding": "utf-8",
        "size": len(A.encode("utf-8")),
    }
    table = out(zhdoc("documents", "--db", "t.db", "--format", "table", cwd=tmp_path, COLUMNS="200"))
    assert [cell.strip() for cell in table[1].split("┃")[1:-1]] == [
        "path",
        "status",
        "sha256",
        "added",
        "pairs",
        "citations",
        "script/region",
    ]
    assert [cell.strip() for cell in table[3].split("│")[1:-1]] == [
        "corpus/a.txt",
        "present",
        sha[:12],
        added[:16].replace("T", " "),
        "1",
        "0",
        "simplified/mainland",
    ]
    # the same files by an absolute path, through a symlink, and from inside the folder
    (tmp_path / "link").symlink_to(tmp_path / "corpus")
    for path, cwd in ((str(tmp_path / "corpus"), tmp_path), ("link", tmp_path), (".", tmp_path / "corpus")):
        db = "t.db" if cwd == tmp_path else "../t.db"
        again = zhdoc("add", path, "--db", db, cwd=cwd)
        assert out(again) == [batch_line(unchanged=2), "no new terms or renderings"], path
    # a copy: same content under another path, reported and not added
    shutil.copytree(tmp_path / "corpus", tmp_path / "copy")
    copied = zhdoc("add", "copy", "--db", "t.db", cwd=tmp_path)
    assert (copied.returncode, out(copied)) == (
        0,
        [
            batch_line(duplicate=2),
            "same content already in the termbase, not added again (2):",
            "  copy/a.txt = corpus/a.txt",
            "  copy/b.txt = corpus/b.txt",
            "no new terms or renderings",
        ],
    )
    glossary = zhdoc("glossary", "--db", "t.db", "--format", "csv", cwd=tmp_path)
    rows = {
        (r["english"], r["glossed"], r["uses"], r["documents"])
        for r in csv.DictReader(io.StringIO(glossary.stdout.decode()))
    }
    assert rows == {("scalable oversight", "1", "2", "corpus/a.txt"), ("reward hacking", "1", "1", "corpus/b.txt")}
    # the original folder renamed: the documents move, nothing is mined again or lost
    shutil.rmtree(tmp_path / "copy")
    (tmp_path / "link").unlink()
    (tmp_path / "corpus").rename(tmp_path / "articles")
    renamed = zhdoc("add", "articles", "--db", "t.db", cwd=tmp_path)
    assert out(renamed) == [
        batch_line(moved=2),
        "moved: same content, old file gone (2):",
        "  corpus/a.txt -> articles/a.txt",
        "  corpus/b.txt -> articles/b.txt",
        "no new terms or renderings",
    ]
    assert [row[:2] for row in listing("t.db", tmp_path)] == [
        ("articles/a.txt", "present"),
        ("articles/b.txt", "present"),
    ]


def test_add_never_removes_prune_and_remove_do_line_by_line(tmp_path):
    project = tmp_path / "project"
    write(project / "notes" / "a.txt", A)
    write(project / "notes" / "b.txt", B)
    sha_c = write(project / "other" / "c.txt", C)
    assert zhdoc("add", "notes", "other", "--db", "t.db", cwd=project).returncode == 0
    (project / "notes" / "b.txt").unlink()
    (project / "other" / "c.txt").unlink()
    write(project / "other" / "keep.txt", A)  # the folder must still hold an article to be named
    kept = zhdoc("add", "notes", "--db", "t.db", cwd=project)
    assert out(kept) == [
        batch_line(unchanged=1),
        "file gone, kept: --prune or `zhdoc remove` removes it (1):",
        "  notes/b.txt",
        "no new terms or renderings",
    ]
    extracted = zhdoc("extract", "notes", "--db", "t.db", "--format", "csv", cwd=project)
    assert "  notes/b.txt" in err(extracted)  # extract --db follows the same rule
    assert "reward hacking,奖励破解" in extracted.stdout.decode()
    # --prune is limited to the folders named: other/c.txt stays
    pruned = zhdoc("add", "notes", "--prune", "--db", "t.db", cwd=project)
    assert out(pruned) == [
        batch_line(unchanged=1, removed=1),
        "removed, file gone (1):",
        "  notes/b.txt",
        "terms no longer in the termbase (1):",
        "  reward hacking",
        "no new terms or renderings",
    ]
    assert ("other/c.txt", "missing", sha_c, "1") in listing("t.db", project)
    # explicit removal from another folder: a gone file by its path, an unknown path
    removed = zhdoc("remove", "../other/c.txt", "../nothing.txt", "--db", "../t.db", cwd=project / "notes")
    assert removed.returncode == 1
    assert out(removed) == [
        "removed: other/c.txt",
        "1 document(s) removed, 1 left",
        "terms no longer in the termbase (1):",
        "  vector database",
    ]
    assert err(removed) == [
        "zhdoc: error: ../nothing.txt: not in the termbase (`zhdoc documents --db ../t.db` lists what it holds)"
    ]
    folder = zhdoc("remove", "notes", "--db", "t.db", cwd=project)
    assert (folder.returncode, out(folder)) == (
        0,
        [
            "removed: notes/a.txt",
            "1 document(s) removed, 0 left",
            "terms no longer in the termbase (1):",
            "  scalable oversight",
        ],
    )
    assert listing("t.db", project) == []


def test_stdin_documents_are_named(tmp_path):
    sha_b, sha_rag = (hashlib.sha256(t.encode()).hexdigest() for t in (B, RAG))
    first = zhdoc("add", "-", "--db", "t.db", cwd=tmp_path, stdin=B)
    assert first.returncode == 0
    same = zhdoc("add", "-", "--db", "t.db", cwd=tmp_path, stdin=B)
    assert out(same) == [batch_line(unchanged=1), "no new terms or renderings"]
    second = zhdoc("add", "-", "--db", "t.db", cwd=tmp_path, stdin=RAG)
    assert second.returncode == 1
    assert err(second)[0] == (
        "zhdoc: error: -: the termbase already holds another text read from stdin (<stdin>); "
        "name this one with --name NAME (the same NAME again replaces that document)"
    )
    assert listing("t.db", tmp_path) == [("<stdin>", "stdin", sha_b, "1")]
    named = zhdoc("add", "-", "--name", "rag.docx", "--db", "t.db", cwd=tmp_path, stdin=RAG)
    assert named.returncode == 0 and out(named)[0] == batch_line(processed=1)
    revised = RAG.replace("是一种方法", "很有用")
    version = zhdoc(
        "add", "-", "--name", "rag.docx", "--db", str(tmp_path / "t.db"), cwd=tmp_path.parent, stdin=revised
    )
    assert out(version) == [batch_line(processed=1, changed=1), "no new terms or renderings"]
    assert listing("t.db", tmp_path) == [
        ("<stdin>", "stdin", sha_b, "1"),
        ("rag.docx", "stdin", hashlib.sha256(revised.encode()).hexdigest(), "2"),
    ]
    assert sha_rag not in {row[2] for row in listing("t.db", tmp_path)}
    removed = zhdoc("remove", "rag.docx", "--db", "t.db", cwd=tmp_path)
    assert out(removed)[0] == "removed: rag.docx"
    lonely = zhdoc("add", "--name", "x", str(tmp_path / "t.db"), "--db", "t.db", cwd=tmp_path)
    assert (lonely.returncode, err(lonely)) == (
        2,
        ["zhdoc: error: --name names the text read from stdin: give - among the PATHs"],
    )


def test_extract_names_the_stdin_text(tmp_path):
    from typer.testing import CliRunner

    from zhdoc.cli import app

    result = CliRunner().invoke(app, ["extract", "-", "--name", "notes.md", "--format", "csv", "--jobs", "1"], input=B)
    assert result.exit_code == 0
    assert [row[5:7] for row in csv.reader(io.StringIO(result.stdout))][1:] == [["notes.md", "notes.md:1"]]
