"""One writer per output format. Writers take a text stream; `atomic_output` gives a file that
appears only when complete, so a failed run never leaves half a glossary behind."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import tempfile
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING

from .glossary import Entry, Glossary
from .models import Citation, Segment

if TYPE_CHECKING:
    from .pipeline import CorpusResult
    from .review import Concept

GLOSSARY_FORMATS = ("table", "csv", "tsv", "json", "jsonl", "md", "tbx", "tbx3", "cat-csv", "cat-tsv", "xlsx")
CITATION_FORMATS = ("table", "csv", "csl-json", "bibtex", "ris", "jsonl")
SCHEMA_VERSION = 1
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class OutputError(Exception):
    """The output path cannot be written; str() is the one-line user message."""


@contextlib.contextmanager
def atomic_output(path: str | None, *, bom: bool = False) -> Iterator[IO[str]]:
    """Yield a text stream for `path` (stdout for None or '-'); the file is renamed into place
    only after the writer finished, and removed on any error.

    Otherwise it behaves as a shell redirection: a new file gets 0666 less the umask, a replaced
    file keeps its mode (and owner, where allowed), a symlink is written through (its target is
    replaced, in the target's folder, so the rename stays atomic), and a device or FIFO
    (`-o /dev/null`) is written in place, as there is nothing to rename onto."""
    import stat
    import sys

    if path in (None, "-"):
        if bom:
            sys.stdout.write("\ufeff")
        yield sys.stdout
        sys.stdout.flush()
        return
    target = os.path.realpath(path)
    folder = os.path.dirname(target)
    if not os.path.isdir(folder):
        raise OutputError(f"{path}: cannot write output: folder {folder} does not exist")
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputError(f"{path}: cannot write output: {exc.strerror or exc}") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{path}: cannot write output: is a folder")
    if info is not None and not stat.S_ISREG(info.st_mode):
        try:
            stream = open(target, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise OutputError(f"{path}: cannot write output: {exc.strerror or exc}") from None
        with stream:
            if bom:
                stream.write("\ufeff")
            yield stream
        return
    if info is not None and not os.access(target, os.W_OK):
        raise OutputError(f"{path}: cannot write output: permission denied")
    mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
    try:
        handle, temporary = tempfile.mkstemp(prefix=".zhdoc-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write output: {exc.strerror or exc}") from None
    try:
        os.fchmod(handle, mode)
        if info is not None and (info.st_uid, info.st_gid) != (os.geteuid(), os.getegid()):
            with contextlib.suppress(OSError):
                os.fchown(handle, info.st_uid, info.st_gid)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            if bom:
                stream.write("\ufeff")
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise OutputError(f"{path}: cannot write output: {exc.strerror or exc}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    """The process umask (read from /proc where it can be, since setting it to read it is not thread-safe)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def safe_cell(value: object, raw: bool = False) -> str:
    """Neutralize spreadsheet formulas: a cell starting with = + - @ tab or CR gets a leading '."""
    text = "" if value is None else str(value)
    if not raw and text.startswith(_FORMULA_START):
        return "'" + text
    return text


# --------------------------------------------------------------------------- glossary

GLOSSARY_COLUMNS = (
    "english",
    "chinese",
    "kind",
    "glossed",
    "uses",
    "documents",
    "first_seen",
    "original",
    "regions",
    "term",
    "related",
    "suspect",
)


DOCUMENTS_CELL_LIMIT = 2000


def documents_cell(documents: list[str], limit: int = DOCUMENTS_CELL_LIMIT) -> str:
    """The documents as one cell, cut with a count past `limit` characters: a spreadsheet cell holds
    32,767 characters, and a term used in 500 files would overflow it. JSON keeps the whole list."""
    cell = "; ".join(documents)
    if len(cell) <= limit:
        return cell
    kept: list[str] = []
    size = 0
    for document in documents:
        if size + len(document) + 2 > limit - 40:
            break
        kept.append(document)
        size += len(document) + 2
    return "; ".join(kept) + f"; … and {len(documents) - len(kept)} more (of {len(documents)})"


def glossary_rows(glossary: Glossary, per_form: bool = True) -> list[dict[str, object]]:
    """Rows for CSV/TSV: one per (English form, Chinese rendering) the text glosses — LLM and LLMs
    are separate rows of the same `term` — entries by total use, renderings ranked by use.
    With per_form=False, one row per (term, rendering), for the table and Markdown views.
    A glossary read from a termbase may carry its rows as stored there (derived.py)."""
    if per_form and glossary.known_rows is not None:
        return glossary.known_rows
    related = glossary.related()
    rows = []
    for entry in glossary.sorted_entries():
        links = "; ".join(glossary.entries[k].english for k in related.get(entry.key, []))
        suspects = entry.suspects()
        for rendering in entry.ranked():
            originals = "; ".join(sorted(o for o in rendering.originals if o != rendering.chinese))
            groups: dict[str, list] = {}
            for evidence in rendering.evidence:
                groups.setdefault(evidence.english if per_form else entry.english, []).append(evidence)
            order = sorted(groups, key=lambda form: (form != entry.english, -len(groups[form]), form))
            for form in order:
                first = min(groups[form])
                rows.append(
                    {
                        "english": form,
                        "chinese": rendering.chinese,
                        "kind": entry.kind,
                        "glossed": len(groups[form]),
                        "uses": rendering.use_count,
                        "documents": documents_cell(rendering.documents),
                        "first_seen": f"{first.doc}:{first.line}",
                        "original": originals,
                        "regions": "; ".join(sorted(rendering.regions)),
                        "term": entry.english,
                        "related": links,
                        "suspect": "; ".join(suspects.get(rendering.chinese, ())),
                    }
                )
    return rows


def write_delimited(
    rows: list[dict[str, object]], columns: tuple[str, ...], stream: IO[str], delimiter: str = ",", raw: bool = False
) -> None:
    writer = csv.writer(stream, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(row.get(column, ""), raw) for column in columns])


