#!/usr/bin/env python3
"""Work-level precision/recall and field accuracy of `zhdoc citations corpus/` against
tests/annotations/citations.tsv; with --compare, the same measurement of refextract (a
general-purpose reference extractor from PyPI: pip install '.[compare]') on the same files.

A predicted record matches a gold work by arXiv id, DOI, normalized title, or URL (for works the
text names only by URL). Field accuracy is over matched works: title, first author's family
name, year, arXiv id (each compared exactly after case/punctuation folding; empty == empty).
With --strings, the parser alone on tests/annotations/reference_strings.tsv (reference strings written
by hand from the style guides, never seen in training), or on another file of the same columns with
--file (reference_strings_heldout.tsv: GB/T 7714-2015's own examples and real reference lists;
reference_strings_sealed.tsv: its sealed slice; reference_strings_fresh.tsv: other styles, written
after the parser changes): field accuracy per style, and refextract's on the
same strings with --compare. A leading list number is stripped first, as the pipeline does.
Usage: python scripts/evaluate_citations.py [corpus/] [--compare] [--show] [--strings [--file PATH]]
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from zhdoc.citations import normalize_title  # noqa: E402

FIELDS = ("title", "first_author", "year", "arxiv")


def load_gold() -> list[dict]:
    rows = []
    lines = (ROOT / "tests" / "annotations" / "citations.tsv").read_text(encoding="utf-8").splitlines()
    header = None
    for line in lines:
        if line.startswith("#") or not line.strip():
            continue
        if header is None:
            header = line.split("\t")
            continue
        rows.append(dict(zip(header, line.split("\t"), strict=True)))
    return rows


def keys(record: dict) -> set[str]:
    found = set()
    if record.get("arxiv"):
        found.add("arxiv:" + record["arxiv"].lower())
    if record.get("doi"):
        found.add("doi:" + record["doi"].lower())
    if record.get("title") and len(normalize_title(record["title"])) >= 8:
        found.add("title:" + normalize_title(record["title"]))
    if record.get("url"):
        found.add("url:" + record["url"].rstrip("/").lower())
    return found


def fold(value: str) -> str:
    return normalize_title(str(value or ""))


def measure(name: str, predicted: list[dict], gold: list[dict], show: bool) -> None:
    gold_keys = [keys(g) for g in gold]
    matched_gold: dict[int, list[int]] = {}
    unmatched = []
    for index, record in enumerate(predicted):
        record_keys = keys(record)
        hit = next((g for g, k in enumerate(gold_keys) if k & record_keys), None)
        if hit is None:
            unmatched.append(record)
        else:
            matched_gold.setdefault(hit, []).append(index)
    true_positive = len(matched_gold)
    precision = (len(predicted) - len(unmatched)) / len(predicted) if predicted else 0.0
    recall = true_positive / len(gold)
    duplicates = sum(len(v) - 1 for v in matched_gold.values())
    print(
        f"{name:10} works {len(predicted):3}  precision {precision:.3f}  recall {recall:.3f}  duplicates {duplicates}"
    )
    for field in FIELDS:
        right = sum(
            1 for g, hits in matched_gold.items() if fold(predicted[hits[0]].get(field)) == fold(gold[g][field])
        )
        print(f"{'':10} {field:13} accuracy {right / max(true_positive, 1):.3f} ({right}/{true_positive})")
    if show:
        for record in unmatched:
            print("   extra  ", record.get("title") or record.get("url") or record.get("raw", ""))
        for g, row in enumerate(gold):
            if g not in matched_gold:
                print("   missed ", row["doc"], row["line"], row["title"] or row["url"])
            else:
                record = predicted[matched_gold[g][0]]
                for field in FIELDS:
                    if fold(record.get(field)) != fold(row[field]):
                        print(f"   {field:8} {row['doc']}:{row['line']} want {row[field]!r} got {record.get(field)!r}")


def zhdoc_records(corpus: str) -> list[dict]:
    output = subprocess.run(
        [sys.executable, "-m", "zhdoc", "citations", corpus, "--format", "jsonl"],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout
    records = []
    for line in output.splitlines():
        item = json.loads(line)
        item["first_author"] = item["authors"][0]["family"] if item["authors"] else ""
        item["year"] = str(item["year"] or "")
        records.append(item)
    return records


def refextract_records(corpus: str) -> list[dict]:
    from refextract import extract_references_from_string

    records = []
    for path in sorted(Path(ROOT, corpus).rglob("*.txt")):
        text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
        for ref in extract_references_from_string(text, is_only_references=True):
            title = (ref.get("title") or [""])[0]
            arxiv = next(
                (re.sub(r"(?i)^arxiv:", "", r) for r in ref.get("reportnumber", []) if "arxiv" in r.lower()), ""
            )
            doi = (ref.get("doi") or [""])[0].removeprefix("doi:")
            url = (ref.get("url") or [""])[0]
            if not (title or arxiv or doi or url):
                continue
            author = (ref.get("author") or [""])[0]
            first = re.split(r"[ ,]", author.strip())[0] if author else ""
            records.append(
                {
                    "title": title.rstrip("."),
                    "arxiv": arxiv,
                    "doi": doi,
                    "url": url,
                    "first_author": first,
                    "year": (ref.get("year") or [""])[0],
                    "raw": (ref.get("raw_ref") or [""])[0],
                }
            )
    return records


STRING_FIELDS = ("title", "first_author", "year", "container", "volume", "issue", "pages", "publisher", "doi")


def load_strings(path: Path | None = None) -> list[dict]:
    path = path or ROOT / "tests" / "annotations" / "reference_strings.tsv"
    rows, header = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if header is None:
            header = line.split("\t")
            continue
        rows.append(dict(zip(header, line.split("\t"), strict=True)))
    return rows


def fold_field(name: str, value: object) -> str:
    text = str(value or "")
    if name == "pages":
        return re.sub(r"\s+", "", text.replace("–", "-").replace("—", "-").replace("\u2212", "-"))
    return normalize_title(text)


def zhdoc_fields(string: str, model_only: bool = False) -> dict:
    from zhdoc.citations import parse_reference
    from zhdoc.citations.find import strip_reference_number
    from zhdoc.citations.parse import parse_with_model

    string = strip_reference_number(string)
    citation = parse_with_model(string) if model_only else parse_reference(string)
    if citation is None:
        return {}
    return {
        "title": citation.title,
        "first_author": citation.authors[0][0] if citation.authors else "",
        "year": citation.year or "",
        "container": citation.container,
        "volume": citation.volume,
        "issue": citation.issue,
        "pages": citation.pages,
        "publisher": citation.publisher,
        "doi": citation.doi,
    }


def refextract_fields(string: str) -> dict:
    from refextract import extract_references_from_string

    refs = extract_references_from_string(string, is_only_references=True)
    if not refs:
        return {}
    ref = refs[0]
    first = lambda key: (ref.get(key) or [""])[0]  # noqa: E731
    author = first("author")
    journal = first("journal_reference")
    return {
        "title": first("title").rstrip("."),
        "first_author": re.split(r"[ ,]", author.strip())[0] if author else "",
        "year": first("year"),
        "container": first("journal_title") or journal.split(",")[0] if journal else first("journal_title"),
        "volume": first("journal_volume"),
        "issue": first("journal_issue"),
        "pages": first("journal_page"),
        "publisher": first("publisher"),
        "doi": first("doi").removeprefix("doi:"),
    }


def measure_strings(name: str, parse, rows: list[dict], show: bool) -> None:
    styles = sorted({row["style"] for row in rows}, key=lambda s: [r["style"] for r in rows].index(s))
    print(f"{name}: field accuracy per style (fields a string gives, and empty fields left empty)")
    print(f"{'style':10} {'strings':>7} " + " ".join(f"{f[:9]:>9}" for f in STRING_FIELDS) + "      all  whole")
    totals = {f: [0, 0] for f in STRING_FIELDS}
    for style in [*styles, "all"]:
        chosen = [r for r in rows if r["style"] == style or style == "all"]
        right = {f: 0 for f in STRING_FIELDS}
        whole = 0  # strings with every field right
        for row in chosen:
            got = parse(row["string"]) if style != "all" else row["_got"]
            row["_got"] = got
            all_ok = True
            for f in STRING_FIELDS:
                ok = fold_field(f, got.get(f)) == fold_field(f, row[f])
                right[f] += ok
                all_ok &= ok
                if show and not ok and style != "all":
                    print(f"   {style:9} {f:12} want {row[f]!r} got {got.get(f)!r}  <- {row['string'][:70]}")
            whole += all_ok
        cells = " ".join(f"{right[f] / len(chosen):9.2f}" for f in STRING_FIELDS)
        overall = sum(right.values()) / (len(chosen) * len(STRING_FIELDS))
        print(f"{style:10} {len(chosen):7} {cells} {overall:8.3f} {whole / len(chosen):6.2f}")
        if style == "all":
            for f in STRING_FIELDS:
                totals[f] = [right[f], len(chosen)]


def main() -> None:
    if "--strings" in sys.argv:
        file = sys.argv[sys.argv.index("--file") + 1] if "--file" in sys.argv else None
        rows = load_strings(Path(file) if file else None)
        show = "--show" in sys.argv
        measure_strings("zhdoc (rules where certain, else the CRF)", zhdoc_fields, rows, show)
        for row in rows:
            row.pop("_got", None)
        measure_strings("zhdoc CRF alone", lambda s: zhdoc_fields(s, model_only=True), rows, show)
        if "--compare" in sys.argv:
            for row in rows:
                row.pop("_got", None)
            measure_strings("refextract", refextract_fields, rows, show)
        return
    corpus = next((a for a in sys.argv[1:] if not a.startswith("--")), "corpus/")
    show = "--show" in sys.argv
    gold = load_gold()
    print(f"gold: {len(gold)} works")
    measure("zhdoc", zhdoc_records(corpus), gold, show)
    if "--compare" in sys.argv:
        measure("refextract", refextract_records(corpus), gold, show)


if __name__ == "__main__":
    main()
