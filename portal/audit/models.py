"""The append-only audit trail.

Each event is chained to its predecessor by SHA-256 (``hash = sha256(previous hash + canonical
content)``), so an edit or deletion of any stored row breaks the chain at that row and
``manage.py verify_audit`` names it. The model refuses updates and deletes; on PostgreSQL a trigger
(migration 0002) rejects UPDATE and DELETE on the table as well.
"""

import hashlib
import json
from datetime import UTC

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.audit.actions import label_for
from portal.organisations.scope import scope_of

GENESIS_HASH = "0" * 64


class AuditEventQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(scope_of(user).tenant_filter(kreis="kreis", gemeinde="gemeinde"))

    def for_object(self, obj):
        return self.filter(objekt_typ=obj._meta.label_lower, objekt_id=str(obj.pk))

    def verlauf(self, *objekte):
        """The history ("Verlauf") of a record and the records that belong to it (partner
        confirmations, a repayment claim), oldest first: one query for the detail pages' timeline."""
        q = models.Q(pk__in=[])
        for obj in objekte:
            q |= models.Q(objekt_typ=obj._meta.label_lower, objekt_id=str(obj.pk))
        return self.filter(q).select_related("actor").order_by("zeitpunkt", "id")

    def update(self, **kwargs):
        raise ValidationError(_("Protokolleinträge können nicht geändert werden."))

    def delete(self):
        raise ValidationError(_("Protokolleinträge können nicht gelöscht werden."))


class AuditEvent(models.Model):
    zeitpunkt = models.DateTimeField(_("Zeitpunkt"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Benutzer"),
    )
    actor_name = models.CharField(_("Benutzername"), max_length=150, blank=True)
    rolle = models.CharField(_("Rolle"), max_length=20, blank=True)
    organisation = models.CharField(_("Organisation"), max_length=200, blank=True)
    aktion = models.CharField(_("Aktion"), max_length=64, db_index=True)
    objekt_typ = models.CharField(_("Objekttyp"), max_length=100)
    objekt_id = models.CharField(_("Objekt-ID"), max_length=64)
    objekt_bezeichnung = models.CharField(_("Objekt"), max_length=255)
    kreis = models.ForeignKey(
        "organisations.Kreis",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Kreis"),
    )
    gemeinde = models.ForeignKey(
        "organisations.Gemeinde",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Gemeinde"),
    )
    begruendung = models.TextField(_("Begründung / Kommentar"), blank=True)
    aenderungen = models.JSONField(_("Änderungen"), default=dict, blank=True)
    request_id = models.CharField(_("Request-ID"), max_length=64, blank=True)
    client_ip = models.GenericIPAddressField(_("Client-IP"), null=True, blank=True)
    vorheriger_hash = models.CharField(_("Hash des Vorgängers"), max_length=64)
    hash = models.CharField(_("Hash"), max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokolleinträge")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["objekt_typ", "objekt_id"], name="audit_objekt_idx"),
            # the newest event of a Kreis in one index step (portal.core.datenstand)
            models.Index(fields=["kreis", "id"], name="audit_kreis_id_idx"),
            # the newest event without a Kreis: few or none, so a scan backwards from the newest event
            # would read the whole table (28 ms with statewide data, on every page view)
            models.Index(fields=["id"], condition=models.Q(kreis__isnull=True), name="audit_ohne_kreis_idx"),
        ]

    def __str__(self):
        return f"#{self.pk} {self.zeitpunkt:%d.%m.%Y %H:%M} {self.aktion_label} – {self.objekt_bezeichnung}"

    @property
    def aktion_label(self):
        return label_for(self.aktion)

    # --- immutability ---------------------------------------------------------------------------
    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("Protokolleinträge können nicht geändert werden."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Protokolleinträge können nicht gelöscht werden."))

    # --- hash chain ----------------------------------------------------------------------------
    def aenderungen_liste(self) -> list[tuple[str, str]]:
        """The changes for people: field labels and choice labels of the object's model."""
        from django.apps import apps

        from portal.audit.exports import aenderungen_liste

        try:
            modell = apps.get_model(self.objekt_typ)
        except (LookupError, ValueError):
            modell = None
        return aenderungen_liste(self.aenderungen, modell)

    def canonical_content(self) -> str:
        """The event's content as a stable string: sorted keys, UTC timestamp, no whitespace."""
        content = {
            "zeitpunkt": self.zeitpunkt.astimezone(UTC).isoformat(timespec="microseconds"),
            "actor_id": self.actor_id,
            "actor_name": self.actor_name,
            "rolle": self.rolle,
            "organisation": self.organisation,
            "aktion": self.aktion,
            "objekt_typ": self.objekt_typ,
            "objekt_id": self.objekt_id,
            "objekt_bezeichnung": self.objekt_bezeichnung,
            "kreis_id": self.kreis_id,
            "gemeinde_id": self.gemeinde_id,
            "begruendung": self.begruendung,
            "aenderungen": self.aenderungen,
            "request_id": self.request_id,
            "client_ip": self.client_ip,
        }
        return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    def compute_hash(self) -> str:
        payload = (self.vorheriger_hash + self.canonical_content()).encode("utf-8")
        return hashlib.sha256(payload).hexdigest()
