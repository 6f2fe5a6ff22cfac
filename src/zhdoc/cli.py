"""The command line: option parsing and calls into the library, nothing else.

Heavy modules (jieba, OpenCC, langdetect, and the pipeline that uses them) are imported inside
the commands, so `zhdoc --help` stays fast.
"""

# no `from __future__ import annotations` here: Typer reads the annotations of every command on every
# start, and string annotations cost it an eval (a compile) each, ~4 ms per process

import os
import sys
from enum import Enum

import typer
import typer.core

from . import __version__, cli_values

cli_values.install()  # plain option values without Typer's pydantic adapters: ~0.1 s off every command

# Typer prints an argument's Python type after its name in help (PATH <list[str]>): the metavar says it
typer.core.TyperArgument.display_type_rich = lambda self, ctx: ""  # type: ignore[method-assign]

app = typer.Typer(
    name="zhdoc",
    help=(
        "Bilingual glossaries and citations from Chinese technical writing.\n\n"
        "Examples:\n\n"
        "  zhdoc extract corpus/                          # table in a terminal, CSV in a pipe\n\n"
        "  zhdoc extract corpus/ --format csv > glossary.csv\n\n"
        "  zhdoc citations corpus/ --format bibtex -o refs.bib\n\n"
        "  zhdoc extract corpus/ --db terms.db            # keep a termbase; re-runs are incremental"
    ),
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)


