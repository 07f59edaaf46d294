"""Rules for files users upload (council resolutions, reports, attachments, count tables).

A file is judged by its content, never by its name or the browser's content type; it is stored in the
private storage (``PRIVATE_ROOT``, outside the web root) under a random name, so that nothing the user
chose reaches the file system; it is served only by views that check permission, as a download with a
name the portal builds."""

import re
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

from portal.core.darstellung import dezimal

#: Active content a PDF must not carry: scripts, launching programs, embedded files, forms that submit.
PDF_AKTIV = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|SubmitForm|ImportData|RichMedia)\b")


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
    if PDF_AKTIV.search(inhalt):
        raise ValidationError(
            _(
                "Das PDF enthält aktive Inhalte (Skripte, eingebettete Dateien oder Formularaktionen). "
                "Bitte speichern Sie es ohne diese Inhalte, z. B. über „Drucken als PDF“."
            )
        )


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
