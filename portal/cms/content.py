"""Content of the guidance site: intro texts and the guidance pages (raw StreamField data).

A pure data module: ``seed.py`` turns it into Wagtail pages. Every page's ``body`` is a list of raw
blocks of ``portal.cms.blocks.GuidanceStreamBlock`` (``{"type": …, "value": …}``). Deadlines are never
typed into a ``frist`` block: it names the deadline field of the Förderjahr, and the page shows the
date that applies to the reader. A ``dokument`` block names a template of ``vorlagen.VORLAGEN`` as
``"@key"``; the seeder replaces it with the id of the generated document.

The texts paraphrase the VwV Integrationsmanagement 2023 and the public documents of the programme
in our own words. Amounts and dates in running text are examples or rules, never the binding values
of a Kreis.
"""

import datetime

GUELTIG_AB = datetime.date(2025, 1, 1)
REGELWERK = "VwV Integrationsmanagement 2023"


# --- small helpers for raw blocks ---------------------------------------------------------------------
def _h2(text: str) -> dict:
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def _h3(text: str) -> dict:
    return {"type": "heading", "value": {"text": text, "level": "h3"}}


def _text(html: str) -> dict:
    return {"type": "text", "value": html}


def _hinweis(titel: str, html: str, art: str = "hinweis") -> dict:
    return {"type": "hinweis", "value": {"art": art, "titel": titel, "text": html}}


def _warnung(titel: str, html: str) -> dict:
    return _hinweis(titel, html, art="warnung")


def _frist(frist: str, erlaeuterung: str = "") -> dict:
    return {"type": "frist", "value": {"frist": frist, "erlaeuterung": erlaeuterung}}


def _recht(bezeichnung: str, erlaeuterung: str, link: str = "") -> dict:
    return {
        "type": "rechtsgrundlage",
        "value": {"bezeichnung": bezeichnung, "link": link, "erlaeuterung": erlaeuterung},
    }


def _dokument(key: str, titel: str, beschreibung: str) -> dict:
    return {
        "type": "dokument",
        "value": {"dokument": "@" + key, "titel": titel, "beschreibung": beschreibung},
    }


def _faq(titel: str, fragen: list[tuple[str, str]]) -> dict:
    return {
        "type": "faq",
        "value": {"titel": titel, "fragen": [{"frage": f, "antwort": a} for f, a in fragen]},
    }


# --- intro texts --------------------------------------------------------------------------------------
HOME_INTRO = (
    "<p>Das Land Baden-Württemberg fördert Integrationsmanagerinnen und Integrationsmanager, die "
    "geflüchtete Menschen in der Anschlussunterbringung der Städte und Gemeinden beraten und begleiten. "
    "Dieses Portal bündelt das jährliche Verfahren zwischen Stadt- und Landkreisen, ihren Städten und "
    "Gemeinden und der Bewilligungsstelle: von der Meldung der Zielgruppe über die Entscheidung bis "
    "31. Mai und die Weiterleitung der Mittel bis zum Verwendungsnachweis.</p>"
    "<p>Die Hinweisseiten erklären die Regeln in verständlicher Sprache; die Fristen zeigen Ihnen die "
    "Termine, die für Ihren Kreis gelten.</p>"
)

HINWEISE_INTRO = (
    "<p>Hier finden Sie Erläuterungen zu allen Schritten des Förderverfahrens nach der VwV "
    "Integrationsmanagement. Jede Seite nennt das Regelwerk, auf dem sie beruht, und den Tag, ab dem "
    "sie gilt. Ändern sich die Regeln, bleibt die frühere Fassung lesbar und verweist auf die neue.</p>"
    "<p>Die Hinweise ersetzen nicht den Zuwendungsbescheid, den Weiterleitungsbescheid oder den "
    "Weiterleitungsvertrag: Verbindlich sind diese und die Verwaltungsvorschrift selbst.</p>"
)

VORLAGEN_INTRO = (
    "<p>Die Vorlagen erleichtern Ihnen die wiederkehrenden Schriftstücke des Verfahrens: die "
    "Beschlussvorlage für den Gemeinderat, die Gliederung eines Weiterleitungsvertrags und die "
    "Gliederung des Sachberichts zum Verwendungsnachweis.</p>"
    "<p>Alle Vorlagen sind als Word-Dokument (DOCX) bearbeitbar. Platzhalter stehen in eckigen Klammern; "
    "bitte passen Sie die Texte an Ihre örtlichen Verhältnisse an und stimmen Sie Verträge mit Ihrem "
    "Rechtsamt ab.</p>"
)

FRISTEN_INTRO = (
    "<p>Auf dieser Seite sehen Sie die Fristen des laufenden und des nächsten Förderjahres und des Jahres, "
    "dessen Entscheidungsrunde gerade läuft. Wählen Sie "
    "Ihren Kreis oder melden Sie sich an: Dann erscheinen die Termine, die Ihr Kreis veröffentlicht hat; "
    "sonst zeigt die Seite die Vorgaben des Förderprogramms.</p>"
    "<p>Jede Frist endet am genannten Tag um 24:00 Uhr. Über den Kalender-Link können Sie die Termine "
    "Ihres Kreises in Outlook, Thunderbird oder einem anderen Kalenderprogramm abonnieren.</p>"
)


