"""The termbase: a SQLite file that grows with every batch of articles.

- Incremental: documents are keyed by path and content hash; unchanged ones are not processed
  again, changed ones replace their old results, `force` re-processes everything.
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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone

from .citations import CitationIndex
from .glossary import Glossary, use_pattern
from .models import Citation, DocumentResult, Occurrence, Segment
from .spool import SpoolFile, count_document, iter_text
from .terms import fold_key

SCHEMA_VERSION = 2
APPLICATION = "zhdoc-termbase"

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
    text BLOB NOT NULL
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
"""


class TermbaseError(Exception):
    """A termbase that cannot be used; str() is the one-line user message."""


def _migrate_1_to_2(connection: sqlite3.Connection) -> None:
    """Schema 1 kept no per-document use counts and no original surface form of a rendering."""
    columns = {row[1] for row in connection.execute("PRAGMA table_info(pairs)")}
    if "original" not in columns:
        connection.execute("ALTER TABLE pairs ADD COLUMN original TEXT NOT NULL DEFAULT ''")
        connection.execute("UPDATE pairs SET original = chinese")
    _run_script(connection, SCHEMA)
    # every rendering's uses must be counted again: mark all documents for recounting
    connection.execute("INSERT OR REPLACE INTO meta VALUES ('recount', '1')")


MIGRATIONS = {1: _migrate_1_to_2}


@dataclass
class BatchReport:
    """What a batch brought to the termbase."""

    processed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    new_terms: list[tuple[str, list[str]]] = field(default_factory=list)
    new_renderings: list[tuple[str, str]] = field(default_factory=list)
    competing: list[tuple[str, str, str]] = field(default_factory=list)  # english, new, established

    def lines(self) -> list[str]:
        out = [
            f"batch: {len(self.processed)} processed ({len(self.replaced)} changed), "
            f"{len(self.unchanged)} unchanged, {len(self.removed)} removed"
        ]
        if self.new_terms:
            out.append(f"new English terms ({len(self.new_terms)}):")
            out.extend(f"  {english}: {'、'.join(renderings)}" for english, renderings in self.new_terms)
        if self.new_renderings:
            out.append(f"new renderings of known terms ({len(self.new_renderings)}):")
            out.extend(f"  {english}: {chinese}" for english, chinese in self.new_renderings)
        if self.competing:
            out.append(f"renderings now competing with an established one ({len(self.competing)}):")
            out.extend(f"  {english}: {new} vs {established}" for english, new, established in self.competing)
        if not (self.new_terms or self.new_renderings):
            out.append("no new terms or renderings")
        return out


class Termbase:
    def __init__(self, path: str, *, readonly: bool = False) -> None:
        self.path = path
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
                    _run_script(self.db, SCHEMA)
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
                raise TermbaseError(f"{self.path}: termbase schema {version} needs migrating; open it writable once")
            with self.transaction():
                for step in range(version, SCHEMA_VERSION):
                    MIGRATIONS[step](self.db)
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

    def known_hash(self, path: str) -> str | None:
        row = self.db.execute("SELECT sha256 FROM documents WHERE path = ?", (path,)).fetchone()
        return row[0] if row else None

    def paths(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT path FROM documents ORDER BY path")]

    def snapshot(self) -> dict[str, dict[str, int]]:
        """english key -> rendering -> times glossed, to tell what a batch added."""
        result: dict[str, dict[str, int]] = {}
        for key, chinese, count in self.db.execute(
            "SELECT english_key, chinese, COUNT(*) FROM pairs GROUP BY english_key, chinese"
        ):
            result.setdefault(key, {})[chinese] = count
        return result

    def remove(self, path: str) -> None:
        self.db.execute("DELETE FROM documents WHERE path = ?", (path,))

    def store(self, result: DocumentResult, text: str) -> None:
        """Replace whatever the termbase held for this path with this result."""
        self.remove(result.path)
        cursor = self.db.execute(
            "INSERT INTO documents (path, sha256, encoding, language, script, region, size, processed_at, text) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                result.path,
                result.sha256,
                result.encoding,
                result.language,
                result.script,
                result.region,
                result.size,
                datetime.now(timezone.utc).isoformat(timespec="seconds"),
                _blob(text),
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

    def update_uses(self, new_renderings: set[str], changed_paths: set[str]) -> None:
        """Recount uses where they can have changed: in the documents of this batch, and in older
        documents that contain a rendering the batch introduced. One document's text at a time."""
        pattern = use_pattern(self.renderings())
        if pattern is None:
            return
        new_pattern = use_pattern(new_renderings)
        for doc_id, path in self.db.execute("SELECT id, path FROM documents").fetchall():
            blob = self._text_blob(doc_id)
            if path not in changed_paths and (
                new_pattern is None or not any(new_pattern.search(text) for text in iter_text(blob))
            ):
                continue
            self._write_uses(doc_id, count_document(blob, pattern))

    def _recount(self, _unused) -> None:
        pattern = use_pattern(self.renderings())
        for (doc_id,) in self.db.execute("SELECT id FROM documents").fetchall():
            self._write_uses(doc_id, count_document(self._text_blob(doc_id), pattern))

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

    def glossary(self) -> Glossary:
        glossary = Glossary()
        add = glossary.add_gloss
        paths = dict(self.db.execute("SELECT id, path FROM documents"))
        for key, english, chinese, kind, doc_id, line, pattern, context, original, region in self.db.execute(
            "SELECT english_key, english, chinese, kind, doc_id, line, pattern, context, original, "
            "script || '/' || region FROM pairs"
        ):
            add(key, english, chinese, kind, paths[doc_id], line, pattern, context, original, region)
        glossary.reconcile()
        glossary.record_uses(
            (paths[doc_id], chinese, count)
            for doc_id, chinese, count in self.db.execute("SELECT doc_id, chinese, count FROM uses")
        )
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
        index = CitationIndex()
        for (data,) in self.db.execute(
            "SELECT c.data FROM citations c JOIN documents d ON d.id = c.doc_id ORDER BY d.path, c.id"
        ):
            index.add(_citation_from_dict(json.loads(data)))
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


def under(path: str, roots: Iterable[str]) -> bool:
    absolute = os.path.abspath(path)
    return any(absolute.startswith(os.path.abspath(root).rstrip(os.sep) + os.sep) for root in roots)
