"""The pipeline as a library: paths in, glossary, segments and citations out.

Everything before aggregation is a pure function of one document, so documents stream through
worker processes (each loads jieba once) and only their small results are kept.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .glossary import Glossary, reconcile_for_uses
from .ingest import STDIN, IngestError, NotChineseError, Skipped, find_sources, load_document, read_source
from .models import Document, DocumentResult, Segment
from .spool import SpoolFile, count_document

if TYPE_CHECKING:
    from .citations import CitationIndex

# The miners (normalize, terms, citations) are imported where a document is mined, not here: a
# re-run of an unchanged corpus into a termbase mines nothing and should not pay for loading them.


@dataclass(frozen=True)
class Failure:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class CorpusResult:
    glossary: Glossary = field(default_factory=Glossary)
    segments: list[Segment] = field(default_factory=list)
    citations: CitationIndex = field(default_factory=lambda: _citation_index())
    documents: list[DocumentResult] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    skipped: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def _citation_index() -> CitationIndex:
    from .citations import CitationIndex

    return CitationIndex()


def process_document(document: Document) -> DocumentResult:
    """Normalize and mine one document."""
    return _process(document)[0]


def _process(document: Document) -> tuple[DocumentResult, str]:
    """The mined result and the normalized text (kept for counting uses)."""
    from .citations import mine_citations
    from .normalize import normalize_document, relocate
    from .terms import mine_document

    normalized = normalize_document(document)
    pairs, segments = mine_document(normalized)
    result = DocumentResult(
        path=document.path,
        sha256=document.sha256,
        encoding=document.encoding,
        language=document.language,
        script=document.script,
        region=document.region,
        pairs=pairs,
        segments=segments,
        citations=mine_citations(normalized),
        size=len(document.text.encode("utf-8")),
    )
    return relocate(result, normalized), normalized.text


def process_path(path: str, data: bytes | None = None) -> DocumentResult | Failure:
    """Worker entry point: never raises for bad input, returns a Failure instead."""
    outcome = process_for_store(path, data)
    return outcome if isinstance(outcome, Failure) else outcome[0]


def default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


def _map(function: Callable, items: list, jobs: int) -> Iterator:
    """Ordered map over worker processes (or in-process for one job or one item)."""
    jobs = min(jobs, max(1, len(items) // 8))  # a worker pays ~1 s of dictionary loading: not for a few files
    if jobs <= 1:
        yield from (function(*item) for item in items)
        return
    import multiprocessing

    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    with context.Pool(processes=min(jobs, len(items)), initializer=_ignore_interrupt) as pool:
        yield from pool.imap(_star, [(function, item) for item in items], chunksize=1)


def _ignore_interrupt() -> None:
    """Workers leave Ctrl-C to the parent, which stops the pool and rolls the batch back."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _star(call: tuple[Callable, tuple]):
    function, args = call
    return function(*args)


def extract(
    paths: Iterable[str],
    jobs: int | None = None,
    on_document: Callable[[DocumentResult | Failure], None] | None = None,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    scheduler: str | None = None,
    *,
    name: str | None = None,
) -> CorpusResult:
    """Run the whole pipeline over files, folders and '-' (stdin, named `name` if given);
    `include` / `exclude` globs choose among the files found in folders.

    Documents stream through the workers; their normalized texts wait, compressed, in a temporary
    spool file for the second pass that counts every rendering's uses, so memory does not grow
    with the corpus. With `scheduler` (tcp://HOST:PORT or local:N) both passes run on a Dask
    cluster instead (see zhdoc.distributed); the result is the same.
    """
    import shutil
    import tempfile
    import zlib

    result = CorpusResult()
    if scheduler:
        from . import distributed

        with distributed.Cluster(scheduler) as cluster:
            distributed.extract(distributed.collect(paths, result, include, exclude), cluster, result)
        return result
    sources = _collect(paths, result, include, exclude)
    spooled: dict[str, bytes | SpoolFile] = {}
    spool_dir = tempfile.mkdtemp(prefix="zhdoc-")
    try:
        with tempfile.TemporaryFile(prefix="zhdoc-", dir=spool_dir) as spool:
            index: dict[str, tuple[int, int]] = {}
            for document, text in _processed(sources, spool_dir, jobs, result, on_document, name):
                add_document(result, document)
                if isinstance(text, SpoolFile):
                    spooled[document.path] = text
                else:
                    blob = zlib.compress(text.encode("utf-8"), 1)
                    index[document.path] = (spool.tell(), len(blob))
                    spool.write(blob)
            matcher = reconcile_for_uses(result.glossary)

            def counted() -> Iterator[tuple[str, str, int]]:
                for path, (offset, length) in index.items():
                    spool.seek(offset)
                    for chinese, n in count_document(spool.read(length), matcher).items():
                        yield path, chinese, n
                for path, payload in spooled.items():
                    for chinese, n in count_document(payload, matcher).items():
                        yield path, chinese, n

            result.glossary.record_uses(counted())
    finally:
        shutil.rmtree(spool_dir, ignore_errors=True)
    return result


