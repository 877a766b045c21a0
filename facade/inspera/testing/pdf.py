"""A small, valid PDF of one candidate's submission, for the simulator's candidate-PDF export.

Plain PDF 1.4: Helvetica text in WinAnsi encoding, uncompressed, one page per 56 lines. With `answers_only` the
question titles are left out, as Inspera's questionAnswerOptions=ANSWERS_ONLY does.
"""

from __future__ import annotations

import html
import re
import textwrap

from .model import Candidate, Test

_LINES_PER_PAGE = 56
_WIDTH = 95
_TAG = re.compile(r"<[^>]+>")


def submission_pdf(test: Test, candidate: Candidate, *, answers_only: bool) -> bytes:
    lines = [test.title, f"Candidate {candidate.candidate_id}", ""]
    for answer in candidate.answers:
        question = answer.question
        lines.append(f"Answer {question.number}" if answers_only else f"Question {question.number}: {question.title}")
        text = html.unescape(_TAG.sub(" ", answer.response))
        lines.extend(textwrap.wrap(" ".join(text.split()), _WIDTH) or ["(no answer)"])
        lines.append("")
    return render(lines)


def _escape(line: str) -> bytes:
    raw = line.encode("cp1252", "replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def render(lines: list[str]) -> bytes:
    """A PDF document showing `lines` top to bottom on A4 pages."""
    pages = [lines[i : i + _LINES_PER_PAGE] for i in range(0, max(len(lines), 1), _LINES_PER_PAGE)] or [[]]
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, filled in once the page objects are numbered
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    kids = []
    for page in pages:
        content = b"BT /F1 10 Tf 14 TL 40 800 Td " + b" ".join(b"(" + _escape(line) + b") '" for line in page) + b" ET"
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
        contents_number = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents %d 0 R >>" % contents_number
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
