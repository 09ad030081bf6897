"""`posguide profile edit`: the profile as text in the person's editor, checked
before it is saved, kept aside when it cannot be (DESIGN.md section 4).

The editor works on a private copy in the home; the store saves the edit only
if it loads and nobody changed the profile meanwhile (no lock is held while
the editor is open). Nothing here prints: the caller passes how to run the
editor and how to ask whether to try again.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .home import ensure_dir, os_error
from .profile import ProfileInvalid, loads

if TYPE_CHECKING:
    from .store import ProfileText, Store


def edit(store: Store, text: ProfileText, run_editor: Callable[[Path], None],
         again: Callable[[str], bool]) -> bool:
    """Edit until the text loads (or `again(problem)` says stop), then save.
    Returns False when nothing was changed; raises (exit 3) when the edit
    cannot be saved, with the edit kept in profile.toml.rejected."""
    with _scratch(store.home.root, text.raw) as tmp:
        while True:
            run_editor(tmp)
            try:
                edited = tmp.read_bytes()
            except OSError as exc:
                raise os_error(exc, tmp) from exc
            if edited == text.raw:
                return False
            try:
                loads(edited, store.home)
                break
            except ProfileInvalid as exc:
                problem = exc.detail
            if not again(problem):
                break
        store.save_profile_text(text, edited)
    return True


@contextlib.contextmanager
def _scratch(folder: Path, raw: bytes) -> Iterator[Path]:
    """A private (0600) temp file in `folder` holding `raw`, removed afterwards."""
    import tempfile

    ensure_dir(folder)
    try:
        fd, name = tempfile.mkstemp(prefix="profile-", suffix=".toml", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
    except OSError as exc:
        raise os_error(exc, folder) from exc
    path = Path(name)
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)