def _processed(
    sources: list[tuple[str, bytes | None]],
    spool_dir: str,
    jobs: int | None,
    result: CorpusResult,
    on_document: Callable[[DocumentResult | Failure], None] | None,
    name: str | None = None,
) -> Iterator[tuple[DocumentResult, str | SpoolFile]]:
    """Mined documents in input order (on the Dask cluster of `_on_cluster`, if any); failures
    are recorded in `result` on the way. The stdin text is read as stdin (its format sniffed from
    its bytes, not from a name) and then called `name`, when given."""
    cluster = _CLUSTER.get()
    if cluster is not None:
        from .distributed import map_ordered

        outcomes = map_ordered(sources, cluster)
    else:
        outcomes = _map(process_for_store, [(path, data, spool_dir) for path, data in sources], jobs or default_jobs())
    for outcome in outcomes:
        if on_document:
            on_document(outcome if isinstance(outcome, Failure) else outcome[0])
        if isinstance(outcome, Failure):
            (result.skipped if outcome.reason.startswith("skipped:") else result.failures).append(outcome)
            continue
        if name and outcome[0].path == STDIN_NAME:
            outcome = (_renamed(outcome[0], name), outcome[1])
        yield outcome


STDIN_NAME = "<stdin>"  # what load_document calls the text read from stdin


def _renamed(document: DocumentResult, name: str) -> DocumentResult:
    """The stdin document under the name the user gave it: its evidence names it too."""
    from dataclasses import replace

    document.path = name
    document.pairs = [replace(p, doc=name) for p in document.pairs]
    document.segments = [replace(s, doc=name) for s in document.segments]
    for citation in document.citations:
        citation.occurrences = [replace(o, doc=name) for o in citation.occurrences]
    return document


_CLUSTER: ContextVar = ContextVar("zhdoc_cluster", default=None)


@contextmanager
def _on_cluster(scheduler: str | None) -> Iterator[None]:
    """Within it, `_processed` mines on the Dask cluster at `scheduler` (nothing changes for None)."""
    if not scheduler:
        yield
        return
    from .distributed import Cluster

    with Cluster(scheduler) as cluster:
        token = _CLUSTER.set(cluster)
        try:
            yield
        finally:
            _CLUSTER.reset(token)


def _collect(
    paths: Iterable[str],
    result: CorpusResult,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
) -> list[tuple[str, bytes | None]]:
    """(path, None) for files, ('-', bytes) for stdin."""
    sources: list[tuple[str, bytes | None]] = []
    for item in find_sources(paths, include, exclude):
        if isinstance(item, Skipped):
            result.skipped.append(Failure(item.path, item.reason))
        elif isinstance(item, IngestError):
            result.failures.append(Failure(item.path, item.reason))
        elif item == STDIN:
            sources.append((STDIN, read_source(STDIN)))
        else:
            sources.append((item, None))
    return sources


def add_document(result: CorpusResult, document: DocumentResult) -> None:
    result.documents.append(document.summary())
    result.glossary.update(Glossary.from_pairs(document.pairs))
    result.segments.extend(document.segments)
    result.citations.add_all(document.citations)


# --------------------------------------------------------------------------- termbase batches


def process_for_store(
    path: str, data: bytes | None = None, spool_dir: str | None = None
) -> tuple[DocumentResult, str | SpoolFile] | Failure:
    """Worker entry point: the result and normalized text, or a Failure (never raises for bad input).

    A very large file is read block by block; its normalized text goes to a compressed file in
    `spool_dir` instead of memory."""
    try:
        if data is None and path != STDIN and spool_dir and _is_large(path):
            return _process_streaming(path, spool_dir)
        return _process(load_document(path, data))
    except NotChineseError as exc:
        return Failure(exc.path, "skipped: " + exc.reason.removesuffix("; skipped"))
    except IngestError as exc:
        return Failure(exc.path, exc.reason)


def _is_large(path: str) -> bool:
    from .ingest import STREAM_THRESHOLD, streamable

    try:
        return os.path.getsize(path) > STREAM_THRESHOLD and streamable(path)
    except OSError:
        return False


