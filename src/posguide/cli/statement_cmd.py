"""`posguide statement audit`: a settlement statement checked sale by sale
against the terminal's fee plan."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import UsageError
from ..i18n import t
from ..render import console, print_json, say
from .common import STATE

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..statement import Source, Unit

app = typer.Typer(no_args_is_help=True, rich_markup_mode="rich")


@app.command("audit")
def audit(
    files: Annotated[list[Path], typer.Argument(metavar="FILE...")],
    unit: Annotated[str | None, typer.Option("--unit", metavar="yuan|fen")] = None,
    map_: Annotated[list[str] | None, typer.Option("--map", metavar="HEADER=FIELD")] = None,
    json_: Annotated[bool, typer.Option("--json")] = False,
    html: Annotated[Path | None, typer.Option("--html", metavar="FILE", dir_okay=False)] = None,
    check: Annotated[bool, typer.Option("--check")] = False,
) -> int:
    from ..fee_history import record_fee_check
    from ..fees import CARDS
    from ..statement import audit, parse_map

    term = STATE.terminal()
    if term.fee_rate is None and all(getattr(term.fees, c) is None for c in CARDS):
        raise UsageError(t("statement.no_plan", name=term.name))
    sources = [_source(path) for path in files]
    mapping = parse_map(map_ or [])
    with _progress(sources) as tick:
        result = audit(sources, term, _unit(unit), mapping, tick)

    today = STATE.today()
    if html is not None:
        # The report first: when it cannot be written, nothing is recorded
        # (a rerun would otherwise record the same audit twice).
        from .statement_html import write_report

        write_report(html, result)
    record_fee_check(STATE.store, term.name, today, result.to_event_data())
    if json_:
        print_json(result.to_json())
    else:
        from .statement_view import render

        render(console(), result)
        if html is not None:
            say(t("statement.html_written", path=str(html)), style="green")
        say(t("statement.recorded", name=term.name, date=today.isoformat()), style="dim")
    # Nothing checked is no all-clear: --check wants a look, as for a finding.
    return 1 if check and (result.findings or result.verdict == "unknown") else 0


def _unit(text: str | None) -> Unit | None:
    if text is None:
        return None
    value = text.strip().lower()
    if value in ("yuan", "元", "cny"):
        return "yuan"
    if value in ("fen", "分"):
        return "fen"
    raise UsageError(t("statement.bad_unit", value=text))


def _source(path: Path) -> Source:
    """A statement named on the command line: an ordinary file (a FIFO or a
    device would block or never end), refused as `terminal import` refuses it."""
    import os
    import stat

    from ..statement import Source

    try:
        mode = os.stat(path).st_mode
    except OSError:
        mode = None
    if mode is None or stat.S_ISDIR(mode):
        raise UsageError(t("statement.cannot_open", path=str(path),
                           error=t("statement.no_such_file")))
    if not stat.S_ISREG(mode):
        raise UsageError(t("home.not_a_file", path=str(path)))
    return Source(path, str(path))


class _progress:  # noqa: N801 - used as a context manager, like contextlib's
    """A progress bar on stderr while the files are read, only when stderr is
    a terminal (never in pipes, logs or tests)."""

    def __init__(self, sources: list[Source]) -> None:
        self.sources = sources
        self.bar: object | None = None

    def __enter__(self) -> Callable[[int, int, int], None] | None:
        if not sys.stderr.isatty():
            return None
        from rich.progress import BarColumn, Progress, TaskID, TaskProgressColumn, TextColumn

        from ..render import err_console

        bar = Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                       console=err_console(), transient=True)
        bar.start()
        self.bar = bar
        tasks: dict[int, TaskID] = {}

        def tick(index: int, done: int, total: int) -> None:
            if index not in tasks:
                tasks[index] = bar.add_task(
                    t("statement.reading", path=self.sources[index].path.name), total=total)
            bar.update(tasks[index], completed=done, total=total)

        return tick

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()  # type: ignore[attr-defined]
