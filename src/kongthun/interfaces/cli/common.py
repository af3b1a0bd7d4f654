"""What every `kongthun` sub-command shares: how a refusal is printed and mapped to an exit code.
No Django here, so the pure `rules` commands use it too; who acts for a command is `cli/acting.py`."""

from __future__ import annotations

import typer
from rich.console import Console

from kongthun.errors import EXIT_CODES, DomainError, error_kind

console = Console()


def fail(exc: DomainError) -> None:
    """Print a refusal in Thai and English (with where it is) and exit with its kind's code."""
    where = f"  ({exc.where})" if exc.where else ""
    console.print(f"[red]{exc.message_th}[/red]\n[red]{exc.message_en}[/red]{where}")
    raise typer.Exit(EXIT_CODES.get(error_kind(exc.code), 1))