def _process_streaming(path: str, spool_dir: str) -> tuple[DocumentResult, SpoolFile]:
    import tempfile
    import zlib
    from dataclasses import replace

    from .citations import mine_citations
    from .ingest import stream_document
    from .normalize import normalize_document, relocate
    from .terms import mine_document

    document, pieces, digest = stream_document(path)
    result = DocumentResult(path, "", document.encoding, document.language, document.script, document.region)
    compressor = zlib.compressobj(1)
    handle, spool = tempfile.mkstemp(prefix="doc-", suffix=".z", dir=spool_dir)
    with os.fdopen(handle, "wb") as out:
        for piece in pieces:
            normalized = normalize_document(replace(document, text=piece.text), piece.first_line)
            piece_result = relocate(DocumentResult(path, "", "", "", "", "", *mine_document(normalized)), normalized)
            result.pairs.extend(piece_result.pairs)
            result.segments.extend(piece_result.segments)
            result.citations.extend(mine_citations(normalized))
            result.size += len(piece.text.encode("utf-8"))
            out.write(compressor.compress(normalized.text.encode("utf-8")))
        out.write(compressor.flush())
    result.sha256 = digest.hexdigest()
    return result, SpoolFile(spool)


def extract_into(
    paths: Iterable[str],
    termbase: str,
    jobs: int | None = None,
    force: bool = False,
    on_document: Callable[[DocumentResult | Failure], None] | None = None,
    want: tuple[str, ...] = ("segments", "citations"),
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    scheduler: str | None = None,
    *,
    name: str | None = None,
    prune: bool = False,
    glossary: bool = True,
):
    """Process a batch into a termbase, incrementally; returns (CorpusResult of the whole termbase,
    BatchReport of this batch). The batch is one transaction: all of it lands, or none.
    `want` names what to read back besides the glossary (a CSV glossary needs neither; "export":
    what the writers derive from the glossary, computed once per change and stored);
    `glossary=False` leaves the glossary empty (`zhdoc add` prints only the batch report); `name`
    names the text read from stdin; `prune` removes the documents whose files are gone from the
    folders among `paths` (without it they are only reported). See batch.py.
    With `scheduler` the documents are mined on a Dask cluster; the termbase is written here."""
    import shutil
    import tempfile

    from .batch import run_batch

    spool_dir = tempfile.mkdtemp(prefix="zhdoc-")
    try:
        with _on_cluster(scheduler):
            return run_batch(
                list(paths),
                termbase,
                jobs,
                force,
                on_document,
                want,
                spool_dir,
                name,
                prune,
                (include, exclude),
                glossary,
            )
    finally:
        shutil.rmtree(spool_dir, ignore_errors=True)


def load_termbase(termbase: str) -> CorpusResult:
    """Everything a termbase holds, as extract would return it."""
    from .store import Termbase

    with Termbase(termbase, readonly=True) as base:
        return CorpusResult(
            glossary=base.glossary(), segments=base.segments(), citations=base.citations(), documents=base.documents()
        )


def keyword_in_context(base, term: str, width: int = 12, limit: int | None = None, entry=None) -> list[str] | None:
    """The lines `zhdoc show` prints: the entry, its renderings ranked, each use in context
    (at most `limit` per rendering, then a count of the rest)."""
    import re

    from .lookup import find_entry

    glossary = base.glossary()
    if entry is None:
        entry, _ = find_entry(glossary, term)
    if entry is None:
        return None
    related = [glossary.entries[k].english for k in glossary.related().get(entry.key, [])]
    lines = [f"{entry.english} ({entry.kind})" + (f"  related: {', '.join(related)}" if related else "")]
    for rendering in entry.ranked():
        lines.append(
            f"  {rendering.chinese}  glossed {rendering.glossed}, used {rendering.use_count}, "
            f"in {len(rendering.documents)} document(s)"
        )
        glossed_at = {(e.doc, e.line) for e in rendering.evidence}
        shown = hidden = 0
        for doc in rendering.documents:
            for number, line in enumerate(base.lines(doc), start=1):
                for match in re.finditer(re.escape(rendering.chinese), line):
                    if limit is not None and shown >= limit:
                        hidden += 1
                        continue
                    shown += 1
                    left = line[max(0, match.start() - width) : match.start()]
                    right = line[match.end() : match.end() + width]
                    mark = "*" if (doc, number) in glossed_at else " "
                    lines.append(f"   {mark} {doc}:{number}: {left:>{width}}【{match.group(0)}】{right}")
        if hidden:
            lines.append(f"     … {hidden} more (--limit N to see more)")
    return lines
