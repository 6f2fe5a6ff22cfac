"""The glossary: folding, linking, counting uses, and merging in any order."""

from __future__ import annotations

import itertools

from conftest import CORPUS, mine_text

from zhdoc.glossary import Glossary, count_uses
from zhdoc.terms import fold_key


def test_forms_fold_case_plural_and_hyphen():
    assert fold_key("LLMs") == fold_key("LLM") == "llm"
    assert fold_key("Foundation Models") == fold_key("foundation models")
    assert fold_key("chain-of-thought") == fold_key("Chain of thought")
    assert fold_key("Scaling Laws") == "scaling law"


def _glossary(name: str) -> Glossary:
    path = next(CORPUS.glob(f"{name}_*.txt"))
    pairs, _ = mine_text(path.read_text(encoding="utf-8"))
    return Glossary.from_pairs(pairs)


def test_entry_collects_renderings_and_display_form():
    glossary = _glossary("001")
    entry = glossary.lookup("llm")
    assert entry.english == "LLM"  # LLM and LLMs are glossed twice each; ties break alphabetically
    assert {r.chinese: r.glossed for r in entry.renderings.values()} == {"大型语言模型": 3, "语言模型": 1}


def test_acronym_and_long_form_are_linked():
    glossary = _glossary("000")
    related = glossary.related()
    assert related["llm"] == ["large language model"]
    assert related["large language model"] == ["llm"]
    assert related["agi"] == ["artificial general intelligence"]
    assert "cais" in related["center for ai safety"]


def test_merge_is_associative_and_commutative():
    parts = [_glossary(name) for name in ("000", "001", "002", "004")]
    reference = parts[0].merge(parts[1]).merge(parts[2]).merge(parts[3])
    assert parts[0].merge(parts[1].merge(parts[2].merge(parts[3]))) == reference
    for order in itertools.permutations(parts):
        merged = Glossary()
        for part in order:
            merged = merged.merge(part)
        assert merged == reference


def test_uses_count_longest_rendering_first():
    text = "欺骗性奖励破解是一种奖励破解。奖励破解很常见。"
    assert count_uses(text, ["奖励破解", "欺骗性奖励破解"]) == {"欺骗性奖励破解": 1, "奖励破解": 2}


def test_rendering_glossed_once_used_many_times():
    from zhdoc.pipeline import extract

    result = extract([str(CORPUS)], jobs=1)
    entry = result.glossary.lookup("power seeking")
    uses = {r.chinese: (r.glossed, r.use_count) for r in entry.renderings.values()}
    assert uses == {"寻求权力": (1, 3), "权力寻求": (1, 3)}
    scaling = result.glossary.lookup("Scaling Laws")
    # the rendering the author glosses twice outranks one glossed once but used more often
    assert [(r.chinese, r.glossed, r.use_count) for r in scaling.ranked()][:2] == [
        ("规模法则", 2, 2),
        ("缩放定律", 1, 4),
    ]


def test_documents_cell_stays_far_below_a_spreadsheet_cell():
    from zhdoc.export import documents_cell

    documents = [f"articles/chapter-{i:03d}/section.md" for i in range(500)]
    cell = documents_cell(documents)
    assert len(cell) <= 2000
    assert cell.startswith("articles/chapter-000/section.md; articles/chapter-001/section.md; ")
    assert cell.endswith("articles/chapter-058/section.md; … and 441 more (of 500)")
    assert documents_cell(documents[:3]) == "; ".join(documents[:3])
