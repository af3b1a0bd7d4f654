"""The collection sheet (แผ่นบันทึกการเก็บเงินสมทบ) read without a database: amounts as a treasurer writes
them, Thai headers and digits, and every bad cell reported with its row and column."""

from __future__ import annotations

from kongthun.welfare.contributions.sheet import SheetRow, read_csv, read_pairs


def test_amounts_as_written_thai_digits_headers_and_blank_lines():
    rows, problems = read_csv("\ufeffเลขที่สมาชิก,จำนวนเงิน,วิธีชำระ,ค่าสมัคร\n"
                              "0012,30,เงินสด,\n\n"
                              "0013,\"1,095.00\",cash,yes\n"
                              "๐๐๑๔,๖๐ บาท,,\n")
    assert problems == []
    assert rows == [SheetRow(2, "0012", 30_00), SheetRow(4, "0013", 1_095_00, True), SheetRow(5, "0014", 60_00)]


def test_every_bad_cell_is_reported_with_its_row_and_column():
    rows, problems = read_csv("member_no,amount,method,entry_fee\n"
                              ",30,,\n"
                              "0012,abc,,\n"
                              "0013,0,,\n"
                              "0014,30.005,,\n"
                              "0015,30,cheque,\n"
                              "0016,30,,maybe\n"
                              "0012,30,,\n")
    assert rows == []
    assert [(p.row, p.column) for p in problems] == [
        (2, "member_no"), (3, "amount"), (4, "amount"), (5, "amount"), (6, "method"), (7, "entry_fee"),
        (8, "member_no")]
    assert problems[-1].message_en == "Member 0012 already appears in row 3"
    assert problems[0].where() == "แถวที่ 2 คอลัมน์ member_no"
    assert problems[0].where(language="en") == "row 2, column member_no"


def test_missing_columns_and_an_empty_sheet():
    assert [(p.row, p.column) for p in read_csv("member,baht\n1,30\n")[1]] == [(1, "member_no, amount")]
    rows, problems = read_csv("member_no,amount\n")
    assert rows == [] and problems[0].message_en == "The file has no payments"


def test_pay_options():
    rows, problems = read_pairs(["0012=30", "0013 = 1,095.00", "0014", "0012=60"])
    assert rows == [SheetRow(1, "0012", 30_00), SheetRow(2, "0013", 1_095_00)]
    assert [(p.row, p.column) for p in problems] == [(3, "--pay"), (4, "member_no")]
