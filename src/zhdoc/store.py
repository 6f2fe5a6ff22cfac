"""The termbase: a SQLite file that grows with every batch of articles.

- Incremental: a document is known by its key (identity.py: resolved path, relative to the
  termbase's folder when under it; or the name given to stdin) and its content hash; unchanged
  ones are not processed again, changed ones replace their old results, `force` re-processes
  everything. Nothing is removed unless asked (`remove`, `prune`).
- Safe: a batch is one transaction (BEGIN IMMEDIATE ... COMMIT), so a crash or Ctrl-C leaves
  the file as it was; WAL lets readers work while a batch runs; a busy timeout makes a second
  writer wait, then fail with a clear "termbase busy".
- Versioned: `meta.schema_version`; older files are migrated in place, newer ones refused.
"""

from __future__ import annotations

import json
import os
import sqlite3
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from .glossary import Glossary, use_matcher
from .identity import FILE, STDIN, STDIN_KEY, FileStat, Place
from .models import Citation, DocumentResult, Occurrence, Segment
from .notices import notice
from .spool import SpoolFile, count_document, iter_text

if TYPE_CHECKING:
    from .citations import CitationIndex

SCHEMA_VERSION = 4
APPLICATION = "zhdoc-termbase"

# documents: `path` is the document's key (identity.Place.key, or a stdin name), `origin` file or
# stdin, `size` the UTF-8 size of its decoded text, `file_size` and `mtime_ns` the file's stat taken
# just before its content was hashed (NULL when unknown), so an unchanged check can skip reading a
# file whose size and mtime are the same; `added_at` when the key first came, `processed_at` when
# its current version was mined.
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    encoding TEXT NOT NULL,
    language TEXT NOT NULL,
    script TEXT NOT NULL,
    region TEXT NOT NULL,
    size INTEGER NOT NULL,
    processed_at TEXT NOT NULL,
    text BLOB NOT NULL,
    origin TEXT NOT NULL DEFAULT 'file',
    added_at TEXT NOT NULL DEFAULT '',
    file_size INTEGER,
    mtime_ns INTEGER
);
CREATE INDEX IF NOT EXISTS documents_sha ON documents(sha256);
CREATE TABLE IF NOT EXISTS pairs (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    english TEXT NOT NULL, english_key TEXT NOT NULL, chinese TEXT NOT NULL, kind TEXT NOT NULL,
    line INTEGER NOT NULL, pattern TEXT NOT NULL, context TEXT NOT NULL, original TEXT NOT NULL,
    script TEXT NOT NULL, region TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS pairs_doc ON pairs(doc_id);
CREATE INDEX IF NOT EXISTS pairs_key ON pairs(english_key);
CREATE TABLE IF NOT EXISTS segments (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    english TEXT NOT NULL, chinese TEXT NOT NULL, line INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS citations (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS citations_doc ON citations(doc_id);
CREATE INDEX IF NOT EXISTS segments_doc ON segments(doc_id);
CREATE TABLE IF NOT EXISTS uses (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    chinese TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (doc_id, chinese)
);
CREATE TABLE IF NOT EXISTS skipped (
    path TEXT PRIMARY KEY,
    file_size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    reason TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS derived (
    name TEXT PRIMARY KEY,
    stamp TEXT NOT NULL,
    data BLOB NOT NULL
);
"""
# skipped: files a batch read and skipped (not Chinese), by key, with the stat they had, so a re-run
# does not read them (and load a language detector) again while their size and mtime stay.
# derived: what reading the glossary computes from pairs and uses (the reconciled glossary, its
# acronym links and suspect flags), stored so a re-run of an unchanged corpus reads one row; any
# change to pairs, uses or a document's key drops it (the triggers below), and its stamp names the
# zhdoc code that computed it.
TRIGGERS = [
    f"CREATE TRIGGER IF NOT EXISTS derived_{table}_{action} AFTER {what} ON {table} BEGIN DELETE FROM derived; END"
    for table, action, what in (
        ("pairs", "insert", "INSERT"),
        ("pairs", "delete", "DELETE"),
        ("pairs", "update", "UPDATE"),
        ("uses", "insert", "INSERT"),
        ("uses", "delete", "DELETE"),
        ("uses", "update", "UPDATE"),
        ("documents", "delete", "DELETE"),
        ("documents", "path", "UPDATE OF path"),
    )
]


# the names of the rows of table `derived` (see derived.py)
GLOSSARY, GLOSSARY_EXPORTED, ROWS = "glossary", "glossary+suspects", "rows"


class TermbaseError(Exception):
    """A termbase that cannot be used; str() is the one-line user message."""


def _columns(connection: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}


def _migrate_1_to_2(connection: sqlite3.Connection, termbase: str) -> None:
    """Schema 1 kept no per-document use counts and no original surface form of a rendering."""
    if "original" not in _columns(connection, "pairs"):
        connection.execute("ALTER TABLE pairs ADD COLUMN original TEXT NOT NULL DEFAULT ''")
        connection.execute("UPDATE pairs SET original = chinese")
    _run_script(connection, SCHEMA)
    # every rendering's uses must be counted again: mark all documents for recounting
    connection.execute("INSERT OR REPLACE INTO meta VALUES ('recount', '1')")


def _migrate_2_to_3(connection: sqlite3.Connection, termbase: str) -> None:
    """Schema 2 stored paths as given, relative to whatever folder the command ran in. Each is
    resolved against the termbase's folder and the current folder (the content hash decides
    when both hold a file); the ones found in neither stay as they were and are reported."""
    columns = _columns(connection, "documents")
    for column, definition in (
        ("origin", "TEXT NOT NULL DEFAULT 'file'"),
        ("added_at", "TEXT NOT NULL DEFAULT ''"),
        ("file_size", "INTEGER"),
        ("mtime_ns", "INTEGER"),
    ):
        if column not in columns:
            connection.execute(f"ALTER TABLE documents ADD COLUMN {column} {definition}")
    connection.execute("UPDATE documents SET added_at = processed_at WHERE added_at = ''")
    connection.execute("UPDATE documents SET origin = ? WHERE path = ?", (STDIN, STDIN_KEY))
    place = Place.of(termbase)
    try:
        here = os.getcwd()
    except OSError:  # the current folder was deleted
        here = place.folder
    found: dict[str, list[tuple[str, int, str]]] = {}
    missing: list[str] = []
    for doc_id, path, sha, processed in connection.execute(
        "SELECT id, path, sha256, processed_at FROM documents WHERE origin = ? ORDER BY path", (FILE,)
    ).fetchall():
        where = [path] if os.path.isabs(path) else [os.path.join(place.folder, path), os.path.join(here, path)]
        existing = list(dict.fromkeys(os.path.realpath(c) for c in where if os.path.isfile(c)))
        if not existing:
            missing.append(path)
            continue
        if len(existing) > 1:
            existing.sort(key=lambda candidate: file_hash(candidate) != sha)
        found.setdefault(place.key(existing[0]), []).append((processed, doc_id, path))
    moved = 0
    for key, stored in found.items():
        stored.sort(reverse=True)  # the newest version of a file stored under two names stays
        (_, keep, path), *twins = stored
        for _, doc_id, other in twins:
            connection.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
            notice(f"{termbase}: {other} and {path} are one file, {key}, stored twice: kept the newer ({path})", True)
        if key != path:
            connection.execute("UPDATE documents SET path = ? WHERE id = ?", (f"\0{keep}", keep))
            moved += 1
    for key, stored in found.items():
        keep = max(stored)[1]
        connection.execute("UPDATE documents SET path = ? WHERE id = ?", (key, keep))
    notice(
        f"{termbase}: termbase migrated to schema 3: {moved} document path(s) rewritten relative to "
        f"{place.folder} (or absolute)"
    )
    looked = place.folder if os.path.realpath(here) == place.folder else f"{place.folder} or {here}"
    for path in missing:
        notice(
            f"{termbase}: {path}: stored relative to an unknown folder and not found under {looked}; "
            "kept as it was (`zhdoc documents` lists it, `zhdoc remove` removes it)",
            True,
        )


def _migrate_3_to_4(connection: sqlite3.Connection, termbase: str) -> None:
    """Schema 3 kept no record of skipped files and no stored derived glossary: both start empty."""
    _create(connection)


MIGRATIONS = {1: _migrate_1_to_2, 2: _migrate_2_to_3, 3: _migrate_3_to_4}


def file_hash(path: str) -> str | None:
    """The sha256 of a file's bytes, read a block at a time; None when it cannot be read."""
    import hashlib

    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


@dataclass
class BatchReport:
    """What a batch brought to the termbase."""

    processed: list[str] = field(default_factory=list)  # keys
    unchanged: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # path given, key already holding its content
    moved: list[tuple[str, str]] = field(default_factory=list)  # old key (file gone), new key, same content
    removed: list[str] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)  # files gone from the folders named, kept (no --prune)
    new_terms: list[tuple[str, list[str]]] = field(default_factory=list)
    new_renderings: list[tuple[str, str]] = field(default_factory=list)
    competing: list[tuple[str, str, str]] = field(default_factory=list)  # english, new, established
    lost_terms: list[str] = field(default_factory=list)  # English keys no document glosses any more

    def lines(self) -> list[str]:
        out = [
            f"batch: {len(self.processed)} processed ({len(self.replaced)} changed), "
            f"{len(self.unchanged)} unchanged, {len(self.duplicates)} duplicate, {len(self.moved)} moved, "
            f"{len(self.removed)} removed"
        ]
        if self.duplicates:
            out.append(f"same content already in the termbase, not added again ({len(self.duplicates)}):")
            out.extend(f"  {path} = {key}" for path, key in self.duplicates)
        if self.moved:
            out.append(f"moved: same content, old file gone ({len(self.moved)}):")
            out.extend(f"  {old} -> {new}" for old, new in self.moved)
        if self.removed:
            out.append(f"removed, file gone ({len(self.removed)}):")
            out.extend(f"  {key}" for key in self.removed)
        if self.gone:
            out.append(f"file gone, kept: --prune or `zhdoc remove` removes it ({len(self.gone)}):")
            out.extend(f"  {key}" for key in self.gone)
        if self.new_terms:
            out.append(f"new English terms ({len(self.new_terms)}):")
            out.extend(f"  {english}: {'、'.join(renderings)}" for english, renderings in self.new_terms)
        if self.new_renderings:
            out.append(f"new renderings of known terms ({len(self.new_renderings)}):")
            out.extend(f"  {english}: {chinese}" for english, chinese in self.new_renderings)
        if self.competing:
            out.append(f"renderings now competing with an established one ({len(self.competing)}):")
            out.extend(f"  {english}: {new} vs {established}" for english, new, established in self.competing)
        if self.lost_terms:
            out.append(f"terms no longer in the termbase ({len(self.lost_terms)}):")
            out.extend(f"  {key}" for key in self.lost_terms)
        if not (self.new_terms or self.new_renderings):
            out.append("no new terms or renderings")
        return out


class Termbase:
    def __init__(self, path: str, *, readonly: bool = False) -> None:
        self.path = path
        self.readonly = readonly
        self.place = Place.of(path)
        if readonly and not os.path.exists(path):
            raise TermbaseError(f"{path}: no such termbase")
        if not readonly and os.path.exists(path) and not os.access(path, os.W_OK):
            raise TermbaseError(f"{path}: termbase is read-only")
        try:
            uri = f"file:{os.path.abspath(path)}?mode={'ro' if readonly else 'rwc'}"
            self.db = sqlite3.connect(uri, uri=True, timeout=10, isolation_level=None)
            self.db.execute("PRAGMA busy_timeout = 10000")
            self.db.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = NORMAL")
            self._check_schema(readonly)
        except sqlite3.DatabaseError as exc:
            raise TermbaseError(f"{path}: {_describe(exc)}") from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Termbase:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ schema

    def _check_schema(self, readonly: bool) -> None:
        tables = {row[0] for row in self.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            if readonly:
                raise TermbaseError(f"{self.path}: empty file, not a zhdoc termbase")
            with self.transaction():  # another zhdoc may be creating the same file: idempotent
                if not self.db.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall():
                    _create(self.db)
                    self.db.execute("INSERT OR IGNORE INTO meta VALUES ('application', ?)", (APPLICATION,))
                    self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            tables = {row[0] for row in self.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "meta" not in tables:
            raise TermbaseError(f"{self.path}: not a zhdoc termbase")
        meta = dict(self.db.execute("SELECT key, value FROM meta"))
        if meta.get("application") != APPLICATION:
            raise TermbaseError(f"{self.path}: not a zhdoc termbase")
        version = int(meta.get("schema_version", "0"))
        if version > SCHEMA_VERSION:
            raise TermbaseError(
                f"{self.path}: termbase schema {version} is newer than this zhdoc understands ({SCHEMA_VERSION}); "
                "upgrade zhdoc"
            )
        if version < SCHEMA_VERSION:
            if readonly:
                if not os.access(self.path, os.W_OK):
                    raise TermbaseError(
                        f"{self.path}: termbase schema {version} needs migrating, and the file is read-only"
                    )
                Termbase(self.path).close()  # migrates in place, in one transaction
                return self._check_schema(readonly)
            with self.transaction():
                for step in range(version, SCHEMA_VERSION):
                    MIGRATIONS[step](self.db, self.path)
                self.db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))
        if not readonly and self.db.execute("SELECT 1 FROM meta WHERE key = 'recount'").fetchone():
            with self.transaction():
                self._recount(None)
                self.db.execute("DELETE FROM meta WHERE key = 'recount'")

    def schema_version(self) -> int:
        return int(self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0])

    # ------------------------------------------------------------------ transactions

    class _Transaction:
        def __init__(self, db: sqlite3.Connection, path: str) -> None:
            self.db, self.path = db, path

        def __enter__(self) -> None:
            try:
                self.db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                if "locked" in str(exc) or "busy" in str(exc):
                    raise TermbaseError(f"{self.path}: termbase busy (another zhdoc is writing to it)") from None
                raise TermbaseError(f"{self.path}: {_describe(exc)}") from None

        def __exit__(self, kind, value, traceback) -> None:
            if kind is None:
                try:
                    self.db.execute("COMMIT")
                except sqlite3.DatabaseError as exc:
                    self.db.execute("ROLLBACK")
                    raise TermbaseError(f"{self.path}: {_describe(exc)}") from None
            else:
                self.db.execute("ROLLBACK")

    def transaction(self) -> Termbase._Transaction:
        return Termbase._Transaction(self.db, self.path)

    # ------------------------------------------------------------------ writing

    def known(self, key: str) -> tuple[str, FileStat | None] | None:
        """(content hash, file stat when hashed) of a stored document, None when the key is new."""
        row = self.db.execute("SELECT sha256, file_size, mtime_ns FROM documents WHERE path = ?", (key,)).fetchone()
        if row is None:
            return None
        return row[0], (FileStat(row[1], row[2]) if row[1] is not None and row[2] is not None else None)

    def known_all(self) -> dict[str, tuple[str, FileStat | None]]:
        """known() of every stored document at once: one query for a whole batch."""
        return {
            key: (sha, FileStat(size, mtime) if size is not None and mtime is not None else None)
            for key, sha, size, mtime in self.db.execute("SELECT path, sha256, file_size, mtime_ns FROM documents")
        }

    def skips(self) -> dict[str, tuple[FileStat, str]]:
        """key -> (stat, reason) of the files earlier batches read and skipped."""
        return {
            key: (FileStat(size, mtime), reason)
            for key, size, mtime, reason in self.db.execute("SELECT path, file_size, mtime_ns, reason FROM skipped")
        }

    def remember_skip(self, key: str, stat: FileStat, reason: str) -> None:
        """A file read and skipped, with the stat taken before it was read."""
        self.db.execute(
            "INSERT OR REPLACE INTO skipped (path, file_size, mtime_ns, reason) VALUES (?, ?, ?, ?)",
            (key, stat.size, stat.mtime_ns, reason),
        )

    def same_content(self, sha256: str) -> list[tuple[str, str]]:
        """(key, origin) of the stored documents with this content hash."""
        return self.db.execute(
            "SELECT path, origin FROM documents WHERE sha256 = ? ORDER BY path", (sha256,)
        ).fetchall()

    def keys(self, origin: str | None = None) -> list[str]:
        if origin is None:
            return [row[0] for row in self.db.execute("SELECT path FROM documents ORDER BY path")]
        return [
            row[0] for row in self.db.execute("SELECT path FROM documents WHERE origin = ? ORDER BY path", (origin,))
        ]

    def snapshot(self) -> dict[str, dict[str, int]]:
        """english key -> rendering -> times glossed, to tell what a batch added."""
        result: dict[str, dict[str, int]] = {}
        for key, chinese, count in self.db.execute(
            "SELECT english_key, chinese, COUNT(*) FROM pairs GROUP BY english_key, chinese"
        ):
            result.setdefault(key, {})[chinese] = count
        return result

    def term_names(self) -> dict[str, str]:
        """English key -> one English form glossing it, to name the terms a removal takes away."""
        return dict(self.db.execute("SELECT english_key, MIN(english) FROM pairs GROUP BY english_key"))

    def remove(self, key: str) -> None:
        self.db.execute("DELETE FROM documents WHERE path = ?", (key,))
        self.db.execute("DELETE FROM skipped WHERE path = ?", (key,))

    def rename(self, old: str, new: str, stat: FileStat | None) -> None:
        """A stored file found, same content, under another path, and gone from the old one."""
        self.db.execute(
            "UPDATE documents SET path = ?, origin = ?, file_size = ?, mtime_ns = ? WHERE path = ?",
            (new, FILE, stat and stat.size, stat and stat.mtime_ns, old),
        )

    def restat(self, key: str, stat: FileStat | None) -> None:
        """Record the stat of an unchanged file (its content hash was just checked)."""
        self.db.execute(
            "UPDATE documents SET file_size = ?, mtime_ns = ? WHERE path = ?",
            (stat and stat.size, stat and stat.mtime_ns, key),
        )

    def store(
        self,
        result: DocumentResult,
        text: str,
        key: str | None = None,
        origin: str = FILE,
        stat: FileStat | None = None,
    ) -> None:
        """Replace whatever the termbase held under this key (default: the result's path) with this result."""
        from .terms.rules import fold_key

        key = key or result.path
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        row = self.db.execute("SELECT added_at FROM documents WHERE path = ?", (key,)).fetchone()
        self.remove(key)
        cursor = self.db.execute(
            "INSERT INTO documents (path, sha256, encoding, language, script, region, size, processed_at, text, "
            "origin, added_at, file_size, mtime_ns) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                key,
                result.sha256,
                result.encoding,
                result.language,
                result.script,
                result.region,
                result.size,
                now,
                _blob(text),
                origin,
                row[0] if row else now,
                stat and stat.size,
                stat and stat.mtime_ns,
            ),
        )
        doc_id = cursor.lastrowid
        self.db.executemany(
            "INSERT INTO pairs (doc_id, english, english_key, chinese, kind, line, pattern, context, original, "
            "script, region) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    doc_id,
                    p.english,
                    fold_key(p.english),
                    p.chinese,
                    p.kind,
                    p.line,
                    p.pattern,
                    p.context,
                    p.original or p.chinese,
                    p.script,
                    p.region,
                )
                for p in result.pairs
            ],
        )
        self.db.executemany(
            "INSERT INTO segments (doc_id, english, chinese, line) VALUES (?, ?, ?, ?)",
            [(doc_id, s.english, s.chinese, s.line) for s in result.segments],
        )
        self.db.executemany(
            "INSERT INTO citations (doc_id, data) VALUES (?, ?)",
            [(doc_id, json.dumps(_citation_to_dict(c), ensure_ascii=False)) for c in result.citations],
        )

    def update_uses(self, new_renderings: set[str], changed_keys: set[str]) -> None:
        """Recount uses where they can have changed: in the documents of this batch, and in older
        documents that contain a rendering the batch introduced. One document's text at a time."""
        matcher = use_matcher(self.renderings())
        if matcher is None:
            return
        new_matcher = use_matcher(new_renderings)
        for doc_id, path in self.db.execute("SELECT id, path FROM documents").fetchall():
            blob = self._text_blob(doc_id)
            if path not in changed_keys and (
                new_matcher is None or not any(new_matcher.occurs_in(text) for text in iter_text(blob))
            ):
                continue
            self._write_uses(doc_id, count_document(blob, matcher))

    def _recount(self, _unused) -> None:
        matcher = use_matcher(self.renderings())
        for (doc_id,) in self.db.execute("SELECT id FROM documents").fetchall():
            self._write_uses(doc_id, count_document(self._text_blob(doc_id), matcher))

    def _text_blob(self, doc_id: int) -> bytes:
        return self.db.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]

    def _write_uses(self, doc_id: int, counts: dict[str, int]) -> None:
        self.db.execute("DELETE FROM uses WHERE doc_id = ?", (doc_id,))
        self.db.executemany(
            "INSERT INTO uses (doc_id, chinese, count) VALUES (?, ?, ?)",
            [(doc_id, chinese, n) for chinese, n in counts.items() if n],
        )

    def renderings(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT DISTINCT chinese FROM pairs")}

    # ------------------------------------------------------------------ reading

    def glossary(self, export: bool = False) -> Glossary:
        """The termbase's glossary: the stored one when pairs and uses have not changed since it was
        computed (by this zhdoc), else computed from them and stored (on a writable termbase).
        `export`: also what the writers derive from it (suspect flags, the CSV rows), stored the same
        way; a stored glossary is decoded only when looked into (derived.StoredGlossary).

        Outside a batch, the reading is one read transaction (a snapshot), and storing what it
        computed is attempted in it: if another zhdoc committed a batch since, the snapshot cannot
        be written, and nothing is stored (a glossary of the old state must not be)."""
        self._store_failed = False
        if self.readonly or self.db.in_transaction:
            return self._glossary(export)
        self.db.execute("BEGIN")
        try:
            return self._glossary(export, wait=False)
        finally:
            self.db.execute("ROLLBACK" if self._store_failed else "COMMIT")

    _store_failed = False

    def _glossary(self, export: bool, wait: bool = True) -> Glossary:
        from . import derived

        stamp = derived.stamp()
        stored = {
            name: data for name, mark, data in self.db.execute("SELECT name, stamp, data FROM derived") if mark == stamp
        }
        blob = stored.get(GLOSSARY_EXPORTED) or (None if export else stored.get(GLOSSARY))
        rows = derived.decode_rows(stored[ROWS]) if ROWS in stored else None
        if blob is not None and (rows is not None or not export):
            return derived.StoredGlossary(blob, rows)
        glossary = derived.decode(stored[GLOSSARY])[0] if GLOSSARY in stored else self._compute_glossary()
        if not self.readonly:
            values = [(GLOSSARY_EXPORTED if export else GLOSSARY, stamp, derived.encode(glossary, export))]
            if export:
                values.append((ROWS, stamp, derived.encode_rows(glossary)))
            if not wait:
                self.db.execute("PRAGMA busy_timeout = 0")  # a batch is writing: store it another time
            try:
                self.db.execute("DELETE FROM derived")
                self.db.executemany("INSERT INTO derived (name, stamp, data) VALUES (?, ?, ?)", values)
            except sqlite3.OperationalError:  # busy, or the snapshot is out of date: not stored
                self._store_failed = True
            finally:
                self.db.execute("PRAGMA busy_timeout = 10000")
        return glossary

    def _compute_glossary(self) -> Glossary:
        glossary = self._reconciled_pairs(dict(self.db.execute("SELECT id, path FROM documents")))
        glossary.record_uses(  # (path, rendering, count) rows, the path joined in by SQLite
            self.db.execute("SELECT d.path, u.chinese, u.count FROM uses u JOIN documents d ON d.id = u.doc_id")
        )
        return glossary

    def _reconciled_pairs(self, paths: dict[int, str]) -> Glossary:
        """The glossary of the stored pairs, reconciled, without uses (`paths`: document id -> path)."""
        glossary = Glossary()
        add = glossary.add_gloss
        for key, english, chinese, kind, doc_id, line, pattern, context, original, region in self.db.execute(
            "SELECT english_key, english, chinese, kind, doc_id, line, pattern, context, original, "
            "script || '/' || region FROM pairs"
        ):
            add(key, english, chinese, kind, paths[doc_id], line, pattern, context, original, region)
        glossary.reconcile()
        return glossary

    def report_glossary(self, before: dict[str, dict[str, int]]) -> Glossary:
        """What a batch report reads (`zhdoc add`): the reconciled glossary, with uses recorded only
        for the renderings of terms that are new or have a new rendering since `before` (a
        snapshot()). Reading every use of every rendering (60,000 rows in a termbase of 1,300
        articles) for a report of a few terms was most of a one-article add; not stored."""
        paths = dict(self.db.execute("SELECT id, path FROM documents"))
        glossary = self._reconciled_pairs(paths)
        touched = sorted(
            {
                chinese
                for key, entry in glossary.entries.items()
                if key not in before or any(c not in before[key] for c in entry.renderings)
                for chinese in entry.renderings
            }
        )
        for start in range(0, len(touched), 500):  # SQLite's bound on parameters
            chunk = touched[start : start + 500]
            rows = self.db.execute(
                f"SELECT doc_id, chinese, count FROM uses WHERE chinese IN ({', '.join('?' * len(chunk))})", chunk
            )
            glossary.record_uses((paths[doc_id], chinese, count) for doc_id, chinese, count in rows)
        return glossary

    def segments(self) -> list[Segment]:
        return [
            Segment(english, chinese, path, line)
            for english, chinese, path, line in self.db.execute(
                "SELECT s.english, s.chinese, d.path, s.line FROM segments s JOIN documents d ON d.id = s.doc_id "
                "ORDER BY d.path, s.line"
            )
        ]

    def citations(self) -> CitationIndex:
        from .citations import CitationIndex

        index = CitationIndex()
        for key, data in self.db.execute(
            "SELECT d.path, c.data FROM citations c JOIN documents d ON d.id = c.doc_id ORDER BY d.path, c.id"
        ):
            citation = _citation_from_dict(json.loads(data))
            # a citation row belongs to one document: its occurrences are named by the document's key
            citation.occurrences = [Occurrence(key, o.line, o.raw) for o in citation.occurrences]
            index.add(citation)
        return index

    def documents(self) -> list[DocumentResult]:
        return [
            DocumentResult(path, sha, enc, lang, script, region, size=size, pair_count=pairs, citation_count=cites)
            for path, sha, enc, lang, script, region, size, pairs, cites in self.db.execute(
                "SELECT path, sha256, encoding, language, script, region, size, "
                "COALESCE(p.n, 0), COALESCE(c.n, 0) FROM documents d "
                "LEFT JOIN (SELECT doc_id, COUNT(*) AS n FROM pairs GROUP BY doc_id) p ON p.doc_id = d.id "
                "LEFT JOIN (SELECT doc_id, COUNT(*) AS n FROM citations GROUP BY doc_id) c ON c.doc_id = d.id "
                "ORDER BY path"
            )
        ]

    def listing(self) -> list[dict[str, object]]:
        """What `zhdoc documents` shows: one row per document, with whether its file is still there."""
        rows = []
        for (
            key,
            origin,
            sha,
            added,
            processed,
            language,
            script,
            region,
            encoding,
            size,
            pairs,
            cites,
        ) in self.db.execute(
            "SELECT path, origin, sha256, added_at, processed_at, language, script, region, encoding, size, "
            "(SELECT COUNT(*) FROM pairs p WHERE p.doc_id = d.id), "
            "(SELECT COUNT(*) FROM citations c WHERE c.doc_id = d.id) FROM documents d ORDER BY path"
        ):
            status = STDIN if origin == STDIN else ("present" if self.place.exists(key) else "missing")
            rows.append(
                {
                    "path": key,
                    "status": status,
                    "sha256": sha,
                    "added": added,
                    "processed": processed,
                    "pairs": pairs,
                    "citations": cites,
                    "language": language,
                    "script": script,
                    "region": region,
                    "encoding": encoding,
                    "size": size,
                }
            )
        return rows

    def lines(self, path: str) -> Iterator[str]:
        """The normalized lines of one stored document, read a block at a time."""
        row = self.db.execute("SELECT text FROM documents WHERE path = ?", (path,)).fetchone()
        if row is None:
            return
        rest = ""
        for text in iter_text(row[0]):
            *complete, rest = (rest + text).split("\n")
            yield from complete
        yield rest


def _blob(text: str | SpoolFile) -> bytes:
    """A normalized text as stored: zlib-compressed (a spooled very large text is already)."""
    if isinstance(text, SpoolFile):
        with open(text.path, "rb") as handle:
            return handle.read()
    return zlib.compress(text.encode("utf-8"), 6)


def _create(connection: sqlite3.Connection) -> None:
    _run_script(connection, SCHEMA)
    for trigger in TRIGGERS:
        connection.execute(trigger)


def _run_script(connection: sqlite3.Connection, script: str) -> None:
    """Statement by statement: executescript() would commit the surrounding transaction."""
    for statement in script.split(";"):
        if statement.strip():
            connection.execute(statement)


def _describe(exc: sqlite3.DatabaseError) -> str:
    message = str(exc)
    if "file is not a database" in message or "malformed" in message:
        return "not a zhdoc termbase (not an SQLite database, or corrupt)"
    if "readonly" in message or "read-only" in message:
        return "termbase is read-only"
    if "locked" in message or "busy" in message:
        return "termbase busy (another zhdoc is writing to it)"
    if "unable to open" in message:
        return "cannot open termbase (folder missing or no permission)"
    return message


def _citation_to_dict(citation: Citation) -> dict:
    data = dict(citation.__dict__)
    data["authors"] = [list(a) for a in citation.authors]
    data["occurrences"] = [{"doc": o.doc, "line": o.line, "raw": o.raw} for o in citation.occurrences]
    return data


def _citation_from_dict(data: dict) -> Citation:
    data = dict(data)
    data["authors"] = [tuple(a) for a in data.get("authors", [])]
    data["occurrences"] = [Occurrence(**o) for o in data.get("occurrences", [])]
    return Citation(**data)


def batch_report(before: dict[str, dict[str, int]], after: Glossary) -> tuple[list, list, list]:
    """New terms, new renderings of known terms, and new renderings competing with an established one
    (used at least half as often as the term's most used rendering)."""
    new_terms, new_renderings, competing = [], [], []
    for key, entry in sorted(after.entries.items()):
        ranked = entry.ranked()
        if key not in before:
            new_terms.append((entry.english, [r.chinese for r in ranked]))
            continue
        known = before[key]
        established = max(known, key=lambda c: (known[c], c))
        top = entry.renderings.get(established)
        for rendering in ranked:
            if rendering.chinese in known:
                continue
            new_renderings.append((entry.english, rendering.chinese))
            if top is not None and rendering.use_count * 2 >= top.use_count:
                competing.append((entry.english, rendering.chinese, established))
    return new_terms, new_renderings, competing
