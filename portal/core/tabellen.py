"""Tables as files for people who work in spreadsheets: CSV (semicolon, UTF-8 with BOM, as German
spreadsheet programs open it without asking) and XLSX (openpyxl, bold frozen header). Every table export
of the portal writes through these two functions, so a rule for all spreadsheets (number formats, widths,
formula injection) has one place."""

import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: A text cell starting with one of these is a formula to Excel and LibreOffice (or a DDE call).
FORMEL_ANFANG = ("=", "+", "-", "@", "\t", "\r")


class Summe:
    """A sum over the data rows above, in its column (with ``zeile=True``: over the cells to its left
    from column B, in its row): a live ``=SUM(…)`` in XLSX, so the sheet stays right when someone
    corrects a figure; the value ``wert`` in CSV and PDF."""

    def __init__(self, wert, zeile: bool = False):
        self.wert = wert
        self.zeile = zeile

    def __str__(self):
        return str(self.wert)


def inert(wert):
    """Text somebody typed stays text in a CSV: a leading apostrophe keeps a spreadsheet from reading
    ``=HYPERLINK(…)`` or ``+49 …`` as a formula (numbers and dates are left as they are)."""
    if isinstance(wert, str) and wert.startswith(FORMEL_ANFANG):
        return "'" + wert
    return wert


def _csv_text(wert) -> str:
    """One cell in German Excel's notation: decimal comma (``31421,39``, ``0,75``), dates ``TT.MM.JJJJ``,
    points in time ``TT.MM.JJJJ HH:MM`` in Berlin time, empty for None; typed text made inert."""
    if isinstance(wert, Summe):
        wert = wert.wert
    if wert is None:
        return ""
    if isinstance(wert, bool):
        return "ja" if wert else "nein"
    if isinstance(wert, Decimal):
        return (f"{wert:.2f}" if wert == wert.quantize(Decimal("0.01")) else f"{wert.normalize():f}").replace(
            ".", ","
        )
    if isinstance(wert, datetime.datetime):
        if timezone.is_aware(wert):
            wert = timezone.localtime(wert)
        return wert.strftime("%d.%m.%Y %H:%M")
    if isinstance(wert, datetime.date):
        return wert.strftime("%d.%m.%Y")
    return str(inert(wert))


