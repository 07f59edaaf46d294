"""Tables as files for people who work in spreadsheets: CSV (semicolon, UTF-8 with BOM, as German
spreadsheet programs open it without asking) and XLSX (openpyxl, bold frozen header)."""

import csv
import io
from collections.abc import Iterable

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def tabelle_csv(rows: Iterable[list]) -> bytes:
    """The first row is the header."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in rows:
        writer.writerow(row)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def tabelle_xlsx(title: str, rows: Iterable[list]) -> bytes:
    """The first row is the header (bold, frozen)."""
    wb = Workbook()
    ws = wb.active
    ws.title = str(title)[:31]
    for i, row in enumerate(rows):
        ws.append(row)
        if i == 0:
            for cell in ws[1]:
                cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def download(content: bytes, filename: str) -> HttpResponse:
    content_type = XLSX_TYPE if filename.endswith(".xlsx") else "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
