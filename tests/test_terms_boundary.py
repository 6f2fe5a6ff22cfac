"""The rendering's left boundary decided from evidence (issue: glossary quality on unseen text).

Every sentence here was written for these tests, in the styles of textbooks and articles outside the
corpus; each asserts the exact pairs, and the signal that chose the boundary where it matters."""

from __future__ import annotations

import pytest
from conftest import mine_text, pairs_of


def patterns_of(text: str, **kwargs) -> set[tuple[str, str, str]]:
    return {(p.english, p.chinese, p.pattern) for p in mine_text(text, **kwargs)[0]}


# 1. markup the author wrote is the boundary
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "图的遍历分两种，其中属于<u>深度优先遍历</u>（depth-first traversal）的是先序遍历。",
            ("depth-first traversal", "深度优先遍历"),
        ),
        ("模型记住了训练集的噪声，这就是*过拟合*（overfitting）。", ("overfitting", "过拟合")),
        ("物体表面的细节由**纹理**(Texture)决定。", ("Texture", "纹理")),
        ("渲染管线的输入是<def>图元</def>(Primitive)。", ("Primitive", "图元")),
        ("这里用`大语言模型`（Large Language Model）来指代。", ("Large Language Model", "大语言模型")),
    ],
)
def test_markup_closing_at_the_gloss_is_the_boundary(text, expected):
    assert {(e, c) for e, c, p in patterns_of(text)} == {expected}
    assert all(p.endswith("+markup") for _, _, p in patterns_of(text))


def test_markup_survives_traditional_conversion():
    text = "資料結構中，這種走法稱為*深度優先遍歷*（depth-first traversal）。"
    pairs = mine_text(text, script="traditional", region="taiwan")[0]
    assert [(p.english, p.chinese, p.original) for p in pairs] == [
        ("depth-first traversal", "深度优先遍历", "深度優先遍歷")
    ]


# 2. the English says how much Chinese it needs: left truncation
@pytest.mark.parametrize(
    "text, expected",
    [
        ("常见的排序算法里，快速排序（quick sort）平均最快。", ("quick sort", "快速排序")),
        ("放大图片时一般采用双线性插值（bilinear interpolation）。", ("bilinear interpolation", "双线性插值")),
        ("访问的数据不在缓存里，就发生了缓存未命中（cache miss）。", ("cache miss", "缓存未命中")),
        ("这叫过拟合（overfitting），需要正则化。", ("overfitting", "过拟合")),
        ("欠拟合（underfitting）说明模型容量不够。", ("underfitting", "欠拟合")),
        ("然后通过反向传播（backpropagation）求出梯度。", ("backpropagation", "反向传播")),
        ("有序数组上可以用二分查找（binary search）。", ("binary search", "二分查找")),
        ("智能体借助强化学习（RL）改进策略。", ("RL", "强化学习")),
    ],
)
def test_left_truncation_is_repaired_by_coverage(text, expected):
    assert pairs_of(text) == {expected}


# 3. verb and clause prefixes that translate nothing are dropped
@pytest.mark.parametrize(
    "text, expected",
    [
        ("无向图可分为连通图（connected graph）与非连通图。", ("connected graph", "连通图")),
        ("此时指针指向左子节点（left child）。", ("left child", "左子节点")),
        ("公式中的η表示学习率（learning rate）。", ("learning rate", "学习率")),
        ("同理可得右子树（right subtree）的高度。", ("right subtree", "右子树")),
        ("循环的次数对应时间复杂度（time complexity）。", ("time complexity", "时间复杂度")),
        ("这个方法能改善分布外（out-of-distribution）泛化。", ("out-of-distribution", "分布外")),
        ("单词频率满足齐普夫定律（Zipf's law）。", ("Zipf's law", "齐普夫定律")),
    ],
)
def test_clause_prefixes_are_dropped(text, expected):
    assert pairs_of(text) == {expected}


def test_a_verb_that_is_part_of_the_term_stays():
    assert pairs_of("混合专家模型（Mixture of Experts, MoE）近来很流行。") == {
        ("Mixture of Experts", "混合专家模型"),
        ("MoE", "混合专家模型"),
    }
    assert pairs_of("大家都在讨论提示工程（Prompt Engineering）。") == {("Prompt Engineering", "提示工程")}


