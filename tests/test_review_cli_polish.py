"""CLI polish that goes with the terminology workflow: show --limit and its hints, help placeholders,
case-insensitive format names."""

from __future__ import annotations

import pytest
from terminology_corpus import write_corpus
from typer.testing import CliRunner

from zhdoc.cli import app

runner = CliRunner()


@pytest.fixture
def termbase(tmp_path):
    articles = write_corpus(tmp_path)
    db = str(tmp_path / "terms.db")
    assert runner.invoke(app, ["add", str(articles), "--db", db, "--jobs", "1"]).exit_code == 0
    return db


def test_show_limit_counts_the_rest(termbase):
    result = runner.invoke(app, ["show", "scaling laws", "--db", termbase, "--limit", "1"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Scaling Laws (term)"
    assert lines[1] == "  缩放定律  glossed 2, used 4, in 2 document(s)"
    assert lines[2].startswith("   * ") and "【缩放定律】" in lines[2]
    assert lines[3] == "     … 3 more (--limit N to see more)"


def test_show_hints_when_the_term_is_part_of_others_or_missing(termbase):
    partial = runner.invoke(app, ["show", "language", "--db", termbase])
    assert partial.exit_code == 1
    assert partial.stderr == (
        "zhdoc: error: language: not in the termbase (1 term(s) contain it: Large Language Model)\n"
    )
    shared = runner.invoke(app, ["show", "大型语言模型", "--db", termbase, "--limit", "0"])
    assert shared.exit_code == 0
    assert shared.stdout.splitlines()[0] == "Large Language Model (term)  related: LLM"
    assert shared.stderr == "zhdoc: 大型语言模型 is also part of 1 other term(s): LLM\n"


def test_help_shows_placeholders_not_python_types():
    for command in ("extract", "glossary", "check", "show", "import", "add", "citations"):
        text = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"}).stdout
        assert "<list[str]>" not in text and "<int range>" not in text and "<text>" not in text
    extract = runner.invoke(app, ["extract", "--help"], env={"COLUMNS": "200"}).stdout
    assert "-o, --output FILE" in extract and "-j, --jobs N" in extract and "--db FILE" in extract


def test_format_names_are_case_insensitive(termbase):
    upper = runner.invoke(app, ["glossary", "--db", termbase, "-f", "CSV"])
    assert upper.exit_code == 0 and upper.stdout.startswith("english,chinese,")
