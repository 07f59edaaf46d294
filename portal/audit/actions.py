"""Stable action codes of the audit trail with their human labels (German msgids, English catalogue).

The code is stored; the label is looked up when shown, so renaming a label never changes history.
Later processes add their codes here, so that every code the portal can write is listed in one place.
"""

from django.utils.translation import gettext_lazy as _

AKTIONEN = {
    # organisations
    "benutzer.angelegt": _("Benutzer angelegt"),
    "benutzer.geaendert": _("Benutzer geändert (auch Rechte wie Superuser und Mitarbeiterstatus)"),
    "benutzer.passwort_gesetzt": _("Passwort in der Verwaltung gesetzt"),
    "mitgliedschaft.erteilt": _("Rolle erteilt"),
    "mitgliedschaft.bestaetigt": _("Rolle bestätigt (vier Augen)"),
    "mitgliedschaft.abgelehnt": _("Rolle nicht bestätigt"),
    "mitgliedschaft.entzogen": _("Rolle entzogen"),
    "einladung.gesendet": _("Einladung gesendet"),
    "einladung.erneut_gesendet": _("Einladung erneut gesendet"),
    "einladung.widerrufen": _("Einladung widerrufen"),
    "einladung.angenommen": _("Einladung angenommen, Passwort gesetzt"),
    "konto.passwort_vergessen": _("Zurücksetzen des Passworts angefordert"),
    "konto.passwort_zurueckgesetzt": _("Passwort über den Link zurückgesetzt"),
    "konto.passwort_geaendert": _("Passwort geändert"),
    "mitgliedschaft.geaendert": _("Rolle geändert oder entzogen"),
    "verbund.mitglied_geaendert": _("Verbundmitglied in der Verwaltung geändert"),
    "benutzer.deaktiviert": _("Benutzer deaktiviert"),
    "benutzer.reaktiviert": _("Benutzer reaktiviert"),
    "konto.zwei_faktor_eingerichtet": _("Zweiten Faktor (Authenticator-App) eingerichtet"),
    "konto.backup_codes_erneuert": _("Backup-Codes neu erzeugt"),
    "organisation.angelegt": _("Organisation angelegt"),
    "organisation.geaendert": _("Organisation geändert"),
    "stammdaten.importiert": _("Gemeindeverzeichnis übernommen"),
    "kreiskasse.vorgeschlagen": _("Neue Bankverbindung der Kreiskasse vorgeschlagen"),
    "kreiskasse.geaendert": _("Bankverbindung der Kreiskasse geändert (vier Augen)"),
    "kreiskasse.abgelehnt": _("Vorgeschlagene Bankverbindung der Kreiskasse abgelehnt"),
    "verbund.angelegt": _("Verbund angelegt"),
    "verbund.mitglieder_festgelegt": _("Verbundmitglieder festgelegt"),
    # funding
    "foerderprogramm.angelegt": _("Förderprogramm angelegt"),
    "foerderjahr.angelegt": _("Förderjahr angelegt"),
    "foerderjahr.fortgeschrieben": _("Förderjahr aus dem Vorjahr fortgeschrieben"),
    "foerderjahr.bearbeitet": _("Förderjahr bearbeitet (Entwurf)"),
    "foerderjahr.geaendert": _("Förderjahr geändert (mit Begründung)"),
    "foerderjahr.veroeffentlicht": _("Förderjahr veröffentlicht"),
    "foerderjahr.abgeschlossen": _("Förderjahr abgeschlossen"),
    # counts and allocation
    "meldung.erfasst": _("Zielgruppe gemeldet"),
    "meldung.korrigiert": _("Meldung nach der Frist korrigiert"),
    "meldungen.importiert": _("Meldungen aus Datei importiert"),
    "verteilung.berechnet": _("Mittelverteilung berechnet"),
    "verteilung.veroeffentlicht": _("Mittelverteilung veröffentlicht"),
    # opt-in decision
    "entscheidung.runde_eroeffnet": _("Entscheidungsrunde eröffnet"),
    "entscheidung.entwurf_begonnen": _("Entwurf der Entscheidung begonnen"),
    "entscheidung.eingereicht": _("Entscheidung eingereicht"),
    "entscheidung.verspaetet_eingereicht": _("Entscheidung nach der Frist eingereicht"),
    "entscheidung.partner_bestaetigt": _("Partnergemeinde hat die Teilnahme bestätigt"),
    "entscheidung.partner_abgelehnt": _("Partnergemeinde hat die Teilnahme abgelehnt"),
    "entscheidung.zurueckgegeben": _("Entscheidung zur Überarbeitung zurückgegeben"),
    "entscheidung.angenommen": _("Entscheidung angenommen"),
    "entscheidung.frist_abgelaufen": _("Frist abgelaufen: bleibt beim Landkreis"),
    "entscheidung.erinnerung_gesendet": _("Erinnerung an die Entscheidung gesendet"),
    "entscheidung.wieder_geoeffnet": _("Entscheidung für eine verspätete Einreichung wieder geöffnet"),
    # transfer of funds
    "weiterleitung.landesauszahlung_erfasst": _("Auszahlung des Landes erfasst"),
    "weiterleitung.landesauszahlung_korrektur_beantragt": _(
        "Korrektur einer Auszahlung des Landes erfasst (wartet auf Bestätigung)"
    ),
    "weiterleitung.landesauszahlung_korrektur_bestaetigt": _(
        "Korrektur einer Auszahlung des Landes bestätigt (Vier-Augen-Prinzip)"
    ),
    "weiterleitung.vorbereitet": _("Weiterleitung vorbereitet"),
    "weiterleitung.ueberarbeitet": _("Weiterleitung überarbeitet"),
    "weiterleitung.freigegeben": _("Weiterleitung freigegeben (Vier-Augen-Prinzip)"),
    "weiterleitung.zurueckgegeben": _("Weiterleitung zurückgegeben"),
    "weiterleitung.bezahlt": _("Weiterleitung bezahlt"),
    "weiterleitung.empfang_bestaetigt": _("Empfang der Weiterleitung bestätigt"),
    "weiterleitung.exportiert": _("Zahlungsdatei exportiert"),
    "zahlungslauf.angelegt": _("Zahlungslauf angelegt (SEPA-Datei)"),
    "zahlungslauf.heruntergeladen": _("SEPA-Datei eines Zahlungslaufs heruntergeladen"),
    "zahlungslauf.storniert": _("Zahlungslauf storniert"),
    # proof of use
    "nachweis.angelegt": _("Verwendungsnachweis angelegt"),
    "nachweis.entwurf_begonnen": _("Entwurf des Verwendungsnachweises begonnen"),
    "nachweis.eingereicht": _("Verwendungsnachweis eingereicht"),
    "nachweis.zurueckgegeben": _("Verwendungsnachweis zurückgegeben"),
    "nachweis.geprueft": _("Verwendungsnachweis geprüft (Prüfvermerk)"),
    "rueckforderung.angelegt": _("Rückforderung angelegt"),
    "rueckforderung.beglichen": _("Rückforderung beglichen"),
    "kennzahlen.erfasst": _("Kennzahlen erfasst"),
    "gesamtverwendungsnachweis.erstellt": _("Gesamtverwendungsnachweis erstellt"),
    # audit
    "protokoll.exportiert": _("Protokoll exportiert"),
    # operations
    "mail.erneut_eingereiht": _("E-Mail erneut zum Versand eingereiht"),
}


def label_for(code: str) -> str:
    return str(AKTIONEN.get(code, code))
