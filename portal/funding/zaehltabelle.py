"""Reading count tables (CSV or XLSX with the columns AGS, Name, Anzahl/count) line by line.

Shared by the coordinator's import (with preview) and the ``allocate`` command, so both accept the
same files and report problems the same way: one German message per problem, naming the line.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from portal.core.darstellung import anzahl

COLUMNS = {"ags": ("ags",), "name": ("name", "gemeinde"), "count": ("count", "anzahl")}

#: A Kreis has a few hundred Gemeinden, the Land about 1,100: more rows are no count table.
MAX_ZEILEN = 5000
#: An XLSX file is a ZIP; its unpacked content is checked before parsing (a 789 KB upload unpacked to
#: 232 MB of sheet XML and took a server down).
MAX_ENTPACKT = 20 * 1024 * 1024
#: After this many problems the list ends with "… und N weitere".
MAX_PROBLEME = 50


@dataclass
class Zeile:
    """One line of a count table: its line number, AGS, name and count of persons."""

    zeile_nr: int
    ags: str
    name: str
    anzahl: int


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_table(raw: bytes, filename: str, problems: list[str]) -> list[list[str]]:
    """The table's rows as strings (first row = header). XLSX or CSV is told by content, not by name."""
    if raw.startswith(b"PK\x03\x04"):
        try:
            entpackt = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(raw)).infolist())
        except zipfile.BadZipFile:
            entpackt = None
        if entpackt is None:
            problems.append(_("Die Datei ist keine lesbare XLSX-Arbeitsmappe."))
            return []
        if entpackt > MAX_ENTPACKT:
            problems.append(
                _(
                    "Die Arbeitsmappe ist entpackt %(mb)s MB groß; eine Zähltabelle mit höchstens %(max)s "
                    "Zeilen ist viel kleiner. Bitte nur die Tabelle mit AGS, Name und Anzahl hochladen."
                )
                % {"mb": entpackt // (1024 * 1024), "max": anzahl(MAX_ZEILEN)}
            )
            return []
        try:
            sheet = load_workbook(io.BytesIO(raw), read_only=True, data_only=True).worksheets[0]
            zeilen = []
            for row in sheet.iter_rows(values_only=True):
                zeilen.append([_cell(v) for v in row])
                if len(zeilen) > MAX_ZEILEN + 1:
                    return _zu_viele_zeilen(problems)
            return zeilen
        except Exception:  # noqa: BLE001 – any unreadable workbook is the same problem to the user
            problems.append(_("Die Datei ist keine lesbare XLSX-Arbeitsmappe."))
            return []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # German Excel saves "CSV (Trennzeichen-getrennt)" in Windows-1252 (#18, finding 8)
        text = raw.decode("cp1252", errors="replace")
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    zeilen = []
    for row in csv.reader(io.StringIO(text), delimiter=delimiter):
        zeilen.append([cell.strip() for cell in row])
        if len(zeilen) > MAX_ZEILEN + 1:
            return _zu_viele_zeilen(problems)
    return zeilen


def _zu_viele_zeilen(problems: list[str]) -> list:
    problems.append(
        _("Die Tabelle hat mehr als %(max)s Zeilen; eine Zähltabelle hat eine Zeile je Gemeinde.")
        % {"max": anzahl(MAX_ZEILEN)}
    )
    return []


def parse_counts(table: list[list[str]], problems: list[str]) -> list[Zeile]:
    if not table or not any(table[0]):
        problems.append(_("Zeile 1: Kopfzeile fehlt (erwartet: ags,name,count)."))
        return []
    header = [h.strip().lower() for h in table[0]]
    index, missing = {}, []
    for key, aliases in COLUMNS.items():
        found = next((header.index(a) for a in aliases if a in header), None)
        if found is None:
            missing.append(key)
        index[key] = found
    if missing:
        problems.append(
            _("Zeile 1: Spalte(n) %(columns)s fehlen (erwartet: ags,name,count).")
            % {"columns": ", ".join(missing)}
        )
        return []
    rows, seen = [], {}
    for line_no, record in enumerate(table[1:], start=2):
        if not any(cell for cell in record):
            continue
        if len(record) <= max(index.values()):
            problems.append(_("Zeile %(line)s: zu wenige Spalten.") % {"line": line_no})
            continue
        ags, name, count_text = (record[index[k]] for k in ("ags", "name", "count"))
        if not re.fullmatch(r"\d{8}", ags):
            problems.append(
                _("Zeile %(line)s: AGS „%(ags)s“ hat nicht genau 8 Ziffern.") % {"line": line_no, "ags": ags}
            )
        elif ags in seen:
            problems.append(
                _("Zeile %(line)s: AGS %(ags)s kommt doppelt vor (zuerst in Zeile %(first)s).")
                % {"line": line_no, "ags": ags, "first": seen[ags]}
            )
        else:
            seen[ags] = line_no
        if not re.fullmatch(r"\d+", count_text):
            problems.append(
                _("Zeile %(line)s: Anzahl „%(count)s“ ist keine ganze Zahl ≥ 0.")
                % {"line": line_no, "count": count_text}
            )
            continue
        rows.append(Zeile(line_no, ags, name, int(count_text)))
    if not rows and not problems:
        problems.append(_("Die Datei enthält keine Gemeinden."))
    elif rows and sum(r.anzahl for r in rows) == 0:
        problems.append(_("Alle Anzahlen sind 0: es gibt nichts zu verteilen."))
    return rows


def read_counts(raw: bytes, filename: str, problems: list[str]) -> list[Zeile]:
    """Rows of a count table; problems are appended (an unreadable file is one problem, not many)."""
    before = len(problems)
    table = read_table(raw, filename, problems)
    rows = parse_counts(table, problems) if len(problems) == before else []
    if len(problems) - before > MAX_PROBLEME:
        weitere = len(problems) - before - MAX_PROBLEME
        del problems[before + MAX_PROBLEME :]
        problems.append(_("… und %(n)s weitere Probleme.") % {"n": anzahl(weitere)})
    return rows
