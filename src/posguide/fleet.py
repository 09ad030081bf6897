"""Fleets as CSV: many terminals in and out of a spreadsheet at once.

The columns are the `profile show --json` field names (FIELD_ORDER, dotted for
the SIM card). Decisions a service agent relies on:

- Import is all or nothing. Every row is validated like `init` (each field,
  then the rules that join fields), every problem of every row is collected,
  and the profile is changed only when there is none; the caller applies the
  plan inside one locked `profile.editing` block.
- An empty cell means "not given": a new terminal leaves the field unset, and
  `--update` keeps the saved value (use `posguide profile unset` to clear one).
- UTF-8 with or without a byte-order mark is read. An export to a file starts
  with a BOM so that Excel and WPS show Chinese correctly when the file is
  double-clicked; an export to stdout has none, so it pipes cleanly.
- Spreadsheet formulas: a cell starting with = + - @ (or a tab or CR) is written
  with a leading apostrophe, so a spreadsheet shows it as text instead of
  running it. Import removes that apostrophe again, so a round trip is exact.

Pure: no printing, no clock (`today` is passed in), no file writes here except
`write_export`, which writes where the user asked.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from . import validate as v
from .errors import DataError, NeedsConfirmation, UsageError, ValidationError
from .home import NO_PERMISSION, WRONG_PATH, Home, atomic_write, reason
from .i18n import t
from .profile import FIELD_ORDER, Profile, Terminal, check_terminal, parse_field, to_flat
from .prose import join, wrap

BOM = "\ufeff"
# What validate.spreadsheet_safe puts an apostrophe before (history --csv does the same).
FORMULA_START = "=+-@\t\r"


@dataclass(frozen=True)
class Problem:
    line: int  # 1-based line of the file where the row starts (the header is line 1)
    field: str | None
    message: str
    # Validation messages already start with the field's name; the others get
    # it put in front.
    names_field: bool = False

    def text(self) -> str:
        if self.field and not self.names_field:
            # The column's name is what the user must type: keep it.
            field = v.field_label(self.field)
            return t("fleet.line_field", line=self.line, field=field, message=self.message)
        return t("fleet.line", line=self.line, message=self.message)


@dataclass
class ImportPlan:
    """The terminals a valid file adds and replaces, in the file's order."""

    added: list[Terminal] = field(default_factory=list)
    updated: list[Terminal] = field(default_factory=list)

    def apply(self, profile: Profile) -> None:
        for term in self.updated:
            profile.terminals[term.name] = term
        for term in self.added:
            profile.add(term)


class ImportFailed(UsageError):
    """Nothing was imported; `problems` lists every bad line and field."""

    def __init__(self, source: str, problems: list[Problem],
                 notes: list[str] | None = None) -> None:
        lines = [t("fleet.problems", path=source, count=len(problems))]
        lines += ["  " + p.text() for p in problems]
        lines += notes or []
        super().__init__("\n".join(lines))
        self.problems = problems


# ------------------------------------------------------------------ reading


def decode(raw: bytes, source: str) -> str:
    """UTF-8 text, with or without the BOM spreadsheets like to add."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(t("fleet.not_utf8", path=source)) from None
    return text[1:] if text.startswith(BOM) else text


def _rows(text: str, source: str) -> Iterable[tuple[int, list[str]]]:
    """(first line of the row, cells) for every record, quoted newlines included."""
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 1
    try:
        for cells in reader:
            yield line, cells
            line = reader.line_num + 1
    except csv.Error as exc:
        raise ImportFailed(source, [Problem(reader.line_num, None, str(exc))]) from None


def unescape(cell: str) -> str:
    """Undo the apostrophe `export` puts before a formula-like cell."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in FORMULA_START:
        return cell[1:]
    return cell


# Spreadsheets change what they show when they save a CSV again: dates become
# 2024/3/1, and long digit strings become 8.98600E+19 with the digits lost.
DATE_FIELDS = ("purchased", "activated", "sim.expires")
NUMBER_FIELDS = ("serial", "terminal_id", "merchant_no", "support_phone", "sim.iccid")
_SHEET_DATE = re.compile(r"^\s*(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})\s*$")
_SCIENTIFIC = re.compile(r"^\s*\d+(\.\d+)?[eE]\+?\d+\s*$")


def spreadsheet_date(cell: str) -> str:
    """2024/3/1, 2024.3.1 or 2024-3-1 (how spreadsheets save dates) as 2024-03-01;
    anything else unchanged, for the date parser to judge."""
    match = _SHEET_DATE.match(cell)
    if not match:
        return cell
    year, month, day = match.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"


@dataclass
class Columns:
    """What the header line says about each column."""

    keys: list[str | None]  # the field of each column; None: no name (must stay empty)
    # Unknown or repeated columns: reported once, on line 1, and not read in the
    # rows, so every row is still checked field by field for the known columns.
    ignored: set[int] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)

    @property
    def named(self) -> bool:
        return "name" in self.keys