def _csv_feld(wert) -> str:
    text = _csv_text(wert)
    # Digits only (AGS 08125001, Kreisschlüssel) are quoted so that they read as text, keeping leading
    # zeros; anything with a separator, quote or line break is quoted as RFC 4180 says.
    if (isinstance(wert, str) and text.isdigit()) or any(z in text for z in ';"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def tabelle_csv(rows: Iterable[list]) -> bytes:
    """The German-Excel profile of every CSV of the portal: UTF-8 with BOM, ``;``, decimal comma, CRLF,
    digit-only codes (AGS) quoted as text, no live formula. The first row is the header."""
    zeilen = [";".join(_csv_feld(wert) for wert in row) for row in rows]
    return ("\ufeff" + "".join(zeile + "\r\n" for zeile in zeilen)).encode("utf-8")


#: Number formats Excel and LibreOffice show in German notation in a German locale.
FORMAT_GELD = "#,##0.00"
FORMAT_GANZZAHL = "0"
FORMAT_DATUM = "DD.MM.YYYY"
FORMAT_ZEITPUNKT = "DD.MM.YYYY HH:MM"
KOPF_FUELLUNG = PatternFill("solid", fgColor="DCE6F0")


def _zelle_einrichten(cell) -> None:
    """A cell as a spreadsheet user expects it: typed text stays text, numbers and dates get a format."""
    wert = cell.value
    if cell.data_type == "f":  # openpyxl takes a string starting with "=" for a formula
        cell.data_type = "s"  # a typed text stays text, shown as typed
    elif isinstance(wert, str) and wert.isdigit():
        cell.number_format = "@"  # AGS and other codes stay text with their leading zeros
    elif isinstance(wert, Decimal):
        cell.number_format = FORMAT_GELD if wert == wert.quantize(Decimal("0.01")) else "0.00##"
    elif isinstance(wert, datetime.datetime):
        cell.number_format = FORMAT_ZEITPUNKT
    elif isinstance(wert, datetime.date):
        cell.number_format = FORMAT_DATUM
    elif isinstance(wert, int) and not isinstance(wert, bool):
        cell.number_format = FORMAT_GANZZAHL


def _xlsx_wert(wert):
    """Spreadsheets know no time zones: a point in time is written as Berlin wall-clock time."""
    if isinstance(wert, datetime.datetime) and timezone.is_aware(wert):
        return timezone.localtime(wert).replace(tzinfo=None)
    return wert


def _anzeigebreite(wert) -> int:
    if wert is None or (isinstance(wert, str) and wert.startswith("=SUM(")):
        return 0
    if isinstance(wert, Decimal):
        return len(f"{wert:,.2f}") + 1
    if isinstance(wert, datetime.datetime):
        return 16
    if isinstance(wert, datetime.date):
        return 10
    return max((len(zeile) for zeile in str(wert).splitlines()), default=0)


def tabelle_xlsx(
    title: str,
    rows: Iterable[list],
    vorspann: Sequence[list] = (),
    fixierte_spalten: int = 0,
    breiten: dict[str, int] | None = None,
    betreff: str = "",
    autor: str = "",
) -> bytes:
    """The first row of ``rows`` is the header (bold, shaded, frozen, with an autofilter).

    ``vorspann``: a title block above the table (its first row bold, then a blank row), as the Land's
    templates have; ``fixierte_spalten``: columns that stay visible when scrolling right; ``breiten``:
    column widths by letter (otherwise from the content); ``betreff`` (Kreis, Förderjahr) and ``autor``
    (who exported it) go into the document properties with the time of creation. A ``Summe`` cell
    becomes ``=SUM`` over the data rows above it. Money (Decimal) gets ``#,##0.00``, dates
    ``TT.MM.JJJJ``; the sheet prints on the page width (landscape when wide) with the header row on
    every page."""
    wb = Workbook()
    ws = wb.active
    ws.title = str(title)[:31]
    wb.properties.title = str(title)
    wb.properties.creator = autor or "Integrationsmanagement-Portal"
    wb.properties.lastModifiedBy = autor or "Integrationsmanagement-Portal"
    wb.properties.subject = betreff or None
    wb.properties.created = wb.properties.modified = timezone.now().replace(tzinfo=None, microsecond=0)
    wb.properties.keywords = "Integrationsmanagement"
    wb.calculation.fullCalcOnLoad = True  # formulas (sums) show their values when the file is opened
    for row in vorspann:
        ws.append([_xlsx_wert(wert) for wert in row])
        for cell in ws[ws.max_row]:
            _zelle_einrichten(cell)
    if vorspann:
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.append([])
    kopfzeile = len(vorspann) + 2 if vorspann else 1  # ws.max_row does not count the blank row
    spalten = 0
    for i, row in enumerate(rows):
        ws.append([None if isinstance(wert, Summe) else _xlsx_wert(wert) for wert in row])
        spalten = max(spalten, len(row))
        for cell in ws[ws.max_row]:
            _zelle_einrichten(cell)
        for nr, wert in enumerate(row, start=1):
            if isinstance(wert, Summe):
                buchstabe = get_column_letter(nr)
                cell = ws.cell(row=ws.max_row, column=nr)
                if wert.zeile:
                    cell.value = f"=SUM(B{ws.max_row}:{get_column_letter(nr - 1)}{ws.max_row})"
                else:
                    cell.value = f"=SUM({buchstabe}{kopfzeile + 1}:{buchstabe}{ws.max_row - 1})"
                cell.number_format = FORMAT_GELD if isinstance(wert.wert, Decimal) else FORMAT_GANZZAHL
                cell.font = Font(bold=not wert.zeile)
        if i == 0:
            for cell in ws[kopfzeile]:
                cell.font = Font(bold=True)
                cell.fill = KOPF_FUELLUNG
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = ws.cell(row=kopfzeile + 1, column=fixierte_spalten + 1).coordinate
    if spalten and ws.max_row > kopfzeile:
        ws.auto_filter.ref = f"A{kopfzeile}:{get_column_letter(spalten)}{ws.max_row}"
    for nr in range(1, spalten + 1):
        buchstabe = get_column_letter(nr)
        inhalt = max((_anzeigebreite(c.value) for c in ws[buchstabe][kopfzeile:]), default=0)
        kopf = _anzeigebreite(ws.cell(row=kopfzeile, column=nr).value)
        ws.column_dimensions[buchstabe].width = min(max(inhalt, min(kopf, 30), 8) + 2, 60)
    for spalte, breite in (breiten or {}).items():
        ws.column_dimensions[spalte].width = breite
    ws.print_title_rows = f"{kopfzeile}:{kopfzeile}"
    ws.page_setup.orientation = "landscape" if spalten > 6 else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def download(content: bytes, filename: str) -> HttpResponse:
    content_type = XLSX_TYPE if filename.endswith(".xlsx") else "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
