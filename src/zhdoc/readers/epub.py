"""EPUB 2 and 3: the spine's XHTML chapters in reading order, each through the HTML reader.

An EPUB is a zip with META-INF/container.xml naming the package document, whose spine lists the
chapters; that is all a reader needs, so it is read with zipfile and lxml (ebooklib would add a
dependency for the same two look-ups). The navigation document is left out. A location is the
chapter's position in the spine (1 = the first chapter file).
"""

from __future__ import annotations

import posixpath
import zipfile
from io import BytesIO
from urllib.parse import unquote

from . import Read, ReaderError

_CONTAINER_NS = "{urn:oasis:names:tc:opendocument:xmlns:container}"
_OPF_NS = "{http://www.idpf.org/2007/opf}"


def chapters(data: bytes) -> list[tuple[str, bytes]]:
    """(name, bytes) of each spine document, in reading order."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "META-INF/container.xml" not in names:
                raise ReaderError("corrupt EPUB (no META-INF/container.xml)")
            container = etree.fromstring(archive.read("META-INF/container.xml"), parser)
            rootfile = container.find(f".//{_CONTAINER_NS}rootfile") if container is not None else None
            opf_path = rootfile.get("full-path") if rootfile is not None else None
            if not opf_path or opf_path not in names:
                raise ReaderError("corrupt EPUB (its container names no package document)")
            opf = etree.fromstring(archive.read(opf_path), parser)
            base = posixpath.dirname(opf_path)
            manifest = {
                item.get("id"): item for item in opf.iter(f"{_OPF_NS}item") if item.get("id") and item.get("href")
            }
            found = []
            for ref in opf.iter(f"{_OPF_NS}itemref"):
                item = manifest.get(ref.get("idref"))
                if item is None or "nav" in (item.get("properties") or "").split():
                    continue
                if "html" not in (item.get("media-type") or ""):
                    continue
                name = posixpath.normpath(posixpath.join(base, unquote(item.get("href").split("#")[0])))
                if name in names:
                    found.append((name, archive.read(name)))
            return found
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, etree.XMLSyntaxError) as exc:
        raise ReaderError(f"corrupt EPUB ({exc})") from None
    except RuntimeError as exc:
        raise ReaderError(f"cannot read the EPUB ({exc})") from None


def read_epub(data: bytes) -> Read:
    from .html import decode_html, html_lines

    lines: list[str] = []
    locations: list[int] = []
    spine = chapters(data)
    if not spine:
        raise ReaderError("EPUB without chapters (its spine lists no XHTML documents)")
    for number, (_name, content) in enumerate(spine, start=1):
        text, _encoding = decode_html(content)
        chapter_lines, _ = html_lines(text, main_content=False)
        if not chapter_lines:
            continue
        if lines:
            lines.append("")
            locations.append(number)
        lines.extend(chapter_lines)
        locations.extend([number] * len(chapter_lines))
    return Read("\n".join(lines), "utf-8", tuple(locations), "chapter")
