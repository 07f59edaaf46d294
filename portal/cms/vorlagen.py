"""The templates library: three DOCX templates, generated with python-docx.

Each ``*_docx()`` function returns a finished Word document as bytes; ``VORLAGEN`` lists them with the
metadata the seeder needs (``seed.seed_documents`` and ``seed.seed_library``). Placeholders stand in
square brackets, guidance for the author is set in italics.
"""

import io

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

AUTOR = "Integrationsmanagement-Portal"

#: Sources of documents filled in for one visitor, registered by the processes at start
#: (``AppConfig.ready``): each takes the user and returns ``[{"url", "titel", "hinweis"}]``.
EIGENE_VORLAGEN: list = []
SPRACHE = "de-DE"
REGELWERK = "VwV Integrationsmanagement 2023"


# --- helpers ------------------------------------------------------------------------------------------
def _neues_dokument(titel: str, betreff: str, stichwoerter: str):
    document = Document()
    # python-docx starts from US Letter: German offices print on A4 (DIN 5008 margins)
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin, section.right_margin = Mm(25), Mm(20)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    props = document.core_properties
    props.title = titel
    props.subject = betreff
    props.author = AUTOR
    props.last_modified_by = AUTOR
    props.language = SPRACHE
    props.keywords = stichwoerter
    props.category = REGELWERK
    props.comments = "Vorlage des Integrationsmanagement-Portals. Platzhalter stehen in eckigen Klammern."
    # Language of the text (spelling and grammar check, screen readers) and a sober office font.
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    rpr = normal.element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), SPRACHE)
    lang.set(qn("w:eastAsia"), SPRACHE)
    return document


def _bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _absatz(document, text: str, *, fett: bool = False):
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = fett
    return paragraph


def _erlaeuterung(document, text: str):
    """Guidance for the author: italic, to be replaced or deleted."""
    paragraph = document.add_paragraph()
    paragraph.add_run(text).italic = True
    return paragraph


def _aufzaehlung(document, punkte: list[str], stil: str = "List Bullet") -> None:
    """Bullets, or with ``stil="List Number"`` paragraphs numbered (1), (2) … that restart in every list
    (Word's built-in "List Number" style would continue counting across the whole document)."""
    for nummer, punkt in enumerate(punkte, start=1):
        if stil == "List Number":
            paragraph = document.add_paragraph(f"({nummer})\t{punkt}")
            paragraph.paragraph_format.left_indent = Pt(28)
            paragraph.paragraph_format.first_line_indent = Pt(-28)
            paragraph.paragraph_format.tab_stops.add_tab_stop(Pt(28))
        else:
            document.add_paragraph(punkt, style=stil)


def _ankreuzen(document, text: str, einzug: bool = False):
    paragraph = document.add_paragraph()
    if einzug:
        paragraph.paragraph_format.left_indent = Pt(24)
    paragraph.add_run("☐  " + text)
    return paragraph


def _kopfzeile_wiederholen(row) -> None:
    """Mark a table row as header row (repeated on each page, read as header by assistive technology)."""
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _tabelle(document, kopf: list[str], zeilen: list[list]):
    """A grid table with a bold header row. A cell given as a list becomes one bullet per item."""
    table = document.add_table(rows=1, cols=len(kopf))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, kopf, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    _kopfzeile_wiederholen(table.rows[0])
    for zeile in zeilen:
        cells = table.add_row().cells
        for cell, inhalt in zip(cells, zeile, strict=True):
            if isinstance(inhalt, list):
                cell.text = ""
                first = True
                for punkt in inhalt:
                    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
                    paragraph.style = document.styles["List Bullet"]
                    paragraph.add_run(punkt)
                    first = False
            else:
                cell.text = inhalt
    document.add_paragraph()
    return table


def _unterschriften(document, felder: list[str]) -> None:
    for feld in felder:
        document.add_paragraph()
        document.add_paragraph("_" * 45)
        _absatz(document, feld)


def _ersetzen(document, ersetzungen: dict[str, str], zeilen: dict[str, str]) -> None:
    """Fill placeholders in every run (paragraphs and table cells); ``zeilen`` sets the second cell of a
    table row by the text of its first cell (the same placeholder means different things per row)."""
    absaetze = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            cells = row.cells
            if len(cells) >= 2 and cells[0].text in zeilen:
                cells[1].text = zeilen[cells[0].text]
            for cell in cells:
                absaetze.extend(cell.paragraphs)
    for paragraph in absaetze:
        for run in paragraph.runs:
            for alt, neu in ersetzungen.items():
                if alt in run.text:
                    run.text = run.text.replace(alt, neu)


