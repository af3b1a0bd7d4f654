"""What every `kongthun` sub-command shares: how a refusal is printed and mapped to an exit code.
No Django here, so the pure `rules` commands use it too; who acts for a command is `cli/acting.py`."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from kongthun.errors import EXIT_CODES, DomainError, error_kind

console = Console()


def fail(exc: DomainError) -> None:
    """Print a refusal in Thai and English (with where it is) and exit with its kind's code."""
    where = f"  ({exc.where})" if exc.where else ""
    console.print(f"[red]{exc.message_th}[/red]\n[red]{exc.message_en}[/red]{where}")
    raise typer.Exit(EXIT_CODES.get(error_kind(exc.code), 1))


def sheet_problems(problems) -> None:
    """Every problem of a sheet (each with row, column, message_th, message_en), by row and column, in Thai
    and English; nothing was written, so the command exits with 2."""
    table = Table(title=f"พบปัญหา {len(problems)} จุด ไม่ได้บันทึกอะไร / {len(problems)} problem(s): nothing was written")
    for label in ("แถว / row", "คอลัมน์ / column", "ภาษาไทย", "English"):
        table.add_column(label)
    for p in sorted(problems, key=lambda p: (p.row, p.column)):
        table.add_row(str(p.row), p.column, p.message_th, p.message_en)
    console.print(table)
    raise typer.Exit(2)


def told_by_row(exc: DomainError, rows, field: str) -> DomainError:
    """An action's refusal of `field[i]` (or `field[i].x`), told by the sheet's row of the i-th line."""
    where = exc.where or ""
    if where.startswith(f"{field}[") and "]" in where:
        i = where[len(field) + 1:where.index("]")]
        if i.isdigit() and 1 <= int(i) <= len(rows):
            row = rows[int(i) - 1].row
            return DomainError(exc.code, f"แถวที่ {row}: {exc.message_th}", f"Row {row}: {exc.message_en}",
                               f"row {row}", exc.details)
    return exc
