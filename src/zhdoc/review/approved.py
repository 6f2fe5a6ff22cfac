"""Reading an approved glossary, so a team can start from the one it has: TBX (TBX-Basic v2
`martif`/`termEntry`/`langSet`/`tig`, or TBX v3 `tbx`/`conceptEntry`/`langSec`/`termSec`), or a
CSV/TSV/XLSX sheet with language-code columns (en, zh-CN, zh-TW, ...) and a status column.

Chinese terms are keyed by their simplified form, as the glossary keys renderings; a traditional
term keeps its surface form in `traditional` (and is its own rendering when no simplified term of
the entry converts to it).
"""

from __future__ import annotations

import csv
import io
import os
import re

from ..terms import fold_key
from .decisions import ADMITTED, DEPRECATED, PREFERRED, UNREVIEWED, Decision

# what glossaries write in their status cells / administrativeStatus, most specific first
_STATUS_WORDS = (
    (DEPRECATED, ("deprecat", "forbidden", "supersed", "obsolete", "rejected", "do not use")),
    (ADMITTED, ("admit", "allowed", "permitted", "acceptable", "synonym")),
    (PREFERRED, ("prefer", "approved", "standardized", "mandatory", "legal", "regulated")),
    (UNREVIEWED, ("unreviewed", "new", "proposed", "pending", "candidate", "draft")),
)
_SPLIT = re.compile(r"\s*(?:;|\|)\s*")


class ApprovedGlossaryError(Exception):
    """An approved glossary that cannot be read; str() is the one-line user message."""


def parse_status(value: str) -> str | None:
    """A status from what a glossary writes (preferredTerm-admn-sts, Preferred, forbidden...);
    None when the text is not a status at all."""
    text = value.strip().lower()
    if not text:
        return UNREVIEWED
    for status, words in _STATUS_WORDS:
        if any(word in text for word in words):
            return status
    return None


def language_of(code: str) -> tuple[str, str] | None:
    """('en', '') for English; ('zh', region) for Chinese where region is mainland, taiwan or hongkong;
    None for other languages. Accepts en, en-US, zh, zh-CN, zh_TW, zh-Hans, zh-Hant-HK, chinese..."""
    text = code.strip().lower().replace("_", "-")
    if text in ("en", "english") or text.startswith("en-"):
        return "en", ""
    if text in ("zh", "chinese", "zh-cn", "zh-sg", "zh-hans", "zh-my") or text.startswith("zh-hans"):
        return "zh", "mainland"
    if text in ("zh-hk", "zh-mo") or text.startswith("zh-hant-hk") or text.startswith("zh-hant-mo"):
        return "zh", "hongkong"
    if text in ("zh-tw", "zh-hant") or text.startswith("zh-hant"):
        return "zh", "taiwan"
    return None


def read_approved(path: str) -> list[Decision]:
    """The decisions an approved glossary holds; raises ApprovedGlossaryError naming the file."""
    if not os.path.isfile(path):
        raise ApprovedGlossaryError(f"{path}: no such file")
    lower = path.lower()
    try:
        if lower.endswith(".xlsx"):
            return _from_rows(path, _xlsx_rows(path))
        with open(path, "rb") as handle:
            data = handle.read()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ApprovedGlossaryError(f"{path}: not UTF-8 text") from None
        if lower.endswith((".tbx", ".xml")) or text.lstrip().startswith("<"):
            return _from_tbx(path, text)
        delimiter = "\t" if lower.endswith(".tsv") or "\t" in text.split("\n", 1)[0] else ","
        return _from_rows(path, list(csv.reader(io.StringIO(text), delimiter=delimiter)))
    except ApprovedGlossaryError:
        raise
    except (OSError, csv.Error) as exc:
        raise ApprovedGlossaryError(f"{path}: {exc}") from None


# ------------------------------------------------------------------ CSV / TSV / XLSX


def _xlsx_rows(path: str) -> list[list[str]]:
    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        raise ApprovedGlossaryError(f"{path}: reading XLSX needs openpyxl") from None
    try:
        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
    except Exception as exc:  # openpyxl raises many kinds for a bad file
        raise ApprovedGlossaryError(f"{path}: not a readable XLSX workbook ({type(exc).__name__})") from None
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def _cell(value: str) -> str:
    value = value.strip()
    # undo the formula neutralization spreadsheets and zhdoc's own CSV writer apply
    if value.startswith("'") and value[1:2] in ("=", "+", "-", "@"):
        return value[1:]
    return value


_FIELD_NAMES = {
    "status": "status",
    "administrativestatus": "status",
    "part_of_speech": "part_of_speech",
    "part of speech": "part_of_speech",
    "partofspeech": "part_of_speech",
    "pos": "part_of_speech",
    "definition": "definition",
    "note": "note",
    "notes": "note",
    "comment": "note",
    "kind": "kind",
}


