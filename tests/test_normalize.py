"""Normalization keeps the way back: line numbers and original surface forms."""

from __future__ import annotations

from zhdoc.models import Document
from zhdoc.normalize import clean_line, fold_width, normalize_document, normalize_text


def test_full_width_ascii_is_folded():
    assert "".join(fold_width(c) for c in "（ＬＬＭ），：；") == "(LLM),:;"


def test_markup_is_removed_and_mapped_back():
    text, origin = clean_line("**超级对齐**（superalignment）")
    assert text == "超级对齐(superalignment)"
    assert [origin[i] for i in range(4)] == [2, 3, 4, 5]


def test_urls_become_spaces_of_the_same_length():
    text, _ = clean_line("见 https://arxiv.org/abs/2202.07785 ↩︎")
    assert text == "见 " + " " * len("https://arxiv.org/abs/2202.07785") + " ↩︎"


def test_traditional_taiwan_phrases_become_mainland():
    assert normalize_text("軟體與記憶體", script="traditional", region="taiwan") == "软件与内存"


def test_original_span_of_converted_text():
    document = Document("t.txt", "使用二元樹（binary tree）", "utf-8", "", script="traditional", region="taiwan")
    line = normalize_document(document).lines[0]
    start = line.text.index("二元树")
    assert line.original_span(start, start + 3) == "二元樹"


def test_line_count_is_kept_with_front_matter_and_fences():
    text = "---\ntitle: x\n---\n正文\n```\ncode\n```\n结尾"
    lines = normalize_document(Document("t.md", text, "utf-8", "")).lines
    assert [line.text for line in lines] == ["", "", "", "正文", "", "", "", "结尾"]


def _marked(text: str, script: str = "simplified", region: str = "mainland") -> tuple[str, list[tuple[str, str]]]:
    from zhdoc.models import Document

    line = normalize_document(Document("a.md", text, "utf-8", "", script=script, region=region)).lines[0]
    return line.text, [(line.text[m.start : m.end], m.kind) for m in line.marks]


def test_markup_spans_survive_normalization_as_marks():
    assert _marked("属于<u>深度优先遍历</u>（depth-first traversal）") == (
        "属于深度优先遍历(depth-first traversal)",
        [("深度优先遍历", "underline")],
    )
    assert _marked("这种现象叫*过拟合*（overfitting）") == ("这种现象叫过拟合(overfitting)", [("过拟合", "emphasis")])
    assert _marked("**纹理**(Texture)与<def>图元</def>(Primitive)") == (
        "纹理(Texture)与图元(Primitive)",
        [("纹理", "strong"), ("图元", "definition")],
    )
    assert _marked("调用 `train_iter` 读取 [MinGW](https://mingw.org)配置") == (
        "调用 train_iter 读取 MinGW配置",
        [("train_iter", "code"), ("MinGW", "link")],
    )


def test_marks_follow_traditional_conversion_and_skip_dunder_names():
    assert _marked("這叫*記憶體*（memory）", "traditional", "taiwan") == ("这叫内存(memory)", [("内存", "emphasis")])
    assert _marked("**<u>深度</u>优先**")[1] == [("深度优先", "strong"), ("深度", "underline")]
    assert _marked("__init__ 方法")[1] == []