def entry_json(entry: Entry, related: dict[str, list[str]], glossary: Glossary) -> dict:
    suspects = entry.suspects()
    return {
        "english": entry.english,
        "key": entry.key,
        "kind": entry.kind,
        "forms": dict(sorted(entry.forms.items())),
        "related": [glossary.entries[k].english for k in related.get(entry.key, [])],
        "renderings": [
            {
                "chinese": r.chinese,
                "glossed": r.glossed,
                "uses": r.use_count,
                "uses_by_document": dict(sorted((d, n) for d, n in r.uses.items() if n)),
                "documents": r.documents,
                "originals": sorted(r.originals),
                "regions": sorted(r.regions),
                "suspect": suspects.get(r.chinese, []),
                "evidence": [
                    {
                        "doc": e.doc,
                        "line": e.line,
                        "english": e.english,
                        "pattern": e.pattern,
                        "original": e.original,
                        "context": e.context,
                    }
                    for e in sorted(r.evidence)
                ],
            }
            for r in entry.ranked()
        ],
    }


def result_json(result: CorpusResult) -> dict:
    glossary = result.glossary
    related = glossary.related()
    return {
        "zhdoc_schema": SCHEMA_VERSION,
        "documents": [
            {
                "path": d.path,
                "sha256": d.sha256,
                "encoding": d.encoding,
                "language": d.language,
                "script": d.script,
                "region": d.region,
                "pairs": d.pair_count,
                "citations": d.citation_count,
            }
            for d in result.documents
        ],
        "glossary": [entry_json(e, related, glossary) for e in glossary.sorted_entries()],
        "segments": [segment_json(s) for s in result.segments],
        "citations": [citation_json(c) for c in result.citations.works()],
        "failures": [{"path": f.path, "reason": f.reason} for f in result.failures],
        "skipped": [{"path": f.path, "reason": f.reason} for f in result.skipped],
    }


def segment_json(segment: Segment) -> dict:
    return {"english": segment.english, "chinese": segment.chinese, "doc": segment.doc, "line": segment.line}