# 4. an English verb whose Chinese object comes first
def test_english_verb_takes_no_chinese_object():
    assert patterns_of("最后将数据正规化（Normalize）。") == {("Normalize", "正规化", "bracket+clause")}


# 5. hyphens, Latin letters and names inside the Chinese term
@pytest.mark.parametrize(
    "text, expected",
    [
        ("这就是著名的偏差-方差权衡（bias-variance tradeoff）。", ("bias-variance tradeoff", "偏差-方差权衡")),
        ("机器翻译常用编码-解码（encoder-decoder）结构。", ("encoder-decoder", "编码-解码")),
        ("隐藏面消除依靠Z缓冲（Z-buffer）。", ("Z-buffer", "Z缓冲")),
        ("我们采用ToT控制器（ToT controller）调度搜索。", ("ToT controller", "ToT控制器")),
        (
            "这一项用Fresnel-Schlick近似（Fresnel-Schlick approximation）计算。",
            ("Fresnel-Schlick approximation", "Fresnel-Schlick近似"),
        ),
    ],
)
def test_hyphens_and_latin_inside_the_rendering(text, expected):
    assert pairs_of(text) == {expected}


# 6. things that are not glosses
@pytest.mark.parametrize(
    "text",
    [
        "调用 `load_batch` 函数（load_batch）读取一批数据。",
        "输出里可能出现`nan`（不是数字）。",
        "训练前先调大`batch_size`（批量大小）。",
        "卷积核`W`的形状是二维的。",
        "后处理函数`postprocess`会还原像素值。",
        "模型遇到生词时输出&lt;unk&gt;（未知词元）。",
        "历史上，Theano、TensorFlow（灵感来自前者）都采用符号式编程。",
        "## ASCII 字符集",
        "### Unicode 编码示例",
        "本书第5章（Chapter 5）讨论优化。",
        "PyTorch（一个开源的深度学习框架）由Meta维护。",
    ],
)
def test_not_glosses(text):
    assert pairs_of(text) == set()


def test_glossary_table_header_row_is_not_a_pair():
    text = "| english | 简体中文 |\n|---|---|\n| attention | 注意力 |\n| Large Language Model | 大语言模型 |"
    assert pairs_of(text) == {("attention", "注意力"), ("Large Language Model", "大语言模型")}


# 7. other patterns
def test_part_of_speech_abbreviations():
    assert pairs_of("名词（Noun, N）与形容词（Adjective, Adj）最常见。") == {
        ("Noun", "名词"),
        ("N", "名词"),
        ("Adjective", "形容词"),
        ("Adj", "形容词"),
    }


def test_list_line_with_an_explanation_after_the_term():
    assert pairs_of("- **Tokenizer**：分词器，负责把文本切成词元。") == {("Tokenizer", "分词器")}
    assert pairs_of("- 作者: John Smith") == set()


def test_heading_pair_needs_every_word_translated():
    assert pairs_of("## Reward Modeling 奖励建模") == {("Reward Modeling", "奖励建模")}


def test_glued_acronym_with_one_word_the_dictionary_lacks():
    # 卷积 is not in CC-CEDICT; 神经网络 explains NN, so 卷积 may stand for C
    assert pairs_of("卷积神经网络CNN在图像识别上很成功。") == {("CNN", "卷积神经网络")}
    # 人工智能 gives A and I in order inside AGI, but 通用 is a dictionary word that gives no G
    assert pairs_of("通用人工智能AGI仍然遥远。") == set()
    # an English name glued to Chinese is not a gloss
    assert pairs_of("我们使用Transformer模型进行翻译，并在GPU上训练。") == set()


def test_contracted_second_form_is_its_own_form():
    assert pairs_of("在斯坦福问答数据集（Stanford Question Answering Dataset，SQuAD v1.1）上评测。") == {
        ("Stanford Question Answering Dataset", "斯坦福问答数据集"),
        ("SQuAD v1.1", "斯坦福问答数据集"),
    }
    assert pairs_of("序列到序列（sequence to sequence，seq2seq）模型") == {
        ("sequence to sequence", "序列到序列"),
        ("seq2seq", "序列到序列"),
    }


