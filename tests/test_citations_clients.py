"""The citation exports read by real clients: pandoc --citeproc (CSL-JSON), biber's data-model
validation and pybtex (BibTeX), rispy (RIS). .ci/run installs Debian's pandoc and biber."""

from __future__ import annotations

import json
import shutil
import subprocess
import warnings

import pytest

from zhdoc.export import to_string, write_citations
from zhdoc.models import Citation, Occurrence
from zhdoc.pipeline import extract

NEEDS_PANDOC = pytest.mark.skipif(
    shutil.which("pandoc") is None, reason="pandoc is not installed (.ci/run installs it)"
)
NEEDS_BIBER = pytest.mark.skipif(shutil.which("biber") is None, reason="biber is not installed (.ci/run installs it)")


def works_of(fmt: str, works: list[Citation]) -> str:
    return to_string(lambda ws, stream: write_citations(ws, fmt, stream), works)


@pytest.fixture(scope="module")
def corpus_works(corpus_dir):
    return extract([str(corpus_dir)], jobs=1).citations.works()


def _sample() -> list[Citation]:
    here = [Occurrence("notes.md", 3, "raw")]
    return [
        Citation(
            title="Scaling laws for neural language models",
            authors=[("Kaplan", "Jared")],
            et_al=True,
            year=2020,
            arxiv="2001.08361",
            container="arXiv preprint",
            style="mla",
            occurrences=list(here),
        ),
        Citation(
            title="Sampling strategies for language model evaluation",
            authors=[("Pearson", "D")],
            year=2021,
            container="Journal of Computational Linguistics Studies",
            volume="12",
            issue="2",
            pages="45-67",
            style="reference",
            occurrences=list(here),
        ),
        Citation(title="", url="https://example.org/a-page", style="url", scholarly=False, occurrences=list(here)),
    ]


@NEEDS_PANDOC
def test_pandoc_renders_the_csl_json_with_et_al_and_no_title_less_work(tmp_path):
    (tmp_path / "refs.json").write_text(works_of("csl-json", _sample()), encoding="utf-8")
    (tmp_path / "doc.md").write_text('---\nbibliography: refs.json\nnocite: "@*"\n---\n\n正文。\n', encoding="utf-8")
    result = subprocess.run(
        ["pandoc", "--citeproc", "-t", "plain", "--wrap=none", "doc.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stderr == ""
    assert [line for line in result.stdout.splitlines() if line.strip()] == [
        "正文。",
        "Kaplan, Jared et al. 2020. “Scaling Laws for Neural Language Models.” arXiv Preprint. "
        "https://arxiv.org/abs/2001.08361.",
        "Pearson, D. 2021. “Sampling Strategies for Language Model Evaluation.” "
        "Journal of Computational Linguistics Studies 12 (2): 45–67.",
    ]


@NEEDS_PANDOC
def test_pandoc_reads_the_corpus_csl_json_without_warnings(tmp_path, corpus_works):
    (tmp_path / "refs.json").write_text(works_of("csl-json", corpus_works), encoding="utf-8")
    (tmp_path / "doc.md").write_text('---\nbibliography: refs.json\nnocite: "@*"\n---\n\nx\n', encoding="utf-8")
    result = subprocess.run(
        ["pandoc", "--citeproc", "-t", "plain", "doc.md"], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert result.stderr == ""
    titled = [w for w in corpus_works if w.title]
    assert len(json.loads((tmp_path / "refs.json").read_text(encoding="utf-8"))) == len(titled)
    assert "n.d.a" not in result.stdout  # no two title-less "works" told apart by a letter


@NEEDS_BIBER
def test_biber_validates_the_corpus_bibtex_against_its_data_model(tmp_path, corpus_works):
    (tmp_path / "refs.bib").write_text(works_of("bibtex", corpus_works), encoding="utf-8")
    result = subprocess.run(
        ["biber", "--tool", "--validate-datamodel", "refs.bib"], cwd=tmp_path, capture_output=True, text=True
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert [line for line in output.splitlines() if "WARN" in line or "ERROR" in line] == []


def test_pybtex_reads_the_corpus_bibtex_without_warnings(corpus_works):
    from pybtex.database import parse_string

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        data = parse_string(works_of("bibtex", corpus_works), "bibtex")
    assert len(data.entries) == len([w for w in corpus_works if w.title])


def test_pybtex_sees_et_al_and_one_author_for_pearson():
    from pybtex.database import parse_string

    data = parse_string(works_of("bibtex", _sample()), "bibtex")
    kaplan, pearson = data.entries.values()
    assert [str(p) for p in kaplan.persons["author"]] == ["Kaplan, Jared", "others"]
    assert (kaplan.type, kaplan.fields["eprint"]) == ("misc", "2001.08361")
    assert ([str(p) for p in pearson.persons["author"]], pearson.type) == (["Pearson, D"], "article")


def test_neurips_papers_get_one_entry_type():
    gbt = Citation(title="A", container="Advances in Neural Information Processing Systems", type_marker="J", year=2022)
    apa = Citation(title="B", container="Advances in Neural Information Processing Systems", volume="33", year=2020)
    preprint = Citation(title="C", container="Advances in Neural Information Processing Systems", arxiv="2005.14165")
    bib = works_of("bibtex", [gbt, apa, preprint])
    assert [line.split("{")[0] for line in bib.splitlines() if line.startswith("@")] == ["@inproceedings"] * 3


def test_rispy_reads_the_corpus_ris(corpus_works):
    import rispy

    entries = rispy.loads(works_of("ris", corpus_works))
    titled = [w for w in corpus_works if w.title]
    assert [e["title"] for e in entries] == [w.title for w in titled]
    assert all(
        e["type_of_reference"] in {"JOUR", "CPAPER", "BOOK", "THES", "RPRT", "BLOG", "ELEC", "GEN"} for e in entries
    )
