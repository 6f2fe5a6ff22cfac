"""Very large files are read block by block: same results as reading them whole, bounded memory."""

from __future__ import annotations

import tracemalloc

from conftest import CORPUS

from zhdoc import ingest
from zhdoc.export import glossary_rows
from zhdoc.pipeline import extract


def test_large_file_streams_with_bounded_memory_and_same_results(tmp_path, monkeypatch):
    article = (CORPUS / "000_96a3b8b982e45424.txt").read_text(encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text(article * 60, encoding="utf-8")  # ~2 MB, ~660k characters, 25k lines
    whole = extract([str(big)], jobs=1)

    monkeypatch.setattr(ingest, "STREAM_THRESHOLD", 256 * 1024)
    monkeypatch.setattr(ingest, "STREAM_BLOCK", 64 * 1024)
    monkeypatch.setattr(ingest, "PIECE_CHARS", 50_000)
    streamed = extract([str(big)], jobs=1)

    assert glossary_rows(streamed.glossary) == glossary_rows(whole.glossary)
    assert [(c.title, len(c.occurrences)) for c in streamed.citations.works()] == [
        (c.title, len(c.occurrences)) for c in whole.citations.works()
    ]
    assert streamed.documents[0].sha256 == whole.documents[0].sha256
    line = article.count("\n") * 59 + 16  # the 60th copy's line 16
    llm = streamed.glossary.lookup("LLM").renderings["大语言模型"]
    assert any(e.line == line for e in llm.evidence)


def _peak(path) -> int:
    tracemalloc.start()
    extract([str(path)], jobs=1)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def test_memory_of_a_streamed_file_does_not_grow_with_it(tmp_path, monkeypatch):
    prose = [
        line
        for line in (CORPUS / "002_9614966418b4fbf2.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not any(c.isascii() and c.isalpha() for c in line)
    ]
    body = "\n".join(prose) + "\n"
    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_text(body * 20, encoding="utf-8")  # ~0.9 MB
    large.write_text(body * 80, encoding="utf-8")  # ~3.6 MB
    extract([str(small)], jobs=1)  # warm caches and dictionaries
    whole_large = _peak(large)
    monkeypatch.setattr(ingest, "STREAM_THRESHOLD", 256 * 1024)
    monkeypatch.setattr(ingest, "STREAM_BLOCK", 64 * 1024)
    monkeypatch.setattr(ingest, "PIECE_CHARS", 50_000)
    streamed_small, streamed_large = _peak(small), _peak(large)
    assert streamed_large < 1.5 * streamed_small  # 4x the file, about the same memory
    assert streamed_large < whole_large / 4  # and far less than reading it whole


def test_long_line_in_a_streamed_file_keeps_its_number(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "STREAM_THRESHOLD", 64 * 1024)
    monkeypatch.setattr(ingest, "STREAM_BLOCK", 16 * 1024)
    monkeypatch.setattr(ingest, "PIECE_CHARS", 20_000)
    text = (
        "第一行\n"
        + "训练数据很多。" * 30_000
        + "大语言模型（Large Language Model，LLM）很强。"
        + "其余内容。" * 20_000
        + "\n最后"
    )
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    result = extract([str(path)], jobs=1)
    evidence = min(result.glossary.lookup("LLM").renderings["大语言模型"].evidence)
    assert evidence.line == 2 and len(evidence.context) < 1000
