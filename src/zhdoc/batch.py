"""A batch into a termbase: sort the inputs by what the termbase already holds, mine what is new or
changed, and remove only what the caller asked to remove.

Each input gets its key (identity.py). A known key with the same content hash is unchanged; a new
key whose content the termbase already holds is a duplicate (reported, not added), or a move when
the file of that other key is gone. Documents whose files disappeared from the folders named are
reported and kept, unless `prune` is set. The whole batch is one transaction.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from stat import S_ISLNK

from .identity import FILE, STDIN, STDIN_KEY, FileStat, Place
from .ingest import STDIN as STDIN_PATH
from .models import DocumentResult
from .pipeline import CorpusResult, Failure, _collect, _processed
from .store import BatchReport, Termbase, batch_report, file_hash


@dataclass(frozen=True)
class Source:
    """One input of a batch: what the worker reads (`path`, `data`), what the termbase calls it
    (`key`), and the file's stat taken before its content was hashed."""

    path: str
    data: bytes | None
    key: str
    origin: str
    stat: FileStat | None
    sha256: str | None

    @property
    def document_path(self) -> str:
        """The path the mined DocumentResult comes back with."""
        return self.path if self.data is None else self.key


def run_batch(
    paths: list[str],
    termbase: str,
    jobs: int | None,
    force: bool,
    on_document: Callable[[DocumentResult | Failure], None] | None,
    want: tuple[str, ...],
    spool_dir: str,
    name: str | None = None,
    prune: bool = False,
    globs: tuple = ((), ()),
    glossary: bool = True,
) -> tuple[CorpusResult, BatchReport]:
    """`glossary=False`: the result's glossary is left empty; the batch report reads only the terms
    the batch touched (Termbase.report_glossary)."""
    report, result = BatchReport(), CorpusResult()
    with Termbase(termbase) as base:
        known = base.known_all()
        todo, moves, restat = _sort(
            base, known, _sources(base, known, paths, result, name, globs, force), force, name, report, result
        )
        moved = {old for old, _ in moves}
        folders = [p for p in paths if p != STDIN_PATH and os.path.isdir(p)]
        gone = [
            key
            for key in base.keys(FILE)
            if key not in moved and any(base.place.under(key, f) for f in folders) and not base.place.exists(key)
        ]
        work = bool(todo or moves or (prune and gone))
        before = base.snapshot() if work else {}
        names = base.term_names() if prune and gone else {}
        renderings_before = base.renderings() if work else set()
        by_path = {source.document_path: source for source in todo}
        with base.transaction():
            for old, source in moves:
                base.rename(old, source.key, source.stat)
            for source in restat:
                base.restat(source.key, source.stat)
            if prune:
                for key in gone:
                    base.remove(key)
                    report.removed.append(key)
            else:
                report.gone = gone
            changed: set[str] = set()
            skipped = len(result.skipped)
            for document, text in _processed(
                [(s.path, s.data) for s in todo], spool_dir, jobs, result, on_document, name or STDIN_KEY
            ):
                source = by_path[document.path]
                base.store(document, text, source.key, source.origin, source.stat)
                changed.add(source.key)
                report.processed.append(source.key)
            for failure in result.skipped[skipped:]:  # read and found not Chinese: not read again unchanged
                source = by_path.get(failure.path)
                if source is not None and source.origin == FILE and source.stat is not None:
                    base.remember_skip(source.key, source.stat, failure.reason)
            if changed or report.removed:
                base.update_uses(base.renderings() - renderings_before, changed)
            if glossary:
                result.glossary = base.glossary(export="export" in want)
            if changed or report.removed:
                # `zhdoc add` (glossary=False) reads only what its report needs, and stores nothing:
                # the next batch changes the glossary again
                read = result.glossary if glossary else base.report_glossary(before)
                report.new_terms, report.new_renderings, report.competing = batch_report(before, read)
                # the pairs, not the reconciled glossary: a term the glossary leaves out (a string
                # given for many English forms) is still glossed, and was left out before too; only
                # a replaced or removed document takes pairs away
                if report.replaced or report.removed:
                    after = base.snapshot()
                    report.lost_terms = sorted(names.get(k, k) for k in before if k not in after)
        if "segments" in want:
            result.segments = base.segments()
        if "citations" in want:
            result.citations = base.citations()
        result.documents = base.documents()
    return result, report


def _sources(
    base: Termbase,
    known: dict[str, tuple[str, FileStat | None]],
    paths: list[str],
    result: CorpusResult,
    name: str | None,
    globs: tuple = ((), ()),
    force: bool = False,
) -> list[Source]:
    """The batch's inputs with their keys; a file named twice (by any path) counts once.

    A stored file whose size and modification time (in nanoseconds) are what they were when it was
    hashed is taken as unchanged without reading it, as make and git do: a re-run of an unchanged
    corpus reads no file. So is a file an earlier batch read and skipped (not Chinese): it is
    reported skipped again, for the same reason. `--force` reads everything."""
    sources: list[Source] = []
    seen: set[str] = set()
    skips = {} if force else base.skips()
    resolve = _Resolver(base.place)
    for path, data in _collect(paths, result, *globs):
        if data is not None:
            source = Source(path, data, name or STDIN_KEY, STDIN, None, hashlib.sha256(data).hexdigest())
        else:
            key, stat = resolve(path)  # the stat before the hash: a file changed in between is hashed next time
            skip = skips.get(key)
            if skip is not None and skip[0] == stat:
                if key not in seen:
                    seen.add(key)
                    result.skipped.append(Failure(path, skip[1]))
                continue
            stored = None if force or stat is None else known.get(key)
            unchanged = stored is not None and stored[1] is not None and stored[1] == stat
            source = Source(path, None, key, FILE, stat, stored[0] if unchanged else file_hash(path))
        if source.key not in seen:
            seen.add(source.key)
            sources.append(source)
    return sources


