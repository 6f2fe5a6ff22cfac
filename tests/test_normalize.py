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


def lines_of(text: str, path: str = "t.md") -> list[str]:
    return [line.text for line in normalize_document(Document(path, text, "utf-8", "")).lines]


def test_myst_and_sphinx_roles_are_markup_and_cite_keys_are_kept():
    text = "如 :numref:`fig_attention` 所示，*注意力*（attention）见:cite:`Bahdanau.Cho.Bengio.2014,Vaswani.2017`。\n:label:`sec_attention`"
    normalized = normalize_document(Document("t.md", text, "utf-8", ""))
    assert [line.text for line in normalized.lines] == ["如  所示,注意力(attention)见。", ""]
    assert normalized.cite_keys == ((1, "Bahdanau.Cho.Bengio.2014"), (1, "Vaswani.2017"))


def test_prose_roles_keep_their_content():
    assert lines_of("{term}`过拟合`（overfitting）与 :abbr:`LLM (large language model)`") == [
        "过拟合(overfitting)与 LLM (large language model)"
    ]


def test_d2lbook_code_fences_and_long_fences():
    text = "```{.python .input}\n#@tab pytorch\nx = 1\n```\n正文一\n````\n```\n代码\n````\n正文二"
    assert lines_of(text) == ["", "", "", "", "正文一", "", "", "", "", "正文二"]


def test_myst_admonition_content_is_prose():
    text = "```{note}\n:class: dropdown\n*张量*（tensor）是多维数组。\n```"
    assert lines_of(text) == ["", "", "张量(tensor)是多维数组。", ""]


def test_mkdocs_tabs_admonitions_and_indented_code():
    text = '=== "PyTorch"\n\n    这里的**查询**（query）很重要。\n\n!!! note "注意"\n    *键*（key）与值。\n\n    def f(x):\n        return x\n'
    assert lines_of(text) == ["", "", "    这里的查询(query)很重要。", "", "", "    键(key)与值。", "", "", "", ""]


def test_mdx_imports_and_jsx_are_markup():
    text = "import Tabs from '@theme/Tabs';\nexport const meta = {\n  title: 'x',\n};\n\n<Figure\n  src=\"a.png\"\n/>\n<Tabs>\n自注意力（self-attention）\n</Tabs>\n{/* 注释（comment） */}"
    assert lines_of(text, "t.mdx") == ["", "", "", "", "", "", "", "", "", "自注意力(self-attention)", "", ""]


def test_code_keeps_its_underscores():
    assert lines_of("调用 `__init__` 或 __call__ 方法，**初始化**（initialization）") == [
        "调用 __init__ 或 __call__ 方法,初始化(initialization)"
    ]


def test_rst_directives_and_math_blocks():
    text = ".. code-block:: python\n\n   x = 1\n\n.. note::\n\n   *梯度*（gradient）\n\n$$\ny = x\n$$\n结束"
    assert lines_of(text, "t.rst") == ["", "", "", "", "", "", "   梯度(gradient)", "", "", "", "", "结束"]


def test_wrapped_paragraph_is_one_line_that_knows_where_each_part_starts():
    text = "我们使用大语言模型（Large Language\nModel）和注意力机制（attention\nmechanism）。"
    lines = normalize_document(Document("t.txt", text, "utf-8", "")).lines
    assert [line.text for line in lines] == [
        "我们使用大语言模型(Large Language Model)和注意力机制(attention mechanism)。",
        "",
        "",
    ]
    assert [lines[0].line_at(lines[0].text.index(word)) for word in ("大语言", "Model", "mechanism")] == [1, 2, 3]


def test_chinese_joins_without_a_space_and_hyphens_are_undone():
    text = (
        "这是一段被硬换行的中文段落，其中的术语知识蒸馏（knowledge distil-\n"
        "lation）被拆开了，而这一行写得同样足够长，所以照样会接上自注意力（self-\n"
        "attention）的连字符是词的一部分：self-attention。"
    )
    assert lines_of(text, "t.txt") == [
        "这是一段被硬换行的中文段落,其中的术语知识蒸馏(knowledge distillation)被拆开了,"
        "而这一行写得同样足够长,所以照样会接上自注意力(self-attention)的连字符是词的一部分:self-attention。",
        "",
        "",
    ]


def test_records_without_list_markers_keep_their_lines():
    text = "LLM：大语言模型，一种在海量文本上训练的模型\nRLHF：基于人类反馈的强化学习方法\nPPO：近端策略优化"
    assert lines_of(text, "t.md") == [
        "LLM:大语言模型,一种在海量文本上训练的模型",
        "RLHF:基于人类反馈的强化学习方法",
        "PPO:近端策略优化",
    ]


def test_titles_list_items_and_sentence_ends_keep_their_lines():
    text = "第一章 引言\n深度学习（deep learning）是机器学习的一个分支，它使用多层神经网络从数据中学习表示。\n- 列表项\n- 第二项"
    assert lines_of(text, "t.txt") == text.replace("（", "(").replace("）", ")").replace("，", ",").split("\n")


def test_marks_survive_joining():
    text = "在这一段足够长的说明文字里，我们会看到模型使用*位置\n编码*（positional encoding）。"
    line = normalize_document(Document("t.md", text, "utf-8", "")).lines[0]
    assert line.text == "在这一段足够长的说明文字里,我们会看到模型使用位置编码(positional encoding)。"
    assert [(line.text[m.start : m.end], m.kind) for m in line.marks] == [("位置编码", "emphasis")]


def test_a_line_that_leaves_a_bracket_open_goes_on():
    """pandoc -t plain wraps at 72 columns but cannot break Chinese without spaces, so the widest
    line says little about the wrap column; an unclosed bracket does."""
    text = (
        "但实际中的执行可能会非常慢：因为在每一次更新参数之前，我们必须遍历整个数据集，这需要很长时间。\n"
        "因此，我们通常会在每次需要计算更新的时候随机抽取一小批样本，\n"
        "这种变体叫做小批量随机梯度下降（minibatch stochastic gradient\n"
        "descent）。"
    )
    lines = normalize_document(Document("t.txt", text, "utf-8", "")).lines
    assert [line.text for line in lines][2:] == [
        "这种变体叫做小批量随机梯度下降(minibatch stochastic gradient descent)。",
        "",
    ]


def test_math_blocks_end_where_their_dollars_do():
    text = "$$\\alpha =\n\\mathbb{R}.$$ :eqlabel:`eq_alpha`\n*注意力*（attention）\n$$ 没有闭合\n结束"
    assert lines_of(text) == ["", "", "注意力(attention)", "", "结束"]


def test_evidence_line_is_the_gloss_not_an_earlier_use():
    from conftest import mine_text

    text = (
        "注意力机制在很多任务里都很重要，这一段先提到它但不给出英文，后面的句子才真正给出它的英文名称，\n"
        "所以证据应当指向第二行：注意力机制（attention mechanism）是这里定义的，而不是第一行的用法。"
    )
    pairs, _ = mine_text(text)
    assert [(p.english, p.chinese, p.line) for p in pairs] == [("attention mechanism", "注意力机制", 2)]