class GlossaryFormat(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"
    md = "md"
    tbx = "tbx"
    tbx3 = "tbx3"
    cat_csv = "cat-csv"
    cat_tsv = "cat-tsv"
    xlsx = "xlsx"


class SortOrder(str, Enum):
    uses = "uses"
    english = "english"
    glossed = "glossed"
    contested = "contested"


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    junit = "junit"


class DocumentsFormat(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"


# the formats an output file's extension stands for, per command (the first when --format is not given);
# a --format the extension does not stand for, or an extension of another command's formats, is an error
GLOSSARY_EXTENSIONS = {
    ".csv": ("csv", "cat-csv"),
    ".tsv": ("tsv", "cat-tsv"),
    ".json": ("json",),
    ".jsonl": ("jsonl",),
    ".md": ("md",),
    ".tbx": ("tbx", "tbx3"),
    ".xlsx": ("xlsx",),
}
CITATION_EXTENSIONS = {
    ".csv": ("csv",),
    ".json": ("csl-json",),
    ".jsonl": ("jsonl",),
    ".bib": ("bibtex",),
    ".ris": ("ris",),
}
DOCUMENTS_EXTENSIONS = {".csv": ("csv",), ".tsv": ("tsv",), ".json": ("json",), ".jsonl": ("jsonl",)}
KNOWN_EXTENSIONS = {*GLOSSARY_EXTENSIONS, *CITATION_EXTENSIONS}


class CitationFormat(str, Enum):
    table = "table"
    csv = "csv"
    csl_json = "csl-json"
    bibtex = "bibtex"
    ris = "ris"
    jsonl = "jsonl"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"zhdoc {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """zhdoc: mine English-Chinese glossaries and paper citations from Chinese articles."""
    _route_library_messages()


def _route_library_messages() -> None:
    """The library's notices (a termbase migrated, a path it could not resolve) as `zhdoc:` lines on stderr."""
    from .notices import set_handler

    set_handler(lambda message, warning: typer.echo(f"zhdoc: {'warning: ' if warning else ''}{message}", err=True))


def _error(message: str) -> None:
    typer.echo(f"zhdoc: error: {message}", err=True)


def _warn(message: str) -> None:
    typer.echo(f"zhdoc: warning: {message}", err=True)


def _default_format(fmt, output: str | None = None, extensions: dict | None = None, what: str = "") -> str:
    """--format if given; else the output file's extension; else a table on a terminal, CSV elsewhere.
    A --format the extension does not stand for, or an extension of another command's formats, is an error."""
    to_file = output not in (None, "-")
    extension = os.path.splitext(output)[1].lower() if to_file else ""
    named = (extensions or {}).get(extension, ())
    if fmt is not None:
        chosen = fmt.value.lower()
        if extension in KNOWN_EXTENSIONS and chosen not in named:
            _error(f"{output}: --format {chosen} does not match the file's extension {extension}; make them agree")
            raise typer.Exit(2)
        return chosen
    if named:
        return named[0]
    if extension in KNOWN_EXTENSIONS:
        formats = ", .".join(e.lstrip(".") for e in (extensions or {}))
        _error(f"{output}: {extension} is not a {what} format; name the file .{formats}")
        raise typer.Exit(2)
    return "csv" if to_file or not sys.stdout.isatty() else "table"


def _check_name(paths: list[str] | None, name: str | None) -> None:
    if name is None:
        return
    if not name.strip() or "\n" in name:
        _error("--name: give a non-empty one-line name")
        raise typer.Exit(2)
    if "-" not in (paths or []):
        _error("--name names the text read from stdin: give - among the PATHs")
        raise typer.Exit(2)


def _progress():
    """A rich progress bar on stderr, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[mb]:.1f} MB"),
        TextColumn("{task.fields[rate]:.2f} MB/s"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )


def _run_extract(
    paths: list[str],
    jobs: int | None,
    db: str | None = None,
    force: bool = False,
    want: tuple[str, ...] = ("segments", "citations"),
    scheduler: str | None = None,
    include: list[str] | None = None,
    exclude: list[str] | None = None,
    name: str | None = None,
    prune: bool = False,
    glossary: bool = True,
):
    """Run the pipeline (into a termbase when `db` is given); returns (result, batch report or None).
    `glossary=False`: with `db`, the glossary is not read back (only the batch report's terms are)."""
    import time

    from .pipeline import Failure, extract, extract_into
    from .store import TermbaseError

    failures: tuple[type[Exception], ...] = (TermbaseError,)
    if scheduler:  # the Dask module only where a cluster is used
        from .distributed import DistributedError

        failures += (DistributedError,)
    globs = {"include": tuple(include or ()), "exclude": tuple(exclude or ())}

    def run(on_document=None):
        try:
            if db:
                return extract_into(
                    paths,
                    db,
                    jobs=jobs,
                    force=force,
                    on_document=on_document,
                    want=want,
                    scheduler=scheduler,
                    name=name,
                    prune=prune,
                    glossary=glossary,
                    **globs,
                )
            return extract(paths, jobs=jobs, on_document=on_document, scheduler=scheduler, name=name, **globs), None
        except failures as exc:
            _error(str(exc))
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            rolled_back = "; the termbase batch was rolled back" if db else ""
            typer.echo(f"zhdoc: interrupted: nothing was written{rolled_back}", err=True)
            raise typer.Exit(130) from None

    progress = _progress()
    if progress is None:
        return run()
    started = time.monotonic()
    state = {"bytes": 0}
    with progress:
        task = progress.add_task("documents", total=_count_sources(paths, **globs), mb=0.0, rate=0.0)

        def tick(outcome) -> None:
            if not isinstance(outcome, Failure):
                state["bytes"] += outcome.size
            elapsed = max(time.monotonic() - started, 1e-6)
            progress.update(task, advance=1, mb=state["bytes"] / 1e6, rate=state["bytes"] / 1e6 / elapsed)

        return run(tick)


def _count_sources(paths: list[str], include=(), exclude=()) -> int | None:
    """How many documents the inputs hold (a directory listing, no reading), for the bar's total."""
    from .ingest import STDIN, find_sources

    found = find_sources(paths, include, exclude)
    return sum(1 for item in found if isinstance(item, str) and item != STDIN) or None


def _load_db(db: str):
    from .pipeline import load_termbase
    from .store import TermbaseError

    try:
        return load_termbase(db)
    except TermbaseError as exc:
        _error(str(exc))
        raise typer.Exit(1) from None


def skip_warnings(skipped) -> list[str]:
    """One warning per skipped file, but one line for a reason shared by several files (the English
    *_origin twins of a translated book, images in a documentation folder)."""
    from .ingest import ORIGIN_TWIN

    by_reason: dict[str, list[str]] = {}
    for failure in skipped:
        by_reason.setdefault(failure.reason, []).append(failure.path)
    lines = []
    for reason, paths in by_reason.items():
        if len(paths) >= 3 or reason == ORIGIN_TWIN:
            example = paths[0] + (", ..." if len(paths) > 1 else "")
            lines.append(f"{len(paths)} file(s) skipped: {reason} ({example})")
        else:
            lines.extend(f"{path}: {reason}" for path in paths)
    return lines


def _report(result, batch=None, batch_to_stdout: bool = False, quiet: bool = False) -> int:
    """Warnings and errors on stderr (the batch report on stdout for `add`); the exit code.
    `quiet`: errors only."""
    for line in [] if quiet else skip_warnings(result.skipped):
        _warn(line)
    for failure in result.failures:
        _error(str(failure))
    if result.failures or result.skipped and not quiet:
        typer.echo(
            f"zhdoc: {len(result.documents)} document(s) read, {len(result.failures)} failed, "
            f"{len(result.skipped)} skipped",
            err=True,
        )
    if batch is not None:
        for line in batch.lines():
            typer.echo(line, err=not batch_to_stdout)
    if not result.documents:
        if not result.failures:
            _error("no Chinese articles among the inputs")
        return 1
    return 1 if result.failures else 0


def _write(path: str | None, bom: bool, writer) -> None:
    from .export import OutputError, atomic_output

    try:
        with atomic_output(path, bom=bom) as stream:
            writer(stream)
    except OutputError as exc:
        _error(str(exc))
        raise typer.Exit(1) from None
    except BrokenPipeError:
        sys.stderr.close()
        raise typer.Exit(1) from None


DEFAULT_FORMAT = "[default: from the -o file's extension; else table on a terminal, csv elsewhere]"
CITATION_FORMAT_HELP = f"table, csv, csl-json, bibtex, ris, jsonl {DEFAULT_FORMAT}."
DOCUMENTS_FORMAT_HELP = f"table, csv, tsv, json, jsonl {DEFAULT_FORMAT}."
OUTPUT_HELP = "Write to FILE (atomically; mode, umask and symlinks as a shell redirection) instead of stdout."
NAME_HELP = "Name of the text read from stdin (-); with --db the same name again replaces it."
PRUNE_HELP = "With --db: remove the documents whose files are gone from the folders named."
INCLUDE_HELP = "In folders, read only files matching this glob (repeatable): --include '*.md'."
EXCLUDE_HELP = "In folders, leave out files matching this glob (repeatable): --exclude 'drafts/*'."
QUIET_HELP = "No warnings about skipped files; errors only."
PATHS_HELP = "Files, folders (recursive: .txt .md .mdx .rst .html .docx .pdf .epub) or - for stdin."
JOBS_HELP = "Worker processes [default: number of cores]."
SCHEDULER_HELP = (
    "Run on a Dask cluster: tcp://HOST:8786 (paths must be readable by its workers), or local:N to start N "
    'local workers. Needs pip install "zhdoc[dask]".'
)
GLOSSARY_FORMAT_HELP = (
    "table, csv, tsv, json, jsonl, md, tbx (TBX-Basic v2), tbx3 (TBX v3), or for translation tools "
    f"cat-csv, cat-tsv, xlsx (language-code columns, one row per concept) {DEFAULT_FORMAT}."
)
EXCEL_HELP = "CSV/TSV: start with a UTF-8 BOM so Excel reads Chinese."
MIN_GLOSSED_HELP = "Only renderings the text glosses at least N times."
KIND_HELP = "Only entries of this kind (term, acronym, person, organization); repeatable."
STATUS_HELP = (
    "With --db: only renderings with this review status (unreviewed, preferred, admitted, deprecated); repeatable."
)
SORT_HELP = "Entry order: uses (default), english, glossed, contested."
DELIMITED = ("csv", "tsv", "cat-csv", "cat-tsv")
REVIEWED_FORMATS = ("tbx", "tbx3", "cat-csv", "cat-tsv", "xlsx")


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., metavar="PATH", help=PATHS_HELP),
    fmt: GlossaryFormat | None = typer.Option(
        None, "--format", "-f", case_sensitive=False, metavar="FORMAT", help=GLOSSARY_FORMAT_HELP
    ),
    output: str | None = typer.Option(None, "--output", "-o", metavar="FILE", help=OUTPUT_HELP),
    excel: bool = typer.Option(False, "--excel", help=EXCEL_HELP),
    raw: bool = typer.Option(False, "--raw", help="CSV/TSV: do not neutralize cells that start with = + - @."),
    jobs: int | None = typer.Option(None, "--jobs", "-j", min=1, metavar="N", help=JOBS_HELP),
    db: str | None = typer.Option(
        None, "--db", metavar="FILE", help="Keep results in this SQLite termbase; re-runs are incremental."
    ),
    force: bool = typer.Option(False, "--force", help="With --db: process unchanged documents again."),
    name: str | None = typer.Option(None, "--name", metavar="NAME", help=NAME_HELP),
    prune: bool = typer.Option(False, "--prune", help=PRUNE_HELP),
    scheduler: str | None = typer.Option(None, "--scheduler", metavar="ADDRESS", help=SCHEDULER_HELP),
    min_glossed: int = typer.Option(0, "--min-glossed", min=0, metavar="N", help=MIN_GLOSSED_HELP),
    kind: list[str] | None = typer.Option(None, "--kind", metavar="KIND", help=KIND_HELP),
    status: list[str] | None = typer.Option(None, "--status", metavar="STATUS", help=STATUS_HELP),
    sort: SortOrder = typer.Option(SortOrder.uses, "--sort", case_sensitive=False, metavar="ORDER", help=SORT_HELP),
    wide: bool = typer.Option(False, "--wide", help="Table: list every document instead of their number."),
    include: list[str] | None = typer.Option(None, "--include", metavar="GLOB", help=INCLUDE_HELP),
    exclude: list[str] | None = typer.Option(None, "--exclude", metavar="GLOB", help=EXCLUDE_HELP),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=QUIET_HELP),
) -> None:
    """Build the English-Chinese glossary of the given articles.

    Examples:

      zhdoc extract corpus/

      zhdoc extract corpus/ --format csv > glossary.csv

      cat article.md | zhdoc extract - --format json

      zhdoc extract corpus/ --db terms.db     # glossary of the whole termbase; batch report on stderr

      zhdoc extract /shared/crawl/ --scheduler tcp://10.0.0.5:8786   # on a Dask cluster
    """
    if force and not db:
        _error("--force only applies with --db (a termbase to re-process documents into)")
        raise typer.Exit(2)
    if prune and not db:
        _error("--prune removes documents from a termbase: give --db")
        raise typer.Exit(2)
    chosen = _default_format(fmt, output, GLOSSARY_EXTENSIONS, "glossary")
    _check_output_options(chosen, excel, wide, status, db)
    _check_name(paths, name)
    # with --db, what the writers derive from the glossary is computed once per change and stored
    want = (("segments", "citations") if chosen == "json" else ()) + ("export",)
    result, batch = _run_extract(paths, jobs, db, force, want, scheduler, include, exclude, name, prune)
    code = _report(result, batch, quiet=quiet)
    if db:
        _report_reviewed(db, batch, err=True)
    if result.documents:
        _glossary_out(result, db, chosen, output, excel, raw, min_glossed, kind, status, sort.value, wide)
    raise typer.Exit(code)


