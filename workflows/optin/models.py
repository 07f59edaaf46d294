"""Records of the opt-in decision: one ``Entscheidung`` per Gemeinde and Förderjahr, its planned
``Stellen``, the partners' ``Partnerbestaetigung`` of a Verbund decision, and the ``Erinnerung`` log that
makes sure no reminder is sent twice. The viewflow processes (``EntscheidungsProzess``,
``BestaetigungsProzess``) only point at these records; the rules live in ``services``."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process

from portal.core.storage import private_storage
from portal.core.uploads import ZufaelligerName
from portal.organisations.scope import scope_of
from workflows.base import Fachprozess, FachprozessQuerySet


class Wahl(models.TextChoices):
    LANDKREIS = "landkreis", _("bleibt beim Landkreis")
    ALLEIN = "allein", _("in eigener Verantwortung (allein)")
    VERBUND = "verbund", _("in eigener Verantwortung im Verbund")


class Status(models.TextChoices):
    OFFEN = "offen", _("offen")
    ENTWURF = "entwurf", _("Entwurf")
    EINGEREICHT = "eingereicht", _("eingereicht")
    VERSPAETET = "verspaetet", _("verspätet eingereicht")
    ZURUECKGEGEBEN = "zurueckgegeben", _("zurückgegeben")
    ANGENOMMEN = "angenommen", _("angenommen")
    BLEIBT_BEIM_LANDKREIS = "bleibt_beim_landkreis", _("bleibt beim Landkreis (Frist abgelaufen)")


#: Statuses in which the Gemeinde still works on its decision (and reminders and the default apply).
OFFENE_STATUS = (Status.OFFEN, Status.ENTWURF)
#: Statuses in which the Gemeinde may edit in the wizard.
BEARBEITBAR = (Status.OFFEN, Status.ENTWURF, Status.ZURUECKGEGEBEN)
#: Statuses waiting for the coordinator (or the partners).
EINGEREICHT = (Status.EINGEREICHT, Status.VERSPAETET)


class Entscheidungsrunde(models.Model):
    """The coordinator opened the decision round of a Förderjahr: from then on every Gemeinde of the
    Kreis has an Entscheidung with an open task."""

    foerderjahr = models.OneToOneField(
        "funding.Foerderjahr",
        on_delete=models.PROTECT,
        related_name="entscheidungsrunde",
        verbose_name=_("Förderjahr"),
    )
    eroeffnet_am = models.DateTimeField(_("eröffnet am"), auto_now_add=True)
    eroeffnet_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("eröffnet von")
    )

    class Meta:
        verbose_name = _("Entscheidungsrunde")
        verbose_name_plural = _("Entscheidungsrunden")

    def __str__(self):
        return _("Entscheidungsrunde %(fj)s") % {"fj": self.foerderjahr}

    @property
    def audit_tenant(self):
        return self.foerderjahr.kreis_id, None


class EntscheidungQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Kreis users see their Kreis; a Gemeinde sees its own decision and the Verbund decisions that
        name it as a partner."""
        scope = scope_of(user)
        q = scope.tenant_filter(kreis="foerderjahr__kreis", gemeinde="gemeinde")
        if scope.gemeinde_ids and not scope.alles:
            q |= models.Q(partner__in=scope.gemeinde_ids)
        return self.filter(q).distinct()


