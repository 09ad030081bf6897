"""How status looks to a person: one terminal grouped by topic, or a fleet as
one table, most urgent first. Takes the console so scripts can record SVGs."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..i18n import sentences, t, tn
from ..prose import wrap
from ..render import SEVERITY_STYLE
from ..status import counts, urgency
from ..status import shown as shown_command

# Codes whose second fix is another way to do it, not a further step.
ALTERNATIVE_FIXES = ("sim_expiry", "dormancy")

if TYPE_CHECKING:
    from rich.console import Console

    from ..profile import Terminal
    from ..status import Finding


def _describe(term: Terminal) -> str:
    parts = [p for p in (term.brand, term.model, term.serial) if p]
    return f" ({' '.join(parts)})" if parts else ""


def render_one(out: Console, term: Terminal, findings: list[Finding], today: date) -> None:
    """Findings grouped by topic, the most urgent group first, each message
    wrapped beside its mark and topic with a hanging indent, the fix under it.

    Laid out by hand rather than with a rich Table: this runs at every
    `status`, and measuring a table's cells took as long as everything else
    the command does once warm (5 ms of 9).
    """
    from rich.cells import cell_len
    from rich.text import Text

    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.group, []).append(f)
    for fs in groups.values():
        fs.sort(key=urgency)
    order = sorted(groups, key=lambda g: urgency(groups[g][0]))
    labels = {g: t(f"status.group.{g}") for g in order}
    label_width = max(cell_len(label) for label in labels.values())
    indent = " " * (4 + label_width + 1)  # "[x] " + label + " "
    width = max(20, out.width - len(indent))

    lines: list[Text] = [Text(t("status.title", name=term.name, what=_describe(term),
                                today=today.isoformat()), style="bold")]

    def add(first: Text, message: str, style: str) -> None:
        # Wrapped as Chinese is set (prose.wrap): between characters, never
        # before closing punctuation, never inside a date.
        for n, part in enumerate(wrap(message, width)):
            lines.append((first if n == 0 else Text(indent)) + Text(part, style=style))

    shown: set[str] = set()  # a command named once is not repeated (profile and SIM both
    for gi, group in enumerate(order):  # suggest setting sim.expires)
        if gi:
            lines.append(Text(""))
        for i, f in enumerate(groups[group]):
            mark, style = SEVERITY_STYLE[f.severity]
            label = labels[group] if i == 0 else ""
            first = Text.assemble((mark, style), " ",
                                  (label + " " * (label_width - cell_len(label)), "bold"), " ")
            add(first, f.message, style if f.severity == "critical" else "")
            if f.severity != "ok":
                for n, fix in enumerate(f.fixes):
                    if fix in shown:
                        continue
                    shown.add(fix)
                    # Alternatives read "or"; the profile's fixes are all needed.
                    key = "status.or" if n and f.code in ALTERNATIVE_FIXES else "status.fix"
                    # Never wrapped by us: a command copied from the screen must
                    # stay one line (the terminal folds it for the eye only).
                    lines.append(Text(indent) + Text(t(key, command=shown_command(fix)),
                                                     style="cyan"))
    out.print(Text("\n").join(lines), no_wrap=True, overflow="ignore", crop=False)
    out.print(_summary(findings), markup=False, highlight=False)


def _summary(findings: list[Finding]) -> str:
    c = counts(findings)
    text = t("status.summary", **c)
    if not c["warn"] and not c["critical"]:
        text = sentences(text, t("status.all_good"))
    return text


def render_all(out: Console, results: list[tuple[Terminal, list[Finding]]], today: date,
               within: int | None) -> None:
    """One line per terminal that needs something, most urgent first.

    Drawn as padded columns rather than a rich Table: an agent's fleet has
    hundreds of rows, and measuring a Table's cells costs more than everything
    else status does (about 0.5 s for 1,000 terminals here, against 0.05 s).
    Widths are measured in terminal cells, so Chinese names stay aligned.
    """
    from rich.cells import cell_len
    from rich.text import Text

    rows = []
    quiet = 0
    every: list[Finding] = []
    for term, findings in results:
        every.extend(findings)
        pressing = sorted((f for f in findings if f.severity != "ok"), key=urgency)
        if not pressing:
            quiet += 1
            continue
        rows.append((urgency(pressing[0]), term, pressing))
    rows.sort(key=lambda r: (r[0], r[1].name))

    title = tn("status.all_title", len(results), today=today.isoformat())
    if within is not None:
        title += " (" + t("status.all_within", days=within) + ")"
    out.print(Text(title, style="bold"))
    header = [t("status.col.terminal"), "", t("status.col.item"), t("status.col.due"),
              t("status.col.days"), t("status.col.fix")]
    table: list[tuple[list[str], str]] = []
    for _, term, pressing in rows:
        top = pressing[0]
        item = t(f"status.code.{top.code}")
        if len(pressing) > 1:
            item = t("status.more", item=item, more=len(pressing) - 1)
        table.append(([term.name, SEVERITY_STYLE[top.severity][0], item,
                       top.due.isoformat() if top.due else "-",
                       str(top.days) if top.days is not None else "-",
                       shown_command(top.fix) if top.fix else ""],
                      SEVERITY_STYLE[top.severity][1]))
    widths = [max([cell_len(header[i])] + [cell_len(r[0][i]) for r in table])
              for i in range(len(header) - 1)]

    # Rows are emitted as ready-made segments: a fleet has a thousand of them,
    # and even one big rich Text spends longer splitting itself into lines.
    from rich.segment import Segment, Segments
    from rich.style import Style

    bold, cyan = Style.parse("bold"), Style.parse("cyan")
    newline = Segment.line()

    def line(cells: list[str], mark_style: Style | None) -> list[Segment]:
        """The padded columns before the fix, the mark in its colour."""
        padded = [
            " " * (widths[i] - cell_len(cell)) + cell if i == 4  # days, right-aligned
            else cell + " " * (widths[i] - cell_len(cell))
            for i, cell in enumerate(cells[:-1])
        ]
        return [Segment(padded[0] + "  "), Segment(padded[1], mark_style),
                Segment("  " + "  ".join(padded[2:]) + "  ")]

    if table:
        styles = {style: Style.parse(style) for _, style in table}
        fix_width = max(cell_len(cells[-1]) for cells, _ in table)
        wide = sum(widths) + 2 * len(widths) + fix_width <= out.width
        # Too narrow for the fix beside the row: it goes on a line of its own,
        # under the item, as in the one-terminal view.
        indent = " " * (widths[0] + widths[1] + 4)
        segments = [Segment("  ".join(
            h + " " * (w - cell_len(h)) for h, w in zip(header[:-1], widths, strict=True)
        ) + "  " + (header[-1] if wide else ""), bold), newline]
        for cells, style in table:
            segments += line(cells, styles[style])
            if wide:
                segments += [Segment(cells[-1], cyan), newline]
            else:
                segments += [newline, Segment(indent + t("status.fix", command=cells[-1]), cyan),
                             newline]
        out.print(Segments(segments), no_wrap=True, overflow="ignore", crop=False)
    if quiet:
        out.print(tn("status.all_fine_terminals", quiet), markup=False)
    out.print(_summary(every), markup=False, highlight=False)