def _guess(column: str) -> str | None:
    """The field a mistyped column most likely meant: 'iccid' -> 'sim.iccid'."""
    import difflib  # only for a header with a mistake

    for key in FIELD_ORDER:
        if column in (key.rpartition(".")[2], key.replace(".", "_"), key.replace("_", " ")):
            return key
    close = difflib.get_close_matches(column, FIELD_ORDER, n=1, cutoff=0.8)
    return close[0] if close else None


def _wrapped(items: list[str], indent: str = "    ", width: int = 76) -> str:
    """`items` as a list broken into indented lines between items, never inside
    a name (a Chinese list, a、b、c, has no spaces for a terminal to break at)."""
    return "\n".join(indent + line for line in wrap(join(items), width - len(indent)))


def _unknown_columns(names: list[str]) -> Problem:
    items = []
    for name in names:
        guess = _guess(name)
        items.append(t("fleet.column_guess", column=name, guess=guess) if guess
                     else t("fleet.column", column=name))
    key = "fleet.unknown_column" if len(names) == 1 else "fleet.unknown_columns"
    text = "\n".join([t(key, columns=join(items)), "    " + t("fleet.known_columns"),
                      _wrapped(list(FIELD_ORDER))])
    return Problem(1, None, text)


def read_header(cells: list[str]) -> Columns:
    """The field of each column, and what is wrong with the header line."""
    columns = Columns(keys=[])
    unknown: list[str] = []
    seen: set[str] = set()
    for index, cell in enumerate(cells):
        name = cell.strip().lower()
        if not name:
            columns.keys.append(None)  # a spreadsheet's trailing comma: fine if empty below
            continue
        if name not in FIELD_ORDER:
            unknown.append(name)
            columns.ignored.add(index)
        elif name in seen:
            columns.problems.append(Problem(1, None, t("fleet.duplicate_column", column=name)))
            columns.ignored.add(index)
        seen.add(name)
        columns.keys.append(name)
    if unknown:
        columns.problems.insert(0, _unknown_columns(unknown))
    if "name" not in seen:
        columns.problems.append(Problem(1, None, t("fleet.no_name_column")))
    return columns


def plan_import(profile: Profile | None, raw: bytes, today: date, *, source: str,
                update: bool = False, force: bool = False,
                home: Home | None = None) -> ImportPlan:
    """Validate a whole CSV file against `profile` and say what it would change.

    Raises ImportFailed listing every problem (nothing may be applied then), or
    UsageError when the file is not UTF-8 or has no terminals. Problems name
    the column as it stands in the header, which the user has to find and type.
    """
    with v.keys_shown():
        return _plan_import(profile, raw, today, source=source, update=update, force=force,
                            home=home)


def _plan_import(profile: Profile | None, raw: bytes, today: date, *, source: str,
                 update: bool, force: bool, home: Home | None) -> ImportPlan:
    text = decode(raw, source)
    rows = iter(_rows(text, source))
    first = next(rows, None)
    if first is None or not any(cell.strip() for cell in first[1]):
        raise UsageError(t("fleet.empty", path=source))
    reader = _Reader(read_header(first[1]),
                     profile.terminals if profile is not None else {}, today, update, force,
                     home)
    plan = ImportPlan()
    # A bad header does not stop the rows being checked: one round of fixes.
    problems: list[Problem] = list(reader.columns.problems)
    count = 0
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue  # blank rows at the end of a sheet
        count += 1
        term, row_problems = reader.row(line, cells)
        if row_problems:
            problems += row_problems
        elif term is not None:
            (plan.updated if term.name in reader.existing else plan.added).append(term)
    if problems:
        notes = [t("fleet.confirm_note")] if reader.first_confirmation else []
        raise ImportFailed(source, problems, notes)
    if count == 0:
        raise UsageError(t("fleet.no_rows", path=source))
    return plan


