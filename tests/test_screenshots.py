"""The README's status pictures: every text run is as wide as the terminal
cells it covers, so a browser does not squeeze Chinese glyphs (rich's own SVG
export measures characters, not cells). Checked for the committed pictures and
for freshly made ones, in both languages; rendered in headless Chromium too
where it is installed."""

from __future__ import annotations

import html
import importlib.util
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from rich.cells import cell_len

ROOT = Path(__file__).resolve().parent.parent
RUN = re.compile(r'<text class="[^"]*-r\d+" x="([0-9.]+)" y="([0-9.]+)" textLength="([0-9.]+)"'
                 r'[^>]*>([^<]*)</text>')


def script():
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "scripts" /
                                                  "screenshots.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check(svg: str, char_width: float) -> int:
    runs = RUN.findall(svg)
    assert runs
    for x, _y, length, text in runs:
        content = html.unescape(text)
        assert float(length) == pytest.approx(cell_len(content) * char_width, abs=0.01), text
        assert float(x) / char_width == pytest.approx(round(float(x) / char_width), abs=0.01)
    return sum(1 for *_, text in runs if any(cell_len(c) == 2 for c in html.unescape(text)))


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pictures")
    module = script()
    module.main(out)
    from posguide.i18n import set_lang

    set_lang("en")
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_text_run_fits_its_cells(fresh: Path, lang: str) -> None:
    width = script().CHAR_WIDTH
    for folder in (ROOT / "docs", fresh):
        wide = check((folder / f"status-demo-{lang}.svg").read_text(encoding="utf-8"), width)
        assert (wide > 0) == (lang == "zh")


def test_fit_text_fixes_what_rich_writes() -> None:
    import io

    from rich.console import Console

    console = Console(record=True, width=40, file=io.StringIO(), force_terminal=True)
    console.print("状态 ok [x] 流量卡将于12天后到期")
    raw = console.export_svg()
    module = script()
    with pytest.raises(AssertionError):
        check(raw, module.CHAR_WIDTH)  # rich's own: one cell per character
    check(module.fit_text(raw), module.CHAR_WIDTH)


@pytest.mark.skipif(shutil.which("chromium") is None and not Path("/usr/bin/chromium").exists(),
                    reason="no headless Chromium here")
def test_chromium_renders_the_chinese_picture(tmp_path: Path) -> None:
    png = tmp_path / "zh.png"
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                    f"--screenshot={png}", "--window-size=1100,640",
                    (ROOT / "docs" / "status-demo-zh.svg").as_uri()],
                   capture_output=True, timeout=120, check=False)
    assert png.exists() and png.stat().st_size > 10_000
