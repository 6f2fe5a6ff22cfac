"""Citations from real corpus strings: exact fields per style, deduplication, exports."""

from __future__ import annotations

import json

import bibtexparser
import pytest
from conftest import CORPUS, corpus_line

from zhdoc.citations import CitationIndex, mine_line, parse_footnote, parse_gbt, parse_mla
from zhdoc.export import citation_keys, to_string, write_bibtex, write_citations, write_ris
from zhdoc.models import Citation


def fields(c: Citation) -> dict:
    return {
        "title": c.title,
        "authors": c.authors,
        "year": c.year,
        "container": c.container,
        "volume": c.volume,
        "issue": c.issue,
        "pages": c.pages,
        "arxiv": c.arxiv,
        "doi": c.doi,
        "style": c.style,
        "scholarly": c.scholarly,
    }


def test_gbt_arxiv_preprint():
    c = parse_gbt(corpus_line("000", 158))
    assert fields(c) == {
        "title": "On the opportunities and risks of foundation models",
        "authors": [("Bommasani", "R"), ("Hudson", "D A"), ("Adeli", "E")],
        "year": 2021,
        "container": "arXiv preprint",
        "volume": "",
        "issue": "",
        "pages": "",
        "arxiv": "2108.07258",
        "doi": "",
        "style": "gbt7714",
        "scholarly": True,
    }


def test_gbt_journal_with_volume_and_pages():
    c = parse_gbt(corpus_line("000", 200))
    assert (c.title, c.container, c.year, c.volume, c.pages) == (
        "Training language models to follow instructions with human feedback",
        "Advances in Neural Information Processing Systems",
        2022,
        "35",
        "27730-27744",
    )


def test_gbt_volume_issue_and_article_number():
    c = parse_gbt(corpus_line("000", 342))
    assert (c.container, c.year, c.volume, c.issue, c.pages) == (
        "Proceedings of the National Academy of Sciences",
        2022,
        "119",
        "47",
        "e2206625119",
    )


def test_gbt_proceedings_and_question_mark_title():
    c = parse_gbt(corpus_line("000", 256))
    assert c.title.startswith("Do the rewards justify the means? measuring trade-offs")
    assert (c.type_marker, c.container, c.year, c.pages) == (
        "C",
        "International Conference on Machine Learning",
        2023,
        "26837-26867",
    )
    jailbroken = parse_gbt(corpus_line("000", 306))
    assert jailbroken.title == "Jailbroken: How does llm safety training fail?"


def test_gbt_surname_given_names_and_blog():
    assert parse_gbt(corpus_line("000", 168)).authors == [("Kaplan", "Jared")]
    sutton = parse_gbt("Sutton R. The bitter lesson[J]. Incomplete Ideas (blog), 2019, 13(1).")
    assert (sutton.title, sutton.container, sutton.year, sutton.scholarly) == (
        "The bitter lesson",
        "Incomplete Ideas (blog)",
        2019,
        False,
    )


def test_gbt_chinese_reference():
    c = parse_gbt("张三, 李四. 大规模语言模型综述[J]. 计算机学报, 2020, 43(1): 1-10.")
    assert fields(c) == {
        "title": "大规模语言模型综述",
        "authors": [("张三", ""), ("李四", "")],
        "year": 2020,
        "container": "计算机学报",
        "volume": "43",
        "issue": "1",
        "pages": "1-10",
        "arxiv": "",
        "doi": "",
        "style": "gbt7714",
        "scholarly": True,
    }


def test_reference_after_a_chinese_label():
    [c] = list(mine_line(corpus_line("000", 356), True))
    assert (c.authors[0], c.arxiv) == (("Dafoe", "A"), "2012.08630")
    [h] = list(mine_line(corpus_line("000", 172), True))
    assert (h.title, h.authors, h.year) == (
        "Training Compute-Optimal Large Language Models",
        [("Hoffmann", "Jordan")],
        2022,
    )


def test_mla_google_scholar():
    c = parse_mla(corpus_line("000", 186))
    assert (c.title, c.authors, c.year, c.arxiv, c.container) == (
        "Managing ai risks in an era of rapid progress",
        [("Bengio", "Yoshua")],
        2023,
        "2310.17688",
        "arXiv preprint",
    )
    meng = parse_mla(corpus_line("000", 346))
    assert (meng.container, meng.volume, meng.pages, meng.year) == (
        "Advances in Neural Information Processing Systems",
        "35",
        "17359-17372",
        2022,
    )


