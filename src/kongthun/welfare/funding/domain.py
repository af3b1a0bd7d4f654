"""Outside money (เงินสมทบและเงินสนับสนุนจากภายนอก) and the administration cap, pure Python. No Django here.

A welfare fund receives money from outside its members: the government matches contributions through
CODI (พอช.), local government (อปท.) often matches too, the Social Welfare Promotion Fund
(กองทุนส่งเสริมการจัดสวัสดิการสังคม) grants projects, people donate and the bank pays interest. Each
source is recorded with its legal basis and document, and each posts to its own income account.

The fund's income allocation rule (การจัดสรรรายได้) caps administration (ค่าบริหารจัดการ) at a percent
of the fund's income, 20% unless the fund decides otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from kongthun.clock import BE_OFFSET, AccountingYear
from kongthun.errors import DomainError
from kongthun.money import Satang, format_baht, thai_digits_to_arabic

BAHT = 100
DEFAULT_ADMIN_CAP_PERCENT = Decimal(20)
WARNING_SHARE = Decimal("0.8")  # a warning once spending reaches 80% of the cap
MEMBER_ACCOUNTS = ("4101", "4102")  # members' own money comes through receipts, never as outside money


class SourceKind(StrEnum):
    """Where outside money comes from (แหล่งเงิน)."""

    CODI = "codi"  # รัฐบาลผ่าน พอช.
    LOCAL_GOV = "local_gov"  # องค์กรปกครองส่วนท้องถิ่น (อบต., เทศบาล)
    SWPF = "swpf"  # กองทุนส่งเสริมการจัดสวัสดิการสังคม
    DONATION = "donation"  # เงินบริจาค
    INTEREST = "interest"  # ดอกเบี้ยเงินฝาก
    OTHER = "other"  # แหล่งอื่น: the fund names the income account


@dataclass(frozen=True)
class SourceInfo:
    label_th: str
    label_en: str
    account: str | None  # the income account it posts to; None: the agreement names one
    needs_legal_basis: bool
    matches: bool  # matches members' contributions (สมทบตามยอดเงินออมของสมาชิก)


SOURCES: dict[SourceKind, SourceInfo] = {
    SourceKind.CODI: SourceInfo("รัฐบาลผ่าน พอช.", "Government via CODI", "4201", True, True),
    SourceKind.LOCAL_GOV: SourceInfo("องค์กรปกครองส่วนท้องถิ่น (อปท.)", "Local government", "4202", True, True),
    SourceKind.SWPF: SourceInfo("กองทุนส่งเสริมการจัดสวัสดิการสังคม", "Social Welfare Promotion Fund", "4203",
                                False, False),
    SourceKind.DONATION: SourceInfo("เงินบริจาค", "Donations", "4301", False, False),
    SourceKind.INTEREST: SourceInfo("ดอกเบี้ยเงินฝาก", "Interest", "4901", False, False),
    SourceKind.OTHER: SourceInfo("แหล่งอื่น", "Other", None, False, False),
}


def source_label(kind: str) -> tuple[str, str]:
    info = SOURCES[SourceKind(kind)]
    return info.label_th, info.label_en


def income_account(kind: SourceKind, named: str = "", *, income_accounts: frozenset[str] = frozenset()) -> str:
    """The income account a source posts to: fixed by the kind, or named by the fund for 'other'
    (one of its income accounts, not the members' own 4101/4102)."""
    fixed = SOURCES[kind].account
    if fixed is not None:
        return fixed
    if named not in income_accounts or named in MEMBER_ACCOUNTS:
        raise DomainError("invalid.income_account",
                          f"บัญชีรายได้ '{named}' ใช้ไม่ได้ เลือกบัญชีรายได้ของกองทุน (ยกเว้น 4101 และ 4102)",
                          f"'{named}' cannot take this money; choose one of the fund's income accounts "
                          "(not 4101 or 4102)", "income_account")
    return named


# --- the Social Welfare Promotion Fund's project sizes ---------------------------------------------------


class ProjectSize(StrEnum):
    """Project sizes of the Social Welfare Promotion Fund (ขนาดโครงการ)."""

    SMALL = "small"  # โครงการขนาดเล็ก: ไม่เกิน 50,000 บาท
    MEDIUM = "medium"  # ขนาดกลาง: เกิน 50,000 ถึง 300,000 บาท
    LARGE = "large"  # ขนาดใหญ่: เกิน 300,000 ถึง 3,000,000 บาท


SIZE_LABELS = {
    ProjectSize.SMALL: ("โครงการขนาดเล็ก (ไม่เกิน 50,000 บาท)", "small project (up to 50,000 baht)"),
    ProjectSize.MEDIUM: ("โครงการขนาดกลาง (50,000–300,000 บาท)", "medium project (50,000–300,000 baht)"),
    ProjectSize.LARGE: ("โครงการขนาดใหญ่ (300,000–3,000,000 บาท)", "large project (300,000–3,000,000 baht)"),
}
SWPF_SMALL_MAX = 50_000 * BAHT
SWPF_MEDIUM_MAX = 300_000 * BAHT
SWPF_LARGE_MAX = 3_000_000 * BAHT


def project_size(amount: Satang, *, where: str = "amount") -> ProjectSize:
    """Classify a grant of the Social Welfare Promotion Fund; refuse zero and more than 3,000,000 baht."""
    if not _is_satang(amount) or amount <= 0:
        raise DomainError("invalid.amount", "จำนวนเงินต้องมากกว่าศูนย์", "The amount must be more than zero", where)
    if amount > SWPF_LARGE_MAX:
        raise DomainError(
            "invalid.swpf_too_large",
            f"กองทุนส่งเสริมการจัดสวัสดิการสังคมสนับสนุนโครงการได้ไม่เกิน {format_baht(SWPF_LARGE_MAX)} "
            f"แต่ระบุ {format_baht(amount)}",
            f"The Social Welfare Promotion Fund grants at most {format_baht(SWPF_LARGE_MAX, unit='baht')} "
            f"a project; {format_baht(amount, unit='baht')} was given", where)
    if amount <= SWPF_SMALL_MAX:
        return ProjectSize.SMALL
    return ProjectSize.MEDIUM if amount <= SWPF_MEDIUM_MAX else ProjectSize.LARGE


# --- agreements -----------------------------------------------------------------------------------------


def parse_ratio(text: str | Decimal, *, where: str = "matching_ratio") -> Decimal:
    """'1', '1:1', '0.5', '1:2' -> Decimal. A ratio is outside money per baht of members' contributions."""
    raw = thai_digits_to_arabic(str(text)).strip().replace(" ", "")
    try:
        if ":" in raw:
            outside, members = raw.split(":", 1)
            value = Decimal(outside) / Decimal(members)
        else:
            value = Decimal(raw)
    except (InvalidOperation, ZeroDivisionError, ValueError):
        value = Decimal(-1)
    if not value.is_finite() or value <= 0 or value > 10:
        raise DomainError("invalid.matching_ratio", f"อัตราสมทบ '{text}' ไม่ถูกต้อง (เช่น 1:1 หรือ 0.5)",
                          f"'{text}' is not a matching ratio (e.g. 1:1 or 0.5)", where)
    return value.quantize(Decimal("0.0001")).normalize()


@dataclass(frozen=True)
class AgreementTerms:
    """What an agreement with a source says (ข้อตกลง/หลักฐานการสนับสนุน), checked before it is recorded."""

    kind: SourceKind
    name: str
    legal_basis: str = ""
    document_no: str = ""
    document_date: date | None = None
    amount: Satang | None = None  # approved amount (a grant, a budget line); None: open-ended
    matching_ratio: Decimal | None = None
    cap_per_member: Satang | None = None  # satang a member a year counted for matching


def validate_agreement(t: AgreementTerms) -> AgreementTerms:
    """Refuse an agreement that cannot be used. CODI and local government money carries its legal
    basis and document: local contributions were contested in some provinces, so none is recorded
    without them. A matching source needs its ratio and per-member cap; a Social Welfare Promotion
    Fund grant needs its amount, within 3,000,000 baht."""
    info = SOURCES[t.kind]
    if not t.name.strip():
        raise DomainError("invalid.name_required", "กรุณาระบุชื่อแหล่งเงินหรือโครงการ",
                          "Give the source's or project's name", "name")
    if info.needs_legal_basis and not t.legal_basis.strip():
        raise DomainError("invalid.legal_basis_required",
                          f"เงินจาก{info.label_th}ต้องระบุฐานทางกฎหมาย (ระเบียบ ข้อบัญญัติ หรือมติที่อนุญาต)",
                          f"Money from {info.label_en} needs its legal basis (the regulation, ordinance or "
                          "resolution that allows it)", "legal_basis")
    if info.needs_legal_basis and not t.document_no.strip():
        raise DomainError("invalid.document_required",
                          f"เงินจาก{info.label_th}ต้องระบุเลขที่หนังสือหรือเอกสารอ้างอิง",
                          f"Money from {info.label_en} needs its document number", "document_no")
    if t.amount is not None and (not _is_satang(t.amount) or t.amount <= 0):
        raise DomainError("invalid.amount", "วงเงินต้องมากกว่าศูนย์", "The approved amount must be more than zero",
                          "amount")
    if t.kind is SourceKind.SWPF:
        if t.amount is None:
            raise DomainError("invalid.amount_required", "โครงการของกองทุนส่งเสริมฯ ต้องระบุวงเงินที่ได้รับอนุมัติ",
                              "A Social Welfare Promotion Fund project needs its approved amount", "amount")
        project_size(t.amount)
    if info.matches:
        if t.matching_ratio is None or t.matching_ratio <= 0:
            raise DomainError("invalid.matching_ratio", "แหล่งเงินที่สมทบตามเงินออมของสมาชิกต้องระบุอัตราสมทบ",
                              "A matching source needs its matching ratio", "matching_ratio")
        if t.cap_per_member is None or not _is_satang(t.cap_per_member) or t.cap_per_member <= 0:
            raise DomainError("invalid.cap_per_member", "ต้องระบุเพดานเงินออมต่อสมาชิกต่อปีที่นับสมทบ (มากกว่าศูนย์)",
                              "A matching source needs the most a member's contributions count a year",
                              "cap_per_member")
    return t


# --- accounting years by name -----------------------------------------------------------------------------


def year_bounds(year: AccountingYear, name: int) -> tuple[date, date]:
    """First and last day of the accounting year named `name` (the BE year in which it ends)."""
    if not isinstance(name, int) or not 2400 < name < 2800:
        raise DomainError("invalid.year_name", f"ปีบัญชี '{name}' ต้องเป็นปี พ.ศ. เช่น 2569",
                          f"'{name}' is not an accounting year; give the BE year, e.g. 2569", "year")
    ce = name - BE_OFFSET
    end = date(ce + 1, year.start_month, year.start_day) - timedelta(days=1)
    if end.year != ce:
        end = date(ce, year.start_month, year.start_day) - timedelta(days=1)
    return year.start_of(end), end


# --- the administration cap -----------------------------------------------------------------------------


class CapLevel(StrEnum):
    OK = "ok"
    WARNING = "warning"  # at or above 80% of the cap: allowed, with a warning
    REFUSED = "refused"  # above the cap: refused


class CapBase(StrEnum):
    """What the administration cap is a percent of (ฐานคำนวณเพดานค่าบริหารจัดการ), a setting of the fund."""

    YEAR_INCOME = "year_income"  # รายได้ของปีบัญชี (ปีนี้ยังไม่มีรายได้: รายได้ของปีก่อน)
    FUND_BALANCE = "fund_balance"  # ยอดเงินกองทุนต้นปีรวมรายได้ของปี


CAP_BASE_LABELS = {
    CapBase.YEAR_INCOME: ("รายได้ของปีบัญชี (ปีที่ยังไม่มีรายได้ใช้รายได้ของปีก่อน)",
                          "the year's income (last year's while the year has none)"),
    CapBase.FUND_BALANCE: ("ยอดเงินกองทุนต้นปีรวมรายได้ของปี", "the fund's balance at the start of the year plus "
                           "the year's income"),
}


@dataclass(frozen=True)
class CapBaseFigure:
    """The figure the cap is a percent of, and what it is (ฐานคำนวณ)."""

    kind: CapBase
    amount: Satang
    fallback: bool = False  # year_income: the year has no income yet, so last year's income

    @property
    def label_th(self) -> str:
        if self.kind is CapBase.FUND_BALANCE:
            return "ยอดเงินกองทุนต้นปีรวมรายได้ของปีนี้"
        return "รายได้ของปีก่อน (ปีนี้ยังไม่มีรายได้)" if self.fallback else "รายได้ของปีนี้"

    @property
    def label_en(self) -> str:
        if self.kind is CapBase.FUND_BALANCE:
            return "the fund's balance at the start of the year plus this year's income"
        return "last year's income (this year has no income yet)" if self.fallback else "this year's income"


def cap_base_figure(kind: CapBase | str, *, year_income: Satang, last_year_income: Satang,
                    opening_balance: Satang) -> CapBaseFigure:
    """The cap's base under the fund's setting. 'year_income': the year's income so far, or, before any
    income of the year has come, last year's income (a fund must be able to pay its clerk in the first
    month). 'fund_balance': the fund's balance at the start of the year plus the year's income."""
    kind = CapBase(kind)
    if kind is CapBase.FUND_BALANCE:
        return CapBaseFigure(kind, opening_balance + year_income)
    if year_income <= 0:
        return CapBaseFigure(kind, last_year_income, fallback=True)
    return CapBaseFigure(kind, year_income)


@dataclass(frozen=True)
class CapCheck:
    """The administration cap on one expense (เพดานค่าบริหารจัดการ), with the figures it was judged on."""

    level: CapLevel
    cap_percent: Decimal
    income: Satang  # the base figure (the year's income unless the base says otherwise)
    limit: Satang
    spent: Satang  # before this expense
    amount: Satang
    message_th: str
    message_en: str
    base: CapBaseFigure | None = None

    @property
    def spent_after(self) -> Satang:
        return self.spent + self.amount

    @property
    def remaining(self) -> Satang:
        return max(self.limit - self.spent_after, 0)

    @property
    def used_percent(self) -> int:
        """Share of the cap used, 0-100, for a progress bar."""
        if self.limit <= 0:
            return 100 if self.spent_after > 0 else 0
        return min(100, self.spent_after * 100 // self.limit)


def admin_limit(income: Satang, cap_percent: Decimal) -> Satang:
    """What administration may spend: cap% of the base, rounded down to the satang ('at most'
    never rounds up), and nothing when the base is nothing."""
    if income <= 0:
        return 0
    scaled = Decimal(income) * cap_percent
    return int(scaled // 100)


def check_cap_percent(cap_percent: Decimal) -> Decimal:
    if not isinstance(cap_percent, Decimal) or not cap_percent.is_finite() or not 0 <= cap_percent <= 100 \
            or cap_percent != cap_percent.quantize(Decimal("0.01")):
        raise DomainError("invalid.cap_percent", f"สัดส่วนค่าบริหารจัดการ '{cap_percent}' ต้องอยู่ระหว่าง 0 ถึง 100",
                          f"The administration share '{cap_percent}' must be between 0 and 100 (two decimals at "
                          "most)", "cap_percent")
    return cap_percent


def _figures(base: CapBaseFigure, pct: str, limit: Satang, spent: Satang, amount: Satang) -> tuple[str, str]:
    """The sentence every cap message carries: the base, its figure, the cap, what is spent already."""
    th = (f"ใช้ไปแล้ว {format_baht(spent)}" + (f" รายการนี้ {format_baht(amount)} รวม {format_baht(spent + amount)}"
                                            if amount else "")
          + f" จากเพดาน {format_baht(limit)} (ร้อยละ {pct} ของ{base.label_th} {format_baht(base.amount)})")
    en = (f"already spent {format_baht(spent, unit='baht')}"
          + (f", this expense {format_baht(amount, unit='baht')}, in all {format_baht(spent + amount, unit='baht')}"
             if amount else "")
          + f" of a cap of {format_baht(limit, unit='baht')} ({pct}% of {base.label_en}: "
            f"{format_baht(base.amount, unit='baht')})")
    return th, en


def admin_cap_check(*, spent: Satang, amount: Satang, income: Satang | None = None,
                    base: CapBaseFigure | None = None,
                    cap_percent: Decimal = DEFAULT_ADMIN_CAP_PERCENT) -> CapCheck:
    """Judge an administration expense against the fund's cap (ค่าบริหารจัดการไม่เกินร้อยละ 20).

    The base is the fund's setting (`cap_base_figure`); `income` alone means the year's income. `spent` is
    administration already spent in the expense's accounting year. The check never lends against money
    not yet received. Refused when spending after the expense would pass the limit; a warning from 80% of
    the limit. Every message states the base, its figure, the cap and what is already spent."""
    check_cap_percent(cap_percent)
    if base is None:
        base = CapBaseFigure(CapBase.YEAR_INCOME, income or 0)
    if not _is_satang(amount) or amount < 0:
        raise DomainError("invalid.amount", "จำนวนเงินต้องไม่ติดลบ", "The amount cannot be negative", "amount")
    limit = admin_limit(base.amount, cap_percent)
    after = spent + amount
    th, en = _figures(base, f"{cap_percent.normalize():f}", limit, spent, amount)

    def made(level: CapLevel, message_th: str, message_en: str) -> CapCheck:
        return CapCheck(level, cap_percent, base.amount, limit, spent, amount, message_th, message_en, base)

    if after > limit:
        over = after - limit
        return made(CapLevel.REFUSED, f"เกินเพดานค่าบริหารจัดการ {format_baht(over)}: {th}",
                    f"Over the administration cap by {format_baht(over, unit='baht')}: {en}")
    if after > 0 and after >= WARNING_SHARE * limit:
        return made(CapLevel.WARNING, f"ใกล้เพดานค่าบริหารจัดการ: {th} เหลือ {format_baht(limit - after)}",
                    f"Close to the administration cap: {en}; {format_baht(limit - after, unit='baht')} left")
    return made(CapLevel.OK, f"ค่าบริหารจัดการ: {th}", f"Administration: {en}")


def refusal(check: CapCheck) -> DomainError:
    details = {"limit": check.limit, "spent": check.spent, "amount": check.amount, "income": check.income,
               "cap_percent": str(check.cap_percent)}
    if check.base is not None:
        details |= {"base": check.base.kind.value, "base_fallback": check.base.fallback}
    return DomainError("conflict.admin_cap", check.message_th, check.message_en, "amount", details=details)


def _is_satang(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
