"""Re-running a batch over an unchanged corpus: the same output, byte for byte, without mining,
reading the files or loading the miners; the stored glossary (table `derived`) is dropped by any
change and is the glossary computed from the pairs; skipped files are remembered; a schema-3
termbase (tests/fixtures/schema3/make.sh says how it was made) is migrated to schema 4."""

from __future__ import annotations

import csv
import io
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS

from zhdoc.batch import _Resolver
from zhdoc.derived import StoredGlossary
from zhdoc.export import glossary_rows, result_json
from zhdoc.identity import FileStat, Place
from zhdoc.pipeline import CorpusResult, extract_into, load_termbase
from zhdoc.store import SCHEMA_VERSION, Termbase

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "schema3"
ENGLISH = (
    "# Release notes\n\nThis page lists the changes of the release: the client retries on timeouts and the\n"
    "cache is smaller. There is no Chinese on this page, so it is not a Chinese article.\n"
)
SKIP_REASON = "skipped: not a Chinese text (detected language: en)"


def zhdoc(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zhdoc", *args], cwd=cwd, capture_output=True, timeout=300)


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    (folder / "notes.md").write_text(ENGLISH, encoding="utf-8")
    return folder


def derived_rows(db) -> list[str]:
    connection = sqlite3.connect(db)
    try:
        return [row[0] for row in connection.execute("SELECT name FROM derived ORDER BY name")]
    finally:
        connection.close()


def test_rerun_output_is_identical_and_reads_nothing(corpus, tmp_path):
    for command, options in (("extract", ["--format", "csv"]), ("extract", ["--format", "json"]), ("add", [])):
        db = f"{command}{len(options)}.db"
        cold = zhdoc(command, "corpus", "--db", db, *options, "--jobs", "1", cwd=tmp_path)
        again = zhdoc(command, "corpus", "--db", db, *options, "--jobs", "1", cwd=tmp_path)
        assert cold.returncode == again.returncode == 0, again.stderr
        skipped = f"zhdoc: warning: corpus/notes.md: {SKIP_REASON}"
        assert skipped in again.stderr.decode().splitlines()  # reported as in the cold run, from the record
        if command == "extract":
            assert again.stdout == cold.stdout
            assert again.stderr.decode().splitlines()[-2:] == [
                "batch: 0 processed (0 changed), 4 unchanged, 0 duplicate, 0 moved, 0 removed",
                "no new terms or renderings",
            ]
        else:
            assert again.stdout.decode().splitlines() == [
                "batch: 0 processed (0 changed), 4 unchanged, 0 duplicate, 0 moved, 0 removed",
                "no new terms or renderings",
            ]


def test_rerun_loads_no_miner(corpus, tmp_path):
    """Nothing changed: no file is read or mined, so neither jieba, the language detector nor the
    term and citation miners are imported."""
    db = str(tmp_path / "t.db")
    extract_into([str(corpus)], db, jobs=1, want=("export",))  # as `extract --db` runs it: flags stored too
    probe = (
        "import sys\n"
        "from zhdoc.pipeline import extract_into\n"
        f"result, report = extract_into([{str(corpus)!r}], {db!r}, jobs=1, want=('export',))\n"
        "from zhdoc.export import glossary_rows\n"
        "rows = glossary_rows(result.glossary)\n"
        "heavy = ['jieba', 'langdetect', 'opencc', 'zhdoc.terms.mine', 'zhdoc.citations.mine', 'zhdoc.normalize',\n"
        "         'zhdoc.terms.suspect', 'zhdoc.lexicon']\n"
        "print(len(report.unchanged), len(result.skipped), len(rows) > 0, [m for m in heavy if m in sys.modules])\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().split("\n")[0] == "4 1 True []"


def test_skipped_file_is_read_again_when_it_changes(corpus, tmp_path):
    db = str(tmp_path / "t.db")
    notes = corpus / "notes.md"
    result, _ = extract_into([str(corpus)], db, jobs=1)
    assert [(f.path, f.reason) for f in result.skipped] == [(str(notes), SKIP_REASON)]
    with Termbase(db) as base:
        assert base.skips() == {"corpus/notes.md": (FileStat.of(str(notes)), SKIP_REASON)}
    notes.write_text("# 说明\n\n检索增强生成（Retrieval-Augmented Generation）先检索，再生成回答。\n", encoding="utf-8")
    result, report = extract_into([str(corpus)], db, jobs=1)
    assert (result.skipped, report.processed) == ([], ["corpus/notes.md"])
    with Termbase(db) as base:
        assert base.skips() == {}  # stored as a document now
    assert result.glossary.lookup("Retrieval-Augmented Generation").ranked()[0].chinese == "检索增强生成"


def test_force_reads_a_skipped_file_again(corpus, tmp_path):
    db = str(tmp_path / "t.db")
    extract_into([str(corpus)], db, jobs=1)
    probe = (
        "import sys\n"
        "from zhdoc.pipeline import extract_into\n"
        f"result, report = extract_into([{str(corpus)!r}], {db!r}, jobs=1, force=True)\n"
        "print([f.reason for f in result.skipped], 'langdetect' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, timeout=300)
    assert done.stdout.decode().strip() == f"[{SKIP_REASON!r}] True"


def test_stored_glossary_is_the_computed_one_and_any_change_drops_it(corpus, tmp_path):
    db = str(tmp_path / "t.db")
    first, _ = extract_into([str(corpus)], db, jobs=1, want=("export",))
    assert derived_rows(db) == ["glossary+suspects", "rows"]
    with Termbase(db) as base:
        stored = base.glossary(export=True)
        computed = base._compute_glossary()
    assert isinstance(stored, StoredGlossary)
    assert stored.known_rows == glossary_rows(computed) == glossary_rows(first.glossary)
    assert stored == computed
    assert stored.related() == computed.related() and stored.related()  # acronym links stored too
    assert {k: e.suspects() for k, e in stored.entries.items()} == {
        k: e.suspects() for k, e in computed.entries.items()
    }
    assert [list(e.forms) for e in stored.entries.values()] == [list(e.forms) for e in computed.entries.values()]
    assert [list(r.uses.items()) for e in stored.entries.values() for r in e.renderings.values()] == [
        list(r.uses.items()) for e in computed.entries.values() for r in e.renderings.values()
    ]
    assert result_json(load_termbase(db))["glossary"] == result_json(CorpusResult(glossary=computed))["glossary"]

    (corpus / "new.md").write_text("# 向量\n\n向量数据库（vector database）保存嵌入（embedding）。\n", encoding="utf-8")
    connection = sqlite3.connect(db)
    connection.execute("INSERT INTO pairs SELECT * FROM pairs LIMIT 0")  # no row: nothing dropped
    connection.close()
    with Termbase(db) as base, base.transaction():
        base.remove("corpus/new.md")  # no such document: deletes no row, drops nothing
    assert derived_rows(db) == ["glossary+suspects", "rows"]
    result, report = extract_into([str(corpus)], db, jobs=1)
    assert report.processed == ["corpus/new.md"]
    assert derived_rows(db) == ["glossary"]  # dropped, then stored anew (without the writers' part)
    with Termbase(db) as base:
        assert base.glossary() == base._compute_glossary()
        assert base.glossary().lookup("embedding") is not None
    with Termbase(db) as base, base.transaction():
        base.remove("corpus/new.md")
    assert derived_rows(db) == []
    assert load_termbase(db).glossary.lookup("embedding") is None  # read-only: computed, not stored
    assert derived_rows(db) == []


def test_add_reads_the_glossary_for_its_report_without_storing_it(corpus, tmp_path):
    """`zhdoc add` (glossary=False) needs the glossary only for its report; the next batch changes
    it again, so it is left for the next reader to compute and store, with the same result."""
    db = str(tmp_path / "t.db")
    extract_into([str(corpus)], db, jobs=1)
    (corpus / "new.md").write_text("# 向量\n\n向量数据库（vector database）保存嵌入（embedding）。\n", encoding="utf-8")
    _, report = extract_into([str(corpus)], db, jobs=1, glossary=False)
    assert report.new_terms == [("embedding", ["嵌入"]), ("vector database", ["向量数据库"])]
    assert derived_rows(db) == []
    result, report = extract_into([str(corpus)], db, jobs=1)
    assert report.unchanged and not report.processed
    assert derived_rows(db) == ["glossary"]
    with Termbase(db) as base:
        assert result.glossary == base.glossary() == base._compute_glossary()


def test_a_stored_glossary_changed_in_memory_drops_what_it_knew(corpus, tmp_path):
    db = str(tmp_path / "t.db")
    extract_into([str(corpus)], db, jobs=1, want=("export",))
    with Termbase(db) as base:
        stored = base.glossary(export=True)
    assert stored.known_rows is not None
    stored.add_gloss("retrieval", "retrieval", "检索", "term", "x.md", 1, "bracket", "检索（retrieval）", "检索", "s/m")
    assert (stored.known_rows, stored.known_related) == (None, None)
    assert [r["english"] for r in glossary_rows(stored)].count("retrieval") == 1


def test_stored_glossary_of_other_code_is_not_used(corpus, tmp_path):
    db = str(tmp_path / "t.db")
    extract_into([str(corpus)], db, jobs=1)
    connection = sqlite3.connect(db)
    connection.execute("UPDATE derived SET stamp = 'another zhdoc', data = x'00'")  # not even decodable
    connection.commit()
    connection.close()
    expected = result_json(load_termbase(db))
    with Termbase(db) as base:
        assert base.glossary() == base._compute_glossary()
    assert result_json(load_termbase(db)) == expected


def stored_columns(csv_bytes: bytes) -> list[list[str]]:
    """The CSV without the columns later rules derive on reading (acronym links, suspect flags):
    what the stored pairs and uses alone decide, as the schema-3 release wrote it."""
    rows = list(csv.reader(io.StringIO(csv_bytes.decode("utf-8"))))
    keep = [i for i, column in enumerate(rows[0]) if column not in ("related", "suspect")]
    return [[row[i] for i in keep] for row in rows]


def test_schema_3_termbase_is_migrated_and_gives_the_same_glossary(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    for name in ("a.md", "b.md", "en.md"):
        shutil.copyfile(FIXTURE / name, articles / name)
    shutil.copyfile(FIXTURE / "terms.db", tmp_path / "terms.db")
    connection = sqlite3.connect(tmp_path / "terms.db")
    assert connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("3",)
    connection.close()

    exported = zhdoc("glossary", "--db", "terms.db", "--format", "csv", cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert stored_columns(exported.stdout) == stored_columns((FIXTURE / "exported.csv").read_bytes())
    connection = sqlite3.connect(tmp_path / "terms.db")
    assert connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (
        str(SCHEMA_VERSION),
    )
    assert connection.execute("SELECT COUNT(*) FROM skipped").fetchone() == (0,)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    connection.close()

    os.utime(articles / "a.md")  # touched: its hash is checked, its stat recorded
    again = zhdoc("add", "articles", "--db", "terms.db", "--jobs", "1", cwd=tmp_path)
    assert again.stdout.decode().splitlines() == [
        "batch: 0 processed (0 changed), 2 unchanged, 0 duplicate, 0 moved, 0 removed",
        "no new terms or renderings",
    ]
    assert again.stderr.decode().splitlines()[0] == f"zhdoc: warning: articles/en.md: {SKIP_REASON}"
    with Termbase(str(tmp_path / "terms.db")) as base:
        assert list(base.skips()) == ["articles/en.md"]
    extracted = zhdoc("extract", "articles", "--db", "terms.db", "--format", "csv", cwd=tmp_path)
    assert extracted.stdout == exported.stdout


def test_resolver_gives_the_keys_and_stats_of_place(tmp_path, monkeypatch):
    """Folders resolved once, symlinked files and folders resolved as os.path.realpath does."""
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.md").write_text("一", encoding="utf-8")
    (tmp_path / "outside.md").write_text("二二", encoding="utf-8")
    (tmp_path / "base").mkdir()
    os.symlink(tmp_path / "real", tmp_path / "base" / "linked")
    os.symlink(tmp_path / "outside.md", tmp_path / "base" / "file-link.md")
    monkeypatch.chdir(tmp_path / "base")
    place = Place.of(str(tmp_path / "base" / "t.db"))
    resolve = _Resolver(place)
    for path in ("linked/a.md", "file-link.md", "../real/a.md", "linked/../outside.md", "missing.md", "./linked/a.md"):
        assert resolve(path) == (place.key(path), FileStat.of(path)), path
    assert resolve("file-link.md") == (str(tmp_path / "outside.md"), FileStat(6, FileStat.of("file-link.md").mtime_ns))


def test_batch_report_alone_reads_only_the_terms_the_batch_touched(corpus, tmp_path):
    """glossary=False (`zhdoc add`): no glossary comes back, and the report, read from the terms the
    batch touched, is the one a batch reading the whole glossary makes."""
    db = str(tmp_path / "t.db")
    extract_into([str(corpus)], db, jobs=1)
    result, report = extract_into([str(corpus)], db, jobs=1, glossary=False)
    assert (result.glossary.entries, len(report.unchanged), len(result.documents)) == ({}, 4, 4)
    shutil.copyfile(db, tmp_path / "whole.db")
    (corpus / "new.md").write_text(
        "# 嵌入\n\n嵌入（embedding）把词变成向量，大模型（LLM）也用嵌入。\n", encoding="utf-8"
    )
    result, report = extract_into([str(corpus)], db, jobs=1, glossary=False)
    whole, whole_report = extract_into([str(corpus)], str(tmp_path / "whole.db"), jobs=1)
    assert result.glossary.entries == {} and whole.glossary.entries
    assert [e for e, _ in report.new_terms] == ["embedding"]
    assert (report.new_terms, report.new_renderings, report.competing) == (
        whole_report.new_terms,
        whole_report.new_renderings,
        whole_report.competing,
    )
    assert report.new_renderings == [("LLM", "大模型")]


def test_a_glossary_read_before_another_batch_committed_is_not_stored(corpus, tmp_path, monkeypatch):
    """A writable reader (the review commands) computes the glossary in a read snapshot; a batch
    that commits meanwhile makes the snapshot stale, and what it computed must not be stored."""
    db = str(tmp_path / "t.db")
    extract_into([str(corpus)], db, jobs=1)
    connection = sqlite3.connect(db)
    connection.execute("DELETE FROM derived")
    connection.commit()
    connection.close()
    (corpus / "new.md").write_text("# 嵌入\n\n嵌入（embedding）把词变成向量。\n", encoding="utf-8")
    reader = Termbase(db)
    compute = reader._compute_glossary

    def meanwhile():
        glossary = compute()  # the old state, read in the snapshot
        extract_into([str(corpus)], db, jobs=1)  # another zhdoc commits a batch, storing its glossary
        return glossary

    monkeypatch.setattr(reader, "_compute_glossary", meanwhile)
    old = reader.glossary()
    reader.close()
    assert old.lookup("embedding") is None
    assert derived_rows(db) == ["glossary"]
    with Termbase(db) as base:
        assert base.glossary().lookup("embedding") is not None  # the batch's, not the reader's


def test_key_of_a_resolved_path_is_what_relpath_gives():
    for folder, real, key in (
        ("/a/b", "/a/b/c.md", "c.md"),
        ("/a/b", "/a/b/c/d/e.md", "c/d/e.md"),
        ("/a/b", "/a/bc/d.md", "/a/bc/d.md"),  # a sibling folder sharing the prefix: outside
        ("/a/b", "/a/b", "/a/b"),
        ("/a/b", "/x/y.md", "/x/y.md"),
        ("/", "/x/y.md", "x/y.md"),
        ("/a", "/a/b/.hidden", "b/.hidden"),
    ):
        assert Place(folder).key_of_real(real) == key