def write_glossary(
    result: CorpusResult,
    fmt: str,
    stream: IO[str],
    raw: bool = False,
    decisions: dict | None = None,
    wide: bool = False,
) -> None:
    """`decisions` (review statuses, english key -> rendering -> Decision) feed the TBX and CAT formats."""
    if fmt in ("cat-csv", "cat-tsv", "xlsx"):
        write_cat(_concepts(result.glossary, decisions), fmt, stream, raw)
    elif fmt == "csv":
        rows = glossary_rows(result.glossary)
        stored = getattr(rows, "csv", None)  # the CSV a termbase stored with its rows (derived.Rows)
        if stored is not None and not raw:
            stream.write(stored)
        else:
            write_delimited(rows, GLOSSARY_COLUMNS, stream, ",", raw)
    elif fmt == "tsv":
        write_delimited(glossary_rows(result.glossary), GLOSSARY_COLUMNS, stream, "\t", raw)
    elif fmt == "json":
        json.dump(result_json(result), stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    elif fmt == "jsonl":
        related = result.glossary.related()
        for entry in result.glossary.sorted_entries():
            stream.write(json.dumps(entry_json(entry, related, result.glossary), ensure_ascii=False) + "\n")
    elif fmt == "md":
        write_markdown(glossary_rows(result.glossary, per_form=False), stream)
    elif fmt == "table":
        write_table(glossary_rows(result.glossary, per_form=False), stream, wide)
    elif fmt in ("tbx", "tbx3"):
        write_tbx(result.glossary, stream, decisions, 3 if fmt == "tbx3" else 2)
    else:
        raise ValueError(f"unknown format {fmt!r}")


_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value: object) -> str:
    """XML 1.0 cannot carry most control characters, even escaped: they are dropped."""
    return _XML_FORBIDDEN.sub("", str(value))


def write_tbx(
    glossary: Glossary | list[Concept], stream: IO[str], decisions: dict | None = None, version: int = 2
) -> None:
    """TBX-Basic, the termbase exchange format of translation tools (memoQ, Trados MultiTerm, Phrase,
    OmegaT, translate-toolkit): version 2 (`martif`, what most importers read) or 3 (ISO 30042:2019,
    `tbx`/`conceptEntry`). One entry per concept; its English forms (acronym or full form), one term
    per Chinese rendering under zh-Hans as simplified text writes it and under zh-Hant as traditional
    text writes it (never a conversion neither region writes), the review status as
    administrativeStatus (none while unreviewed), acronym <-> full form as crossReference links.
    Written with ElementTree, which escapes."""
    import xml.etree.ElementTree as ET

    concepts = _concepts(glossary, decisions)
    v3 = version == 3
    names = (
        ("tbx", "tbxHeader", "conceptEntry", "langSec", "termSec")
        if v3
        else ("martif", "martifHeader", "termEntry", "langSet", "tig")
    )
    root_name, header_name, entry_name, language_name, term_name = names
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    attributes = {"type": "TBX-Basic", lang: "en"}
    if v3:
        attributes = {"xmlns": "urn:iso:std:iso:30042:ed-2", "type": "TBX-Basic", "style": "dca", lang: "en"}
    root = ET.Element(root_name, attributes)
    header = ET.SubElement(ET.SubElement(ET.SubElement(root, header_name), "fileDesc"), "sourceDesc")
    ET.SubElement(header, "p").text = "Bilingual glossary mined by zhdoc"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    ids = {concept.key: f"c{number}" for number, concept in enumerate(concepts, start=1)}
    english_of = {concept.key: concept.english for concept in concepts}
    for concept in concepts:
        entry = ET.SubElement(body, entry_name, {"id": ids[concept.key]})
        if concept.definition:
            ET.SubElement(entry, "descrip", {"type": "definition"}).text = _xml_text(concept.definition)
        ET.SubElement(entry, "note").text = _xml_text(f"kind: {concept.kind}")
        if concept.note:
            ET.SubElement(entry, "note").text = _xml_text(concept.note)
        for key in concept.related:
            if key in ids:
                ET.SubElement(entry, "ref", {"type": "crossReference", "target": ids[key]}).text = _xml_text(
                    english_of[key]
                )
        english = ET.SubElement(entry, language_name, {lang: "en"})
        for form in concept.forms:
            holder = ET.SubElement(english, term_name)
            ET.SubElement(holder, "term").text = _xml_text(form)
            ET.SubElement(holder, "termNote", {"type": "termType"}).text = _term_type(concept, form)
            if concept.part_of_speech:
                ET.SubElement(holder, "termNote", {"type": "partOfSpeech"}).text = concept.part_of_speech
        for code, forms_of in (
            ("zh-Hans", lambda t: [t.chinese] if t.simplified else []),
            ("zh-Hant", lambda t: t.traditional),
        ):
            written = [(term, form) for term in concept.terms for form in forms_of(term)]
            if not written:
                continue
            section = ET.SubElement(entry, language_name, {lang: code})
            for term, form in written:
                holder = ET.SubElement(section, term_name)
                ET.SubElement(holder, "term").text = _xml_text(form)
                if term.reviewed:
                    ET.SubElement(holder, "termNote", {"type": "administrativeStatus"}).text = TBX_STATUS[term.status]
                if concept.part_of_speech:
                    ET.SubElement(holder, "termNote", {"type": "partOfSpeech"}).text = concept.part_of_speech
                if term.context:
                    ET.SubElement(holder, "descrip", {"type": "context"}).text = _xml_text(term.context)
                if term.source:
                    ET.SubElement(holder, "admin", {"type": "source"}).text = _xml_text(term.source)
                ET.SubElement(holder, "note").text = _xml_text(
                    f"{term.status}; glossed {term.glossed}, used {term.uses}, documents {len(term.documents)}"
                )
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    if not v3:
        stream.write('<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")


TBX_STATUS = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
}