def test_mla_two_authors_and_foreign_noise():
    c = parse_mla(corpus_line("000", 272))
    assert (c.title, c.authors, c.container, c.year) == (
        "Language Models Perform Reasoning via Chain of Thought",
        [("Wei", "Jason"), ("Zhou", "Denny")],
        "Google AI Blog",
        2022,
    )


def test_footnotes():
    c = parse_footnote("Predictability and Surprise in Large Generative Models, https://arxiv.org/abs/2202.07785 ↩︎")
    assert (c.title, c.arxiv, c.year, c.url, c.scholarly) == (
        "Predictability and Surprise in Large Generative Models",
        "2202.07785",
        2022,
        "https://arxiv.org/abs/2202.07785",
        True,
    )
    org = parse_footnote("Model evaluation for extreme risks, DeepMind, https://arxiv.org/abs/2305.15324 ↩︎")
    assert (org.title, org.authors) == ("Model evaluation for extreme risks", [("DeepMind", "")])
    page = parse_footnote("https://www.whitehouse.gov/briefing-room/statements-releases/2023/07/21/fact-sheet ↩︎")
    assert (page.title, page.year, page.scholarly, page.style) == ("", 2023, False, "url")


def test_inline_author_year_with_title():
    [c] = list(mine_line(corpus_line("000", 282), True))
    assert (c.title, c.authors, c.year) == ("AI-written critiques help humans notice flaws", [("Saunders", "")], 2022)


def test_marker_glued_to_title_is_removed():
    [c] = [c for c in mine_line(corpus_line("001", 159), False)]
    assert (c.title, c.type_marker) == (
        "Universal and Transferable Adversarial Attacks on Aligned Language Models",
        "^53",
    )


@pytest.mark.parametrize(
    "text",
    [
        corpus_line("000", 164),  # (1)基础模型的概念和术语来源以及
        corpus_line("001", 13),  # a heading
        corpus_line("000", 12),  # prose with a year
        corpus_line("001", 68),  # an English heading
    ],
)
def test_not_citations(text):
    assert list(mine_line(text, False)) == []


def test_deduplicated_across_documents():
    from zhdoc.pipeline import extract

    works = extract([str(CORPUS)], jobs=1).citations.works()
    constitutional = [w for w in works if w.arxiv == "2212.08073"]
    assert len(constitutional) == 1
    assert sorted({o.doc.split("/")[-1][:3] for o in constitutional[0].occurrences}) == ["000", "001"]
    bostrom = [w for w in works if w.authors and w.authors[0][0] == "Bostrom"]
    assert len(bostrom) == 1 and len(bostrom[0].occurrences) == 2
    titles = [w.title.lower() for w in works if w.title]
    assert len(titles) == len(set(titles))


def test_title_dedup_ignores_case_and_punctuation():
    index = CitationIndex()
    index.add(Citation(title="Constitutional ai: Harmlessness from ai feedback", style="gbt7714"))
    index.add(Citation(title="Constitutional AI - Harmlessness from AI Feedback", style="footnote"))
    assert len(index.works()) == 1


def _sample() -> list[Citation]:
    return [
        Citation(
            title='Quotes "x" & 50% {braces} _under_ #hash 中文 Schärli',
            authors=[("Zając", "M"), ("Schärli", "N")],
            year=2023,
            arxiv="2307.15043",
            container="arXiv preprint",
            style="gbt7714",
        ),
        Citation(title="Same key", authors=[("Zając", "M")], year=2023, style="gbt7714"),
        Citation(title="Same key 2", authors=[("Zajac", "M")], year=2023, style="gbt7714"),
    ]


def test_bibtex_is_read_back_by_a_parser():
    works = _sample()
    library = bibtexparser.parse_string(to_string(write_bibtex, works))
    assert library.failed_blocks == []
    keys = [entry.key for entry in library.entries]
    assert len(keys) == 3 and len(set(keys)) == 3
    assert library.entries[0]["eprint"] == "2307.15043"
    assert "\\&" in library.entries[0]["title"] and "中文" in library.entries[0]["title"]


