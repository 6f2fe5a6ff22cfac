"""Every format a user has: the same article written as Markdown, wrapped plain text, HTML, Word,
PDF and EPUB, each file built here with the library that writes that format, gives the same pairs,
and each pair's evidence points at a place the user can find in that file."""

from __future__ import annotations

import io
import zipfile

import pytest

from zhdoc.ingest import IngestError, load_document
from zhdoc.pipeline import process_document
from zhdoc.readers import DOCX, EPUB, HTML, PDF, TEXT, sniff

EXPECTED = {
    ("attention mechanism", "注意力机制"),
    ("machine translation", "机器翻译"),
    ("positional encoding", "位置编码"),
    ("Self-Attention", "自注意力"),
    ("multi-head attention", "多头注意力"),
}

MARKDOWN = """# 注意力机制简介

在自然语言处理中，**注意力机制**（attention mechanism）已经成为模型的核心组件，它最早被用于机器翻译（machine
translation）任务[^1]。

为了表示词的顺序，模型还需要*位置编码*（positional encoding）。

| 英文 | 中文 |
| --- | --- |
| Self-Attention | 自注意力 |

[^1]: 多头注意力（multi-head attention）由 Vaswani 等人提出。
"""

# what `pandoc -t plain` gives for such an article: hard-wrapped, footnote at the end
PLAIN = """注意力机制简介

在自然语言处理中，注意力机制（attention mechanism）已经成为模型的核心组件，它最早被用于机器翻译（machine
translation）任务[1]。

为了表示词的顺序，模型还需要位置编码（positional encoding）。

| 英文 | 中文 |
| Self-Attention | 自注意力 |

[1] 多头注意力（multi-head attention）由 Vaswani 等人提出。
"""

HTML_PAGE = """<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>注意力机制简介</title>
<style>p { color: red } /* 样式表（stylesheet） */</style>
<script>var note = "热门模型（Hot Model）";</script></head>
<body>
<nav><a href="/">首页</a> <a href="/a">归档</a> <a href="/b">大语言模型（LLM）</a></nav>
<main>
<h1>注意力机制简介</h1>
<p>在自然语言处理中，<strong>注意力机制</strong>（attention mechanism）已经成为模型的核心组件，它最早被用于机器翻译（machine
translation）任务<sup><a href="#fn1">1</a></sup>。</p>
<p>为了表示词的顺序，模型还需要<em>位置编码</em>（positional encoding）。</p>
<pre><code>x = attention(q, k, v)
```
# 代码里的 ``` 不是围栏
</code></pre>
<table><tr><th>英文</th><th>中文</th></tr>
<tr><td>Self-Attention</td><td>自注意力</td></tr></table>
<section class="footnotes"><ol><li id="fn1">多头注意力（multi-head attention）由 Vaswani 等人提出。</li></ol></section>
</main>
<footer>版权所有 · 联系我们（Contact Us）</footer>
</body></html>
"""


