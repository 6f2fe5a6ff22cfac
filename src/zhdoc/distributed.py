"""The pipeline on a Dask distributed cluster, for corpora that outgrow one machine.

Per-document mining is a pure function and a glossary is a mergeable sum, so documents are sent
to the cluster in batches (one task mines a batch), the batch results are merged on the workers as
a tree reduction, and the uses of every rendering are counted in a second pass over the
normalized texts, which stay compressed in the workers' memory between the passes (a worker lost
on the way is replaced by Dask recomputing what it held). The client only lists the inputs,
builds the rendering matcher and assembles the result, so the output is the local run's, byte
for byte. Termbase writes (`extract_into`) stay on the client: there the cluster mines and the
client stores each result in input order, in one transaction per batch.

Paths must be readable by the workers: a shared file system, or fsspec URLs (s3://, gs://, ...,
with the user's filesystem package installed on client and workers).

Needs the optional extra: pip install "zhdoc[dask]".
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .glossary import Glossary, reconcile_for_uses
from .ingest import TEXT_SUFFIXES
from .models import DocumentResult

LOCAL = "local:"
CONNECT_TIMEOUT = "10s"
MAX_BATCH = 2048  # documents per task: a task costs the scheduler ~1 ms, a document ~20 ms of mining
TASKS_PER_WORKER = 4  # enough batches in flight that a slow worker does not hold up the tail


class DistributedError(Exception):
    """The cluster could not be used (no dask installed, scheduler unreachable, run lost)."""


@dataclass
class Partial:
    """What a batch of documents contributes to a corpus result; `merge` keeps input order."""

    glossary: Glossary = field(default_factory=Glossary)
    documents: list[DocumentResult] = field(default_factory=list)
    segments: list = field(default_factory=list)
    citations: list = field(default_factory=list)  # per-document lists, re-indexed in order on the client
    failures: list = field(default_factory=list)
    skipped: list = field(default_factory=list)


def merge(left: Partial, right: Partial) -> Partial:
    """Associative, order-keeping merge (the glossary sum does not mutate its inputs: Dask may reuse them)."""
    return Partial(
        left.glossary.merge(right.glossary),
        left.documents + right.documents,
        left.segments + right.segments,
        left.citations + right.citations,
        left.failures + right.failures,
        left.skipped + right.skipped,
    )


# --------------------------------------------------------------------------- connecting


class Cluster:
    """A connected client (and the local cluster it started, for local:N); a context manager."""

    def __init__(self, scheduler: str) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise DistributedError('--scheduler needs Dask: pip install "zhdoc[dask]"') from None
        self.local = None
        try:
            if scheduler.startswith(LOCAL):
                self.local = _local_cluster(scheduler)
                self.client = Client(self.local)
            else:
                self.client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except DistributedError:
            raise
        except (OSError, TimeoutError, ValueError) as exc:
            if self.local is not None:
                self.local.close()
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise DistributedError(f"cannot reach the Dask scheduler {scheduler}: {reason}") from None

    def workers(self) -> int:
        return max(1, len(self.client.scheduler_info(n_workers=-1).get("workers", {})))

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *exc) -> None:
        self.client.close()
        if self.local is not None:
            self.local.close()


def _local_cluster(scheduler: str):
    import logging

    from distributed import LocalCluster

    count = scheduler[len(LOCAL) :]
    if not count.isdigit() or int(count) < 1:
        raise DistributedError(f"--scheduler {scheduler}: expected local:N with N >= 1 workers")
    return LocalCluster(
        n_workers=int(count),
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",  # any free port: 8787 may be taken, and its warning is noise
        silence_logs=logging.ERROR,
    )


# --------------------------------------------------------------------------- inputs


def is_url(path: str) -> bool:
    return "://" in path


def expand_urls(url: str) -> list[str]:
    """A URL to a file, or to a folder walked recursively for .txt/.md/.markdown, sorted."""
    try:
        from fsspec.core import url_to_fs

        fs, root = url_to_fs(url)
        if not fs.isdir(root):
            return [url]
        protocol = url.split("://", 1)[0]
        found = sorted(p for p in fs.find(root) if "." + p.rsplit(".", 1)[-1].lower() in TEXT_SUFFIXES)
    except (ImportError, OSError, ValueError) as exc:
        raise DistributedError(f"{url}: cannot list it: {exc}") from None
    return [p if is_url(p) else f"{protocol}://{p}" for p in found]


def _read_url(url: str) -> bytes:
    import fsspec

    with fsspec.open(url, "rb") as handle:
        return handle.read()


# --------------------------------------------------------------------------- tasks (run on workers)


def mine_batch(items: list[tuple[str, bytes | None]]) -> tuple[Partial, list[tuple[str, bytes]]]:
    """Mine a batch: its partial result and its documents' normalized texts, zlib-compressed."""
    from .pipeline import Failure, process_for_store

    partial = Partial()
    texts: list[tuple[str, bytes]] = []
    for path, data in items:
        if data is None and is_url(path):
            try:
                data = _read_url(path)
            except OSError as exc:
                partial.failures.append(Failure(path, f"cannot read: {exc}"))
                continue
        outcome = process_for_store(path, data)
        if isinstance(outcome, Failure):
            (partial.skipped if outcome.reason.startswith("skipped:") else partial.failures).append(outcome)
            continue
        document, text = outcome
        partial.glossary.update(Glossary.from_pairs(document.pairs))
        partial.documents.append(document.summary())
        partial.segments.extend(document.segments)
        partial.citations.append(document.citations)
        texts.append((document.path, zlib.compress(text.encode("utf-8"), 1)))
    return partial, texts