class Entscheidung(models.Model):
    """What one Gemeinde decided for one Förderjahr. For a Verbund, the submitting Gemeinde's record
    carries the partners and positions; the partners' own records point to it (``teil_von``) once the
    coordinator accepted it."""

    foerderjahr = models.ForeignKey(
        "funding.Foerderjahr",
        on_delete=models.PROTECT,
        related_name="entscheidungen",
        verbose_name=_("Förderjahr"),
    )
    gemeinde = models.ForeignKey(
        "organisations.Gemeinde",
        on_delete=models.PROTECT,
        related_name="entscheidungen",
        verbose_name=_("Gemeinde"),
    )
    status = models.CharField(_("Status"), max_length=30, choices=Status.choices, default=Status.OFFEN)
    wahl = models.CharField(_("Entscheidung"), max_length=20, choices=Wahl.choices, blank=True)
    # Verbund
    verbund_name = models.CharField(_("Name des Verbunds"), max_length=150, blank=True)
    partner = models.ManyToManyField(
        "organisations.Gemeinde",
        blank=True,
        related_name="verbund_anfragen",
        verbose_name=_("Partnergemeinden"),
    )
    federfuehrend = models.ForeignKey(
        "organisations.Gemeinde",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Federführende Gemeinde"),
    )
    verbund = models.ForeignKey(
        "organisations.Verbund",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entscheidungen",
        verbose_name=_("Verbund"),
    )
    teil_von = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="verbund_teile",
        verbose_name=_("Teil der Verbundentscheidung"),
    )
    # Council decision and contact
    beschluss_datum = models.DateField(_("Datum des Gemeinderatsbeschlusses"), null=True, blank=True)
    beschluss_datei = models.FileField(
        _("Gemeinderatsbeschluss (PDF)"),
        storage=private_storage,
        upload_to=ZufaelligerName("beschluesse"),
        blank=True,
    )
    ansprechperson = models.CharField(_("Ansprechperson"), max_length=150, blank=True)
    ansprechperson_email = models.EmailField(_("E-Mail der Ansprechperson"), blank=True)
    ansprechperson_telefon = models.CharField(_("Telefon der Ansprechperson"), max_length=50, blank=True)
    # Submission and review
    eingereicht_am = models.DateTimeField(_("eingereicht am"), null=True, blank=True)
    eingereicht_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("eingereicht von"),
    )
    einreichungen = models.PositiveSmallIntegerField(_("Anzahl Einreichungen"), default=0)
    verspaetet = models.BooleanField(_("nach der Frist eingereicht"), default=False)
    rueckgabe_grund = models.TextField(_("Grund der Rückgabe"), blank=True)
    entschieden_am = models.DateTimeField(_("angenommen am"), null=True, blank=True)
    entschieden_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("angenommen von"),
    )
    annahme_begruendung = models.TextField(_("Begründung der Annahme"), blank=True)
    wieder_geoeffnet = models.BooleanField(
        _("nach Fristablauf wieder geöffnet"),
        default=False,
        help_text=_("für eine verspätete Einreichung; der Fristablauf setzt sie nicht erneut zurück"),
    )
    # The wizard's draft (django-formtools storage data), so that it survives logout.
    entwurf = models.JSONField(_("Entwurf"), default=dict, blank=True)
    geaendert_am = models.DateTimeField(_("geändert am"), auto_now=True)

    objects = EntscheidungQuerySet.as_manager()

    class Meta:
        verbose_name = _("Entscheidung")
        verbose_name_plural = _("Entscheidungen")
        ordering = ["foerderjahr", "gemeinde__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["foerderjahr", "gemeinde"], name="eine_entscheidung_je_gemeinde_und_jahr"
            )
        ]

    def __str__(self):
        return _("Entscheidung %(gemeinde)s %(jahr)s") % {
            "gemeinde": self.gemeinde,
            "jahr": self.foerderjahr.jahr,
        }

    @property
    def audit_tenant(self):
        return self.foerderjahr.kreis_id, self.gemeinde_id

    def get_absolute_url(self):
        return reverse("optin:detail", args=[self.pk])

    @property
    def kreis_id(self):
        return self.foerderjahr.kreis_id

    @property
    def ist_verbund(self) -> bool:
        return self.wahl == Wahl.VERBUND

    @property
    def opt_in(self) -> bool:
        """Runs Integrationsmanagement itself (alone or in a Verbund)."""
        return self.wahl in (Wahl.ALLEIN, Wahl.VERBUND)

    @property
    def bearbeitbar(self) -> bool:
        return self.status in BEARBEITBAR and self.teil_von_id is None

    def gesamt_vzae(self):
        from decimal import Decimal

        return sum((s.vzae for s in self.stellen.all()), Decimal("0.00"))


class Stelle(models.Model):
    """One planned position of a decision."""

    class Qualifikation(models.TextChoices):
        STUDIUM = "studium", _("Studium der Sozialen Arbeit oder vergleichbar")
        NACHQUALIFIZIERUNG = "nachqualifizierung", _("Nachqualifizierung innerhalb eines Jahres")

    entscheidung = models.ForeignKey(
        Entscheidung, on_delete=models.CASCADE, related_name="stellen", verbose_name=_("Entscheidung")
    )
    nummer = models.PositiveSmallIntegerField(_("Nr."))
    vzae = models.DecimalField(_("VZÄ"), max_digits=3, decimal_places=2)
    traeger = models.ForeignKey(
        "organisations.Traeger",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Träger der freien Wohlfahrtspflege"),
        help_text=_("leer: die Gemeinde stellt selbst an"),
    )
    beginn = models.DateField(_("geplanter Beginn"))
    qualifikation = models.CharField(_("Qualifikation"), max_length=30, choices=Qualifikation.choices)

    class Meta:
        verbose_name = _("geplante Stelle")
        verbose_name_plural = _("geplante Stellen")
        ordering = ["entscheidung", "nummer"]

    def __str__(self):
        return _("Stelle %(nr)s (%(vzae)s VZÄ)") % {"nr": self.nummer, "vzae": self.vzae}

    @property
    def arbeitgeber(self) -> str:
        return str(self.traeger) if self.traeger_id else str(self.entscheidung.gemeinde)


class PartnerbestaetigungQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = scope_of(user)
        q = scope.tenant_filter(kreis="entscheidung__foerderjahr__kreis", gemeinde="gemeinde")
        if scope.gemeinde_ids and not scope.alles:
            q |= models.Q(entscheidung__gemeinde__in=scope.gemeinde_ids)
        return self.filter(q)

    def angefragt(self):
        """Requests of a Verbund still under way (its current submission, not declined): the partner
        does not decide on its own meanwhile."""
        return self.filter(
            entscheidung__status__in=EINGEREICHT,
            einreichung=models.F("entscheidung__einreichungen"),
            antwort__in=["offen", "bestaetigt"],
        )


class Partnerbestaetigung(models.Model):
    """A partner Gemeinde confirms (or declines) its participation in a submitted Verbund decision."""

    class Antwort(models.TextChoices):
        OFFEN = "offen", _("offen")
        BESTAETIGT = "bestaetigt", _("bestätigt")
        ABGELEHNT = "abgelehnt", _("abgelehnt")
        HINFAELLIG = "hinfaellig", _("hinfällig")

    entscheidung = models.ForeignKey(
        Entscheidung, on_delete=models.PROTECT, related_name="bestaetigungen", verbose_name=_("Entscheidung")
    )
    gemeinde = models.ForeignKey(
        "organisations.Gemeinde",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Partnergemeinde"),
    )
    einreichung = models.PositiveSmallIntegerField(_("zur Einreichung Nr."))
    antwort = models.CharField(_("Antwort"), max_length=20, choices=Antwort.choices, default=Antwort.OFFEN)
    begruendung = models.TextField(_("Begründung"), blank=True)
    beantwortet_am = models.DateTimeField(_("beantwortet am"), null=True, blank=True)
    beantwortet_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("beantwortet von"),
    )

    objects = PartnerbestaetigungQuerySet.as_manager()

    class Meta:
        verbose_name = _("Bestätigung einer Partnergemeinde")
        verbose_name_plural = _("Bestätigungen der Partnergemeinden")
        ordering = ["entscheidung", "einreichung", "gemeinde__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["entscheidung", "gemeinde", "einreichung"], name="eine_bestaetigung_je_einreichung"
            )
        ]

    def __str__(self):
        return _("Bestätigung %(gemeinde)s zu %(entscheidung)s") % {
            "gemeinde": self.gemeinde,
            "entscheidung": self.entscheidung,
        }

    @property
    def audit_tenant(self):
        return self.entscheidung.foerderjahr.kreis_id, self.gemeinde_id

    def get_absolute_url(self):
        return reverse("optin:bestaetigung", args=[self.pk])

    @property
    def kreis_id(self):
        return self.entscheidung.foerderjahr.kreis_id


class Erinnerung(models.Model):
    """A reminder that was sent; the unique constraint is what makes "never twice" hold."""

    entscheidung = models.ForeignKey(
        Entscheidung, on_delete=models.CASCADE, related_name="erinnerungen", verbose_name=_("Entscheidung")
    )
    tage_vorher = models.PositiveSmallIntegerField(_("Tage vor der Frist"))
    gesendet_am = models.DateTimeField(_("gesendet am"), auto_now_add=True)
    empfaenger = models.TextField(_("Empfänger"), blank=True)

    class Meta:
        verbose_name = _("Erinnerung")
        verbose_name_plural = _("Erinnerungen")
        constraints = [
            models.UniqueConstraint(fields=["entscheidung", "tage_vorher"], name="eine_erinnerung_je_stufe")
        ]

    def __str__(self):
        return _("Erinnerung %(tage)s Tage vor der Frist an %(gemeinde)s") % {
            "tage": self.tage_vorher,
            "gemeinde": self.entscheidung.gemeinde,
        }


class EntscheidungsProzess(Fachprozess, Process):
    """viewflow process of one Gemeinde's decision."""

    fach_feld = "entscheidung"
    entscheidung = models.OneToOneField(
        Entscheidung, on_delete=models.PROTECT, related_name="prozess", verbose_name=_("Entscheidung")
    )

    objects = FachprozessQuerySet.as_manager()

    class Meta:
        verbose_name = _("Entscheidungsprozess")
        verbose_name_plural = _("Entscheidungsprozesse")
        ordering = ["-pk"]


class BestaetigungsProzess(Fachprozess, Process):
    """viewflow process of one partner's confirmation of a Verbund decision."""

    fach_feld = "bestaetigung"
    bestaetigung = models.OneToOneField(
        Partnerbestaetigung, on_delete=models.PROTECT, related_name="prozess", verbose_name=_("Bestätigung")
    )

    objects = FachprozessQuerySet.as_manager()

    class Meta:
        verbose_name = _("Bestätigungsprozess")
        verbose_name_plural = _("Bestätigungsprozesse")
        ordering = ["-pk"]
