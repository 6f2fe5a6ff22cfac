"""The command line over a documentation folder: every format read, globs choose, twins and other
skipped files summarised, --quiet keeps stderr for errors."""

from __future__ import annotations

from typer.testing import CliRunner

from zhdoc.cli import app

runner = CliRunner()


def book(tmp_path):
    for name in ("intro", "rnn", "cnn"):
        (tmp_path / f"{name}.md").write_text(
            f"# {name}\n\n本章介绍*循环神经网络*（recurrent neural network）的{name}部分。\n"
        )
        (tmp_path / f"{name}_origin.md").write_text(f"# {name}\n\nThis chapter introduces recurrent neural networks.\n")
    (tmp_path / "page.html").write_text(
        "<html><body><p><b>卷积神经网络</b>（convolutional neural network）</p></body></html>"
    )
    (tmp_path / "figure.svg").write_text("<svg/>")
    return tmp_path


def test_twins_are_one_summary_line(tmp_path):
    folder = book(tmp_path)
    result = runner.invoke(app, ["extract", str(folder), "--format", "csv", "--jobs", "1"])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"zhdoc: warning: 3 file(s) skipped: English original of a translated file beside it (*_origin) ({folder / 'cnn_origin.md'}, ...)",
        f"zhdoc: warning: {folder / 'figure.svg'}: not a supported format (.docx .epub .htm .html .markdown .md .mdx .myst .pdf .rst .text .txt .xhtml)",
        "zhdoc: 4 document(s) read, 0 failed, 4 skipped",
    ]
    assert [line.split(",")[:2] for line in result.stdout.splitlines()[1:]] == [
        ["recurrent neural network", "循环神经网络"],
        ["convolutional neural network", "卷积神经网络"],
    ]


def test_quiet_and_globs(tmp_path):
    folder = book(tmp_path)
    result = runner.invoke(app, ["extract", str(folder), "-f", "csv", "--quiet", "--include", "*.html", "-j", "1"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert [line.split(",")[:2] for line in result.stdout.splitlines()[1:]] == [
        ["convolutional neural network", "卷积神经网络"]
    ]
    result = runner.invoke(app, ["extract", str(folder), "-f", "csv", "-q", "--exclude", "*.html", "-j", "1"])
    assert [line.split(",")[:2] for line in result.stdout.splitlines()[1:]] == [
        ["recurrent neural network", "循环神经网络"]
    ]