@dataclass
class _Reader:
    """Checks one row after another, remembering what later rows are compared with."""

    columns: Columns
    existing: dict[str, Terminal]
    today: date
    update: bool
    force: bool
    home: Home | None  # where the MCC table's own entries live
    first_line_of: dict[str, int] = field(default_factory=dict)  # name -> line
    # field -> the line whose value first needed confirming: the reason is
    # explained there once, not again on each of a fleet's rows.
    first_confirmation: dict[str, int] = field(default_factory=dict)

    def saved(self, cells: list[str]) -> Terminal | None:
        """The terminal this row names, if the profile already holds it."""
        if not self.columns.named:
            return None
        index = self.columns.keys.index("name")
        if index >= len(cells):
            return None
        try:
            name = parse_field("name", unescape(cells[index]), self.today)
        except ValidationError:
            return None
        return self.existing.get(name)

    def confirm(self, line: int, warn: NeedsConfirmation) -> Problem:
        first = self.first_confirmation.setdefault(warn.field, line)
        if first == line:
            return Problem(line, warn.field, warn.message, names_field=True)
        return Problem(line, warn.field, t("fleet.confirm_again", value=str(warn.value),
                                           first=first))

    def row(self, line: int, cells: list[str]) -> tuple[Terminal | None, list[Problem]]:
        columns = self.columns
        problems: list[Problem] = []
        if any(cell.strip() for cell in cells[len(columns.keys):]):
            return None, [Problem(line, None, t("fleet.extra_cells", cells=len(cells),
                                                columns=len(columns.keys)))]
        saved = self.saved(cells)
        values: dict[str, Any] = {}
        for number, (key, cell) in enumerate(zip(columns.keys, cells, strict=False), start=1):
            cell = unescape(cell)
            if not cell.strip() or number - 1 in columns.ignored:
                continue
            if key is None:
                problems.append(Problem(line, None, t("fleet.unnamed_column", number=number)))
                continue
            if key in NUMBER_FIELDS and _SCIENTIFIC.match(cell):
                problems.append(Problem(line, key, t("fleet.scientific", value=cell.strip())))
                continue
            if key in DATE_FIELDS:
                cell = spreadsheet_date(cell)
            try:
                values[key] = parse_field(key, cell, self.today, self.force, self.home)
            except NeedsConfirmation as warn:
                if saved is not None and saved.get(key) == warn.value:
                    # Confirmed when it was saved: an exported, edited and
                    # re-imported fleet is not asked about it again.
                    values[key] = warn.value
                else:
                    problems.append(self.confirm(line, warn))
            except ValidationError as exc:
                problems.append(Problem(line, exc.field, exc.message, names_field=True))

        if not columns.named:
            return None, problems  # the header's problem says it; the fields are checked
        name = values.get("name")
        if name is None:
            if not any(p.field == "name" for p in problems):
                problems.append(Problem(line, "name", t("fleet.name_required")))
            return None, problems
        if name in self.first_line_of:
            problems.append(Problem(line, "name", t("fleet.duplicate_name", name=name,
                                                    first=self.first_line_of[name])))
        else:
            self.first_line_of[name] = line
        if saved is not None and not self.update:
            problems.append(Problem(line, "name", t("fleet.exists", name=name)))
        if (saved is None and "purchased" not in values
                and not any(p.field == "purchased" for p in problems)):
            label = v.field_label("purchased")
            problems.append(Problem(line, "purchased", t("validate.required", field=label),
                                    names_field=True))
        if problems:
            return None, problems

        if saved is None:
            term = Terminal(name=name, purchased=values["purchased"])
        else:
            term = replace(saved, sim=replace(saved.sim))
        for key, value in values.items():
            term.set(key, value)
        try:
            check_terminal(term, self.today)
        except ValidationError as exc:
            return None, [Problem(line, exc.field, exc.message, names_field=True)]
        return term, []


# ------------------------------------------------------------------ writing


def export_csv(terminals: Iterable[Terminal]) -> str:
    """The header and one row per terminal, CRLF line ends (RFC 4180), no BOM."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FIELD_ORDER)
    for term in terminals:
        flat = to_flat(term)
        writer.writerow([v.spreadsheet_safe(flat[key]) for key in FIELD_ORDER])
    return buffer.getvalue()


# ------------------------------------------------------------------ files

# Exit 2 for a path typed wrong, 3 for a file that is there but unreadable:
# the same rule as home.user_file_error for the files posguide writes.


def read_source(path: Path) -> bytes:
    """The bytes of the file to import. A FIFO or a device is refused, not
    waited on or read forever."""
    import stat

    from .home import check_path, read_fd

    check_path(path)
    flags = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
             | getattr(os, "O_BINARY", 0))
    try:
        fd = os.open(path, flags)
        try:
            mode = os.fstat(fd).st_mode
            if stat.S_ISDIR(mode):
                raise UsageError(t("fleet.no_file", path=str(path)))
            if not stat.S_ISREG(mode):
                raise UsageError(t("home.not_a_file", path=str(path)))
            return read_fd(fd, path)
        finally:
            os.close(fd)
    except OSError as exc:
        if exc.errno in WRONG_PATH:
            raise UsageError(t("fleet.no_file", path=str(path))) from None
        if exc.errno in NO_PERMISSION:
            raise DataError(t("fleet.read_permission", path=str(path))) from None
        raise DataError(t("fleet.cannot_read", path=str(path),
                          error=reason(exc))) from None


def write_export(path: Path, text: str) -> None:
    """Write an export where the user asked, atomically, with a BOM, mode 0600,
    leaving the folder's own permissions alone."""
    atomic_write(path, (BOM + text).encode("utf-8"), in_home=False)
