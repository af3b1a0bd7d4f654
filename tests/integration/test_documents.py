"""Printed documents rendered for real: WeasyPrint, the tlwg Thai fonts and poppler's tools.

pdftotext does not give back every Thai mark as it was printed: sara am (ำ) comes back as
sara aa (า), and the shifted tone-mark glyphs the font uses under a low consonant (ง่, ค่,
ผู้) map back to the wrong mark. The page itself is right (see test_rasterized_page and the
screenshot it writes), so text comparisons fold marks on both sides with normalize(); the
amount in words, whose marks extract cleanly, is also compared exactly.
A missing system tool or font fails these tests: scripts/setup.sh installs them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from kongthun.documents.domain import Column, OrgHeader, PaymentVoucherDoc, ReceiptDoc, ReceiptLine, TableDoc
from kongthun.documents.render import render_receipt_pdf, render_table_pdf, render_voucher_pdf
from kongthun.errors import DomainError

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "var" / "screenshots"
THAI_FONTS = ("Garuda", "Loma", "Norasi")
A4_PT = (595.28, 841.89)
ROLL_WIDTH_PT = 80 / 25.4 * 72  # 226.77

# Marks above and below the line (ั ิ ี ึ ื ุ ู ฺ ็ ่ ้ ๊ ๋ ์ ํ ๎) and invisible characters.
_MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u200b-\u200d\u2060\ufeff\u00ad]")

HEADER = OrgHeader(
    name_th="กองทุนสวัสดิการชุมชนตำบลสามง่าม",
    address_lines=("หมู่ 4 บ้านสามง่าม",),
    tambon="สามง่าม",
    district="ดอนตูม",
    province="นครปฐม",
    name_en="Sam Ngam Community Welfare Fund",
)


def normalize(text: str) -> str:
    """Fold what pdftotext may change: ำ -> า, marks above/below, zero-width chars, all whitespace."""
    text = unicodedata.normalize("NFC", text).replace("\u0e33", "\u0e32")
    return "".join(_MARKS.sub("", text).split())


def exact(text: str) -> str:
    """Only ำ -> า and whitespace folded: for text whose marks extract cleanly."""
    return "".join(text.replace("\u0e33", "\u0e32").split())


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"'{name}' is missing: install poppler-utils (scripts/setup.sh runs apt-get install poppler-utils)")
    return path


@pytest.fixture(scope="module", autouse=True)
def thai_fonts_installed():
    fc_list = shutil.which("fc-list")
    found = subprocess.run([fc_list], capture_output=True, text=True).stdout if fc_list else ""
    if not any(name in found for name in THAI_FONTS):
        pytest.fail("No Thai font (Garuda, Loma, Norasi) found by fc-list: install fonts-thai-tlwg (scripts/setup.sh)")


def run(name: str, *args: str) -> str:
    return subprocess.run([tool(name), *args], capture_output=True, text=True, check=True).stdout


def write(pdf: bytes, tmp_path: Path, name: str = "doc.pdf") -> Path:
    assert pdf.startswith(b"%PDF-"), "not a PDF"
    assert pdf.rstrip().endswith(b"%%EOF")
    path = tmp_path / name
    path.write_bytes(pdf)
    return path


def text_of(path: Path) -> str:
    return run("pdftotext", "-layout", str(path), "-")


def info(path: Path) -> dict[str, str]:
    out = run("pdfinfo", str(path))
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def page_size(path: Path) -> tuple[float, float]:
    match = re.match(r"([\d.]+) x ([\d.]+) pts", info(path)["Page size"])
    assert match, info(path)
    return float(match[1]), float(match[2])


def contains(text: str, *expected: str) -> None:
    folded = normalize(text)
    for item in expected:
        assert normalize(item) in folded, f"{item!r} not in the PDF text:\n{text}"


def receipt(*amounts: int, void: bool = False, reason: str = "", name: str = "นางสมหญิง ใจดี") -> ReceiptDoc:
    descriptions = ("เงินสมทบ มี.ค. 2568", "ค่าสมัครสมาชิก", "เงินสมทบย้อนหลัง")
    return ReceiptDoc(
        number="2568/0001", date=date(2025, 3, 15), member_name=name, member_number="0042",
        lines=tuple(ReceiptLine(d, a) for d, a in zip(descriptions, amounts, strict=False)),
        received_by="นายสมศักดิ์ รักษ์ถิ่น", void=void, void_reason=reason,
    )


def voucher() -> PaymentVoucherDoc:
    return PaymentVoucherDoc(
        number="จ-2568/0007", date=date(2024, 11, 2), payee="นางบุญมี ศรีสุข",
        purpose_lines=("สวัสดิการนอนโรงพยาบาล 3 คืน คืนละ 200 บาท", "ตามระเบียบกองทุน พ.ศ. 2566 ข้อ 6"),
        amount=60000, approved_by="นายประยูร มั่นคง", paid_by="นางสาวลำดวน ทองคำ",
    )


def statement(rows: int = 3) -> TableDoc:
    return TableDoc(
        title="รายการเคลื่อนไหวของสมาชิก",
        subtitle_lines=("นางสมหญิง ใจดี สมาชิกเลขที่ 0042",),
        as_of=date(2025, 9, 30),
        columns=(Column("วันที่", "date"), Column("รายการ"), Column("จำนวน", "number"), Column("จำนวนเงิน", "money")),
        rows=tuple((date(2025, 1 + i % 12, 1), f"เงินสมทบงวดที่ {i + 1}", 30, 3000) for i in range(rows)),
        totals=(None, "รวม", 30 * rows, 3000 * rows),
        notes=("เงินสมทบเป็นเงินออมบุญ ไม่คืนเมื่อลาออก",),
    )


def test_a_receipt_on_a4_reads_back_in_thai(tmp_path):
    path = write(render_receipt_pdf(receipt(3000, 9075), HEADER), tmp_path)
    text = text_of(path)
    assert page_size(path) == pytest.approx(A4_PT, abs=1)
    assert info(path)["Pages"] == "1"
    contains(text, HEADER.name_th, "หมู่ 4 บ้านสามง่าม", "ตำบลสามง่าม อำเภอดอนตูม จังหวัดนครปฐม",
             "ใบเสร็จรับเงิน", "2568/0001", "15 มีนาคม 2568", "นางสมหญิง ใจดี", "0042",
             "เงินสมทบ มี.ค. 2568", "30.00", "ค่าสมัครสมาชิก", "90.75", "120.75", "นายสมศักดิ์ รักษ์ถิ่น")
    assert exact("หนึ่งร้อยยี่สิบบาทเจ็ดสิบห้าสตางค์") in exact(text)
    assert "VOID" not in text


@pytest.mark.parametrize(("satang", "words"), [
    (75, "เจ็ดสิบห้าสตางค์"),
    (36500, "สามร้อยหกสิบห้าบาทถ้วน"),
    (100000000, "หนึ่งล้านบาทถ้วน"),
])
def test_the_amount_in_words(tmp_path, satang, words):
    text = text_of(write(render_receipt_pdf(receipt(satang), HEADER, paper="80mm"), tmp_path))
    contains(text, f"({words})")


def test_an_80mm_receipt_is_as_tall_as_its_content(tmp_path):
    short = write(render_receipt_pdf(receipt(3000), HEADER, paper="80mm"), tmp_path, "short.pdf")
    long = write(render_receipt_pdf(receipt(3000, 9075, 6000), HEADER, paper="80mm"), tmp_path, "long.pdf")
    (width, height), (_, longer) = page_size(short), page_size(long)
    assert width == pytest.approx(ROLL_WIDTH_PT, abs=0.5)
    assert 150 < height < longer < A4_PT[1]
    assert info(long)["Pages"] == "1"
    contains(text_of(long), HEADER.name_th, "90.75", "60.00", "180.75", "หนึ่งร้อยแปดสิบบาทเจ็ดสิบห้าสตางค์")


def test_a_void_receipt_says_so_with_its_reason(tmp_path):
    doc = receipt(3000, void=True, reason="บันทึกจำนวนเงินผิด")
    for paper in ("a4", "80mm"):
        text = text_of(write(render_receipt_pdf(doc, HEADER, paper=paper), tmp_path, f"{paper}.pdf"))
        contains(text, "ยกเลิก / VOID", "บันทึกจำนวนเงินผิด", "2568/0001")


def test_a_payment_voucher_has_the_recipient_sign(tmp_path):
    path = write(render_voucher_pdf(voucher(), HEADER), tmp_path)
    text = text_of(path)
    assert page_size(path) == pytest.approx(A4_PT, abs=1)
    contains(text, "ใบสำคัญจ่าย", "จ-2568/0007", "2 พฤศจิกายน 2567", "นางบุญมี ศรีสุข",
             "สวัสดิการนอนโรงพยาบาล 3 คืน คืนละ 200 บาท", "ตามระเบียบกองทุน พ.ศ. 2566 ข้อ 6", "600.00",
             "(หกร้อยบาทถ้วน)", "ผู้อนุมัติ", "นายประยูร มั่นคง", "ผู้จ่ายเงิน", "นางสาวลำดวน ทองคำ",
             "ผู้รับเงิน / Recipient")
    assert exact("หกร้อยบาทถ้วน") in exact(text)


def test_a_table_formats_money_dates_and_totals(tmp_path):
    path = write(render_table_pdf(statement(), HEADER), tmp_path)
    text = text_of(path)
    contains(text, "รายการเคลื่อนไหวของสมาชิก", "นางสมหญิง ใจดี สมาชิกเลขที่ 0042", "ณ วันที่ 30 กันยายน 2568",
             "1 ม.ค. 2568", "เงินสมทบงวดที่ 1", "1 มี.ค. 2568", "30.00", "รวม", "90.00",
             "เงินสมทบเป็นเงินออมบุญ ไม่คืนเมื่อลาออก")
    assert re.search(r"รวม\s+90\s+90\.00", text), text


def test_a_long_table_runs_over_pages_and_keeps_every_row(tmp_path):
    path = write(render_table_pdf(statement(rows=120), HEADER), tmp_path)
    assert int(info(path)["Pages"]) >= 3
    text = text_of(path)
    contains(text, "เงินสมทบงวดที่ 120", "3,600.00", "3,600")
    assert normalize(text).count(normalize("จำนวนเงิน")) >= 3, "the column header repeats on each page"


def test_a_table_on_the_receipt_roll(tmp_path):
    path = write(render_table_pdf(statement(), HEADER, paper="80mm"), tmp_path)
    assert page_size(path)[0] == pytest.approx(ROLL_WIDTH_PT, abs=0.5)
    contains(text_of(path), "รายการเคลื่อนไหวของสมาชิก", "90.00")


def test_the_embedded_fonts_are_thai_fonts(tmp_path):
    for i, pdf in enumerate((render_receipt_pdf(receipt(3000), HEADER), render_voucher_pdf(voucher(), HEADER))):
        out = run("pdffonts", str(write(pdf, tmp_path, f"{i}.pdf")))
        fonts = [line.split() for line in out.splitlines()[2:] if line.strip()]
        assert fonts, out
        for font in fonts:
            assert any(name in font[0] for name in THAI_FONTS), out
            assert "yes" in font[-5], f"{font[0]} is not embedded:\n{out}"


def test_markup_in_names_is_printed_not_obeyed(tmp_path):
    text = text_of(write(render_receipt_pdf(receipt(3000, name="<b>นายก</b> & ลูก"), HEADER), tmp_path))
    contains(text, "<b>นายก</b> & ลูก")


def test_bangkok_says_khwaeng_and_khet(tmp_path):
    header = OrgHeader("กองทุนสวัสดิการชุมชนแขวงคลองเตย", tambon="คลองเตย", district="คลองเตย",
                       province="กรุงเทพมหานคร")
    assert header.place_line() == "แขวงคลองเตย เขตคลองเตย กรุงเทพมหานคร"
    contains(text_of(write(render_receipt_pdf(receipt(3000), header), tmp_path)), "แขวงคลองเตย เขตคลองเตย")


def test_rendering_needs_no_django_settings(tmp_path):
    out = tmp_path / "r.pdf"
    code = (
        "from datetime import date\n"
        "from kongthun.documents.domain import OrgHeader, ReceiptDoc, ReceiptLine\n"
        "from kongthun.documents.render import render_receipt_pdf\n"
        "doc = ReceiptDoc('1', date(2025, 1, 2), 'ก', '1', (ReceiptLine('x', 100),), 'ข')\n"
        f"open({str(out)!r}, 'wb').write(render_receipt_pdf(doc, OrgHeader('กองทุน')))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    contains(text_of(out), "2 มกราคม 2568", "หนึ่งบาทถ้วน")


def test_rasterized_page(tmp_path):
    """Writes var/screenshots/documents-receipt-80mm.png and -voucher-a4.png for a human to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, pdf in (("receipt-80mm", render_receipt_pdf(receipt(3000, 9075), HEADER, paper="80mm")),
                      ("voucher-a4", render_voucher_pdf(voucher(), HEADER))):
        stem = SCREENSHOTS / f"documents-{name}"
        run("pdftoppm", "-r", "150", "-png", "-singlefile", str(write(pdf, tmp_path, f"{name}.pdf")), str(stem))
        png = stem.with_suffix(".png").read_bytes()
        assert png.startswith(b"\x89PNG") and len(png) > 10_000


@pytest.mark.parametrize(("make", "code"), [
    (lambda: receipt(3000, void=True, reason=" "), "invalid.void_reason_missing"),
    (lambda: receipt(), "invalid.receipt_empty"),
    (lambda: receipt(-100), "invalid.amount_negative"),
    (lambda: PaymentVoucherDoc("1", date(2025, 1, 1), "ก", ("x",), 0, "ข"), "invalid.amount_not_positive"),
    (lambda: PaymentVoucherDoc("1", date(2025, 1, 1), "ก", (), 100, "ข"), "invalid.voucher_purpose_missing"),
    (lambda: TableDoc("t", (Column("a"),), (("x", "y"),)), "invalid.table_row_width"),
    (lambda: TableDoc("t", (Column("a"),), (), totals=()), "invalid.table_row_width"),
    (lambda: render_receipt_pdf(receipt(100), HEADER, paper="a5"), "invalid.paper"),
])
def test_a_document_that_would_print_wrong_is_refused(make, code):
    with pytest.raises(DomainError) as caught:
        make()
    assert caught.value.code == code