def _term_type(concept: Concept, form: str) -> str:
    from .terms import is_acronym

    return "acronym" if concept.kind == "acronym" or is_acronym(form) else "fullForm"


def _concepts(glossary: Glossary | list[Concept], decisions: dict | None) -> list[Concept]:
    from .review import build_concepts

    return glossary if isinstance(glossary, list) else build_concepts(glossary, decisions)


# --------------------------------------------------------------------------- CAT glossaries

# no column may be named source, target, id or context: translate-toolkit would take the header as its own
CAT_COLUMNS = ("en", "zh-CN", "zh-TW", "status", "part_of_speech", "definition", "example", "note", "documents")
DOCUMENTS_SHOWN = 3


def cat_rows(concepts: list[Concept]) -> list[dict[str, object]]:
    """One row per concept, as glossary importers (memoQ, Trados via Glossary Converter, Phrase,
    Smartcat, OmegaT) expect: language-code columns holding the rendering to use (preferred first:
    the preferred one, else the most used not deprecated), its traditional form as written, its
    status; the other renderings and their statuses in `note`; `documents` is a count and the
    first few names, so no cell nears a spreadsheet's 32,767-character limit."""
    rows = []
    for concept in concepts:
        if not concept.terms:
            continue
        usable = [t for t in concept.terms if t.status != "deprecated"] or concept.terms
        simplified = next((t for t in usable if t.simplified), None)
        traditional = next((t for t in usable if t.traditional), None)
        main = simplified or traditional or usable[0]
        shown = {id(main)} | ({id(traditional)} if traditional is main else set())
        others = [f"{t.chinese} ({t.status})" for t in concept.terms if id(t) not in shown]
        note = "; ".join(x for x in (concept.note, f"other renderings: {', '.join(others)}" if others else "") if x)
        documents = sorted({d for t in concept.terms for d in t.documents})
        names = [os.path.basename(d) for d in documents[:DOCUMENTS_SHOWN]]
        rows.append(
            {
                "en": concept.english,
                "zh-CN": simplified.chinese if simplified else "",
                "zh-TW": traditional.traditional[0] if traditional else "",
                "status": main.status,
                "part_of_speech": concept.part_of_speech,
                "definition": concept.definition,
                "example": main.context[:300],
                "note": note,
                "documents": (
                    f"{len(documents)}: {', '.join(names)}{', …' if len(documents) > DOCUMENTS_SHOWN else ''}"
                    if documents
                    else "0"
                ),
            }
        )
    return rows