def test_a_named_item_with_its_own_english_is_not_an_alternative():
    # 称为 ties 挤压函数 to sigmoid, but the bracket says 挤压函数 translates squashing function
    assert pairs_of("因此，sigmoid通常称为*挤压函数*（squashing function）。") == {("squashing function", "挤压函数")}
    assert pairs_of("广义上Adadelta被称为没有学习率，因为它不需要设置。") == set()


def test_latin_names_open_the_rendering():
    assert pairs_of("*Nadaraya-Watson核回归*（Nadaraya-Watson kernel regression）是一个例子。") == {
        ("Nadaraya-Watson kernel regression", "Nadaraya-Watson核回归")
    }


@pytest.mark.parametrize(
    "line, expected",
    [
        ("## 少样本提示 Few-Shot Prompting", {("Few-Shot Prompting", "少样本提示")}),
        ("## 自我一致性 Self-Consistency", {("Self-Consistency", "自我一致性")}),
        ("## Python 安装教程", set()),
        ("## Git 使用指南", set()),
        ("## Politics 进展总结", set()),
    ],
)
def test_bilingual_headings(line, expected):
    # the dictionary connects at least one word, and the words it cannot connect pair off one to one
    assert pairs_of(line) == expected


def test_traditional_textbook_lines():
    text = (
        "在演算法分析中，我們常用「大O符號」（Big O notation）描述時間複雜度。\n"
        "**合併排序**（merge sort）是一種分治演算法。\n"
        "廣度優先搜尋（breadth-first search，BFS）使用佇列（queue）。"
    )
    pairs = mine_text(text, script="traditional", region="taiwan")[0]
    assert [(p.english, p.chinese, p.original, p.pattern) for p in pairs] == [
        ("Big O notation", "大O符号", "大O符號", "quote-bracket"),
        ("merge sort", "合并排序", "合併排序", "bracket+markup"),
        ("breadth-first search", "广度优先搜索", "廣度優先搜尋", "bracket"),
        ("BFS", "广度优先搜索", "廣度優先搜尋", "bracket"),
        ("queue", "队列", "佇列", "bracket"),
    ]


def test_an_interval_in_brackets_is_not_a_gloss():
    assert pairs_of("sigmoid函数将范围（-inf, inf）中的任意输入压缩到区间（0, 1）中。") == set()


# acronyms whose words the dictionary lacks are read by their characters, only when the
# dictionary's own words do not explain the letters
@pytest.mark.parametrize(
    "text, expected",
    [
        ("序列建模常用门控循环单元（GRU），它比传统网络更易训练。", ("GRU", "门控循环单元")),
        ("第九章介绍长短期记忆网络（LSTM）的三个门。", ("LSTM", "长短期记忆网络")),
    ],
)
def test_acronym_letters_from_the_characters_of_an_unknown_word(text, expected):
    assert {(e, c) for e, c, _ in patterns_of(text)} == {expected}


def test_the_modifier_of_a_hyphenated_acronym_stays_when_the_shorter_term_recurs():
    text = (
        "卷积神经网络（CNN）擅长图像分类。\n\n"
        "卷积神经网络可以提取特征。\n\n"
        "目标检测常用区域卷积神经网络（R-CNN），它先提出候选区域再分类。\n"
    )
    assert pairs_of(text) == {("CNN", "卷积神经网络"), ("R-CNN", "区域卷积神经网络")}


@pytest.mark.parametrize(
    "text",
    [
        "服务器把指令转发到CPU之后立即返回。",
        "先把显示器连接到主机CPU所在的机箱上。",
        "如果想跑完所有实验，请提早获取GPU并配置驱动。",
    ],
)
def test_a_clause_before_a_glued_acronym_is_not_its_rendering(text):
    assert pairs_of(text) == set()


