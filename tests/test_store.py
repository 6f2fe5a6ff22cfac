"""The termbase: incremental batches, identical output for any --jobs, reports, rollback, schema."""

from __future__ import annotations

import os
import shutil
import sqlite3

import pytest
from conftest import CORPUS

from zhdoc.export import glossary_rows, result_json
from zhdoc.identity import FileStat
from zhdoc.pipeline import extract, extract_into, load_termbase
from zhdoc.store import SCHEMA_VERSION, Termbase, TermbaseError


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    return folder


def test_termbase_gives_the_same_glossary_as_memory(corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the termbase names documents relative to its folder: here, as given
    in_memory = extract(["corpus"], jobs=1)
    stored, report = extract_into([str(corpus)], str(tmp_path / "t.db"), jobs=1)
    assert glossary_rows(stored.glossary) == glossary_rows(in_memory.glossary)
    assert len(report.processed) == 4 and len(report.new_terms) == len(in_memory.glossary.entries)


def test_incremental_unchanged_changed_new_deleted(corpus, tmp_path):
    db = str(tmp_path / "t.db")
    extract_into([str(corpus)], db, jobs=1)
    _, again = extract_into([str(corpus)], db, jobs=1)
    assert (len(again.processed), len(again.unchanged)) == (0, 4)

    changed = next(corpus.glob("004_*.txt"))
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\n向量数据库（vector database）很有用。\n", encoding="utf-8"
    )
    new = corpus / "new.md"
    new.write_text("检索增强生成（Retrieval-Augmented Generation，RAG）是一种方法。", encoding="utf-8")
    deleted = next(corpus.glob("002_*.txt"))
    deleted.unlink()
    key = f"corpus/{deleted.name}"
    result, report = extract_into([str(corpus)], db, jobs=1)
    assert sorted(report.processed) == [f"corpus/{changed.name}", "corpus/new.md"]
    assert report.replaced == [f"corpus/{changed.name}"]
    assert (report.removed, report.gone) == ([], [key])  # a batch never removes on its own
    assert len(report.unchanged) == 2
    assert {e for e, _ in report.new_terms} == {"vector database", "Retrieval-Augmented Generation", "RAG"}
    assert result.glossary.lookup("RPC") is not None  # still held: it came from the deleted document
    assert key in [d.path for d in result.documents]

    result, report = extract_into([str(corpus)], db, jobs=1, prune=True)
    assert (report.removed, report.gone, report.processed) == ([key], [], [])
    assert "RPC" in report.lost_terms
    assert result.glossary.lookup("RPC") is None
    assert sorted(d.path for d in result.documents) == sorted(
        f"corpus/{p.name}" for p in corpus.iterdir() if p.suffix in (".txt", ".md")
    )
    _, forced = extract_into([str(corpus)], db, jobs=1, force=True)
    assert len(forced.processed) == 4 and not forced.new_terms


def test_uses_are_recounted_when_a_batch_brings_a_new_rendering(corpus, tmp_path):
    db = str(tmp_path / "t.db")
    extract_into([str(corpus)], db, jobs=1)
    note = tmp_path / "note.txt"
    note.write_text("本文讨论可扩展监督（scalable oversight）的问题。", encoding="utf-8")
    result, report = extract_into([str(note)], db, jobs=1)
    assert report.new_terms == [("scalable oversight", ["可扩展监督"])]
    rendering = result.glossary.lookup("scalable oversight").renderings["可扩展监督"]
    assert rendering.glossed == 1 and rendering.use_count > 5  # used all over the older articles


