#!/usr/bin/env python3
"""Distinct real Chinese articles for the benchmark, fetched from Debian's packages once and cached.

    python bench/articles.py [--dir DIR]      # fetch, convert, list the kept files (one a line)

No text is committed to the repository: the packages are downloaded with `apt-get download` (no
root install; `apt-get update` must have run once) into DIR (default ~/.cache/zhdoc-bench),
unpacked with `dpkg-deb -x`, and each page converted once to Markdown with pandoc, so zhdoc and
the bare-jieba baseline read the same text. Kept: pages with at least MIN_HAN Han characters that
are neither an exact nor a near duplicate of a page kept before them (the development set and
corpus/ come first). Exact: the same text once whitespace, punctuation and Latin letters are
stripped; near: a bottom-k MinHash sketch of its 8-character shingles estimating a Jaccard
similarity of at least NEAR with a kept page (a man page and its alias, a page and its
translation's old revision). The Traditional-Chinese man pages (zh_TW) are conversions of the
Simplified ones and are not fetched.

Sources and licences (each package's copyright file is copied to DIR/licences/):
- manpages-zh: the Chinese Linux man pages, GFDL-1.2+ (some pages GPL-2.0+, as their originals);
- libreoffice-help-zh-cn: LibreOffice's help in Simplified Chinese, MPL-2.0 (the help's pages);
- debian-reference-zh-cn: the Debian Reference, GPL-2+.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import gzip
import hashlib
import re
import shutil
import subprocess
import sys
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DIR = Path.home() / ".cache" / "zhdoc-bench"
MIN_HAN = 300  # Han characters a page needs to count as an article (drops alias stubs and untranslated pages)
NEAR = 0.8  # estimated Jaccard similarity of shingles from which a page is a near duplicate
SKETCH = 64  # bottom-k MinHash sketch size
VERSION = "2"  # bump when the conversion or the filters change: the cache is rebuilt


@dataclass(frozen=True)
class Source:
    package: str
    root: str  # folder inside the package whose pages are taken
    pattern: str  # glob of the pages under it
    reader: str  # pandoc's input format


SOURCES = (
    Source("manpages-zh", "usr/share/man/zh_CN", "man*/*.gz", "man"),
    Source("libreoffice-help-zh-cn", "usr/share/libreoffice/help/zh-CN/text", "**/*.html", "html-native_divs"),
    Source("debian-reference-zh-cn", "usr/share/debian-reference", "*.zh-cn.html", "html-native_divs"),
)
HAN = re.compile(r"[\u3400-\u9fff]")
NOISE = re.compile(r"[\sA-Za-z0-9\W_]+")


class FetchError(Exception):
    """The articles cannot be fetched or converted here; str() says why and what to do."""


def fetch(folder: Path = DEFAULT_DIR) -> list[Path]:
    """The converted pages (before de-duplication), fetching and converting what is not cached."""
    done = folder / "articles" / f".done-{VERSION}"
    pages = folder / "articles"
    if not done.exists():
        _build(folder)
        done.touch()
    return sorted(p for p in pages.rglob("*.md"))


def _build(folder: Path) -> None:
    for tool, why in (("apt-get", "downloads the packages"), ("dpkg-deb", "unpacks them"), ("pandoc", "converts")):
        if shutil.which(tool) is None:
            raise FetchError(f"cannot fetch the benchmark articles: {tool} ({why}) is not installed")
    debs, unpacked, pages = folder / "debs", folder / "unpacked", folder / "articles"
    shutil.rmtree(pages, ignore_errors=True)
    shutil.rmtree(unpacked, ignore_errors=True)
    for path in (debs, unpacked, pages, folder / "licences"):
        path.mkdir(parents=True, exist_ok=True)
    for package in dict.fromkeys(s.package for s in SOURCES):
        if not list(debs.glob(f"{package}_*.deb")):
            done = subprocess.run(["apt-get", "download", package], cwd=debs, capture_output=True, text=True)
            if done.returncode != 0:
                detail = (done.stderr.strip().splitlines() or ["no message"])[-1]
                raise FetchError(
                    f"cannot fetch the benchmark articles: `apt-get download {package}` failed ({detail}); "
                    "run `apt-get update` first, or give --dir a folder that holds them"
                )
        deb = sorted(debs.glob(f"{package}_*.deb"))[-1]
        subprocess.run(["dpkg-deb", "-x", str(deb), str(unpacked)], check=True)
    for source in SOURCES:
        copyright_file = unpacked / "usr/share/doc" / source.package / "copyright"
        if copyright_file.is_file():
            shutil.copyfile(copyright_file, folder / "licences" / f"{source.package}.copyright")
    jobs = []
    for source in SOURCES:
        root = unpacked / source.root
        for page in sorted(root.glob(source.pattern)):
            if page.is_symlink() or not page.is_file():
                continue
            name = re.sub(r"(\.gz)?$", "", str(page.relative_to(root))) + ".md"
            jobs.append((source, page, pages / source.package / name))
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for failure in pool.map(_convert, jobs):
            if failure:
                print(failure, file=sys.stderr)


def _convert(job: tuple[Source, Path, Path]) -> str | None:
    """One page to Markdown; a page pandoc cannot read is left out (and named)."""
    source, page, target = job
    data = gzip.decompress(page.read_bytes()) if page.suffix == ".gz" else page.read_bytes()
    done = subprocess.run(
        ["pandoc", "-f", source.reader, "-t", "gfm-raw_html", "--wrap=none"], input=data, capture_output=True
    )
    if done.returncode != 0:
        return f"{page}: pandoc could not convert it, left out"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(done.stdout)
    return None


def _shingles(core: str) -> list[int]:
    """Bottom-k MinHash sketch of the page's 8-character shingles."""
    hashes = {
        int.from_bytes(hashlib.blake2b(core[i : i + 8].encode(), digest_size=8).digest(), "big")
        for i in range(max(1, len(core) - 7))
    }
    return sorted(hashes)[:SKETCH]