# --- 1. Beschlussvorlage für den Gemeinderat ----------------------------------------------------------
def beschlussvorlage_docx(werte: dict | None = None) -> bytes:
    """The council paper; with ``werte`` (``workflows.optin.beschlussvorlage``) filled in for one Gemeinde
    and Förderjahr, with a summary table "Auf einen Blick" after the title."""
    document = _neues_dokument(
        "Beschlussvorlage: Integrationsmanagement ab dem Förderjahr [Jahr]",
        "Entscheidung der Gemeinde über die Aufgabenwahrnehmung im Integrationsmanagement",
        "Integrationsmanagement, Beschlussvorlage, Gemeinderat, Verbund, Landkreis",
    )
    document.add_heading("Beschlussvorlage", 0)
    if werte:
        document.add_heading("Auf einen Blick", 2)
        _tabelle(document, ["Angabe", "Wert"], werte["auf_einen_blick"])
    _tabelle(
        document,
        ["Angabe", "Eintrag"],
        [
            ["Gemeinde", "[Name der Gemeinde]"],
            ["Gremium", "Gemeinderat"],
            ["Sitzung am", "[Datum]"],
            ["Status", "öffentlich"],
            ["Zuständigkeit", "Beschlussfassung"],
            ["Aktenzeichen", "[Aktenzeichen]"],
            ["Sachbearbeitung", "[Name, Amt, Telefon]"],
        ],
    )
    document.add_heading(
        "Integrationsmanagement ab dem Förderjahr [Jahr]: Aufgabenwahrnehmung durch die Gemeinde "
        "oder durch den Landkreis",
        1,
    )
    _erlaeuterung(
        document,
        "Hinweis zur Vorlage: Ersetzen Sie alle Angaben in eckigen Klammern und löschen Sie die kursiv "
        "gesetzten Hinweise vor der Versendung. Die Beträge entnehmen Sie der Übersicht der "
        "Mittelverteilung, die der Landkreis im Portal veröffentlicht hat.",
    )

    document.add_heading("1. Sachverhalt", 2)
    document.add_heading("Ausgangslage", 3)
    _absatz(
        document,
        "Das Land Baden-Württemberg fördert nach der VwV Integrationsmanagement 2023 "
        "Integrationsmanagerinnen und Integrationsmanager, die Geflüchtete in der kommunalen "
        "Anschlussunterbringung beraten und mit ihnen Integrationspläne mit konkreten Zielen vereinbaren. "
        "Seit dem Förderjahr 2025 erhalten die Stadt- und Landkreise die Fördermittel. Der [Name des "
        "Landkreises] erbringt das Integrationsmanagement entweder selbst oder leitet die Mittel an Städte "
        "und Gemeinden weiter, die die Aufgabe in eigener Verantwortung übernehmen. Eine Weitergabe der "
        "Mittel an Träger der freien Wohlfahrtspflege ist möglich.",
    )
    document.add_heading("Mittelverteilung im Landkreis", 3)
    _absatz(
        document,
        "Der Landkreis verteilt die Mittel im Verhältnis der Zahl der Geflüchteten, die den Städten und "
        "Gemeinden in einem Zeitraum von drei Jahren zur Anschlussunterbringung zugewiesen wurden. Die "
        "[Name der Gemeinde] hat für den Zeitraum [Zählzeitraum, z. B. 01.01.2020 bis 31.12.2022] "
        "[Anzahl] Personen gemeldet. Nach der Übersicht des Landkreises vom [Datum] entfällt auf die "
        "Gemeinde für das Förderjahr [Jahr] voraussichtlich ein Betrag von [Förderbetrag in EUR] EUR.",
    )
    _absatz(
        document,
        "Der Betrag wird jährlich neu berechnet. Er hängt von den Mitteln im Landeshaushalt und von der "
        "jährlichen Zählung ab und kann deshalb in den Folgejahren sinken oder steigen. Das Land zahlt die "
        "Mittel erst nach Vorlage des Verwendungsnachweises aus; der Landkreis leitet sie danach "
        "unverzüglich weiter. Die Gemeinde muss die Ausgaben eines Förderjahres daher vorfinanzieren.",
    )
    document.add_heading("Frist", 3)
    _absatz(
        document,
        "Die Gemeinde muss dem Landkreis bis zum [Datum der Frist, in der Regel 31. Mai des Vorjahres] "
        "mitteilen, ob sie das Integrationsmanagement in eigener Verantwortung durchführt. Geht keine "
        "Mitteilung ein, bleibt die Aufgabe beim Landkreis.",
    )

    document.add_heading("2. Handlungsalternativen", 2)
    _absatz(document, "a) Integrationsmanagement beim Landkreis belassen", fett=True)
    _absatz(
        document,
        "Der Landkreis erbringt das Integrationsmanagement in der Gemeinde mit eigenem Personal oder über "
        "einen beauftragten Träger. Die Gemeinde verzichtet auf den Förderbetrag und hat keinen eigenen "
        "Personal- und Verwaltungsaufwand.",
    )
    _absatz(
        document, "b) Integrationsmanagement in eigener Verantwortung (allein oder im Verbund)", fett=True
    )
    _absatz(
        document,
        "Die Gemeinde übernimmt die Aufgabe selbst und erhält dafür den Förderbetrag. Voraussetzungen:",
    )
    _aufzaehlung(
        document,
        [
            "mindestens eine Stelle mit 50 Prozent (0,5 VZÄ), die das ganze Förderjahr durchgehend "
            "besetzt ist;",
            "Personal mit einem Studium im Sozialwesen oder mit einer Nachqualifizierung, die innerhalb von "
            "drei Monaten nach Tätigkeitsbeginn beginnt und innerhalb eines Jahres abgeschlossen ist;",
            "Beratung nach dem Case-Management-Ansatz mit verpflichtenden Integrationsplänen;",
            "jährliche Kennzahlen und ein jährlicher Verwendungsnachweis gegenüber der koordinierenden "
            "Stelle des Landkreises.",
        ],
    )
    _absatz(
        document,
        "Die Stelle kann im Verbund mit anderen Gemeinden des Landkreises getragen werden: [Namen der "
        "möglichen Verbundgemeinden, federführende Gemeinde]. Eine ergänzende Finanzierung aus Mitteln der "
        "Gemeinde ist möglich, ebenso die Weitergabe der Mittel an einen Träger der freien "
        "Wohlfahrtspflege.",
    )

    document.add_heading("3. Abwägung", 2)
    _tabelle(
        document,
        ["Alternative", "Vorteile", "Nachteile"],
        [
            [
                "a) beim Landkreis",
                [
                    "kein Steuerungs- und Koordinationsaufwand für die Gemeinde",
                    "größeres Team gleicht Vakanzen und schwankende Mittel aus",
                    "Vertretung bei Urlaub und Krankheit gesichert",
                    "bestehende Netzwerke und Fortbildung beim Landratsamt",
                ],
                [
                    "geringerer Einfluss auf die Arbeit vor Ort",
                    "keine Weisungsbefugnis gegenüber dem Personal",
                    "Verzicht auf den Förderbetrag",
                ],
            ],
            [
                "b) eigene Verantwortung",
                [
                    "Steuerung durch die Gemeinde, kurze Wege zur Unterbringung und zum Ehrenamt",
                    "eigenes Personal mit Weisungsrecht",
                    "Verbund oder Träger möglich",
                ],
                [
                    "Ergebnisverantwortung und Nachweispflichten",
                    "Finanzierungsrisiko durch jährlich neu berechneten Betrag",
                    "schwieriger Stellenmarkt, Vakanzen kaum auszugleichen",
                    "Förderbetrag deckt die Kosten gegebenenfalls nicht",
                ],
            ],
        ],
    )
    _absatz(document, "Stellungnahme der Verwaltung:", fett=True)
    _absatz(document, "[Begründung der Empfehlung der Verwaltung]")

    document.add_heading("4. Finanzielle Auswirkungen", 2)
    _tabelle(
        document,
        ["Position", "Betrag / Angabe"],
        [
            ["Förderbetrag laut Übersicht des Landkreises", "[Förderbetrag in EUR] EUR"],
            ["Geplanter Stellenumfang", "[VZÄ, mindestens 0,5] VZÄ"],
            ["Voraussichtliche Personalausgaben je Jahr", "[Betrag in EUR] EUR"],
            ["Sonstige Ausgaben (Arbeitsplatz, Fortbildung, Fahrten)", "[Betrag in EUR] EUR"],
            ["Eigenanteil der Gemeinde (Ausgaben abzüglich Förderbetrag)", "[Betrag in EUR] EUR"],
            ["Haushaltsstelle", "[Produkt / Kostenstelle]"],
        ],
    )
    _absatz(
        document,
        "Bei Alternative a) entstehen der Gemeinde keine Personalausgaben; sie erhält keinen Förderbetrag. "
        "Bei Alternative b) trägt die Gemeinde den Eigenanteil und finanziert die Ausgaben bis zur "
        "Weiterleitung der Landesmittel vor, die erst nach Ablauf des Förderjahres erfolgt.",
    )

    document.add_heading("5. Beschlussvorschlag", 2)
    _erlaeuterung(document, "Bitte kreuzen Sie die Alternative an, die die Verwaltung vorschlägt.")
    _absatz(document, "Der Gemeinderat beschließt:")
    _ankreuzen(
        document,
        "Alternative a): Das Integrationsmanagement wird ab dem Förderjahr [Jahr] in der Verantwortung des "
        "[Name des Landkreises] belassen.",
    )
    _ankreuzen(
        document,
        "Alternative b): Die Gemeinde führt das Integrationsmanagement ab dem Förderjahr [Jahr] in eigener "
        "Verantwortung durch, und zwar",
    )
    _ankreuzen(document, "allein, mit einer Stelle im Umfang von [VZÄ] VZÄ;", einzug=True)
    _ankreuzen(
        document,
        "im Verbund mit [Namen der Gemeinden]; federführend ist [Name der Gemeinde];",
        einzug=True,
    )
    _ankreuzen(
        document,
        "unter Weitergabe der Mittel an [Name des Trägers der freien Wohlfahrtspflege].",
        einzug=True,
    )
    _absatz(
        document,
        "Die Verwaltung wird beauftragt, dem Landkreis die Entscheidung fristgerecht mitzuteilen und diesen "
        "Beschluss beizufügen.",
    )

    document.add_heading("Anlagen", 2)
    _aufzaehlung(
        document,
        [
            "Übersicht der Mittelverteilung des Landkreises für das Förderjahr [Jahr]",
            "Vor- und Nachteile der Aufgabenwahrnehmung durch Gemeinde oder Landratsamt",
            "[gegebenenfalls Entwurf der Vereinbarung über den Verbund]",
        ],
        stil="List Number",
    )
    _unterschriften(
        document,
        [
            "Sachbearbeitung: [Name], [Datum]",
            "Geprüft und freigegeben: [Bürgermeisterin/Bürgermeister], [Datum]",
        ],
    )
    if werte:
        _ersetzen(document, werte["ersetzungen"], werte["zeilen"])
        document.core_properties.title = werte["titel"]
    return _bytes(document)