def build_docx() -> bytes:
    """A Word file written by python-docx, with a real footnotes part (python-docx cannot write one)."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_heading("注意力机制简介", 1)
    paragraph = document.add_paragraph("在自然语言处理中，")
    paragraph.add_run("注意力机制").bold = True
    paragraph.add_run("（attention mechanism）已经成为模型的核心组件，它最早被用于机器翻译（machine")
    paragraph.add_run().add_break()
    paragraph.add_run("translation）任务")
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), "1")
    paragraph.add_run()._r.append(reference)
    paragraph.add_run("。")
    paragraph = document.add_paragraph("为了表示词的顺序，模型还需要")
    paragraph.add_run("位置编码").italic = True
    paragraph.add_run("（positional encoding）。")
    table = document.add_table(rows=2, cols=2)
    for row, cells in enumerate((("英文", "中文"), ("Self-Attention", "自注意力"))):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    notes = (
        f"<w:footnotes {w}>"
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
        "<w:r><w:t>多头注意力（multi-head attention）由 Vaswani 等人提出。</w:t></w:r></w:p></w:footnote>"
        "</w:footnotes>"
    )
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
    part = Part(PackURI("/word/footnotes.xml"), content_type, notes.encode(), document.part.package)
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _cjk_font() -> str:
    """reportlab's built-in Adobe CID font: Chinese text in a PDF without shipping a font file."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def build_pdf(**encrypt) -> bytes:
    """A typeset A4 page (reportlab platypus): wrapped paragraph, a two-cell table, a footnote line."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    font = _cjk_font()
    body = ParagraphStyle("body", fontName=font, fontSize=11, leading=16, wordWrap="CJK")
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, **encrypt)
    document.build(
        [
            Paragraph("注意力机制简介", ParagraphStyle("title", fontName=font, fontSize=16, leading=22)),
            Paragraph(
                "在自然语言处理中，注意力机制（attention mechanism）已经成为模型的核心组件，它最早被用于"
                "机器翻译（machine translation）任务<super>1</super>。为了表示词的顺序，模型还需要位置编码"
                "（positional encoding）。",
                body,
            ),
            Spacer(1, 12),
            Table(
                [
                    [Paragraph("英文", body), Paragraph("中文", body)],
                    [Paragraph("Self-Attention", body), Paragraph("自注意力", body)],
                ]
            ),
            Spacer(1, 12),
            Paragraph(
                "1 多头注意力（multi-head attention）由 Vaswani 等人提出。",
                ParagraphStyle("note", parent=body, fontSize=8),
            ),
        ]
    )
    return buffer.getvalue()


def build_epub() -> bytes:
    """An EPUB 3 written by ebooklib: two chapters, the second with the table and the note."""
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("zhdoc-test")
    book.set_title("注意力机制简介")
    book.set_language("zh")
    first = epub.EpubHtml(title="一", file_name="ch1.xhtml", lang="zh")
    first.content = (
        "<h1>注意力机制简介</h1><p>在自然语言处理中，<strong>注意力机制</strong>（attention mechanism）已经成为模型的"
        "核心组件，它最早被用于机器翻译（machine\ntranslation）任务<sup><a href='ch2.xhtml#fn1'>1</a></sup>。</p>"
        "<p>为了表示词的顺序，模型还需要<em>位置编码</em>（positional encoding）。</p>"
    )
    second = epub.EpubHtml(title="二", file_name="ch2.xhtml", lang="zh")
    second.content = (
        "<table><tr><th>英文</th><th>中文</th></tr><tr><td>Self-Attention</td><td>自注意力</td></tr></table>"
        "<aside id='fn1' epub:type='footnote'><p>1. 多头注意力（multi-head attention）由 Vaswani 等人提出。</p></aside>"
    )
    for chapter in (first, second):
        book.add_item(chapter)
    book.toc = (first, second)
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = ["nav", first, second]
    buffer = io.BytesIO()
    epub.write_epub(buffer, book)
    return buffer.getvalue()


BUILDERS = {
    "article.md": lambda: MARKDOWN.encode(),
    "article.txt": lambda: PLAIN.encode(),
    "article.html": lambda: HTML_PAGE.encode(),
    "article.docx": build_docx,
    "article.pdf": build_pdf,
    "article.epub": build_epub,
}

# where each pair's evidence points: source line (text, HTML), paragraph (DOCX), page (PDF), chapter (EPUB)
LOCATIONS = {
    "article.md": {"注意力机制": 3, "机器翻译": 3, "位置编码": 6, "自注意力": 10, "多头注意力": 12},
    "article.txt": {"注意力机制": 3, "机器翻译": 3, "位置编码": 6, "自注意力": 9, "多头注意力": 11},
    "article.html": {"注意力机制": 9, "机器翻译": 9, "位置编码": 11, "自注意力": 17, "多头注意力": 18},
    "article.docx": {"注意力机制": 2, "机器翻译": 2, "位置编码": 3, "自注意力": 6, "多头注意力": 2},
    "article.pdf": {"注意力机制": 1, "机器翻译": 1, "位置编码": 1, "自注意力": 1, "多头注意力": 1},
    "article.epub": {"注意力机制": 1, "机器翻译": 1, "位置编码": 1, "自注意力": 2, "多头注意力": 2},
}


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("formats")
    for name, build in BUILDERS.items():
        (folder / name).write_bytes(build())
    return folder


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_the_same_article_in_every_format_gives_the_same_pairs(files, name):
    result = process_document(load_document(str(files / name)))
    assert {(p.english, p.chinese) for p in result.pairs} == EXPECTED
    assert {p.chinese: p.line for p in result.pairs} == LOCATIONS[name]


def test_contexts_are_the_original_text(files):
    """The context is what the user reads in the file, markup as the reader rendered it."""
    pairs = process_document(load_document(str(files / "article.docx"))).pairs
    context = {p.chinese: p.context for p in pairs}
    assert context["机器翻译"] == (
        "在自然语言处理中，**注意力机制**（attention mechanism）已经成为模型的核心组件，"
        "它最早被用于机器翻译（machine translation）任务[^1]。"
    )
    assert context["多头注意力"] == "[^1]: 多头注意力（multi-head attention）由 Vaswani 等人提出。"


def test_formats_are_sniffed_from_content_not_only_names(files):
    assert sniff("x.bin", (files / "article.docx").read_bytes()) == DOCX
    assert sniff("x.txt", (files / "article.pdf").read_bytes()) == PDF
    assert sniff("x", (files / "article.epub").read_bytes()) == EPUB
    assert sniff("saved", HTML_PAGE.encode()) == HTML
    assert sniff("notes.md", MARKDOWN.encode()) == TEXT


def test_html_keeps_only_the_article(files):
    """Scripts, styles, navigation and footers are not text; a ``` inside <pre> stays code."""
    text = load_document(str(files / "article.html")).text
    assert text.split("\n") == [
        "# 注意力机制简介",
        "",
        "在自然语言处理中，**注意力机制**（attention mechanism）已经成为模型的核心组件，它最早被用于机器翻译（machine",
        "translation）任务[^1]。",
        "",
        "为了表示词的顺序，模型还需要*位置编码*（positional encoding）。",
        "",
        "````",
        "x = attention(q, k, v)",
        "```",
        "# 代码里的 ``` 不是围栏",
        "````",
        "",
        "| 英文 | 中文 |",
        "| Self-Attention | 自注意力 |",
        "",
        "- 多头注意力（multi-head attention）由 Vaswani 等人提出。",
    ]


