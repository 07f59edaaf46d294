"""Counts and allocation as records: Zielgruppen-Meldungen (versioned) and Mittelverteilungen (versioned).

Nothing is overwritten: a corrected count is a new version of the Meldung, a recalculation after
publication is a new version of the Verteilung; earlier versions stay readable.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.funding.verteilungsrechnung import Anteil
from portal.organisations.scope import scope_of


class MeldungQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(scope_of(user).tenant_filter(kreis="foerderjahr__kreis", gemeinde="gemeinde"))

    def aktuell(self):
        """Only the latest version per Förderjahr and Gemeinde."""
        newer = Zielgruppenmeldung.objects.filter(
            foerderjahr=models.OuterRef("foerderjahr"),
            gemeinde=models.OuterRef("gemeinde"),
            version__gt=models.OuterRef("version"),
        )
        return self.filter(~models.Exists(newer))


class Zielgruppenmeldung(models.Model):
    """The number of persons of the target group in a Gemeinde's AU for one Förderjahr. Only counts:
    no personal data of refugees is stored in the portal."""

    class Quelle(models.TextChoices):
        PORTAL = "portal", _("im Portal erfasst")
        IMPORT = "import", _("aus Datei importiert")

    foerderjahr = models.ForeignKey(
        "funding.Foerderjahr",
        on_delete=models.PROTECT,
        related_name="meldungen",
        verbose_name=_("Förderjahr"),
    )
    gemeinde = models.ForeignKey(
        "organisations.Gemeinde",
        on_delete=models.PROTECT,
        related_name="meldungen",
        verbose_name=_("Gemeinde"),
    )
    version = models.PositiveIntegerField(_("Version"))
    anzahl = models.PositiveIntegerField(_("Anzahl Personen"))
    quelle = models.CharField(_("Quelle"), max_length=10, choices=Quelle.choices, default=Quelle.PORTAL)
    verspaetet = models.BooleanField(_("nach der Frist"), default=False)
    begruendung = models.TextField(_("Begründung"), blank=True)
    erfasst_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("erfasst von")
    )
    erfasst_am = models.DateTimeField(_("erfasst am"), auto_now_add=True)

    objects = MeldungQuerySet.as_manager()

    class Meta:
        verbose_name = _("Meldung der Zielgruppe")
        verbose_name_plural = _("Meldungen der Zielgruppe")
        ordering = ["gemeinde__name", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["foerderjahr", "gemeinde", "version"], name="meldung_version_eindeutig"
            )
        ]

    def __str__(self):
        return _("Meldung %(gemeinde)s %(jahr)s (Version %(version)s)") % {
            "gemeinde": self.gemeinde,
            "jahr": self.foerderjahr.jahr,
            "version": self.version,
        }

    @property
    def audit_tenant(self):
        return self.foerderjahr.kreis_id, self.gemeinde_id


class VerteilungQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Coordination and finance see every version; the Gemeinden of the Kreis see published ones
        (the overview the VwV requires for all Gemeinden of the Kreis)."""
        scope = scope_of(user)
        own = scope.tenant_filter(kreis="foerderjahr__kreis", gemeinde=None)
        if scope.alles:
            return self.filter(own)
        published = models.Q(
            foerderjahr__kreis__in=scope.gemeinde_kreis_ids,
            status__in=[Mittelverteilung.Status.VEROEFFENTLICHT, Mittelverteilung.Status.ERSETZT],
        )
        return self.filter(own | published)


class Mittelverteilung(models.Model):
    class Status(models.TextChoices):
        ENTWURF = "entwurf", _("Entwurf")
        VEROEFFENTLICHT = "veroeffentlicht", _("veröffentlicht")
        ERSETZT = "ersetzt", _("ersetzt")

    foerderjahr = models.ForeignKey(
        "funding.Foerderjahr",
        on_delete=models.PROTECT,
        related_name="verteilungen",
        verbose_name=_("Förderjahr"),
    )
    version = models.PositiveIntegerField(_("Version"))
    gesamtbetrag = models.DecimalField(_("verteilter Betrag (EUR)"), max_digits=12, decimal_places=2)
    personen = models.PositiveIntegerField(_("Personen insgesamt"))
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.ENTWURF)
    begruendung = models.TextField(_("Begründung"), blank=True)
    berechnet_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("berechnet von")
    )
    berechnet_am = models.DateTimeField(_("berechnet am"), auto_now_add=True)
    veroeffentlicht_am = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)

    objects = VerteilungQuerySet.as_manager()

    class Meta:
        verbose_name = _("Mittelverteilung")
        verbose_name_plural = _("Mittelverteilungen")
        ordering = ["foerderjahr", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["foerderjahr", "version"], name="verteilung_version_eindeutig"),
            models.UniqueConstraint(
                fields=["foerderjahr"],
                condition=models.Q(status="veroeffentlicht"),
                name="eine_veroeffentlichte_verteilung_je_jahr",
            ),
        ]

    def __str__(self):
        return _("Mittelverteilung %(jahr)s, Version %(version)s – %(kreis)s") % {
            "jahr": self.foerderjahr.jahr,
            "version": self.version,
            "kreis": self.foerderjahr.kreis,
        }

    @property
    def audit_tenant(self):
        return self.foerderjahr.kreis_id, None

    def get_absolute_url(self):
        return reverse("funding:verteilung", args=[self.foerderjahr_id]) + f"?version={self.version}"


class Verteilungsanteil(models.Model):
    verteilung = models.ForeignKey(
        Mittelverteilung, on_delete=models.PROTECT, related_name="anteile", verbose_name=_("Mittelverteilung")
    )
    gemeinde = models.ForeignKey(
        "organisations.Gemeinde", on_delete=models.PROTECT, related_name="+", verbose_name=_("Gemeinde")
    )
    anzahl = models.PositiveIntegerField(_("Anzahl Personen"))
    anteil = models.DecimalField(_("Anteil (EUR)"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("Anteil")
        verbose_name_plural = _("Anteile")
        ordering = ["gemeinde__name"]
        constraints = [
            models.UniqueConstraint(fields=["verteilung", "gemeinde"], name="ein_anteil_je_gemeinde")
        ]

    def __str__(self):
        return f"{self.gemeinde}: {self.anteil} EUR"

    def _rechnung(self) -> Anteil:
        v = self.verteilung
        return Anteil(self.gemeinde.ags, self.anzahl, self.anteil, v.gesamtbetrag, v.personen)

    def erklaerung(self) -> str:
        return self._rechnung().erklaerung()

    @property
    def rest_cent(self) -> bool:
        return self._rechnung().rest_cent
