"""A reader that stops early (`posguide ... | head`) is not an error."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


# (`--help` is drawn by typer's own rich console, which ends such a run with 1.)
@pytest.mark.parametrize("args", [["status", "--demo"], ["--lang", "zh", "status", "--demo"],
                                  ["status", "--demo", "--json"]])
def test_a_closed_pipe_ends_quietly(args: list[str], tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {**os.environ, "POSGUIDE_HOME": str(tmp_path / "home"), "NO_COLOR": "1"}
    # Read one byte, then close the pipe while posguide still has more to write.
    proc = subprocess.Popen([sys.executable, "-m", "posguide", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, bufsize=0)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(1)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0, err
    assert "Traceback" not in err and "BrokenPipe" not in err
    assert err == ""
