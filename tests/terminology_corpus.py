"""A small corpus written for the terminology-workflow tests: simplified articles that render
Scaling Laws two ways, and a Taiwan article in traditional characters (二元樹, 縮放定律)."""

from __future__ import annotations

from pathlib import Path

ARTICLES = {
    "a1.md": (
        "# 大模型训练笔记\n\n"
        "研究者发现，缩放定律（Scaling Laws）描述了模型性能与计算量之间的幂律关系。\n"
        "缩放定律也指导了大型语言模型（Large Language Model, LLM）的训练预算。\n"
        "在实践中，缩放定律帮助团队估算所需的数据量。\n"
    ),
    "a2.md": (
        "# 新的实验\n\n"
        "扩展定律（scaling laws）在新的研究中再次得到验证。\n"
        "按照扩展定律，更大的模型需要更多数据，大型语言模型也不例外。\n"
    ),
    "a3.md": (
        "# 資料結構筆記\n\n"
        "在資料結構課程中，二元樹（binary tree）是最基本的結構之一。\n"
        "每個二元樹節點最多有兩個子節點，研究人員也用縮放定律（Scaling Laws）分析演算法。\n"
    ),
}


def write_corpus(folder: Path) -> Path:
    articles = folder / "articles"
    articles.mkdir()
    for name, text in ARTICLES.items():
        (articles / name).write_text(text, encoding="utf-8")
    return articles


def reviewed_termbase(folder: Path) -> str:
    """The corpus added to a termbase, with 缩放定律 preferred for Scaling Laws: the starting point of
    the check and export tests."""
    from typer.testing import CliRunner

    from zhdoc.cli import app

    runner = CliRunner()
    db = str(folder / "terms.db")
    assert runner.invoke(app, ["add", str(write_corpus(folder)), "--db", db, "--jobs", "1"]).exit_code == 0
    assert runner.invoke(app, ["prefer", "scaling laws", "缩放定律", "--db", db]).exit_code == 0
    return db
