"""A chart (welfare.reports.domain.charts.Chart) ready for templates/web/_chart.html: the same numbers as
the data Chart.js draws (json_script) and as the table beside it."""

from __future__ import annotations

from kongthun.money import format_baht
from kongthun.welfare.reports.domain.charts import BAHT, Chart


def value_text(chart: Chart, value: int) -> str:
    return format_baht(value, unit="") if chart.unit == BAHT else f"{value:,}"


def chart_view(chart: Chart) -> dict:
    """Caption, table rows (label, text) and the data for static/web/charts.js (values in satang for baht:
    the script divides by 100, so no float ever holds money on the server)."""
    return {
        "key": chart.key, "caption": chart.caption, "label_header": chart.label_header,
        "value_header": chart.value_header, "empty": chart.empty,
        "rows": [(label, value_text(chart, v)) for label, v in zip(chart.labels, chart.values, strict=True)],
        "data_id": f"chart-data-{chart.key}",
        "data": {"kind": chart.kind, "unit": chart.unit, "label": chart.value_header, "labels": list(chart.labels),
                 "values": list(chart.values)},
    }