@app.command()
def citations(
    paths: list[str] | None = typer.Argument(None, metavar="PATH", help="Files, folders or - for stdin."),
    fmt: CitationFormat | None = typer.Option(
        None, "--format", "-f", case_sensitive=False, metavar="FORMAT", help=CITATION_FORMAT_HELP
    ),
    output: str | None = typer.Option(None, "--output", "-o", metavar="FILE", help=OUTPUT_HELP),
    raw: bool = typer.Option(False, "--raw", help="CSV: do not neutralize cells that start with = + - @."),
    jobs: int | None = typer.Option(None, "--jobs", "-j", min=1, metavar="N", help=JOBS_HELP),
    db: str | None = typer.Option(
        None, "--db", metavar="FILE", help="Termbase: store PATHs in it first, or export it alone."
    ),
    name: str | None = typer.Option(None, "--name", metavar="NAME", help=NAME_HELP),
    include: list[str] | None = typer.Option(None, "--include", metavar="GLOB", help=INCLUDE_HELP),
    exclude: list[str] | None = typer.Option(None, "--exclude", metavar="GLOB", help=EXCLUDE_HELP),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=QUIET_HELP),
) -> None:
    """List the works the articles cite, one record per work, deduplicated across documents.

    Examples:

      zhdoc citations corpus/

      zhdoc citations corpus/ --format bibtex -o refs.bib

      zhdoc citations corpus/ --format csl-json > refs.json

      zhdoc citations --db terms.db --format ris
    """
    from .export import write_citations

    if not paths and not db:
        _error("give PATHs to read, or --db to export a termbase")
        raise typer.Exit(2)
    chosen = _default_format(fmt, output, CITATION_EXTENSIONS, "citations")
    _check_name(paths, name)
    if paths:
        result, batch = _run_extract(
            paths, jobs, db, want=("citations",), include=include, exclude=exclude, name=name, glossary=False
        )
        code = _report(result, batch, quiet=quiet)
    else:
        result, code = _load_db(db), 0
    if result.documents:
        works = result.citations.works()
        _write(output, False, lambda s: write_citations(works, chosen, s, raw))
    raise typer.Exit(code)


