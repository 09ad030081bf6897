"""One error family. The CLI edge turns each into a message and an exit code.

Exit codes are the contract of DESIGN.md section 8.
"""

from __future__ import annotations

OK = 0
ATTENTION = 1  # status --check found something, or a wizard paused
USAGE = 2
DATA = 3
INTERRUPTED = 130


class PosguideError(Exception):
    """An error the user can act on. `message` is already translated."""

    exit_code = USAGE

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code


class UsageError(PosguideError):
    exit_code = USAGE


class DataError(PosguideError):
    """A file that cannot be read or written, or a lock not obtained."""

    exit_code = DATA


class ValidationError(UsageError):
    """A value that does not fit its field. `field` names it for the user."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class NeedsConfirmation(UsageError):
    """A value that is valid but suspicious (a mobile support number, an ICCID
    with a wrong check digit). Interactive flows ask; others need --force."""

    def __init__(self, field: str, message: str, value: object) -> None:
        super().__init__(message)
        self.field = field
        self.value = value


class Paused(PosguideError):
    """A wizard stopped with its progress saved."""

    exit_code = ATTENTION


class Interrupted(PosguideError):
    exit_code = INTERRUPTED
