"""`-o FILE` behaves as a shell redirection (umask, a replaced file's mode, symlinks written
through, FIFOs written in place) while staying atomic, and takes its format from the extension."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET

import pytest

TEXT = "思维链（chain of thought）提示很流行。\n奖励破解（reward hacking）很常见。\n"
GLOSSARY_CSV = [
    ["chain of thought", "思维链", "term", "1", "1", "a.txt", "a.txt:1"],
    ["reward hacking", "奖励破解", "term", "1", "1", "a.txt", "a.txt:2"],
]


def zhdoc(*args: str, cwd, umask: int = 0o022) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "zhdoc", *args], cwd=cwd, capture_output=True, timeout=300, umask=umask
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A folder with one article and its termbase (exports from it mine nothing again)."""
    folder = tmp_path_factory.mktemp("project")
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    assert zhdoc("add", "a.txt", "--db", "t.db", "--jobs", "1", cwd=folder).returncode == 0
    return folder


def glossary_rows(text: str) -> list[list[str]]:
    return [row[:7] for row in csv.reader(io.StringIO(text))][1:]


def listed(text: str) -> list[str]:
    """The paths in `zhdoc documents` CSV (the cheapest output to write: it mines and segments nothing)."""
    return [row["path"] for row in csv.DictReader(io.StringIO(text))]


def leftovers(folder) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.startswith(".zhdoc-"))


def test_a_new_file_gets_the_umask_a_replaced_file_keeps_its_mode(project, tmp_path):
    for umask, mode in ((0o022, 0o644), (0o027, 0o640), (0o077, 0o600), (0o002, 0o664)):
        target = tmp_path / f"g{umask:o}.csv"
        process = zhdoc("documents", "--db", str(project / "t.db"), "-o", str(target), cwd=tmp_path, umask=umask)
        assert process.returncode == 0, process.stderr
        assert stat.S_IMODE(target.stat().st_mode) == mode
        assert listed(target.read_text(encoding="utf-8")) == ["a.txt"]
    old = tmp_path / "old.csv"
    old.write_text("previous\n", encoding="utf-8")
    old.chmod(0o604)
    assert zhdoc("glossary", "--db", str(project / "t.db"), "-o", "old.csv", cwd=tmp_path, umask=0o077).returncode == 0
    assert stat.S_IMODE(old.stat().st_mode) == 0o604
    assert glossary_rows(old.read_text(encoding="utf-8")) == GLOSSARY_CSV
    assert leftovers(tmp_path) == []


