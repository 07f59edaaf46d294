"""Kennzahlen: the key figures of the state's uniform template, per Gemeinde and Förderjahr (1 January
to 31 December). The field list is data (``KennzahlDefinition``), because the template changes; the
Gemeinde enters its own figures when it runs Integrationsmanagement itself, the Kreis enters them for
the Gemeinden it serves. A Gemeinde always sees the figures for its own town (seed 004)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.organisations.scope import scope_of


class KennzahlDefinition(models.Model):
    schluessel = models.SlugField(_("Schlüssel"), max_length=50, unique=True)
    bezeichnung = models.CharField(_("Bezeichnung"), max_length=200)
    gruppe = models.CharField(_("Gruppe"), max_length=100, blank=True)
    reihenfolge = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    ab_jahr = models.PositiveSmallIntegerField(_("gilt ab Förderjahr"), default=2025)
    bis_jahr = models.PositiveSmallIntegerField(_("gilt bis Förderjahr"), null=True, blank=True)
    teil_von = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="teile",
        verbose_name=_("„davon“-Wert von"),
        help_text=_("Ein „davon“-Wert ist nie größer als die Kennzahl, zu der er gehört."),
    )

    class Meta:
        verbose_name = _("Kennzahl (Definition)")
        verbose_name_plural = _("Kennzahlen (Definitionen)")
        ordering = ["reihenfolge", "schluessel"]

    def __str__(self):
        return self.bezeichnung

    @classmethod
    def fuer_jahr(cls, jahr: int):
        return (
            cls.objects.select_related("teil_von")
            .filter(ab_jahr__lte=jahr)
            .filter(models.Q(bis_jahr__isnull=True) | models.Q(bis_jahr__gte=jahr))
        )


class KennzahlmeldungQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(scope_of(user).tenant_filter(kreis="foerderjahr__kreis", gemeinde="gemeinde"))


class Kennzahlmeldung(models.Model):
    class Erfasst(models.TextChoices):
        GEMEINDE = "gemeinde", _("von der Gemeinde")
        KREIS = "kreis", _("vom Kreis")

    foerderjahr = models.ForeignKey(
        "funding.Foerderjahr",
        on_delete=models.PROTECT,
        related_name="kennzahlen",
        verbose_name=_("Förderjahr"),
    )
    gemeinde = models.ForeignKey(
        "organisations.Gemeinde",
        on_delete=models.PROTECT,
        related_name="kennzahlen",
        verbose_name=_("Gemeinde"),
    )
    erfasst_durch = models.CharField(_("erfasst"), max_length=20, choices=Erfasst.choices)
    werte = models.JSONField(_("Werte"), default=dict)
    erfasst_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("erfasst von")
    )
    geaendert_am = models.DateTimeField(_("geändert am"), auto_now=True)

    objects = KennzahlmeldungQuerySet.as_manager()

    class Meta:
        verbose_name = _("Kennzahlen einer Gemeinde")
        verbose_name_plural = _("Kennzahlen der Gemeinden")
        constraints = [
            models.UniqueConstraint(
                fields=["foerderjahr", "gemeinde"], name="kennzahlen_je_gemeinde_und_jahr"
            )
        ]

    def __str__(self):
        return _("Kennzahlen %(gemeinde)s %(jahr)s") % {
            "gemeinde": self.gemeinde,
            "jahr": self.foerderjahr.jahr,
        }

    @property
    def audit_tenant(self):
        return self.foerderjahr.kreis_id, self.gemeinde_id