# --- 1. Überblick -------------------------------------------------------------------------------------
UEBERBLICK = [
    _text(
        "<p>Das <b>Integrationsmanagement</b> unterstützt geflüchtete Menschen, die nach der vorläufigen "
        "Unterbringung in den Gemeinschaftsunterkünften des Kreises in eine Stadt oder Gemeinde gezogen "
        "sind – in die sogenannte Anschlussunterbringung. Integrationsmanagerinnen und "
        "Integrationsmanager klären mit jeder Person oder Familie, welche Unterstützung sie braucht, "
        "vereinbaren konkrete Ziele in einem Integrationsplan und begleiten die Umsetzung: beim "
        "Spracherwerb, bei Schule, Ausbildung und Arbeit, bei Wohnen, Gesundheit und Kinderbetreuung. "
        "Sie stellen Kontakte zu Jobcenter, Ausländerbehörde, Schulen, Beratungsstellen und Ehrenamt her, "
        "ersetzen diese Stellen aber nicht.</p>"
        "<p>Das Land Baden-Württemberg fördert die Personalausgaben dafür. Für die Förderjahre 2025 und "
        "2026 stehen landesweit jeweils rund 58 Millionen Euro bereit. Seit dem Förderjahr 2025 erhalten "
        "nicht mehr die einzelnen Gemeinden, sondern die 44 Stadt- und Landkreise die Zuwendung und "
        "verteilen sie innerhalb des Kreises.</p>"
    ),
    _recht(
        "VwV Integrationsmanagement 2023",
        "Verwaltungsvorschrift des Landes über die Förderung des Integrationsmanagements in der "
        "kommunalen Anschlussunterbringung. Sie gilt für die Förderung ab dem 1. Januar 2025. Ändert das "
        "Land die Regeln für spätere Förderjahre, veröffentlichen wir eine neue Fassung dieser Seiten.",
    ),
    _h2("Wer ist beteiligt?"),
    _text(
        "<ul>"
        "<li><b>Land Baden-Württemberg:</b> stellt die Mittel im Landeshaushalt bereit und legt für "
        "jeden Stadt- und Landkreis einen Planungsrahmen für ein Kalenderjahr fest. Er richtet sich nach "
        "der Aufnahmequote des Kreises nach dem Flüchtlingsaufnahmegesetz und beträgt mindestens "
        "180.000 Euro.</li>"
        "<li><b>Bewilligungsstelle:</b> das Regierungspräsidium Stuttgart. Es bewilligt die Zuwendung, "
        "nimmt die Kennzahlen und den Gesamtverwendungsnachweis jedes Kreises entgegen und zahlt aus.</li>"
        "<li><b>Stadt- und Landkreise:</b> sind seit 2025 Zuwendungsempfänger. Sie verteilen die Mittel "
        "rechnerisch auf ihre Städte und Gemeinden, leiten sie an diejenigen weiter, die das "
        "Integrationsmanagement selbst übernehmen, und erbringen es für alle anderen.</li>"
        "<li><b>Koordinierende Stelle:</b> die zentrale Ansprechstelle im Kreis. Sie steuert das "
        "Verfahren, prüft Entscheidungen und Nachweise, bereitet die Weiterleitungen vor und führt die "
        "Kennzahlen des Kreises zusammen.</li>"
        "<li><b>Städte und Gemeinden:</b> melden die Zahl der Personen der Zielgruppe, entscheiden bis "
        "31. Mai über die Aufgabenwahrnehmung und weisen die Verwendung der erhaltenen Mittel nach.</li>"
        "<li><b>Verbund:</b> mehrere Gemeinden desselben Kreises, die das Integrationsmanagement "
        "gemeinsam tragen. Eine Gemeinde ist federführend; die Anteile werden zusammengelegt.</li>"
        "<li><b>Träger der freien Wohlfahrtspflege:</b> etwa Caritas, Diakonie, DRK oder AWO. Kreis und "
        "Gemeinden können ihnen die Mittel weitergeben und die Beratung durch sie erbringen lassen.</li>"
        "</ul>"
    ),
    _hinweis(
        "Keine personenbezogenen Daten im Portal",
        "<p>Das Portal verarbeitet Anzahlen, Beträge, Entscheidungen und Nachweise – aber keine Namen "
        "oder sonstigen Angaben über geflüchtete Menschen. Listen einzelner Personen bleiben bei der "
        "Stelle, die sie führt.</p>",
    ),
    _h2("Der Jahreszyklus"),
    _text(
        "<p>Das Förderjahr entspricht dem Kalenderjahr. Die Vorbereitung beginnt deutlich früher, die "
        "Abrechnung endet im Folgejahr:</p>"
        "<ol>"
        "<li><b>Planungsrahmen:</b> Das Land gibt jedem Kreis spätestens im ersten Quartal des Vorjahres "
        "den Betrag bekannt, mit dem er planen kann.</li>"
        "<li><b>Meldung der Zielgruppe:</b> Jede Stadt und Gemeinde meldet dem Kreis, wie viele Personen "
        "in ihrer Anschlussunterbringung zur Zielgruppe gehören.</li>"
        "<li><b>Übersicht der Mittelverteilung:</b> Der Kreis berechnet daraus den Anteil jeder Gemeinde "
        "und macht die Übersicht allen Gemeinden bis 31. Dezember zugänglich.</li>"
        "<li><b>Entscheidung:</b> Bis 31. Mai des Vorjahres teilt jede Gemeinde mit, ob sie das "
        "Integrationsmanagement selbst, im Verbund oder gar nicht übernimmt.</li>"
        "<li><b>Durchführung:</b> Im Förderjahr beraten die Integrationsmanagerinnen und "
        "Integrationsmanager und erheben die Kennzahlen.</li>"
        "<li><b>Kennzahlen und Verwendungsnachweis:</b> Nach Jahresende weisen die Empfänger die "
        "Verwendung nach; der Kreis übermittelt Kennzahlen und Gesamtverwendungsnachweis an die "
        "Bewilligungsstelle.</li>"
        "<li><b>Auszahlung und Weiterleitung:</b> Erst danach zahlt das Land; der Kreis leitet die "
        "Anteile unverzüglich an die Gemeinden und Verbünde weiter, die die Aufgabe selbst "
        "wahrgenommen haben.</li>"
        "</ol>"
    ),
    _frist(
        "frist_entscheidung",
        "Bis zu diesem Tag entscheidet jede Stadt und Gemeinde, wer das Integrationsmanagement im "
        "kommenden Förderjahr wahrnimmt.",
    ),
    _frist(
        "frist_verwendungsnachweis",
        "Bis zu diesem Tag legen Gemeinden und Verbünde, die Mittel erhalten, ihren Verwendungsnachweis "
        "für das abgelaufene Förderjahr vor.",
    ),
    _hinweis(
        "Welche Termine gelten für Sie?",
        "<p>Die Fristkästen zeigen Ihnen nach der Anmeldung die Termine, die Ihr Kreis veröffentlicht hat. "
        "Ohne Anmeldung sehen Sie die Vorgaben des Förderprogramms. Eine Übersicht aller Termine finden "
        'Sie auf der Seite <a href="/fristen/">Fristen</a>.</p>',
    ),
]


# --- 2. Zielgruppe und Mittelverteilung ---------------------------------------------------------------
ZIELGRUPPE = [
    _text(
        "<p>Wie viel Geld auf eine Stadt oder Gemeinde entfällt, hängt davon ab, wie viele Menschen der "
        "Zielgruppe dort leben. Deshalb erhebt der Kreis jedes Jahr neu, wie viele Personen in der "
        "Anschlussunterbringung seiner Gemeinden für das Integrationsmanagement in Frage kommen, und "
        "verteilt den verfügbaren Betrag im selben Verhältnis.</p>"
    ),
    _h2("Wer gehört zur Zielgruppe?"),
    _text(
        "<p>Das Integrationsmanagement richtet sich an Geflüchtete in der <b>Anschlussunterbringung</b> "
        "der Städte und Gemeinden. Dazu gehören vor allem Menschen mit anerkanntem Schutzstatus, daneben "
        "auch Geduldete und Asylsuchende, deren Verfahren bei Ende der vorläufigen Unterbringung noch "
        "nicht abgeschlossen ist.</p>"
        "<p>Für die Mittelverteilung zählen nur Personen, die der Gemeinde <b>höchstens drei Jahre vor "
        "dem Stichtag</b> zur Anschlussunterbringung zugewiesen wurden. Für das Förderjahr 2025 waren das "
        "im Landkreis Heilbronn alle Zuweisungen vom 01.01.2020 bis 31.12.2022. Wer schon länger in der "
        "Gemeinde lebt, wird nicht mehr mitgezählt, auch wenn er noch beraten wird.</p>"
    ),
    _recht(
        "§§ 17, 18 FlüAG",
        "Das Flüchtlingsaufnahmegesetz Baden-Württemberg regelt, dass die Städte und Gemeinden die "
        "Anschlussunterbringung übernehmen und wie ihnen die Personen zugeteilt werden. An diese "
        "Zuteilung knüpft die Zielgruppe des Integrationsmanagements an.",
    ),
    _h2("Die Meldung der Gemeinde"),
    _text(
        "<p>Jede Stadt und Gemeinde zählt die Personen der Zielgruppe anhand ihrer eigenen Unterlagen und "
        "meldet dem Kreis <b>nur die Zahl</b>. Im Portal tragen Sie diese Zahl ein; die koordinierende "
        "Stelle sieht die Meldungen aller Gemeinden des Kreises und kann bei Auffälligkeiten nachfragen.</p>"
    ),
    _hinweis(
        "Nur Anzahlen, keine Personendaten",
        "<p>Für die Verteilung genügt die Anzahl der Personen. Senden Sie keine Namenslisten und laden Sie "
        "keine Listen mit Angaben über Geflüchtete in das Portal hoch. Die Unterlagen, aus denen Sie die "
        "Zahl ermitteln, bleiben in Ihrer Verwaltung.</p>",
    ),
    _frist(
        "frist_zielgruppen_meldung",
        "Bis zu diesem Tag meldet jede Stadt und Gemeinde dem Kreis die Zahl der Personen der Zielgruppe. "
        "In der ersten Runde nach der VwV 2023 (Förderjahr 2025) war das der 31. Oktober 2023.",
    ),
    _h2("So wird verteilt"),
    _text(
        "<p>Der Kreis verteilt den Betrag, der für die Gemeinden zur Verfügung steht, <b>im Verhältnis "
        "der gemeldeten Zahlen</b>: Der Anteil einer Gemeinde ist der Gesamtbetrag, multipliziert mit "
        "ihrer Zahl und geteilt durch die Summe aller Meldungen im Kreis.</p>"
        "<p>Weil es um Geld geht, rechnet das Portal in <b>ganzen Cent</b>. Zunächst wird jeder Anteil "
        "auf den Cent abgerundet. Die Cents, die dann bis zum Gesamtbetrag noch fehlen, erhalten die "
        "Gemeinden mit den größten abgeschnittenen Resten, jede höchstens einen Cent "
        "(Verfahren der größten Reste). Bei gleichen Resten entscheidet eine feste Reihenfolge. So ergeben "
        "die Anteile zusammen genau den verteilten Betrag, und jeder Schritt ist nachvollziehbar "
        "dokumentiert.</p>"
    ),
    _h3("Ein Rechenbeispiel"),
    _text(
        "<p>Ein Landkreis verteilt 800.000,00 Euro. Seine Gemeinden haben zusammen 1.234 Personen "
        "gemeldet, eine davon 23 Personen. Rechnerisch stehen ihr 800.000 × 23 ÷ 1.234 = 14.910,8589… "
        "Euro zu. Abgerundet sind das 14.910,85 Euro; der abgeschnittene Rest beträgt knapp 0,9 Cent. Ob "
        "die Gemeinde einen der übrigen Cents erhält, hängt davon ab, wie groß ihr Rest im Vergleich zu "
        "den Resten der anderen Gemeinden ist. Ihr Anteil liegt also bei 14.910,85 oder 14.910,86 "
        "Euro.</p>"
        "<p>Noch einfacher: Werden 100,00 Euro auf drei Gemeinden mit gleich vielen Personen verteilt, "
        "erhalten zwei Gemeinden je 33,33 Euro und eine Gemeinde 33,34 Euro.</p>"
    ),
    _h2("Die Übersicht der Mittelverteilung"),
    _text(
        "<p>Aus den Meldungen erstellt der Kreis eine Übersicht, welcher Betrag voraussichtlich auf jede "
        "Stadt und Gemeinde entfällt, und macht sie <b>bis 31. Dezember</b> allen Gemeinden des Kreises "
        "zugänglich. Im Portal sehen die Gemeinden die veröffentlichte Übersicht ihres Kreises.</p>"
        "<p>Die Übersicht ist die Grundlage für die Entscheidung bis 31. Mai. Ein Beispiel: Nach der "
        "vorläufigen Berechnung des Landkreises Heilbronn hätte die Gemeinde Nordheim in der ersten "
        "Tranche 31.234,00 Euro erhalten.</p>"
    ),
    _frist(
        "frist_uebersicht",
        "Bis zu diesem Tag macht der Kreis die Übersicht der Mittelverteilung allen seinen Städten und "
        "Gemeinden zugänglich.",
    ),
    _warnung(
        "Der Anteil kann sich jedes Jahr ändern",
        "<p>Zwei Größen bestimmen den Betrag: die Mittel, die der Landtag im Haushalt bereitstellt, und "
        "die jährliche Zählung der Zielgruppe. Sinken die Zuweisungen in Ihre Gemeinde oder kürzt das "
        "Land die Mittel, fällt Ihr Anteil im nächsten Jahr geringer aus. Berücksichtigen Sie das, wenn "
        "Sie Personal einstellen.</p>",
    ),
]


