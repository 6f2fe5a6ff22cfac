"""Citations in real-looking Chinese Markdown: one test per failure class of issue 9, exact records."""

from __future__ import annotations

import pytest

from zhdoc.citations import mine_citations, parse_reference
from zhdoc.citations.parse import split_names
from zhdoc.models import Citation, Document
from zhdoc.normalize import normalize_document
from zhdoc.pipeline import extract


def mine(text: str) -> list[Citation]:
    document = Document(path="notes.md", text=text, encoding="utf-8", sha256="")
    return mine_citations(normalize_document(document))


def record(c: Citation) -> tuple:
    return (c.title, [a[0] for a in c.authors], c.year, c.container, c.volume, c.issue, c.pages, c.et_al)


NOT_PROSE = """# 读书笔记：序列模型

## 6.13.1 Simple RNNs(SRNs)

循环网络的损失写作：

$$
\\mathcal{L} = \\frac{1}{T} \\sum_{t=1}^{T} \\ell(y_t, \\hat{y}_t)
$$

& = \\sum_{t} \\log p(x_t) \\\\

    int n, S, T;

> NLP论文学习笔记

2023/3/9 我们提出了 Efficient Sequence Modeling With Gated Units 的新版本。

[查看更多](https://arxiv.org/abs/1706.03762)

| 模型 | 参数量 | 年份 |
| --- | --- | --- |
| GPT-2 | 1.5 | 2019 |
"""


def test_math_code_headings_changelog_quotes_and_link_labels_are_not_works():
    assert mine(NOT_PROSE) == []


def test_footnote_definitions_are_parsed_and_markers_linked():
    text = (
        "AlexNet 的结果[^5]远超当时的方法，LSTM[^ref1] 解决了梯度消失。\n\n"
        "[^5]: Krizhevsky, A., Sutskever, I., & Hinton, G. E. (2012). Imagenet classification with deep "
        "convolutional neural networks. Advances in Neural Information Processing Systems, 25, 1097–1105.\n"
        "[^ref1]: Hochreiter S, Schmidhuber J. Long short-term memory\\[J]. Neural Computation, 1997, 9(8): 1735-1780.\n"
    )
    found = mine(text)
    assert [record(c) for c in found] == [
        (
            "Imagenet classification with deep convolutional neural networks",
            ["Krizhevsky", "Sutskever", "Hinton"],
            2012,
            "Advances in Neural Information Processing Systems",
            "25",
            "",
            "1097-1105",
            False,
        ),
        (
            "Long short-term memory",
            ["Hochreiter", "Schmidhuber"],
            1997,
            "Neural Computation",
            "9",
            "8",
            "1735-1780",
            False,
        ),
    ]
    assert [[o.line for o in c.occurrences] for c in found] == [[3, 1], [4, 1]]


def test_links_whose_text_is_the_title():
    text = (
        "Transformer 来自 [Attention Is All You Need](https://arxiv.org/abs/1706.03762)，ResNet 见 "
        "[Deep Residual Learning for Image Recognition](https://doi.org/10.1109/CVPR.2016.90)。\n"
    )
    assert [(c.title, c.arxiv, c.doi, c.year) for c in mine(text)] == [
        ("Attention Is All You Need", "1706.03762", "", 2017),
        ("Deep Residual Learning for Image Recognition", "", "10.1109/CVPR.2016.90", None),
    ]


DETAILS = """## 小结

<details>
<summary>参考文献</summary>

- OpenCompass 团队. (2023). OpenCompass: A universal evaluation platform for foundation models.
- A. J. Smola and B. Schölkopf, “A tutorial on support vector regression,” Statistics and Computing, vol. 14, no. 3, pp. 199–222, 2004.
- Diestel, Reinhard. Graph theory. Vol. 173. Springer Nature, 2025.
- Kingma, D. P., & Ba, J. (2015, May). Adam: A method for stochastic optimization. In International Conference on Learning Representations.

</details>
"""