def test_a_dictionary_word_for_the_acronym_is_kept_whole_across_a_jieba_cut():
    # jieba cuts 国内/生产总值; CC-CEDICT gives GDP for the whole word
    assert pairs_of("去年的国内生产总值（GDP）增长了百分之五。") == {("GDP", "国内生产总值")}


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "心房颤动（简称房颤，atrial fibrillation）是最常见的心律失常。",
            {("atrial fibrillation", "心房颤动"), ("atrial fibrillation", "房颤")},
        ),
        # the word before the bracket translates nothing of the English: only the alias is its rendering
        (
            "输入层的*输入数*（或称为*特征维度*，feature dimensionality）记为d。",
            {("feature dimensionality", "特征维度")},
        ),
    ],
)
def test_an_alias_before_the_english_in_the_bracket(text, expected):
    assert pairs_of(text) == expected


def test_a_lone_first_character_of_a_name_at_the_start_of_a_clause_joins_it():
    assert pairs_of("阿马蒂亚·森（Amartya Sen）获得了诺贝尔经济学奖。") == {("Amartya Sen", "阿马蒂亚·森")}
    assert pairs_of("他是现代计算机之父理查德·汉明（Richard Hamming）。") == {("Richard Hamming", "理查德·汉明")}


def test_chinese_first_list_line_with_a_colon_needs_the_dictionary_to_connect_the_sides():
    text = "- 梯度下降：gradient descent\n- 作者：John Smith\n- 出版社：Springer\n- 优化器: optimizer\n"
    assert pairs_of(text) == {("gradient descent", "梯度下降"), ("optimizer", "优化器")}


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "自然语言处理（英语：Natural Language Processing，缩写作 NLP）是一个领域。",
            {("Natural Language Processing", "自然语言处理"), ("NLP", "自然语言处理")},
        ),
        ("注意力机制（英：attention mechanism）是核心。", {("attention mechanism", "注意力机制")}),
        ("注意力机制（原文：attention mechanism）是核心。", {("attention mechanism", "注意力机制")}),
        (
            "支持向量机（英语：support vector machine，常简称为SVM）是监督学习模型。",
            {("support vector machine", "支持向量机"), ("SVM", "支持向量机")},
        ),
    ],
)
def test_encyclopedia_style_brackets_with_adverbs_before_the_alias_word(text, expected):
    assert pairs_of(text) == expected


def test_traditional_encyclopedia_style_bracket():
    text = "卷積神經網路（英語：Convolutional Neural Network，縮寫：CNN）是一種前饋神經網路。"
    pairs = mine_text(text, script="traditional", region="taiwan")[0]
    assert {(p.english, p.chinese, p.original) for p in pairs} == {
        ("Convolutional Neural Network", "卷积神经网络", "卷積神經網路"),
        ("CNN", "卷积神经网络", "卷積神經網路"),
    }


@pytest.mark.parametrize(
    "text, expected",
    [
        ("注意力机制，英文为 attention mechanism，是这一架构的核心。", {("attention mechanism", "注意力机制")}),
        ("大语言模型，其英文名称为Large Language Model。", {("Large Language Model", "大语言模型")}),
        ("RLHF，即基于人类反馈的强化学习，是对齐的常用方法。", {("RLHF", "基于人类反馈的强化学习")}),
        ("这就是Foo，即我们上面说的方法。", set()),
        ("带宽不超过100Gb/s，即不到处理器满负荷所需的十分之一。", set()),
    ],
)
def test_glosses_stated_in_words(text, expected):
    assert pairs_of(text) == expected


def test_d2lbook_highlight_parentheses_are_markup_and_the_innermost_mark_names_the_term():
    text = (
        "# 语言模型\n:label:`sec_language_model`\n\n"
        "这些词通常(**被称为*停用词***)（stop words），因此可以被过滤掉。\n\n"
        "我们首先(**创建一个数据集，并存储在CSV（逗号分隔值）文件**)中。\n"
    )
    assert pairs_of(text) == {("stop words", "停用词"), ("CSV", "逗号分隔值")}


def test_highlight_parentheses_stay_text_outside_d2lbook_documents():
    # no Sphinx labels: (**GPT-4**) is a bracketed bold form, not d2lbook's highlight
    assert pairs_of("最新的大语言模型(**LLM**)发展很快。") == {("LLM", "大语言模型")}