def write_cat(concepts: list[Concept], fmt: str, stream: IO[str], raw: bool = False) -> None:
    """cat-csv, cat-tsv (UTF-8 text) or xlsx (a workbook, written to the stream's byte buffer)."""
    rows = cat_rows(concepts)
    if fmt == "cat-csv":
        write_delimited(rows, CAT_COLUMNS, stream, ",", raw)
    elif fmt == "cat-tsv":
        write_delimited(rows, CAT_COLUMNS, stream, "\t", raw)
    elif fmt == "xlsx":
        write_xlsx(rows, CAT_COLUMNS, stream)
    else:
        raise ValueError(f"unknown format {fmt!r}")


def write_xlsx(rows: list[dict[str, object]], columns: tuple[str, ...], stream: IO[str]) -> None:
    """An Excel workbook (openpyxl): header row bold and frozen, every cell a string (a term that
    starts with = is text, not a formula)."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "glossary"
    sheet.append(list(columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_xml_text(row.get(column, "")) for column in columns])
        for cell in sheet[sheet.max_row]:
            cell.data_type = TYPE_STRING
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHI", (28, 18, 18, 12, 14, 30, 40, 40, 30), strict=False):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    stream.flush()
    stream.buffer.write(buffer.getvalue())
    stream.buffer.flush()


def _md_cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def write_markdown(rows: list[dict[str, object]], stream: IO[str]) -> None:
    columns = ("english", "chinese", "kind", "glossed", "uses", "documents")
    stream.write("| " + " | ".join(columns) + " |\n")
    stream.write("|" + "|".join("---" for _ in columns) + "|\n")
    for row in rows:
        stream.write("| " + " | ".join(_md_cell(row[c]) for c in columns) + " |\n")


def write_table(rows: list[dict[str, object]], stream: IO[str], wide: bool = False) -> None:
    """The terminal view: one line per rendering with its document count (`wide`: the document
    names, which on a large corpus turn each row into a page)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    for column, justify in (
        ("english", "left"),
        ("chinese", "left"),
        ("kind", "left"),
        ("glossed", "right"),
        ("uses", "right"),
        ("documents", "left" if wide else "right"),
    ):
        table.add_column(column, justify=justify, overflow="fold")
    previous = None
    for row in rows:
        english = "" if row["english"] == previous else str(row["english"])
        previous = row["english"]
        names = [os.path.basename(d) for d in str(row["documents"]).split("; ") if d]
        docs = "; ".join(names) if wide else str(len(names))
        table.add_row(english, str(row["chinese"]), str(row["kind"]), str(row["glossed"]), str(row["uses"]), docs)
    Console(file=stream, soft_wrap=False).print(table)


# --------------------------------------------------------------------------- citations

CITATION_COLUMNS = (
    "title",
    "authors",
    "year",
    "container",
    "volume",
    "issue",
    "pages",
    "arxiv",
    "doi",
    "url",
    "style",
    "scholarly",
    "occurrences",
    "documents",
)


def authors_text(citation: Citation) -> str:
    return "; ".join(f"{family}, {given}" if given else family for family, given in citation.authors)


def citation_row(citation: Citation) -> dict[str, object]:
    return {
        "title": citation.title,
        "authors": authors_text(citation),
        "year": citation.year or "",
        "container": citation.container,
        "volume": citation.volume,
        "issue": citation.issue,
        "pages": citation.pages,
        "arxiv": citation.arxiv,
        "doi": citation.doi,
        "url": citation.url,
        "style": citation.style,
        "scholarly": "yes" if citation.scholarly else "no",
        "occurrences": len(citation.occurrences),
        "documents": "; ".join(sorted({o.doc for o in citation.occurrences})),
    }


def citation_json(citation: Citation) -> dict:
    return {
        **{k: v for k, v in citation_row(citation).items() if k not in ("authors", "documents")},
        "year": citation.year,
        "scholarly": citation.scholarly,
        "authors": [{"family": f, "given": g} for f, g in citation.authors],
        "et_al": citation.et_al,
        "publisher": citation.publisher,
        "place": citation.place,
        "number": citation.number,
        "type": csl_type(citation),
        "occurrences": [{"doc": o.doc, "line": o.line, "raw": o.raw} for o in citation.occurrences],
    }


