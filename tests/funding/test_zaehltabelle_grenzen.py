"""Count tables cannot take the server down (#18, finding 4): the unpacked size of an XLSX is checked
before parsing, rows are capped, and a file full of errors reports fifty problems and a count."""

import io
import zipfile

from openpyxl import Workbook

from portal.funding import zaehltabelle
from portal.funding.zaehltabelle import MAX_PROBLEME, MAX_ZEILEN, read_counts


def test_a_zip_bomb_is_refused_before_parsing():
    """A small upload whose sheet XML unpacks far beyond any count table (compressed it is tiny)."""
    puffer = io.BytesIO()
    with zipfile.ZipFile(puffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/worksheets/sheet1.xml", "<row/>" * (5 * 1024 * 1024))  # 30 MB of XML
    roh = puffer.getvalue()
    assert len(roh) < 1024 * 1024
    problems = []
    assert read_counts(roh, "z.xlsx", problems) == []
    assert len(problems) == 1 and "entpackt 30 MB groß" in problems[0]


def test_rows_are_capped_in_xlsx_and_csv(monkeypatch):
    monkeypatch.setattr(zaehltabelle, "MAX_ZEILEN", 50)
    wb = Workbook()
    ws = wb.active
    ws.append(["ags", "name", "count"])
    for i in range(60):
        ws.append([f"08{i:06d}", f"G{i}", 1])
    puffer = io.BytesIO()
    wb.save(puffer)
    problems = []
    assert read_counts(puffer.getvalue(), "z.xlsx", problems) == []
    assert problems == ["Die Tabelle hat mehr als 50 Zeilen; eine Zähltabelle hat eine Zeile je Gemeinde."]
    csv = "ags;name;count\n" + "".join(f"08{i:06d};G{i};1\n" for i in range(60))
    problems = []
    assert read_counts(csv.encode(), "z.csv", problems) == []
    assert "mehr als 50 Zeilen" in problems[0]


def test_many_problems_end_with_a_count():
    csv = "ags;name;count\n" + "".join(f"x{i};G{i};eins\n" for i in range(200))
    problems = []
    read_counts(csv.encode(), "z.csv", problems)
    assert len(problems) == MAX_PROBLEME + 1
    assert problems[-1] == "… und 350 weitere Probleme."  # two problems per line, 400 in all
    assert MAX_ZEILEN >= 1200  # the Land's 1,101 Gemeinden fit in one table