def test_reference_list_in_details_block_in_several_styles():
    found = {c.title: c for c in mine(DETAILS)}
    assert sorted(found) == [
        "A tutorial on support vector regression",
        "Adam: A method for stochastic optimization",
        "Graph theory",
        "OpenCompass: A universal evaluation platform for foundation models",
    ]
    assert found["OpenCompass: A universal evaluation platform for foundation models"].authors == [
        ("OpenCompass 团队", "")
    ]
    smola = found["A tutorial on support vector regression"]
    assert (smola.authors, smola.year, smola.volume, smola.issue, smola.pages) == (
        [("Smola", "A. J."), ("Schölkopf", "B.")],
        2004,
        "14",
        "3",
        "199-222",
    )
    diestel = found["Graph theory"]
    assert (diestel.authors, diestel.year, diestel.volume, diestel.publisher) == (
        [("Diestel", "Reinhard")],
        2025,
        "173",
        "Springer Nature",
    )
    adam = found["Adam: A method for stochastic optimization"]
    assert (adam.year, adam.container) == (2015, "International Conference on Learning Representations")


GBT_TYPES = """## 参考文献

[1] 浙江省档案馆. 杭州府水利志稿: 档号 L012-3-45[A]. 杭州: 浙江省档案馆, 1865（清同治四年）.
[2] 国家测绘地理信息局. 中华人民共和国地图: 1∶4000000[CM]. 北京: 中国地图出版社, 2016.
[3] 中国气象局国家气象信息中心. 中国地面气候资料日值数据集: V3.0[DS]. 北京: 国家气象信息中心, 2019.
[4] 孙浩, 李雪. 面向低资源语言的跨语言迁移学习[PP/OL]. (2024-03-02)[2024-05-01]. https://chinaxiv.org/abs/202403.00012.
[5] 陈静. 人工智能助力县域医疗服务升级[N]. 科技日报, 2023-05-18(6).
[6] 全国信息与文献标准化技术委员会. 信息与文献 参考文献著录规则: GB/T 7714—2015[S]. 北京: 中国标准出版社, 2015.
[7] 刘明远. 一种基于深度学习的文本分类装置: CN112345678A[P]. 2021-02-23.
[8] 杨振宁. 杨振宁文集[G]. 上海: 华东师范大学出版社, 1998.
[9] 李华. 关于开源软件许可的若干说明[Z]. 北京: 内部资料, 2020.
[10] 中国科学院. 科学通报[J]. 1950, 1(1)-. 北京: 科学出版社, 1950-.
[11] 程根伟. 1998年长江洪水的成因与减灾对策[M]//许厚泽, 赵其国. 长江流域洪涝灾害与科技对策. 北京: 科学出版社, 1999: 32-36.
[12] 王力. 汉语史稿［M］．北京：中华书局，1980：112-118．
[13] 田中太郎, 鈴木花子. 深層学習による機械翻訳の評価[J]. 情報処理学会論文誌, 2020, 61(3): 512-520.
[14] 김민수, 이지은. 딥러닝 기반 한국어 형태소 분석 연구[J]. 정보과학회논문지, 2019, 46(2): 150-158.
[15] Иванов А. В. Методы оптимизации в задачах машинного обучения[J]. Автоматика и телемеханика, 2018(5): 33-47.
"""


