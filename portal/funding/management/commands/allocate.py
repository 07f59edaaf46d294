"""``manage.py allocate --total 1810740.00 --counts counts.csv [--out shares.csv]``

The Mittelverteilung for coordinators who work in spreadsheets: the same calculation as the portal
(``portal.funding.allocation``), from a CSV with the columns ``ags,name,count`` (comma or semicolon,
UTF-8 with or without BOM) to a CSV with ``ags,name,count,share`` in the input order. On bad input
nothing is written, every problem is printed with its input line, and the exit status is 2.
"""

import csv
import io
import re
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from portal.funding.allocation import verteile

REQUIRED = ("ags", "name", "count")
AMOUNT = re.compile(r"^\d+(\.\d{1,2})?$")


def parse_total(text: str, problems: list[str]) -> Decimal | None:
    text = (text or "").strip()
    try:
        value = Decimal(text) if AMOUNT.match(text) else None
    except InvalidOperation:
        value = None
    if value is None or value <= 0:
        problems.append(
            _(
                "--total: „%(text)s“ ist kein positiver Betrag mit höchstens zwei Nachkommastellen "
                "(z. B. 1810740.00)."
            )
            % {"text": text}
        )
        return None
    return value


def parse_counts(raw: bytes, problems: list[str]) -> list[dict]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.append(_("Die Datei ist nicht in UTF-8 kodiert."))
        return []
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        problems.append(_("Zeile 1: Kopfzeile fehlt (erwartet: ags,name,count)."))
        return []
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader)]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        problems.append(
            _("Zeile 1: Spalte(n) %(columns)s fehlen (erwartet: ags,name,count).")
            % {"columns": ", ".join(missing)}
        )
        return []
    index = {c: header.index(c) for c in REQUIRED}
    rows, seen = [], {}
    for line_no, record in enumerate(reader, start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) < len(header):
            problems.append(_("Zeile %(line)s: zu wenige Spalten.") % {"line": line_no})
            continue
        ags, name, count_text = (record[index[c]].strip() for c in REQUIRED)
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
        rows.append({"ags": ags, "name": name, "count": int(count_text), "line": line_no})
    if not rows and not problems:
        problems.append(_("Die Datei enthält keine Gemeinden."))
    elif rows and sum(r["count"] for r in rows) == 0:
        problems.append(_("Alle Anzahlen sind 0: es gibt nichts zu verteilen."))
    return rows


class Command(BaseCommand):
    help = (
        "Distributes a total over Gemeinden in proportion to their counts (largest remainder, whole cents)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--total", required=True, help="amount in EUR, e.g. 1810740.00")
        parser.add_argument("--counts", required=True, help="CSV with the columns ags,name,count")
        parser.add_argument("--out", help="output CSV (default: standard output)")

    def handle(self, *args, total, counts, out=None, **options):
        problems: list[str] = []
        amount = parse_total(total, problems)
        path = Path(counts)
        rows = []
        if not path.is_file():
            problems.append(_("--counts: Datei %(path)s nicht gefunden.") % {"path": counts})
        else:
            rows = parse_counts(path.read_bytes(), problems)
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            sys.exit(2)
        shares = verteile(amount, [(r["ags"], r["count"]) for r in rows])
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["ags", "name", "count", "share"])
        for row, anteil in zip(rows, shares, strict=True):
            writer.writerow([row["ags"], row["name"], row["count"], f"{anteil.share:.2f}"])
        if out:
            Path(out).write_text(buffer.getvalue(), encoding="utf-8")
        else:
            self.stdout.write(buffer.getvalue(), ending="")
