"""Disasters (ภัยพิบัติ), the pure part: kinds, the area hit (tambons and villages), who lives there,
a batch's lines read from a CSV, relief between funds. No Django here; dates are passed in."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from kongthun.errors import DomainError
from kongthun.money import Satang, parse_baht


class DisasterKind(StrEnum):
    FLOOD = "flood"  # อุทกภัย น้ำท่วม
    FIRE = "fire"  # อัคคีภัย ไฟไหม้
    STORM = "storm"  # วาตภัย พายุ
    DROUGHT = "drought"  # ภัยแล้ง
    OTHER = "other"


KIND_LABELS = {
    DisasterKind.FLOOD: ("อุทกภัย (น้ำท่วม)", "Flood"),
    DisasterKind.FIRE: ("อัคคีภัย (ไฟไหม้)", "Fire"),
    DisasterKind.STORM: ("วาตภัย (พายุ)", "Storm"),
    DisasterKind.DROUGHT: ("ภัยแล้ง", "Drought"),
    DisasterKind.OTHER: ("ภัยอื่น ๆ", "Other"),
}


class ReliefKind(StrEnum):
    MONEY = "money"  # เงิน
    GOODS = "goods"  # สิ่งของ


RELIEF_LABELS = {ReliefKind.MONEY: ("เงิน", "Money"), ReliefKind.GOODS: ("สิ่งของ", "Goods")}

NAME_MAX, VILLAGE_MAX = 200, 100


@dataclass(frozen=True, order=True)
class AreaItem:
    """One place hit: a whole tambon (ตำบล, by its 6-digit code) or one village (หมู่บ้าน) in it."""

    tambon: str
    village: str = ""

    def covers(self, tambon: str | None, village: str | None) -> bool:
        if tambon != self.tambon:
            return False
        return not self.village or normal_village(village or "") == self.village

    def as_dict(self) -> dict:
        return {"tambon": self.tambon, "village": self.village}


def normal_village(text: str) -> str:
    """Villages are typed by hand: compare them with single spaces, no spaces at the ends."""
    return " ".join(text.split())


def area_of(items: Iterable[dict | AreaItem | tuple]) -> tuple[AreaItem, ...]:
    """The area as stored: sorted, without duplicates, and without a village whose whole tambon is listed."""
    out: set[AreaItem] = set()
    for x in items:
        if isinstance(x, AreaItem):
            item = x
        elif isinstance(x, dict):
            item = AreaItem(str(x.get("tambon", "")).strip(), normal_village(str(x.get("village", ""))))
        else:
            item = AreaItem(str(x[0]).strip(), normal_village(str(x[1]) if len(x) > 1 else ""))
        out.add(item)
    whole = {x.tambon for x in out if not x.village}
    return tuple(sorted(x for x in out if not x.village or x.tambon not in whole))


def parse_area(text: str, *, default_tambon: str | None = None) -> tuple[AreaItem, ...]:
    """An area typed one place a line (or separated by ';'): `350201` for a whole tambon,
    `350201 หมู่ 5 บ้านดอนแดง` or `350201: หมู่ 5` for a village, or just `หมู่ 5` for a village of
    the fund's own tambon."""
    items = []
    for n, raw in enumerate(text.replace(";", "\n").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        head, _, rest = line.replace(":", " ", 1).partition(" ") if line[:6].isdigit() else ("", "", line)
        tambon = head if head else (default_tambon or "")
        if not tambon:
            raise DomainError("invalid.area", f"บรรทัดที่ {n} ของพื้นที่: ระบุรหัสตำบล 6 หลักก่อนชื่อหมู่บ้าน",
                              f"Area line {n}: give the 6-digit tambon code before the village", f"area[{n}]")
        items.append(AreaItem(tambon, normal_village(rest)))
    return area_of(items)


def check_event(*, name: str, started_on: date, ended_on: date | None, area: Sequence[AreaItem],
                known_tambons: frozenset[str], fund_tambons: frozenset[str], outside_why: str) -> None:
    """What a disaster event must say (บันทึกเหตุภัยพิบัติ): a name, dates in order, a non-empty area of
    real tambons, inside the fund's own tambon(s) unless the reason for going outside is given."""
    if not name.strip():
        raise DomainError("invalid.name", "กรุณาตั้งชื่อเหตุการณ์ เช่น น้ำท่วมบ้านดอนแดง ก.ย. 2568",
                          "Name the event, e.g. the flood in Ban Don Daeng, September 2025", "name")
    if len(name.strip()) > NAME_MAX:
        raise DomainError("invalid.name", f"ชื่อเหตุการณ์ยาวเกิน {NAME_MAX} ตัวอักษร",
                          f"The event's name is longer than {NAME_MAX} characters", "name")
    if ended_on is not None and ended_on < started_on:
        raise DomainError("invalid.dates", "วันสิ้นสุดต้องไม่ก่อนวันเริ่มเกิดเหตุ",
                          "The end date must not be before the start date", "ended_on")
    if not area:
        raise DomainError("invalid.area_empty", "กรุณาระบุพื้นที่ที่ประสบภัยอย่างน้อยหนึ่งตำบลหรือหมู่บ้าน",
                          "Give the area hit: at least one tambon or village", "area")
    for i, item in enumerate(area, start=1):
        if item.tambon not in known_tambons:
            raise DomainError("invalid.tambon", f"พื้นที่ลำดับที่ {i}: ไม่พบตำบลรหัส '{item.tambon}'",
                              f"Area item {i}: no tambon with code '{item.tambon}'", f"area[{i}]")
        if len(item.village) > VILLAGE_MAX:
            raise DomainError("invalid.village", f"พื้นที่ลำดับที่ {i}: ชื่อหมู่บ้านยาวเกิน {VILLAGE_MAX} ตัวอักษร",
                              f"Area item {i}: the village name is longer than {VILLAGE_MAX}", f"area[{i}]")
    outside = sorted({x.tambon for x in area} - fund_tambons)
    if outside and not outside_why.strip():
        raise DomainError("invalid.area_outside",
                          f"ตำบล {', '.join(outside)} อยู่นอกพื้นที่ของกองทุน กรุณาระบุเหตุผล "
                          "(เช่น สมาชิกอาศัยอยู่ตำบลข้างเคียง)",
                          f"Tambon {', '.join(outside)} is outside the fund's area: say why "
                          "(e.g. members live in the next tambon)", "outside_why")


def in_area(area: Sequence[AreaItem], tambon: str | None, village: str | None) -> bool:
    return any(x.covers(tambon, village) for x in area)


@dataclass(frozen=True)
class Resident:
    """A member as the area check sees them: where the person lives, or else where the household does."""

    membership_id: int
    member_no: str
    household: str  # household code, or "" for a person without one
    tambon: str | None
    village: str
    household_tambon: str | None = None
    household_village: str = ""

    def lives_in(self, area: Sequence[AreaItem]) -> bool:
        return in_area(area, self.tambon, self.village) or (
            self.household_tambon is not None and in_area(area, self.household_tambon, self.household_village))


def one_per_household(residents: Sequence[Resident]) -> list[tuple[Resident, int]]:
    """The member who claims for each household (the first by member number), with how many members
    live in it: the regulation pays a disaster once a household."""
    order: list[str] = []
    first: dict[str, Resident] = {}
    size: dict[str, int] = {}
    for r in sorted(residents, key=lambda r: (_member_key(r.member_no), r.membership_id)):
        key = r.household or f"member:{r.membership_id}"
        if key not in first:
            order.append(key)
            first[key] = r
        size[key] = size.get(key, 0) + 1
    return [(first[k], size[k]) for k in order]


def _member_key(member_no: str) -> tuple:
    return (len(member_no), member_no)


@dataclass(frozen=True)
class CsvLine:
    """One household's line of a batch as the treasurer typed it: member number, baht claimed, damage."""

    line: int
    member_no: str
    claimed: Satang
    damage: str


def parse_batch_csv(text: str) -> list[CsvLine]:
    """Read `member_no,claimed_baht,damage` (a header line is allowed); every problem names its line."""
    out, seen = [], set()
    for n, row in enumerate(csv.reader(io.StringIO(text.lstrip("\ufeff"))), start=1):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        if n == 1 and cells[0].lower() in ("member_no", "เลขที่สมาชิก"):
            continue
        if len(cells) < 2 or not cells[0]:
            raise DomainError("invalid.csv", f"บรรทัดที่ {n}: ต้องมี เลขที่สมาชิก,จำนวนเงิน(บาท),ความเสียหาย",
                              f"Line {n}: expected member_no,claimed_baht,damage", f"line {n}")
        if cells[0] in seen:
            raise DomainError("invalid.csv", f"บรรทัดที่ {n}: สมาชิกเลขที่ {cells[0]} ซ้ำ",
                              f"Line {n}: member {cells[0]} appears twice", f"line {n}")
        seen.add(cells[0])
        claimed = parse_baht(cells[1], where=f"line {n}")
        if claimed <= 0:
            raise DomainError("invalid.amount", f"บรรทัดที่ {n}: จำนวนเงินต้องมากกว่าศูนย์",
                              f"Line {n}: the amount must be above zero", f"line {n}")
        out.append(CsvLine(n, cells[0], claimed, ",".join(cells[2:]).strip()[:200]))
    if not out:
        raise DomainError("invalid.no_lines", "ไฟล์ไม่มีรายการคำขอ", "The file has no claims", "csv")
    return out


@dataclass(frozen=True)
class ReliefTerms:
    """What a fund sends: money (satang) or goods (what, how many, estimated value in satang)."""

    kind: ReliefKind
    amount: Satang = 0
    description: str = ""
    quantity: str = ""
    estimated_value: Satang = 0


def check_relief(terms: ReliefTerms) -> ReliefTerms:
    def whole(value, where: str, *, positive: bool) -> None:
        if not isinstance(value, int) or isinstance(value, bool) or value < 0 or (positive and value == 0):
            raise DomainError("invalid.amount", "จำนวนเงินต้องเป็นจำนวนเต็มสตางค์ที่มากกว่าศูนย์",
                              "The amount must be a whole number of satang above zero", where)

    if terms.kind is ReliefKind.MONEY:
        whole(terms.amount, "amount", positive=True)
        return ReliefTerms(terms.kind, terms.amount, terms.description.strip()[:200])
    if not terms.description.strip():
        raise DomainError("invalid.description", "กรุณาระบุสิ่งของที่ส่ง เช่น ข้าวสาร ถุงยังชีพ",
                          "Say what goods are sent, e.g. rice, relief bags", "description")
    if not terms.quantity.strip():
        raise DomainError("invalid.quantity", "กรุณาระบุจำนวนสิ่งของ เช่น 20 ถุง", "Give the quantity, e.g. 20 bags",
                          "quantity")
    whole(terms.estimated_value, "estimated_value", positive=False)
    return ReliefTerms(terms.kind, 0, terms.description.strip()[:200], terms.quantity.strip()[:100],
                       terms.estimated_value)
