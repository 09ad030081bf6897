"""Run posguide in a real pseudo-terminal (pexpect), as a person would."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect


def spawn(home: Path, *args: str, lang: str = "en", env: dict[str, str] | None = None,
          timeout: float = 20) -> pexpect.spawn:
    full_env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", str(home)),
        "POSGUIDE_HOME": str(home),
        "POSGUIDE_LANG": lang,
        "NO_COLOR": "1",
        "TERM": "xterm",
        "LANG": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        **(env or {}),
    }
    child = pexpect.spawn(sys.executable, ["-m", "posguide", *args], env=full_env,
                          encoding="utf-8", timeout=timeout, dimensions=(40, 100))
    return child


def finish(child: pexpect.spawn) -> int:
    """Wait for the end and return the exit code; fail loudly on a traceback."""
    child.expect(pexpect.EOF)
    child.close()
    assert "Traceback" not in (child.before or ""), child.before
    return child.exitstatus if child.exitstatus is not None else 128 + (child.signalstatus or 0)


# The end of a question: its closing bracket or mark, then rich's style codes
# around the one space after it.
_ESC = r"(?:\x1b\[[0-9;]*m)*"
PROMPT_END = rf"[)）\]?？：:]{_ESC} {_ESC}"


def expect_prompt(child: pexpect.spawn, text: str | None = None) -> None:
    """Wait for the next question (containing `text`, if given)."""
    if text is not None:
        child.expect_exact(text)
    child.expect(PROMPT_END)


def press_ctrl_c(child: pexpect.spawn, tries: int = 3) -> None:
    """Ctrl-C, pressed again if nothing at all happens. CPython's readline
    loses a SIGINT that lands between showing the prompt and waiting for keys
    (a person just presses again); on a loaded machine a test can hit that
    window. Whatever the program prints is kept for the test's own expects."""
    for _ in range(tries):
        child.sendintr()
        try:
            data = child.read_nonblocking(size=100_000, timeout=3)
        except pexpect.TIMEOUT:
            continue
        except pexpect.EOF:
            return
        # Hand the bytes back to pexpect's searcher (its unread data lives in
        # both of these), so the test's next expect sees them.
        child._before.write(data)
        child._buffer.write(data)
        return