@pytest.mark.parametrize("text", ["我们的模型（ours）在所有基准上最好。", "表中最后一行（Ours）是本文的方法。"])
def test_a_bracket_of_function_words_names_nothing(text):
    assert pairs_of(text) == set()


def test_a_capitalised_acronym_that_spells_a_function_word_is_still_a_form():
    assert pairs_of("信息技术（IT）行业发展很快。") == {("IT", "信息技术")}


def test_a_table_of_names_and_descriptions_is_not_a_glossary():
    text = (
        "| 软件包 | 说明 |\n|---|---|\n"
        "| grc | 颜色生成器 |\n| source-highlight | 高亮 |\n| snort | 同上 |\n\n"
        "| 命令 | 说明 |\n|---|---|\n| `systemctl reboot` | 重启系统 |\n"
    )
    assert pairs_of(text) == set()


def test_a_glossary_table_is_known_by_its_header_or_by_the_dictionary():
    by_header = "| 英文 | 中文 |\n|---|---|\n| token | 词元 |\n| perplexity | 困惑度 |\n"
    assert pairs_of(by_header) == {("token", "词元"), ("perplexity", "困惑度")}
    by_dictionary = "| a | b |\n|---|---|\n| loss function | 损失函数 |\n| gradient descent | 梯度下降 |\n"
    assert pairs_of(by_dictionary) == {("loss function", "损失函数"), ("gradient descent", "梯度下降")}


@pytest.mark.parametrize(
    "text",
    [
        "用于任何文本的通用颜色生成器 (Python)。",
        "这是一个简单的 C 程序（gcc）。",
        "X GUI 程序 (GTK， Mozilla Thunderbird)。",
        "这个文件所属组的其他用户（g）。",
        "配置放在系统目录（/etc/systemd/system）下。",
    ],
)
def test_kinds_of_things_flags_and_paths_are_not_renderings(text):
    assert pairs_of(text) == set()


def test_a_word_for_a_kind_of_thing_that_translates_the_english_stays():
    assert pairs_of("我们需要一个优化器（optimizer）和一个调度器（scheduler）。") == {
        ("optimizer", "优化器"),
        ("scheduler", "调度器"),
    }


def test_a_chinese_string_given_for_many_unrelated_english_forms_translates_none_of_them():
    functions = ["ABS", "ACOS", "ASIN", "ATAN", "COSH", "SINH"]
    text = "\n\n".join(f"返回给定值的函数 {name}(数字)。" for name in functions)
    text += "\n\n注意力机制（attention mechanism）是核心。\n\n大语言模型（Large Language Model，LLM）很流行。"
    from zhdoc.glossary import Glossary

    glossary = Glossary.from_pairs(mine_text(text)[0])
    glossary.reconcile()
    assert sorted((e.english, c) for e in glossary.entries.values() for c in e.renderings) == [
        ("LLM", "大语言模型"),
        ("Large Language Model", "大语言模型"),
        ("attention mechanism", "注意力机制"),
    ]


def test_a_list_line_that_describes_a_parameter_is_not_a_gloss():
    text = "- Text：要转换的任意字符串表达式。\n- aDate：要转换的日期值\n- learning rate：学习率\n"
    assert pairs_of(text) == {("learning rate", "学习率")}


def test_a_command_and_what_it_does_is_not_a_gloss():
    text = "- printf - 格式化并显示数据\n- close - 关闭一个文件描述符\n- file descriptor - 文件描述符\n"
    assert pairs_of(text) == {("file descriptor", "文件描述符")}


def test_a_name_dash_description_line_is_not_a_bilingual_heading():
    assert pairs_of("ALTER AGGREGATE - 修改一个聚集函数的定义") == set()
    assert pairs_of("## Reward Modeling 奖励建模") == {("Reward Modeling", "奖励建模")}


def test_a_quoted_menu_path_is_not_a_rendering():
    assert pairs_of("选择「形状 - 排列 - 置于底层」(LibreOffice Draw)。") == set()


@pytest.mark.parametrize(
    "text, expected",
    [
        # jieba glues 了 to 过; the particle stays out
        ("训练久了，模型出现了过拟合（overfitting）。", ("overfitting", "过拟合")),
    ],
)
def test_a_particle_glued_to_the_supplying_word_stays_out(text, expected):
    assert pairs_of(text) == {expected}


