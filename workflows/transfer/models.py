"""Records of the Weiterleitung: the Land's payout to the Kreis (``Landesauszahlung``) and one
``Weiterleitung`` per opted-in recipient (Gemeinde alone, or a Verbund through its lead Gemeinde),
Förderjahr and tranche. The viewflow process (``WeiterleitungsProzess``) only points at it."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process

from portal.core.darstellung import datum, geld
from portal.core.iban import BICFeld, IBANFeld
from portal.core.storage import private_storage
from portal.core.uploads import ZufaelligerName
from portal.organisations.scope import scope_of
from workflows.base import Fachprozess, FachprozessQuerySet


class LandesauszahlungQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(scope_of(user).tenant_filter(kreis="foerderjahr__kreis", gemeinde=None))


class Landesauszahlung(models.Model):
    """What the Land paid the Kreis for a Förderjahr (recorded by the coordinating office).

    The payout is the ceiling of every approval, so it is never edited: a wrong entry is corrected by a
    counter-entry (``art = korrektur``, the difference to the right amount) that a second person
    confirms; only confirmed corrections count. Each tranche is recorded once per Förderjahr."""

    class Art(models.TextChoices):
        AUSZAHLUNG = "auszahlung", _("Auszahlung")
        KORREKTUR = "korrektur", _("Korrektur (Gegenbuchung)")

    foerderjahr = models.ForeignKey(
        "funding.Foerderjahr",
        on_delete=models.PROTECT,
        related_name="landesauszahlungen",
        verbose_name=_("Förderjahr"),
    )
    tranche = models.PositiveSmallIntegerField(_("Tranche"), default=1)
    datum = models.DateField(_("Datum des Zahlungseingangs"))
    betrag = models.DecimalField(_("Betrag (EUR)"), max_digits=12, decimal_places=2)
    referenz = models.CharField(_("Referenz / Kassenzeichen"), max_length=100)
    erfasst_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("erfasst von")
    )
    erfasst_am = models.DateTimeField(_("erfasst am"), auto_now_add=True)
    art = models.CharField(_("Art"), max_length=12, choices=Art, default=Art.AUSZAHLUNG)
    korrigiert = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="korrekturen",
        verbose_name=_("korrigiert die Auszahlung"),
    )
    begruendung = models.TextField(_("Begründung"), blank=True)
    bestaetigt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("bestätigt von"),
    )
    bestaetigt_am = models.DateTimeField(_("bestätigt am"), null=True, blank=True)

    objects = LandesauszahlungQuerySet.as_manager()

    class Meta:
        verbose_name = _("Auszahlung des Landes")
        verbose_name_plural = _("Auszahlungen des Landes")
        ordering = ["foerderjahr", "datum", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["foerderjahr", "tranche"],
                condition=models.Q(art="auszahlung"),
                name="landesauszahlung_tranche_einmal",
                violation_error_message=_("Diese Tranche ist für das Förderjahr bereits erfasst."),
            )
        ]

    @property
    def zaehlt(self) -> bool:
        """Counts towards the payout: every payout, a correction once confirmed."""
        return self.art == self.Art.AUSZAHLUNG or self.bestaetigt_am is not None

    @property
    def wirksamer_betrag(self):
        """The tranche's amount after its confirmed corrections (uses prefetched ``korrekturen``)."""
        return self.betrag + sum((k.betrag for k in self.korrekturen.all() if k.bestaetigt_am), Decimal("0"))

    def __str__(self):
        return _("Auszahlung des Landes %(betrag)s am %(datum)s") % {
            "betrag": geld(self.betrag),
            "datum": datum(self.datum),
        }

    @property
    def audit_tenant(self):
        return self.foerderjahr.kreis_id, None


class WeiterleitungQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The Kreis sees its transfers; a recipient Gemeinde its own, Verbund members their Verbund's."""
        return self.filter(
            scope_of(user).tenant_filter(kreis="foerderjahr__kreis", gemeinde="gemeinde", verbund="verbund")
        )


