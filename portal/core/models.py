"""The mail outbox: every e-mail is first a row, written in the transaction of the change it announces."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Mail(models.Model):
    """One e-mail waiting for, or done with, delivery (``portal/core/postausgang.py``)."""

    class Status(models.TextChoices):
        WARTEND = "wartend", _("wartet auf Versand")
        GESENDET = "gesendet", _("gesendet")
        FEHLGESCHLAGEN = "fehlgeschlagen", _("fehlgeschlagen")

    empfaenger = models.JSONField(_("Empfänger"), default=list)
    betreff = models.CharField(_("Betreff"), max_length=255)
    text = models.TextField(_("Text"))
    status = models.CharField(_("Status"), max_length=20, choices=Status, default=Status.WARTEND)
    versuche = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    naechster_versuch = models.DateTimeField(_("nächster Versuch"), db_index=True)
    letzter_fehler = models.TextField(_("letzter Fehler"), blank=True)
    erstellt_am = models.DateTimeField(_("erstellt am"), auto_now_add=True)
    gesendet_am = models.DateTimeField(_("gesendet am"), null=True, blank=True)

    class Meta:
        verbose_name = _("E-Mail im Postausgang")
        verbose_name_plural = _("Postausgang")
        ordering = ["-id"]
        indexes = [models.Index(fields=["status", "naechster_versuch"], name="mail_faellig_idx")]

    def __str__(self):
        return f"{self.betreff} → {', '.join(self.empfaenger)}"
