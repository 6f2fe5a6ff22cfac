"""Term-pair mining on real corpus lines: exact pairs, exact boundaries, and what must not match."""

from __future__ import annotations

import pytest
from conftest import corpus_line, mine_text, pairs_of

# (document, line) -> every pair the line must give, nothing more
CORPUS_CASES = [
    # 中文 (English, ACRONYM): both forms, boundary after 的
    (
        "000",
        16,
        {
            ("Large Language Model", "大语言模型"),
            ("LLM", "大语言模型"),
            ("Existential Risk", "生存风险"),
            ("X-Risk", "生存风险"),
        },
    ),
    ("000", 18, {("Artificial General Intelligence", "通用人工智能"), ("AGI", "通用人工智能")}),
    # glued acronym, backed by the bracketed gloss elsewhere in the document
    ("000", 10, {("AGI", "通用人工智能")}),
    # full stop after a Chinese clause, bracket after ;
    ("000", 34, {("Prompt Engineering", "提示工程")}),
    # organization acronym; an ordinal that belongs to the numbered acronym
    ("000", 42, {("TJUNLP", "天津大学自然语言处理实验室"), ("DSTC9", "第九届对话技术挑战赛")}),
    # quoted slash list + bracketed quoted English, then a stated-alternatives list
    (
        "000",
        170,
        {
            ("Scaling Laws", "扩展定律"),
            ("Scaling Laws", "规模法则"),
            ("Scaling Laws", "缩放定律"),
            ("Scaling Laws", "比例定律"),
            ("Scaling Laws", "标度律"),
        },
    ),
    ("000", 184, {("Center for AI Safety", "人工智能安全中心"), ("CAIS", "人工智能安全中心")}),
    (
        "000",
        192,
        {("Alignment", "对齐"), ("Robustness", "鲁棒性"), ("Monitoring", "监测"), ("Systemic Safety", "系统安全性")},
    ),
    ("000", 218, {("Human Feedback", "人类反馈"), ("Reward Model", "奖励模型"), ("Policy", "策略优化")}),
    # English explanation continues after ';' inside the bracket
    ("000", 228, {("situational awareness", "态势感知"), ("deceptive reward hacking", "欺骗性奖励破解")}),
    ("000", 258, {("MACHIAVELLI Benchmark", "马基亚维利基准"), ("agent", "自主体")}),
    ("000", 274, {("Chain of thought", "思维链"), ("CoT", "思维链")}),
    (
        "000",
        352,
        {
            ("Mechanistic Interpretability", "机制可解释性"),
            ("Representation Engineering", "表征工程"),
            ("RepE", "表征工程"),
        },
    ),
    # a comma list that is one English form; a coordinated pair 诱导与操纵
    (
        "000",
        372,
        {
            ("Cybersecurity", "网络安全"),
            ("Chemical, Biological, Nuclear, and Radiological threats", "化生放核风险"),
            ("Persuasion", "诱导与操纵"),
            ("Model Autonomy", "模型自主性"),
            ("Unknown Unknowns", "未知风险"),
        },
    ),
    # bilingual heading: quoted items paired in order
    ("001", 20, {("Light-touch", "轻触式"), ("pro-innovation", "积极创新")}),
    # English-first glued acronym, confirmed by the dictionary
    ("001", 23, {("OECD", "经济合作与发展组织")}),
    # a name the dictionary does not know, kept by what recurs in the document
    ("001", 64, {("SMIC", "中芯国际")}),
    # 国家 is not in HPC
    ("001", 69, {("HPC", "高性能计算")}),
    # English(中文)
    ("001", 104, {("LLM", "大型语言模型")}),
    ("001", 121, {("x-risk", "存在性风险"), ("LLMs", "大型语言模型")}),
    ("001", 127, {("François Chollet", "弗朗索瓦·肖莱")}),
    ("001", 128, {("Marc Andreessen", "马克·安德森")}),
    ("001", 142, {("ASL", "AI安全级别")}),
    ("001", 173, {("RLAIF", "从人工智能反馈中进行强化学习")}),
    ("001", 175, {("RLHF", "基于人类反馈的强化学习")}),
    ("001", 202, {("FTC", "联邦贸易委员会"), ("CMA", "竞争与市场管理局")}),
    ("002", 76, {("RLHF", "从人类反馈中强化学习"), ("CAI", "宪法AI")}),
    ("002", 304, {("RPC", "远程过程调用")}),
    # full-width brackets, names with a middle dot
    ("004", 16, {("Alex Tamkin", "亚历克斯·塔姆金")}),
    ("004", 18, {("Amanda Askell", "阿曼达·阿斯凯尔")}),
    # glued lowercase English inside quotes; glued English after a known word
    ("004", 69, {("superalignment", "超级对齐")}),
    ("004", 258, {("checkpoint", "检查点")}),
]


