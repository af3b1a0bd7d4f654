"""`kongthun rules ...`: check a benefit regulation, try it on claims, replay last year's
claims under a proposal. Pure: needs no Django and no database.

Register with: `from kongthun.interfaces.cli.rules import rules_app`
               `app.add_typer(rules_app, name="rules")`
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from kongthun.clock import format_be
from kongthun.errors import EXIT_CODES, DomainError
from kongthun.interfaces.cli.common import fail
from kongthun.money import parse_baht
from kongthun.welfare.rules import Context, Outcome, Regulation, check_text
from kongthun.welfare.rules.claims_csv import ClaimRow, read_claims
from kongthun.welfare.rules.engine import evaluate_all
from kongthun.welfare.rules.replay import replay as replay_rows
from kongthun.welfare.rules.replay import totals_by_kind
from kongthun.welfare.rules.source import Issue
from kongthun.welfare.rules.text import baht_en, baht_th

rules_app = typer.Typer(
    help="Benefit regulations: check, try on claims, replay a proposal. / ระเบียบสวัสดิการ: ตรวจ ทดลอง เปรียบเทียบ",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()

_OUTCOME = {
    Outcome.PAY: ("จ่าย", "paid"), Outcome.REDUCE: ("จ่ายลดลง", "reduced"),
    Outcome.REFUSE: ("ไม่จ่าย", "refused"), Outcome.PASS: ("ผ่าน", "passed"),
}
BALANCE = typer.Option(None, "--fund-balance", help="fund balance in baht, for caps on a share of the fund "
                       "/ ยอดเงินกองทุน (บาท)")
LANG = typer.Option("th", "--lang", help="th or en / ภาษา")


def _en(lang: str) -> bool:
    return lang.startswith("en")


def _money(satang: int, lang: str) -> str:
    return baht_en(satang) if _en(lang) else baht_th(satang)


def _show_issues(issues: list[Issue], title: str) -> None:
    table = Table(title=title, show_lines=True)
    table.add_column("where / ที่")
    table.add_column("problem / ปัญหา")
    for issue in issues:
        table.add_row(issue.where(), f"{issue.message_th}\n{issue.message_en}")
    console.print(table)
    raise typer.Exit(EXIT_CODES["invalid"])




def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        fail(DomainError("not_found.file", f"อ่านไฟล์ {path} ไม่ได้", f"Cannot read {path}: {exc}", str(path)))
        raise  # unreachable: fail exits


def _regulation(path: Path) -> Regulation:
    regulation, issues = check_text(_read_text(path))
    if issues or regulation is None:
        _show_issues(issues, f"{path}: ระเบียบไม่ถูกต้อง {len(issues)} จุด / {len(issues)} problems")
    return regulation


def _claims(path: Path) -> list[ClaimRow]:
    rows, issues = read_claims(_read_text(path))
    if issues:
        _show_issues(issues, f"{path}: ข้อมูลคำขอไม่ถูกต้อง {len(issues)} จุด / {len(issues)} problems")
    return rows


def _context(fund_balance: str | None) -> Context:
    try:
        return Context(fund_balance=parse_baht(fund_balance, where="--fund-balance") if fund_balance else None)
    except DomainError as exc:
        fail(exc)
        raise


@rules_app.command("check")
def check(rules_file: Path = typer.Argument(..., help="regulation file (YAML or JSON) / ไฟล์ระเบียบ")) -> None:
    """Check a regulation file and list every problem. / ตรวจไฟล์ระเบียบ"""
    regulation = _regulation(rules_file)
    console.print(f"[green]ระเบียบถูกต้อง / the regulation is valid[/green]: {regulation.fund_th}")
    for version in regulation.versions:
        kinds = [regulation.benefits[k].label_th for k in regulation.benefits if version.offers(k)]
        console.print(f"  {format_be(version.effective_from)}  {version.title_th}: {', '.join(kinds)}")


@rules_app.command("try")
def try_(
    rules_file: Path = typer.Argument(..., help="regulation file / ไฟล์ระเบียบ"),
    claims_file: Path = typer.Argument(..., help="claims CSV (docs/rules-format.md) / ไฟล์คำขอ"),
    fund_balance: str = BALANCE,
    lang: str = LANG,
) -> None:
    """Judge each claim by the regulation in force on its event date, with the reasons.
    / พิจารณาคำขอตามระเบียบ พร้อมเหตุผล"""
    regulation, rows = _regulation(rules_file), _claims(claims_file)
    decisions = evaluate_all(regulation, [r.claim for r in rows], context=_context(fund_balance))
    en = _en(lang)
    table = Table(title="Decisions" if en else "ผลการพิจารณา", show_lines=True)
    for name in (("claim", "member", "benefit", "event date", "amount", "decision", "why") if en else
                 ("คำขอ", "สมาชิก", "สวัสดิการ", "วันที่เกิดเหตุ", "จำนวนเงิน", "ผล", "เหตุผล")):
        why = name in ("why", "เหตุผล")
        table.add_column(name, justify="right" if name in ("amount", "จำนวนเงิน") else "left",
                         no_wrap=not why, ratio=4 if why else None, overflow="fold")
    for row, decision in zip(rows, decisions, strict=True):
        claim, benefit = row.claim, regulation.benefits.get(row.claim.kind)
        label = (benefit.label_en if en else benefit.label_th) if benefit else claim.kind
        table.add_row(claim.claim_id, claim.member_no, label, format_be(claim.event_date, language=lang),
                      _money(decision.amount, lang), _OUTCOME[decision.outcome][en],
                      "\n".join(line.text(lang) for line in decision.lines))
    console.print(table)
    total = sum(d.amount for d in decisions)
    console.print(("Total: " if en else "รวมจ่าย: ") + _money(total, lang))


@rules_app.command("replay")
def replay(
    proposed_rules: Path = typer.Argument(..., help="proposed regulation / ร่างระเบียบ"),
    paid_claims: Path = typer.Argument(..., help="last year's claims CSV with a 'paid' column / คำขอปีที่แล้ว"),
    fund_balance: str = BALANCE,
    lang: str = LANG,
) -> None:
    """What a proposed regulation would have paid on last year's claims, against what was paid.
    / ถ้าใช้ร่างระเบียบกับคำขอปีที่แล้ว จะจ่ายต่างจากที่จ่ายจริงเท่าใด"""
    regulation, rows = _regulation(proposed_rules), _claims(paid_claims)
    replayed = replay_rows(regulation, rows, _context(fund_balance))
    en = _en(lang)
    table = Table(title="Per claim" if en else "รายคำขอ")
    for name in (("claim", "member", "benefit", "paid", "proposed", "difference", "decided by") if en else
                 ("คำขอ", "สมาชิก", "สวัสดิการ", "จ่ายจริง", "ตามร่าง", "ผลต่าง", "ตามข้อ")):
        table.add_column(name, justify="right" if name not in ("benefit", "สวัสดิการ", "decided by", "ตามข้อ")
                         else "left")
    for r in replayed:
        ref = r.decision.decided_by
        table.add_row(r.row.claim.claim_id, r.row.claim.member_no, r.row.claim.kind, _money(r.paid, lang),
                      _money(r.decision.amount, lang), _signed(r.difference, lang),
                      f"{_OUTCOME[r.decision.outcome][en]} {('clause ' if en else 'ข้อ ') + ref.no if ref else ''}")
    console.print(table)
    _print_totals(regulation, replayed, lang)


def _print_totals(regulation: Regulation, replayed, lang: str) -> None:
    en = _en(lang)
    table = Table(title="Totals by benefit" if en else "รวมตามประเภทสวัสดิการ")
    for name in (("benefit", "claims", "paid", "proposed", "difference") if en else
                 ("สวัสดิการ", "จำนวนคำขอ", "จ่ายจริง", "ตามร่าง", "ผลต่าง")):
        table.add_column(name, justify="left" if name in ("benefit", "สวัสดิการ") else "right")
    totals = totals_by_kind(regulation, replayed)
    for t in totals:
        table.add_row(t.label_en if en else t.label_th, str(t.claims), _money(t.paid, lang),
                      _money(t.proposed, lang), _signed(t.difference, lang))
    paid, proposed = sum(t.paid for t in totals), sum(t.proposed for t in totals)
    table.add_row("total" if en else "รวม", str(len(replayed)), _money(paid, lang), _money(proposed, lang),
                  _signed(proposed - paid, lang), style="bold")
    console.print(table)


def _signed(satang: int, lang: str) -> str:
    return ("+" if satang > 0 else "") + _money(satang, lang)
