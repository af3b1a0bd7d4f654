"""`kongthun token ...`: issue, revoke and list REST API tokens (กุญแจเข้าใช้ API).

A token acts as its user, scoped as the web app scopes them. The token is printed once, when issued.
"""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from kongthun.errors import DomainError
from kongthun.interfaces.cli.common import fail

token_app = typer.Typer(help="REST API tokens: issue, revoke, list. / กุญแจเข้าใช้ API",
                        no_args_is_help=True, add_completion=False)
console = Console()


def _user(username: str):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise DomainError("not_found.user", f"ไม่พบผู้ใช้ {username}", f"No user {username}", "--user")
    return user


@token_app.command("issue")
def issue(
    user: str = typer.Option(..., "--user", help="whose token / ผู้ใช้เจ้าของกุญแจ"),
    name: str = typer.Option(..., "--name", help="what the token is for / ชื่อกุญแจ เช่น ระบบของเครือข่าย"),
) -> None:
    """Issue a token; it is shown only now. / ออกกุญแจ API (แสดงครั้งเดียว)"""
    from kongthun.interfaces.cli.main import _django

    _django()
    from kongthun.access.tokens import token_issue
    from kongthun.audit.actions import Actor

    try:
        row, secret = token_issue(user=_user(user), name=name, actor=Actor.system("cli"))
    except DomainError as exc:
        fail(exc)
    console.print(f"กุญแจ #{row.pk} ของ {user} / token #{row.pk} for {user}:")
    print(secret)


@token_app.command("revoke")
def revoke(
    token_id: int = typer.Argument(..., help="token number from `kongthun token list` / เลขที่กุญแจ"),
    why: str = typer.Option("", "--why", help="why / เหตุผล"),
) -> None:
    """Revoke a token: refused from now on. / ยกเลิกกุญแจ API"""
    from kongthun.interfaces.cli.main import _django

    _django()
    from kongthun.access.models import ApiToken
    from kongthun.access.tokens import token_revoke
    from kongthun.audit.actions import Actor

    try:
        row = ApiToken.objects.filter(pk=token_id).first()
        if row is None:
            raise DomainError("not_found.token", f"ไม่พบกุญแจเลขที่ {token_id}", f"No token {token_id}", "token_id")
        token_revoke(token=row, actor=Actor.system("cli"), why=why)
    except DomainError as exc:
        fail(exc)
    console.print(f"ยกเลิกกุญแจ #{token_id} แล้ว / token #{token_id} revoked")


@token_app.command("list")
def list_(user: str = typer.Option(None, "--user", help="only this user's tokens / เฉพาะผู้ใช้นี้")) -> None:
    """List tokens (never the tokens themselves). / รายการกุญแจ API"""
    from kongthun.interfaces.cli.main import _django

    _django()
    from kongthun.access.tokens import token_list
    from kongthun.audit.actions import Actor

    try:
        rows = token_list(actor=Actor.system("cli"), user=_user(user) if user else None)
    except DomainError as exc:
        fail(exc)
    table = Table(title="กุญแจ API / API tokens")
    for label in ("#", "ผู้ใช้ / user", "ชื่อ / name", "ขึ้นต้น / prefix", "สร้าง / created", "ใช้ล่าสุด / last used",
                  "สถานะ / status"):
        table.add_column(label)
    for r in rows:
        status = "ยกเลิก / revoked" if r.revoked_at else "ใช้ได้ / live"
        table.add_row(str(r.pk), r.user.get_username(), r.name, r.prefix, f"{r.created_at:%Y-%m-%d %H:%M}",
                      f"{r.last_used_at:%Y-%m-%d %H:%M}" if r.last_used_at else "-", status)
    console.print(table)
