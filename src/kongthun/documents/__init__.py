"""Printed documents (เอกสารพิมพ์): receipts, payment vouchers and tables as PDF.

`domain` holds the pure records; `render` turns them into PDF with WeasyPrint and a
Thai font from fonts-thai-tlwg, on A4 or an 80 mm receipt printer's roll.
"""
