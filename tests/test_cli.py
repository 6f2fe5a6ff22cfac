"""The command line as a user runs it: formats, pipes, errors and exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from conftest import CORPUS, ROOT
from typer.testing import CliRunner

from zhdoc import __version__
from zhdoc.cli import app

runner = CliRunner()
ARTICLE = str(CORPUS / "004_8e49c2069f069655.txt")


def run(*args, input=None):
    return runner.invoke(
        app, [*args, "--jobs", "1"] if args[0] in ("extract", "citations") else list(args), input=input
    )


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.stdout == f"zhdoc {__version__}\n"


def test_csv_when_piped():
    result = run("extract", ARTICLE)
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0])[:2] == ["english", "chinese"]
    pairs = {(r["english"], r["chinese"], r["kind"]) for r in rows}
    assert ("Jan Leike", "扬·莱克", "person") in pairs
    assert ("superalignment", "超级对齐", "term") in pairs
    leike = next(r for r in rows if r["english"] == "Jan Leike")
    assert (leike["glossed"], leike["uses"]) == ("1", "8")


def test_excel_bom_and_tsv():
    assert run("extract", ARTICLE, "--format", "csv", "--excel").stdout.startswith("\ufeffenglish,chinese,")
    assert run("extract", ARTICLE, "--format", "tsv").stdout.startswith("english\tchinese\tkind\t")


def test_json_has_glossary_segments_and_citations():
    data = json.loads(run("extract", str(CORPUS), "--format", "json").stdout)
    assert data["zhdoc_schema"] == 1
    assert len(data["documents"]) == 4
    entry = next(e for e in data["glossary"] if e["english"] == "HPC")
    assert entry["renderings"][0]["chinese"] == "高性能计算"
    assert entry["renderings"][0]["evidence"][0]["line"] == 69
    assert any(s["english"] == "Quick taxonomy of catastrophic AI risk" for s in data["segments"])
    assert any(c["arxiv"] == "2108.07258" for c in data["citations"])


def test_stdin():
    text = "通用人工智能（Artificial General Intelligence，AGI）正在到来。"
    result = run("extract", "-", "--format", "csv", input=text)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {(r["english"], r["chinese"]) for r in rows} == {
        ("Artificial General Intelligence", "通用人工智能"),
        ("AGI", "通用人工智能"),
    }


def test_bad_file_gets_one_line_error_and_others_still_run(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    result = run("extract", str(bad), ARTICLE, str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    assert f"zhdoc: error: {bad}: binary file (contains NUL bytes)" in result.stderr
    assert f"zhdoc: error: {tmp_path / 'missing.txt'}: no such file or folder" in result.stderr
    assert "Traceback" not in result.stderr
    assert "扬·莱克" in result.stdout


def test_non_chinese_is_skipped_with_a_warning(tmp_path):
    english = tmp_path / "en.md"
    english.write_text("This is an English article about language models and alignment research. " * 10)
    result = run("extract", str(english), ARTICLE)
    assert result.exit_code == 0
    assert "zhdoc: warning:" in result.stderr and "not a Chinese text" in result.stderr
    only = run("extract", str(english))
    assert only.exit_code == 1 and "no Chinese articles" in only.stderr


def test_output_file_is_written_whole_or_not_at_all(tmp_path):
    target = tmp_path / "out.csv"
    assert run("extract", ARTICLE, "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("english,chinese,")
    missing = tmp_path / "nope" / "out.csv"
    result = run("extract", ARTICLE, "-o", str(missing))
    assert result.exit_code == 1
    assert "cannot write output" in result.stderr
    assert not missing.parent.exists()


def test_normalize_and_segment(tmp_path):
    source = tmp_path / "tw.txt"
    source.write_text("我們使用軟體分析大型語言模型（Large Language Model）的對齊。\n" * 3, encoding="utf-8")
    assert (
        run("normalize", str(source)).stdout.splitlines()[0]
        == "我们使用软件分析大型语言模型(Large Language Model)的对齐。"
    )
    segmented = run("segment", str(source)).stdout.splitlines()[0]
    assert "大型语言模型" in segmented.split(" ")


def test_help_has_examples_and_does_not_load_heavy_modules():
    code = (
        "import sys; from zhdoc.cli import app; "
        "heavy = [m for m in ('jieba', 'opencc', 'langdetect') if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout
    assert out.strip() == "[]"
    for command in ("extract", "citations", "normalize", "segment"):
        assert "Example" in runner.invoke(app, [command, "--help"]).stdout


def test_tbx_for_translation_tools():
    import xml.etree.ElementTree as ET

    result = run("extract", str(CORPUS), "--format", "tbx")
    root = ET.fromstring(result.stdout.split("\n", 2)[2])
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    entry = next(e for e in root.iter("termEntry") if [t.text for t in e.iter("term")][0] == "Scaling Laws")
    chinese = [
        t.text for t in entry.find("langSet[@{http://www.w3.org/XML/1998/namespace}lang='zh-Hans']").iter("term")
    ]
    # glossed twice first (the author chose it twice), then by uses
    assert chinese == ["规模法则", "缩放定律", "扩展定律", "比例定律", "标度律"]


@pytest.mark.parametrize("fmt", ["table", "md", "jsonl"])
def test_other_formats(fmt):
    result = run("extract", ARTICLE, "--format", fmt)
    assert result.exit_code == 0
    assert "阿曼达·阿斯凯尔" in result.stdout


def test_termbase_commands(tmp_path):
    db = str(tmp_path / "t.db")
    first = run("extract", ARTICLE, "--db", db, "--format", "csv")
    assert first.exit_code == 0 and "batch: 1 processed" in first.stderr
    added = run("add", str(CORPUS / "001_e48cedbd85729e7f.txt"), "--db", db)
    assert added.exit_code == 0
    assert (
        added.stdout.splitlines()[0] == "batch: 1 processed (0 changed), 0 unchanged, 0 duplicate, 0 moved, 0 removed"
    )
    assert "  HPC: 高性能计算" in added.stdout.splitlines()
    exported = runner.invoke(app, ["glossary", "--db", db, "--format", "csv"])
    assert {(r["english"], r["chinese"]) for r in csv.DictReader(io.StringIO(exported.stdout))} >= {
        ("HPC", "高性能计算"),
        ("Jan Leike", "扬·莱克"),
    }
    shown = runner.invoke(app, ["show", "hpc", "--db", db])
    assert shown.stdout.splitlines()[0] == "HPC (acronym)"
    assert any("【高性能计算】" in line and line.lstrip().startswith("*") for line in shown.stdout.splitlines())
    cited = runner.invoke(app, ["citations", "--db", db, "--format", "csv"])
    assert "Predictability and Surprise in Large Generative Models" in cited.stdout
    missing = runner.invoke(app, ["show", "nothing here", "--db", db])
    assert missing.exit_code == 1 and "not in the termbase" in missing.stderr


def test_bad_termbase_is_a_one_line_error(tmp_path):
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"not a database" * 200)
    result = run("extract", ARTICLE, "--db", str(bogus))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"zhdoc: error: {bogus}: not a zhdoc termbase (not an SQLite database, or corrupt)"


def test_csv_rows_keep_each_english_form_as_written():
    rows = list(csv.DictReader(io.StringIO(run("extract", str(CORPUS / "001_e48cedbd85729e7f.txt")).stdout)))
    llm = {(r["english"], r["chinese"], r["glossed"], r["term"]) for r in rows if r["term"] == "LLM"}
    assert llm == {
        ("LLM", "大型语言模型", "1", "LLM"),
        ("LLMs", "大型语言模型", "2", "LLM"),
        ("LLM", "语言模型", "1", "LLM"),
    }


def test_option_values_are_converted_without_pydantic_and_bad_ones_keep_typers_errors():
    """zhdoc converts plain option values itself (Typer would build a pydantic adapter per parameter,
    ~0.1 s of every process); a bad value still gets Typer's own message."""
    code = (
        "import runpy, sys\n"
        f"sys.argv = ['zhdoc', 'extract', {ARTICLE!r}, '--format', 'CSV', '--jobs', '01', '--sort', 'English',\n"
        "            '--min-glossed', '1', '--kind', 'person', '--kind', 'term']\n"
        "try:\n"
        "    runpy.run_module('zhdoc', run_name='__main__')\n"
        "except SystemExit as exit:\n"
        "    print(exit.code, 'pydantic' in sys.modules, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.stderr.split() == ["0", "False"]
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [(r["english"], r["kind"]) for r in rows] == [
        ("Alex Tamkin", "person"),
        ("Amanda Askell", "person"),
        ("checkpoint", "term"),
        ("Jan Leike", "person"),
        ("Josh Batson", "person"),
        ("superalignment", "term"),
    ]

    bad = runner.invoke(app, ["extract", ARTICLE, "--jobs", "0"])
    assert bad.exit_code == 2
    assert "Invalid value for '--jobs' / '-j': Input should be greater than or equal to 1" in bad.output
    bad = runner.invoke(app, ["extract", ARTICLE, "--sort", "often"])
    assert (
        "Invalid value for '--sort': Value error, 'often' is not one of 'uses', 'english', 'glossed', 'contested'."
        in (bad.output)
    )