@app.command()
def add(
    paths: list[str] = typer.Argument(..., metavar="PATH", help="New articles: files, folders or - for stdin."),
    db: str = typer.Option(..., "--db", metavar="FILE", help="The termbase to add them to (created if missing)."),
    force: bool = typer.Option(False, "--force", help="Process documents again even if unchanged."),
    jobs: int | None = typer.Option(None, "--jobs", "-j", min=1, metavar="N", help=JOBS_HELP),
    name: str | None = typer.Option(None, "--name", metavar="NAME", help=NAME_HELP),
    prune: bool = typer.Option(
        False, "--prune", help="Also remove the documents whose files are gone from the folders named."
    ),
    scheduler: str | None = typer.Option(None, "--scheduler", metavar="ADDRESS", help=SCHEDULER_HELP),
    include: list[str] | None = typer.Option(None, "--include", metavar="GLOB", help=INCLUDE_HELP),
    exclude: list[str] | None = typer.Option(None, "--exclude", metavar="GLOB", help=EXCLUDE_HELP),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=QUIET_HELP),
) -> None:
    """Add articles to a termbase and report what the batch brought: new terms, new renderings of
    known terms, and renderings that now compete with an established one. Nothing is removed
    unless --prune is given (or `zhdoc remove` is used).

    Examples:

      zhdoc add new-articles/ --db terms.db

      pandoc report.docx -t plain | zhdoc add - --name report.docx --db terms.db

      zhdoc add articles/ --prune --db terms.db     # also drop the articles deleted from articles/
    """
    _check_name(paths, name)
    result, batch = _run_extract(
        paths,
        jobs,
        db,
        force,
        want=(),
        scheduler=scheduler,
        include=include,
        exclude=exclude,
        name=name,
        prune=prune,
        glossary=False,
    )
    code = _report(result, batch, batch_to_stdout=True, quiet=quiet)
    _report_reviewed(db, batch)
    raise typer.Exit(code)