@pytest.mark.parametrize(
    "text", ["城市（user_city）字段必填。", "可选参数（numDigitsAfterDecimal）。", "最大长度（MAX_LEN）。"]
)
def test_identifiers_from_code_are_not_forms(text):
    assert pairs_of(text) == set()


def test_names_with_one_inner_capital_are_still_forms():
    assert pairs_of("苹果手机（iPhone）很流行。") == {("iPhone", "苹果手机")}


# Chinese makes English privative and participle adjectives of 无/非 ('without') and 有 ('having')
# and a morpheme: the prefix character belongs to the term even where jieba and the dictionary
# split it off (无 + 向, 有 + 监督) or lack the whole (无偏 is not in CC-CEDICT)
@pytest.mark.parametrize(
    "text, expected",
    [
        ("在这些条件下，样本均值是总体均值的无偏估计（unbiased estimate）。", ("unbiased estimate", "无偏估计")),
        ("社交网络可以表示成一个无向图（undirected graph），边没有方向。", ("undirected graph", "无向图")),
        ("有监督学习（supervised learning）需要带标签的数据。", ("supervised learning", "有监督学习")),
        ("任务之间的依赖关系构成有向无环图（directed acyclic graph）。", ("directed acyclic graph", "有向无环图")),
        ("数据库默认处于自动提交(autocommit)模式。", ("autocommit", "自动提交")),
    ],
)
def test_privative_and_possessive_prefixes_stay_with_the_term(text, expected):
    assert pairs_of(text) == {expected}


def test_a_prefix_half_is_not_taken_from_a_word_that_does_not_touch_the_span():
    # 不 supplies the un- of unsupervised, but the verb 使用 stands between it and the span
    assert pairs_of("我们不使用监督学习（unsupervised learning）。") == {("unsupervised learning", "监督学习")}


def test_a_prefix_half_comes_from_the_first_character_of_the_word_next_to_the_span():
    # 讨论 is 'to talk over' as a whole; its first character says nothing of over-, as 无 says un-
    assert pairs_of("本文讨论可扩展监督（scalable oversight）的问题。") == {("scalable oversight", "可扩展监督")}


# Scientific names write numbers, Greek and single Latin letters inside the Chinese term
@pytest.mark.parametrize(
    "text, expected",
    [
        ("2型糖尿病（type 2 diabetes）患者需要长期控制血糖。", {("type 2 diabetes", "2型糖尿病")}),
        ("蛋白质的α-螺旋（alpha helix）结构由氢键维持。", {("alpha helix", "α-螺旋")}),
        ("细菌产生β-内酰胺酶（β-lactamase）而对青霉素耐药。", {("β-lactamase", "β-内酰胺酶")}),
        ("长期缺乏维生素D（vitamin D）会影响骨骼。", {("vitamin D", "维生素D")}),
        ("聚类常用k-均值（k-means）算法。", {("k-means", "k-均值")}),
        (
            "大脑中的5-羟色胺（5-hydroxytryptamine，5-HT）参与调节情绪。",
            {("5-hydroxytryptamine", "5-羟色胺"), ("5-HT", "5-羟色胺")},
        ),
        (
            "选择性5-羟色胺再摄取抑制剂（selective serotonin reuptake inhibitor，SSRI）是常用的抗抑郁药。",
            {
                ("selective serotonin reuptake inhibitor", "选择性5-羟色胺再摄取抑制剂"),
                ("SSRI", "选择性5-羟色胺再摄取抑制剂"),
            },
        ),
        (
            "N-甲基-D-天冬氨酸受体（N-methyl-D-aspartate receptor）参与学习和记忆。",
            {("N-methyl-D-aspartate receptor", "N-甲基-D-天冬氨酸受体")},
        ),
    ],
)
def test_numbers_greek_and_latin_letters_inside_scientific_terms(text, expected):
    assert pairs_of(text) == expected


