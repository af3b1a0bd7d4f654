"""A fund's regulation (ระเบียบกองทุนสวัสดิการ) as checked data: benefit kinds with Thai
labels, and versions in force from their effective dates, each a list of clauses.

`check_text` and `check_data` collect every problem with its path and line; nothing is
raised until `load_text`, which raises one DomainError carrying them all.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from kongthun.clock import CALENDAR, FISCAL, AccountingYear, be_year
from kongthun.errors import DomainError
from kongthun.welfare.rules.fields import Fields
from kongthun.welfare.rules.model import STANDARD_KINDS
from kongthun.welfare.rules.registry import ClauseKind, Stage, clause_kinds
from kongthun.welfare.rules.source import Issue, Source, read

ALL = "all"  # a clause for every benefit kind (ทุกประเภท), e.g. the waiting period


@dataclass(frozen=True)
class Benefit:
    kind: str
    label_th: str
    label_en: str
    custom: bool = False


@dataclass(frozen=True)
class Clause:
    no: str  # the clause number in the regulation (ข้อ)
    kinds: tuple[str, ...]  # benefit kinds it applies to; (ALL,) for every kind
    kind: ClauseKind
    params: object

    def applies_to(self, benefit: str) -> bool:
        return ALL in self.kinds or benefit in self.kinds


@dataclass(frozen=True)
class Version:
    effective_from: date
    title_th: str
    title_en: str
    clauses: tuple[Clause, ...]

    def clauses_for(self, benefit: str) -> list[Clause]:
        """Conditions, then the amount, then caps; the file's order within each stage."""
        return sorted((c for c in self.clauses if c.applies_to(benefit)), key=lambda c: c.kind.stage)

    def offers(self, benefit: str) -> bool:
        return any(c.kind.stage is Stage.AMOUNT for c in self.clauses_for(benefit))


@dataclass(frozen=True)
class Regulation:
    fund_th: str
    benefits: dict[str, Benefit]
    versions: tuple[Version, ...]  # by effective_from, strictly increasing
    year: AccountingYear = FISCAL

    def version_on(self, day: date) -> Version | None:
        """The version in force on `day`: the latest that took effect on or before it."""
        i = bisect_right([v.effective_from for v in self.versions], day)
        return self.versions[i - 1] if i else None


def check_text(text: str) -> tuple[Regulation | None, list[Issue]]:
    source, issues = read(text)
    if source is None:
        return None, issues
    return check_source(source)


def check_data(data: object) -> tuple[Regulation | None, list[Issue]]:
    return check_source(Source(data))


@lru_cache(maxsize=128)
def load_text(text: str) -> Regulation:
    """A valid regulation from its text. Cached: the result is immutable and depends only on the
    text, and a fund's claims re-read the same adopted text many times."""
    regulation, issues = check_text(text)
    if issues or regulation is None:
        raise invalid(issues)
    return regulation


def invalid(issues: list[Issue]) -> DomainError:
    return DomainError("invalid.regulation", f"ระเบียบไม่ถูกต้อง {len(issues)} จุด",
                       f"The regulation has {len(issues)} problems",
                       issues[0].where() if issues else "", {"issues": issues})


def check_source(source: Source) -> tuple[Regulation | None, list[Issue]]:
    issues: list[Issue] = []
    top = Fields(source.data, (), source, issues)
    fund_th = top.text("fund_th", required=False, default="")
    top.text("fund_en", required=False)
    year = top.choice("accounting_year", ("fiscal", "calendar"), default="fiscal")
    benefits = _benefits(top)
    versions = [_version(v, benefits) for v in top.items("versions")]
    _check_order(top, versions)
    top.finish()
    if issues:
        return None, issues
    accounting = CALENDAR if year == "calendar" else FISCAL
    return Regulation(fund_th or "", benefits, tuple(versions), accounting), []


def _benefits(top: Fields) -> dict[str, Benefit]:
    raw = top.raw("benefits")
    if not isinstance(raw, dict) or not raw:
        top.issue(("benefits",), "invalid.missing", "ต้องระบุประเภทสวัสดิการ (benefits)",
                  "'benefits' must list the benefit kinds")
        return {}
    out = {}
    for kind in raw:
        f = Fields(raw[kind], ("benefits", kind), top.source, top.issues)
        custom = f.raw("custom") is True
        if kind not in STANDARD_KINDS and not custom:
            f.issue((), "invalid.unknown_kind", f"ไม่รู้จักประเภทสวัสดิการ '{kind}' (ถ้าเป็นประเภทของกองทุนเอง "
                    "ให้ระบุ custom: true)", f"Unknown benefit kind '{kind}' (mark a fund's own kind custom: true)")
        label_th = f.text("label_th")
        out[kind] = Benefit(kind, label_th or kind, f.text("label_en", required=False, default=kind), custom)
        f.finish()
    return out


def _version(f: Fields, benefits: dict[str, Benefit]) -> Version:
    start = f.date("effective_from")
    year = be_year(start) if start else 0
    title_th = f.text("title_th", required=False, default=f"ระเบียบฉบับ {year}")
    title_en = f.text("title_en", required=False, default=f"regulation of {year} BE")
    clauses = [c for c in (_clause(c, benefits) for c in f.items("clauses")) if c is not None]
    _check_amounts(f, clauses)
    f.finish()
    return Version(start or date.min, title_th, title_en, tuple(clauses))


def _clause(f: Fields, benefits: dict[str, Benefit]) -> Clause | None:
    no = f.text("no")
    kinds = f.texts("benefit")
    for kind in kinds:
        if kind != ALL and kind not in benefits:
            f.issue(("benefit",), "invalid.unknown_kind", f"ไม่มีประเภทสวัสดิการ '{kind}' ในหมวด benefits",
                    f"Benefit kind '{kind}' is not declared under 'benefits'")
    name = f.text("type")
    kind = clause_kinds().get(name or "")
    if name and kind is None:
        known = ", ".join(sorted(clause_kinds()))
        f.issue(("type",), "invalid.unknown_clause_type", f"ไม่รู้จักชนิดข้อกำหนด '{name}' (มี {known})",
                f"Unknown clause type '{name}' (known: {known})")
    if kind is None:
        return None
    params = kind.read(f)
    f.finish()
    return Clause(no or "", kinds, kind, params) if params is not None and f.ok else None


def _check_amounts(f: Fields, clauses: list[Clause]) -> None:
    """Each benefit named by a clause has exactly one amount clause in the version."""
    named = {k for c in clauses for k in c.kinds if k != ALL}
    for kind in sorted(named):
        amounts = [c for c in clauses if c.applies_to(kind) and c.kind.stage is Stage.AMOUNT]
        if len(amounts) != 1:
            th = "ไม่มีข้อกำหนดจำนวนเงิน" if not amounts else f"มีข้อกำหนดจำนวนเงิน {len(amounts)} ข้อ"
            en = "no amount clause" if not amounts else f"{len(amounts)} amount clauses"
            f.issue(("clauses",), "invalid.amount_clauses", f"สวัสดิการ '{kind}': {th} (ต้องมี 1 ข้อ)",
                    f"Benefit '{kind}': {en} (needs exactly one)")


def _check_order(top: Fields, versions: list[Version]) -> None:
    for i in range(1, len(versions)):
        if versions[i].effective_from <= versions[i - 1].effective_from:
            top.issue(("versions", i, "effective_from"), "invalid.version_order",
                      "วันที่มีผลบังคับต้องเรียงจากเก่าไปใหม่ และไม่ซ้ำกัน",
                      "Effective dates must be in increasing order, without repeats")
