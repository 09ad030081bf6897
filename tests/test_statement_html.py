"""The `--html` report in a real browser: headless Chromium (the distribution's
package) draws it, and the chart's colours are looked for in the screenshot.

Skipped only on a machine without Chromium when CI is not set; `.ci/run`
installs Chromium, and under CI=true a missing browser fails the test."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

import statements as st
from posguide.cli.statement_html import AGREED, OVER, TAKEN

ENV = {"POSGUIDE_TODAY": "2026-12-01"}


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but Chromium is missing: .ci/run installs it")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    return found


def screenshot(page: Path, png: Path, tmp_path: Path) -> None:
    args = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={png}", "--window-size=900,760", page.as_uri()]
    done = subprocess.run(args, capture_output=True, timeout=120, check=False)
    assert png.exists(), done.stderr.decode(errors="replace")[-2000:]


def read_png(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and RGB rows of an 8-bit, non-interlaced PNG (what Chromium
    writes), decoded with zlib alone so the test needs no imaging library."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and interlace == 0 and colour in (2, 6)
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc
                                      else corner)) & 255
        previous = line
        rows.append(bytes(line[i] for i in range(stride) if i % channels < 3))
    return width, height, rows


def pixels(rows: list[bytes], colour: str) -> list[tuple[int, int]]:
    """(x, y) of every pixel of exactly this colour: Chromium fills shapes with
    the very colour asked for. Searched as bytes, at C speed."""
    import re

    want = bytes.fromhex(colour.lstrip("#"))
    stride = len(rows[0])
    blob = b"".join(rows)
    return [(m.start() % stride // 3, m.start() // stride)
            for m in re.finditer(re.escape(want), blob) if m.start() % 3 == 0]


def count(rows: list[bytes], colour: str) -> int:
    return len(pixels(rows, colour))


def report(cli, tmp_path: Path, built: st.Built, lang: str) -> Path:
    cli(*st.init_args(built), env=ENV)
    statement = tmp_path / "statement.csv"
    statement.write_bytes(st.layout_a_csv(built))
    page = tmp_path / "report.html"
    r = cli("--lang", lang, "statement", "audit", str(statement), "--html", str(page), env=ENV)
    assert r.exit_code == 0, r.output
    return page


def test_the_chart_shows_in_a_real_browser_with_the_fees_above_the_plan(cli,
                                                                         tmp_path: Path) -> None:
    page = report(cli, tmp_path, st.layout_a_problems(), "zh")
    png = tmp_path / "shot.png"
    screenshot(page, png, tmp_path)
    width, height, rows = read_png(png)
    assert (width, height) == (900, 760)
    # The bars (blue), the part above the plan (red) and the agreed marks
    # (amber) are all drawn, each a visible area, not a stray pixel.
    assert count(rows, TAKEN) > 5000
    assert count(rows, OVER) > 800
    assert count(rows, AGREED) > 300
    # The red is above the blue: the fees that rose are on top of the bars.
    from collections import Counter

    red = Counter(y for _, y in pixels(rows, OVER))
    blue = Counter(y for _, y in pixels(rows, TAKEN))
    red_rows = [y for y, n in red.items() if n > 30]  # not the legend's square
    blue_rows = [y for y, n in blue.items() if n > 60]
    assert red_rows and blue_rows
    assert min(red_rows) < min(blue_rows) and max(red_rows) < max(blue_rows)


def test_a_clean_statement_has_no_red_in_its_chart(cli, tmp_path: Path) -> None:
    page = report(cli, tmp_path, st.layout_a_clean(), "en")
    png = tmp_path / "shot.png"
    screenshot(page, png, tmp_path)
    _, _, rows = read_png(png)
    assert count(rows, TAKEN) > 5000 and count(rows, AGREED) > 300
    # Only the legend's small red square: no bar carries any.
    assert count(rows, OVER) <= 14 * 14 + 40
