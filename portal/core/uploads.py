"""Rules for files users upload (council resolutions, reports, attachments, count tables).

A file is judged by its content, never by its name or the browser's content type; it is stored in the
private storage (``PRIVATE_ROOT``, outside the web root) under a random name, so that nothing the user
chose reaches the file system; it is served only by views that check permission, as a download with a
name the portal builds."""

import io
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from portal.core.darstellung import dezimal

#: Active content a PDF must not carry: scripts, launching programs, embedded files, forms that submit.
#: Names that make a PDF act (scripts, launched programs, embedded files, form submission, rich media),
#: compared after pypdf decoded them, so ``/J#61vaScript`` is ``/JavaScript`` here.
PDF_AKTIV = frozenset(
    {
        "/JavaScript",
        "/JS",
        "/Launch",
        "/AA",
        "/EmbeddedFile",
        "/EmbeddedFiles",
        "/RichMedia",
        "/SubmitForm",
        "/ImportData",
        "/XFA",
        "/GoToE",
    }
)


#: Signatures of formats that are certainly no CSV text (PDF, images, OLE/old Excel, executables).
ANDERE_FORMATE = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\xd0\xcf\x11\xe0", b"MZ", b"\x7fELF")


def _groesse_pruefen(datei, hoechstens: int) -> None:
    if datei.size > hoechstens:
        raise ValidationError(
            _("Die Datei ist %(mb)s MB groß; erlaubt sind höchstens %(max)s MB.")
            % {
                "mb": dezimal(Decimal(datei.size) / 1024 / 1024, stellen=1),
                "max": dezimal(Decimal(hoechstens) / 1024 / 1024, stellen=1, mindestens=0),
            }
        )


def _inhalt(datei) -> bytes:
    datei.seek(0)
    inhalt = datei.read()
    datei.seek(0)
    return inhalt


def pruefe_pdf(datei) -> None:
    """A PDF document (by content) of at most ``MAX_UPLOAD_BYTES``, without active content."""
    _groesse_pruefen(datei, settings.MAX_UPLOAD_BYTES)
    inhalt = _inhalt(datei)
    if not inhalt[:1024].lstrip().startswith(b"%PDF-") or b"%%EOF" not in inhalt[-2048:]:
        raise ValidationError(_("Die Datei ist kein PDF-Dokument. Bitte laden Sie ein PDF hoch."))
    if _aktive_inhalte(inhalt):
        raise ValidationError(
            _(
                "Das PDF enthält aktive Inhalte (Skripte, eingebettete Dateien oder Formularaktionen). "
                "Bitte speichern Sie es ohne diese Inhalte, z. B. über „Drucken als PDF“."
            )
        )


def _aktive_inhalte(inhalt: bytes) -> bool:
    """Parse the PDF and look at every object, those in compressed object streams included, with names
    decoded; a file that cannot be parsed counts as active (refused rather than trusted)."""
    try:
        reader = PdfReader(io.BytesIO(inhalt), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return True
        gesehen: set[int] = set()
        offen = [reader.trailer]
        offen += [reader.get_object(IndirectObject(nr, 0, reader)) for nr in _objektnummern(reader)]
        while offen:
            objekt = offen.pop()
            if isinstance(objekt, IndirectObject):
                if objekt.idnum in gesehen:
                    continue
                gesehen.add(objekt.idnum)
                objekt = objekt.get_object()
            if isinstance(objekt, DictionaryObject):
                for schluessel, wert in objekt.items():
                    if schluessel in PDF_AKTIV or (isinstance(wert, NameObject) and wert in PDF_AKTIV):
                        return True
                    if schluessel == "/OpenAction" and isinstance(wert.get_object(), DictionaryObject):
                        return True  # an action on opening (a page to open at is a plain array)
                    if schluessel == "/URI" and not str(wert.get_object()).startswith("https://"):
                        return True
                    offen.append(wert)
            elif isinstance(objekt, ArrayObject):
                offen.extend(objekt)
    except Exception:  # noqa: BLE001 - any parser failure: refuse rather than trust
        return True
    return False


def _objektnummern(reader) -> list[int]:
    """The numbers of all objects in the cross-reference table, plain and in object streams."""
    nummern = {nr for generation in reader.xref.values() for nr in generation}
    nummern |= set(reader.xref_objStm)
    return sorted(nummern)


def pruefe_tabelle(datei, hoechstens: int) -> str:
    """A count table: an XLSX workbook or a CSV text file, told apart by content. Returns "xlsx" or "csv"."""
    _groesse_pruefen(datei, hoechstens)
    inhalt = _inhalt(datei)
    if inhalt.startswith(b"PK\x03\x04"):
        if b"[Content_Types].xml" not in inhalt[:4096] and b"xl/" not in inhalt:
            raise ValidationError(_("Die Datei ist keine Excel-Arbeitsmappe (XLSX)."))
        return "xlsx"
    if b"\x00" in inhalt or inhalt.startswith(ANDERE_FORMATE):
        raise ValidationError(_("Bitte eine CSV- oder XLSX-Datei hochladen."))
    for kodierung in ("utf-8-sig", "cp1252"):
        try:
            inhalt.decode(kodierung)
            return "csv"
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("Bitte eine CSV- oder XLSX-Datei hochladen."))


@deconstructible
class ZufaelligerName:
    """``upload_to`` for private files: ``<ordner>/<jahr>/<zufall>.pdf`` – the user's file name is dropped."""

    def __init__(self, ordner: str, endung: str = ".pdf"):
        self.ordner, self.endung = ordner, endung

    def __call__(self, instance, filename: str) -> str:
        return f"{self.ordner}/{timezone.localdate().year}/{uuid.uuid4().hex}{self.endung}"

    def __eq__(self, other):
        return isinstance(other, ZufaelligerName) and (self.ordner, self.endung) == (
            other.ordner,
            other.endung,
        )
