"""Tables as files for people who work in spreadsheets: CSV (semicolon, UTF-8 with BOM, as German
spreadsheet programs open it without asking) and XLSX (openpyxl, bold frozen header). Every table export
of the portal writes through these two functions, so a rule for all spreadsheets (number formats, widths,
formula injection) has one place."""

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: A text cell starting with one of these is a formula to Excel and LibreOffice (or a DDE call).
FORMEL_ANFANG = ("=", "+", "-", "@", "\t", "\r")


def inert(wert):
    """Text somebody typed stays text in a CSV: a leading apostrophe keeps a spreadsheet from reading
    ``=HYPERLINK(…)`` or ``+49 …`` as a formula (numbers and dates are left as they are)."""
    if isinstance(wert, str) and wert.startswith(FORMEL_ANFANG):
        return "'" + wert
    return wert


def tabelle_csv(rows: Iterable[list]) -> bytes:
    """The first row is the header."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in rows:
        writer.writerow([inert(wert) for wert in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def tabelle_xlsx(
    title: str,
    rows: Iterable[list],
    vorspann: Sequence[list] = (),
    fixierte_spalten: int = 0,
    breiten: dict[str, int] | None = None,
) -> bytes:
    """The first row of ``rows`` is the header (bold, frozen). ``vorspann``: a title block above the
    table (its first row bold, then a blank row), as the Land's templates have; ``fixierte_spalten``:
    columns that stay visible when scrolling right; ``breiten``: column widths by letter."""
    wb = Workbook()
    ws = wb.active
    ws.title = str(title)[:31]
    for row in vorspann:
        ws.append(list(row))
        for cell in ws[ws.max_row]:
            if cell.data_type == "f":
                cell.data_type = "s"
    if vorspann:
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.append([])
    kopfzeile = ws.max_row + 1 if vorspann else 1
    for i, row in enumerate(rows):
        ws.append(row)
        for cell in ws[ws.max_row]:
            if cell.data_type == "f":  # openpyxl takes a string starting with "=" for a formula
                cell.data_type = "s"  # a typed text stays text, shown as typed
        if i == 0:
            for cell in ws[kopfzeile]:
                cell.font = Font(bold=True)
    ws.freeze_panes = ws.cell(row=kopfzeile + 1, column=fixierte_spalten + 1).coordinate
    for spalte, breite in (breiten or {}).items():
        ws.column_dimensions[spalte].width = breite
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def download(content: bytes, filename: str) -> HttpResponse:
    content_type = XLSX_TYPE if filename.endswith(".xlsx") else "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
