"""Audit dossier (Prüfakte) of a Förderjahr for auditors: one ZIP with every decision, the published
allocation, every transfer and proof, their PDFs, and the Kreis's audit events as CSV with the result
of verifying the hash chain."""

import io
import zipfile

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import checkpoints, dossier
from portal.audit.exports import events_csv
from portal.audit.models import AuditEvent
from portal.audit.verify import verify_all
from portal.core.darstellung import zeitpunkt
from portal.core.iban import iban_maskiert
from portal.core.tabellen import tabelle_csv
from portal.funding.verteilung_services import veroeffentlichte_verteilung
from portal.permissions import check
from workflows.optin.register import register_tabelle, register_zeilen
from workflows.proof import gesamt
from workflows.transfer.models import Weiterleitung


def _datei(zf, name, feld):
    if feld:
        with feld.open("rb") as f:
            zf.writestr(name, f.read())


def _kettenbefund(kette, speicherfehler: str) -> str:
    if kette is None:
        return _("Protokoll NICHT geprüft: %(fehler)s") % {"fehler": speicherfehler}
    if kette.ok:
        return _(
            "Hash-Kette des Protokolls intakt (%(n)s Einträge geprüft, mit %(c)s signierten Checkpoints "
            "übereinstimmend)."
        ) % {"n": kette.checked, "c": kette.checkpoints}
    return _("Hash-Kette des Protokolls GEBROCHEN bei Eintrag %(id)s: %(problem)s") % {
        "id": kette.broken_id,
        "problem": kette.problem,
    }


def pruefakte_zip(fj, user=None) -> bytes:
    """The dossier; for ``user`` without the right to see bank data (the Land) without the payment
    orders, which carry the full IBAN (the CSV masks it for everybody)."""
    buffer = io.BytesIO()
    # the rule looks at the Förderjahr's Kreis, the same for every transfer of the year
    bankdaten = user is None or bool(
        check(user, "weiterleitung.bankdaten_sehen", Weiterleitung(foerderjahr=fj))
    )
    try:
        kette = verify_all()
        speicherfehler = ""
    except checkpoints.CheckpointFehler as e:
        kette, speicherfehler = None, str(e)
    anker = None
    if kette is not None and kette.ok:
        # the dossier's events are anchored in a checkpoint written now, so they verify offline
        anker = checkpoints.schreiben() or checkpoints.lesen()[-1]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "LIESMICH.txt",
            "\n".join(
                [
                    _("Prüfakte %(fj)s") % {"fj": fj},
                    _("Erstellt am %(zeit)s") % {"zeit": zeitpunkt(timezone.now())},
                    _kettenbefund(kette, speicherfehler),
                    *(
                        [
                            _("Verankert im signierten Checkpoint Nr. %(nr)s (Eintrag %(id)s, %(zeit)s).")
                            % {"nr": anker.nr, "id": anker.event_id, "zeit": zeitpunkt(anker.zeit)}
                        ]
                        if anker
                        else []
                    ),
                    _(
                        "Offline prüfen: manage.py verify_audit --dossier <diese Datei> (protokoll.jsonl, "
                        "audit-checkpoints.jsonl, verifikationsschluessel.pem)."
                    ),
                    "",
                    _("Inhalt: entscheidungen.csv, verteilung.csv, weiterleitungen.csv, nachweise.csv,"),
                    _("protokoll.csv, gesamtverwendungsnachweis.pdf und die Dokumente in den Ordnern"),
                    _("beschluesse/, weiterleitungen/, nachweise/."),
                    *(
                        []
                        if bankdaten
                        else [_("Ohne Auszahlungsanordnungen: Bankdaten sieht nur der Kreis.")]
                    ),
                ]
            ),
        )
        zf.writestr(
            "entscheidungen.csv",
            tabelle_csv(
                register_tabelle(
                    register_zeilen(
                        fj,
                        fj.entscheidungen.select_related(
                            "gemeinde", "federfuehrend", "teil_von__federfuehrend"
                        ).order_by("gemeinde__name"),
                    )
                )
            ),
        )
        verteilung = veroeffentlichte_verteilung(fj)
        if verteilung is not None:
            rows = [[_("AGS"), _("Gemeinde"), _("Anzahl"), _("Anteil (EUR)")]]
            rows += [
                [a.gemeinde.ags, a.gemeinde.name, a.anzahl, a.anteil]
                for a in verteilung.anteile.select_related("gemeinde").order_by("gemeinde__ags")
            ]
            zf.writestr("verteilung.csv", tabelle_csv(rows))
        rows = [
            [
                _("Empfänger"),
                _("Tranche"),
                _("Betrag (EUR)"),
                _("Status"),
                _("IBAN"),
                _("vorbereitet von"),
                _("freigegeben von"),
                _("bezahlt am"),
                _("Buchungsreferenz"),
            ]
        ]
        for w in fj.weiterleitungen.select_related(
            "gemeinde", "verbund", "vorbereitet_von", "freigegeben_von"
        ):
            rows.append(
                [
                    w.empfaenger,
                    w.tranche,
                    w.betrag,
                    w.get_status_display(),
                    iban_maskiert(w.iban),
                    w.vorbereitet_von.get_username(),
                    w.freigegeben_von.get_username() if w.freigegeben_von else "",
                    w.bezahlt_am,
                    w.buchungsreferenz,
                ]
            )
            if bankdaten:
                _datei(zf, f"weiterleitungen/{w.pk}-auszahlungsanordnung.pdf", w.auszahlungsanordnung)
            _datei(zf, f"weiterleitungen/{w.pk}-{w.rechtsform}.pdf", w.schreiben)
        zf.writestr("weiterleitungen.csv", tabelle_csv(rows))
        rows = [
            [
                _("Empfänger"),
                _("Status"),
                _("Ausgaben (EUR)"),
                _("Erhaltene Mittel (EUR)"),
                _("Überschuss (EUR)"),
                _("Prüfvermerk"),
            ]
        ]
        for n in fj.nachweise.select_related("gemeinde", "verbund").prefetch_related("stellen"):
            e = n.ergebnis()
            # an open or returned proof has no statement of expenditure yet: no surplus to show (#19)
            abgerechnet = n.status in (n.Status.EINGEREICHT, n.Status.GEPRUEFT)
            rows.append(
                [
                    n.empfaenger,
                    n.get_status_display(),
                    e.ausgaben if abgerechnet else "",
                    e.mittel_erhalten,
                    e.ueberschuss if abgerechnet else "",
                    n.pruefvermerk,
                ]
            )
            _datei(zf, f"nachweise/{n.pk}-sachbericht.pdf", n.sachbericht_datei)
            _datei(zf, f"nachweise/{n.pk}-anlage.pdf", n.anlage)
        zf.writestr("nachweise.csv", tabelle_csv(rows))
        for e in fj.entscheidungen.exclude(beschluss_datei="").select_related("gemeinde"):
            _datei(zf, f"beschluesse/{e.gemeinde.ags}-gemeinderatsbeschluss.pdf", e.beschluss_datei)
        zf.writestr("protokoll.csv", events_csv(AuditEvent.objects.filter(kreis=fj.kreis)))
        # the events up to the anchor: one committed meanwhile would not be in a signed checkpoint yet
        dossier.anhaengen(
            zf, AuditEvent.objects.filter(kreis=fj.kreis, **({"id__lte": anker.event_id} if anker else {}))
        )
        zf.writestr("gesamtverwendungsnachweis.pdf", gesamt.als_pdf(fj))
    return buffer.getvalue()
