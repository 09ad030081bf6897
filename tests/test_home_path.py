"""The home is found without importing platformdirs in the common Linux case
(a start-up saving); it must be exactly the folder platformdirs names."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from posguide.home import resolve_home


@pytest.mark.skipif(sys.platform != "linux", reason="the shortcut is for Linux")
@pytest.mark.parametrize(("xdg", "home"), [
    (None, "/home/shop"),
    ("/data/xdg", "/home/shop"),
    ("", "/home/shop"),
    ("relative/xdg", "/home/shop"),
    ("/with space/数据", "/home/店"),
    (None, "relative-home"),
    (None, ""),
    (None, None),
])
def test_the_default_home_is_platformdirs_own(monkeypatch: pytest.MonkeyPatch, xdg: str | None,
                                              home: str | None) -> None:
    monkeypatch.delenv("POSGUIDE_HOME", raising=False)
    monkeypatch.delenv("ANDROID_DATA", raising=False)
    for var, value in (("XDG_DATA_HOME", xdg), ("HOME", home)):
        if value is None:
            monkeypatch.delenv(var, raising=False)
        else:
            monkeypatch.setenv(var, value)
    expected = Path(platformdirs.user_data_dir("posguide", appauthor=False))
    assert resolve_home() == expected


def test_the_options_come_first(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("POSGUIDE_HOME", str(tmp_path / "env"))
    assert resolve_home(str(tmp_path / "opt")) == tmp_path / "opt"
    assert resolve_home() == tmp_path / "env"
    monkeypatch.setenv("POSGUIDE_HOME", "~/pg")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert resolve_home() == tmp_path / "pg"