def test_terms_the_glossary_leaves_out_are_not_reported_lost_by_a_later_batch(tmp_path):
    """数字 after five function names names their argument: the glossary leaves those pairs out
    (reconcile), but they are still glossed, so adding another article does not lose them."""
    db = str(tmp_path / "t.db")
    reference = tmp_path / "functions.md"
    functions = {"ABS": "绝对值", "ACOS": "反三角余弦值", "ASIN": "反三角正弦值", "ATAN": "反三角正切值"}
    functions |= {"COSH": "双曲余弦值", "SINH": "双曲正弦值"}
    reference.write_text(
        "# 数学函数\n\n"
        + "".join(
            f"## {name}\n\n返回数字的{value}。\n\n#### 语法\n\n{name}(数字)\n\n「数字」是指要计算其{value}的数值。\n\n"
            for name, value in functions.items()
        ),
        encoding="utf-8",
    )
    _, first = extract_into([str(reference)], db, jobs=1)
    with Termbase(db) as base:
        assert sorted(base.snapshot()) == ["ab", "aco", "asin", "atan", "cosh", "sinh"]  # keys; glossed: 数字
    assert first.new_terms == [] and first.lost_terms == []
    article = tmp_path / "article.txt"
    article.write_text("本文讨论可扩展监督（scalable oversight）的问题。", encoding="utf-8")
    _, report = extract_into([str(article)], db, jobs=1)
    assert (report.new_terms, report.lost_terms) == ([("scalable oversight", ["可扩展监督"])], [])
    reference.unlink()
    _, removal = extract_into([str(tmp_path)], db, jobs=1, prune=True)
    assert removal.lost_terms == ["ABS", "ACOS", "ASIN", "ATAN", "COSH", "SINH"]