# --- 3. Entscheidung bis 31. Mai ----------------------------------------------------------------------
ENTSCHEIDUNG = [
    _text(
        "<p>Bis zum <b>31. Mai</b> vor Beginn des Förderjahres teilt jede Stadt und Gemeinde dem Kreis mit, "
        "wie das Integrationsmanagement bei ihr künftig organisiert sein soll. In der ersten Runde war "
        "dies der 31. Mai 2024 für die Förderung ab 2025. Die Entscheidung stützt sich auf die Übersicht "
        "der Mittelverteilung, die der Kreis bis 31. Dezember veröffentlicht hat.</p>"
    ),
    _frist(
        "frist_entscheidung",
        "Bis zu diesem Tag muss die Entscheidung der Gemeinde – allein, im Verbund oder beim Landkreis – "
        "bei der koordinierenden Stelle vorliegen.",
    ),
    _h2("Drei Möglichkeiten"),
    _text(
        "<ol>"
        "<li><b>Beim Landkreis belassen:</b> Der Kreis erbringt das Integrationsmanagement in der Gemeinde "
        "mit eigenem Personal oder über einen Träger. Die Gemeinde erhält keinen eigenen Anteil.</li>"
        "<li><b>In eigener Verantwortung allein:</b> Die Gemeinde beschäftigt selbst Personal oder "
        "beauftragt einen Träger und erhält dafür ihren Anteil vom Kreis.</li>"
        "<li><b>In eigener Verantwortung im Verbund:</b> Mehrere Gemeinden desselben Kreises legen ihre "
        "Anteile zusammen und tragen das Integrationsmanagement gemeinsam.</li>"
        "</ol>"
    ),
    _h2("Voraussetzungen für die eigene Verantwortung"),
    _text(
        "<ul>"
        "<li>Es gibt mindestens eine Stelle mit einem Umfang von <b>mindestens 50 Prozent "
        "(0,5 VZÄ)</b>.</li>"
        "<li>Die Stelle ist <b>durchgehend</b> über das ganze Förderjahr besetzt.</li>"
        "<li>Im Verbund kann die Stelle von mehreren Gemeinden gemeinsam getragen werden.</li>"
        "<li>Die Gemeinde darf die Förderung aus eigenen Mitteln aufstocken.</li>"
        "<li>Sie darf die Mittel an einen Träger der freien Wohlfahrtspflege weitergeben, bleibt aber "
        "gegenüber dem Kreis für Zweck und Nachweis verantwortlich.</li>"
        "<li>Die Aufgaben, die die VwV dem Integrationsmanagement zuweist, sind verbindlich, ebenso die "
        "Anforderungen an die Qualifikation des Personals.</li>"
        "</ul>"
    ),
    _h3("Gemeinsam im Verbund"),
    _text(
        "<p>Ein <b>Verbund</b> bietet sich an, wenn der Anteil einer einzelnen Gemeinde für eine halbe "
        "Stelle nicht ausreicht. Im Verbund legen die beteiligten Gemeinden ihre Anteile zusammen; eine "
        "Gemeinde übernimmt die Federführung, beschäftigt das Personal oder beauftragt den Träger und "
        "erhält die Mittel für den ganzen Verbund. Der Verbund gibt eine gemeinsame Entscheidung ab, die "
        "jede beteiligte Gemeinde bestätigt.</p>"
        "<p>Regeln Sie in einer Vereinbarung zwischen den Verbund-Gemeinden, wie Kosten, Arbeitszeit und "
        "Sprechstunden aufgeteilt werden und wer den Verwendungsnachweis für den Verbund erstellt.</p>"
    ),
    _h2("Gemeinderatsbeschluss und Mitteilung"),
    _text(
        "<p>Die Entscheidung wird in der Regel vom Gemeinderat getroffen, weil sie Personal, Haushalt und "
        "die Zusammenarbeit mit dem Kreis für mehrere Jahre bestimmt. Teilen Sie dem Kreis das Ergebnis "
        "im Portal mit und fügen Sie den Beschluss bei. Bei einem Verbund legt jede beteiligte Gemeinde "
        "ihren Beschluss vor.</p>"
    ),
    _warnung(
        "Ohne Mitteilung bleibt die Aufgabe beim Landkreis",
        "<p>Geht bis 31. Mai keine Entscheidung ein, nimmt der Landkreis das Integrationsmanagement für "
        "die Gemeinde wahr und die Gemeinde erhält keinen Anteil. Eine verspätete Mitteilung "
        "berücksichtigt die koordinierende Stelle nur, wenn sie sie ausdrücklich annimmt.</p>",
    ),
    _h2("Die Abwägung kleiner Gemeinden"),
    _text(
        "<p>Für kleinere Gemeinden ist die Rechnung oft knapp. Die Gemeinde Nordheim im Landkreis "
        "Heilbronn hätte für 2025 voraussichtlich 31.234,00 Euro erhalten. Eine halbe Stelle mit "
        "geeigneter Qualifikation kostet nach überschlägiger Rechnung rund 40.000 Euro im Jahr. Die "
        "Gemeinde hätte die Lücke also aus eigenen Mitteln schließen oder sich mit Nachbargemeinden zu "
        "einem Verbund zusammenschließen müssen. Die Verwaltung schlug dem Gemeinderat deshalb vor, das "
        "Integrationsmanagement beim Landkreis zu belassen – mit Blick auf die gute Zusammenarbeit mit dem "
        "Landratsamt, die nicht ausreichende Förderung und den schwierigen Stellenmarkt.</p>"
        "<p>Die folgende Gegenüberstellung hilft bei der Abwägung. Sie beruht auf einer Zusammenstellung "
        "des Landratsamts Heilbronn für seine Gemeinden.</p>"
    ),
    {
        "type": "vergleich",
        "value": {
            "titel": "Aufgabenwahrnehmung durch Gemeinde oder Landratsamt",
            "optionen": [
                {
                    "ueberschrift": "Gemeinde in eigener Verantwortung (allein oder im Verbund)",
                    "vorteile": [
                        "Die Gemeinde steuert Schwerpunkte und Arbeitsweise vor Ort selbst.",
                        "Das Personal untersteht der Gemeinde; sie kann Weisungen erteilen.",
                        "Kurze Wege zur Unterbringung, zur eigenen Flüchtlingshilfe und zum Ehrenamt.",
                        "Eigenmittel oder die Beauftragung eines Trägers sind möglich.",
                    ],
                    "nachteile": [
                        "Die Gemeinde trägt die Verantwortung für das Ergebnis und muss die Vorgaben der "
                        "VwV genau einhalten.",
                        "Finanzierungsrisiko: Landeshaushalt und jährliche Zählung verändern den Anteil.",
                        "Fachkräfte sind schwer zu finden; bei Vakanzen fällt die Beratung aus.",
                        "Vertretung bei Urlaub und Krankheit ist mit wenig Personal schwer zu sichern.",
                        "Jährlicher Verwendungsnachweis und Kennzahlen gegenüber der koordinierenden Stelle.",
                        "Der Anteil deckt die Kosten einer halben Stelle oft nicht vollständig.",
                    ],
                },
                {
                    "ueberschrift": "Landratsamt (Aufgabe bleibt beim Landkreis)",
                    "vorteile": [
                        "Kein Aufwand der Gemeinde für Steuerung, Koordination und Konzeption.",
                        "Das größere Team gleicht schwankende Mittel, Vakanzen und Stellenänderungen aus.",
                        "Vertretung bei Urlaub und Krankheit ist innerhalb des Teams geregelt.",
                        "Fortbildung und Nachqualifizierung können im Haus angeboten werden.",
                        "Personal kann zwischen Flüchtlingssozialarbeit und Integrationsmanagement "
                        "wechseln und bleibt so erhalten.",
                        "Beratung aus einer Hand mit bestehenden Netzwerken zu Jobcenter, Jugendamt und "
                        "Beratungsstellen; kollegiale Beratung und Supervision im Team.",
                    ],
                    "nachteile": [
                        "Die Gemeinde hat weniger Einfluss auf die Arbeit vor Ort.",
                        "Sie hat keine Weisungsbefugnis gegenüber dem Personal in ihrem Gebiet.",
                        "Sie verzichtet auf ihren Anteil an der Förderung.",
                        "Zusammenarbeit und Informationsfluss müssen eigens abgestimmt werden.",
                    ],
                },
            ],
        },
    },
    _dokument(
        "beschlussvorlage",
        "Beschlussvorlage für den Gemeinderat (DOCX)",
        "Vorlage mit Sachverhalt, den beiden Alternativen, einer Gegenüberstellung der Vor- und Nachteile, "
        "den finanziellen Auswirkungen und einem Beschlussvorschlag zum Ankreuzen.",
    ),
    _hinweis(
        "Tipp: Verbund frühzeitig abstimmen",
        "<p>Ein Verbund braucht übereinstimmende Beschlüsse aller beteiligten Gemeinderäte vor dem "
        "31. Mai. Sprechen Sie mögliche Partner deshalb schon an, sobald die Übersicht der "
        "Mittelverteilung vorliegt, und beziehen Sie die koordinierende Stelle früh ein.</p>",
    ),
]


