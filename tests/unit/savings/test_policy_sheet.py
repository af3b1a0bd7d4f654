"""A savings collection sheet read in pure Python: amounts as written (commas, Thai digits), Thai column
names, blank rows skipped, every bad cell named by row and column in Thai and English."""

from __future__ import annotations

from kongthun.savings.domain.savings_sheet import read_savings_csv


def test_a_good_sheet():
    rows, problems = read_savings_csv("เลขสมาชิก,เงินสัจจะ,ค่าหุ้น,pay_fines\n"
                                      "00001,200,100,\n00002,\"1,000.00\",,no\n00003,๒๐๐,,\n00004,,,\n00005,,,yes\n")
    assert problems == []
    assert [(r.row, r.member_no, r.sajja, r.shares, r.pay_fines) for r in rows] == [
        (2, "00001", 20_000, 10_000, True), (3, "00002", 100_000, 0, False), (4, "00003", 20_000, 0, True),
        (6, "00005", 0, 0, True)]


def test_every_bad_cell_is_named():
    rows, problems = read_savings_csv("member_no,sajja_baht,shares_baht,pay_fines\n"
                                      "00001,abc,,\n,200,,\n00003,200,-5,\n00004,200,,maybe\n00004,100,,\n")
    got = sorted((p.row, p.column) for p in problems)
    assert got == [(2, "sajja_baht"), (3, "member_no"), (4, "shares_baht"), (5, "pay_fines"), (6, "member_no")]
    assert all(p.message_th and p.message_en for p in problems)
    assert [r.member_no for r in rows] == []


def test_missing_columns_and_empty_files():
    rows, problems = read_savings_csv("member_no,amount\n1,2\n")
    assert not rows and problems[0].column == "sajja_baht"
    rows, problems = read_savings_csv("member_no,sajja_baht\n")
    assert not rows and problems[0].message_en == "The file has no rows"


def test_balances_brought_forward():
    from kongthun.savings.domain.savings_sheet import read_opening_csv

    rows, problems = read_opening_csv("เลขสมาชิก,เงินฝาก,ค่าหุ้น\n00001,\"1,500.00\",200\n00002,,\n00003,x,100\n"
                                      "00001,5,\n")
    assert [(r.row, r.member_no, r.savings, r.shares) for r in rows] == [(2, "00001", 150_000, 20_000)]
    assert sorted((p.row, p.column) for p in problems) == [(4, "savings_baht"), (5, "member_no")]


def test_a_missing_column_is_named_in_row_1():
    from kongthun.savings.domain.savings_sheet import read_opening_csv

    assert [(p.row, p.column, p.message_th, p.message_en) for p in read_savings_csv("เลขสมาชิก,หุ้น\n0001,100\n")[1]] == [
        (1, "sajja_baht", "ไม่มีคอลัมน์ sajja_baht (ต้องมี member_no, sajja_baht)",
         "Missing column(s) sajja_baht (member_no and sajja_baht are needed)")]
    rows, problems = read_opening_csv("member_no\n0001\n")
    assert not rows and [(p.row, p.column, p.message_th, p.message_en) for p in problems] == [
        (1, "savings_baht, shares_baht", "ไม่มีคอลัมน์ savings_baht, shares_baht",
         "Missing column(s) savings_baht, shares_baht")]