@pytest.mark.parametrize("doc,line,expected", CORPUS_CASES, ids=[f"{d}:{n}" for d, n, _ in CORPUS_CASES])
def test_corpus_line(doc, line, expected):
    from conftest import CORPUS

    path = next(CORPUS.glob(f"{doc}_*.txt"))
    pairs, _ = mine_text(path.read_text(encoding="utf-8"))
    assert {(p.english, p.chinese) for p in pairs if p.line == line} == expected


@pytest.mark.parametrize(
    "text",
    [
        corpus_line("000", 30),  # Warren网络数据科学中心: English names the product, not a gloss
        corpus_line("000", 198),  # 大语言模型对齐技术RLHF: English with no rendering tied to it
        corpus_line("004", 109),  # 可解释性分析工具SAE
        corpus_line("000", 312),  # 开源模型Llama 2
        corpus_line("000", 172),  # 2022(Chinchilla Scaling Laws): no Chinese before the bracket
        corpus_line("000", 158),  # a reference with Chinese notes in brackets
        corpus_line("000", 308),  # competing objectives和mismatched generalization
        corpus_line("001", 111),  # Sam Altman(OpenAI): English in both places
        corpus_line("001", 118),  # 丹·亨德里克斯(人工智能安全中心): Chinese in both places
    ],
)
def test_not_a_gloss(text):
    assert pairs_of(text) == set()


def test_title_glued_to_chinese_is_not_a_gloss():
    # "Discovering Language Model Behaviors with Model-Written Evaluations论文中": only 谄媚 is glossed
    assert pairs_of(corpus_line("000", 236)) == {("Sycophancy", "谄媚")}


def test_quoted_sentence_is_a_segment_not_a_term():
    text = '其他参考:…,其中指出"利用计算的一般方法最终是最有效的"("general methods that leverage computation are ultimately the most effective")。'
    assert pairs_of(text) == set()


def test_bilingual_heading_is_a_segment():
    pairs, segments = mine_text(corpus_line("001", 117))
    assert pairs == []
    assert [(s.english, s.chinese) for s in segments] == [
        ("Quick taxonomy of catastrophic AI risk", "关于人工智能风险的简要分类")
    ]


