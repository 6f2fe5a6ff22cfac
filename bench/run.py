#!/usr/bin/env python3
"""zhdoc benchmark on distinct real articles, every figure measured in this one run.

    python bench/run.py [--skip-dask] [--dir DIR]

Corpus: distinct real Chinese articles: the d2l-zh chapters in ../shared/devsets/d2l-zh/docs (read
in place, never copied), corpus/, and the pages of Debian's Chinese documentation packages that
bench/articles.py fetches and converts to Markdown once into DIR (default ~/.cache/zhdoc-bench),
less near-empty pages and exact or near duplicates. No article is a copy of another. Printed, each
with wall time and CPU time (user+sys of the process and its children: on a machine shared with
other work, CPU time is the steadier one):

1. throughput per core: `zhdoc extract --jobs 1` against one bare `jieba.lcut` process over the
   same files, both cold (a new process that loads its dictionaries in the run);
2. `zhdoc add` of one new article into an existing termbase (each of corpus/'s articles in turn);
3. re-runs on the unchanged corpus (`extract --db --format csv` and `add`), each as a share of
   its cold run, the re-run's output checked byte-identical to the cold run's;
4. Dask: `--scheduler local:1` and `local:2` (output checked byte-identical to the local run), the
   per-task overhead of the scheduler, and the cost of the tree reduction of batch results;
5. peak RSS (zhdoc and its children) of the cold run on half and on all of the corpus;
6. `zhdoc --help` wall time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import articles as fetched_articles

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "devsets" / "d2l-zh" / "docs"
CORPUS = ROOT / "corpus"
SUFFIXES = {".md", ".txt", ".markdown"}


@dataclass
class Run:
    wall: float
    cpu: float
    rss: int
    stdout: bytes


def articles(*folders: Path) -> list[Path]:
    return [p for folder in folders if folder.is_dir() for p in sorted(folder.rglob("*")) if p.suffix in SUFFIXES]


def _tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
            rss[int(entry)] = int(fields[21]) * page
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += rss.get(current, 0)
        stack.extend(children.get(current, []))
    return total


def run(command: list[str], memory: bool = False, keep: bool = False) -> Run:
    """Wall time, CPU time (user+sys of the command and its children), peak tree RSS, stdout."""
    before = os.times()
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE if keep else subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True) if memory else None
    if sampler:
        sampler.start()
    stdout, stderr = process.communicate()
    done.set()
    if sampler:
        sampler.join()
    wall = time.perf_counter() - started
    after = os.times()
    if process.returncode != 0:
        sys.exit(f"benchmark command failed ({process.returncode}): {' '.join(command)}\n{stderr.decode()[-2000:]}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return Run(wall, cpu, peak, stdout or b"")


JIEBA = (
    "import sys, logging, jieba; jieba.setLogLevel(logging.WARNING); jieba.initialize()\n"
    "for path in sys.argv[1:]:\n"
    "    with open(path, encoding='utf-8') as handle: jieba.lcut(handle.read())\n"
)


def figures_1_to_3(zhdoc: list[str], files: list[Path], work: Path) -> None:
    paths = [str(p) for p in files]
    mb = sum(p.stat().st_size for p in files) / 1e6
    jieba = run([sys.executable, "-c", JIEBA, *paths])
    mined = run([*zhdoc, "extract", *paths, "--format", "csv", "--jobs", "1"])
    print(
        f"1. one core each, cold, {len(files)} articles, {mb:.2f} MB:\n"
        f"   bare jieba.lcut: {jieba.wall:.2f} s wall, {jieba.cpu:.2f} s CPU ({mb / jieba.cpu:.2f} MB/s CPU)\n"
        f"   zhdoc extract --jobs 1: {mined.wall:.2f} s wall, {mined.cpu:.2f} s CPU ({mb / mined.cpu:.2f} MB/s CPU)\n"
        f"   -> zhdoc is {jieba.cpu / mined.cpu:.2f}x bare jieba by CPU time, {jieba.wall / mined.wall:.2f}x by wall "
        f"time (goal >= 5x)"
    )

    new = [p for p in files if p.parent == CORPUS] or files[-1:]
    base_files = [p for p in paths if Path(p) not in new]
    base = work / "base.db"
    run([*zhdoc, "add", *base_files, "--db", str(base)])
    adds = []
    for article in new:
        copy = work / "add.db"
        shutil.copyfile(base, copy)
        adds.append(run([*zhdoc, "add", str(article), "--db", str(copy)]))
        copy.unlink()
    walls, cpus = [a.wall for a in adds], [a.cpu for a in adds]
    print(
        f"2. zhdoc add of one new article into a termbase of {len(base_files)}: "
        f"median {statistics.median(walls):.2f} s wall, {statistics.median(cpus):.2f} s CPU "
        f"(each: {', '.join(f'{w:.2f}/{c:.2f}' for w, c in zip(walls, cpus, strict=True))} s wall/CPU; goal <= 0.5 s)"
    )

    lines = []
    for command in ("extract", "add"):
        db = work / f"{command}.db"
        options = ["--format", "csv"] if command == "extract" else []
        cold = run([*zhdoc, command, *paths, "--db", str(db), *options, "--jobs", "1"], keep=True)
        rerun = run([*zhdoc, command, *paths, "--db", str(db), *options, "--jobs", "1"], keep=True)
        if command == "extract":
            same = "identical to" if cold.stdout == rerun.stdout else "DIFFERENT from"
            same = f"output {same} the cold run's"
        else:  # the batch report: everything unchanged now
            same = "it reports " + (rerun.stdout.decode().splitlines() or ["nothing"])[0]
        lines.append(
            f"   zhdoc {command} --db{' --format csv' if options else ''}: cold {cold.wall:.2f} s wall, "
            f"{cold.cpu:.2f} s CPU; re-run {rerun.wall:.3f} s wall, {rerun.cpu:.3f} s CPU -> "
            f"{100 * rerun.wall / cold.wall:.1f}% of the cold run by wall, {100 * rerun.cpu / cold.cpu:.1f}% by CPU "
            f"({same})"
        )
    print(f"3. re-run of the unchanged corpus of {len(files)} files (goal <= 2% of the cold run):\n" + "\n".join(lines))


def figure_4(zhdoc: list[str], files: list[Path], local: Run) -> None:
    paths = [str(p) for p in files]
    one_file = [str(files[0])]
    line = []
    for workers in (1, 2):
        start = run([*zhdoc, "extract", *one_file, "--format", "csv", "--scheduler", f"local:{workers}"])
        full = run([*zhdoc, "extract", *paths, "--format", "csv", "--scheduler", f"local:{workers}"], keep=True)
        same = "identical to" if full.stdout == local.stdout else "DIFFERENT from"
        line.append(
            f"   local:{workers}: {full.wall:.2f} s wall, {full.cpu:.2f} s CPU; start-up (a one-article run) "
            f"{start.wall:.2f} s -> {full.wall - start.wall:.2f} s for the corpus; output {same} the local run"
        )
    print("4. Dask, one machine:\n" + "\n".join(line))
    overhead, batch_cost, reduction, per_article = _dask_costs(files)
    print(
        f"   scheduler overhead: {1000 * overhead:.2f} ms per task (2,000 empty tasks on local:2);\n"
        f"   mining in-process: {1000 * per_article:.1f} ms CPU per article ({1000 * batch_cost:.0f} ms per batch "
        f"of 16); tree reduction of {len(files) // 16 + 1} batch results: {1000 * reduction:.0f} ms in all "
        f"({1000 * reduction / max(1, len(files) // 16):.1f} ms per merge)"
    )


def _dask_costs(files: list[Path]) -> tuple[float, float, float, float]:
    import logging

    from distributed import Client, LocalCluster

    from zhdoc.distributed import merge, mine_batch

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None, silence_logs=logging.ERROR) as cluster,
        Client(cluster) as client,
    ):
        client.gather(client.map(abs, range(-50, 0)))  # warm up
        started = time.perf_counter()
        client.gather(client.map(abs, range(-2000, 0), pure=False))
        overhead = (time.perf_counter() - started) / 2000
    items = [(str(p), None) for p in files]
    batches = [items[i : i + 16] for i in range(0, len(items), 16)]
    mine_batch(batches[0][:1])  # dictionaries loaded outside the timing
    started = time.process_time()
    partials = [mine_batch(batch)[0] for batch in batches]
    mining = time.process_time() - started
    started = time.process_time()
    while len(partials) > 1:
        level = [merge(a, b) for a, b in zip(partials[::2], partials[1::2], strict=False)]
        partials = level + (partials[-1:] if len(partials) % 2 else [])
    reduction = time.process_time() - started
    return overhead, mining / len(batches), reduction, mining / len(items)


def figure_5(zhdoc: list[str], files: list[Path]) -> None:
    half = files[: len(files) // 2]
    small = run([*zhdoc, "extract", *map(str, half), "--format", "csv", "--jobs", "1"], memory=True)
    full = run([*zhdoc, "extract", *map(str, files), "--format", "csv", "--jobs", "1"], memory=True)
    print(
        f"5. peak RSS of the cold run (--jobs 1): {len(half)} articles {small.rss / 2**20:.0f} MiB, "
        f"{len(files)} articles {full.rss / 2**20:.0f} MiB -> ratio {full.rss / small.rss:.2f}"
    )


def figure_6(zhdoc: list[str]) -> None:
    console = shutil.which("zhdoc")
    command = [console, "--help"] if console else [*zhdoc, "--help"]
    best = min(run(command).wall for _ in range(5))
    print(f"6. zhdoc --help: {best:.3f} s wall (best of 5)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-dask", action="store_true", help="skip figure 4 (needs zhdoc[dask])")
    parser.add_argument(
        "--dir",
        type=Path,
        default=fetched_articles.DEFAULT_DIR,
        help="cache of the fetched articles (bench/articles.py)",
    )
    args = parser.parse_args()
    # an installed package runs from bytecode pip compiled; an editable checkout under
    # PYTHONDONTWRITEBYTECODE would recompile every module in every process (~70 ms) and lie
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=False, capture_output=True)
    local = articles(DEVSET, CORPUS)
    try:
        pages = fetched_articles.fetch(args.dir)
    except fetched_articles.FetchError as exc:
        print(
            f"{exc}\n-> measuring on the development set and corpus/ only (figure 3 needs >= 800 files)",
            file=sys.stderr,
        )
        pages = []
    files, dropped = fetched_articles.distinct(local + pages, whole=set(local))
    if not files:
        sys.exit(f"no articles found in {DEVSET} or {CORPUS}")
    zhdoc = [sys.executable, "-m", "zhdoc"]
    by_source = {"devset": DEVSET, "corpus/": CORPUS, "fetched": args.dir}
    counts = ", ".join(
        f"{sum(1 for p in files if p.is_relative_to(folder))} {name}" for name, folder in by_source.items()
    )
    print(
        f"corpus: {len(files)} distinct articles, {sum(p.stat().st_size for p in files) / 1e6:.2f} MB ({counts}; "
        f"of {len(local) + len(pages)} pages, dropped {dropped['short']} near-empty, {dropped['exact']} exact and "
        f"{dropped['near']} near duplicates); {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f} at the start"
    )
    work = Path(tempfile.mkdtemp(prefix="zhdoc-bench-"))
    try:
        # warm-up, not timed: jieba's own cache and zhdoc's dictionary indexes exist before the cold runs
        run([sys.executable, "-c", JIEBA, str(files[0])])
        run([*zhdoc, "extract", str(files[0]), "--format", "csv", "--jobs", "1"])
        figures_1_to_3(zhdoc, files, work)
        if not args.skip_dask:
            local_csv = run([*zhdoc, "extract", *map(str, files), "--format", "csv", "--jobs", "1"], keep=True)
            figure_4(zhdoc, files, local_csv)
        figure_5(zhdoc, files)
        figure_6(zhdoc)
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