@pytest.mark.parametrize(
    "text", ["分辨率为1080p（1080p）的屏幕", "版本号是v1.2（v1.2）", "它的编码位置（0x0000-0xfffd）"]
)
def test_numbers_and_versions_are_still_not_forms(text):
    assert pairs_of(text) == set()


# Reference documentation: tables and lists of names and what they do, and brackets of notes
def test_a_table_whose_header_names_explanations_is_a_reference_not_a_glossary():
    text = (
        "编辑器的配置项如下。\n\n"
        "|   | 说明 | 默认值 |\n"
        "| - | - | - |\n"
        "| value | 编辑器初始化值 | '' |\n"
        "| icon | 图标 | - |\n"
        "| tip | 提示 | - |\n\n"
        "| 英文 | 中文 | 说明 |\n"
        "| --- | --- | --- |\n"
        "| tokenizer | 分词器 | 把文本切成词元 |\n"
    )
    assert pairs_of(text) == {("tokenizer", "分词器")}


def test_a_name_in_code_or_a_link_and_what_it_is_is_not_a_gloss():
    text = (
        "- `ITSValueOrArray` - 值或陣列\n"
        "- `ITSPartial` / `ITSPick` - 類型操作\n"
        "* `scene`：场景图片\n"
        "- [Usage](usage.html)：运行程序\n"
        "- learning rate：学习率\n"
    )
    assert pairs_of(text) == {("learning rate", "学习率")}


def test_a_lower_camel_case_identifier_in_a_table_is_code():
    text = "| 名称 | 中文 |\n| --- | --- |\n| className | 样式名 |\n| learning rate | 学习率 |\n"
    assert pairs_of(text) == {("learning rate", "学习率")}


@pytest.mark.parametrize(
    "text",
    [
        "按组合键 (Ctrl+Shift+F) 打开查找工具栏。",
        "报告保存为报告文件 (.rpt)。",
        "这个问题在提交 (dc65314) 中修复。",
        "识别效果大幅提升（since V2.2）。",
        "线段只能画成 45 度 (H/V/45)。",
    ],
)
def test_keys_extensions_hashes_version_notes_and_letter_lists_are_not_forms(text):
    assert pairs_of(text) == set()


def test_a_link_around_the_term_and_its_gloss_starts_the_term():
    text = "一些带有[可扩展固件接口（Unified Extensible Firmware Interface，UEFI）](https://example.org/uefi)的 PC"
    assert {(e, c, p) for e, c, p in patterns_of(text)} == {
        ("Unified Extensible Firmware Interface", "可扩展固件接口", "bracket+markup"),
        ("UEFI", "可扩展固件接口", "bracket+markup"),
    }


@pytest.mark.parametrize(
    "text, expected",
    [
        ("可以导出绘图文件（Postscript，PDF，HPGL和SVG）。", set()),
        ("数据可以写入光盘存储（CD/DVD，CD/DVD-R）。", set()),
        ("适配卡检测（NoProbe, NoProbeISA, NoProbePCI）默认关闭。", set()),
    ],
)
def test_a_bracket_listing_examples_glosses_nothing(text, expected):
    assert pairs_of(text) == expected


def test_a_list_whose_last_item_is_the_acronym_of_the_others_is_one_long_form():
    text = "化学、生物、放射性和核（Chemical, Biological, Radiological, and Nuclear，CBRN）武器"
    # the forms; the rendering (化学、生物、放射性和核, a 、-list) is not found whole yet
    assert {e for e, _ in pairs_of(text)} == {"Chemical, Biological, Radiological, and Nuclear", "CBRN"}


@pytest.mark.parametrize(
    "text, script, expected",
    [
        ("## Calc 試算表中的圖表\n", "traditional", set()),  # a caption: charts in Calc spreadsheets
        ("## KNOWN PROBLEMS 已知的问题\n", "simplified", {("KNOWN PROBLEMS", "已知的问题")}),
        ("### 内部机制参考手册 Internals reference\n", "simplified", {("Internals reference", "内部机制参考手册")}),
    ],
)
def test_a_heading_that_places_its_english_somewhere_is_a_caption(text, script, expected):
    region = "taiwan" if script == "traditional" else "mainland"
    assert pairs_of(text, script=script, region=region) == expected


