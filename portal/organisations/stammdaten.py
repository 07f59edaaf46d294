"""The master data of the Land from the official directory: compare a read directory with the database
(``abgleichen``, writes nothing: the preview and ``--dry-run``) and take it over (``uebernehmen``: all or
nothing, each Kreis and Gemeinde with its audit event in the same transaction).

Rules: Kreise and Gemeinden are created or updated, never deleted. A Gemeinde of a Kreis that the file
covers (the file names at least one Gemeinde of it) but that is missing from the file is marked inactive
(e.g. after a merger), with its successor where the CSV names one; a Gemeinde whose AGS is not official
(``ags_generiert``, demo data) is left alone. A Gemeinde that is in the file again becomes active again."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from portal.audit.services import diff, record_event
from portal.organisations.gemeindeverzeichnis import Verzeichnis, VerzeichnisFehler
from portal.organisations.models import Gemeinde, Kreis, Land
from portal.permissions import require

LAND_NAME = "Baden-Württemberg"


@dataclass
class Aenderung:
    """One line of the preview: what happens to one Kreis or Gemeinde."""

    art: str  # "angelegt" | "geaendert" | "inaktiv"
    typ: str  # "Kreis" | "Gemeinde"
    ags: str
    name: str
    vorher: dict = field(default_factory=dict)
    nachher: dict = field(default_factory=dict)
    zeile: int = 0

    @property
    def art_text(self) -> str:
        return {"angelegt": _("neu"), "geaendert": _("geändert"), "inaktiv": _("inaktiv")}[self.art]


@dataclass
class Abgleich:
    verzeichnis: Verzeichnis
    aenderungen: list[Aenderung]
    unveraendert: int

    def anzahl(self, art: str) -> int:
        return sum(1 for a in self.aenderungen if a.art == art)

    @property
    def zusammenfassung(self) -> str:
        return _(
            "%(format)s: %(angelegt)s angelegt, %(geaendert)s geändert, %(inaktiv)s als inaktiv markiert, "
            "%(gleich)s unverändert, %(andere)s Sätze anderer Länder übersprungen."
        ) % {
            "format": self.verzeichnis.format,
            "angelegt": self.anzahl("angelegt"),
            "geaendert": self.anzahl("geaendert"),
            "inaktiv": self.anzahl("inaktiv"),
            "gleich": self.unveraendert,
            "andere": self.verzeichnis.andere_laender,
        }


def abgleichen(v: Verzeichnis) -> Abgleich:
    """What taking over the directory would change; a ``VerzeichnisFehler`` where it cannot."""
    aenderungen: list[Aenderung] = []
    unveraendert = 0
    kreise = {k.schluessel: k for k in Kreis.objects.all()}
    namen = {k.name: k.schluessel for k in kreise.values()}
    for e in v.kreise.values():
        if namen.get(e.name, e.ags) != e.ags:
            raise VerzeichnisFehler(
                e.zeile,
                _("Der Name „%(name)s“ gehört im Portal schon dem Kreis %(ags)s.")
                % {"name": e.name, "ags": namen[e.name]},
            )
        art = Kreis.Art.STADTKREIS if e.stadtkreis else Kreis.Art.LANDKREIS
        k = kreise.get(e.ags)
        if k is None:
            aenderungen.append(
                Aenderung("angelegt", "Kreis", e.ags, e.name, {}, {"name": e.name, "art": art})
            )
        elif (k.name, k.art) != (e.name, art):
            aenderungen.append(
                Aenderung(
                    "geaendert",
                    "Kreis",
                    e.ags,
                    e.name,
                    {"name": k.name, "art": k.art},
                    {"name": e.name, "art": art},
                )
            )
        else:
            unveraendert += 1

    gemeinden = {g.ags: g for g in Gemeinde.objects.select_related("kreis")}
    for e in v.gemeinden.values():
        kreis_ags = e.ags[:5]
        if kreis_ags not in v.kreise and kreis_ags not in kreise:
            raise VerzeichnisFehler(
                e.zeile,
                _("Der Kreis %(kreis)s der Gemeinde %(ags)s steht weder in der Datei noch im Portal.")
                % {"kreis": kreis_ags, "ags": e.ags},
            )
        if e.nachfolger and e.nachfolger not in v.gemeinden and e.nachfolger not in gemeinden:
            raise VerzeichnisFehler(
                e.zeile,
                _("Die Nachfolgegemeinde %(ags)s steht weder in der Datei noch im Portal.")
                % {"ags": e.nachfolger},
            )
        g = gemeinden.get(e.ags)
        soll = {"name": e.name, "kreis": kreis_ags, "aktiv": not e.nachfolger, "nachfolger": e.nachfolger}
        if g is None:
            aenderungen.append(
                Aenderung(
                    "inaktiv" if e.nachfolger else "angelegt", "Gemeinde", e.ags, e.name, {}, soll, e.zeile
                )
            )
            continue
        ist = {
            "name": g.name,
            "kreis": g.kreis.schluessel,
            "aktiv": g.aktiv,
            "nachfolger": g.nachfolger.ags if g.nachfolger_id else "",
        }
        if ist == soll:
            unveraendert += 1
        else:
            art = "inaktiv" if (e.nachfolger and g.aktiv) else "geaendert"
            aenderungen.append(Aenderung(art, "Gemeinde", e.ags, e.name, ist, soll, e.zeile))

    abgedeckt = {ags[:5] for ags in v.gemeinden}
    for g in gemeinden.values():
        if g.aktiv and not g.ags_generiert and g.ags not in v.gemeinden and g.kreis.schluessel in abgedeckt:
            aenderungen.append(
                Aenderung(
                    "inaktiv",
                    "Gemeinde",
                    g.ags,
                    g.name,
                    {"aktiv": True},
                    {"aktiv": False, "nachfolger": g.nachfolger.ags if g.nachfolger_id else ""},
                )
            )
    return Abgleich(v, aenderungen, unveraendert)


@transaction.atomic
def uebernehmen(v: Verzeichnis, actor, quelle: str) -> Abgleich:
    """Take the directory over: all or nothing, every change with its audit event. ``actor`` is the
    operator (``None`` for the command line, recorded as "system")."""
    if actor is not None:
        require(actor, "stammdaten.importieren", None)
    Kreis.objects.select_for_update().all().exists()  # one import at a time
    abgleich = abgleichen(v)
    grund = _("Gemeindeverzeichnis %(quelle)s") % {"quelle": quelle}
    land, neu = Land.objects.get_or_create(name=LAND_NAME)
    if neu:
        record_event("organisation.angelegt", land, actor=actor, begruendung=grund)
    kreise = {k.schluessel: k for k in Kreis.objects.all()}
    for a in (a for a in abgleich.aenderungen if a.typ == "Kreis"):
        if a.art == "angelegt":
            k = Kreis.objects.create(land=land, schluessel=a.ags, **a.nachher)
            record_event(
                "organisation.angelegt", k, actor=actor, begruendung=grund, aenderungen=diff({}, a.nachher)
            )
        else:
            k = kreise[a.ags]
            for feld, wert in a.nachher.items():
                setattr(k, feld, wert)
            k.save(update_fields=list(a.nachher))
            record_event(
                "organisation.geaendert",
                k,
                actor=actor,
                begruendung=grund,
                aenderungen=diff(a.vorher, a.nachher),
            )
        kreise[a.ags] = k
    gemeinden = {g.ags: g for g in Gemeinde.objects.all()}
    nachfolger_setzen = []
    for a in (a for a in abgleich.aenderungen if a.typ == "Gemeinde"):
        g = gemeinden.get(a.ags) or Gemeinde(ags=a.ags)
        angelegt = g.pk is None
        if "name" in a.nachher:
            g.name = a.nachher["name"]
        if "kreis" in a.nachher:
            g.kreis = kreise[a.nachher["kreis"]]
        g.aktiv = a.nachher.get("aktiv", g.aktiv)
        g.save()
        gemeinden[a.ags] = g
        if a.nachher.get("nachfolger"):
            nachfolger_setzen.append((g, a.nachher["nachfolger"]))
        aktion = "organisation.angelegt" if angelegt else "organisation.geaendert"
        record_event(aktion, g, actor=actor, begruendung=grund, aenderungen=diff(a.vorher, a.nachher))
    for g, ags in nachfolger_setzen:
        g.nachfolger = gemeinden.get(ags) or Gemeinde.objects.get(ags=ags)
        g.save(update_fields=["nachfolger"])
    record_event(
        "stammdaten.importiert",
        land,
        actor=actor,
        begruendung=grund,
        aenderungen={"ergebnis": {"vorher": None, "nachher": abgleich.zusammenfassung}},
    )
    return abgleich
