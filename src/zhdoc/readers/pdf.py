"""PDF text layers through pdfminer.six.

pdfminer's layout analysis groups characters into lines and lines into text boxes and orders the
boxes for reading (two columns come out column by column), and it reads the CID fonts Chinese PDFs
use. Each box becomes a paragraph (a blank line between boxes), each of its lines one line of text,
so normalization joins the wrapped lines (hyphenated English line ends included) the way it does
for wrapped plain text. Bold and italic fonts are kept as `**x**`/`*x*`. A location is the page.
A PDF with no text layer at all (a scan) and a PDF that needs a password are refused, each with a
one-line reason.
"""

from __future__ import annotations

import re
from io import BytesIO

from . import Read, ReaderError


def read_pdf(data: bytes) -> Read:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer, LTTextLine
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSException

    lines: list[str] = []
    locations: list[int] = []
    pages = 0
    try:
        for number, page in enumerate(extract_pages(BytesIO(data), laparams=LAParams()), start=1):
            pages = number
            boxes = []
            for box in page:
                if isinstance(box, LTTextContainer):
                    box_lines = [_line_text(line) for line in box if isinstance(line, LTTextLine)]
                    box_lines = [text for text in box_lines if text.strip()]
                    if box_lines:
                        boxes.append((box.bbox, box_lines))
            for block in _rows(boxes):
                if lines and lines[-1] != "":
                    lines.append("")
                    locations.append(number)
                lines.extend(block)
                locations.extend([number] * len(block))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise ReaderError("password-protected PDF: remove the password first (e.g. qpdf --decrypt)") from None
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AssertionError) as exc:
        raise ReaderError(f"damaged PDF ({type(exc).__name__}: {exc})") from None
    except Exception as exc:  # noqa: BLE001 - pdfminer raises bare Exceptions for some damage
        if "encrypt" in str(exc).lower() or "password" in str(exc).lower():
            raise ReaderError("password-protected PDF: remove the password first (e.g. qpdf --decrypt)") from None
        raise ReaderError(f"damaged PDF ({type(exc).__name__}: {exc})") from None
    if pages == 0:
        raise ReaderError("damaged PDF (no pages)")
    if not any(re.search(r"\w", line) for line in lines):
        raise ReaderError(
            f"PDF without a text layer ({pages} page{'s' if pages != 1 else ''} of images, a scan?): "
            "run OCR first (e.g. ocrmypdf -l chi_sim)"
        )
    return Read("\n".join(lines), "utf-8", tuple(locations), "page")


def _rows(boxes: list[tuple[tuple[float, float, float, float], list[str]]]) -> list[list[str]]:
    """Text blocks in reading order, with the cells of a table row put back together: one-line
    boxes side by side on the same baseline become `| a | b |` (pdfminer gives them column by
    column, which would part a term from its translation)."""
    used: set[int] = set()
    blocks: list[list[str]] = []
    for i, (bbox, box_lines) in enumerate(boxes):
        if i in used:
            continue
        row = [i]
        if len(box_lines) == 1:
            for j in range(i + 1, len(boxes)):
                other, other_lines = boxes[j]
                if j in used or len(other_lines) != 1:
                    continue
                overlap = min(bbox[3], other[3]) - max(bbox[1], other[1])
                height = min(bbox[3] - bbox[1], other[3] - other[1])
                apart = all(other[0] >= boxes[k][0][2] or other[2] <= boxes[k][0][0] for k in row)
                if height > 0 and overlap >= 0.5 * height and apart:
                    row.append(j)
        if len(row) == 1:
            blocks.append(box_lines)
            continue
        used.update(row)
        cells = [boxes[k][1][0].strip().replace("|", "\\|") for k in sorted(row, key=lambda k: boxes[k][0][0])]
        row_line = "| " + " | ".join(cells) + " |"
        if blocks and blocks[-1] and blocks[-1][-1].startswith("| "):
            blocks[-1].append(row_line)  # the next row of the same table
        else:
            blocks.append([row_line])
    return blocks


def _style(fontname: str) -> tuple[bool, bool]:
    name = fontname.split("+", 1)[-1].lower()
    return ("bold" in name or "black" in name or "heavy" in name), ("italic" in name or "oblique" in name)


def _line_text(line) -> str:
    """A text line with bold and italic runs marked; pdfminer's inserted spaces are kept as they are."""
    from pdfminer.layout import LTChar

    pieces: list[tuple[str, tuple[bool, bool]]] = []
    plain = (False, False)
    for item in line:
        text = item.get_text()
        style = _style(item.fontname) if isinstance(item, LTChar) else plain
        if not text.strip():
            style = pieces[-1][1] if pieces else plain
        if pieces and pieces[-1][1] == style:
            pieces[-1] = (pieces[-1][0] + text, style)
        else:
            pieces.append((text, style))
    out = []
    for text, (bold, italic) in pieces:
        core = text.strip()
        if not core or not (bold or italic):
            out.append(text)
            continue
        mark = "**" if bold else "*"
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        out.append(f"{lead}{mark}{core}{mark}{trail}")
    return "".join(out).rstrip("\n").rstrip()