def test_uses_are_the_same_in_memory_and_in_a_termbase_when_the_glossary_leaves_renderings_out(tmp_path):
    """数字 after six function names is left out of the glossary, but it was glossed: its text is
    not counted as uses of 字 in either mode (longest match over every glossed rendering)."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "functions.md").write_text(
        "# 数学函数\n\n"
        + "".join(
            f"## {name}\n\n返回数字的结果。\n\n#### 语法\n\n{name}(数字)\n\n「数字」是指要计算的数值。\n\n"
            for name in ("ABS", "ACOS", "ASIN", "ATAN", "COSH", "SINH")
        ),
        encoding="utf-8",
    )
    (folder / "article.txt").write_text("汉字由笔画组成，每个字（character）都有读音。数字也是字。\n", encoding="utf-8")
    in_memory = extract([str(folder)], jobs=1)
    stored, _ = extract_into([str(folder)], str(tmp_path / "t.db"), jobs=1)
    rows = [(r["english"], r["chinese"], r["uses"]) for r in glossary_rows(in_memory.glossary)]
    assert rows == [("character", "字", 3)]  # 汉字, 字, 也是字; not the 字 of 数字
    assert [(r["english"], r["chinese"], r["uses"]) for r in glossary_rows(stored.glossary)] == rows


def test_competing_rendering_is_reported(tmp_path):
    db = str(tmp_path / "t.db")
    first = tmp_path / "a.txt"
    first.write_text("奖励破解（reward hacking）很常见。", encoding="utf-8")
    extract_into([str(first)], db, jobs=1)
    second = tmp_path / "b.txt"
    second.write_text("奖励黑客（reward hacking）也是一种说法，奖励黑客值得研究。", encoding="utf-8")
    _, report = extract_into([str(second)], db, jobs=1)
    assert report.new_renderings == [("reward hacking", "奖励黑客")]
    assert report.competing == [("reward hacking", "奖励黑客", "奖励破解")]


def test_output_is_identical_for_any_number_of_jobs(corpus, tmp_path):
    one = result_json(extract([str(corpus)], jobs=1))
    two = result_json(extract([str(corpus)], jobs=2))
    assert one == two
    db1, _ = extract_into([str(corpus)], str(tmp_path / "1.db"), jobs=1)
    db2, _ = extract_into([str(corpus)], str(tmp_path / "2.db"), jobs=2)
    assert result_json(db1) == result_json(db2)


def test_a_failing_batch_leaves_the_termbase_as_it_was(corpus, tmp_path, monkeypatch):
    db = str(tmp_path / "t.db")
    first = next(corpus.glob("000_*.txt"))
    extract_into([str(first)], db, jobs=1)
    before = glossary_rows(load_termbase(db).glossary)
    calls = {"n": 0}
    original = Termbase.store

    def failing_store(self, result, text, *args):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk on fire")
        original(self, result, text, *args)

    monkeypatch.setattr(Termbase, "store", failing_store)
    with pytest.raises(RuntimeError):
        extract_into([str(corpus)], db, jobs=1, force=True)
    monkeypatch.undo()
    after = load_termbase(db)
    assert [d.path for d in after.documents] == [f"corpus/{first.name}"]
    assert glossary_rows(after.glossary) == before
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_schema_version_is_checked(tmp_path):
    db = tmp_path / "t.db"
    Termbase(str(db)).close()
    connection = sqlite3.connect(db)
    connection.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    connection.commit()
    connection.close()
    with pytest.raises(TermbaseError, match="newer than this zhdoc understands"):
        Termbase(str(db))


def test_not_a_termbase(tmp_path):
    other = tmp_path / "other.db"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE x (y)")
    connection.commit()
    connection.close()
    with pytest.raises(TermbaseError, match="not a zhdoc termbase"):
        Termbase(str(other))
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(TermbaseError, match="not a zhdoc termbase"):
        Termbase(str(garbage))


def test_schema_1_is_migrated(corpus, tmp_path):
    db = str(tmp_path / "t.db")
    extract_into([str(next(corpus.glob("004_*.txt")))], db, jobs=1)
    expected = glossary_rows(load_termbase(db).glossary)
    # turn the file into a schema-1 termbase: no uses table, no original column
    connection = sqlite3.connect(db)
    connection.executescript(
        "DROP TABLE uses; ALTER TABLE pairs DROP COLUMN original;"
        "UPDATE meta SET value = '1' WHERE key = 'schema_version';"
    )
    connection.close()
    with Termbase(db) as base:
        assert base.schema_version() == SCHEMA_VERSION
    assert glossary_rows(load_termbase(db).glossary) == expected


def test_second_writer_gets_termbase_busy(tmp_path):
    db = str(tmp_path / "t.db")
    Termbase(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    base = Termbase(db)
    base.db.execute("PRAGMA busy_timeout = 100")
    with pytest.raises(TermbaseError, match="termbase busy"), base.transaction():
        pass
    holder.execute("ROLLBACK")
    base.close()


def test_size_and_mtime_are_kept_for_the_unchanged_check(tmp_path):
    db = str(tmp_path / "t.db")
    article = tmp_path / "a.txt"
    article.write_text("奖励破解（reward hacking）很常见。\n", encoding="utf-8")
    extract_into([str(article)], db, jobs=1)

    def stored():
        with Termbase(db) as base:
            return base.known("a.txt")

    info = article.stat()
    assert stored()[1] == FileStat(info.st_size, info.st_mtime_ns)
    os.utime(article, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))  # touched, content the same
    _, report = extract_into([str(article)], db, jobs=1)
    assert report.unchanged == ["a.txt"]
    assert stored()[1] == FileStat(info.st_size, info.st_mtime_ns + 5_000_000_000)


def test_unchanged_size_and_mtime_skip_reading_the_file(tmp_path, monkeypatch):
    import zhdoc.batch

    article = tmp_path / "a.txt"
    article.write_text("检查点（checkpoint）保存了模型参数。\n", encoding="utf-8")
    db = str(tmp_path / "t.db")
    extract_into([str(article)], db, jobs=1)
    hashed: list[str] = []
    real_hash = zhdoc.batch.file_hash
    monkeypatch.setattr(zhdoc.batch, "file_hash", lambda path: hashed.append(path) or real_hash(path))

    _, again = extract_into([str(article)], db, jobs=1)
    assert (again.unchanged, hashed) == (["a.txt"], [])  # size and mtime as stored: not even read

    stat = os.stat(article)
    article.write_text("检查点（checkpoint）保存了全部参数。\n", encoding="utf-8")  # same size
    os.utime(article, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    _, same_stat = extract_into([str(article)], db, jobs=1)
    assert same_stat.unchanged == ["a.txt"]  # as make and git: an edit hidden from size and mtime is not seen
    _, forced = extract_into([str(article)], db, jobs=1, force=True)
    assert forced.replaced == ["a.txt"] and hashed == [str(article)]

    article.write_text("检查点（checkpoint）保存了优化器状态。\n", encoding="utf-8")
    os.utime(article, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    _, changed = extract_into([str(article)], db, jobs=1)
    assert changed.replaced == ["a.txt"]
