"""Text somebody typed is inert in every table export: no formula, no DDE call, in CSV and XLSX."""

import csv
import io
from decimal import Decimal

from openpyxl import load_workbook

from portal.core.tabellen import tabelle_csv, tabelle_xlsx

BOESE = ['=HYPERLINK("http://example.org/x";"Klick")', "=1+2", "+49 7131 994-0", "-2+3", "@SUM(A1)", "\tx"]


def test_csv_cells_that_would_be_formulas_start_with_an_apostrophe():
    inhalt = tabelle_csv([["Text", "Betrag"], *[[b, Decimal("-5.00")] for b in BOESE], ["Nordheim", 3]])
    zeilen = list(csv.reader(io.StringIO(inhalt.decode("utf-8-sig")), delimiter=";"))
    assert [z[0] for z in zeilen[1:-1]] == ["'" + b for b in BOESE]
    assert zeilen[1][1] == "-5.00"  # a number stays a number, even a negative one
    assert zeilen[-1] == ["Nordheim", "3"]


def test_xlsx_cells_that_would_be_formulas_stay_text_as_typed():
    inhalt = tabelle_xlsx("Register", [["Text"], *[[b] for b in BOESE]], vorspann=[["=1+1 Vorspann"]])
    ws = load_workbook(io.BytesIO(inhalt)).active
    zellen = [ws.cell(row=r, column=1) for r in range(1, ws.max_row + 1)]
    assert all(z.data_type != "f" for z in zellen)
    assert [z.value for z in zellen[3:]] == BOESE  # below the title block, blank row and header
    assert ws["A1"].value == "=1+1 Vorspann" and ws["A1"].data_type == "s"