# --- 4. Stellen, Qualifikation und Nachqualifizierung ------------------------------------------------
STELLEN = [
    _text(
        "<p>Gefördert werden Personalausgaben für Integrationsmanagerinnen und Integrationsmanager. Damit "
        "die Beratung verlässlich stattfindet, stellt die Verwaltungsvorschrift Anforderungen an den "
        "Umfang der Stellen, an ihre Besetzung und an die Qualifikation des Personals. Diese Anforderungen "
        "gelten für Kreise, Gemeinden, Verbünde und beauftragte Träger gleichermaßen.</p>"
    ),
    _recht(
        "VwV Integrationsmanagement 2023",
        "Legt Stellenumfang, Qualifikation, Beratungszeitraum und die verbindlichen Aufgaben des "
        "Integrationsmanagements fest. Die Aufgaben sind abschließend beschrieben.",
    ),
    _h2("Stellenumfang und Besetzung"),
    _text(
        "<ul>"
        "<li>Wer das Integrationsmanagement in eigener Verantwortung durchführt, braucht mindestens eine "
        "Stelle mit <b>0,5 VZÄ</b> (Vollzeitäquivalent), also 50 Prozent einer Vollzeitstelle.</li>"
        "<li>Dieser Umfang muss <b>durchgehend</b> während des ganzen Förderjahres gegeben sein.</li>"
        "<li>Im Verbund können mehrere Gemeinden eine Stelle gemeinsam tragen.</li>"
        "<li>Jede Person, die im Integrationsmanagement arbeitet, muss die Anforderungen an die "
        "Qualifikation erfüllen. Wollen Sie den Mindestumfang auf mehrere Personen verteilen, stimmen Sie "
        "das vorab mit der koordinierenden Stelle ab.</li>"
        "</ul>"
    ),
    _warnung(
        "Vakanzen früh melden",
        "<p>Wird eine Stelle frei oder sinkt der Stellenumfang unter 0,5 VZÄ, informieren Sie die "
        "koordinierende Stelle umgehend. Zeiten ohne Besetzung werden im Verwendungsnachweis sichtbar "
        "(VZÄ je Monat) und können dazu führen, dass Mittel zurückgefordert werden.</p>",
    ),
    _h2("Qualifikation"),
    _text(
        "<p>In der Regel verfügen Integrationsmanagerinnen und Integrationsmanager über ein "
        "abgeschlossenes Studium in einem Fach, das dem <b>Sozialwesen</b> zuzuordnen ist, zum Beispiel "
        "Soziale Arbeit oder Sozialpädagogik.</p>"
        "<p>Personen mit einem anderen Studienabschluss oder mit einem mittleren Bildungsabschluss und "
        "einschlägiger Berufserfahrung können ebenfalls eingesetzt werden. Sie müssen dann eine "
        "mehrtägige <b>Nachqualifizierung</b> mit festgelegten Themen absolvieren.</p>"
    ),
    _h3("Fristen der Nachqualifizierung"),
    _text(
        "<ol>"
        "<li>Prüfen Sie schon bei der Einstellung, ob eine Nachqualifizierung nötig ist.</li>"
        "<li>Die Nachqualifizierung muss <b>innerhalb von drei Monaten</b> nach Beginn der Tätigkeit "
        "beginnen.</li>"
        "<li>Sie muss <b>innerhalb eines Jahres</b> nach Beginn der Tätigkeit abgeschlossen sein.</li>"
        "<li>Bewahren Sie Anmeldung und Teilnahmebescheinigung auf; Beginn und Abschluss gehören in den "
        "Verwendungsnachweis.</li>"
        "</ol>"
    ),
    _h2("Beratung nach dem Case-Management-Ansatz"),
    _text(
        "<p>Das Integrationsmanagement arbeitet nach dem Ansatz des <b>Case Managements</b>: Es klärt mit "
        "jeder Person die Lage und den Bedarf, vereinbart Ziele, vermittelt an die zuständigen Stellen, "
        "begleitet die Umsetzung und überprüft, ob die Ziele erreicht wurden.</p>"
        "<ul>"
        "<li><b>Integrationsplan:</b> Für jede beratene Person oder Familie wird ein Integrationsplan mit "
        "konkreten Zielen erstellt. Er ist verpflichtend und wird im Lauf der Beratung fortgeschrieben.</li>"
        "<li><b>Beratungszeitraum:</b> Die Beratung dauert höchstens drei Jahre. In begründeten "
        "Einzelfällen kann sie um ein Jahr verlängert werden; halten Sie die Gründe in der Akte fest.</li>"
        "<li><b>Kennzahlen:</b> Die Beratungen und Integrationspläne werden für die jährlichen Kennzahlen "
        "gezählt.</li>"
        "</ul>"
    ),
    _hinweis(
        "Was nicht zum Integrationsmanagement gehört",
        "<p>Die Verwaltungsvorschrift beschreibt die Aufgaben abschließend. Tätigkeiten außerhalb dieser "
        "Aufgaben – etwa die Verwaltung der Unterkünfte oder allgemeine Verwaltungsarbeit der Gemeinde – "
        "dürfen nicht aus den Fördermitteln bezahlt werden. Arbeitet eine Person auch in anderen "
        "Aufgaben, rechnen Sie nur den Anteil für das Integrationsmanagement ab.</p>",
    ),
]


