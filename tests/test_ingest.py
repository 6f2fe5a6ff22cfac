"""Reading sources: encodings detected, not guessed; bad files named with their problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS

from zhdoc.ingest import (
    ORIGIN_TWIN,
    IngestError,
    NotChineseError,
    Skipped,
    decode,
    detect_language,
    detect_script,
    find_sources,
    load_document,
)

ARTICLE = (CORPUS / "004_8e49c2069f069655.txt").read_text(encoding="utf-8")
TRADITIONAL_TW = "我們研究大型語言模型的對齊問題，並使用軟體工具分析資料庫中的資訊。" * 5
TRADITIONAL_HK = "我們研究大型語言模型的對齊問題，並使用軟件工具分析數據庫裏的信息。" * 5


@pytest.mark.parametrize(
    "encoding,expected",
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("gb18030", "gb18030"), ("gbk", "gb18030")],
)
def test_encodings_of_simplified_text(encoding, expected):
    text, found = decode("a.txt", ARTICLE.encode(encoding))
    assert (text, found) == (ARTICLE, expected)


def test_big5_traditional_text():
    text, found = decode("a.txt", TRADITIONAL_TW.encode("big5"))
    assert (text, found) == (TRADITIONAL_TW, "big5")


@pytest.mark.parametrize(
    "data,reason",
    [
        (b"", "empty file"),
        (b"  \n\t \n", "file holds only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes)"),
    ],
)
def test_unreadable_files_are_named_with_their_problem(data, reason):
    with pytest.raises(IngestError) as info:
        decode("bad.txt", data)
    assert str(info.value) == f"bad.txt: {reason}"


def test_invalid_utf8_reports_the_line():
    data = ("第一行\n第二行\n".encode() * 20) + b"\xff\xfe\xfa broken" + "\n后面的文字".encode() * 20
    with pytest.raises(IngestError) as info:
        decode("mixed.txt", data)
    assert str(info.value).startswith("mixed.txt: ")
    assert "line 41" in str(info.value) or "cannot decode" in str(info.value)


def test_a_partly_translated_page_with_a_page_of_chinese_prose_is_chinese():
    english = "The brush tool paints soft strokes with the foreground colour of the active image. " * 200
    chinese = "术语表：图层蒙版（layer mask）控制图层各部分的透明度，选区（selection）限定操作的范围。" * 20
    assert detect_language(english + "\n" + chinese[:200]) == "en"  # a translated heading or two: English
    assert detect_language(english + "\n" + chinese) == "zh"  # 540 Han characters, 4% of the letters: mined


def test_language_and_script():
    assert detect_language(ARTICLE) == "zh"
    assert detect_language("This is an English article about language models and alignment research. " * 10) == "en"
    assert detect_language("これは日本語の記事です。大規模言語モデルの安全性について議論します。" * 5) == "ja"
    assert detect_script(ARTICLE) == ("simplified", "mainland")
    assert detect_script(TRADITIONAL_TW) == ("traditional", "taiwan")
    assert detect_script(TRADITIONAL_HK) == ("traditional", "hongkong")


def test_non_chinese_document_is_skipped(tmp_path):
    path = tmp_path / "en.txt"
    path.write_text("This is an English article about language models and alignment research. " * 10)
    with pytest.raises(NotChineseError):
        load_document(str(path))


def test_folders_are_walked_and_other_files_skipped(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text("中文")
    (tmp_path / "b.txt").write_text("中文")
    (tmp_path / "c.png").write_bytes(b"\x89PNG")
    found = list(find_sources([str(tmp_path)]))
    paths = [f for f in found if isinstance(f, str)]
    assert paths == [str(tmp_path / "b.txt"), str(tmp_path / "sub" / "a.md")]
    assert [s.path for s in found if not isinstance(s, str)] == [str(tmp_path / "c.png")]


def test_missing_path_and_empty_folder(tmp_path):
    found = list(find_sources([str(tmp_path / "nope"), str(tmp_path)]))
    assert [str(f) for f in found] == [
        f"{tmp_path / 'nope'}: no such file or folder",
        f"{tmp_path}: folder holds no supported documents (.docx .epub .htm .html .markdown .md .mdx .myst .pdf .rst .text .txt .xhtml)",
    ]


def test_every_supported_format_is_taken_and_globs_choose(tmp_path):
    for name in ("a.md", "b.html", "c.docx", "d.pdf", "e.epub", "f.mdx", "g.rst", "drafts/h.md", "i.png"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    names = lambda found: [Path(f).relative_to(tmp_path).as_posix() for f in found if isinstance(f, str)]  # noqa: E731
    assert names(find_sources([str(tmp_path)])) == [
        "a.md",
        "b.html",
        "c.docx",
        "d.pdf",
        "drafts/h.md",
        "e.epub",
        "f.mdx",
        "g.rst",
    ]
    assert names(find_sources([str(tmp_path)], include=["*.md", "*.mdx"])) == ["a.md", "drafts/h.md", "f.mdx"]
    assert names(find_sources([str(tmp_path)], include=["*.md"], exclude=["drafts/*"])) == ["a.md"]
    assert names(find_sources([str(tmp_path)], exclude=["drafts"])) == [
        "a.md",
        "b.html",
        "c.docx",
        "d.pdf",
        "e.epub",
        "f.mdx",
        "g.rst",
    ]


def test_english_origin_twins_are_skipped(tmp_path):
    (tmp_path / "attention.md").write_text("中文")
    (tmp_path / "attention_origin.md").write_text("English")
    (tmp_path / "lonely_origin.md").write_text("中文")
    found = list(find_sources([str(tmp_path)]))
    assert [f for f in found if isinstance(f, str)] == [
        str(tmp_path / "attention.md"),
        str(tmp_path / "lonely_origin.md"),
    ]
    assert [(s.path, s.reason) for s in found if isinstance(s, Skipped)] == [
        (str(tmp_path / "attention_origin.md"), ORIGIN_TWIN)
    ]


def test_language_is_decided_on_prose_not_code(tmp_path):
    code = "```python\n" + "def forward(self, inputs, state):\n    return self.linear(inputs) + state\n" * 40 + "```\n"
    path = tmp_path / "tutorial.md"
    path.write_text(
        "# 循环神经网络\n\n下面实现*隐状态*（hidden state）的更新。\n\n"
        + code
        + "\n运行 `train_ch8(net, train_iter, vocab, lr, num_epochs, device)`。\n"
    )
    assert detect_language(path.read_text()) != "zh"  # the whole file reads as English
    document = load_document(str(path))
    assert (document.language, document.script) == ("zh", "simplified")


def test_a_file_of_markup_only_is_not_refused(tmp_path):
    path = tmp_path / "zreferences.md"
    path.write_text("```eval_rst\n\n.. only:: html\n\n   参考文献\n\n```\n\n:bibliography:`../d2l.bib`\n")
    assert load_document(str(path)).language == "zh"


def test_chinese_full_of_english_is_decided_without_langdetect():
    """A Chinese tutorial whose prose is mostly English identifiers (Han ~18% of its letters) is Chinese
    without loading langdetect's profiles; a German text still goes to langdetect for its code."""
    import subprocess
    import sys

    code = (
        "import sys; from zhdoc.ingest import detect_language\n"
        "mixed = '我们用 PyTorch 定义 forward(self, inputs) 和 backward hook，损失函数 loss = "
        "cross_entropy(logits, labels)，学习率 α 取 0.1。\\n' * 20\n"
        "german = 'Große Sprachmodelle werden mit Rückmeldungen von Menschen für die Ausrichtung trainiert. ' * 5\n"
        "print(detect_language(mixed), 'langdetect' in sys.modules, detect_language(german), 'langdetect' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["zh", "False", "de", "True"]


def test_a_taiwan_text_with_mainland_vocabulary_is_still_taiwan():
    # 程序性 is the biology term in Taiwan too; Taiwan's phrase table would turn it into 程式性
    text = "細胞凋亡（apoptosis）又稱為程序性細胞死亡，是一種受基因調控的細胞自殺機制。粒線體負責產生能量。" * 3
    assert detect_script(text) == ("traditional", "taiwan")


def test_an_english_page_is_named_english_without_the_statistical_model(monkeypatch):
    import zhdoc.ingest as ingest

    text = "The function returns the number of days between two dates and is used in the sheet. " * 10
    text += "帮助"  # the Chinese shell of a page that is otherwise English
    french = "Le modèle de langue est entraîné sur un grand corpus de textes. " * 10
    assert detect_language(french) == "fr"  # other languages still go to langdetect

    def no_model(text: str) -> str:
        raise AssertionError("langdetect was asked")

    monkeypatch.setattr(ingest, "_langdetect", no_model)
    assert detect_language(text) == "en"