def test_heading_split_at_acronym_that_opens_the_chinese():
    _, segments = mine_text(corpus_line("001", 132))
    assert [(s.english, s.chinese) for s in segments] == [
        ("AI safety wins attention from senior figures in government", "AI 安全引起了政府高级官员的关注")
    ]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "我们使用了低秩适应（Low-Rank Adaptation, LoRA）对模型进行微调。",
            {("Low-Rank Adaptation", "低秩适应"), ("LoRA", "低秩适应")},
        ),
        (
            "混合专家模型（Mixture of Experts，简称 MoE）近年来非常流行。",
            {("Mixture of Experts", "混合专家模型"), ("MoE", "混合专家模型")},
        ),
        (
            "知识蒸馏（knowledge distillation，又称模型蒸馏）是压缩模型的常用方法。",
            {("knowledge distillation", "知识蒸馏"), ("knowledge distillation", "模型蒸馏")},
        ),
        ("“Hallucination”通常被译为幻觉，也有人译作虚构。", {("Hallucination", "幻觉"), ("Hallucination", "虚构")}),
        ("其中，Reward Model（奖励模型）负责给回答打分。", {("Reward Model", "奖励模型")}),
        (
            "本文作者为杰弗里·辛顿（Geoffrey Hinton）与约书亚·本吉奥（Yoshua Bengio）。",
            {("Geoffrey Hinton", "杰弗里·辛顿"), ("Yoshua Bengio", "约书亚·本吉奥")},
        ),
        (
            "向量数据库（vector database）存储嵌入（embeddings）。",
            {("vector database", "向量数据库"), ("embeddings", "嵌入")},
        ),
        ("他说（He said）这很重要。", set()),
        (
            "基于人类反馈的强化学习（Reinforcement Learning from Human Feedback，简称RLHF）已经成为标准做法。",
            {
                ("Reinforcement Learning from Human Feedback", "基于人类反馈的强化学习"),
                ("RLHF", "基于人类反馈的强化学习"),
            },
        ),
        ("这项研究采用了低秩适配（LoRA）技术。", {("LoRA", "低秩适配")}),
        (
            "这类模型常被称作“基础模型”或“底座模型”（foundation model）。",
            {("foundation model", "基础模型"), ("foundation model", "底座模型")},
        ),
        (
            "图神经网络(GNN, Graph Neural Network)适用于图数据。",
            {("GNN", "图神经网络"), ("Graph Neural Network", "图神经网络")},
        ),
        ("我们在第3章（Chapter 3）中讨论这个问题。", set()),
        (
            "大语言模型（英文全称 Large Language Model，简称 LLM）很强。",
            {("Large Language Model", "大语言模型"), ("LLM", "大语言模型")},
        ),
        (
            "GPT（Generative Pre-trained Transformer，生成式预训练变换器）是一类模型。",
            {("GPT", "生成式预训练变换器"), ("Generative Pre-trained Transformer", "生成式预训练变换器")},
        ),
        (
            "RLHF（Reinforcement Learning from Human Feedback，基于人类反馈的强化学习）很重要。",
            {
                ("RLHF", "基于人类反馈的强化学习"),
                ("Reinforcement Learning from Human Feedback", "基于人类反馈的强化学习"),
            },
        ),
        ("我们使用 RLHF（Reinforcement Learning from Human Feedback，目前最常用）训练。", set()),
        ("最新的模型（GPT-4）表现很好，英伟达（NVIDIA）发布了芯片。", {("NVIDIA", "英伟达")}),
        ("神经网络很常见。\n我们训练了卷积神经网络（CNN）。", {("CNN", "卷积神经网络")}),
        (
            "我们使用深度学习框架（PyTorch）和开源模型（Llama 2），深度求索（DeepSeek）发布了新模型。",
            {("DeepSeek", "深度求索")},
        ),
        ("Meta 的首席 AI 科学家杨立昆（Yann LeCun）对此持怀疑态度。", {("Yann LeCun", "杨立昆")}),
        ("模型的参数量（parameters）达到了万亿级别。", {("parameters", "参数量")}),
        (
            "强化学习（Reinforcement Learning，RL）是一种方法。\n深度学习（DL）和强化学习（RL）是分支。",
            {("Reinforcement Learning", "强化学习"), ("RL", "强化学习"), ("DL", "深度学习")},
        ),
        ("他是强化学习之父理查德·萨顿（Richard Sutton）。", {("Richard Sutton", "理查德·萨顿")}),
        ("开发者可以通过应用程序编程接口（API）调用模型。", {("API", "应用程序编程接口")}),
        ("中国科学院自动化研究所（CASIA）的团队参与了研究。", {("CASIA", "中国科学院自动化研究所")}),
        ("在美国国家标准与技术研究院（NIST）的报告中。", {("NIST", "国家标准与技术研究院")}),
        (
            "通过所谓的上下文学习（in-context learning, ICL），模型可以适应新任务。",
            {("in-context learning", "上下文学习"), ("ICL", "上下文学习")},
        ),
        ("因此解码阶段是访存密集型（memory-bound）的。", {("memory-bound", "访存密集型")}),
        ("该指标（BLEU）常用于机器翻译评估。", set()),
        ("我们使用了 PyTorch（一个深度学习框架）进行实验。", set()),
        ("该模型在 MMLU（大规模多任务语言理解）基准上取得了高分。", {("MMLU", "大规模多任务语言理解")}),
        ("OpenAI 发布了 GPT-4 Turbo（128K 上下文）。", set()),
    ],
)
def test_general_patterns(text, expected):
    assert pairs_of(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "**大语言模型**（Large Language Model）发展迅速。",
        "*大语言模型*（Large Language Model）发展迅速。",
        "<u>大语言模型（Large Language Model）</u>发展迅速。",
        "[大语言模型](https://example.com/llm)（Large Language Model）发展迅速。",
        "`大语言模型`（Large Language Model）发展迅速。",
    ],
)
def test_markup_does_not_hide_a_gloss(text):
    assert pairs_of(text) == {("Large Language Model", "大语言模型")}