# --- 5. Koordinierende Stelle -------------------------------------------------------------------------
KOORDINIERENDE_STELLE = [
    _text(
        "<p>Seit dem <b>1. Januar 2025</b> muss jeder Stadt- und Landkreis eine koordinierende Stelle für "
        "das Integrationsmanagement haben. Gefördert werden konnte sie schon ab 2023. Sie ist die zentrale "
        "Ansprechstelle im Kreis – für das Land und die Bewilligungsstelle ebenso wie für die Städte und "
        "Gemeinden, die Träger und die Integrationsmanagerinnen und Integrationsmanager.</p>"
    ),
    _h2("Rahmen der Förderung"),
    _text(
        "<ul>"
        "<li>Die Stelle hat einen Umfang von mindestens <b>0,5 VZÄ</b>.</li>"
        "<li>Sie ist <b>nicht teilbar</b>: Der Mindestumfang darf nicht auf mehrere kleine Stellenanteile "
        "aufgeteilt werden.</li>"
        "<li>Zuwendungsfähig sind Personalausgaben von höchstens <b>40.000 Euro je Kreis</b> für jeweils "
        "zwölf Monate.</li>"
        "</ul>"
    ),
    _h2("Aufgaben"),
    _text(
        "<ul>"
        "<li>das Integrationsmanagement im Kreis zentral steuern;</li>"
        "<li>Fortbildungen für Integrationsmanagerinnen und Integrationsmanager planen und steuern;</li>"
        "<li>die Verwaltungsspitzen von Kreis, Städten und Gemeinden über die Entwicklung informieren;</li>"
        "<li>die beteiligten Stellen vernetzen und bei Bedarf Kooperationsvereinbarungen schließen;</li>"
        "<li>Vernetzungstreffen auf Kreisebene organisieren und durchführen;</li>"
        "<li>am strategischen Steuerungsgremium des Landes zum Integrationsmanagement teilnehmen;</li>"
        "<li>die Daten und Kennzahlen des Kreises zusammenführen;</li>"
        "<li>den Bedarf mit den kreisangehörigen Städten und Gemeinden abstimmen.</li>"
        "</ul>"
    ),
    _h2("Die koordinierende Stelle im Jahreszyklus"),
    _text(
        "<p>Im Portal ist die koordinierende Stelle für den gesamten Ablauf ihres Kreises zuständig:</p>"
        "<ol>"
        "<li>Sie legt das Förderjahr an, pflegt Beträge und Fristen und veröffentlicht es für die "
        "Gemeinden.</li>"
        "<li>Sie sammelt die Meldungen der Zielgruppe und veröffentlicht die Übersicht der "
        "Mittelverteilung.</li>"
        "<li>Sie prüft die Entscheidungen der Gemeinden und Verbünde.</li>"
        "<li>Sie bereitet die Weiterleitungen vor und gibt sie frei; die Kämmerei führt die Zahlung "
        "aus.</li>"
        "<li>Sie prüft die Verwendungsnachweise, vermerkt das Ergebnis und erstellt den "
        "Gesamtverwendungsnachweis des Kreises.</li>"
        "<li>Sie führt die Kennzahlen zusammen und übermittelt sie an die Bewilligungsstelle.</li>"
        "</ol>"
    ),
    _hinweis(
        "Vier-Augen-Prinzip",
        "<p>Weiterleitungen bereitet eine Person vor, eine andere gibt sie frei. Richten Sie deshalb "
        "mindestens zwei Benutzerkonten für die koordinierende Stelle ein – etwa für die Stelleninhaberin "
        "oder den Stelleninhaber und die Vertretung.</p>",
    ),
    _frist(
        "frist_kennzahlen",
        "Bis zu diesem Tag übermittelt der Kreis die zusammengeführten Kennzahlen des abgelaufenen "
        "Förderjahres an die Bewilligungsstelle.",
    ),
    _frist(
        "frist_verwendungsnachweis",
        "Bis zu diesem Tag legen die Gemeinden und Verbünde ihre Verwendungsnachweise bei der "
        "koordinierenden Stelle vor.",
    ),
]


# --- 6. Weiterleitung der Mittel ----------------------------------------------------------------------
WEITERLEITUNG = [
    _text(
        "<p>Das Land zahlt die Zuwendung für ein Förderjahr erst aus, wenn der Verwendungsnachweis "
        "vorliegt. Für das Förderjahr 2025 floss das Geld deshalb erstmals im Jahr 2026. Städte, Gemeinden "
        "und Verbünde, die das Integrationsmanagement selbst durchführen, müssen die Ausgaben des "
        "Förderjahres also zunächst vorfinanzieren.</p>"
        "<p>Sobald das Land gezahlt hat, überlässt der Kreis jeder Gemeinde und jedem Verbund, die sich "
        "für die eigene Verantwortung entschieden haben, den berechneten Betrag <b>unverzüglich</b>.</p>"
    ),
    _h2("Ablauf"),
    _text(
        "<ol>"
        "<li>Der Kreis reicht den Gesamtverwendungsnachweis bei der Bewilligungsstelle ein.</li>"
        "<li>Das Land prüft und zahlt die Zuwendung an den Kreis aus.</li>"
        "<li>Die koordinierende Stelle bereitet im Portal für jede berechtigte Gemeinde und jeden Verbund "
        "eine Weiterleitung über den berechneten Betrag vor.</li>"
        "<li>Eine zweite Person der koordinierenden Stelle prüft und gibt die Weiterleitung frei.</li>"
        "<li>Die Kämmerei des Kreises führt die Zahlung aus und bestätigt sie im Portal.</li>"
        "</ol>"
    ),
    _recht(
        "Nr. 12 VV zu § 44 LHO",
        "Die Verwaltungsvorschriften zur Landeshaushaltsordnung regeln, wie ein Zuwendungsempfänger "
        "Mittel an Dritte weitergibt: durch Bescheid oder durch Vertrag. Dabei gibt er die Bestimmungen "
        "seines eigenen Zuwendungsbescheids – Zweck, Nachweis, Prüfungsrechte und Rückforderung – an den "
        "Letztempfänger weiter.",
    ),
    _h2("Weiterleitungsbescheid oder Weiterleitungsvertrag"),
    _text(
        "<p>Der Kreis wählt die Rechtsform der Weiterleitung. Beide Wege sind zulässig; wichtig ist, dass "
        "alle Pflichten aus dem Zuwendungsbescheid des Landes vollständig übertragen werden.</p>"
    ),
    {
        "type": "vergleich",
        "value": {
            "titel": "Rechtsform der Weiterleitung",
            "optionen": [
                {
                    "ueberschrift": "Weiterleitungsbescheid",
                    "vorteile": [
                        "Der Kreis kann einheitlich und zügig für alle Gemeinden entscheiden.",
                        "Widerruf und Rückforderung sind unmittelbar durch Bescheid möglich.",
                        "Gut geeignet für wiederkehrende, gleichförmige Fälle.",
                    ],
                    "nachteile": [
                        "Wenig Raum für individuelle Absprachen zur Zusammenarbeit.",
                        "Gegen den Bescheid sind Rechtsbehelfe möglich.",
                    ],
                },
                {
                    "ueberschrift": "Weiterleitungsvertrag / Kooperationsvereinbarung",
                    "vorteile": [
                        "Partnerschaftliche Regelung, auch zu Zusammenarbeit und Informationsaustausch.",
                        "Passt gut zu Verbünden und zur Weitergabe an Träger.",
                    ],
                    "nachteile": [
                        "Beide Seiten müssen verhandeln und unterschreiben; das braucht Zeit.",
                        "Rückforderung und Verzinsung müssen im Vertrag ausdrücklich geregelt sein.",
                        "Sollte vom Rechtsamt geprüft werden.",
                    ],
                },
            ],
        },
    },
    _h2("Grundsätze"),
    _text(
        "<ul>"
        "<li>Weitergeleitet wird nur an Gemeinden und Verbünde, die sich fristgerecht für die eigene "
        "Verantwortung entschieden haben.</li>"
        "<li>Eine Weiterleitung ist <b>nie höher</b> als der Betrag, den der Kreis für diese Gemeinde oder "
        "diesen Verbund vom Land erhalten hat.</li>"
        "<li>Kein Betrag wird <b>doppelt</b> gezahlt: Für denselben Empfänger und dasselbe Förderjahr gibt "
        "es nur eine freigegebene Weiterleitung.</li>"
        "<li>Jeder Schritt – Vorbereitung, Freigabe, Zahlung – wird mit Person und Zeitpunkt "
        "protokolliert.</li>"
        "</ul>"
    ),
    _hinweis(
        "Vier-Augen-Prinzip im Portal",
        "<p>Wer eine Weiterleitung vorbereitet, kann sie nicht selbst freigeben. Die Freigabe erteilt eine "
        "zweite Person der koordinierenden Stelle; erst danach kann die Kämmerei zahlen.</p>",
    ),
    _warnung(
        "Weitergabe an Träger",
        "<p>Gibt eine Gemeinde die Mittel an einen Träger der freien Wohlfahrtspflege weiter, bleibt sie "
        "gegenüber dem Kreis verantwortlich. Übertragen Sie alle Pflichten – Stellenumfang, "
        "Qualifikation, Kennzahlen, Verwendungsnachweis und Prüfungsrechte – vertraglich an den "
        "Träger.</p>",
    ),
    _dokument(
        "weiterleitungsvertrag",
        "Gliederung eines Weiterleitungsvertrags (DOCX)",
        "Gliederung eines Vertrags zwischen Landkreis und Gemeinde oder Verbund mit Regelungen zu Höhe "
        "und Auszahlung, Zweckbindung, Verwendungsnachweis, Prüfungsrechten und Rückforderung. Vor der "
        "Verwendung vom Rechtsamt prüfen lassen.",
    ),
]


