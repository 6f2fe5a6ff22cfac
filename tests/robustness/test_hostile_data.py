"""Hostile data: escaping round trips, linear time on pathological lines, property tests."""

from __future__ import annotations

import csv
import io
import json
import random
import re
import time

import bibtexparser
from conftest import CORPUS, mine_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhdoc.export import to_string, write_bibtex, write_citations, write_glossary
from zhdoc.glossary import Glossary
from zhdoc.models import Citation, Document, Occurrence, TermPair
from zhdoc.pipeline import CorpusResult, process_document

NASTY = "Quote \" and ' tab\there, newline\nnext, ctrl\x01\x1f, emoji 🚀🧠, <xml> & </tags>, 中文, \\back"


def test_json_exports_round_trip_nasty_strings():
    glossary = Glossary.from_pairs([TermPair(NASTY, "中文" + NASTY, "term", "d.txt", 1, "bracket", NASTY, NASTY)])
    result = CorpusResult(glossary=glossary)
    data = json.loads(to_string(lambda s: write_glossary(result, "json", s)))
    entry = data["glossary"][0]
    assert entry["english"] == NASTY
    assert entry["renderings"][0]["chinese"] == "中文" + NASTY
    assert entry["renderings"][0]["evidence"][0]["context"] == NASTY
    line = to_string(lambda s: write_glossary(result, "jsonl", s))
    assert line.count("\n") == 1 and json.loads(line)["english"] == NASTY


def test_tbx_escapes_and_round_trips_what_xml_can_carry():
    import xml.etree.ElementTree as ET

    glossary = Glossary.from_pairs([TermPair(NASTY, "中文" + NASTY, "term", "d.txt", 1, "bracket", NASTY, NASTY)])
    root = ET.fromstring(
        to_string(lambda s: write_glossary(CorpusResult(glossary=glossary), "tbx", s)).split("\n", 2)[2]
    )
    carried = NASTY.replace("\x01", "").replace("\x1f", "")  # XML 1.0 has no way to carry these
    terms = [term.text for term in root.iter("term")]
    assert terms == [carried, "中文" + carried]
    assert next(root.iter("descrip")).text == carried


def test_csv_raw_round_trips_nasty_strings():
    glossary = Glossary.from_pairs([TermPair(NASTY, "中文" + NASTY, "term", "d.txt", 1, "bracket", NASTY, NASTY)])
    rows = list(
        csv.DictReader(
            io.StringIO(to_string(lambda s: write_glossary(CorpusResult(glossary=glossary), "csv", s, True)))
        )
    )
    assert (rows[0]["english"], rows[0]["chinese"]) == (NASTY, "中文" + NASTY)


def test_citation_exports_round_trip_nasty_titles():
    work = Citation(
        title=NASTY,
        authors=[("Zając", "M")],
        year=2023,
        arxiv="2307.15043",
        style="gbt7714",
        occurrences=[Occurrence("d.txt", 3, NASTY)],
    )
    items = json.loads(to_string(lambda s: write_citations([work], "csl-json", s)))
    assert items[0]["title"] == NASTY
    assert json.loads(items[0]["note"].removeprefix("zhdoc: "))["occurrences"][0]["raw"] == NASTY
    [line] = to_string(lambda s: write_citations([work], "jsonl", s)).splitlines()
    assert json.loads(line)["title"] == NASTY
    from bibtexparser.middlewares import LatexDecodingMiddleware

    library = bibtexparser.parse_string(to_string(write_bibtex, [work]), append_middleware=[LatexDecodingMiddleware()])
    assert library.failed_blocks == []
    title = library.entries[0]["title"]
    for piece in ("Quote", "emoji 🚀🧠", "<xml> &", "中文"):
        assert piece in title


def _elapsed(text: str) -> float:
    document = Document("x.txt", text, "utf-8", "", "zh")
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        process_document(document)
        best = min(best, time.perf_counter() - started)
    return best


def test_pathological_lines_stay_linear():
    """Each hostile line costs at most a few times a normal text of the same size, and doubling it
    about doubles the time (no catastrophic backtracking)."""
    size = 60_000
    normal = (CORPUS / "000_96a3b8b982e45424.txt").read_text(encoding="utf-8")
    _elapsed(normal[:2000])  # load the dictionaries first
    baseline = _elapsed((normal * 3)[:size])
    hostile = {
        "open brackets": "(" * size,
        "nested": "中文" + "(" * (size // 2) + ")" * (size // 2 - 2),
        "unbalanced glosses": "大语言模型(LLM" * (size // 10),
        "alternatives cues": ("译作" + "A" * 10 + "、") * (size // 13),
        "glued latin": "中A" * (size // 2),
        "reference-like": ("Smith J, " * (size // 9)) + "[J].",
        "author-year": "(Smith, 2020" * (size // 12),
        "random": "".join(random.Random(7).choice('中文模型()（）,，、"“”AbC 123·-:[]') for _ in range(size)),
    }
    for name, text in hostile.items():
        single = _elapsed(text)
        double = _elapsed(text + text)
        assert single < max(10 * baseline, 0.05), f"{name}: {single:.3f}s vs normal {baseline:.3f}s"
        assert double < 3.5 * single + 0.02, f"{name}: not linear ({single:.3f}s, doubled {double:.3f}s)"


PIECES = st.sampled_from(
    [
        "大语言模型",
        "对齐",
        "人工智能",
        "（",
        "）",
        "(",
        ")",
        "，",
        "、",
        "“",
        "”",
        '"',
        "「",
        "」",
        "/",
        ";",
        ":",
        "LLM",
        "Large Language Model",
        "AGI",
        "superalignment",
        "·",
        "亚历克斯",
        "也常被译作",
        "称为",
        " ",
        "\n",
        "Smith J, et al. Title[J]. arXiv preprint arXiv:2101.00001, 2021.",
        "https://arxiv.org/abs/2101.00001",
        "的",
        "2023",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, min_size=1, max_size=60))
def test_mining_never_raises_and_evidence_is_real(pieces):
    text = "".join(pieces)
    lines = text.split("\n")
    pairs, segments = mine_text(text)
    for pair in pairs:
        assert 1 <= pair.line <= len(lines)
        # a hard-wrapped paragraph is mined (and quoted) joined: its context starts on the pair's line
        # and may run on into the lines after it
        following = re.sub(r"\s+", "", "".join(lines[pair.line - 1 :]))
        assert re.sub(r"\s+", "", pair.context.strip("…")) in following
        assert lines[pair.line - 1].strip() and re.sub(r"\s+", "", pair.original) in following
    for segment in segments:
        assert 1 <= segment.line <= len(lines)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(PIECES, min_size=1, max_size=30), min_size=2, max_size=5), st.randoms())
def test_merging_in_any_order_gives_the_same_glossary(documents, rng):
    parts = [Glossary.from_pairs(mine_text("".join(doc))[0]) for doc in documents]
    reference = Glossary()
    for part in parts:
        reference = reference.merge(part)
    shuffled = parts[:]
    rng.shuffle(shuffled)
    merged = Glossary()
    for part in shuffled:
        merged = merged.merge(part)
    assert merged == reference
    grouped = shuffled[0].merge(Glossary().merge(shuffled[1]))
    for part in shuffled[2:]:
        grouped = part.merge(grouped)
    assert grouped == reference