def _report_reviewed(db: str, batch, err: bool = False) -> None:
    """After a batch: the new renderings of terms the team has reviewed, which need a decision."""
    if batch is not None and batch.new_renderings:
        from .review.decisions import reviewed_renderings_report

        for line in reviewed_renderings_report(_decisions(db), batch.new_renderings):
            typer.echo(line, err=err)


@app.command()
def remove(
    paths: list[str] = typer.Argument(
        ..., metavar="PATH", help="Files or folders (gone or not), or names as `documents` lists them."
    ),
    db: str = typer.Option(..., "--db", metavar="FILE", help="The termbase to remove them from."),
) -> None:
    """Remove documents and everything mined from them from a termbase, one line per document.

    Examples:

      zhdoc remove old/article.txt --db terms.db

      zhdoc remove drafts/ --db terms.db          # every document under drafts/
    """
    from .batch import remove_documents
    from .store import TermbaseError

    try:
        removal = remove_documents(paths, db)
    except TermbaseError as exc:
        _error(str(exc))
        raise typer.Exit(1) from None
    for path in removal.unknown:
        _error(f"{path}: not in the termbase (`zhdoc documents --db {db}` lists what it holds)")
    for key in removal.removed:
        typer.echo(f"removed: {key}")
    typer.echo(f"{len(removal.removed)} document(s) removed, {removal.left} left")
    if removal.lost_terms:
        typer.echo(f"terms no longer in the termbase ({len(removal.lost_terms)}):")
        for name in removal.lost_terms:
            typer.echo(f"  {name}")
    raise typer.Exit(1 if removal.unknown else 0)


@app.command()
def documents(
    db: str = typer.Option(..., "--db", metavar="FILE", help="The termbase to list."),
    fmt: DocumentsFormat | None = typer.Option(
        None, "--format", "-f", case_sensitive=False, metavar="FORMAT", help=DOCUMENTS_FORMAT_HELP
    ),
    output: str | None = typer.Option(None, "--output", "-o", metavar="FILE", help=OUTPUT_HELP),
) -> None:
    """List the documents a termbase holds: path (relative to the termbase's folder when under it),
    status (present, missing, stdin), content hash, when added and processed, pairs, citations,
    language, script and region.

    Examples:

      zhdoc documents --db terms.db

      zhdoc documents --db terms.db --format json
    """
    from .export import write_documents
    from .store import Termbase, TermbaseError

    chosen = _default_format(fmt, output, DOCUMENTS_EXTENSIONS, "documents")
    try:
        with Termbase(db, readonly=True) as base:
            rows = base.listing()
    except TermbaseError as exc:
        _error(str(exc))
        raise typer.Exit(1) from None
    _write(output, False, lambda s: write_documents(rows, chosen, s))


@app.command()
def glossary(
    db: str = typer.Option(..., "--db", metavar="FILE", help="The termbase to export."),
    fmt: GlossaryFormat | None = typer.Option(
        None, "--format", "-f", case_sensitive=False, metavar="FORMAT", help=GLOSSARY_FORMAT_HELP
    ),
    output: str | None = typer.Option(None, "--output", "-o", metavar="FILE", help=OUTPUT_HELP),
    excel: bool = typer.Option(False, "--excel", help=EXCEL_HELP),
    raw: bool = typer.Option(False, "--raw", help="CSV/TSV: do not neutralize cells that start with = + - @."),
    min_glossed: int = typer.Option(0, "--min-glossed", min=0, metavar="N", help=MIN_GLOSSED_HELP),
    kind: list[str] | None = typer.Option(None, "--kind", metavar="KIND", help=KIND_HELP),
    status: list[str] | None = typer.Option(None, "--status", metavar="STATUS", help=STATUS_HELP),
    sort: SortOrder = typer.Option(SortOrder.uses, "--sort", case_sensitive=False, metavar="ORDER", help=SORT_HELP),
    wide: bool = typer.Option(False, "--wide", help="Table: list every document instead of their number."),
) -> None:
    """Export the glossary of a termbase, in the same formats and columns as extract; the TBX and
    CAT formats (cat-csv, cat-tsv, xlsx) carry the review statuses.

    Examples:

      zhdoc glossary --db terms.db --format csv > glossary.csv

      zhdoc glossary --db terms.db --format cat-csv --status preferred --status admitted -o approved.csv

      zhdoc glossary --db terms.db --format tbx -o terms.tbx
    """
    chosen = _default_format(fmt, output, GLOSSARY_EXTENSIONS, "glossary")
    _check_output_options(chosen, excel, wide, status, db)
    result = _load_db(db)
    _glossary_out(result, db, chosen, output, excel, raw, min_glossed, kind, status, sort.value, wide)