def distinct(
    files: list[Path], min_han: int = MIN_HAN, whole: Collection[Path] = ()
) -> tuple[list[Path], dict[str, int]]:
    """The files in order, without near-empty pages (except those in `whole`, articles as they are)
    and exact or near duplicates of a page kept before them; and how many of each were dropped."""
    kept: list[Path] = []
    dropped = {"short": 0, "exact": 0, "near": 0}
    exact: set[str] = set()
    sketches: list[set[int]] = []
    by_value: dict[int, list[int]] = {}
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        if len(HAN.findall(text)) < (1 if path in whole else min_han):
            dropped["short"] += 1
            continue
        core = NOISE.sub("", text)
        digest = hashlib.sha256(core.encode()).hexdigest()
        if digest in exact:
            dropped["exact"] += 1
            continue
        sketch = _shingles(core)
        shared: dict[int, int] = {}
        for value in sketch:
            for other in by_value.get(value, ()):
                shared[other] = shared.get(other, 0) + 1
        if any(_jaccard(sketch, sketches[other]) >= NEAR for other, n in shared.items() if n >= SKETCH * NEAR / 2):
            dropped["near"] += 1
            continue
        exact.add(digest)
        index = len(sketches)
        sketches.append(set(sketch))
        for value in sketch:
            by_value.setdefault(value, []).append(index)
        kept.append(path)
    return kept, dropped


def _jaccard(sketch: list[int], other: set[int]) -> float:
    """Jaccard estimate from two bottom-k sketches: the share of the k smallest of their union in both."""
    union = sorted(set(sketch) | other)[:SKETCH]
    both = set(sketch) & other
    return sum(1 for value in union if value in both) / len(union)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help=f"cache folder (default {DEFAULT_DIR})")
    args = parser.parse_args()
    try:
        pages = fetch(args.dir)
    except FetchError as exc:
        sys.exit(str(exc))
    kept, dropped = distinct(pages)
    print("\n".join(map(str, kept)))
    mb = sum(p.stat().st_size for p in kept) / 1e6
    print(
        f"{len(kept)} distinct articles, {mb:.2f} MB, of {len(pages)} pages (dropped: {dropped['short']} with "
        f"fewer than {MIN_HAN} Han characters, {dropped['exact']} exact and {dropped['near']} near duplicates)",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