# --- 7. Kennzahlen ------------------------------------------------------------------------------------
KENNZAHLEN = [
    _text(
        "<p>Mit den Kennzahlen zeigt das Land dem Landtag, was mit den Fördermitteln erreicht wurde: wie "
        "viele Menschen das Integrationsmanagement erreicht, wie viele Beratungsgespräche geführt und wie "
        "viele Integrationspläne erstellt wurden. Die Kennzahlen dokumentieren nicht den Inhalt der "
        "Beratung und dienen nicht der Kontrolle einzelner Beschäftigter.</p>"
    ),
    _recht(
        "Nr. 9.1.9 VwV Integrationsmanagement",
        "Verpflichtet die Zuwendungsempfänger, Kennzahlen zum Förderprogramm zu erheben und der "
        "Bewilligungsstelle zu übermitteln. Fehlen die Kennzahlen, kann die Zuwendung ganz oder teilweise "
        "zurückgefordert werden.",
    ),
    _h2("Was erhoben wird"),
    _text(
        "<p>Erhoben wird mit dem <b>landeseinheitlichen Muster</b>, das das Regierungspräsidium Stuttgart "
        "zum Herunterladen bereitstellt. Es enthält unter anderem:</p>"
        "<ul>"
        "<li>die Zahl der Personen, die das Integrationsmanagement erreicht hat;</li>"
        "<li>die Zahl der geführten Beratungsgespräche;</li>"
        "<li>die Zahl der erstellten Integrationspläne;</li>"
        "<li>weitere Angaben, die das Muster für die Integrationsmanagerinnen und Integrationsmanager "
        "sowie für den Zuwendungsempfänger vorsieht.</li>"
        "</ul>"
        "<p>Maßgeblich ist immer die jeweils aktuelle Fassung des Musters.</p>"
    ),
    _h2("Zeitraum und Weg der Kennzahlen"),
    _text(
        "<ol>"
        "<li>Erhebungszeitraum ist das Förderjahr vom <b>1. Januar bis 31. Dezember</b>.</li>"
        "<li>Die Integrationsmanagerinnen und Integrationsmanager erfassen die Zahlen laufend.</li>"
        "<li>Gemeinden und Verbünde, die das Integrationsmanagement selbst durchführen, übergeben ihre "
        "Zahlen der koordinierenden Stelle.</li>"
        "<li>Die koordinierende Stelle führt die Zahlen aller Gemeinden und des Kreises zusammen.</li>"
        "<li>Der Kreis übermittelt die Kennzahlen <b>bis 31. März des Folgejahres</b> an die "
        "Bewilligungsstelle.</li>"
        "</ol>"
        "<p>Nach der früheren Regel übermittelte jeder Zuwendungsempfänger – damals auch einzelne Städte "
        "und Gemeinden – seine Kennzahlen selbst, und zwar bis 31. Januar. Seit dem Förderjahr 2025 "
        "bündelt die koordinierende Stelle die Zahlen für den ganzen Kreis.</p>"
    ),
    _frist(
        "frist_kennzahlen",
        "Bis zu diesem Tag übermittelt der Kreis die Kennzahlen des abgelaufenen Förderjahres an die "
        "Bewilligungsstelle. Die koordinierende Stelle kann für die Gemeinden einen früheren Termin "
        "festlegen, damit genug Zeit zum Zusammenführen bleibt.",
    ),
    _warnung(
        "Fehlende Kennzahlen haben Folgen",
        "<p>Werden Kennzahlen nicht erhoben oder nicht übermittelt, kann die Förderung ganz oder teilweise "
        "zurückgefordert werden – beim Kreis und damit auch bei den Gemeinden, an die er Mittel "
        "weitergeleitet hat.</p>",
    ),
    _h2("Ihre eigenen Zahlen"),
    _text(
        "<p>Im Portal sieht jede Stadt und Gemeinde jederzeit die Kennzahlen für ihr eigenes Gebiet – "
        "auch dann, wenn der Landkreis das Integrationsmanagement für sie wahrnimmt. Die Gemeinde ist für "
        "die Anschlussunterbringung verantwortlich und soll erkennen können, wie die Beratung vor Ort "
        "wirkt.</p>"
        "<p>Kennzahlen sind Summen. Sie enthalten keine Angaben, mit denen sich einzelne Personen "
        "erkennen lassen.</p>"
    ),
]


# --- 8. Verwendungsnachweis ---------------------------------------------------------------------------
VERWENDUNGSNACHWEIS = [
    _text(
        "<p>Mit dem <b>Verwendungsnachweis</b> belegen Sie nach Ablauf des Förderjahres, wofür die Mittel "
        "eingesetzt wurden und was das Integrationsmanagement geleistet hat. Jede Stadt, jede Gemeinde "
        "und jeder Verbund, die das Integrationsmanagement in eigener Verantwortung durchführen, legt den "
        "Verwendungsnachweis jährlich der koordinierenden Stelle des Kreises vor.</p>"
        "<p>Der Verwendungsnachweis ist zugleich die Voraussetzung für die Auszahlung: Aus allen "
        "Nachweisen erstellt der Kreis den Gesamtverwendungsnachweis, und erst danach zahlt das Land.</p>"
    ),
    _frist(
        "frist_verwendungsnachweis",
        "Bis zu diesem Tag legen Sie den Verwendungsnachweis für das abgelaufene Förderjahr der "
        "koordinierenden Stelle vor.",
    ),
    _h2("Bestandteile des Verwendungsnachweises"),
    _h3("Sachbericht"),
    _text(
        "<p>Der Sachbericht beschreibt auf etwa <b>drei Seiten</b>, was im Förderjahr geschehen ist:</p>"
        "<ul>"
        "<li>Ziele des Integrationsmanagements vor Ort;</li>"
        "<li>Umsetzung und Stellenbesetzung, einschließlich Vakanzen und Nachqualifizierung;</li>"
        "<li>Zusammenarbeit mit Kooperationspartnern wie Jobcenter, Schulen, Beratungsstellen und "
        "Ehrenamt;</li>"
        "<li>Arbeit mit den Integrationsplänen;</li>"
        "<li>Schwierigkeiten und wie sie gelöst wurden;</li>"
        "<li>Ausblick auf das nächste Jahr.</li>"
        "</ul>"
    ),
    _dokument(
        "sachbericht",
        "Gliederung des Sachberichts (DOCX)",
        "Gliederung mit Erläuterungen und einer Tabelle zur Stellenbesetzung – als Grundlage für den "
        "Sachbericht zum Verwendungsnachweis.",
    ),
    _h3("Zahlenmäßiger Nachweis"),
    _text(
        "<p>Der zahlenmäßige Nachweis stellt Ausgaben und Einnahmen des Förderjahres gegenüber:</p>"
        "<ul>"
        "<li>Personalausgaben <b>je Stelle</b>;</li>"
        "<li>Stellenumfang in <b>VZÄ je Monat</b>, damit durchgehende Besetzung und Vakanzen erkennbar "
        "sind;</li>"
        "<li>Qualifikation der Beschäftigten und gegebenenfalls Beginn und Abschluss der "
        "Nachqualifizierung;</li>"
        "<li>sonstige Ausgaben, soweit sie zuwendungsfähig sind;</li>"
        "<li>Einnahmen: Fördermittel, Eigenmittel und Mittel Dritter.</li>"
        "</ul>"
    ),
    _h2("Prüfung durch die koordinierende Stelle"),
    _text(
        "<p>Die koordinierende Stelle prüft jeden Verwendungsnachweis auf Vollständigkeit, rechnerische "
        "Richtigkeit und Einhaltung der Fördervoraussetzungen. Sie <b>nimmt ihn an</b> oder <b>gibt ihn "
        "zur Überarbeitung zurück</b> und nennt dabei die Gründe. Das Ergebnis hält sie in einem "
        "<b>Prüfvermerk</b> fest.</p>"
        "<p>Aus den geprüften Nachweisen und ihren eigenen Angaben erstellt der Kreis den "
        "<b>Gesamtverwendungsnachweis</b> für den ganzen Kreis. Er ist die Grundlage dafür, dass das Land "
        "die Zuwendung auszahlt.</p>"
    ),
    _warnung(
        "Ein verspäteter Nachweis verzögert die Auszahlung für alle",
        "<p>Solange ein Verwendungsnachweis fehlt oder unvollständig ist, kann der Kreis seinen "
        "Gesamtverwendungsnachweis nicht abschließen. Damit verschiebt sich die Zahlung des Landes – und "
        "die Weiterleitung an alle Gemeinden und Verbünde des Kreises.</p>",
    ),
    _h2("Rückforderung und Verzinsung"),
    _text(
        "<p>Mittel, die nicht oder nicht zweckentsprechend verwendet wurden, werden zurückgefordert. Das "
        "gilt etwa, wenn eine Stelle über längere Zeit unbesetzt war, der Mindestumfang unterschritten "
        "wurde oder Ausgaben nicht zum Integrationsmanagement gehören. Der zu erstattende Betrag ist zu "
        "verzinsen.</p>"
    ),
    _recht(
        "§ 49a LVwVfG",
        "Regelt die Erstattung von Leistungen nach Rücknahme oder Widerruf eines Zuwendungsbescheids und "
        "die Verzinsung des Erstattungsbetrags (fünf Prozentpunkte über dem Basiszinssatz jährlich). Bei "
        "einer Weiterleitung durch Vertrag muss der Vertrag Rückforderung und Verzinsung entsprechend "
        "regeln.",
    ),
    _h2("Aufbewahrung"),
    _text(
        "<p>Bewahren Sie alle Unterlagen zum Verwendungsnachweis mindestens <b>fünf Jahre</b> auf, "
        "Buchungsbelege mindestens <b>zehn Jahre</b>, soweit nicht längere Fristen gelten. Dazu gehören "
        "Arbeitsverträge, Nachweise über die Qualifikation und die Nachqualifizierung, "
        "Stellenbesetzungen sowie Belege über Ausgaben und Einnahmen.</p>"
        "<p>Frühere Fassungen der Verwaltungsvorschrift sahen vor, den Verwendungsnachweis innerhalb von "
        "drei Monaten nach Ende des Förderzeitraums vorzulegen, und kannten Zwischenverwendungsnachweise. "
        "Maßgeblich ist, was Ihr Weiterleitungsbescheid oder Weiterleitungsvertrag bestimmt.</p>"
    ),
]