def _check_output_options(fmt: str, excel: bool, wide: bool, status, db) -> None:
    """Options that do not apply to the chosen format are errors, not silently ignored."""
    if excel and fmt not in DELIMITED:
        _error(f"--excel applies to csv, tsv, cat-csv and cat-tsv, not to {fmt}")
        raise typer.Exit(2)
    if wide and fmt != "table":
        _error(f"--wide applies to the table format, not to {fmt}")
        raise typer.Exit(2)
    if status and not db:
        _error("--status needs --db: review statuses live in a termbase")
        raise typer.Exit(2)
    for value in status or ():
        from .review import STATUSES  # the review package only when --status is given

        if value.lower() not in STATUSES:
            _error(f"--status {value}: not a status ({', '.join(STATUSES)})")
            raise typer.Exit(2)


def _glossary_out(result, db, fmt, output, excel, raw, min_glossed, kinds, statuses, sort, wide) -> None:
    from .export import write_glossary
    from .models import KINDS
    from .selection import select, select_decisions

    for value in kinds or ():
        if value.lower() not in KINDS:
            _error(f"--kind {value}: not a kind ({', '.join(KINDS)})")
            raise typer.Exit(2)
    # review statuses: only the status filter and the formats that carry them (TBX, CAT) read them
    decisions = _decisions(db) if db and (statuses or fmt in REVIEWED_FORMATS) else {}
    kinds = tuple(k.lower() for k in kinds or ())
    statuses = tuple(s.lower() for s in statuses or ())
    full = result.glossary
    result.glossary = select(full, decisions, min_glossed, kinds, statuses, sort)
    decisions = select_decisions(decisions, full, result.glossary, min_glossed, kinds, statuses)
    if fmt == "xlsx" and output in (None, "-") and sys.stdout.isatty():
        _error("xlsx is a binary workbook: give -o FILE.xlsx or redirect stdout")
        raise typer.Exit(2)
    _write(output, excel, lambda s: write_glossary(result, fmt, s, raw, decisions, wide))


def _decisions(db: str) -> dict:
    """The review decisions of a termbase (none when it was never reviewed)."""
    from .review import Decisions
    from .store import Termbase, TermbaseError

    try:
        with Termbase(db, readonly=True) as base:
            return Decisions(base, writable=False).all()
    except TermbaseError as exc:
        _error(str(exc))
        raise typer.Exit(1) from None


@app.command()
def show(
    term: str = typer.Argument(
        ..., metavar="TERM", help="An English form (any case, singular or plural) or a Chinese rendering."
    ),
    db: str = typer.Option(..., "--db", metavar="FILE", help="The termbase to look in."),
    width: int = typer.Option(12, "--width", min=2, metavar="N", help="Characters of context on each side."),
    limit: int = typer.Option(10, "--limit", min=0, metavar="N", help="Context lines per rendering (0: all)."),
) -> None:
    """Print one glossary entry: every rendering, and a keyword-in-context line for its uses
    (* marks the places where the text glosses it). When TERM is part of other terms, or only
    partly matches, stderr names them.

    Example:

      zhdoc show "scaling laws" --db terms.db --limit 5
    """
    from .lookup import find_entry, hint
    from .pipeline import keyword_in_context
    from .store import Termbase, TermbaseError

    try:
        with Termbase(db, readonly=True) as base:
            entry, others = find_entry(base.glossary(), term)
            lines = keyword_in_context(base, term, width, limit or None, entry) if entry is not None else None
    except TermbaseError as exc:
        _error(str(exc))
        raise typer.Exit(1) from None
    message = hint(term, entry is not None, others)
    if lines is None:
        _error(f"{term}: not in the termbase" + (f" ({message.split('; ', 1)[1]})" if message else ""))
        raise typer.Exit(1)
    if message:
        typer.echo(f"zhdoc: {message}", err=True)
    _write(None, False, lambda s: s.writelines(line + "\n" for line in lines))


def _load_one(path: str):
    from .ingest import IngestError, load_document

    try:
        return load_document(path, check_language=False)
    except IngestError as exc:
        _error(str(exc))
        raise typer.Exit(1) from None


@app.command()
def normalize(path: str = typer.Argument(..., metavar="FILE", help="A file, or - for stdin.")) -> None:
    """Print the text as the miners see it: markup removed, widths folded, traditional to simplified.

    Example:

      zhdoc normalize article.md
    """
    from dataclasses import replace

    from .ingest import detect_script
    from .normalize import normalize_document

    document = _load_one(path)
    script, region = detect_script(document.text)
    normalized = normalize_document(replace(document, script=script, region=region))
    text = normalized.text
    _write(None, False, lambda s: s.write(text if text.endswith("\n") else text + "\n"))


