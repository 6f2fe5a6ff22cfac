#!/usr/bin/env python3
"""zhdoc benchmark: builds a large corpus from corpus/ and prints each figure as a ratio.

    python bench/run.py [--copies 200] [--jobs N] [--skip-4x]

1. `zhdoc extract` cold throughput against bare jieba segmentation (jieba.lcut over each file);
2. a re-run on the unchanged corpus with --db against the cold --db run;
3. adding 10 new articles to that termbase against the cold run;
4. peak memory (RSS of zhdoc and its workers together) of the cold run at 1x and 4x the corpus;
5. `zhdoc --help` wall time.
Every copy gets a small change (a numbered line) so that content hashes differ.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def build_corpus(target: Path, copies: int, offset: int = 0) -> int:
    """`copies` variants of every article, each with its own first line; returns total bytes."""
    target.mkdir(parents=True, exist_ok=True)
    total = 0
    articles = sorted(CORPUS.glob("*.txt"))
    for index in range(offset, offset + copies):
        for article in articles:
            text = article.read_text(encoding="utf-8")
            variant = f"基准副本第 {index} 份:本行用于区分内容哈希。\n{text}"
            path = target / f"{article.stem}_{index:05d}.txt"
            path.write_text(variant, encoding="utf-8")
            total += len(variant.encode("utf-8"))
    return total


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


def run(command: list[str], measure_memory: bool = False) -> tuple[float, int]:
    """Wall time and peak tree RSS of a command; its stdout is discarded."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True) if measure_memory else None
    if sampler:
        sampler.start()
    _, stderr = process.communicate()
    done.set()
    if sampler:
        sampler.join()
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        sys.exit(f"benchmark command failed ({process.returncode}): {' '.join(command)}\n{stderr.decode()[-2000:]}")
    return elapsed, peak


JIEBA = (
    "import sys, logging, jieba; jieba.setLogLevel(logging.WARNING); jieba.initialize()\n"
    "from pathlib import Path\n"
    "for path in sorted(Path(sys.argv[1]).glob('*.txt')): jieba.lcut(path.read_text(encoding='utf-8'))\n"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=200, help="copies of each article (default 200, ~27 MB)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="zhdoc --jobs (default: cores)")
    parser.add_argument("--skip-4x", action="store_true", help="skip the 4x memory run")
    args = parser.parse_args()
    zhdoc = [sys.executable, "-m", "zhdoc"]
    work = Path(tempfile.mkdtemp(prefix="zhdoc-bench-"))
    try:
        corpus = work / "corpus"
        size = build_corpus(corpus, args.copies)
        mb = size / 1e6
        files = len(list(corpus.iterdir()))
        print(f"corpus: {files} files, {mb:.1f} MB; zhdoc --jobs {args.jobs}; {os.cpu_count()} cores")

        jieba_time, _ = run([sys.executable, "-c", JIEBA, str(corpus)])
        cold, rss_1x = run([*zhdoc, "extract", str(corpus), "--format", "csv", "--jobs", str(args.jobs)], True)
        print(
            f"1. bare jieba.lcut: {jieba_time:.1f} s ({mb / jieba_time:.2f} MB/s); "
            f"zhdoc extract cold: {cold:.1f} s ({mb / cold:.2f} MB/s) -> zhdoc is {jieba_time / cold:.2f}x "
            f"faster than bare segmentation (target >= 2x)"
        )

        db = work / "terms.db"
        cold_db, _ = run([*zhdoc, "extract", str(corpus), "--db", str(db), "--format", "csv", "--jobs", str(args.jobs)])
        rerun, _ = run([*zhdoc, "extract", str(corpus), "--db", str(db), "--format", "csv", "--jobs", str(args.jobs)])
        print(
            f"2. cold run into --db: {cold_db:.1f} s; re-run on the unchanged corpus: {rerun:.2f} s "
            f"-> {100 * rerun / cold_db:.1f}% of the cold run (target <= 5%)"
        )

        new = work / "new"
        build_corpus(new, 3, offset=10**6)
        for extra in sorted(new.iterdir())[10:]:
            extra.unlink()
        added, _ = run([*zhdoc, "add", str(new), "--db", str(db), "--jobs", str(args.jobs)])
        print(f"3. zhdoc add of 10 new articles: {added:.2f} s -> {100 * added / cold_db:.1f}% of the cold run")

        if args.skip_4x:
            print(f"4. peak RSS of the cold run at 1x: {rss_1x / 2**20:.0f} MiB (4x run skipped)")
        else:
            big = work / "corpus4x"
            build_corpus(big, 4 * args.copies)
            cold_4x, rss_4x = run([*zhdoc, "extract", str(big), "--format", "csv", "--jobs", str(args.jobs)], True)
            print(
                f"4. peak RSS of the cold run: 1x {rss_1x / 2**20:.0f} MiB, 4x {rss_4x / 2**20:.0f} MiB "
                f"-> 4x/1x = {rss_4x / rss_1x:.2f} (target within 1.20); 4x took {cold_4x:.1f} s"
            )

        helps = [run([*zhdoc, "--help"])[0] for _ in range(5)]
        console = shutil.which("zhdoc")
        script = [run([console, "--help"])[0] for _ in range(5)] if console else []
        best = min(script or helps)
        print(
            f"5. zhdoc --help: {best:.3f} s (best of 5{', console script' if script else ''}; "
            f"python -m zhdoc {min(helps):.3f} s) -> {best / 0.25:.2f} of the 0.25 s budget"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