# --- 2. Weiterleitungsvertrag / Kooperationsvereinbarung ---------------------------------------------
def weiterleitungsvertrag_docx() -> bytes:
    document = _neues_dokument(
        "Weiterleitungsvertrag Integrationsmanagement (Gliederung)",
        "Weitergabe der Zuwendung für das Integrationsmanagement vom Landkreis an eine Gemeinde oder einen "
        "Verbund",
        "Integrationsmanagement, Weiterleitungsvertrag, Kooperationsvereinbarung, Nr. 12 VV zu § 44 LHO",
    )
    document.add_heading("Weiterleitungsvertrag", 0)
    _absatz(
        document,
        "über die Weitergabe von Zuwendungen für das Integrationsmanagement nach der VwV "
        "Integrationsmanagement 2023 (Kooperationsvereinbarung)",
        fett=True,
    )
    _erlaeuterung(
        document,
        "Wichtiger Hinweis: Dies ist eine Gliederung mit Formulierungsvorschlägen, kein geprüfter "
        "Mustervertrag. Lassen Sie den Entwurf vor der Verwendung von Ihrem Rechtsamt prüfen. Nach "
        "Nr. 12 VV zu § 44 LHO sind die Bestimmungen des Zuwendungsbescheids des Landes, soweit sie für den "
        "Letztempfänger gelten, vollständig weiterzugeben. Statt eines Vertrags kann der Landkreis die "
        "Mittel auch durch Weiterleitungsbescheid weitergeben.",
    )

    document.add_heading("Vertragsparteien", 1)
    _absatz(document, "Zwischen")
    _absatz(
        document,
        "dem [Name des Landkreises], vertreten durch [Landrätin/Landrat oder Vertretung], [Anschrift] "
        "– nachfolgend „Landkreis“ –",
    )
    _absatz(document, "und")
    _absatz(
        document,
        "der [Name der Gemeinde / federführenden Gemeinde des Verbunds], vertreten durch "
        "[Bürgermeisterin/Bürgermeister], [Anschrift] – nachfolgend „Letztempfänger“ –,",
    )
    _erlaeuterung(
        document,
        "Bei einem Verbund: handelnd zugleich für die Gemeinden [Namen] des Verbunds „[Name des Verbunds]“ "
        "auf Grundlage der Vereinbarung vom [Datum].",
    )
    _absatz(document, "wird folgender Vertrag geschlossen.")

    document.add_heading("§ 1 Gegenstand", 1)
    _aufzaehlung(
        document,
        [
            "Der Letztempfänger führt im Förderjahr [Jahr] das Integrationsmanagement für Geflüchtete in der "
            "Anschlussunterbringung in [Gebiet der Gemeinde / des Verbunds] in eigener Verantwortung durch.",
            "Der Landkreis überlässt ihm dafür einen Teil der Zuwendung, die er vom Land Baden-Württemberg "
            "(Bewilligungsstelle: Regierungspräsidium Stuttgart) mit Bescheid vom [Datum, Aktenzeichen] "
            "erhalten hat.",
            "Grundlagen sind die VwV Integrationsmanagement 2023, der Zuwendungsbescheid des Landes und die "
            "Entscheidung des Letztempfängers vom [Datum] (Gemeinderatsbeschluss vom [Datum]).",
        ],
        stil="List Number",
    )

    document.add_heading("§ 2 Höhe und Auszahlung der Mittel", 1)
    _aufzaehlung(
        document,
        [
            "Der Letztempfänger erhält [Betrag in EUR] EUR. Der Betrag ergibt sich aus der Übersicht der "
            "Mittelverteilung vom [Datum]: [Anzahl] von insgesamt [Gesamtzahl] gemeldeten Personen der "
            "Zielgruppe im Landkreis.",
            "Der Landkreis zahlt den Betrag unverzüglich aus, nachdem das Land die Zuwendung an ihn "
            "ausgezahlt hat, auf das Konto [IBAN, Kontoinhaber].",
            "Der Letztempfänger erhält nie mehr, als der Landkreis für ihn vom Land erhalten hat. Kürzt das "
            "Land die Zuwendung, vermindert sich der Betrag anteilig.",
            "Ein Anspruch über die weitergeleitete Zuwendung hinaus besteht nicht; eine ergänzende "
            "Finanzierung aus eigenen Mitteln ist zulässig.",
        ],
        stil="List Number",
    )

    document.add_heading("§ 3 Zweckbindung und Pflichten", 1)
    _aufzaehlung(
        document,
        [
            "Die Mittel dürfen nur für Personalausgaben des Integrationsmanagements nach der VwV "
            "Integrationsmanagement 2023 verwendet werden.",
            "Der Letztempfänger beschäftigt während des ganzen Förderjahres durchgehend mindestens eine "
            "Stelle mit einem Umfang von mindestens 0,5 VZÄ. Vakanzen und Änderungen des Stellenumfangs "
            "zeigt er der koordinierenden Stelle unverzüglich an.",
            "Das Personal hat ein abgeschlossenes Studium in einem dem Sozialwesen zuzuordnenden Fach. "
            "Andernfalls beginnt es innerhalb von drei Monaten nach Tätigkeitsbeginn eine Nachqualifizierung "
            "und schließt sie innerhalb eines Jahres ab.",
            "Die Beratung folgt dem Case-Management-Ansatz. Für jede beratene Person oder Familie wird ein "
            "Integrationsplan mit konkreten Zielen erstellt. Der Beratungszeitraum beträgt höchstens drei "
            "Jahre, in begründeten Einzelfällen ein weiteres Jahr.",
            "Der Letztempfänger erhebt die Kennzahlen für den Zeitraum 1. Januar bis 31. Dezember im "
            "landeseinheitlichen Muster und übermittelt sie der koordinierenden Stelle bis [Datum]. "
            "Personenbezogene Daten der beratenen Menschen werden nicht übermittelt.",
            "Gibt der Letztempfänger die Mittel an einen Träger der freien Wohlfahrtspflege weiter, "
            "überträgt er ihm alle Pflichten aus diesem Vertrag und teilt dies dem Landkreis vorher mit. Er "
            "bleibt dem Landkreis gegenüber verantwortlich.",
            "Das Personal nimmt an den Vernetzungs- und Fortbildungsangeboten der koordinierenden Stelle "
            "teil, soweit dies für die Aufgabe erforderlich ist.",
        ],
        stil="List Number",
    )

    document.add_heading("§ 4 Verwendungsnachweis", 1)
    _aufzaehlung(
        document,
        [
            "Der Letztempfänger legt der koordinierenden Stelle bis [Datum] einen Verwendungsnachweis für "
            "das Förderjahr vor.",
            "Er besteht aus einem Sachbericht (etwa drei Seiten) und einem zahlenmäßigen Nachweis mit den "
            "Personalausgaben je Stelle, dem Stellenumfang in VZÄ je Monat, der Qualifikation des Personals, "
            "den sonstigen Ausgaben und allen Einnahmen.",
            "Die koordinierende Stelle prüft den Nachweis, nimmt ihn an oder gibt ihn mit Begründung zur "
            "Überarbeitung zurück und hält das Ergebnis in einem Prüfvermerk fest. Der Nachweis geht in den "
            "Gesamtverwendungsnachweis des Landkreises ein.",
        ],
        stil="List Number",
    )

    document.add_heading("§ 5 Prüfungsrechte und Aufbewahrung", 1)
    _aufzaehlung(
        document,
        [
            "Der Landkreis, die Bewilligungsstelle und der Rechnungshof Baden-Württemberg sind berechtigt, "
            "die Verwendung der Mittel durch Einsicht in Bücher, Belege und sonstige Unterlagen sowie durch "
            "örtliche Erhebungen zu prüfen. Der Letztempfänger erteilt die nötigen Auskünfte.",
            "Die Unterlagen werden mindestens fünf Jahre, Buchungsbelege mindestens zehn Jahre nach Vorlage "
            "des Verwendungsnachweises aufbewahrt, soweit nicht längere Fristen gelten.",
        ],
        stil="List Number",
    )

    document.add_heading("§ 6 Rückforderung und Verzinsung", 1)
    _aufzaehlung(
        document,
        [
            "Der Letztempfänger erstattet Mittel, soweit sie nicht oder nicht zweckentsprechend verwendet "
            "wurden, die Voraussetzungen nach § 3 nicht vorlagen oder Kennzahlen und Verwendungsnachweis "
            "nicht oder nicht rechtzeitig vorgelegt wurden.",
            "Der Erstattungsbetrag ist entsprechend § 49a Abs. 3 LVwVfG mit fünf Prozentpunkten über dem "
            "Basiszinssatz jährlich zu verzinsen.",
            "Fordert das Land vom Landkreis Mittel zurück, weil Umstände im Verantwortungsbereich des "
            "Letztempfängers vorliegen, erstattet der Letztempfänger dem Landkreis diesen Betrag "
            "einschließlich der Zinsen.",
        ],
        stil="List Number",
    )

    document.add_heading("§ 7 Laufzeit, Kündigung und Schlussbestimmungen", 1)
    _aufzaehlung(
        document,
        [
            "Der Vertrag gilt für das Förderjahr [Jahr]. [Alternative: Er verlängert sich um jeweils ein "
            "Förderjahr, wenn der Letztempfänger fristgerecht die Durchführung in eigener Verantwortung "
            "mitteilt; der Betrag ergibt sich dann aus der jeweiligen Übersicht der Mittelverteilung.]",
            "Die Pflichten aus §§ 4 bis 6 gelten bis zum Abschluss der Prüfung des Verwendungsnachweises und "
            "für die Dauer der Aufbewahrungsfristen fort.",
            "Jede Partei kann den Vertrag aus wichtigem Grund schriftlich kündigen.",
            "Änderungen und Ergänzungen bedürfen der Schriftform. Ist eine Bestimmung unwirksam, bleibt der "
            "Vertrag im Übrigen wirksam.",
        ],
        stil="List Number",
    )

    document.add_heading("Unterschriften", 1)
    _absatz(document, "[Ort], den [Datum]")
    _unterschriften(
        document,
        [
            "Für den Landkreis: [Name, Funktion]",
            "Für den Letztempfänger: [Name, Funktion]",
        ],
    )
    document.add_heading("Anlagen", 2)
    _aufzaehlung(
        document,
        [
            "Zuwendungsbescheid des Landes vom [Datum]",
            "Übersicht der Mittelverteilung für das Förderjahr [Jahr]",
            "Entscheidung und Gemeinderatsbeschluss des Letztempfängers",
            "[gegebenenfalls Vereinbarung über den Verbund]",
        ],
        stil="List Number",
    )
    return _bytes(document)


