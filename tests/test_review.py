"""Review statuses in the termbase through the CLI: prefer, admit, deprecate, review, import."""

from __future__ import annotations

import csv
import io

import pytest
from terminology_corpus import write_corpus
from typer.testing import CliRunner

from zhdoc.cli import app
from zhdoc.review import Decisions
from zhdoc.store import Termbase

runner = CliRunner()


def zhdoc(*args, input=None):
    return runner.invoke(app, list(args), input=input)


@pytest.fixture
def termbase(tmp_path):
    articles = write_corpus(tmp_path)
    db = str(tmp_path / "terms.db")
    assert zhdoc("add", str(articles), "--db", db, "--jobs", "1").exit_code == 0
    return db


def statuses(db: str) -> dict[tuple[str, str], str]:
    with Termbase(db, readonly=True) as base:
        return {
            (k, c): d.status
            for k, renderings in Decisions(base, writable=False).all().items()
            for c, d in renderings.items()
        }


def test_prefer_deprecates_the_others_unless_admitted(termbase):
    admitted = zhdoc("admit", "scaling law", "扩展定律", "--db", termbase)
    assert admitted.exit_code == 0 and admitted.stdout == "扩展定律: unreviewed -> admitted\n"
    preferred = zhdoc("prefer", "SCALING LAWS", "縮放定律", "--db", termbase)  # traditional input, any case
    assert preferred.exit_code == 0
    assert preferred.stdout == "缩放定律: unreviewed -> preferred\n"
    assert statuses(termbase) == {("scaling law", "扩展定律"): "admitted", ("scaling law", "缩放定律"): "preferred"}
    deprecated = zhdoc("deprecate", "Scaling Laws", "扩展定律", "--db", termbase)
    assert deprecated.stdout == "扩展定律: admitted -> deprecated\n"
    again = zhdoc("deprecate", "Scaling Laws", "扩展定律", "--db", termbase)
    assert again.exit_code == 0 and again.stdout == "" and "already deprecated" in again.stderr


def test_unknown_term_or_rendering_is_a_one_line_error(termbase, tmp_path):
    missing = zhdoc("prefer", "transformer", "变换器", "--db", termbase)
    assert missing.exit_code == 1 and missing.stderr == "zhdoc: error: transformer: not in the termbase\n"
    wrong = zhdoc("prefer", "scaling laws", "标度律", "--db", termbase)
    assert wrong.exit_code == 1
    assert wrong.stderr == "zhdoc: error: 标度律: not a rendering of Scaling Laws (known: 缩放定律、扩展定律)\n"
    nobase = zhdoc("prefer", "scaling laws", "缩放定律", "--db", str(tmp_path / "none.db"))
    assert nobase.exit_code == 1 and nobase.stderr.endswith("none.db: no such termbase\n")


def test_statuses_survive_batches_and_new_renderings_of_reviewed_terms_are_named(termbase, tmp_path):
    zhdoc("prefer", "scaling laws", "缩放定律", "--db", termbase)
    later = tmp_path / "later"
    later.mkdir()
    (later / "b1.md").write_text(
        "# 又一篇\n\n有人把它译作比例定律（Scaling Laws），这种说法并不常见。\n"
        "生成对抗网络（Generative Adversarial Network）是另一回事。\n",
        encoding="utf-8",
    )
    added = zhdoc("add", str(later), "--db", termbase, "--jobs", "1")
    assert added.exit_code == 0
    lines = added.stdout.splitlines()
    at = lines.index("new renderings of reviewed terms (1), not yet reviewed:")
    assert lines[at + 1] == "  Scaling Laws: 比例定律 (preferred: 缩放定律)"
    assert "  Generative Adversarial Network: 生成对抗网络" in lines  # a new term, not a reviewed one
    (later / "b2.md").write_text("# 再一篇\n\n还有人写作标度律（Scaling Laws）。\n", encoding="utf-8")
    extracted = zhdoc("extract", str(later), "--db", termbase, "--jobs", "1", "-f", "csv")
    assert "  Scaling Laws: 标度律 (preferred: 缩放定律)" in extracted.stderr.splitlines()
    assert statuses(termbase) == {("scaling law", "缩放定律"): "preferred", ("scaling law", "扩展定律"): "deprecated"}
    rows = list(csv.DictReader(io.StringIO(zhdoc("glossary", "--db", termbase, "-f", "cat-csv").stdout)))
    scaling = next(r for r in rows if r["en"] == "Scaling Laws")
    assert (scaling["zh-CN"], scaling["status"]) == ("缩放定律", "preferred")
    assert scaling["note"] == "other renderings: 标度律 (unreviewed), 比例定律 (unreviewed), 扩展定律 (deprecated)"


