"""Reading a TOML file posguide did not write itself (a checklist, a table, a
channel list): bytes to a dict, or one error that names the file.

Every loader used to repeat the same steps (decode, parse, catch nesting too
deep for tomllib) and word the failures its own way; they share this now and
keep only their own error message around the detail.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .errors import PosguideError
from .i18n import t


def read_toml(raw: bytes | str, path: str,
              bad: Callable[[str], PosguideError]) -> dict[str, Any]:
    """The document in `raw` (read from `path`). When it cannot be read,
    `bad(detail)` makes the error raised: `detail` says what is wrong, in
    the user's language, and the caller's message names `path`."""
    import tomllib

    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise bad(t("tomlfile.not_utf8")) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        from .home import toml_problem

        raise bad(toml_problem(exc)) from None
    except RecursionError:  # hostile nesting, deeper than tomllib can follow
        raise bad(t("tomlfile.too_deep")) from None