def test_html_evidence_is_the_source_line_where_the_gloss_starts(tmp_path):
    """pandoc wraps its HTML at 72 columns: the paragraph is mined whole, the line is the gloss's own."""
    page = tmp_path / "pandoc.html"
    page.write_text(
        "<html>\n<body>\n<p>基于人类反馈的强化学习（Reinforcement Learning from Human\n"
        "Feedback，RLHF）是主流方法。其中<em>奖励模型</em>（reward\nmodel）给出偏好分数，<br/>策略模型（policy\n"
        "model）据此更新。</p>\n</body>\n</html>\n"
    )
    pairs = process_document(load_document(str(page))).pairs
    assert sorted((p.line, p.english, p.chinese) for p in pairs) == [
        (3, "RLHF", "基于人类反馈的强化学习"),
        (3, "Reinforcement Learning from Human Feedback", "基于人类反馈的强化学习"),
        (4, "reward model", "奖励模型"),
        (5, "policy model", "策略模型"),
    ]


def test_html_entities_are_decoded_and_literal_markup_is_markup(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>&lt;def&gt;图元&lt;/def&gt;(Primitive) 是绘图的基本单位。</p></body></html>")
    pairs = process_document(load_document(str(page))).pairs
    assert [(p.english, p.chinese, p.line) for p in pairs] == [("Primitive", "图元", 1)]


def test_html_in_gbk_with_meta_charset(tmp_path):
    page = tmp_path / "gbk.html"
    html = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>'
    html += "<body><p>我们使用<b>卷积神经网络</b>（convolutional neural network）识别图像。</p></body></html>"
    page.write_bytes(html.encode("gbk"))
    document = load_document(str(page))
    assert document.encoding == "gb18030"
    assert [(p.english, p.chinese) for p in process_document(document).pairs] == [
        ("convolutional neural network", "卷积神经网络")
    ]


def test_pdf_lines_are_joined_at_the_wrap(files):
    """The typeset paragraph breaks inside a gloss; the text keeps the PDF's lines, the miner sees one."""
    text = load_document(str(files / "article.pdf")).text
    assert "位置编码（\npositional encoding）" in text


@pytest.mark.parametrize(
    "name,data,reason",
    [
        (
            "scan.pdf",
            "scan",
            "PDF without a text layer (1 page of images, a scan?): run OCR first (e.g. ocrmypdf -l chi_sim)",
        ),
        ("locked.pdf", "locked", "password-protected PDF: remove the password first (e.g. qpdf --decrypt)"),
        ("broken.docx", "broken", "corrupt DOCX (File is not a zip file)"),
        ("empty.docx", "nodoc", "not a Word document (no word/document.xml inside the zip)"),
    ],
)
def test_unreadable_documents_get_one_line(tmp_path, name, data, reason):
    path = tmp_path / name
    if data == "scan":
        from reportlab.pdfgen import canvas

        buffer = io.BytesIO()
        page = canvas.Canvas(buffer)
        page.rect(50, 50, 400, 600, fill=1)  # an image-only page: shapes, no text
        page.showPage()
        page.save()
        path.write_bytes(buffer.getvalue())
    elif data == "locked":
        path.write_bytes(build_pdf(encrypt="secret"))
    elif data == "broken":
        path.write_bytes(build_docx()[:200])
    else:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("word/other.xml", "<x/>")
        path.write_bytes(buffer.getvalue())
    with pytest.raises(IngestError) as info:
        load_document(str(path))
    assert str(info.value) == f"{path}: {reason}"


def test_menus_go_but_a_list_of_linked_references_stays(tmp_path):
    page = tmp_path / "post.html"
    page.write_text(
        "<html><body><div><a href='/'>首页</a><a href='/t'>标签</a><a href='/a'>归档</a><a href='/m'>关于</a></div>"
        "<p>正文介绍<b>残差连接</b>（residual connection）。</p><h2>参考文献</h2><ol>"
        "<li><a href='https://arxiv.org/abs/1512.03385'>Deep Residual Learning for Image Recognition</a></li>"
        "<li><a href='https://arxiv.org/abs/1706.03762'>Attention Is All You Need</a></li>"
        "<li><a href='https://arxiv.org/abs/1607.06450'>Layer Normalization</a></li></ol></body></html>"
    )
    assert load_document(str(page)).text.split("\n") == [
        "正文介绍**残差连接**（residual connection）。",
        "",
        "## 参考文献",
        "",
        "- [Deep Residual Learning for Image Recognition](https://arxiv.org/abs/1512.03385)",
        "",
        "- [Attention Is All You Need](https://arxiv.org/abs/1706.03762)",
        "",
        "- [Layer Normalization](https://arxiv.org/abs/1607.06450)",
    ]