def test_code_blocks_and_front_matter_are_not_mined():
    text = "---\ntitle: 大语言模型(LLM)\n---\n正文\n```\n大语言模型(LLM)\n```\n"
    assert pairs_of(text) == set()


def test_traditional_text_gives_simplified_rendering_and_keeps_the_original():
    pairs, _ = mine_text(
        "我們研究了大型語言模型（Large Language Model）的對齊。", script="traditional", region="taiwan"
    )
    assert [(p.english, p.chinese, p.original, p.region) for p in pairs] == [
        ("Large Language Model", "大型语言模型", "大型語言模型", "taiwan")
    ]


def test_line_numbers_and_context_come_from_the_original():
    text = "第一行\n\n通用人工智能（Artificial General Intelligence，AGI）系统"
    pairs, _ = mine_text(text)
    assert {(p.line, p.context) for p in pairs} == {(3, "通用人工智能（Artificial General Intelligence，AGI）系统")}


def test_kinds():
    pairs, _ = mine_text(corpus_line("000", 184) + "\n" + corpus_line("004", 16) + "\n" + corpus_line("000", 16))
    kinds = {(p.english, p.kind) for p in pairs}
    assert ("Center for AI Safety", "organization") in kinds
    assert ("CAIS", "organization") in kinds
    assert ("Alex Tamkin", "person") in kinds
    assert ("LLM", "acronym") in kinds
    assert ("Large Language Model", "term") in kinds


def test_chinese_that_continues_the_english_is_not_a_segment():
    pairs, segments = mine_text("GPT-4（Generative Pre-trained Transformer 4）是一个多模态模型。")
    assert (pairs, segments) == ([], [])


def test_western_name_in_chinese_style_is_a_person():
    pairs, _ = mine_text("该团队由杨立昆（Yann LeCun）领导。")
    assert [(p.english, p.chinese, p.kind) for p in pairs] == [("Yann LeCun", "杨立昆", "person")]


def test_traditional_phrase_converted_to_a_shorter_word_keeps_its_whole_original():
    pairs, _ = mine_text("軟體工程師需要理解記憶體（memory）管理。", script="traditional", region="taiwan")
    assert [(p.english, p.chinese, p.original) for p in pairs] == [("memory", "内存", "記憶體")]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "| 英文 | 中文 |\n|---|---|\n| Large Language Model | 大语言模型 |\n| Reinforcement Learning | 强化学习 |",
            {("Large Language Model", "大语言模型"), ("Reinforcement Learning", "强化学习")},
        ),
        (
            "- LLM：大语言模型\n- Chain of Thought: 思维链\n1. RAG：检索增强生成",
            {("LLM", "大语言模型"), ("Chain of Thought", "思维链"), ("RAG", "检索增强生成")},
        ),
        ("大语言模型 — Large Language Model", {("Large Language Model", "大语言模型")}),
        ("作者: John Smith\n来源：Reuters\nNote：这是问题\n| 模型 | 参数量 |\n|---|---|\n| GPT-3 | 175B |", set()),
    ],
)
def test_glossary_tables_and_lists(text, expected):
    assert pairs_of(text) == expected


def test_a_term_starting_with_a_surname_character_is_not_a_person():
    pairs, _ = mine_text("| 技术 | 英文 |\n|---|---|\n| 张量并行 | Tensor Parallelism |")
    assert [(p.english, p.chinese, p.kind) for p in pairs] == [("Tensor Parallelism", "张量并行", "term")]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("## Reward Modeling 奖励建模", {("Reward Modeling", "奖励建模")}),
        ("### 3.2 奖励建模 Reward Modeling", {("Reward Modeling", "奖励建模")}),
        (corpus_line("001", 13), set()),  # Politics 进展总结: a heading, the words do not translate
        ("Anthropic 研究", set()),
    ],
)
def test_heading_that_is_a_term_and_its_translation(text, expected):
    assert pairs_of(text) == expected