def count_batch(texts: list[tuple[str, bytes]], matcher) -> list[tuple[str, str, int]]:
    """Uses of every rendering in a batch's documents: (document, rendering, count), in order."""
    from .spool import count_document

    return [(path, chinese, n) for path, blob in texts for chinese, n in count_document(blob, matcher).items()]


def store_batch(items: list[tuple[str, bytes | None]]) -> list:
    """For a termbase: each document's full result and normalized text (or its Failure), in order."""
    from .pipeline import Failure, process_for_store

    outcomes = []
    for path, data in items:
        if data is None and is_url(path):
            try:
                data = _read_url(path)
            except OSError as exc:
                outcomes.append(Failure(path, f"cannot read: {exc}"))
                continue
        outcomes.append(process_for_store(path, data))
    return outcomes


def _first(pair):
    return pair[0]


def _second(pair):
    return pair[1]


# --------------------------------------------------------------------------- client side


def batches(items: list, workers: int) -> list[list]:
    """Consecutive batches: about TASKS_PER_WORKER per worker, at most MAX_BATCH documents each."""
    size = max(1, min(MAX_BATCH, -(-len(items) // (workers * TASKS_PER_WORKER))))
    return [items[start : start + size] for start in range(0, len(items), size)]


def tree_reduce(client, futures: list, function: Callable):
    """Pairwise reduction on the cluster, neighbours with neighbours, so input order is kept."""
    if not futures:
        return None
    while len(futures) > 1:
        level = [client.submit(function, a, b, pure=False) for a, b in zip(futures[::2], futures[1::2], strict=False)]
        if len(futures) % 2:
            level.append(futures[-1])
        futures = level
    return futures[0]


def extract(sources: list[tuple[str, bytes | None]], cluster: Cluster, result) -> None:
    """Mine `sources` on the cluster into `result` (a pipeline.CorpusResult), as pipeline.extract would."""
    client = cluster.client
    try:
        mined = [client.submit(mine_batch, batch, pure=False) for batch in batches(sources, cluster.workers())]
        partials = [client.submit(_first, future, pure=False) for future in mined]
        texts = [client.submit(_second, future, pure=False) for future in mined]
        total = tree_reduce(client, partials, merge)
        partial = total.result() if total is not None else Partial()
        result.glossary = partial.glossary
        result.documents.extend(partial.documents)
        result.segments.extend(partial.segments)
        for citations in partial.citations:
            result.citations.add_all(citations)
        result.failures.extend(partial.failures)
        result.skipped.extend(partial.skipped)
        matcher = reconcile_for_uses(result.glossary)  # as pipeline.extract: the whole glossary, then uses
        if matcher is None:
            return
        shared = client.scatter(matcher, broadcast=True, hash=False)
        counted = [client.submit(count_batch, future, shared, pure=False) for future in texts]
        result.glossary.record_uses(use for future in counted for use in future.result())
    except DistributedError:
        raise
    except Exception as exc:  # the scheduler went away, or a task kept killing its workers
        raise DistributedError(_describe(exc)) from None


def map_ordered(sources: list[tuple[str, bytes | None]], cluster: Cluster) -> Iterator:
    """process_for_store's outcomes for `sources`, in input order, mined on the cluster.

    At most a few batches per worker are in flight, so the client's memory does not grow with the corpus."""
    client = cluster.client
    workers = cluster.workers()
    pending: list = []
    todo = iter(batches(sources, workers))
    try:
        for batch in todo:
            pending.append(client.submit(store_batch, batch, pure=False))
            if len(pending) >= 2 * workers * TASKS_PER_WORKER:
                break
        while pending:
            outcomes = pending.pop(0).result()
            following = next(todo, None)
            if following is not None:
                pending.append(client.submit(store_batch, following, pure=False))
            yield from outcomes
    except DistributedError:
        raise
    except Exception as exc:
        raise DistributedError(_describe(exc)) from None


def _describe(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"the Dask run failed: {type(exc).__name__}" + (f": {text}" if text else "")


def collect(
    paths: Iterable[str], result, include: Iterable[str] = (), exclude: Iterable[str] = ()
) -> list[tuple[str, bytes | None]]:
    """pipeline._collect, plus fsspec URLs listed on the client and read by the workers."""
    from .pipeline import _collect

    sources: list[tuple[str, bytes | None]] = []
    for path in paths:
        if is_url(path):
            sources.extend((found, None) for found in expand_urls(path))
        else:
            sources.extend(_collect([path], result, include, exclude))
    return sources