def test_gbt_every_document_type():
    found = mine(GBT_TYPES)
    assert [(c.type_marker, c.title, c.year, c.number, c.publisher, c.container) for c in found] == [
        ("A", "杭州府水利志稿", 1865, "档号 L012-3-45", "浙江省档案馆", ""),
        ("CM", "中华人民共和国地图", 2016, "1∶4000000", "中国地图出版社", ""),
        ("DS", "中国地面气候资料日值数据集", 2019, "V3.0", "国家气象信息中心", ""),
        ("PP/OL", "面向低资源语言的跨语言迁移学习", 2024, "", "", ""),
        ("N", "人工智能助力县域医疗服务升级", 2023, "", "", "科技日报"),
        ("S", "信息与文献 参考文献著录规则", 2015, "GB/T 7714—2015", "中国标准出版社", ""),
        ("P", "一种基于深度学习的文本分类装置", 2021, "CN112345678A", "", ""),
        ("G", "杨振宁文集", 1998, "", "华东师范大学出版社", ""),
        ("Z", "关于开源软件许可的若干说明", 2020, "", "内部资料", ""),
        ("J", "科学通报", 1950, "", "科学出版社", ""),
        ("M", "1998年长江洪水的成因与减灾对策", 1999, "", "科学出版社", "长江流域洪涝灾害与科技对策"),
        ("M", "汉语史稿", 1980, "", "中华书局", ""),
        ("J", "深層学習による機械翻訳の評価", 2020, "", "", "情報処理学会論文誌"),
        ("J", "딥러닝 기반 한국어 형태소 분석 연구", 2019, "", "", "정보과학회논문지"),
        ("J", "Методы оптимизации в задачах машинного обучения", 2018, "", "", "Автоматика и телемеханика"),
    ]
    assert [c.authors for c in found][13:] == [[("김민수", ""), ("이지은", "")], [("Иванов", "А. В")]]


def test_one_work_in_three_documents_is_one_record(tmp_path):
    entry = "Vaswani A, Shazeer N, Parmar N, et al. Attention is all you need[C]//Advances in Neural Information Processing Systems. 2017: 5998-6008."
    prose = "本文整理了注意力机制的发展脉络，介绍自注意力、多头注意力和位置编码的基本思想，并讨论它们在机器翻译中的作用。\n\n"
    (tmp_path / "a.md").write_text(f"{prose}## 参考文献\n\n1. {entry}\n", encoding="utf-8")
    (tmp_path / "b.md").write_text(
        f"{prose}Transformer 见 [Attention Is All You Need](https://arxiv.org/abs/1706.03762)。\n", encoding="utf-8"
    )
    (tmp_path / "c.md").write_text(
        f"{prose}## References\n\n- Vaswani, A., Shazeer, N., Parmar, N., et al. (2017). Attention is all you need. "
        "arXiv preprint arXiv:1706.03762.\n",
        encoding="utf-8",
    )
    works = extract([str(tmp_path)], jobs=1).citations.works()
    assert [(w.title, w.arxiv, sorted({o.doc.rsplit("/", 1)[-1] for o in w.occurrences})) for w in works] == [
        ("Attention is all you need", "1706.03762", ["a.md", "b.md", "c.md"])
    ]
    assert works[0].et_al is True


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ("Pearson, D.", [("Pearson", "D")]),
        ("Smith, J. A., & Doe, J.", [("Smith", "J. A."), ("Doe", "J")]),
        ("A. J. Smola and B. Schölkopf", [("Smola", "A. J."), ("Schölkopf", "B.")]),
        ("SMITH J A, DOE J", [("Smith", "J A"), ("Doe", "J")]),
        ("Diestel, Reinhard", [("Diestel", "Reinhard")]),
        ("王小明, 李华", [("王小明", ""), ("李华", "")]),
    ],
)
def test_author_lists(names, expected):
    assert split_names(names) == (expected, False)


def test_et_al_is_kept_as_a_truncation_flag():
    c = parse_reference(
        'Kaplan, Jared, et al. "Scaling laws for neural language models." arXiv preprint arXiv:2001.08361 (2020).'
    )
    assert (c.authors, c.et_al, c.arxiv, c.year) == ([("Kaplan", "Jared")], True, "2001.08361", 2020)


def test_apa_keeps_author_and_year_out_of_the_title_and_doi_out_of_a_link():
    c = parse_reference(
        "LeCun, Y., Bengio, Y., & Hinton, G. (2015). Deep learning. Nature, 521(7553), 436–444. "
        "[https://doi.org/10.1038/nature14539](https://doi.org/10.1038/nature14539)"
    )
    assert (c.title, c.year, c.container, c.volume, c.issue, c.pages, c.doi) == (
        "Deep learning",
        2015,
        "Nature",
        "521",
        "7553",
        "436-444",
        "10.1038/nature14539",
    )


