"""zhdoc check: terminology QA of new articles against the review decisions."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from terminology_corpus import reviewed_termbase, write_corpus
from typer.testing import CliRunner

from zhdoc.cli import app

runner = CliRunner()


def zhdoc(*args):
    return runner.invoke(app, list(args))


@pytest.fixture
def termbase(tmp_path):
    return reviewed_termbase(tmp_path)


def draft(tmp_path, name: str, text: str) -> str:
    folder = tmp_path / "drafts"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return str(folder / name)


def test_deprecated_use_unknown_rendering_and_two_renderings(termbase, tmp_path):
    path = draft(
        tmp_path,
        "new.md",
        "# 草稿\n\n"
        "实验再次验证了扩展定律（Scaling Laws）。\n"
        "我们用**缩放定律**估算预算，并构建了一棵二叉树（binary tree）。\n",
    )
    result = zhdoc("check", path, "--db", termbase)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:3:8: deprecated: 扩展定律 is deprecated for Scaling Laws; use 缩放定律  | 实验再次验证了【扩展定律】（Scaling Laws）。",
        f"{path}:4:23: unknown-rendering: binary tree glossed as 二叉树, which the termbase does not know (known: 二元树)"
        "  | 用**缩放定律**估算预算，并构建了一棵【二叉树】（binary tree）。",
    ]
    # 缩放定律 on line 4 is the preferred rendering: the deprecated use is the one finding, not an inconsistency too
    assert result.stderr == "zhdoc: 1 article(s) checked, 2 finding(s) (1 deprecated, 1 unknown-rendering)\n"


def test_two_renderings_in_one_article_before_any_review(tmp_path):
    articles = write_corpus(tmp_path)
    db = str(tmp_path / "unreviewed.db")
    assert zhdoc("add", str(articles), "--db", db, "--jobs", "1").exit_code == 0
    path = draft(tmp_path, "mixed.md", "# 稿\n\n扩展定律（scaling laws）很重要。\n后来我们改用缩放定律这个说法。\n")
    result = zhdoc("check", path, "--db", db)
    assert result.exit_code == 1
    assert result.stdout == (
        f"{path}:4:7: inconsistent: Scaling Laws is rendered both 扩展定律 (line 3) and 缩放定律 here"
        "  | 后来我们改用【缩放定律】这个说法。\n"
    )
    admitted = zhdoc("admit", "scaling laws", "扩展定律", "--db", db)
    assert admitted.exit_code == 0
    assert zhdoc("prefer", "scaling laws", "缩放定律", "--db", db).exit_code == 0
    again = zhdoc("check", path, "--db", db)  # the preferred one anchors: the admitted one is the second way
    assert again.stdout == (
        f"{path}:3:1: inconsistent: Scaling Laws is rendered both 缩放定律 (line 4) and 扩展定律 here; preferred: 缩放定律"
        "  | 【扩展定律】（scaling laws）很重要。\n"
    )


def test_clean_article_exits_zero(termbase, tmp_path):
    path = draft(
        tmp_path, "clean.md", "# 好稿\n\n缩放定律（Scaling Laws）依然成立，大型语言模型（LLM）也遵循缩放定律。\n"
    )
    result = zhdoc("check", path, "--db", termbase)
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "zhdoc: 1 article(s) checked, 0 finding(s)\n"


def test_traditional_article_gets_columns_and_forms_as_written(termbase, tmp_path):
    path = draft(tmp_path, "tw.md", "# 筆記\n\n研究人員發現擴展定律（Scaling Laws）也適用於資料結構。\n")
    result = zhdoc("check", path, "--db", termbase, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [(f["kind"], f["line"], f["column"], f["found"], f["preferred"]) for f in data["findings"]] == [
        ("deprecated", 3, 7, "擴展定律", "縮放定律")
    ]
    assert data["counts"] == {"deprecated": 1, "unknown-rendering": 0, "inconsistent": 0}


def test_junit_report_for_ci(termbase, tmp_path):
    bad = draft(tmp_path, "bad.md", "# 稿\n\n扩展定律（Scaling Laws）是经验规律。\n")
    good = draft(tmp_path, "good.md", "# 稿\n\n缩放定律（Scaling Laws）是经验规律。\n")
    output = tmp_path / "terminology.xml"
    result = zhdoc("check", str(tmp_path / "drafts"), "--db", termbase, "-f", "junit", "-o", str(output))
    assert result.exit_code == 1
    suite = ET.parse(output).getroot().find("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert cases[good].find("failure") is None
    assert cases[bad].find("failure").get("message") == "1 terminology finding(s)"


def test_check_against_an_approved_glossary_file(tmp_path):
    glossary = tmp_path / "approved.csv"
    glossary.write_text(
        "en,zh-CN,status\nreward model,奖励模型,preferred\nreward model,回报模型,deprecated\n", encoding="utf-8"
    )
    path = draft(tmp_path, "a.md", "# 稿\n\n我们训练了一个回报模型（reward model），然后用奖励模型打分。\n")
    result = zhdoc("check", path, "--glossary", str(glossary))
    assert result.exit_code == 1
    assert [line.split(": ", 2)[1] for line in result.stdout.splitlines()] == ["deprecated"]
    assert "回报模型 is deprecated for reward model; use 奖励模型" in result.stdout


def test_check_needs_exactly_one_reference(termbase, tmp_path):
    path = draft(tmp_path, "a.md", "# 稿\n\n缩放定律。\n")
    neither = zhdoc("check", path)
    both = zhdoc("check", path, "--db", termbase, "--glossary", termbase)
    for result in (neither, both):
        assert result.exit_code == 2
        assert result.stderr == "zhdoc: error: give exactly one of --db FILE or --glossary FILE to check against\n"
    missing = zhdoc("check", str(tmp_path / "nothing.md"), "--db", termbase)
    assert missing.exit_code == 2 and f"{tmp_path / 'nothing.md'}: no such file or folder" in missing.stderr


def test_a_rendering_another_term_still_uses_is_not_flagged_unless_glossed(tmp_path):
    glossary = tmp_path / "approved.csv"
    glossary.write_text(
        "en,zh-CN,status\nLLM,大型语言模型,preferred\nLLM,语言模型,deprecated\nlanguage model,语言模型,preferred\n",
        encoding="utf-8",
    )
    plain = draft(tmp_path, "plain.md", "# 稿\n\n语言模型（language model）预测下一个词。\n")
    assert zhdoc("check", plain, "--glossary", str(glossary)).exit_code == 0
    glossed = draft(tmp_path, "glossed.md", "# 稿\n\n我们测试了一个语言模型（LLM）。\n")
    result = zhdoc("check", glossed, "--glossary", str(glossary))
    assert result.exit_code == 1
    assert result.stdout == (
        f"{glossed}:3:8: deprecated: 语言模型 is deprecated for LLM; use 大型语言模型  | 我们测试了一个【语言模型】（LLM）。\n"
    )


def test_acronym_and_full_form_are_one_concept(tmp_path):
    articles = write_corpus(tmp_path)
    db = str(tmp_path / "terms.db")
    assert zhdoc("add", str(articles), "--db", db, "--jobs", "1").exit_code == 0
    # Large Language Model holds 大型语言模型 unreviewed, but it is LLM's full form: no shield
    assert zhdoc("deprecate", "LLM", "大型语言模型", "--db", db).exit_code == 0
    path = draft(tmp_path, "a.md", "# 稿\n\n新的大型语言模型很强。\n")
    result = zhdoc("check", path, "--db", db)
    assert (
        result.stdout == f"{path}:3:3: deprecated: 大型语言模型 is deprecated for LLM  | 新的【大型语言模型】很强。\n"
    )
