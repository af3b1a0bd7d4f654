"""A welfare fund's reports (รายงาน): member statement, cash book, annual statements and the annual
report in the shape CODI asks for; as HTML, PDF and Excel. Reads only: no models, no writes."""