# --- 9. Häufige Fragen --------------------------------------------------------------------------------
FAQ = [
    _text(
        "<p>Hier beantworten wir die Fragen, die Städte, Gemeinden und Kreise am häufigsten stellen. "
        "Ausführliche Erläuterungen finden Sie auf den einzelnen Hinweisseiten.</p>"
    ),
    _faq(
        "Häufige Fragen zum Integrationsmanagement",
        [
            (
                "Wer erhält die Fördermittel des Landes?",
                "<p>Seit dem Förderjahr 2025 sind die 44 Stadt- und Landkreise Zuwendungsempfänger. Sie "
                "verteilen die Mittel rechnerisch auf ihre Städte und Gemeinden und leiten sie an "
                "diejenigen weiter, die das Integrationsmanagement selbst durchführen.</p>",
            ),
            (
                "Wie wird der Anteil meiner Gemeinde berechnet?",
                "<p>Im Verhältnis der Zahl der Personen der Zielgruppe, die Ihre Gemeinde gemeldet hat, zur "
                "Summe aller Meldungen im Kreis. Gerechnet wird in ganzen Cent; übrige Cents erhalten die "
                "Gemeinden mit den größten Rundungsresten. Details stehen auf der Seite "
                '<a href="/hinweise/zielgruppe-und-mittelverteilung/">Zielgruppe und '
                "Mittelverteilung</a>.</p>",
            ),
            (
                "Speichert das Portal Daten über geflüchtete Menschen?",
                "<p>Nein. Das Portal enthält nur Anzahlen, Beträge, Entscheidungen, Kennzahlen als Summen "
                "und Nachweise. Namen oder andere personenbezogene Angaben über Geflüchtete werden weder "
                "gemeldet noch gespeichert.</p>",
            ),
            (
                "Bis wann muss sich meine Gemeinde entscheiden?",
                "<p>Bis zum 31. Mai vor Beginn des Förderjahres. Das verbindliche Datum für Ihren Kreis "
                'sehen Sie nach der Anmeldung auf der Seite <a href="/fristen/">Fristen</a>.</p>',
            ),
            (
                "Was passiert, wenn wir bis 31. Mai nicht antworten?",
                "<p>Dann bleibt das Integrationsmanagement beim Landkreis. Er erbringt die Beratung in Ihrer "
                "Gemeinde, und Ihre Gemeinde erhält keinen eigenen Anteil. Eine verspätete Mitteilung wird "
                "nur berücksichtigt, wenn die koordinierende Stelle sie ausdrücklich annimmt.</p>",
            ),
            (
                "Was ist ein Verbund und wann lohnt er sich?",
                "<p>In einem Verbund tragen mehrere Gemeinden desselben Kreises das Integrationsmanagement "
                "gemeinsam. Sie legen ihre Anteile zusammen; eine Gemeinde ist federführend und erhält die "
                "Mittel. Ein Verbund lohnt sich vor allem, wenn der Anteil einer einzelnen Gemeinde nicht "
                "für eine Stelle mit mindestens 0,5 VZÄ reicht.</p>",
            ),
            (
                "Welche Stelle brauchen wir mindestens?",
                "<p>Mindestens eine Stelle mit 0,5 VZÄ, die das ganze Förderjahr durchgehend besetzt ist – "
                "allein oder gemeinsam im Verbund. Das Personal hat in der Regel ein Studium im "
                "Sozialwesen; sonst ist eine Nachqualifizierung nötig, die binnen drei Monaten beginnt und "
                "binnen eines Jahres abgeschlossen ist.</p>",
            ),
            (
                "Dürfen wir die Aufgabe einem Träger der freien Wohlfahrtspflege übertragen?",
                "<p>Ja. Kreis und Gemeinden dürfen die Mittel an Träger wie Caritas, Diakonie, DRK oder AWO "
                "weitergeben. Die Gemeinde bleibt gegenüber dem Kreis verantwortlich und muss ihre "
                "Pflichten an den Träger weitergeben.</p>",
            ),
            (
                "Wann bekommen wir das Geld?",
                "<p>Erst nachdem das Land gezahlt hat – und das Land zahlt erst nach dem "
                "Gesamtverwendungsnachweis des Kreises. Für das Förderjahr 2025 war das 2026. Danach leitet "
                "der Kreis den berechneten Betrag unverzüglich weiter. Bis dahin finanziert Ihre Gemeinde "
                "die Ausgaben vor.</p>",
            ),
            (
                "Was gehört in den Verwendungsnachweis?",
                "<p>Ein Sachbericht von etwa drei Seiten und ein zahlenmäßiger Nachweis mit den "
                "Personalausgaben je Stelle, den VZÄ je Monat, der Qualifikation, sonstigen Ausgaben und "
                "den Einnahmen. Die koordinierende Stelle prüft ihn und nimmt ihn an oder gibt ihn zur "
                "Überarbeitung zurück.</p>",
            ),
            (
                "Sehen wir die Kennzahlen unserer Gemeinde, wenn der Landkreis die Aufgabe wahrnimmt?",
                "<p>Ja. Jede Stadt und Gemeinde sieht im Portal die Kennzahlen für ihr eigenes Gebiet, "
                "unabhängig davon, wer das Integrationsmanagement durchführt.</p>",
            ),
            (
                "Welche Rollen gibt es im Portal?",
                "<p><b>Gemeinde:</b> meldet die Zielgruppe, teilt die Entscheidung mit und legt den "
                "Verwendungsnachweis vor; im Verbund handelt die federführende Gemeinde. "
                "<b>Koordinierende Stelle:</b> pflegt das Förderjahr, prüft Entscheidungen und Nachweise "
                "und bereitet Weiterleitungen vor und gibt sie frei (zwei Personen). <b>Finanzen:</b> die "
                "Kämmerei des Kreises führt freigegebene Zahlungen aus. <b>Bewilligungsstelle:</b> das "
                "Regierungspräsidium Stuttgart liest die Angaben aller Kreise. <b>Redaktion:</b> pflegt "
                "diese Hinweisseiten und die Vorlagen.</p>",
            ),
        ],
    ),
    _hinweis(
        "Ihre Frage ist nicht dabei?",
        "<p>Wenden Sie sich an die koordinierende Stelle Ihres Kreises. Fragen zur Bewilligung und zu den "
        "Kennzahlen des Landes beantwortet das Regierungspräsidium Stuttgart als Bewilligungsstelle.</p>",
    ),
]