@app.command()
def segment(path: str = typer.Argument(..., metavar="FILE", help="A file, or - for stdin.")) -> None:
    """Print the jieba segmentation, one line per input line, the glossary's Chinese terms kept whole.

    Example:

      zhdoc segment corpus/004_8e49c2069f069655.txt
    """
    from dataclasses import replace

    from .glossary import Glossary, use_matcher
    from .ingest import detect_script
    from .normalize import normalize_document
    from .segment import add_words, segment_line
    from .terms import mine_document

    document = _load_one(path)
    script, region = detect_script(document.text)
    normalized = normalize_document(replace(document, script=script, region=region))
    pairs, _ = mine_document(normalized)
    renderings = Glossary.from_pairs(pairs).renderings()
    add_words(renderings)
    keep = use_matcher(renderings)
    lines = list(normalized.lines)
    if lines and not lines[-1].original:
        lines.pop()  # the text ended with a newline
    _write(None, False, lambda s: s.writelines(segment_line(line.text, keep) + "\n" for line in lines))


# --------------------------------------------------------------------------- terminology workflow


def _open_review(db: str, *, must_exist: bool = True):
    """(Termbase, Decisions) for writing decisions; a one-line error for a bad termbase."""
    import os

    from .review import Decisions
    from .store import Termbase, TermbaseError

    if must_exist and not os.path.exists(db):
        _error(f"{db}: no such termbase")
        raise typer.Exit(1)
    try:
        base = Termbase(db)
        return base, Decisions(base)
    except TermbaseError as exc:
        _error(str(exc))
        raise typer.Exit(1) from None


def _decide(term: str, rendering: str, db: str, status: str) -> None:
    from .review import ReviewError
    from .store import TermbaseError

    base, decisions = _open_review(db)
    try:
        with base:
            changes = decisions.decide(base.glossary(), term, rendering, status)
    except (ReviewError, TermbaseError) as exc:
        _error(str(exc))
        raise typer.Exit(1) from None
    for chinese, old, new in changes:
        typer.echo(f"{chinese}: {old} -> {new}")
    if not changes:
        typer.echo(f"{rendering}: already {status}", err=True)


TERM_ARG = typer.Argument(..., metavar="TERM", help="The English term (any case, singular or plural).")
RENDERING_ARG = typer.Argument(
    ..., metavar="RENDERING", help="One of its Chinese renderings (simplified or traditional)."
)
REVIEW_DB = typer.Option(..., "--db", metavar="FILE", help="The termbase holding the decisions.")


@app.command()
def prefer(term: str = TERM_ARG, rendering: str = RENDERING_ARG, db: str = REVIEW_DB) -> None:
    """Make RENDERING the preferred rendering of TERM; every other rendering of TERM becomes
    deprecated unless it was admitted. Prints each change.

    Example:

      zhdoc prefer "scaling laws" 缩放定律 --db terms.db
    """
    _decide(term, rendering, db, "preferred")


@app.command()
def admit(term: str = TERM_ARG, rendering: str = RENDERING_ARG, db: str = REVIEW_DB) -> None:
    """Mark RENDERING an admitted (acceptable) rendering of TERM.

    Example:

      zhdoc admit "scaling laws" 扩展定律 --db terms.db
    """
    _decide(term, rendering, db, "admitted")


@app.command()
def deprecate(term: str = TERM_ARG, rendering: str = RENDERING_ARG, db: str = REVIEW_DB) -> None:
    """Mark RENDERING a deprecated rendering of TERM: `zhdoc check` reports its uses.

    Example:

      zhdoc deprecate "scaling laws" 标度律 --db terms.db
    """
    _decide(term, rendering, db, "deprecated")


@app.command()
def review(
    db: str = REVIEW_DB,
    limit: int | None = typer.Option(None, "--limit", min=1, metavar="N", help="Stop after N concepts."),
) -> None:
    """Walk the unreviewed concepts, contested and most used first, each with its renderings, their
    shares and first glosses; answer with the number of the rendering to prefer, a N to admit,
    d N to deprecate, s to skip, q to quit. Decisions are saved as they are made.

    Example:

      zhdoc review --db terms.db --limit 20
    """
    from .review import build_concepts
    from .review.session import run

    base, decisions = _open_review(db)

    def ask(prompt: str) -> str | None:
        sys.stderr.write(prompt)
        sys.stderr.flush()
        line = sys.stdin.readline()
        return line if line else None

    with base:
        glossary = base.glossary()
        concepts = build_concepts(glossary, decisions.all())
        try:
            run(decisions, glossary, concepts, ask, sys.stderr, limit)
        except KeyboardInterrupt:
            typer.echo("\nzhdoc: interrupted; the decisions made so far are saved", err=True)
            raise typer.Exit(130) from None