class _Resolver:
    """A file's key and stat, for many files: each folder is resolved once (os.path.realpath costs
    an lstat per path component), and the file's own lstat is its stat when it is not a symlink."""

    def __init__(self, place: Place) -> None:
        self.place = place
        self.folders: dict[str, str] = {}

    def __call__(self, path: str) -> tuple[str, FileStat | None]:
        folder, name = os.path.split(path)
        try:
            info = os.lstat(path)
        except OSError:
            return self.place.key(path), None
        if S_ISLNK(info.st_mode) or name in ("", os.curdir, os.pardir):
            return self.place.key(path), FileStat.of(path)
        real = self.folders.get(folder)
        if real is None:
            real = self.folders[folder] = os.path.realpath(folder or os.curdir)
        return self.place.key_of_real(os.path.join(real, name)), FileStat(info.st_size, info.st_mtime_ns)


def _sort(
    base: Termbase,
    stored: dict[str, tuple[str, FileStat | None]],
    sources: list[Source],
    force: bool,
    name: str | None,
    report: BatchReport,
    result: CorpusResult,
) -> tuple[list[Source], list[tuple[str, Source]], list[Source]]:
    """The sources to mine, the moves (old key, source), and the unchanged files whose stored stat
    is out of date; the rest goes into the report."""
    todo: list[Source] = []
    moves: list[tuple[str, Source]] = []
    fresh: list[Source] = []
    restat: list[Source] = []
    for source in sources:
        known = stored.get(source.key)
        if known is None:
            fresh.append(source)
        elif source.sha256 == known[0] and not force:
            report.unchanged.append(source.key)
            if source.stat is not None and source.stat != known[1]:
                restat.append(source)  # touched, or stored before stats were kept: next time size+mtime suffice
        elif source.origin == STDIN and name is None and source.sha256 != known[0]:
            result.failures.append(
                Failure(
                    STDIN_PATH,
                    f"the termbase already holds another text read from stdin ({STDIN_KEY}); name this one with "
                    "--name NAME (the same NAME again replaces that document)",
                )
            )
        else:
            if source.sha256 != known[0]:
                report.replaced.append(source.key)
            todo.append(source)
    changing = set(report.replaced)
    claimed: dict[str, str] = {}  # content hash -> key that brings it in this batch
    for source in fresh:
        if source.sha256 is None:  # unreadable: the worker reports why
            todo.append(source)
            continue
        twins = [twin for twin in base.same_content(source.sha256) if twin[0] not in changing]
        if source.sha256 in claimed:
            report.duplicates.append((source.path if source.origin == FILE else source.key, claimed[source.sha256]))
            continue
        claimed[source.sha256] = source.key
        vanished = [key for key, origin in twins if origin == FILE and not base.place.exists(key)]
        if source.origin == FILE and vanished and len(vanished) == len(twins):
            moves.append((vanished[0], source))
            report.moved.append((vanished[0], source.key))
        elif twins:
            report.duplicates.append((source.path if source.origin == FILE else source.key, twins[0][0]))
        else:
            todo.append(source)
    return todo, moves, restat


@dataclass
class Removal:
    """What `remove_documents` did."""

    removed: list[str]  # keys
    unknown: list[str]  # paths that name no document
    left: int  # documents left
    lost_terms: list[str]  # English terms no document glosses any more


def remove_documents(paths: list[str], termbase: str) -> Removal:
    """Remove the documents named by `paths` in one transaction: a file (present or gone), a folder
    (every document under it), or a key as `zhdoc documents` lists it (a stdin name)."""
    with Termbase(termbase) as base:
        keys, files = base.keys(), base.keys(FILE)
        chosen: list[str] = []
        unknown: list[str] = []
        for path in paths:
            matched = _named(base, path, keys, files)
            if not matched:
                unknown.append(path)
            chosen.extend(key for key in matched if key not in chosen)
        lost: list[str] = []
        if chosen:
            with base.transaction():
                names = base.term_names()
                for key in chosen:
                    base.remove(key)
                left = base.term_names()
                lost = sorted(name for key, name in names.items() if key not in left)
        return Removal(chosen, unknown, len(keys) - len(chosen), lost)


def _named(base: Termbase, path: str, keys: list[str], files: list[str]) -> list[str]:
    """The keys a path on the command line names: its own key, or the files under it as a folder
    (also a folder that no longer exists); failing those, a key or folder as `documents` lists it."""
    key = base.place.key(path)
    if key in keys:
        return [key]
    inside = [k for k in files if base.place.under(k, path)]
    if inside:
        return inside
    if path in keys:
        return [path]
    return [k for k in files if k.startswith(path.rstrip(os.sep) + os.sep)]
