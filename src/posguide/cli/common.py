"""What every command shares: the global options, the clock, and small helpers
that turn core results into output."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from ..home import Home, resolve_home
from ..i18n import t

if TYPE_CHECKING:
    from ..database import Database
    from ..profile import Profile, Terminal
    from ..store import Store


@dataclass
class State:
    home_option: str | None = None
    terminal_option: str | None = None
    database_option: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)

    def reset(self, home: str | None, terminal: str | None,
              database: str | None = None) -> None:
        """Start a fresh run (in-process tests run many in one interpreter)."""
        self.finish()
        self.home_option = home
        self.terminal_option = terminal
        self.database_option = database
        self.extras.clear()
        self.__dict__.pop("home", None)
        self.__dict__.pop("database", None)

    @cached_property
    def home(self) -> Home:
        # The files are checked against today (no purchase in the future);
        # a bad POSGUIDE_TODAY is reported by the command that needs the day.
        try:
            today: date | None = self.today()
        except UsageError:
            today = None
        return Home(resolve_home(self.home_option), today)

    @cached_property
    def store(self) -> Store:
        """Where this run's terminals, history and progress are kept."""
        from ..store import open_store

        return open_store(self.home, self.database)

    def finish(self) -> None:
        """At the end of a run: what the store has to tell (an interrupted
        change finished, an older home imported), once, on stderr; then close it."""
        store = self.__dict__.pop("store", None)
        if store is None:
            return
        try:
            if store.notices:
                from ..render import print_notices

                print_notices(store.notices)
                store.notices.clear()
        finally:
            store.close()

    @cached_property
    def database(self) -> Database | None:
        """The team database (--database, $POSGUIDE_DATABASE, config.toml), or
        None for the local store."""
        if self.database_option is None and not os.environ.get("POSGUIDE_DATABASE", "").strip() \
                and not (self.home.root / "config.toml").exists():
            return None  # the usual local run: not even database.py is imported
        from ..database import resolve

        return resolve(self.database_option, self.home.root)

    def saved_where(self) -> str:
        """Where a saved profile went, for "saved in ...": the file, or the team database."""
        db = self.database
        return db.where() if db is not None else str(self.home.profile)

    @property
    def terminal_name(self) -> str | None:
        return self.terminal_option or os.environ.get("POSGUIDE_TERMINAL") or None

    def today(self) -> date:
        """The one place the CLI reads the clock. POSGUIDE_TODAY (YYYY-MM-DD)
        pins it, for tests and for trying things out."""
        from ..validate import parse_day

        pinned = os.environ.get("POSGUIDE_TODAY")
        if pinned:
            day = parse_day(pinned.strip())
            if day is None:
                raise UsageError(t("cli.bad_today_env", value=pinned))
            return day
        return date.today()

    def profile(self) -> Profile:
        return self.store.profile()

    def terminal(self, profile: Profile | None = None) -> Terminal:
        return (profile or self.profile()).pick(self.terminal_name)


STATE = State()


def interactive() -> bool:
    """Ask questions only when a person is at the keyboard."""
    return sys.stdin is not None and sys.stdin.isatty()


def click_error_message(exc: Any, args: list[str]) -> str:
    """A click usage error in the user's language, with where to get help."""
    from ..i18n import get_lang

    message = exc.format_message()
    if get_lang() == "zh":
        message = _zh_click_message(message)
    ctx = getattr(exc, "ctx", None)
    # click does not always say which command failed to parse: the first two
    # words of the command line name it ("posguide fee check").
    path = (ctx.command_path if ctx is not None and ctx.command_path
            else " ".join(["posguide", *command_words(args)[:2]]))
    return t("cli.usage_error", message=message, command=path)


def command_words(args: list[str]) -> list[str]:
    """The words that name the command ("fee", "check", ...), after the global
    options __main__.hoist_globals moved to the front, up to the first option."""
    i = 0
    while i < len(args) and args[i] in ("--home", "--lang", "--terminal", "--database"):
        i += 2
    words: list[str] = []
    for arg in args[i:]:
        if arg.startswith("-"):
            break
        words.append(arg)
    return words


# typer's bundled click writes its errors in English f-strings (no gettext):
# the common ones are recognised by shape and said in Chinese.
_ZH_CLICK = [
    (r"No such option: (?P<a>\S+) \(Possible options: (?P<b>.*)\)",
     "没有这个选项：{a}（可用的选项：{b}）"),
    (r"No such option: (?P<a>\S+)", "没有这个选项：{a}"),
    (r"No such command '(?P<a>[^']*)'\. Did you mean (?P<b>.*)\?",
     "没有“{a}”这个命令。您要找的是 {b} 吗？"),
    (r"No such command '(?P<a>[^']*)'\.", "没有“{a}”这个命令。"),
    (r"Missing option '(?P<a>[^']*)'\.(?P<b>.*)", "缺少选项 {a}。{b}"),
    (r"Missing option (?P<a>.*?)\.(?P<b>.*)", "缺少选项 {a}。{b}"),
    (r"Missing argument '(?P<a>[^']*)'\.(?P<b>.*)", "缺少{a}。{b}"),
    (r"Missing argument (?P<a>.*?)\.(?P<b>.*)", "缺少参数 {a}。{b}"),
    (r"Missing parameter (?P<a>.*?)\.(?P<b>.*)", "缺少参数 {a}。{b}"),
    (r"Option '(?P<a>[^']*)' requires an argument\.", "选项 {a} 后面需要一个值。"),
    (r"Option '(?P<a>[^']*)' requires (?P<b>.*)", "选项 {a} 后面需要 {b}"),
    (r"Option '(?P<a>[^']*)' does not take a value\.", "选项 {a} 不接受值。"),
    (r"Got unexpected extra arguments? \((?P<a>.*)\)", "多余的参数：{a}"),
    (r"Got unexpected extra argument\(s\) \((?P<a>.*)\)", "多余的参数：{a}"),
    (r"Invalid value for (?P<a>.*?): (?P<b>.*)", "{a} 的值无效：{b}"),
    (r"Invalid value: (?P<a>.*)", "值无效：{a}"),
]


def _zh_click_message(message: str) -> str:
    import re

    for pattern, template in _ZH_CLICK:
        match = re.fullmatch(pattern, message.strip(), re.S)
        if match:
            return template.format(**match.groupdict()).strip()
    return message
