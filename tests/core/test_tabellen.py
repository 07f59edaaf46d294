"""Text somebody typed is inert in every table export: no formula, no DDE call, in CSV and XLSX."""

import csv
import datetime
import io
from decimal import Decimal

from openpyxl import load_workbook

from portal.core.tabellen import tabelle_csv, tabelle_xlsx

BOESE = ['=HYPERLINK("http://example.org/x";"Klick")', "=1+2", "+49 7131 994-0", "-2+3", "@SUM(A1)", "\tx"]


def test_csv_cells_that_would_be_formulas_start_with_an_apostrophe():
    inhalt = tabelle_csv([["Text", "Betrag"], *[[b, Decimal("-5.00")] for b in BOESE], ["Nordheim", 3]])
    zeilen = list(csv.reader(io.StringIO(inhalt.decode("utf-8-sig")), delimiter=";"))
    assert [z[0] for z in zeilen[1:-1]] == ["'" + b for b in BOESE]
    assert zeilen[1][1] == "-5,00"  # a number stays a number (decimal comma), even a negative one
    assert zeilen[-1] == ["Nordheim", "3"]


def test_xlsx_cells_that_would_be_formulas_stay_text_as_typed():
    inhalt = tabelle_xlsx("Register", [["Text"], *[[b] for b in BOESE]], vorspann=[["=1+1 Vorspann"]])
    ws = load_workbook(io.BytesIO(inhalt)).active
    zellen = [ws.cell(row=r, column=1) for r in range(1, ws.max_row + 1)]
    assert all(z.data_type != "f" for z in zellen)
    assert [z.value for z in zellen[3:]] == BOESE  # below the title block, blank row and header
    assert ws["A1"].value == "=1+1 Vorspann" and ws["A1"].data_type == "s"


def test_xlsx_is_ready_to_use_in_a_german_office():
    import datetime

    inhalt = tabelle_xlsx(
        "Weiterleitungen",
        [
            ["Empfänger", "AGS", "IBAN", "Betrag (EUR)", "VZÄ", "freigegeben am", "Tranche", "Zweck"],
            [
                "Nordheim",
                "08125074",
                "DE89 3704 0044 0532 0130 00",
                Decimal("1199249.60"),
                Decimal("0.75"),
                datetime.date(2028, 3, 1),
                1,
                "Integrationsmanagement 2028, Tranche 1",
            ],
        ],
    )
    wb = load_workbook(io.BytesIO(inhalt))
    ws = wb.active
    assert wb.properties.title == "Weiterleitungen"
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:H2"
    assert ws["A1"].font.bold and ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws["B2"].value == "08125074" and ws["B2"].data_type == "s"  # the AGS stays text
    assert Decimal(str(ws["D2"].value)) == Decimal("1199249.6")  # a real number, not text
    assert ws["D2"].number_format == "#,##0.00"
    assert ws["F2"].number_format == "DD.MM.YYYY" and ws["F2"].is_date
    assert ws.column_dimensions["C"].width >= len("DE89 3704 0044 0532 0130 00")  # the IBAN is not cut off


def test_csv_profile_for_german_excel():
    """BOM, semicolon, CRLF, decimal comma, TT.MM.JJJJ, Berlin time, AGS quoted as text, empty for None."""
    import zoneinfo

    zeit = datetime.datetime(2026, 5, 31, 22, 30, tzinfo=zoneinfo.ZoneInfo("UTC"))
    inhalt = tabelle_csv(
        [
            ["AGS", "Betrag", "VZÄ", "Frist", "eingereicht", "Kennzahl", "Notiz"],
            [
                "08125001",
                Decimal("31421.39"),
                Decimal("0.75"),
                datetime.date(2027, 5, 31),
                zeit,
                None,
                'a;"b"',
            ],
        ]
    )
    assert inhalt.startswith(b"\xef\xbb\xbf")
    zeilen = inhalt.decode("utf-8-sig").split("\r\n")
    assert zeilen[1] == '"08125001";31421,39;0,75;31.05.2027;01.06.2026 00:30;;"a;""b"""'
    assert zeilen[2] == ""


def test_title_block_sums_as_formulas_and_document_properties():
    from portal.core.tabellen import Summe

    inhalt = tabelle_xlsx(
        "Gesamt",
        [
            ["Empfänger", "Betrag (EUR)"],
            ["A", Decimal("1.50")],
            ["B", None],
            ["Summe", Summe(Decimal("1.50"))],
        ],
        vorspann=[["Gesamtverwendungsnachweis 2028"], ["Verwendungsnachweise geprüft", 3]],
        betreff="Landkreis Heilbronn – Förderjahr 2028",
        autor="Şule Łukasiewicz",
    )
    wb = load_workbook(io.BytesIO(inhalt))
    ws = wb.active
    assert ws["A4"].value == "Empfänger" and ws["A4"].font.b and ws.freeze_panes == "A5"
    assert ws.auto_filter.ref == "A4:B7" and ws.print_title_rows == "$4:$4"
    assert ws["B6"].value is None  # empty stays empty
    assert ws["B7"].value == "=SUM(B5:B6)" and ws["B7"].number_format == "#,##0.00"
    assert wb.properties.subject == "Landkreis Heilbronn – Förderjahr 2028"
    assert wb.properties.creator == "Şule Łukasiewicz" and wb.properties.created is not None
    assert wb.calculation.fullCalcOnLoad
    # the CSV of the same rows carries the value of the sum
    assert tabelle_csv([["Summe", Summe(Decimal("1.50"))]]).decode("utf-8-sig") == "Summe;1,50\r\n"