@app.command("import")
def import_glossary(
    path: str = typer.Argument(
        ..., metavar="FILE", help="An approved glossary: .tbx, or .csv/.tsv/.xlsx with language-code columns."
    ),
    db: str = typer.Option(..., "--db", metavar="FILE", help="The termbase to import into (created if missing)."),
) -> None:
    """Import an approved glossary's decisions (TBX, or a sheet with en, zh-CN/zh-TW columns and a
    status column), so a team starts from the glossary it has. Terms the articles never gloss are
    kept too: check and the exports know them.

    Example:

      zhdoc import approved.tbx --db terms.db
    """
    from collections import Counter

    from .review import ApprovedGlossaryError, read_approved
    from .store import TermbaseError

    try:
        decisions = read_approved(path)
    except ApprovedGlossaryError as exc:
        _error(str(exc))
        raise typer.Exit(1) from None
    base, store = _open_review(db, must_exist=False)
    try:
        with base:
            store.save(decisions)
    except TermbaseError as exc:
        _error(str(exc))
        raise typer.Exit(1) from None
    counts = Counter(d.status for d in decisions)
    detail = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    typer.echo(f"imported {len(decisions)} rendering(s) of {len({d.key for d in decisions})} term(s): {detail}")


@app.command()
def check(
    paths: list[str] = typer.Argument(..., metavar="PATH", help="Articles to check: files, folders or -."),
    db: str | None = typer.Option(None, "--db", metavar="FILE", help="Check against this termbase's decisions."),
    glossary_file: str | None = typer.Option(
        None, "--glossary", metavar="FILE", help="Or against an approved glossary (TBX, CSV, TSV, XLSX)."
    ),
    fmt: CheckFormat = typer.Option(
        CheckFormat.text,
        "--format",
        "-f",
        case_sensitive=False,
        metavar="FORMAT",
        help="text (file:line:column lines), json or junit (for CI).",
    ),
    output: str | None = typer.Option(None, "--output", "-o", metavar="FILE", help=OUTPUT_HELP),
) -> None:
    """Terminology QA of articles against the decisions: every use of a deprecated rendering, English
    terms glossed with a rendering the termbase does not know, one term rendered two ways in one
    article. Exit 1 when anything is found, 0 when clean.

    Examples:

      zhdoc check drafts/ --db terms.db

      zhdoc check docs/ --glossary approved.tbx --format junit -o terminology.xml
    """
    from .check import check_paths, summary, write_check
    from .glossary import Glossary
    from .review import ApprovedGlossaryError, build_concepts, read_approved

    if bool(db) == bool(glossary_file):
        _error("give exactly one of --db FILE or --glossary FILE to check against")
        raise typer.Exit(2)
    if db:
        result = _load_db(db)
        concepts = build_concepts(result.glossary, _decisions(db))
    else:
        try:
            approved = read_approved(glossary_file)
        except ApprovedGlossaryError as exc:
            _error(str(exc))
            raise typer.Exit(1) from None
        by_key: dict = {}
        for decision in approved:
            by_key.setdefault(decision.key, {})[decision.chinese] = decision
        concepts = build_concepts(Glossary(), by_key)
    outcome = check_paths(paths, concepts)
    for path, reason in outcome.failures:
        _error(f"{path}: {reason}")
    _write(output, False, lambda s: write_check(outcome, fmt.value.lower(), s))
    typer.echo(f"zhdoc: {summary(outcome)}", err=True)
    if outcome.failures and not outcome.checked:
        raise typer.Exit(2)
    raise typer.Exit(1 if outcome.findings or outcome.failures else 0)


@app.command()
def report(
    db: str = typer.Option(..., "--db", metavar="FILE", help="The termbase to report on."),
    output: str = typer.Option(..., "--output", "-o", metavar="FILE", help="The HTML file to write."),
    contexts: int = typer.Option(
        20, "--contexts", min=1, metavar="N", help="Keyword-in-context lines kept per rendering."
    ),
) -> None:
    """Write one self-contained HTML page (no network needed) for a team to look at the termbase:
    the glossary with search and filters, each term's renderings with their shares, keyword in
    context per rendering, the documents and the citations.

    Example:

      zhdoc report --db terms.db -o report.html
    """
    from .report import build_report, write_report
    from .store import Termbase, TermbaseError

    try:
        with Termbase(db, readonly=True) as base:
            data = build_report(base, contexts)
    except TermbaseError as exc:
        _error(str(exc))
        raise typer.Exit(1) from None
    _write(output, False, lambda s: write_report(data, s))
    typer.echo(f"zhdoc: wrote {output}: {len(data['concepts'])} concepts, {len(data['documents'])} documents", err=True)


def main() -> None:
    app()