# --- 10. Arbeitshilfe (intern) ------------------------------------------------------------------------
ARBEITSHILFE = [
    _hinweis(
        "Interne Arbeitshilfe",
        "<p>Diese Seite richtet sich an die koordinierenden Stellen der Kreise und ist nur nach Anmeldung "
        "sichtbar. Sie beschreibt, wie Sie die Entscheidungen der Städte und Gemeinden einheitlich und "
        "nachvollziehbar prüfen.</p>",
    ),
    _text(
        "<p>Gehen Sie jede eingegangene Entscheidung anhand der folgenden Prüfschritte durch. Halten Sie "
        "das Ergebnis jedes Schritts im Portal fest; bei Mängeln fordern Sie die fehlenden Angaben "
        "mit Frist bei der Gemeinde an.</p>"
    ),
    _frist(
        "frist_entscheidung",
        "Entscheidungen, die bis zu diesem Tag eingehen, sind fristgerecht. Für später eingehende "
        "Entscheidungen gilt Schritt 5.",
    ),
    _h2("1. Vollständigkeit"),
    _text(
        "<ul>"
        "<li>Ist die Option eindeutig gewählt: beim Landkreis belassen, allein oder im Verbund?</li>"
        "<li>Sind Ansprechperson, Stellenumfang und geplanter Beginn der Besetzung angegeben?</li>"
        "<li>Ist angegeben, ob die Gemeinde selbst Personal beschäftigt oder einen Träger der freien "
        "Wohlfahrtspflege beauftragt, und wenn ja, welchen?</li>"
        "<li>Stimmt das Förderjahr, auf das sich die Entscheidung bezieht?</li>"
        "</ul>"
    ),
    _h2("2. Stellenumfang"),
    _text(
        "<ul>"
        "<li>Erreicht die geplante Stelle mindestens 0,5 VZÄ?</li>"
        "<li>Ist eine durchgehende Besetzung über das ganze Förderjahr vorgesehen, einschließlich "
        "Vertretung?</li>"
        "<li>Ist bei fehlendem Sozialwesen-Studium eine Nachqualifizierung eingeplant?</li>"
        "<li>Steht der geplante Umfang in einem plausiblen Verhältnis zum Anteil laut Übersicht? Wenn der "
        "Anteil nicht ausreicht: Ist die Deckung durch Eigenmittel erklärt?</li>"
        "</ul>"
    ),
    _h2("3. Verbund"),
    _text(
        "<ul>"
        "<li>Haben alle beteiligten Gemeinden ihre Teilnahme im Portal bestätigt?</li>"
        "<li>Gehören alle Verbund-Gemeinden zum eigenen Kreis?</li>"
        "<li>Ist eine federführende Gemeinde benannt, die die Mittel erhält und den Nachweis führt?</li>"
        "<li>Nimmt keine Gemeinde zugleich an einem anderen Verbund teil oder hat allein entschieden?</li>"
        "<li>Erreicht die gemeinsame Stelle mindestens 0,5 VZÄ?</li>"
        "</ul>"
    ),
    _h2("4. Gemeinderatsbeschluss"),
    _text(
        "<ul>"
        "<li>Ist der Beschluss des Gemeinderats beigefügt, bei einem Verbund von jeder beteiligten "
        "Gemeinde?</li>"
        "<li>Stimmen Beschluss und mitgeteilte Option überein?</li>"
        "<li>Liegt der Beschluss noch nicht vor, ist das Sitzungsdatum angegeben? Vermerken Sie eine "
        "Wiedervorlage.</li>"
        "</ul>"
    ),
    _h2("5. Verspätete Mitteilungen"),
    _warnung(
        "Nur mit ausdrücklicher Annahme und Begründung",
        "<p>Eine Entscheidung, die nach Fristablauf eingeht, gilt nicht automatisch. Ohne Annahme bleibt "
        "die Aufgabe beim Landkreis. Wenn Sie eine verspätete Entscheidung annehmen, tun Sie das "
        "ausdrücklich im Portal und begründen Sie es, zum Beispiel mit einer Sitzung des Gemeinderats "
        "kurz nach der Frist. Behandeln Sie vergleichbare Fälle gleich.</p>",
    ),
    _h2("6. Dokumentation im Portal"),
    _text(
        "<ul>"
        "<li>Halten Sie das Ergebnis der Prüfung – angenommen, Rückfrage oder abgelehnt – im Portal fest, "
        "mit Begründung bei Rückfrage und Ablehnung.</li>"
        "<li>Schicken Sie Rückfragen über das Portal, nicht per E-Mail, damit der Verlauf vollständig "
        "bleibt.</li>"
        "<li>Prüfen Sie nach Ablauf der Frist, welche Gemeinden nicht geantwortet haben; für sie bleibt "
        "die Aufgabe beim Landkreis.</li>"
        "<li>Das Protokoll speichert jeden Schritt mit Person und Zeitpunkt; nachträgliche Änderungen "
        "brauchen eine Begründung.</li>"
        "</ul>"
    ),
]


# --- the pages ----------------------------------------------------------------------------------------
SEITEN = [
    {
        "slug": "ueberblick",
        "title": "Überblick",
        "zusammenfassung": "Was das Integrationsmanagement ist, wer es fördert und wer im jährlichen "
        "Verfahren welche Aufgabe hat – von der Meldung der Zielgruppe bis zum Verwendungsnachweis.",
        "intern": False,
        "body": UEBERBLICK,
    },
    {
        "slug": "zielgruppe-und-mittelverteilung",
        "title": "Zielgruppe und Mittelverteilung",
        "zusammenfassung": "Wer zur Zielgruppe zählt, was die Gemeinden melden und wie der Kreis die "
        "Mittel im Verhältnis der gemeldeten Personen centgenau verteilt.",
        "intern": False,
        "body": ZIELGRUPPE,
    },
    {
        "slug": "entscheidung-bis-31-mai",
        "title": "Entscheidung bis 31. Mai",
        "zusammenfassung": "Bis 31. Mai entscheidet jede Gemeinde, ob sie das Integrationsmanagement "
        "allein, im Verbund oder gar nicht selbst übernimmt. Hier finden Sie Voraussetzungen, Vor- und "
        "Nachteile und eine Beschlussvorlage.",
        "intern": False,
        "body": ENTSCHEIDUNG,
    },
    {
        "slug": "stellen-und-qualifikation",
        "title": "Stellen, Qualifikation und Nachqualifizierung",
        "zusammenfassung": "Mindestens 0,5 VZÄ durchgehend, ein Studium im Sozialwesen oder eine "
        "fristgerechte Nachqualifizierung, Integrationspläne und Case Management.",
        "intern": False,
        "body": STELLEN,
    },
    {
        "slug": "koordinierende-stelle",
        "title": "Koordinierende Stelle",
        "zusammenfassung": "Seit 2025 hat jeder Stadt- und Landkreis eine koordinierende Stelle. Sie "
        "steuert das Integrationsmanagement im Kreis und das jährliche Verfahren im Portal.",
        "intern": False,
        "body": KOORDINIERENDE_STELLE,
    },
    {
        "slug": "weiterleitung-der-mittel",
        "title": "Weiterleitung der Mittel",
        "zusammenfassung": "Wie der Kreis die Mittel nach der Zahlung des Landes an Gemeinden und "
        "Verbünde weiterleitet: Rechtsform, Vier-Augen-Prinzip und Grundsätze.",
        "intern": False,
        "body": WEITERLEITUNG,
    },
    {
        "slug": "kennzahlen",
        "title": "Kennzahlen",
        "zusammenfassung": "Welche Kennzahlen jährlich erhoben werden, wie sie zur Bewilligungsstelle "
        "gelangen und was passiert, wenn sie fehlen.",
        "intern": False,
        "body": KENNZAHLEN,
    },
    {
        "slug": "verwendungsnachweis",
        "title": "Verwendungsnachweis",
        "zusammenfassung": "Sachbericht und zahlenmäßiger Nachweis: was der Verwendungsnachweis enthält, "
        "wie die koordinierende Stelle ihn prüft und wann Mittel zurückgefordert werden.",
        "intern": False,
        "body": VERWENDUNGSNACHWEIS,
    },
    {
        "slug": "haeufige-fragen",
        "title": "Häufige Fragen",
        "zusammenfassung": "Kurze Antworten auf die häufigsten Fragen zu Mittelverteilung, Entscheidung, "
        "Verbund, Weiterleitung, Kennzahlen und Verwendungsnachweis.",
        "intern": False,
        "body": FAQ,
    },
    {
        "slug": "arbeitshilfe-pruefung-entscheidungen",
        "title": "Arbeitshilfe für koordinierende Stellen: Prüfung der Entscheidungen",
        "zusammenfassung": "Prüfschritte für die Entscheidungen der Städte und Gemeinden: Vollständigkeit, "
        "Stellenumfang, Verbund, Gemeinderatsbeschluss, verspätete Mitteilungen und Dokumentation.",
        "intern": True,
        "body": ARBEITSHILFE,
    },
]
