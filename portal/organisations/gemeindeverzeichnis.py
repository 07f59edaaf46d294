"""Reading the official municipality directory: the Statistisches Bundesamt's Gemeindeverzeichnis in its
record layout GV100AD, or a simple CSV (``ags;name``). Only Baden-Württemberg (AGS 08…) is kept; other
Länder are counted as skipped.

GV100AD is a fixed-width text file, one record per line (positions 1-based, as in the published record
description):

==========  =====================================================================================
1–2         Satzart: 10 Land, 20 Regierungsbezirk, 30 Region, 40 Kreis, 50 Gemeindeverband,
            60 Gemeinde
3–10        Gebietsstand (JJJJMMTT)
11–12       Land
13          Regierungsbezirk
14–15       Kreis
16–19       Gemeindeverband (Satzart 50 and 60)
20–22       Gemeinde (Satzart 60)
23–72       Name
73–122      Sitz der Verwaltung (Satzart 10–50)
123–124     Textkennzeichen (Satzart 40: 41 kreisfreie Stadt, 42 Stadtkreis, 43 Kreis, 44 Landkreis,
            45 Regionalverband; Satzart 60: 60–67, Stadt, Markt, …)
==========  =====================================================================================

The AGS of a Kreis is positions 11–15, that of a Gemeinde 11–15 followed by 20–22. The official name of a
Gemeinde may carry a suffix after a comma (``Brackenheim, Stadt``); the portal shows the name without it.

The CSV: UTF-8 (a byte order mark is allowed), ``;``-separated, header ``ags;name`` (an optional third
column ``nachfolger`` names the AGS of the successor of a Gemeinde that no longer exists). A five-digit AGS
is a Kreis, an eight-digit AGS a Gemeinde of the Kreis named by its first five digits.

This module only reads and checks; ``portal.organisations.stammdaten`` compares with the database and
writes."""

import csv
import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

BADEN_WUERTTEMBERG = "08"

#: Textkennzeichen of a Kreis record that mean "a city that is its own Kreis".
STADTKREIS_KENNZEICHEN = {"41", "42"}


class VerzeichnisFehler(Exception):
    """The file cannot be used; ``zeile`` is the 1-based line it was found on (0: the file as a whole)."""

    def __init__(self, zeile: int, meldung: str):
        self.zeile, self.meldung = zeile, meldung
        super().__init__(
            _("Zeile %(zeile)s: %(meldung)s") % {"zeile": zeile, "meldung": meldung} if zeile else meldung
        )


@dataclass
class KreisEintrag:
    ags: str
    name: str
    stadtkreis: bool
    zeile: int


@dataclass
class GemeindeEintrag:
    ags: str
    name: str
    zeile: int
    nachfolger: str = ""


@dataclass
class Verzeichnis:
    format: str
    kreise: dict[str, KreisEintrag] = field(default_factory=dict)
    gemeinden: dict[str, GemeindeEintrag] = field(default_factory=dict)
    andere_laender: int = 0  # records of other Länder, skipped
    gebietsstand: str = ""


def lesen(inhalt: bytes) -> Verzeichnis:
    """The directory in the file, or a ``VerzeichnisFehler`` naming the first bad line."""
    text = _dekodieren(inhalt)
    zeilen = text.splitlines()
    erste = next((z for z in zeilen if z.strip()), "")
    if re.match(r"^(10|20|30|40|50|60)\d{8}", erste) and len(erste.rstrip()) >= 23:
        return _gv100ad(zeilen)
    if erste.strip().lower().replace(" ", "").startswith("ags;name"):
        return _csv(text)
    raise VerzeichnisFehler(
        0,
        _(
            "Unbekanntes Dateiformat: erwartet wird das Gemeindeverzeichnis GV100AD des Statistischen "
            "Bundesamts oder eine CSV-Datei mit der Kopfzeile „ags;name“."
        ),
    )


def _dekodieren(inhalt: bytes) -> str:
    if inhalt.startswith(b"\xef\xbb\xbf"):
        inhalt = inhalt[3:]
    try:
        return inhalt.decode("utf-8")
    except UnicodeDecodeError:
        return inhalt.decode("cp1252")  # the directory as published is a Windows/ANSI text file


def anzeigename(amtlich: str) -> str:
    """``Brackenheim, Stadt`` → ``Brackenheim``; ``Heilbronn, Universitätsstadt`` → ``Heilbronn``."""
    return amtlich.split(",", 1)[0].strip()


def kreisname(amtlich: str, stadtkreis: bool) -> str:
    """The Kreis as people name it: ``Landkreis Heilbronn`` and ``Stadtkreis Heilbronn`` (the directory
    calls both ``Heilbronn``); ``Ostalbkreis`` stays as it is."""
    name = anzeigename(amtlich)
    if name.startswith(("Landkreis", "Stadtkreis", "Regionalverband")) or name.lower().endswith("kreis"):
        return name  # "Ostalbkreis", "Rhein-Neckar-Kreis" are names of their own
    return f"{_('Stadtkreis') if stadtkreis else _('Landkreis')} {name}"