# --- 3. Sachbericht zum Verwendungsnachweis -----------------------------------------------------------
def sachbericht_docx() -> bytes:
    document = _neues_dokument(
        "Sachbericht zum Verwendungsnachweis Integrationsmanagement (Gliederung)",
        "Sachbericht für den jährlichen Verwendungsnachweis",
        "Integrationsmanagement, Sachbericht, Verwendungsnachweis",
    )
    document.add_heading("Sachbericht zum Verwendungsnachweis", 0)
    _absatz(document, "Integrationsmanagement nach der VwV Integrationsmanagement 2023", fett=True)
    _erlaeuterung(
        document,
        "Hinweis: Der Sachbericht soll etwa drei Seiten umfassen. Ersetzen Sie die kursiven Hinweise durch "
        "Ihren eigenen Text. Nennen Sie keine Namen oder sonstigen personenbezogenen Angaben über die "
        "beratenen Menschen; Zahlen geben Sie nur als Summen an. Der zahlenmäßige Nachweis wird gesondert "
        "vorgelegt.",
    )

    document.add_heading("Angaben zum Zuwendungsempfänger", 1)
    _tabelle(
        document,
        ["Angabe", "Eintrag"],
        [
            ["Letztempfänger (Gemeinde oder Verbund)", "[Name]"],
            ["Federführende Gemeinde (bei Verbund)", "[Name]"],
            ["Beteiligte Gemeinden (bei Verbund)", "[Namen]"],
            ["Landkreis", "[Name des Landkreises]"],
            ["Weiterleitung durch", "[Bescheid / Vertrag] vom [Datum], Aktenzeichen [Aktenzeichen]"],
            ["Beauftragter Träger (falls zutreffend)", "[Name des Trägers]"],
            ["Ansprechperson", "[Name, Telefon, E-Mail]"],
        ],
    )
    document.add_heading("Förderjahr", 2)
    _absatz(document, "Förderjahr [Jahr]; Berichtszeitraum 1. Januar bis 31. Dezember [Jahr].")

    document.add_heading("1. Ziele", 1)
    _erlaeuterung(
        document,
        "Welche Ziele hatte das Integrationsmanagement vor Ort im Förderjahr? Welche Schwerpunkte haben Sie "
        "gesetzt, etwa Sprache, Arbeit, Ausbildung, Wohnen, Kinderbetreuung oder Gesundheit? Inwieweit "
        "wurden die Ziele erreicht? (etwa eine halbe Seite)",
    )

    document.add_heading("2. Umsetzung und Stellenbesetzung", 1)
    _erlaeuterung(
        document,
        "Wie wurde beraten (Sprechstunden, aufsuchende Beratung, Erreichbarkeit)? Tragen Sie jede Stelle "
        "ein; bei Wechseln eine Zeile je Besetzung. Geben Sie an, wann eine Nachqualifizierung begonnen und "
        "abgeschlossen wurde, und erläutern Sie Vakanzen und Vertretungen.",
    )
    _tabelle(
        document,
        ["Stelle", "VZÄ", "Qualifikation", "besetzt von", "besetzt bis"],
        [
            [
                "[Stelle 1]",
                "[0,5]",
                "[Studium Sozialwesen / Nachqualifizierung]",
                "[TT.MM.JJJJ]",
                "[TT.MM.JJJJ]",
            ],
            ["[Stelle 2]", "[ ]", "[ ]", "[ ]", "[ ]"],
            ["[Stelle 3]", "[ ]", "[ ]", "[ ]", "[ ]"],
        ],
    )
    _absatz(document, "Vakanzen und Vertretung: [Zeitraum, Grund, Überbrückung]")
    _absatz(document, "Nachqualifizierung: [Beginn, Abschluss, Anbieter]")

    document.add_heading("3. Kooperationspartner", 1)
    _erlaeuterung(
        document,
        "Mit wem haben Sie zusammengearbeitet, etwa Jobcenter, Ausländerbehörde, Schulen, "
        "Kindertagesstätten, Beratungsstellen, Ehrenamt, koordinierende Stelle? Was hat sich bewährt, wo "
        "hakt es?",
    )

    document.add_heading("4. Integrationspläne", 1)
    _erlaeuterung(
        document,
        "Wie arbeiten Sie mit den Integrationsplänen? Wie viele wurden erstellt und fortgeschrieben (Summe, "
        "übereinstimmend mit den Kennzahlen)? In wie vielen Fällen wurde der Beratungszeitraum aus welchen "
        "Gründen verlängert?",
    )

    document.add_heading("5. Schwierigkeiten und Lösungen", 1)
    _erlaeuterung(
        document,
        "Welche Schwierigkeiten sind aufgetreten, etwa bei der Stellenbesetzung, beim Zugang zu Sprachkursen "
        "oder zur Kinderbetreuung, und wie haben Sie sie gelöst oder wollen Sie sie lösen?",
    )

    document.add_heading("6. Ausblick", 1)
    _erlaeuterung(
        document,
        "Was planen Sie für das nächste Förderjahr? Sind Änderungen beim Stellenumfang, bei der "
        "Organisation oder bei den Kooperationen absehbar?",
    )

    document.add_heading("Bestätigung", 1)
    _absatz(
        document,
        "Es wird bestätigt, dass die Angaben in diesem Sachbericht zutreffen, die Mittel zweckentsprechend "
        "verwendet wurden und die Unterlagen für Prüfungen bereitgehalten werden.",
    )
    _absatz(document, "[Ort], den [Datum]")
    _unterschriften(document, ["Unterschrift, Name und Funktion"])
    return _bytes(document)


