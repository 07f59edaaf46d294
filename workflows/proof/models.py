"""Records of the proof of use: one ``Verwendungsnachweis`` per recipient (Gemeinde alone or a Verbund
through its lead) and Förderjahr, its ``NachweisStelle`` rows (VZÄ for each of the 12 months), and a
``Rueckforderung`` when approval leaves a surplus."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process

from portal.core.darstellung import geld
from portal.core.storage import private_storage
from portal.core.uploads import ZufaelligerName
from portal.organisations.scope import scope_of
from workflows.base import Fachprozess, FachprozessQuerySet
from workflows.proof import pruefungen

CHECKLISTE = [
    ("sachbericht", _("Sachbericht vollständig und schlüssig")),
    ("stellen", _("Stellen durchgehend besetzt oder Lücken erklärt")),
    ("qualifikation", _("Qualifikation bzw. Nachqualifizierung nachgewiesen")),
    ("ausgaben", _("Ausgaben belegt und förderfähig")),
    ("einnahmen", _("Einnahmen vollständig angegeben")),
]


class NachweisQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(
            scope_of(user).tenant_filter(kreis="foerderjahr__kreis", gemeinde="gemeinde", verbund="verbund")
        )


class Verwendungsnachweis(models.Model):
    class Status(models.TextChoices):
        OFFEN = "offen", _("offen")
        ENTWURF = "entwurf", _("Entwurf")
        EINGEREICHT = "eingereicht", _("eingereicht")
        ZURUECKGEGEBEN = "zurueckgegeben", _("zurückgegeben")
        GEPRUEFT = "geprueft", _("geprüft")

    foerderjahr = models.ForeignKey(
        "funding.Foerderjahr",
        on_delete=models.PROTECT,
        related_name="nachweise",
        verbose_name=_("Förderjahr"),
    )
    entscheidung = models.OneToOneField(
        "optin.Entscheidung",
        on_delete=models.PROTECT,
        related_name="nachweis",
        verbose_name=_("Entscheidung"),
    )
    gemeinde = models.ForeignKey(
        "organisations.Gemeinde",
        on_delete=models.PROTECT,
        related_name="nachweise",
        verbose_name=_("Gemeinde"),
    )
    verbund = models.ForeignKey(
        "organisations.Verbund",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nachweise",
        verbose_name=_("Verbund"),
    )
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.OFFEN)
    # Sachbericht
    ziele = models.TextField(_("Ziele und Ergebnisse"), blank=True)
    kooperationspartner = models.TextField(_("Kooperationspartner"), blank=True)
    integrationsplaene = models.TextField(_("Integrationspläne"), blank=True)
    schwierigkeiten = models.TextField(_("Schwierigkeiten"), blank=True)
    sachbericht_datei = models.FileField(
        _("Sachbericht (PDF, optional)"),
        storage=private_storage,
        upload_to=ZufaelligerName("nachweise"),
        blank=True,
    )
    anlage = models.FileField(
        _("Weitere Anlage (PDF)"), storage=private_storage, upload_to=ZufaelligerName("nachweise"), blank=True
    )
    # Income
    mittel_erhalten = models.DecimalField(
        _("erhaltene Weiterleitung (EUR)"), max_digits=12, decimal_places=2, default=0
    )
    eigenmittel = models.DecimalField(_("Eigenmittel (EUR)"), max_digits=12, decimal_places=2, default=0)
    sonstige_zuschuesse = models.DecimalField(
        _("sonstige Zuschüsse (EUR)"), max_digits=12, decimal_places=2, default=0
    )
    # Submission and review
    eingereicht_am = models.DateTimeField(_("eingereicht am"), null=True, blank=True)
    eingereicht_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    einreichungen = models.PositiveSmallIntegerField(_("Anzahl Einreichungen"), default=0)
    verspaetet = models.BooleanField(_("nach der Frist eingereicht"), default=False)
    rueckgabe_grund = models.TextField(_("Grund der Rückgabe"), blank=True)
    checkliste = models.JSONField(_("Prüfliste"), default=dict, blank=True)
    pruefvermerk = models.TextField(_("Prüfvermerk"), blank=True)
    geprueft_am = models.DateTimeField(_("geprüft am"), null=True, blank=True)
    geprueft_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("geprüft von"),
    )
    entwurf = models.JSONField(_("Entwurf"), default=dict, blank=True)

    objects = NachweisQuerySet.as_manager()

    class Meta:
        verbose_name = _("Verwendungsnachweis")
        verbose_name_plural = _("Verwendungsnachweise")
        ordering = ["foerderjahr", "gemeinde__name"]

    def __str__(self):
        return _("Verwendungsnachweis %(jahr)s – %(empfaenger)s") % {
            "jahr": self.foerderjahr.jahr,
            "empfaenger": self.empfaenger,
        }

    @property
    def empfaenger(self) -> str:
        return str(self.verbund) if self.verbund_id else str(self.gemeinde)

    @property
    def kreis_id(self):
        return self.foerderjahr.kreis_id

    @property
    def audit_tenant(self):
        return self.foerderjahr.kreis_id, self.gemeinde_id

    def get_absolute_url(self):
        return reverse("proof:detail", args=[self.pk])

    @property
    def bearbeitbar(self) -> bool:
        return self.status in (self.Status.OFFEN, self.Status.ENTWURF, self.Status.ZURUECKGEGEBEN)

    def ergebnis(self) -> pruefungen.Ergebnis:
        stellen = list(self.stellen.all())
        return pruefungen.pruefen(
            [s.monate() for s in stellen],
            self.foerderjahr.min_vzae_pro_stelle,
            sum((s.personalkosten for s in stellen), Decimal("0.00")),
            sum((s.sachkosten for s in stellen), Decimal("0.00")),
            self.mittel_erhalten,
            self.eigenmittel,
            self.sonstige_zuschuesse,
            self.foerderjahr.finanzierungsart,
            self.foerderjahr.foerderanteil_prozent,
        )


class NachweisStelle(models.Model):
    class Qualifikation(models.TextChoices):
        STUDIUM = "studium", _("Studium der Sozialen Arbeit oder vergleichbar")
        NACHQUALIFIZIERUNG = "nachqualifizierung", _("Nachqualifizierung innerhalb eines Jahres")

    nachweis = models.ForeignKey(
        Verwendungsnachweis,
        on_delete=models.CASCADE,
        related_name="stellen",
        verbose_name=_("Verwendungsnachweis"),
    )
    nummer = models.PositiveSmallIntegerField(_("Nr."))
    qualifikation = models.CharField(_("Qualifikation"), max_length=30, choices=Qualifikation.choices)
    vzae_monate = models.JSONField(_("VZÄ je Monat"), default=list)
    personalkosten = models.DecimalField(_("Personalkosten (EUR)"), max_digits=12, decimal_places=2)
    sachkosten = models.DecimalField(_("Sachkosten (EUR)"), max_digits=12, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("Stelle im Nachweis")
        verbose_name_plural = _("Stellen im Nachweis")
        ordering = ["nachweis", "nummer"]

    def __str__(self):
        return _("Stelle %(nr)s") % {"nr": self.nummer}

    def monate(self) -> list[Decimal]:
        return [Decimal(v) for v in self.vzae_monate]


class RueckforderungQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(
            scope_of(user).tenant_filter(
                kreis="nachweis__foerderjahr__kreis",
                gemeinde="nachweis__gemeinde",
                verbund="nachweis__verbund",
            )
        )


class Rueckforderung(models.Model):
    class Status(models.TextChoices):
        OFFEN = "offen", _("offen")
        BEGLICHEN = "beglichen", _("beglichen")

    nachweis = models.OneToOneField(
        Verwendungsnachweis,
        on_delete=models.PROTECT,
        related_name="rueckforderung",
        verbose_name=_("Nachweis"),
    )
    betrag = models.DecimalField(_("Betrag (EUR)"), max_digits=12, decimal_places=2)
    faellig_am = models.DateField(_("fällig am"))
    zinshinweis = models.TextField(_("Hinweis zu Zinsen"))
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.OFFEN)
    beglichen_am = models.DateField(_("beglichen am"), null=True, blank=True)
    buchungsreferenz = models.CharField(_("Buchungsreferenz"), max_length=100, blank=True)
    erstellt_am = models.DateTimeField(_("erstellt am"), auto_now_add=True)

    objects = RueckforderungQuerySet.as_manager()

    class Meta:
        verbose_name = _("Rückforderung")
        verbose_name_plural = _("Rückforderungen")
        ordering = ["faellig_am"]

    def __str__(self):
        return _("Rückforderung %(betrag)s – %(nachweis)s") % {
            "betrag": geld(self.betrag),
            "nachweis": self.nachweis,
        }

    @property
    def audit_tenant(self):
        return self.nachweis.foerderjahr.kreis_id, self.nachweis.gemeinde_id

    def get_absolute_url(self):
        return self.nachweis.get_absolute_url()


class NachweisProzess(Fachprozess, Process):
    fach_feld = "nachweis"
    nachweis = models.OneToOneField(
        Verwendungsnachweis,
        on_delete=models.PROTECT,
        related_name="prozess",
        verbose_name=_("Verwendungsnachweis"),
    )

    objects = FachprozessQuerySet.as_manager()

    class Meta:
        verbose_name = _("Nachweisprozess")
        verbose_name_plural = _("Nachweisprozesse")
        ordering = ["-pk"]


# Kennzahlen live in their own module; imported here so that Django registers the models.
from workflows.proof.kennzahlen import KennzahlDefinition, Kennzahlmeldung  # noqa: E402, F401