def test_a_symlink_is_written_through(project, tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    target = real / "glossary.csv"
    target.write_text("previous\n", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "link.csv"
    link.symlink_to(os.path.join("real", "glossary.csv"))  # relative, as `ln -s` makes them
    dangling = tmp_path / "dangling.csv"
    dangling.symlink_to(real / "new.csv")
    for name in ("link.csv", "dangling.csv"):
        assert zhdoc("documents", "--db", str(project / "t.db"), "-o", name, cwd=tmp_path).returncode == 0
    assert os.readlink(link) == os.path.join("real", "glossary.csv")  # still the same link
    assert listed(target.read_text(encoding="utf-8")) == ["a.txt"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert dangling.is_symlink() and listed((real / "new.csv").read_text(encoding="utf-8")) == ["a.txt"]
    assert leftovers(tmp_path) == [] and leftovers(real) == []


def test_a_fifo_is_written_in_place(project, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    process = zhdoc("documents", "--db", str(project / "t.db"), "-o", "pipe", "--format", "csv", cwd=tmp_path)
    reader.join(timeout=60)
    assert process.returncode == 0, process.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # not replaced by a regular file
    assert listed(received[0]) == ["a.txt"]


def test_the_format_follows_the_extension(project, monkeypatch):
    from typer.testing import CliRunner

    from zhdoc.cli import app

    def in_process(*args: str) -> int:  # the same command in this process (its models are loaded already)
        return CliRunner().invoke(app, list(args)).exit_code

    monkeypatch.chdir(project)
    outputs = {}
    for name in ("g.json", "g.jsonl", "g.tsv", "g.md", "g.tbx"):
        if name == "g.tbx":
            assert zhdoc("glossary", "--db", "t.db", "-o", name, cwd=project).returncode == 0
        else:
            assert in_process("glossary", "--db", "t.db", "-o", name) == 0
        outputs[name] = (project / name).read_text(encoding="utf-8")
    assert [e["english"] for e in json.loads(outputs["g.json"])["glossary"]] == ["chain of thought", "reward hacking"]
    assert [json.loads(line)["english"] for line in outputs["g.jsonl"].splitlines()] == [
        "chain of thought",
        "reward hacking",
    ]
    assert outputs["g.tsv"].splitlines()[1].split("\t")[:3] == ["chain of thought", "思维链", "term"]
    assert outputs["g.md"].splitlines()[:3] == [
        "| english | chinese | kind | glossed | uses | documents |",
        "|---|---|---|---|---|---|",
        "| chain of thought | 思维链 | term | 1 | 1 | a.txt |",
    ]
    # a format the extension also stands for: CAT CSV is a .csv, a workbook is an .xlsx
    assert in_process("glossary", "--db", "t.db", "--format", "cat-csv", "-o", "cat.csv") == 0
    assert (project / "cat.csv").read_text(encoding="utf-8").splitlines()[0].startswith("en,zh-CN,zh-TW,status")
    assert in_process("glossary", "--db", "t.db", "-o", "g.xlsx") == 0
    assert (project / "g.xlsx").read_bytes()[:2] == b"PK"  # a zip: the workbook, not CSV text
    tbx = ET.fromstring(outputs["g.tbx"].split("\n", 2)[2])  # after the XML declaration and DOCTYPE
    assert (tbx.tag, [e.findtext(".//term") for e in tbx.iter("termEntry")]) == (
        "martif",
        ["chain of thought", "reward hacking"],
    )
    (project / "cited.txt").write_text(
        "本文讨论大语言模型的扩展定律，以及模型规模与性能之间的关系。\n参考文献\n"
        "[1] Kaplan J, McCandlish S, Henighan T, et al. Scaling laws for neural language models[J]. "
        "arXiv preprint arXiv:2001.08361, 2020.\n",
        encoding="utf-8",
    )
    assert zhdoc("add", "cited.txt", "--db", "refs.db", "--jobs", "1", cwd=project).returncode == 0
    assert zhdoc("citations", "--db", "refs.db", "-o", "refs.bib", cwd=project).returncode == 0
    for name in ("refs.json", "refs.ris"):
        assert in_process("citations", "--db", "refs.db", "-o", name) == 0
    csl = json.loads((project / "refs.json").read_text(encoding="utf-8"))
    assert [(item["title"], item["number"]) for item in csl] == [
        ("Scaling laws for neural language models", "arXiv:2001.08361")
    ]
    assert (project / "refs.bib").read_text(encoding="utf-8").startswith("@misc{kaplan2020scaling,")
    assert (project / "refs.ris").read_text(encoding="utf-8").splitlines()[0] == "TY  - JOUR"


def test_a_format_that_contradicts_the_extension_is_an_error(project):
    cases = [
        (
            ("glossary", "--db", "t.db", "--format", "csv", "-o", "x.json"),
            "zhdoc: error: x.json: --format csv does not match the file's extension .json; make them agree",
        ),
        (
            ("glossary", "--db", "t.db", "-o", "x.bib"),
            "zhdoc: error: x.bib: .bib is not a glossary format; name the file .csv, .tsv, .json, .jsonl, .md, .tbx, .xlsx",
        ),
        (
            ("citations", "--db", "t.db", "--format", "bibtex", "-o", "x.ris"),
            "zhdoc: error: x.ris: --format bibtex does not match the file's extension .ris; make them agree",
        ),
    ]
    for args, message in cases:
        process = zhdoc(*args, cwd=project)
        assert (process.returncode, process.stderr.decode().splitlines()) == (2, [message])
        assert not (project / args[-1]).exists()
    # an extension that names no format, and --format agreeing with the extension, are fine
    assert zhdoc("documents", "--db", "t.db", "--format", "tsv", "-o", "x.tsv", cwd=project).returncode == 0
    assert (project / "x.tsv").read_text(encoding="utf-8").splitlines()[1].split("\t")[:2] == ["a.txt", "present"]
    assert zhdoc("documents", "--db", "t.db", "-o", "x.txt", cwd=project).returncode == 0
    assert listed((project / "x.txt").read_text(encoding="utf-8")) == ["a.txt"]  # CSV in a file