READING_NOTES = """# 大语言模型论文阅读笔记

## 1. GPT-3

论文：Language Models are Few-Shot Learners
链接：https://arxiv.org/abs/2005.14165

GPT-3 的上下文学习能力来自规模，后续工作 InstructGPT[^1] 加入了人类反馈。

| 模型 | 参数量 | 论文 |
| --- | --- | --- |
| T5 | 11B | [Exploring the Limits of Transfer Learning with a Unified Text-to-Text Transformer](https://arxiv.org/abs/1910.10683) |
| GPT-3 | 175B | 见上文 |

## 参考资料

- [李沐：GPT，GPT-2，GPT-3 论文精读](https://www.bilibili.com/video/BV1AF411b7xQ)
- Raffel C, Shazeer N, Roberts A, et al. Exploring the limits of transfer learning with a unified text-to-text transformer[J]. Journal of Machine Learning Research, 2020, 21(140): 1-67.

## 更新日志

- 2023/3/9 新增 LLaMA 笔记

[^1]: Ouyang L, Wu J, Jiang X, et al. Training language models to follow instructions with human feedback[J]. Advances in Neural Information Processing Systems, 2022, 35: 27730-27744.
"""


def test_reading_notes_with_a_table_a_title_and_its_link_and_a_video(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text(READING_NOTES, encoding="utf-8")
    works = extract([str(path)], jobs=1).citations.works()
    assert [(w.title, w.year, w.arxiv, w.container, w.scholarly, [o.line for o in w.occurrences]) for w in works] == [
        ("Language Models are Few-Shot Learners", 2020, "2005.14165", "arXiv preprint", True, [5, 6]),
        (
            "Exploring the limits of transfer learning with a unified text-to-text transformer",
            2020,
            "1910.10683",
            "Journal of Machine Learning Research",
            True,
            [12, 18],
        ),
        ("李沐：GPT，GPT-2，GPT-3 论文精读", None, "", "", False, [17]),
        (
            "Training language models to follow instructions with human feedback",
            2022,
            "",
            "Advances in Neural Information Processing Systems",
            True,
            [24, 8],
        ),
    ]


def test_citation_keys_are_author_year_citations():
    found = mine("本节的数据集来自 :cite:`LeCun.Bottou.Bengio.ea.1998`，优化器见 [@kingma2015adam]。\n")
    assert [(c.authors, c.year, c.et_al, c.style) for c in found] == [
        ([("LeCun", ""), ("Bottou", ""), ("Bengio", "")], 1998, True, "author-year"),
        ([("Kingma", "")], 2015, False, "author-year"),
    ]


@pytest.mark.parametrize(
    ("string", "expected"),
    [
        (
            "SMITH J, DOE A, 2015. Deep things of graphs[J]. Journal of Graphs, 12(3): 45-67.",
            ("Deep things of graphs", ["Smith", "Doe"], 2015, "Journal of Graphs", "12", "3", "45-67", ""),
        ),
        (
            "周志华, 2016. 机器学习[M]. 北京: 清华大学出版社.",
            ("机器学习", ["周志华"], 2016, "", "", "", "", "清华大学出版社"),
        ),
        (
            "王力．汉语史稿［M］．北京：中华书局，1980：112-118．",
            ("汉语史稿", ["王力"], 1980, "", "", "", "112-118", "中华书局"),
        ),
        (
            "首选（期刊扩充版）：Goodfellow I, Bengio Y, Courville A. Deep learning[M]. Cambridge: MIT Press, 2016.",
            ("Deep learning", ["Goodfellow", "Bengio", "Courville"], 2016, "", "", "", "", "MIT Press"),
        ),
    ],
)
def test_gbt_author_date_full_width_and_a_label_before_the_entry(string, expected):
    from zhdoc.citations.find import mine_reference

    c = mine_reference(string)
    assert (
        c.title,
        [a[0] for a in c.authors],
        c.year,
        c.container,
        c.volume,
        c.issue,
        c.pages,
        c.publisher,
    ) == expected


@pytest.mark.parametrize(
    ("string", "expected"),
    [
        (
            "J. Doe and R. Roe, “Sparse coding of natural images,” Journal of Vision Research, vol. 7, no. 2, pp. 11–29, 2009.",
            (
                "Sparse coding of natural images",
                [("Doe", "J."), ("Roe", "R.")],
                2009,
                "Journal of Vision Research",
                "7",
                "2",
                "11-29",
                "",
            ),
        ),
        (
            "Weng L, Chen K, Brooks P. Learning sparse features for scene recognition. IEEE Trans Image Process. 2019;28(4):1710-22.",
            (
                "Learning sparse features for scene recognition",
                [("Weng", "L"), ("Chen", "K"), ("Brooks", "P")],
                2019,
                "IEEE Trans Image Process",
                "28",
                "4",
                "1710-22",
                "",
            ),
        ),
        (
            "Hartley, Richard, and Andrew Zisserman. Multiple View Geometry in Computer Vision. 2nd ed. Cambridge: Cambridge University Press, 2004.",
            (
                "Multiple View Geometry in Computer Vision",
                [("Hartley", "Richard"), ("Zisserman", "Andrew")],
                2004,
                "",
                "",
                "",
                "",
                "Cambridge University Press",
            ),
        ),
    ],
)
def test_the_shipped_crf_reads_styles_without_a_hand_rule(string, expected):
    """IEEE, Vancouver and Chicago books have no hand rule: the CRF model in the package reads them."""
    from zhdoc.citations import model
    from zhdoc.citations.parse import parse_with_model

    assert model.available()
    c = parse_with_model(string)
    assert (c.title, c.authors, c.year, c.container, c.volume, c.issue, c.pages, c.publisher) == expected


def test_mentions_join_the_entry_they_name_and_are_not_works_alone(tmp_path):
    prose = "缩放定律描述了模型损失如何随参数量、数据量和计算量变化，是训练大模型时分配预算的依据。"
    (tmp_path / "a.md").write_text(
        f"{prose}\n\n损失随规模呈幂律下降 (Kaplan et al., 2020)，详见 :cite:`Kaplan.McCandlish.ea.2020`。\n",
        encoding="utf-8",
    )
    (tmp_path / "b.md").write_text(
        f"{prose}\n\n## 参考文献\n\n[1] Kaplan J, McCandlish S, Henighan T, et al. Scaling laws for neural language models[J]. "
        "arXiv preprint arXiv:2001.08361, 2020.\n",
        encoding="utf-8",
    )
    (tmp_path / "c.md").write_text(f"{prose}\n\n这一结论后来被修正 (Hoffmann et al., 2022)。\n", encoding="utf-8")
    works = extract([str(tmp_path)], jobs=1).citations.works()
    assert [(w.title, sorted((o.doc.rsplit("/", 1)[-1], o.line) for o in w.occurrences)) for w in works] == [
        ("Scaling laws for neural language models", [("a.md", 3), ("b.md", 5)])
    ]


def test_a_bracketed_number_opens_a_reference_entry_without_a_heading():
    text = (
        "深度学习课程笔记，整理了第三讲的主要内容和课后阅读材料。\n\n"
        "[1] A. Vaswani, N. Shazeer, and N. Parmar, “Attention is all you need,” in Advances in Neural "
        "Information Processing Systems, 2017, pp. 5998–6008.\n"
        "[2] 本讲没有布置作业。\n"
    )
    assert [(c.title, c.authors, c.year, c.container, c.pages, c.style) for c in mine(text)] == [
        (
            "Attention is all you need",
            [("Vaswani", "A."), ("Shazeer", "N."), ("Parmar", "N.")],
            2017,
            "Advances in Neural Information Processing Systems",
            "5998-6008",
            "reference",
        )
    ]