def test_csl_json_and_ris():
    works = _sample()
    items = json.loads(to_string(lambda w, s: write_citations(w, "csl-json", s), works))
    assert items[0]["type"] == "article" and items[0]["issued"] == {"date-parts": [[2023]]}
    assert items[0]["author"][0] == {"family": "Zając", "given": "M"}
    assert json.loads(items[0]["note"].removeprefix("zhdoc: "))["occurrences"] == []
    ris = to_string(write_ris, works)
    assert ris.splitlines()[0] == "TY  - JOUR" and "ER  - " in ris
    assert citation_keys(works) == ["zajac2023quotes", "zajac2023same", "zajac2023samea"]


REFERENCE_LIST = """参考文献
[1] Vaswani A, Shazeer N, Parmar N, et al. Attention is all you need[C]//Advances in Neural Information Processing Systems. 2017: 5998-6008.
[2] 周志华. 机器学习[M]. 北京: 清华大学出版社, 2016.
[3] OpenAI. GPT-4 Technical Report[R]. 2023.
[4] 国务院. 新一代人工智能发展规划[EB/OL]. (2017-07-20)[2023-10-01]. http://www.gov.cn/zhengce/content/2017-07/20/content_5211996.htm.
[5] 李航. 统计学习方法[M]. 2版. 北京: 清华大学出版社, 2019.
[6] LeCun Y, Bengio Y, Hinton G. Deep learning[J]. Nature, 2015, 521(7553): 436-444. DOI: 10.1038/nature14539.
[7] Vaswani, Ashish, et al. "Attention is all you need." Advances in neural information processing systems 30 (2017).
[8] Brown, T., Mann, B., & Ryder, N. (2020). Language models are few-shot learners. Advances in Neural Information Processing Systems, 33, 1877–1901.
"""


def test_numbered_reference_list_in_several_styles(tmp_path):
    from zhdoc.pipeline import extract

    path = tmp_path / "refs.md"
    path.write_text(REFERENCE_LIST, encoding="utf-8")
    works = {w.title: w for w in extract([str(path)], jobs=1).citations.works()}
    assert len(works) == 7  # [1] and [7] are one work
    attention = works["Attention is all you need"]
    assert (attention.authors[0], attention.year, attention.pages, len(attention.occurrences)) == (
        ("Vaswani", "A"),
        2017,
        "5998-6008",
        2,
    )
    book = works["机器学习"]
    assert (book.authors, book.year, book.container, book.place, book.publisher, book.type_marker) == (
        [("周志华", "")],
        2016,
        "",
        "北京",
        "清华大学出版社",
        "M",
    )
    assert (works["统计学习方法"].place, works["统计学习方法"].publisher) == (
        "北京",
        "清华大学出版社",
    )  # not the edition
    online = works["新一代人工智能发展规划"]
    assert (online.year, online.type_marker, online.scholarly) == (2017, "EB/OL", False)  # not the access date
    nature = works["Deep learning"]
    assert (nature.container, nature.volume, nature.issue, nature.pages, nature.doi) == (
        "Nature",
        "521",
        "7553",
        "436-444",
        "10.1038/nature14539",
    )
    apa = works["Language models are few-shot learners"]
    assert (apa.authors[0], apa.year, apa.container, apa.volume, apa.pages, apa.style) == (
        ("Brown", "T."),
        2020,
        "Advances in Neural Information Processing Systems",
        "33",
        "1877-1901",
        "apa",
    )
    assert works["GPT-4 Technical Report"].authors == [("OpenAI", "")]


def test_chinese_author_year_and_a_paper_named_after_a_cue():
    cited = list(mine_line("Leviathan 等人（2023）和 Chen 等人（2023）分别独立提出了这一方法。", False))
    assert [(c.authors[0][0], c.year, c.style) for c in cited] == [
        ("Leviathan", 2023, "author-year"),
        ("Chen", 2023, "author-year"),
    ]
    [paper] = list(mine_line("详见论文 Fast Inference from Transformers via Speculative Decoding。", False))
    assert (paper.title, paper.style) == ("Fast Inference from Transformers via Speculative Decoding", "title")