def _aufnehmen(v: Verzeichnis, eintrag, zeile: int) -> None:
    ziel = v.kreise if isinstance(eintrag, KreisEintrag) else v.gemeinden
    vorhanden = ziel.get(eintrag.ags)
    if vorhanden is not None:
        if vorhanden.name != eintrag.name:
            raise VerzeichnisFehler(
                zeile,
                _("Der AGS %(ags)s steht schon in Zeile %(erste)s, dort mit dem Namen „%(name)s“.")
                % {"ags": eintrag.ags, "erste": vorhanden.zeile, "name": vorhanden.name},
            )
        return
    ziel[eintrag.ags] = eintrag


def _gv100ad(zeilen: list[str]) -> Verzeichnis:
    v = Verzeichnis(format="GV100AD")
    for nr, zeile in enumerate(zeilen, start=1):
        if not zeile.strip():
            continue
        satzart, stand = zeile[0:2], zeile[2:10]
        if satzart not in {"10", "20", "30", "40", "50", "60"} or not stand.isdigit() or len(zeile) < 23:
            raise VerzeichnisFehler(nr, _("Das ist kein Satz im Format GV100AD (Satzart 10 bis 60)."))
        v.gebietsstand = v.gebietsstand or f"{stand[6:8]}.{stand[4:6]}.{stand[0:4]}"
        land = zeile[10:12]
        if not land.isdigit():
            raise VerzeichnisFehler(nr, _("Der Landesschlüssel (Stellen 11–12) ist keine Zahl."))
        if land != BADEN_WUERTTEMBERG:
            v.andere_laender += 1
            continue
        name = zeile[22:72].strip()
        if satzart == "40":
            ags = zeile[10:15]
            if not re.fullmatch(r"\d{5}", ags):
                raise VerzeichnisFehler(nr, _("Der Kreisschlüssel (Stellen 11–15) hat nicht fünf Ziffern."))
            stadtkreis = zeile[122:124] in STADTKREIS_KENNZEICHEN
            _aufnehmen(v, KreisEintrag(ags, kreisname(name, stadtkreis), stadtkreis, nr), nr)
        elif satzart == "60":
            ags = zeile[10:15] + zeile[19:22]
            if not re.fullmatch(r"\d{8}", ags):
                raise VerzeichnisFehler(
                    nr, _("Der Gemeindeschlüssel (Stellen 11–15 und 20–22) hat nicht acht Ziffern.")
                )
            if not name:
                raise VerzeichnisFehler(nr, _("Der Gemeinde fehlt der Name (Stellen 23–72)."))
            _aufnehmen(v, GemeindeEintrag(ags, anzeigename(name), nr), nr)
    return v


def _csv(text: str) -> Verzeichnis:
    v = Verzeichnis(format="CSV")
    leser = csv.reader(io.StringIO(text), delimiter=";")
    kopf = [k.strip().lower() for k in next(leser)]
    if kopf[:2] != ["ags", "name"] or (len(kopf) > 2 and kopf[2:] != ["nachfolger"]):
        raise VerzeichnisFehler(1, _("Die Kopfzeile muss „ags;name“ (optional „;nachfolger“) lauten."))
    for nr, spalten in enumerate(leser, start=2):
        if not any(s.strip() for s in spalten):
            continue
        if len(spalten) < 2:
            raise VerzeichnisFehler(nr, _("Erwartet werden AGS und Name, getrennt durch ein Semikolon."))
        ags, name = spalten[0].strip(), spalten[1].strip()
        nachfolger = spalten[2].strip() if len(spalten) > 2 else ""
        if not re.fullmatch(r"\d{5}|\d{8}", ags):
            raise VerzeichnisFehler(
                nr,
                _("„%(ags)s“ ist kein AGS: fünf Ziffern für einen Kreis, acht für eine Gemeinde.")
                % {"ags": ags},
            )
        if not name:
            raise VerzeichnisFehler(nr, _("Der Name fehlt."))
        if nachfolger and not re.fullmatch(r"\d{8}", nachfolger):
            raise VerzeichnisFehler(nr, _("Der Nachfolger muss ein achtstelliger AGS sein."))
        if not ags.startswith(BADEN_WUERTTEMBERG):
            v.andere_laender += 1
            continue
        if len(ags) == 5:
            stadtkreis = name.startswith("Stadtkreis")
            _aufnehmen(v, KreisEintrag(ags, kreisname(name, stadtkreis), stadtkreis, nr), nr)
        else:
            _aufnehmen(v, GemeindeEintrag(ags, name, nr, nachfolger), nr)
    return v
