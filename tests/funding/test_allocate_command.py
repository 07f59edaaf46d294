"""``manage.py allocate``: the same calculation for spreadsheets; bad input writes nothing, exit 2."""

import csv
import io

import pytest
from django.core.management import call_command


def run(tmp_path, content: bytes | str, *, total="1810740.00", out=True, capsys=None):
    counts = tmp_path / "counts.csv"
    counts.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    args = ["allocate", "--total", total, "--counts", str(counts)]
    target = tmp_path / "shares.csv"
    if out:
        args += ["--out", str(target)]
    call_command(*args)
    return target


def test_writes_shares_in_input_order(tmp_path):
    target = run(tmp_path, "ags,name,count\n08226002,Bammental,1211\n08226001,Altlußheim,23\n")
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows == [
        ["ags", "name", "count", "share"],
        ["08226002", "Bammental", "1211", "1776990.39"],
        ["08226001", "Altlußheim", "23", "33749.61"],
    ]


def test_semicolon_and_bom_and_stdout(tmp_path, capsys):
    run(
        tmp_path,
        "\ufeffags;name;count\r\n08125074;Nordheim;10\r\n08125013;Brackenheim;30\r\n".encode(),
        total="100.01",
        out=False,
    )
    output = capsys.readouterr().out
    assert output.splitlines() == [
        "ags,name,count,share",
        "08125074,Nordheim,10,25.00",
        "08125013,Brackenheim,30,75.01",
    ]


def test_extra_columns_and_upper_case_header_are_fine(tmp_path):
    target = run(tmp_path, "AGS,Name,Count,Bemerkung\n08125074,Nordheim,1,x\n", total="5")
    assert target.read_text().splitlines()[1] == "08125074,Nordheim,1,5.00"


def fails(tmp_path, capsys, content, total="1000.00"):
    target = tmp_path / "shares.csv"
    with pytest.raises(SystemExit) as excinfo:
        run(tmp_path, content, total=total)
    assert excinfo.value.code == 2
    assert not target.exists()
    return capsys.readouterr().err.strip().splitlines()


def test_missing_column(tmp_path, capsys):
    assert fails(tmp_path, capsys, "ags,name\n08125074,Nordheim\n") == [
        "Zeile 1: Spalte(n) count fehlen (erwartet: ags,name,count)."
    ]


def test_every_bad_line_is_named(tmp_path, capsys):
    lines = fails(
        tmp_path,
        capsys,
        "ags,name,count\n08125074,Nordheim,2.5\n08125013,Brackenheim,-3\n08125074,Nordheim,4\n1234,Kurz,1\n",
    )
    assert lines == [
        "Zeile 2: Anzahl „2.5“ ist keine ganze Zahl ≥ 0.",
        "Zeile 3: Anzahl „-3“ ist keine ganze Zahl ≥ 0.",
        "Zeile 4: AGS 08125074 kommt doppelt vor (zuerst in Zeile 2).",
        "Zeile 5: AGS „1234“ hat nicht genau 8 Ziffern.",
    ]


def test_text_count(tmp_path, capsys):
    assert fails(tmp_path, capsys, "ags,name,count\n08125074,Nordheim,zwölf\n") == [
        "Zeile 2: Anzahl „zwölf“ ist keine ganze Zahl ≥ 0."
    ]


def test_all_counts_zero(tmp_path, capsys):
    assert fails(tmp_path, capsys, "ags,name,count\n08125074,Nordheim,0\n08125013,Brackenheim,0\n") == [
        "Alle Anzahlen sind 0: es gibt nichts zu verteilen."
    ]


@pytest.mark.parametrize("total", ["0", "-1.00", "100.001", "1.810.740,00", "abc", ""])
def test_total_must_be_a_positive_amount_with_two_decimals(tmp_path, capsys, total):
    lines = fails(tmp_path, capsys, "ags,name,count\n08125074,Nordheim,1\n", total=total)
    assert len(lines) == 1 and lines[0].startswith("--total:")


def test_problems_in_total_and_file_are_reported_together(tmp_path, capsys):
    lines = fails(tmp_path, capsys, "ags,name,count\n08125074,Nordheim,x\n", total="0")
    assert len(lines) == 2


def test_german_excel_csv_in_windows_1252_is_read(tmp_path):
    """German Excel saves CSV in Windows-1252: Güglingen keeps its umlaut (#18, finding 8)."""
    target = run(tmp_path, "ags;name;count\r\n08125039;Güglingen;10\r\n".encode("cp1252"))
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[1] == ["08125039", "Güglingen", "10", "1810740.00"]


def test_excel_de_profile_for_german_excel(tmp_path):
    """``--format excel-de``: BOM, semicolon, CRLF, decimal comma, AGS quoted as text, a typed name inert."""
    counts = tmp_path / "counts.csv"
    counts.write_text(
        "ags,name,count\n08226002,Bammental,1211\n08226001,=HYPERLINK(x),23\n", encoding="utf-8"
    )
    target = tmp_path / "shares.csv"
    call_command(
        "allocate",
        "--total",
        "1810740.00",
        "--counts",
        str(counts),
        "--out",
        str(target),
        "--format",
        "excel-de",
    )
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").split("\r\n") == [
        "AGS;Gemeinde;Anzahl Personen;Anteil (EUR)",
        '"08226002";Bammental;1211;1776990,39',
        '"08226001";\'=HYPERLINK(x);23;33749,61',
        "",
    ]
