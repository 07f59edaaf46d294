"""Rules as data: a Förderprogramm with default parameters, and a Förderjahr per Kreis and year.

Every amount, ratio and deadline the processes use is a field here, never a constant in code.
Changes go through ``portal.funding.services`` (audited); a Förderjahr that a process has used
is only changed by an amendment with a reason.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.core.darstellung import geld
from portal.organisations.scope import scope_of


def validate_erinnerung_tage(value):
    if not isinstance(value, list) or not all(isinstance(v, int) and 0 <= v <= 365 for v in value):
        raise ValidationError(_("Bitte ganze Tage zwischen 0 und 365 angeben, z. B. 28, 7, 1."))


def default_erinnerung_tage():
    return [28, 7, 1]


class Frist(models.TextChoices):
    """The deadlines of a Förderjahr; the value is the name of its date field."""

    ZIELGRUPPEN_MELDUNG = "frist_zielgruppen_meldung", _("Meldung der Zielgruppe")
    UEBERSICHT = "frist_uebersicht", _("Übersicht der Mittelverteilung")
    ENTSCHEIDUNG = "frist_entscheidung", _("Entscheidung der Gemeinden")
    KENNZAHLEN = "frist_kennzahlen", _("Kennzahlen an die Bewilligungsstelle")
    VERWENDUNGSNACHWEIS = "frist_verwendungsnachweis", _("Verwendungsnachweis")


class Finanzierungsart(models.TextChoices):
    """How the grant is measured (VV Nr. 2 zu § 44 LHO); it decides the Rückforderung. The programme's
    type is not settled, so it is a parameter: Festbetrag is the default."""

    FESTBETRAG = "festbetrag", _("Festbetragsfinanzierung (Überschuss = erhalten − Ausgaben)")
    FEHLBEDARF = "fehlbedarf", _("Fehlbedarfsfinanzierung (Eigenmittel und andere Zuschüsse zählen zuerst)")
    ANTEIL = "anteil", _("Anteilfinanzierung (ein fester Anteil der Ausgaben)")


#: The § 49a note of a Rückforderung as the programme has it by default.
ZINSHINWEIS = (
    "Der Erstattungsbetrag ist nach § 49a Abs. 3 LVwVfG ab Eintritt der Unwirksamkeit des Bescheids "
    "mit fünf Prozentpunkten über dem Basiszinssatz jährlich zu verzinsen."
)


class Jahresparameter(models.Model):
    """The parameters a Förderprogramm defaults and a Förderjahr holds for one year."""

    zaehlzeitraum_von = models.DateField(
        _("Zählzeitraum von"), help_text=_("Zuweisungen in die AU ab diesem Tag")
    )
    zaehlzeitraum_bis = models.DateField(
        _("Zählzeitraum bis"), help_text=_("Zuweisungen in die AU bis zu diesem Tag")
    )
    frist_zielgruppen_meldung = models.DateField(_("Frist Meldung der Zielgruppe"))
    frist_uebersicht = models.DateField(_("Frist Übersicht der Mittelverteilung"))
    frist_entscheidung = models.DateField(_("Frist Entscheidung der Gemeinden"))
    frist_kennzahlen = models.DateField(_("Frist Kennzahlen"))
    frist_verwendungsnachweis = models.DateField(_("Frist Verwendungsnachweis"))
    beginn_kennzahlen = models.DateField(
        _("Kennzahlen erfassbar ab"), help_text=_("In der Regel der erste Tag des Förderjahres.")
    )
    beginn_verwendungsnachweis = models.DateField(
        _("Verwendungsnachweis ab"),
        help_text=_(
            "Ab diesem Tag werden die Verwendungsnachweise angelegt; in der Regel nach dem Jahresende."
        ),
    )
    min_vzae_pro_stelle = models.DecimalField(
        _("Mindest-VZÄ je Stelle"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.50"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("1.00"))],
    )
    max_vzae_pro_stelle = models.DecimalField(
        _("Höchst-VZÄ je Stelle"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("2.00"))],
    )
    min_planungsrahmen = models.DecimalField(
        _("Mindest-Planungsrahmen (EUR)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("180000.00"),
        validators=[MinValueValidator(Decimal("0.00"))],
    )
    referenzkosten_pro_vzae = models.DecimalField(
        _("Referenzkosten je VZÄ (EUR/Jahr)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("80000.00"),
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Für den Finanzierungsrechner: was eine volle Stelle im Jahr ungefähr kostet."),
    )
    erinnerung_tage = models.JSONField(
        _("Erinnerungen (Tage vor der Frist)"),
        default=default_erinnerung_tage,
        validators=[validate_erinnerung_tage],
    )
    kennzahl_hoechstwert = models.PositiveIntegerField(
        _("Höchstwert einer Kennzahl"),
        default=100_000,
        validators=[MinValueValidator(1)],
        help_text=_("Größere Werte weist das Formular als unplausibel zurück."),
    )
    finanzierungsart = models.CharField(
        _("Finanzierungsart"),
        max_length=20,
        choices=Finanzierungsart.choices,
        default=Finanzierungsart.FESTBETRAG,
    )
    foerderanteil_prozent = models.DecimalField(
        _("Förderanteil (Prozent der Ausgaben)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("100.00"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100.00"))],
        help_text=_("Nur bei Anteilfinanzierung."),
    )
    rueckforderung_zahlungsfrist_tage = models.PositiveSmallIntegerField(
        _("Zahlungsfrist einer Rückforderung (Tage)"), default=30, validators=[MaxValueValidator(365)]
    )
    rueckforderung_zinshinweis = models.TextField(_("Zinshinweis der Rückforderung"), default=ZINSHINWEIS)

    PARAMETER_FIELDS = (
        "zaehlzeitraum_von",
        "zaehlzeitraum_bis",
        "frist_zielgruppen_meldung",
        "frist_uebersicht",
        "frist_entscheidung",
        "frist_kennzahlen",
        "frist_verwendungsnachweis",
        "beginn_kennzahlen",
        "beginn_verwendungsnachweis",
        "min_vzae_pro_stelle",
        "max_vzae_pro_stelle",
        "min_planungsrahmen",
        "referenzkosten_pro_vzae",
        "erinnerung_tage",
        "kennzahl_hoechstwert",
        "finanzierungsart",
        "foerderanteil_prozent",
        "rueckforderung_zahlungsfrist_tage",
        "rueckforderung_zinshinweis",
    )
    #: the parameters that are dates (shifted by whole years when a year is copied forward); set
    #: below the class from the field types, so the order of PARAMETER_FIELDS does not matter
    FRISTFELDER: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def parameter(self) -> dict:
        return {name: getattr(self, name) for name in self.PARAMETER_FIELDS}

    def fristen(self) -> list[tuple[str, str, object]]:
        """(code, label, date) of each deadline, in date order."""
        rows = [(f.value, f.label, getattr(self, f.value)) for f in Frist]
        return sorted(rows, key=lambda row: row[2])

    def clean(self):
        errors = {}
        if (
            self.zaehlzeitraum_von
            and self.zaehlzeitraum_bis
            and self.zaehlzeitraum_von > self.zaehlzeitraum_bis
        ):
            errors["zaehlzeitraum_bis"] = _("Das Ende des Zählzeitraums liegt vor seinem Beginn.")
        order = [
            ("frist_zielgruppen_meldung", "frist_uebersicht"),
            ("frist_uebersicht", "frist_entscheidung"),
        ]
        for earlier, later in order:
            a, b = getattr(self, earlier), getattr(self, later)
            if a and b and a > b:
                errors[later] = _("Diese Frist muss nach der Frist „%(other)s“ liegen.") % {
                    "other": self._meta.get_field(earlier).verbose_name
                }
        if (
            self.min_vzae_pro_stelle is not None
            and self.max_vzae_pro_stelle is not None
            and self.min_vzae_pro_stelle > self.max_vzae_pro_stelle
        ):
            errors["max_vzae_pro_stelle"] = _("Das Höchstmaß liegt unter dem Mindestumfang je Stelle.")
        if isinstance(self.erinnerung_tage, list):
            try:
                validate_erinnerung_tage(self.erinnerung_tage)
            except ValidationError as e:
                errors["erinnerung_tage"] = e.messages
        if errors:
            raise ValidationError(errors)


Jahresparameter.FRISTFELDER = tuple(
    name
    for name in Jahresparameter.PARAMETER_FIELDS
    if isinstance(Jahresparameter._meta.get_field(name), models.DateField)
)


class Foerderprogramm(Jahresparameter):
    """A funding programme (e.g. the BW VwV) with the default parameters for its reference year.

    The first Förderjahr of a Kreis is created from these defaults, shifted by whole years from
    ``referenzjahr``; every later one is copied forward from its predecessor."""

    name = models.CharField(_("Name"), max_length=200, unique=True)
    kurzname = models.CharField(_("Kurzname"), max_length=50, unique=True)
    land = models.ForeignKey(
        "organisations.Land", on_delete=models.PROTECT, related_name="programme", verbose_name=_("Land")
    )
    gueltig_ab = models.DateField(_("gültig ab"))
    gueltig_bis = models.DateField(_("gültig bis"), null=True, blank=True)
    referenzjahr = models.PositiveSmallIntegerField(
        _("Referenzjahr der Vorgaben"), help_text=_("Das Förderjahr, für das die Fristen unten gelten.")
    )

    class Meta:
        verbose_name = _("Förderprogramm")
        verbose_name_plural = _("Förderprogramme")
        ordering = ["-gueltig_ab"]

    def __str__(self):
        return self.name


class FoerderjahrQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = scope_of(user)
        own = scope.tenant_filter(kreis="kreis", gemeinde=None)
        if scope.alles:
            return self.filter(own)
        published = models.Q(
            kreis__in=scope.gemeinde_kreis_ids,
            status__in=[Foerderjahr.Status.VEROEFFENTLICHT, Foerderjahr.Status.ABGESCHLOSSEN],
        )
        return self.filter(own | published)


class Foerderjahr(Jahresparameter):
    """The parameters of one Kreis for one calendar year (Förderjahr N = 1 Jan – 31 Dec N)."""

    class Status(models.TextChoices):
        ENTWURF = "entwurf", _("Entwurf")
        VEROEFFENTLICHT = "veroeffentlicht", _("veröffentlicht")
        ABGESCHLOSSEN = "abgeschlossen", _("abgeschlossen")

    programm = models.ForeignKey(
        Foerderprogramm,
        on_delete=models.PROTECT,
        related_name="foerderjahre",
        verbose_name=_("Förderprogramm"),
    )
    kreis = models.ForeignKey(
        "organisations.Kreis", on_delete=models.PROTECT, related_name="foerderjahre", verbose_name=_("Kreis")
    )
    jahr = models.PositiveSmallIntegerField(
        _("Jahr"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    planungsrahmen = models.DecimalField(
        _("Planungsrahmen (EUR)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.00"))],
        help_text=_("Vom Land bekanntgegebener Betrag für den Kreis in diesem Jahr."),
    )
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.ENTWURF)
    vorjahr = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="folgejahr",
        verbose_name=_("fortgeschrieben aus"),
    )
    in_verwendung_seit = models.DateTimeField(
        _("von einem Verfahren verwendet seit"),
        null=True,
        blank=True,
        help_text=_("Ab dann sind Änderungen nur mit Begründung möglich."),
    )

    objects = FoerderjahrQuerySet.as_manager()

    EDITABLE_FIELDS = ("planungsrahmen", *Jahresparameter.PARAMETER_FIELDS)

    class Meta:
        verbose_name = _("Förderjahr")
        verbose_name_plural = _("Förderjahre")
        ordering = ["kreis__name", "-jahr"]
        constraints = [
            models.UniqueConstraint(fields=["kreis", "jahr"], name="ein_foerderjahr_je_kreis_und_jahr")
        ]

    def __str__(self):
        return _("Förderjahr %(jahr)s – %(kreis)s") % {"jahr": self.jahr, "kreis": self.kreis}

    @property
    def audit_tenant(self):
        return self.kreis_id, None

    def get_absolute_url(self):
        return reverse("funding:detail", args=[self.pk])

    @property
    def braucht_begruendung(self) -> bool:
        """A year that is published or used by a process is amended only with a reason."""
        return self.status != self.Status.ENTWURF or self.in_verwendung_seit is not None

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as e:
            errors.update(e.message_dict)
        budget, minimum = self.planungsrahmen, self.min_planungsrahmen
        if budget is not None and minimum is not None and budget < minimum:
            errors["planungsrahmen"] = _("Der Planungsrahmen liegt unter dem Mindestbetrag von %(min)s.") % {
                "min": geld(minimum)
            }
        if self.jahr:
            for name in ("frist_kennzahlen", "frist_verwendungsnachweis"):
                value = getattr(self, name)
                if value and value.year <= self.jahr:
                    errors[name] = _("Diese Frist muss nach dem Ende des Förderjahres %(jahr)s liegen.") % {
                        "jahr": self.jahr
                    }
            if self.frist_entscheidung and self.frist_entscheidung.year >= self.jahr:
                errors["frist_entscheidung"] = _(
                    "Die Entscheidung muss vor Beginn des Förderjahres %(jahr)s fallen."
                ) % {"jahr": self.jahr}
        if errors:
            raise ValidationError(errors)


# Counts and allocation live in their own module; imported here so that Django registers the models.
from portal.funding.verteilung import Mittelverteilung, Verteilungsanteil, Zielgruppenmeldung  # noqa: E402

__all__ = [
    "Foerderjahr",
    "Foerderprogramm",
    "Frist",
    "Mittelverteilung",
    "Verteilungsanteil",
    "Zielgruppenmeldung",
]