_CONFERENCE = re.compile(
    r"conference|proceedings|workshop|symposium|advances in neural information|neurips|\bnips\b|\bicml\b|\biclr\b|"
    r"\bcvpr\b|\biccv\b|\beccv\b|\bacl\b|\bemnlp\b|\bnaacl\b|\baaai\b|\bijcai\b|\bkdd\b|会议|论文集",
    re.I,
)


def csl_type(citation: Citation) -> str:
    """The CSL item type. A venue decides before a type code: GB/T lists often mark NeurIPS papers [J],
    and one NeurIPS paper must not be an article-journal while another is a conference paper."""
    if citation.kind and citation.kind not in ("article", "article-journal", "paper-conference"):
        return citation.kind
    if citation.container and _CONFERENCE.search(citation.container):
        return "paper-conference"
    container = citation.container.lower()
    published = bool(container) and "arxiv" not in container and "preprint" not in container
    if (citation.arxiv and not published) or "preprint" in container or citation.kind == "article":
        return "article"  # a preprint; an arXiv id beside a journal is the journal article's e-print
    if citation.type_marker.startswith("C"):
        return "paper-conference"
    if (citation.type_marker in ("J", "J/OL") or citation.volume or citation.kind == "article-journal") and (
        citation.container
    ):
        return "article-journal"
    if citation.publisher and not citation.container and citation.style != "footnote":
        return "book"
    if citation.type_marker == "M":
        return "book"
    if citation.type_marker == "D":
        return "thesis"
    if citation.type_marker == "R":
        return "report"
    if "blog" in citation.container.lower():
        return "post-weblog"
    return "webpage" if citation.url else "document"


def csl_item(citation: Citation, key: str) -> dict:
    """A CSL-JSON item (what pandoc and Zotero read); occurrences go into the `note` field as JSON
    under the key `zhdoc`, the place CSL keeps data it has no variable for."""
    item: dict[str, object] = {"id": key, "type": csl_type(citation)}
    if citation.title:
        item["title"] = citation.title
    if citation.authors:
        item["author"] = [
            {"family": f, "given": g} if g else ({"family": f} if " " not in f else {"literal": f})
            for f, g in citation.authors
        ]
        if citation.et_al:
            item["author"].append({"literal": "others"})  # the source's "et al.": pandoc prints "et al."
    if citation.year:
        item["issued"] = {"date-parts": [[citation.year]]}
    if citation.container:
        item["container-title"] = citation.container
    for name, csl in (
        ("volume", "volume"),
        ("issue", "issue"),
        ("pages", "page"),
        ("doi", "DOI"),
        ("url", "URL"),
        ("publisher", "publisher"),
        ("place", "publisher-place"),
        ("number", "number"),
    ):
        if getattr(citation, name):
            item[csl] = getattr(citation, name)
    if citation.arxiv:
        item["number"] = f"arXiv:{citation.arxiv}"
        item.setdefault("URL", f"https://arxiv.org/abs/{citation.arxiv}")
    item["note"] = "zhdoc: " + json.dumps(
        {
            "style": citation.style,
            "scholarly": citation.scholarly,
            "occurrences": [{"doc": o.doc, "line": o.line, "raw": o.raw} for o in citation.occurrences],
        },
        ensure_ascii=False,
    )
    return item


def citation_keys(citations: list[Citation]) -> list[str]:
    """Unique, readable keys: family name + year + first title word (bommasani2021opportunities)."""
    keys, used = [], set()
    for citation in citations:
        family = citation.authors[0][0] if citation.authors else ""
        family = re.sub(r"[^a-z]", "", _ascii(family).lower()) or "anon"
        words = [
            w for w in re.findall(r"[a-z]+", _ascii(citation.title).lower()) if w not in ("a", "an", "the", "on", "of")
        ]
        base = f"{family}{citation.year or ''}{words[0] if words else ''}" or "ref"
        key, suffix = base, 1
        while key in used:
            suffix += 1
            key = f"{base}{chr(ord('a') + suffix - 2) if suffix <= 27 else suffix}"
        used.add(key)
        keys.append(key)
    return keys