def test_a_link_edge_moved_into_a_word_by_phrase_conversion_is_not_the_boundary():
    # tw2sp turns 程序間通訊 into 进程间通信; the link's start maps onto 程, inside 进程
    text = "網際網路通訊很常見。它是[程序間通訊（IPC）](https://example.org/ipc)的一個節點。"
    assert pairs_of(text, script="traditional", region="taiwan") == {("IPC", "进程间通信")}


def test_a_list_of_names_and_what_they_are_keeps_only_lines_tied_word_for_word():
    api = "- ORDER_STATUS - 订单状态\n- Tick - 快照行情\n- Order - 订单\n"
    glossary = "- Large Language Model：大语言模型\n- Tokenizer：分词器\n- learning rate：学习率\n"
    assert pairs_of(api) == {("Order", "订单")}  # the dictionary ties only one of three: names
    assert pairs_of(glossary) == {
        ("Large Language Model", "大语言模型"),
        ("Tokenizer", "分词器"),  # CC-CEDICT has no tokenizer; the list is a glossary all the same
        ("learning rate", "学习率"),
    }


def test_a_bracket_holding_only_a_link_names_a_page_not_a_gloss():
    assert pairs_of("支持易盛（[esunny](https://example.org/vnpy_esunny)）接口。") == set()
    # a link around the term and its gloss is the author's markup of the term
    assert pairs_of("它是[传输层安全（TLS）](https://example.org/tls)协议。") == {("TLS", "传输层安全")}


def test_a_verb_before_a_preposition_opens_a_clause_not_an_acronyms_name():
    # 确定 'make sure' could stand for the M of CMDB; 在 between says it is the clause's verb
    assert pairs_of("我们来确定在配置数据库（CMDB）中的内容。") == {("CMDB", "配置数据库")}
    # a coordinating 与 stays inside the name
    assert pairs_of("英国竞争与市场管理局（CMA）发布了报告。") == {("CMA", "竞争与市场管理局")}


def test_glosses_inside_a_chinese_parenthetical_are_found():
    text = "一个随机变量的*期望*（expectation，或平均值（average））表示为E[X]。（如果失败，就需要你转移(bump)共享库的名称。）"
    assert pairs_of(text) == {("expectation", "期望"), ("average", "平均值"), ("bump", "转移")}


def test_an_acronym_in_brackets_after_the_long_form_is_a_second_form():
    assert pairs_of("大语言模型（Large Language Model (LLM)）很强。") == {
        ("Large Language Model", "大语言模型"),
        ("LLM", "大语言模型"),
    }


@pytest.mark.parametrize(
    "text, expected",
    [
        ("LVM *Logical Volume Manager*（逻辑卷管理器）负责分区。", {("Logical Volume Manager", "逻辑卷管理器")}),
        (
            "png    Portable Network Graphics file (可移植网络图象文件)",
            {("Portable Network Graphics file", "可移植网络图象文件")},
        ),
        ("请遵守 the Debian Code of Conduct（行为准则）。", {("Debian Code of Conduct", "行为准则")}),
        ("-   [Wayland (服务端显示协议)](https://example.org/wayland) (原生)", {("Wayland", "服务端显示协议")}),
        ("支持 [esunny](https://example.org/esunny)（易盛）接口。", set()),
    ],
)
def test_the_english_before_a_chinese_bracket_is_the_authors_extent(text, expected):
    assert pairs_of(text) == expected


def test_a_proper_name_before_the_kind_of_thing_makes_a_name():
    assert pairs_of("请使用谷歌浏览器（Chrome）打开。") == {("Chrome", "谷歌浏览器")}
    assert pairs_of("颜色生成器 (Python) 很方便。") == set()  # a kind of thing, described


def test_a_long_word_in_capitals_is_a_word_not_an_initialism():
    assert pairs_of("## 总结（CONCLUSION）\n") == {("CONCLUSION", "总结")}


def test_english_words_set_in_capitals_are_not_names():
    # ECHO and AREA are a heading's capitals: 回显 (not in CC-CEDICT) is not a clause to drop
    assert pairs_of("* 回显区（ECHO AREA）\n") == {("ECHO AREA", "回显区")}