def test_review_walks_contested_terms_first_and_records_answers(termbase):
    # contested first (Scaling Laws: 2 renderings), then by use; "1" prefers, "s" skips, "d 1" deprecates
    result = zhdoc("review", "--db", termbase, input="x\n1\ns\nd 1\nq\n")
    assert result.exit_code == 0
    shown = result.stderr
    assert shown.index("[1/4] Scaling Laws") < shown.index("[2/4] ")
    assert "缩放定律 (縮放定律)" in shown  # the traditional form as written
    assert "N or p N: prefer N" in shown  # "x" is not an answer: the help again
    assert "  缩放定律: unreviewed → preferred" in shown and "  扩展定律: unreviewed → deprecated" in shown
    assert "stopped: 3 decision(s) recorded" in shown
    # ties in use are ordered by the English key
    assert "[2/4] binary tree (term)" in shown and "[3/4] Large Language Model (term)" in shown
    assert statuses(termbase) == {
        ("scaling law", "缩放定律"): "preferred",
        ("scaling law", "扩展定律"): "deprecated",
        ("large language model", "大型语言模型"): "deprecated",
    }
    again = zhdoc("review", "--db", termbase, "--limit", "1", input="q\n")
    assert "[1/1] " in again.stderr and "Scaling Laws" not in again.stderr  # reviewed concepts are not asked again


def test_import_csv_with_language_code_columns(termbase, tmp_path):
    sheet = tmp_path / "approved.csv"
    sheet.write_text(
        "en,zh-CN,zh-TW,Status,Part of speech,Definition\n"
        "Scaling Laws,扩展定律,擴展定律,Preferred,noun,How loss falls with compute\n"
        "Scaling Laws,缩放定律,,deprecatedTerm-admn-sts,,\n"
        "transformer,变换器,變換器,admitted,noun,\n"
        "binary tree,,二元樹,preferred,,\n",
        encoding="utf-8-sig",
    )
    result = zhdoc("import", str(sheet), "--db", termbase)
    assert result.exit_code == 0
    assert result.stdout == "imported 4 rendering(s) of 3 term(s): 1 admitted, 1 deprecated, 2 preferred\n"
    assert statuses(termbase) == {
        ("scaling law", "扩展定律"): "preferred",
        ("scaling law", "缩放定律"): "deprecated",
        ("transformer", "变换器"): "admitted",
        ("binary tree", "二元树"): "preferred",
    }
    rows = {
        r["en"]: r for r in csv.DictReader(io.StringIO(zhdoc("glossary", "--db", termbase, "-f", "cat-csv").stdout))
    }
    assert (rows["transformer"]["zh-CN"], rows["transformer"]["zh-TW"], rows["transformer"]["part_of_speech"]) == (
        "变换器",
        "變換器",
        "noun",
    )
    assert (rows["binary tree"]["zh-CN"], rows["binary tree"]["zh-TW"]) == ("", "二元樹")
    assert rows["Scaling Laws"]["definition"] == "How loss falls with compute"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("english_term,chinese_term\nA,甲\n", "header needs an English column (en, en-US) and a Chinese one"),
        ("en,zh-CN,status\nScaling Laws,缩放定律,maybe\n", ":2: unknown status 'maybe'"),
        ("<martif><text><body><termEntry>", "not well-formed XML"),
    ],
)
def test_import_rejects_bad_glossaries_with_one_line(termbase, tmp_path, content, message):
    path = tmp_path / ("bad.tbx" if content.startswith("<") else "bad.csv")
    path.write_text(content, encoding="utf-8")
    result = zhdoc("import", str(path), "--db", termbase)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"zhdoc: error: {path}") and message in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert statuses(termbase) == {}