def _ascii(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def write_bibtex(citations: list[Citation], stream: IO[str]) -> None:
    """BibTeX written by bibtexparser; text fields LaTeX-escaped by pylatexenc (its own encoder),
    identifiers (URL, DOI, eprint) left as they are. Chinese stays UTF-8, which biber reads."""
    import bibtexparser
    from bibtexparser.model import Entry as BibEntry
    from bibtexparser.model import Field
    from pylatexenc.latexencode import UnicodeToLatexEncoder

    encoder = UnicodeToLatexEncoder(unknown_char_policy="keep", unknown_char_warning=False)

    def text(value: str) -> str:
        return encoder.unicode_to_latex(value)

    library = bibtexparser.Library()
    for citation, key in zip(citations, citation_keys(citations), strict=True):
        kind = {
            "article-journal": "article",
            "paper-conference": "inproceedings",
            "book": "book",
            "chapter": "incollection",
            "thesis": "phdthesis",
            "report": "techreport",
            "patent": "patent",
        }.get(csl_type(citation), "misc")
        fields = []
        if citation.title:
            fields.append(Field("title", text(citation.title)))
        if citation.authors:
            names = [f"{f}, {g}" if g else (f"{{{f}}}" if " " in f else f) for f, g in citation.authors]
            if citation.et_al:
                names.append("others")  # BibTeX's "et al."
            fields.append(Field("author", text(" and ".join(names))))
        if citation.year:
            fields.append(Field("year", str(citation.year)))
        else:
            fields.append(Field("date", "XXXX"))  # ISO 8601-2 "year unknown": the source gives none
        if citation.container:
            container_field = {"article": "journal", "inproceedings": "booktitle", "incollection": "booktitle"}.get(
                kind, "howpublished"
            )
            if kind == "misc" and citation.arxiv:
                container_field = ""  # an arXiv preprint: eprint and archiveprefix say it
            if container_field:
                fields.append(Field(container_field, text(citation.container)))
        if citation.publisher:
            publisher_field = {"phdthesis": "school", "techreport": "institution"}.get(kind, "publisher")
            fields.append(Field(publisher_field, text(citation.publisher)))
        if citation.place:
            fields.append(Field("address", text(citation.place)))
        if citation.number and kind in ("techreport", "patent", "misc"):
            fields.append(Field("number", text(citation.number)))
        if citation.volume:
            fields.append(Field("volume", text(citation.volume)))
        if citation.issue and not (citation.number and kind in ("techreport", "patent", "misc")):
            fields.append(Field("number", text(citation.issue)))
        if citation.pages:
            fields.append(Field("pages", text(citation.pages.replace("-", "--"))))
        for name in ("doi", "url"):
            if getattr(citation, name):
                fields.append(Field(name, getattr(citation, name)))
        if citation.arxiv:
            fields.extend([Field("eprint", citation.arxiv), Field("eprinttype", "arxiv")])
        occurrences = "; ".join(f"{o.doc}:{o.line}" for o in citation.occurrences)
        if occurrences:
            fields.append(Field("note", text(f"Cited at {occurrences}")))
        library.add(BibEntry(kind, key, fields))
    stream.write(bibtexparser.write_string(library))


def write_ris(citations: list[Citation], stream: IO[str]) -> None:
    """RIS, the tagged format every reference manager imports."""
    types = {
        "article-journal": "JOUR",
        "paper-conference": "CPAPER",
        "article": "JOUR",
        "book": "BOOK",
        "thesis": "THES",
        "report": "RPRT",
        "post-weblog": "BLOG",
        "webpage": "ELEC",
        "document": "GEN",
        "chapter": "CHAP",
        "patent": "PAT",
        "standard": "STAND",
        "map": "MAP",
        "dataset": "DATA",
        "manuscript": "MANSCPT",
        "article-newspaper": "NEWS",
        "software": "COMP",
    }
    for citation in citations:
        lines = [("TY", types.get(csl_type(citation), "GEN"))]
        if citation.title:
            lines.append(("TI", citation.title))
        lines.extend(("AU", f"{f}, {g}" if g else f) for f, g in citation.authors)
        if citation.publisher:
            lines.append(("PB", citation.publisher))
        if citation.place:
            lines.append(("CY", citation.place))
        if citation.year:
            lines.append(("PY", str(citation.year)))
        if citation.container:
            lines.append(("T2", citation.container))
        for tag, name in (("VL", "volume"), ("IS", "issue"), ("DO", "doi"), ("UR", "url")):
            if getattr(citation, name):
                lines.append((tag, getattr(citation, name)))
        if citation.pages:
            first, _, last = citation.pages.partition("-")
            lines.append(("SP", first))
            if last:
                lines.append(("EP", last))
        if citation.arxiv:
            lines.append(("M1", f"arXiv:{citation.arxiv}"))
        lines.extend(("N1", f"cited at {o.doc}:{o.line}") for o in citation.occurrences)
        lines.append(("ER", ""))
        for tag, value in lines:
            stream.write(f"{tag}  - {_one_line(value)}\n")
        stream.write("\n")


def _one_line(text: str) -> str:
    return re.sub(r"[\r\n]+", " ", text)


def bibliographic(citations: list[Citation]) -> list[Citation]:
    """The records a reference manager can take as works: a bare URL with no title is not one
    (pandoc would print "(n.d.a)" for it); it stays in the jsonl, csv and table outputs."""
    return [c for c in citations if c.title]


def write_citations(citations: list[Citation], fmt: str, stream: IO[str], raw: bool = False) -> None:
    if fmt in ("csl-json", "bibtex", "ris"):
        citations = bibliographic(citations)
    if fmt == "csv":
        write_delimited([citation_row(c) for c in citations], CITATION_COLUMNS, stream, ",", raw)
    elif fmt == "csl-json":
        items = [csl_item(c, k) for c, k in zip(citations, citation_keys(citations), strict=False)]
        json.dump(items, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    elif fmt == "bibtex":
        write_bibtex(citations, stream)
    elif fmt == "ris":
        write_ris(citations, stream)
    elif fmt == "jsonl":
        for citation in citations:
            stream.write(json.dumps(citation_json(citation), ensure_ascii=False) + "\n")
    elif fmt == "table":
        from rich.console import Console
        from rich.table import Table

        table = Table(header_style="bold")
        for column in ("title", "first author", "year", "container", "arXiv/DOI", "cited"):
            table.add_column(column, overflow="fold")
        for c in citations:
            table.add_row(
                c.title or c.url,
                c.authors[0][0] if c.authors else "",
                str(c.year or ""),
                c.container,
                c.arxiv or c.doi,
                str(len(c.occurrences)),
            )
        Console(file=stream, soft_wrap=False).print(table)
    else:
        raise ValueError(f"unknown format {fmt!r}")


DOCUMENT_COLUMNS = (
    "path",
    "status",
    "sha256",
    "added",
    "processed",
    "pairs",
    "citations",
    "language",
    "script",
    "region",
    "encoding",
    "size",
)


def write_documents(rows: list[dict[str, object]], fmt: str, stream: IO[str], raw: bool = False) -> None:
    """What a termbase holds (Termbase.listing), one row per document."""
    if fmt in ("csv", "tsv"):
        write_delimited(rows, DOCUMENT_COLUMNS, stream, "," if fmt == "csv" else "\t", raw)
    elif fmt == "json":
        json.dump(rows, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    elif fmt == "jsonl":
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "table":
        from rich.console import Console
        from rich.table import Table

        table = Table(header_style="bold")
        for column in ("path", "status", "sha256", "added", "pairs", "citations", "script/region"):
            table.add_column(column, overflow="fold", justify="right" if column in ("pairs", "citations") else "left")
        for row in rows:
            table.add_row(
                str(row["path"]),
                str(row["status"]),
                str(row["sha256"])[:12],
                str(row["added"])[:16].replace("T", " "),
                str(row["pairs"]),
                str(row["citations"]),
                f"{row['script']}/{row['region']}",
            )
        Console(file=stream, soft_wrap=False).print(table)
    else:
        raise ValueError(f"unknown format {fmt!r}")


def to_string(writer, *args) -> str:
    buffer = io.StringIO()
    writer(*args, buffer)
    return buffer.getvalue()