VORLAGEN = [
    {
        "key": "beschlussvorlage",
        "titel": "Beschlussvorlage für den Gemeinderat: Integrationsmanagement ab dem nächsten Förderjahr",
        "dateiname": "beschlussvorlage-integrationsmanagement.docx",
        "kategorie": "beschluss",
        "beschreibung": "Vorlage für die Entscheidung bis 31. Mai: Sachverhalt, die Alternativen „beim "
        "Landkreis belassen“ und „in eigener Verantwortung (allein oder im Verbund)“, Vor- und Nachteile, "
        "finanzielle Auswirkungen und Beschlussvorschlag zum Ankreuzen.",
        "erzeugen": beschlussvorlage_docx,
    },
    {
        "key": "weiterleitungsvertrag",
        "titel": "Weiterleitungsvertrag / Kooperationsvereinbarung (Gliederung)",
        "dateiname": "weiterleitungsvertrag-integrationsmanagement.docx",
        "kategorie": "vertrag",
        "beschreibung": "Gliederung eines Vertrags zwischen Landkreis und Gemeinde oder Verbund über die "
        "Weitergabe der Mittel: Gegenstand, Höhe und Auszahlung, Zweckbindung, Verwendungsnachweis, "
        "Prüfungsrechte, Rückforderung. Vor der Verwendung vom Rechtsamt prüfen lassen (Nr. 12 VV zu "
        "§ 44 LHO).",
        "erzeugen": weiterleitungsvertrag_docx,
    },
    {
        "key": "sachbericht",
        "titel": "Sachbericht zum Verwendungsnachweis (Gliederung)",
        "dateiname": "sachbericht-verwendungsnachweis.docx",
        "kategorie": "nachweis",
        "beschreibung": "Gliederung des Sachberichts (etwa drei Seiten) mit Hinweisen zu jedem Abschnitt "
        "und einer Tabelle zur Stellenbesetzung.",
        "erzeugen": sachbericht_docx,
    },
]