def _from_rows(path: str, rows: list[list[str]]) -> list[Decision]:
    if not rows:
        raise ApprovedGlossaryError(f"{path}: empty glossary")
    header = [h.strip() for h in rows[0]]
    english_column, chinese_columns, fields = None, [], {}
    for index, name in enumerate(header):
        language = language_of(name)
        if language and language[0] == "en" and english_column is None:
            english_column = index
        elif language and language[0] == "zh":
            chinese_columns.append((index, language[1]))
        elif name.lower() in _FIELD_NAMES:
            fields.setdefault(_FIELD_NAMES[name.lower()], index)
    if english_column is None or not chinese_columns:
        raise ApprovedGlossaryError(
            f"{path}: header needs an English column (en, en-US) and a Chinese one (zh-CN, zh-TW, zh-Hans...); "
            f"found {', '.join(header) or 'nothing'}"
        )
    name = os.path.basename(path)
    decisions: list[Decision] = []
    for number, row in enumerate(rows[1:], start=2):

        def get(index: int | None, row: list[str] = row) -> str:
            return _cell(row[index]) if index is not None and index < len(row) else ""

        english = get(english_column)
        if not english:
            continue
        status = parse_status(get(fields.get("status")))
        if status is None:
            raise ApprovedGlossaryError(f"{path}:{number}: unknown status {get(fields.get('status'))!r}")
        terms = {(region, term) for index, region in chinese_columns for term in _SPLIT.split(get(index)) if term}
        extra = {k: get(fields.get(k)) for k in ("part_of_speech", "definition", "note", "kind")}
        decisions.extend(_chinese_terms(english, [(t, region, status) for region, t in sorted(terms)], extra, name))
    return _merge(decisions)


# ------------------------------------------------------------------ TBX


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _from_tbx(path: str, text: str) -> list[Decision]:
    import xml.etree.ElementTree as ET

    if "<!ENTITY" in text:
        raise ApprovedGlossaryError(f"{path}: TBX with entity declarations is not read (unsafe XML)")
    try:
        root = ET.fromstring(re.sub(r"<!DOCTYPE[^>\[]*>", "", text, count=1))
    except ET.ParseError as exc:
        raise ApprovedGlossaryError(f"{path}: not well-formed XML ({exc})") from None
    if _local(root.tag) not in ("martif", "tbx"):
        raise ApprovedGlossaryError(f"{path}: not a TBX file (root element <{_local(root.tag)}>)")
    name = os.path.basename(path)
    decisions: list[Decision] = []
    for entry in root.iter():
        if _local(entry.tag) not in ("termEntry", "conceptEntry"):
            continue
        extra = {"part_of_speech": "", "definition": "", "note": "", "kind": ""}
        english: list[str] = []
        chinese: list[tuple[str, str, str]] = []
        for child in entry:
            tag = _local(child.tag)
            if tag == "descrip" and child.get("type") == "definition":
                extra["definition"] = (child.text or "").strip()
            elif tag == "note":
                note = (child.text or "").strip()
                if note.startswith("kind: "):
                    extra["kind"] = note[6:]
                elif note:
                    extra["note"] = note
            elif tag in ("langSet", "langSec"):
                language = language_of(child.get(_XML_LANG) or child.get("lang") or "")
                if language is None:
                    continue
                for term_text, status, pos in _tbx_terms(child):
                    if language[0] == "en":
                        english.append(term_text)
                    else:
                        chinese.append((term_text, language[1], status))
                    if pos and not extra["part_of_speech"]:
                        extra["part_of_speech"] = pos
        if english and chinese:
            decisions.extend(_chinese_terms(english[0], chinese, extra, name))
    if not decisions:
        raise ApprovedGlossaryError(f"{path}: no entry with an English and a Chinese term")
    return _merge(decisions)


def _tbx_terms(language_section) -> list[tuple[str, str, str]]:
    """(term, status, part of speech) of each tig/ntig/termSec of a langSet/langSec."""
    found = []
    for holder in language_section:
        if _local(holder.tag) not in ("tig", "ntig", "termSec"):
            continue
        term, status, pos = "", UNREVIEWED, ""
        for node in holder.iter():
            tag, kind = _local(node.tag), node.get("type")
            if tag == "term" and not term:
                term = "".join(node.itertext()).strip()
            elif tag == "termNote" and kind in ("administrativeStatus", "normativeAuthorization"):
                status = parse_status(node.text or "") or UNREVIEWED
            elif tag == "termNote" and kind == "partOfSpeech":
                pos = (node.text or "").strip()
        if term:
            found.append((term, status, pos))
    return found


# ------------------------------------------------------------------ shared


def _chinese_terms(english: str, terms: list[tuple[str, str, str]], extra: dict[str, str], source: str):
    """Decisions for one entry's Chinese terms [(term, region, status)]: simplified ones are keys;
    a traditional one becomes the `traditional` form of the simplified term it converts to, or a
    rendering of its own (simplified=False) when the entry has none."""
    from ..normalize import normalize_text

    key = fold_key(english)
    base = {"kind": extra.get("kind") or "", "part_of_speech": extra.get("part_of_speech", "")}
    base.update(definition=extra.get("definition", ""), note=extra.get("note", ""))
    simplified: dict[str, Decision] = {}
    for term, region, status in terms:
        if region == "mainland":
            simplified.setdefault(term, Decision(key, english, term, status, source=source, **base))
    result = dict(simplified)
    for term, region, status in terms:
        if region == "mainland":
            continue
        converted = normalize_text(term, "traditional", region).strip()
        known = result.get(converted)
        if known is not None:
            if not known.traditional:
                result[converted] = Decision(**{**known.__dict__, "traditional": term})
            continue
        result[converted] = Decision(
            key, english, converted, status, traditional=term, source=source, simplified=False, **base
        )
    return list(result.values())


def _merge(decisions: list[Decision]) -> list[Decision]:
    """One decision per (term, rendering): a later row fills what an earlier one left empty."""
    merged: dict[tuple[str, str], Decision] = {}
    for decision in decisions:
        key = (decision.key, decision.chinese)
        old = merged.get(key)
        if old is None:
            merged[key] = decision
            continue
        values = dict(old.__dict__)
        for name, value in decision.__dict__.items():
            if name == "simplified":
                values[name] = old.simplified or value
            elif name == "status":
                values[name] = value if old.status == UNREVIEWED else old.status
            elif value and not values[name]:
                values[name] = value
        merged[key] = Decision(**values)
    return list(merged.values())
