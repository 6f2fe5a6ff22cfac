"""Exports translation tools import: TBX v2/v3 read by translate-toolkit and by zhdoc's own import,
the CAT CSV/TSV/XLSX with language-code columns, and the glossary filters."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from terminology_corpus import reviewed_termbase, write_corpus
from typer.testing import CliRunner

from zhdoc.cli import app
from zhdoc.review import read_approved

runner = CliRunner()
LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def zhdoc(*args):
    return runner.invoke(app, list(args))


@pytest.fixture
def termbase(tmp_path):
    return reviewed_termbase(tmp_path)


def test_cat_csv_one_row_per_concept_with_language_code_columns(termbase):
    result = zhdoc("glossary", "--db", termbase, "--format", "cat-csv")
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["en", "zh-CN", "zh-TW", "status", "part_of_speech", "definition", "example", "note", "documents"]
    assert [r[:4] + [r[7], r[8]] for r in rows[1:]] == [
        [
            "Scaling Laws",
            "缩放定律",
            "縮放定律",
            "preferred",
            "other renderings: 扩展定律 (deprecated)",
            "3: a1.md, a2.md, a3.md",
        ],
        ["binary tree", "", "二元樹", "unreviewed", "", "1: a3.md"],
        ["Large Language Model", "大型语言模型", "", "unreviewed", "", "2: a1.md, a2.md"],
        ["LLM", "大型语言模型", "", "unreviewed", "", "2: a1.md, a2.md"],
    ]
    assert rows[1][6] == "研究者发现，缩放定律（Scaling Laws）描述了模型性能与计算量之间的幂律关系。"
    tsv = zhdoc("glossary", "--db", termbase, "-f", "CAT-TSV", "--excel").stdout
    assert tsv.startswith("\ufeffen\tzh-CN\tzh-TW\tstatus\t")


def test_documents_cell_stays_short_on_many_documents(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(40):
        (folder / f"article-with-a-long-file-name-{n:03}.md").write_text(
            f"# 第{n}篇\n\n强化学习（reinforcement learning）是第{n}个例子里的方法。\n", encoding="utf-8"
        )
    db = str(tmp_path / "many.db")
    assert zhdoc("add", str(folder), "--db", db, "--jobs", "1").exit_code == 0
    rows = list(csv.DictReader(io.StringIO(zhdoc("glossary", "--db", db, "-f", "cat-csv").stdout)))
    assert rows[0]["documents"] == (
        "40: article-with-a-long-file-name-000.md, article-with-a-long-file-name-001.md, "
        "article-with-a-long-file-name-002.md, …"
    )


def test_xlsx_holds_the_same_rows(termbase, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "glossary.xlsx"
    result = zhdoc("glossary", "--db", termbase, "-f", "xlsx", "-o", str(path))
    assert result.exit_code == 0
    sheet = load_workbook(path).active
    values = [[c or "" for c in row] for row in sheet.iter_rows(values_only=True)]
    text = zhdoc("glossary", "--db", termbase, "-f", "cat-csv").stdout
    assert values == list(csv.reader(io.StringIO(text)))
    # and it imports back
    assert {(d.english, d.chinese, d.traditional, d.status) for d in read_approved(str(path))} == {
        ("Scaling Laws", "缩放定律", "縮放定律", "preferred"),
        ("binary tree", "二元树", "二元樹", "unreviewed"),
        ("Large Language Model", "大型语言模型", "", "unreviewed"),
        ("LLM", "大型语言模型", "", "unreviewed"),
    }


def tbx_entries(text: str) -> dict[str, ET.Element]:
    root = ET.fromstring(text.split("\n", 2)[2] if "DOCTYPE" in text else text.split("\n", 1)[1])
    entries = {}
    for entry in root.iter():
        if entry.tag.endswith(("termEntry", "conceptEntry")):
            first = next(t for t in entry.iter() if t.tag.endswith("term"))
            entries[first.text] = entry
    return entries


def terms_in(entry: ET.Element, lang: str) -> list[tuple[str, str]]:
    found = []
    for section in entry:
        if section.get(LANG) != lang:
            continue
        for holder in section:
            term = next(t.text for t in holder if t.tag.endswith("term"))
            status = next(
                (n.text for n in holder if n.tag.endswith("termNote") and n.get("type") == "administrativeStatus"), ""
            )
            found.append((term, status))
    return found


def test_tbx_keeps_regional_forms_statuses_and_cross_references(termbase):
    text = zhdoc("glossary", "--db", termbase, "-f", "tbx").stdout
    entries = tbx_entries(text)
    scaling = entries["Scaling Laws"]
    assert terms_in(scaling, "zh-Hans") == [
        ("缩放定律", "preferredTerm-admn-sts"),
        ("扩展定律", "deprecatedTerm-admn-sts"),
    ]
    assert terms_in(scaling, "zh-Hant") == [("縮放定律", "preferredTerm-admn-sts")]
    tree = entries["binary tree"]
    assert terms_in(tree, "zh-Hans") == [] and terms_in(tree, "zh-Hant") == [("二元樹", "")]  # never 二元树
    llm, full = entries["LLM"], entries["Large Language Model"]
    ref = llm.find("ref")
    assert (ref.get("type"), ref.get("target"), ref.text) == ("crossReference", full.get("id"), "Large Language Model")
    assert full.find("ref").get("target") == llm.get("id")
    assert not [d for d in llm.iter("descrip") if d.get("type") == "definition"]  # a link is not a definition
    v3 = tbx_entries(zhdoc("glossary", "--db", termbase, "-f", "tbx3").stdout)
    assert terms_in(v3["Scaling Laws"], "zh-Hant") == [("縮放定律", "preferredTerm-admn-sts")]


def test_translate_toolkit_reads_every_rendering_and_status(termbase):
    from translate.storage import tbx

    store = tbx.tbxfile.parsestring(zhdoc("glossary", "--db", termbase, "-f", "tbx").stdout.encode("utf-8"))
    units = {unit.source: unit for unit in store.units}
    assert list(units) == ["Scaling Laws", "binary tree", "Large Language Model", "LLM"]
    scaling = units["Scaling Laws"]
    assert [t.text for t in scaling.get_source_terms()] == ["Scaling Laws", "scaling laws"]
    assert [(t.text, t.administrative_status, t.deprecated) for t in scaling.get_target_terms("zh-Hans")] == [
        ("缩放定律", "preferredTerm-admn-sts", False),
        ("扩展定律", "deprecatedTerm-admn-sts", True),
    ]
    assert [t.text for t in scaling.get_target_terms("zh-Hant")] == ["縮放定律"]
    assert [t.text for t in units["binary tree"].get_target_terms("zh-Hant")] == ["二元樹"]


def test_csv2tbx_reads_the_cat_csv(termbase, tmp_path):
    """translate-toolkit's csv2tbx converter takes the language columns as source and target (its
    command line drops --columnorder, so the converter is called as the command would)."""
    from translate.convert import csv2tbx
    from translate.storage import tbx

    source = io.BytesIO(zhdoc("glossary", "--db", termbase, "-f", "cat-csv").stdout.encode("utf-8"))
    out = io.BytesIO()
    assert csv2tbx.convertcsv(source, out, None, columnorder=["source", "target"]) == 1
    units = tbx.tbxfile.parsestring(out.getvalue()).units
    assert [(u.source, u.target) for u in units] == [
        ("en", "zh-CN"),  # the header row: csv2tbx does not know language-code headers
        ("Scaling Laws", "缩放定律"),
        ("binary tree", ""),
        ("Large Language Model", "大型语言模型"),
        ("LLM", "大型语言模型"),
    ]


@pytest.mark.parametrize("fmt", ["tbx", "tbx3"])
def test_tbx_round_trips_through_import(termbase, tmp_path, fmt):
    path = tmp_path / f"export.{fmt}"
    assert zhdoc("glossary", "--db", termbase, "-f", fmt, "-o", str(path)).exit_code == 0
    fresh = str(tmp_path / "fresh.db")
    result = zhdoc("import", str(path), "--db", fresh)
    assert result.stdout == "imported 5 rendering(s) of 4 term(s): 1 deprecated, 1 preferred, 3 unreviewed\n"
    exported = list(csv.DictReader(io.StringIO(zhdoc("glossary", "--db", fresh, "-f", "cat-csv").stdout)))
    # no article glosses them in the fresh termbase: approved-only concepts come in key order
    assert [(r["en"], r["zh-CN"], r["zh-TW"], r["status"], r["note"]) for r in exported] == [
        ("binary tree", "", "二元樹", "unreviewed", ""),
        ("Large Language Model", "大型语言模型", "", "unreviewed", ""),
        ("LLM", "大型语言模型", "", "unreviewed", ""),
        ("Scaling Laws", "缩放定律", "縮放定律", "preferred", "other renderings: 扩展定律 (deprecated)"),
    ]


def test_glossary_filters_and_sort(termbase):
    def english(*options):
        result = zhdoc("glossary", "--db", termbase, "-f", "csv", *options)
        assert result.exit_code == 0, result.stderr
        return [(r["english"], r["chinese"]) for r in csv.DictReader(io.StringIO(result.stdout))]

    assert english("--kind", "acronym") == [("LLM", "大型语言模型")]
    assert english("--min-glossed", "2") == [("Scaling Laws", "缩放定律")]
    assert english("--status", "deprecated") == [("scaling laws", "扩展定律")]
    assert english("--sort", "english", "--status", "unreviewed") == [
        ("binary tree", "二元树"),
        ("Large Language Model", "大型语言模型"),
        ("LLM", "大型语言模型"),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "tbx", "--excel"], "--excel applies to csv, tsv, cat-csv and cat-tsv, not to tbx"),
        (["-f", "csv", "--wide"], "--wide applies to the table format, not to csv"),
        (["-f", "csv", "--kind", "thing"], "--kind thing: not a kind (term, acronym, person, organization)"),
        (["-f", "csv", "--status", "approved"], "--status approved: not a status"),
    ],
)
def test_options_that_do_not_apply_are_errors(termbase, args, message):
    result = zhdoc("glossary", "--db", termbase, *args)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"zhdoc: error: {message}")


def test_extract_option_errors(tmp_path):
    articles = write_corpus(tmp_path)
    forced = zhdoc("extract", str(articles), "--force")
    assert forced.exit_code == 2
    assert forced.stderr == "zhdoc: error: --force only applies with --db (a termbase to re-process documents into)\n"
    status = zhdoc("extract", str(articles), "--status", "preferred", "-f", "csv")
    assert (
        status.exit_code == 2
        and status.stderr == "zhdoc: error: --status needs --db: review statuses live in a termbase\n"
    )


def test_compact_table_counts_documents(termbase):
    compact = zhdoc("glossary", "--db", termbase, "-f", "TABLE").stdout
    row = next(line for line in compact.splitlines() if "Scaling Laws" in line)
    assert row.split("│")[1:-1][-1].strip() == "2"  # 缩放定律 is in two documents
    wide = zhdoc("glossary", "--db", termbase, "-f", "table", "--wide").stdout
    row = next(line for line in wide.splitlines() if "Scaling Laws" in line)
    assert "a1.md; a3.md" in row
