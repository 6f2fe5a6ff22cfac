#!/usr/bin/env python3
"""Precision and recall of `zhdoc extract corpus/` against tests/annotations/terms.tsv.

Two levels, both with the exact Chinese boundary:
- occurrences: (document, line, English form, rendering) - every gloss in its place;
- pairs: (English term, rendering) over the corpus - what a glossary user sees.
English forms are compared case-, plural- and hyphen-folded, as the glossary groups them.
Usage: python scripts/evaluate_terms.py [corpus/] [--show]
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from zhdoc.terms import fold_key  # noqa: E402


def gold(path: Path) -> set[tuple[str, int, str, str]]:
    rows = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("doc\t"):
            continue
        doc, number, english, chinese = line.split("\t")
        rows.add((doc, int(number), fold_key(english), chinese))
    return rows


def predicted(corpus: str) -> set[tuple[str, int, str, str]]:
    output = subprocess.run(
        [sys.executable, "-m", "zhdoc", "extract", corpus, "--format", "json"],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout
    rows = set()
    for entry in json.loads(output)["glossary"]:
        for rendering in entry["renderings"]:
            for evidence in rendering["evidence"]:
                doc = Path(evidence["doc"]).name[:3]
                rows.add((doc, evidence["line"], fold_key(evidence["english"]), rendering["chinese"]))
    return rows


def score(name: str, found: set, expected: set) -> None:
    hits = len(found & expected)
    precision = hits / len(found) if found else 0.0
    recall = hits / len(expected) if expected else 0.0
    print(f"{name:12} precision {precision:.3f} ({hits}/{len(found)})  recall {recall:.3f} ({hits}/{len(expected)})")


def main() -> None:
    corpus = next((a for a in sys.argv[1:] if not a.startswith("--")), "corpus/")
    expected = gold(ROOT / "tests" / "annotations" / "terms.tsv")
    found = predicted(corpus)
    score("occurrences", found, expected)
    score("pairs", {(e, c) for _, _, e, c in found}, {(e, c) for _, _, e, c in expected})
    if "--show" in sys.argv:
        for row in sorted(found - expected):
            print("  extra  ", *row, sep="\t")
        for row in sorted(expected - found):
            print("  missed ", *row, sep="\t")


if __name__ == "__main__":
    main()