class Weiterleitung(models.Model):
    class Status(models.TextChoices):
        VORBEREITET = "vorbereitet", _("vorbereitet, wartet auf Freigabe")
        ZURUECKGEGEBEN = "zurueckgegeben", _("zurückgegeben zur Überarbeitung")
        FREIGEGEBEN = "freigegeben", _("freigegeben, wartet auf Zahlung")
        BEZAHLT = "bezahlt", _("bezahlt")
        EMPFANGEN = "empfangen", _("Empfang bestätigt")

    class Rechtsform(models.TextChoices):
        BESCHEID = "bescheid", _("Weiterleitungsbescheid")
        VERTRAG = "vertrag", _("Weiterleitungsvertrag")

    #: statuses in which the amount counts against the Land's payout
    GEBUNDEN = (Status.FREIGEGEBEN, Status.BEZAHLT, Status.EMPFANGEN)

    foerderjahr = models.ForeignKey(
        "funding.Foerderjahr",
        on_delete=models.PROTECT,
        related_name="weiterleitungen",
        verbose_name=_("Förderjahr"),
    )
    tranche = models.PositiveSmallIntegerField(_("Tranche"), default=1)
    entscheidung = models.ForeignKey(
        "optin.Entscheidung",
        on_delete=models.PROTECT,
        related_name="weiterleitungen",
        verbose_name=_("Entscheidung"),
    )
    gemeinde = models.ForeignKey(
        "organisations.Gemeinde",
        on_delete=models.PROTECT,
        related_name="weiterleitungen",
        verbose_name=_("Empfänger (Gemeinde)"),
        help_text=_("bei einem Verbund die federführende Gemeinde"),
    )
    verbund = models.ForeignKey(
        "organisations.Verbund",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="weiterleitungen",
        verbose_name=_("Verbund"),
    )
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.VORBEREITET)
    betrag = models.DecimalField(_("Betrag (EUR)"), max_digits=12, decimal_places=2)
    rechtsform = models.CharField(_("Rechtsform"), max_length=20, choices=Rechtsform.choices)
    kontoinhaber = models.CharField(_("Kontoinhaber"), max_length=70)
    iban = IBANFeld(_("IBAN"))
    bic = BICFeld(_("BIC"), blank=True)
    verwendungszweck = models.CharField(_("Verwendungszweck"), max_length=140)
    vorbereitet_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vorbereitet von"),
    )
    vorbereitet_am = models.DateTimeField(_("vorbereitet am"))
    freigegeben_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("freigegeben von"),
    )
    freigegeben_am = models.DateTimeField(_("freigegeben am"), null=True, blank=True)
    rueckgabe_grund = models.TextField(_("Grund der Rückgabe"), blank=True)
    bezahlt_am = models.DateField(_("bezahlt am"), null=True, blank=True)
    buchungsreferenz = models.CharField(_("Buchungsreferenz"), max_length=100, blank=True)
    bezahlt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("als bezahlt markiert von"),
    )
    empfang_bestaetigt_am = models.DateTimeField(_("Empfang bestätigt am"), null=True, blank=True)
    empfang_bestaetigt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Empfang bestätigt von"),
    )
    auszahlungsanordnung = models.FileField(
        _("Auszahlungsanordnung (PDF)"),
        storage=private_storage,
        upload_to=ZufaelligerName("weiterleitung"),
        blank=True,
    )
    schreiben = models.FileField(
        _("Weiterleitungsbescheid / -vertrag (PDF)"),
        storage=private_storage,
        upload_to=ZufaelligerName("weiterleitung"),
        blank=True,
    )

    objects = WeiterleitungQuerySet.as_manager()

    class Meta:
        verbose_name = _("Weiterleitung")
        verbose_name_plural = _("Weiterleitungen")
        ordering = ["foerderjahr", "tranche", "gemeinde__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["foerderjahr", "tranche", "entscheidung"],
                name="eine_weiterleitung_je_empfaenger_und_tranche",
            ),
            models.CheckConstraint(
                condition=models.Q(betrag__gt=Decimal("0")), name="weiterleitung_betrag_positiv"
            ),
        ]

    def __str__(self):
        return _("Weiterleitung %(jahr)s/%(tranche)s an %(empfaenger)s") % {
            "jahr": self.foerderjahr.jahr,
            "tranche": self.tranche,
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
        return reverse("transfer:detail", args=[self.pk])


class WeiterleitungsProzess(Fachprozess, Process):
    """viewflow process of one transfer."""

    fach_feld = "weiterleitung"
    weiterleitung = models.OneToOneField(
        Weiterleitung, on_delete=models.PROTECT, related_name="prozess", verbose_name=_("Weiterleitung")
    )

    objects = FachprozessQuerySet.as_manager()

    class Meta:
        verbose_name = _("Weiterleitungsprozess")
        verbose_name_plural = _("Weiterleitungsprozesse")
        ordering = ["-pk"]


class ZahlungslaufQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(scope_of(user).tenant_filter(kreis="foerderjahr__kreis", gemeinde=None))

    def aktiv(self):
        return self.filter(storniert_am__isnull=True)


class Zahlungslauf(models.Model):
    """One SEPA file as finance handed it to the bank: its message id and content are fixed when it is
    made, so every download gives the same file and the bank recognises a second submission; its
    transfers are not offered for another run until the run is cancelled (with a reason, audited)."""

    foerderjahr = models.ForeignKey(
        "funding.Foerderjahr",
        on_delete=models.PROTECT,
        related_name="zahlungslaeufe",
        verbose_name=_("Förderjahr"),
    )
    nachrichten_id = models.CharField(_("Nachrichten-ID (MsgId)"), max_length=35, unique=True)
    ausfuehrung = models.DateField(_("Ausführungstag"))
    weiterleitungen = models.ManyToManyField(
        Weiterleitung, related_name="zahlungslaeufe", verbose_name=_("Weiterleitungen")
    )
    anzahl = models.PositiveIntegerField(_("Anzahl Zahlungen"))
    summe = models.DecimalField(_("Summe (EUR)"), max_digits=12, decimal_places=2)
    inhalt = models.BinaryField(_("SEPA-Datei (pain.001.001.03)"))
    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("erstellt von")
    )
    erstellt_am = models.DateTimeField(_("erstellt am"), auto_now_add=True)
    storniert_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("storniert von"),
    )
    storniert_am = models.DateTimeField(_("storniert am"), null=True, blank=True)
    storno_grund = models.TextField(_("Grund der Stornierung"), blank=True)

    objects = ZahlungslaufQuerySet.as_manager()

    class Meta:
        verbose_name = _("Zahlungslauf")
        verbose_name_plural = _("Zahlungsläufe")
        ordering = ["-erstellt_am", "-pk"]

    def __str__(self):
        return _("Zahlungslauf %(jahr)s vom %(datum)s (%(anzahl)s Zahlungen)") % {
            "jahr": self.foerderjahr.jahr,
            "datum": datum(self.ausfuehrung),
            "anzahl": self.anzahl,
        }

    @property
    def storniert(self) -> bool:
        return self.storniert_am is not None

    @property
    def audit_tenant(self):
        return self.foerderjahr.kreis_id, None
