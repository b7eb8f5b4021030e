"""The report in a real browser: Debian's headless ``chromium`` prints it to PDF and takes a
PNG screenshot of it (``.ci/run`` installs chromium and poppler-utils when missing).

The PDF must be A4 pages holding the report's words, file text shown as text; the PNG
must be a picture of the width asked, with something drawn on it. Chromium runs with
every host name unresolvable, so that a page asking for anything outside would show it
by missing it (the page itself is checked to reference nothing: ``test_report.py``).
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from conftest import PROJECT, loaded
from report_helpers import IMG, SCRIPT, STYLE_END, write_hostile

from sieve.render.report import render_report

CHROMIUM = shutil.which("chromium")
PDFTOTEXT = shutil.which("pdftotext")
PDFINFO = shutil.which("pdfinfo")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)"
)

#: The screenshot's window: an A4 page's proportions at 96 dpi.
WINDOW = (794, 1123)


def chromium(html: Path, *args: str) -> None:
    """Run headless chromium on the page ``html`` with ``args`` (a PDF or a screenshot)."""
    profile = html.parent / "profile"
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        f"--user-data-dir={profile}",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        *args,
        html.as_uri(),
    ]
    run = subprocess.run(command, capture_output=True, timeout=180, cwd=html.parent)
    assert run.returncode == 0, run.stderr.decode(errors="replace")[-2000:]


def pdf_text(pdf: Path) -> str:
    if PDFTOTEXT is None:
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    return subprocess.run(
        [PDFTOTEXT, "-layout", pdf, "-"], capture_output=True, text=True, timeout=60, check=True
    ).stdout


def png_pixels(png: Path) -> tuple[int, int, bytes]:
    """Width, height and the (still filtered) pixel rows of a PNG file."""
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    chunks, i = [], 8
    while i < len(data):
        (length,) = struct.unpack(">I", data[i : i + 4])
        kind = data[i + 4 : i + 8]
        if kind == b"IDAT":
            chunks.append(data[i + 8 : i + 8 + length])
        i += 12 + length
    return width, height, zlib.decompress(b"".join(chunks))


def page_file(tmp_path: Path, html: str, name: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    target = folder / "report.html"
    target.write_text(html, encoding="utf-8")
    return target


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", ["paris", "mulhouse"])
def test_chromium_prints_the_report_on_a4_and_takes_its_picture(tmp_path, name, lang):
    session = loaded(PROJECT / "sessions" / f"{name}.toml")
    html = page_file(tmp_path, render_report(session, "html", lang), f"{name}-{lang}")
    pdf, png = html.with_suffix(".pdf"), html.with_suffix(".png")
    chromium(html, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    chromium(html, f"--window-size={WINDOW[0]},{WINDOW[1]}", f"--screenshot={png}")

    assert pdf.read_bytes()[:5] == b"%PDF-"
    text = pdf_text(pdf)
    title = "The ranking" if lang == "en" else "Le classement"
    assert title in text and session.title in text
    assert session.cases[0].angle.title.split()[0] in text
    if PDFINFO is not None:
        info = subprocess.run([PDFINFO, pdf], capture_output=True, text=True, timeout=60).stdout
        pages = next(line for line in info.splitlines() if line.startswith("Pages:"))
        assert int(pages.split()[1]) >= 5
        assert "(A4)" in info

    width, height, rows = png_pixels(png)
    assert (width, height) == WINDOW
    assert len(set(rows)) > 16  # not a blank page: text and lines were drawn


def test_in_the_browser_markup_from_the_files_is_printed_as_text(tmp_path, workspace):
    html = page_file(tmp_path, render_report(loaded(write_hostile(workspace)), "html", "fr"), "x")
    pdf = html.with_suffix(".pdf")
    chromium(html, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    text = " ".join(pdf_text(pdf).split())
    for hostile in (IMG, SCRIPT, STYLE_END):
        assert hostile in text, hostile
