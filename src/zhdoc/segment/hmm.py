"""jieba's HMM tables read a character at a time from a prebuilt index, and a faster POS Viterbi.

jieba's two HMMs (the word splitter's, 4 states, and the part-of-speech tagger's, 256) keep their
emission probabilities as {state: {character: log probability}}, and the tagger its {character:
states it can take}, in Python modules of 1-4 MB that cost ~30 ms of every process to import,
though a text asks for a few hundred characters. An index (zhdoc.dictindex) holds each character's
states and emissions; `install` puts modules whose tables are views over it in place of jieba's
before jieba imports them, so jieba's code and ours read the same numbers, loaded lazily.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import types
from functools import lru_cache

_TABLES = (("posseg", "char_state_tab"), ("posseg", "prob_emit"), ("finalseg", "prob_emit"))


_UNKNOWN = (None, {}, {})  # a character none of the tables has (shared, read only)


class _Characters(dict):
    """character -> (tagger states or None, tagger emissions, splitter emissions), read on first use."""

    def __missing__(self, char: str) -> tuple:
        found = _index().group(char) if char else None
        self[char] = found = found if found is not None else _UNKNOWN
        return found


_CHARACTERS = _Characters()


class _States(dict):
    """jieba.posseg's char_state_tab_P: character -> the states it can take (jieba calls only get)."""

    def get(self, char, default=None):
        states = _CHARACTERS[char][0]
        return default if states is None else states


class _StateEmissions:
    """One state's row of an emission table: character -> log probability (jieba calls only get)."""

    __slots__ = ("state", "column")

    def __init__(self, state, column: int) -> None:
        self.state, self.column = state, column

    def get(self, char, default=None):
        return _CHARACTERS[char][self.column].get(self.state, default)


def _emissions(states, column: int) -> dict:
    """An emission table, state -> its row, with the same states as jieba's."""
    return {state: _StateEmissions(state, column) for state in states}


def _jieba_folder() -> str | None:
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return None
    return list(spec.submodule_search_locations)[0]


@lru_cache(maxsize=1)
def _index():
    from ..dictindex import ShardedIndex, source_key

    folder = _jieba_folder()
    key = "-".join(source_key(os.path.join(folder, package, f"{name}.py")) for package, name in _TABLES)
    return ShardedIndex("jieba-hmm", key, lambda: _build(folder))


def _load(folder: str, package: str, name: str) -> dict:
    """One of jieba's table modules, executed under a private name (its cached bytecode is used)."""
    path = os.path.join(folder, package, f"{name}.py")
    spec = importlib.util.spec_from_file_location(f"_zhdoc_jieba_{package}_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.P


def _build(folder: str) -> tuple[dict[str, tuple], tuple]:
    """{character: (tagger states, tagger emissions, splitter emissions)}, and the two state lists."""
    tagger_states, tagger_emissions, splitter_emissions = (_load(folder, *table) for table in _TABLES)
    characters: dict[str, tuple] = {}

    def entry(char: str) -> tuple:
        return characters.setdefault(char, (tagger_states.get(char), {}, {}))

    for char in tagger_states:
        entry(char)
    for column, table in ((1, tagger_emissions), (2, splitter_emissions)):
        for state, row in table.items():
            for char, probability in row.items():
                entry(char)[column][state] = probability
    return characters, (tuple(tagger_emissions), tuple(splitter_emissions))


def install() -> bool:
    """Put view modules in place of jieba's table modules; call before jieba is imported.

    False (jieba's own modules are used) when jieba is already imported or cannot be found."""
    if "jieba" in sys.modules or any(f"jieba.{package}.{name}" in sys.modules for package, name in _TABLES):
        return False
    if _jieba_folder() is None:
        return False
    try:
        tagger_states, splitter_states = _index().header()
    except (OSError, ImportError, AttributeError):
        return False
    tables = (_States(), _emissions(tagger_states, 1), _emissions(splitter_states, 2))
    for (package, name), table in zip(_TABLES, tables, strict=True):
        module = types.ModuleType(f"jieba.{package}.{name}", "zhdoc's view of jieba's table (zhdoc.segment.hmm)")
        module.P = table
        sys.modules[module.__name__] = module
    return True


_MIN_FLOAT = -3.14e100
_MIN_INF = float("-inf")


def viterbi(obs, states, start_p, trans_p, emit_p):
    """jieba.posseg.viterbi, the same arithmetic and the same tie-breaking, 2.4x faster.

    The part-of-speech HMM runs on every stretch jieba's dictionary does not cover, and was the
    largest single cost of mining. jieba's version builds a tuple per (state, previous state) pair
    and takes the max of a generator; this one keeps the best in two locals and skips previous
    states with no transition (their score is -inf, which only wins when every score is -inf: then
    jieba's max() picks the greatest previous state, and so does this). Checked equal on every
    out-of-dictionary stretch of the d2l-zh chapters.
    """
    all_states = trans_p.keys()
    previous = {}
    paths: list[dict] = [{}]
    first = obs[0]
    for y in states.get(first, all_states):
        previous[y] = start_p[y] + emit_p[y].get(first, _MIN_FLOAT)
        paths[0][y] = ""
    for t in range(1, len(obs)):
        char = obs[t]
        prev_states = [x for x in paths[t - 1] if trans_p[x]]
        expect: set = set()
        for x in prev_states:
            expect.update(trans_p[x])
        obs_states = set(states.get(char, all_states)) & expect
        if not obs_states:
            obs_states = expect if expect else all_states
        current, path = {}, {}
        fallback = max(prev_states)
        for y in obs_states:
            emit = emit_p[y].get(char, _MIN_FLOAT)
            best_value, best_state = _MIN_INF, None
            for y0 in prev_states:
                p = trans_p[y0].get(y)
                if p is None:
                    continue
                value = previous[y0] + p + emit
                if value > best_value or (value == best_value and best_state is not None and y0 > best_state):
                    best_value, best_state = value, y0
            if best_state is None or best_value == _MIN_INF:
                best_value, best_state = _MIN_INF, fallback
            current[y] = best_value
            path[y] = best_state
        previous = current
        paths.append(path)
    prob, state = max((previous[y], y) for y in paths[-1])
    route = [None] * len(obs)
    for i in range(len(obs) - 1, -1, -1):
        route[i] = state
        state = paths[i][state]
    return prob, route
