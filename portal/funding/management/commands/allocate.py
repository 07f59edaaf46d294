"""``manage.py allocate --total 1810740.00 --counts counts.csv [--out shares.csv]``

The Mittelverteilung for coordinators who work in spreadsheets: the same calculation as the portal
(``portal.funding.verteilungsrechnung``), from a CSV with the columns ``ags,name,count`` (comma or semicolon,
UTF-8 with or without BOM, or an XLSX workbook) to a CSV with ``ags,name,count,share`` in the input
order. That machine format (comma, point, LF, no BOM) is the default, for scripts; ``--format excel-de``
writes the portal's German-Excel profile instead (``;``, decimal comma, CRLF, BOM, AGS as text, German
headers, typed names inert). On bad input nothing is written, every problem is printed with its input
line, and the exit status is 2.
"""

import csv
import io
import re
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from portal.core.tabellen import tabelle_csv
from portal.funding.verteilungsrechnung import verteile
from portal.funding.zaehltabelle import read_counts

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


class Command(BaseCommand):
    help = (
        "Distributes a total over Gemeinden in proportion to their counts (largest remainder, whole cents)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--total", required=True, help="amount in EUR, e.g. 1810740.00")
        parser.add_argument("--counts", required=True, help="CSV with the columns ags,name,count")
        parser.add_argument("--out", help="output CSV (default: standard output)")
        parser.add_argument(
            "--format",
            choices=["maschine", "excel-de"],
            default="maschine",
            dest="format",
            help="maschine: ags,name,count,share with comma and point (default); "
            "excel-de: semicolon, decimal comma, BOM, CRLF for German Excel",
        )

    def handle(self, *args, total, counts, out=None, format="maschine", **options):
        problems: list[str] = []
        amount = parse_total(total, problems)
        path = Path(counts)
        rows = []
        if not path.is_file():
            problems.append(_("--counts: Datei %(path)s nicht gefunden.") % {"path": counts})
        else:
            rows = read_counts(path.read_bytes(), path.name, problems)
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            sys.exit(2)
        shares = verteile(amount, [(r.ags, r.anzahl) for r in rows])
        if format == "excel-de":
            inhalt = tabelle_csv(
                [[_("AGS"), _("Gemeinde"), _("Anzahl Personen"), _("Anteil (EUR)")]]
                + [[r.ags, r.name, r.anzahl, a.betrag] for r, a in zip(rows, shares, strict=True)]
            )
            if out:
                Path(out).write_bytes(inhalt)
            else:
                self.stdout.write(inhalt.decode("utf-8"), ending="")
            return
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["ags", "name", "count", "share"])
        for row, anteil in zip(rows, shares, strict=True):
            writer.writerow([row.ags, row.name, row.anzahl, f"{anteil.betrag:.2f}"])
        if out:
            Path(out).write_text(buffer.getvalue(), encoding="utf-8")
        else:
            self.stdout.write(buffer.getvalue(), ending="")
