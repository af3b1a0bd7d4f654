"""A printed report (รายงานฉบับพิมพ์): a heading and several titled tables, the same record printed as
PDF, written as Excel and shown as a web page."""

from __future__ import annotations

from dataclasses import dataclass

from kongthun.documents.domain import TableDoc
from kongthun.errors import DomainError


@dataclass(frozen=True)
class ReportDoc:
    """Each table under its own title; notes (totals in Thai words) and the lines for the committee to sign."""

    title: str
    tables: tuple[TableDoc, ...]
    subtitle_lines: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    signatures: tuple[str, ...] = ()
    landscape: bool = False
    file_stem: str = "report"

    def __post_init__(self) -> None:
        if not self.tables:
            raise DomainError("invalid.report_empty", "รายงานต้องมีตารางอย่างน้อยหนึ่งตาราง",
                              "A report needs at least one table", self.title)
