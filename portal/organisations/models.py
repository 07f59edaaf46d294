"""Who is who: the Land, its Kreise and Gemeinden, Verbünde, Träger, and users with their roles.

Every domain queryset a view shows goes through ``visible_to(user)``; the rules live in
``portal.organisations.scope`` so that there is one place to read them.
"""

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.core.iban import BICFeld, IBANFeld
from portal.organisations.scope import scope_of

ags_validator = RegexValidator(r"^\d{8}$", _("Der Amtliche Gemeindeschlüssel hat genau 8 Ziffern."))
kreis_schluessel_validator = RegexValidator(r"^\d{5}$", _("Der Kreisschlüssel hat genau 5 Ziffern."))


class Rolle(models.TextChoices):
    GEMEINDE = "gemeinde", _("Gemeinde (Verwaltung)")
    KOORDINATION = "koordination", _("Koordinierende Stelle (Kreis)")
    FINANZEN = "finanzen", _("Finanzen (Kreis)")
    LAND = "land", _("Bewilligungsstelle (Land)")
    REDAKTION = "redaktion", _("Redaktion")


class PortalUserManager(UserManager):
    def visible_to(self, user):
        return self.get_queryset().filter(scope_of(user).user_filter()).distinct()


class User(AbstractUser):
    """A portal user. Users are deactivated (is_active = False), never deleted: viewflow tasks and
    audit events refer to them."""

    #: Set when somebody else chose the password (the operator in the Django admin): the user must
    #: choose their own before any other page.
    passwort_aendern = models.BooleanField(_("muss Passwort ändern"), default=False)

    objects = PortalUserManager()

    class Meta:
        verbose_name = _("Benutzer")
        verbose_name_plural = _("Benutzer")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self):
        return self.get_full_name() or self.username

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Benutzer werden nicht gelöscht, sondern deaktiviert."))

    @property
    def audit_tenant(self):
        """The Kreis and Gemeinde of the user's first membership, to scope the user's history."""
        m = self.mitgliedschaften.select_related("gemeinde").order_by("pk").first()
        if m is None:
            return None, None
        return (m.kreis_id or (m.gemeinde.kreis_id if m.gemeinde_id else None)), m.gemeinde_id


class VisibleQuerySet(models.QuerySet):
    """A queryset that knows how to filter itself for one user (``visible_filter`` on the scope)."""

    scope_method: str = ""

    def visible_to(self, user):
        return self.filter(getattr(scope_of(user), self.scope_method)())


class LandQuerySet(VisibleQuerySet):
    scope_method = "land_filter"


class Land(models.Model):
    name = models.CharField(_("Name"), max_length=100, unique=True)

    objects = LandQuerySet.as_manager()

    class Meta:
        verbose_name = _("Land")
        verbose_name_plural = _("Länder")

    def __str__(self):
        return self.name


class Anschrift(models.Model):
    """The postal address of an administration, for the address field of letters (DIN 5008)."""

    strasse = models.CharField(_("Straße und Hausnummer / Postfach"), max_length=100, blank=True)
    plz = models.CharField(
        _("PLZ"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^\d{5}$", _("Die Postleitzahl hat fünf Ziffern."))],
    )
    ort = models.CharField(_("Ort"), max_length=100, blank=True)

    class Meta:
        abstract = True

    @property
    def anschrift_zeilen(self) -> list[str]:
        return [z for z in (self.strasse, f"{self.plz} {self.ort}".strip()) if z]


class KreisQuerySet(VisibleQuerySet):
    scope_method = "kreis_filter"


class Kreis(Anschrift):
    class Art(models.TextChoices):
        LANDKREIS = "landkreis", _("Landkreis")
        STADTKREIS = "stadtkreis", _("Stadtkreis")

    land = models.ForeignKey(Land, on_delete=models.PROTECT, related_name="kreise", verbose_name=_("Land"))
    name = models.CharField(_("Name"), max_length=100, unique=True)
    art = models.CharField(_("Art"), max_length=20, choices=Art.choices, default=Art.LANDKREIS)
    schluessel = models.CharField(
        _("Kreisschlüssel"), max_length=5, unique=True, validators=[kreis_schluessel_validator]
    )
    # The Kreiskasse's account: the debtor of the SEPA credit transfers of the Weiterleitung.
    kontoinhaber = models.CharField(_("Kontoinhaber (Kreiskasse)"), max_length=70, blank=True)
    iban = IBANFeld(_("IBAN der Kreiskasse"), blank=True)
    bic = BICFeld(_("BIC der Kreiskasse"), blank=True)
    # Letterhead and texts of the Kreis's letters and Bescheide (its coordination edits them in the portal).
    dienststelle = models.CharField(
        _("Dienststelle"),
        max_length=150,
        blank=True,
        help_text=_("z. B. Landratsamt Heilbronn, Amt für Migration"),
    )
    telefon = models.CharField(_("Telefon"), max_length=50, blank=True)
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    webseite = models.URLField(_("Internetseite"), blank=True)
    logo = models.ImageField(
        _("Logo"),
        upload_to="kreislogos/",
        blank=True,
        help_text=_("PNG oder JPEG, für den Briefkopf."),
    )
    aktenzeichen_muster = models.CharField(
        _("Aktenzeichen-Muster"),
        max_length=100,
        default="IM-{jahr}-{ags}",
        help_text=_(
            "Platzhalter: {jahr} (Förderjahr), {ags} (Gemeindeschlüssel), {gemeinde} (Name), "
            "{nr} (laufende Nummer)."
        ),
    )
    rechtsbehelfsbelehrung = models.TextField(
        _("Rechtsbehelfsbelehrung"),
        blank=True,
        help_text=_("Steht unter jedem Bescheid des Kreises (Verwaltungsakt)."),
    )
    ohne_unterschrift = models.BooleanField(
        _("Schreiben ohne Unterschrift"),
        default=False,
        help_text=_(
            "Statt eines Unterschriftsblocks steht auf Bescheiden und Verträgen: „Dieses Schreiben wurde "
            "maschinell erstellt und ist ohne Unterschrift gültig.“"
        ),
    )
    haushaltsstelle = models.CharField(
        _("Haushaltsstelle"),
        max_length=50,
        blank=True,
        help_text=_("Für die Auszahlungsanordnung, z. B. 1.3130.7171.000"),
    )
    zahlungsziel_tage = models.PositiveSmallIntegerField(
        _("Zahlungsziel (Tage)"),
        default=14,
        help_text=_("Fälligkeit einer Weiterleitung: so viele Tage nach der Freigabe."),
    )

    objects = KreisQuerySet.as_manager()

    class Meta:
        verbose_name = _("Kreis")
        verbose_name_plural = _("Kreise")
        ordering = ["name"]

    def __str__(self):
        return self.name


class GemeindeQuerySet(VisibleQuerySet):
    scope_method = "gemeinde_filter"


class Gemeinde(Anschrift):
    kreis = models.ForeignKey(
        Kreis, on_delete=models.PROTECT, related_name="gemeinden", verbose_name=_("Kreis")
    )
    ags = models.CharField(
        _("Amtlicher Gemeindeschlüssel"),
        max_length=8,
        unique=True,
        validators=[ags_validator],
        help_text=_("8 Ziffern, z. B. 08125071"),
    )
    name = models.CharField(_("Name"), max_length=100)
    ags_generiert = models.BooleanField(
        _("AGS generiert"),
        default=False,
        help_text=_("Gesetzt, wenn der Schlüssel kein amtlicher ist (nur Demodaten)."),
    )
    # Gemeinden are never deleted: one that left the official directory (e.g. a merger) is inactive,
    # keeps its history and names its successor where known.
    aktiv = models.BooleanField(_("aktiv"), default=True)
    nachfolger = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="vorgaenger",
        verbose_name=_("Nachfolgegemeinde"),
    )

    objects = GemeindeQuerySet.as_manager()

    class Meta:
        verbose_name = _("Gemeinde")
        verbose_name_plural = _("Gemeinden")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.ags and self.kreis_id and not self.ags.startswith(self.kreis.schluessel):
            raise ValidationError(
                {
                    "ags": _("Der AGS muss mit dem Kreisschlüssel %(key)s beginnen.")
                    % {"key": self.kreis.schluessel}
                }
            )

    @property
    def audit_tenant(self):
        return self.kreis_id, self.pk

    def get_absolute_url(self):
        return reverse("organisations:gemeinde", args=[self.pk])


class VerbundQuerySet(VisibleQuerySet):
    scope_method = "verbund_filter"


class Verbund(models.Model):
    """Several Gemeinden of one Kreis that run Integrationsmanagement together, with one lead Gemeinde.

    Membership is per Förderjahr (a year number), because a Verbund can change from year to year
    and a Gemeinde belongs to at most one Verbund per year."""

    kreis = models.ForeignKey(
        Kreis, on_delete=models.PROTECT, related_name="verbuende", verbose_name=_("Kreis")
    )
    name = models.CharField(_("Name"), max_length=150)
    federfuehrend = models.ForeignKey(
        Gemeinde,
        on_delete=models.PROTECT,
        related_name="gefuehrte_verbuende",
        verbose_name=_("Federführende Gemeinde"),
    )

    objects = VerbundQuerySet.as_manager()

    class Meta:
        verbose_name = _("Verbund")
        verbose_name_plural = _("Verbünde")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["kreis", "name"], name="verbund_name_je_kreis")]

    def __str__(self):
        return self.name

    @property
    def audit_tenant(self):
        return self.kreis_id, self.federfuehrend_id

    def jahre(self) -> list[int]:
        return sorted(set(self.mitgliedschaften.values_list("jahr", flat=True)))

    def mitglieder(self, jahr: int):
        return Gemeinde.objects.filter(
            verbund_mitgliedschaften__verbund=self, verbund_mitgliedschaften__jahr=jahr
        )


class VerbundMitglied(models.Model):
    verbund = models.ForeignKey(
        Verbund, on_delete=models.PROTECT, related_name="mitgliedschaften", verbose_name=_("Verbund")
    )
    gemeinde = models.ForeignKey(
        Gemeinde,
        on_delete=models.PROTECT,
        related_name="verbund_mitgliedschaften",
        verbose_name=_("Gemeinde"),
    )
    jahr = models.PositiveSmallIntegerField(_("Förderjahr"))

    class Meta:
        verbose_name = _("Verbundmitglied")
        verbose_name_plural = _("Verbundmitglieder")
        ordering = ["jahr", "gemeinde__name"]
        constraints = [
            models.UniqueConstraint(fields=["gemeinde", "jahr"], name="ein_verbund_je_gemeinde_und_jahr"),
        ]

    def __str__(self):
        return f"{self.gemeinde} – {self.verbund} ({self.jahr})"


class TraegerQuerySet(VisibleQuerySet):
    scope_method = "traeger_filter"


class Traeger(models.Model):
    """A Träger der freien Wohlfahrtspflege that may receive passed-on funds."""

    name = models.CharField(_("Name"), max_length=200)
    verband = models.CharField(_("Spitzenverband"), max_length=100, blank=True)
    ort = models.CharField(_("Ort"), max_length=100, blank=True)
    kreis = models.ForeignKey(
        Kreis,
        on_delete=models.PROTECT,
        related_name="traeger",
        verbose_name=_("Kreis"),
        help_text=_("Der Kreis, in dem der Träger tätig ist."),
    )

    objects = TraegerQuerySet.as_manager()

    class Meta:
        verbose_name = _("Träger")
        verbose_name_plural = _("Träger")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["kreis", "name"], name="traeger_name_je_kreis")]

    def __str__(self):
        return self.name


class Mitgliedschaft(models.Model):
    """A user's role in one organisation. A user may hold several."""

    user = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="mitgliedschaften", verbose_name=_("Benutzer")
    )
    rolle = models.CharField(_("Rolle"), max_length=20, choices=Rolle.choices)
    land = models.ForeignKey(Land, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("Land"))
    kreis = models.ForeignKey(Kreis, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("Kreis"))
    gemeinde = models.ForeignKey(
        Gemeinde, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("Gemeinde")
    )
    aktiv = models.BooleanField(_("aktiv"), default=True)
    # Four eyes for the power roles (koordination, finanzen): granted by one coordinator, in effect
    # only once a second coordinator of the Kreis confirmed it. Until then ``aktiv`` is False and
    # ``wartet_auf_bestaetigung`` True.
    wartet_auf_bestaetigung = models.BooleanField(_("wartet auf Bestätigung"), default=False)
    erteilt_von = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("erteilt von"),
    )
    bestaetigt_von = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("bestätigt von"),
    )

    class Meta:
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        constraints = [
            models.CheckConstraint(
                name="mitgliedschaft_organisation_passt_zur_rolle",
                condition=(
                    Q(rolle="gemeinde", gemeinde__isnull=False, kreis__isnull=True, land__isnull=True)
                    | Q(
                        rolle__in=["koordination", "finanzen"],
                        kreis__isnull=False,
                        gemeinde__isnull=True,
                        land__isnull=True,
                    )
                    | Q(rolle="land", land__isnull=False, kreis__isnull=True, gemeinde__isnull=True)
                    | Q(rolle="redaktion", kreis__isnull=True, gemeinde__isnull=True)
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "rolle", "land", "kreis", "gemeinde"],
                name="mitgliedschaft_eindeutig",
                nulls_distinct=False,
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_rolle_display()}: {self.organisation or '–'}"

    @property
    def organisation(self):
        return self.gemeinde or self.kreis or self.land

    @property
    def audit_tenant(self):
        """A Gemeinde's roles are in its Kreis's trail too: the Kreis sees who got rights in it."""
        return (self.kreis_id or (self.gemeinde.kreis_id if self.gemeinde_id else None)), self.gemeinde_id

    def clean(self):
        needed = {
            Rolle.GEMEINDE: ("gemeinde", _("Für die Rolle Gemeinde bitte eine Gemeinde wählen.")),
            Rolle.KOORDINATION: ("kreis", _("Für diese Rolle bitte einen Kreis wählen.")),
            Rolle.FINANZEN: ("kreis", _("Für diese Rolle bitte einen Kreis wählen.")),
            Rolle.LAND: ("land", _("Für die Rolle Land bitte das Land wählen.")),
        }
        errors = {}
        field, message = needed.get(self.rolle, (None, None))
        for name in ("land", "kreis", "gemeinde"):
            value = getattr(self, f"{name}_id")
            if name == field and not value:
                errors[name] = message
            elif name != field and value and not (self.rolle == Rolle.REDAKTION and name == "land"):
                errors[name] = _("Passt nicht zur gewählten Rolle.")
        if errors:
            raise ValidationError(errors)


class Kontoaenderung(models.Model):
    """A proposed new Kreiskasse account. A changed debtor account is the classic fraud path, so it
    takes effect only when a second person of the Kreis's coordination or finance confirms it."""

    class Status(models.TextChoices):
        OFFEN = "offen", _("wartet auf Bestätigung")
        BESTAETIGT = "bestaetigt", _("bestätigt")
        ABGELEHNT = "abgelehnt", _("abgelehnt")

    kreis = models.ForeignKey(
        Kreis, on_delete=models.PROTECT, related_name="kontoaenderungen", verbose_name=_("Kreis")
    )
    kontoinhaber = models.CharField(_("Kontoinhaber (Kreiskasse)"), max_length=70)
    iban = IBANFeld(_("IBAN der Kreiskasse"))
    bic = BICFeld(_("BIC der Kreiskasse"), blank=True)
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.OFFEN)
    vorgeschlagen_von = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("vorgeschlagen von")
    )
    vorgeschlagen_am = models.DateTimeField(_("vorgeschlagen am"), auto_now_add=True)
    entschieden_von = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("entschieden von"),
    )
    entschieden_am = models.DateTimeField(_("entschieden am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Änderung der Kreiskasse")
        verbose_name_plural = _("Änderungen der Kreiskasse")
        ordering = ["-vorgeschlagen_am"]
        constraints = [
            models.UniqueConstraint(
                fields=["kreis"], condition=Q(status="offen"), name="eine_offene_kontoaenderung_je_kreis"
            )
        ]

    def __str__(self):
        return _("Kontoänderung %(kreis)s") % {"kreis": self.kreis}

    @property
    def audit_tenant(self):
        return self.kreis_id, None


#: Roles whose grant needs a second coordinator's confirmation (they move money or steer the Kreis).
MACHT_ROLLEN = (Rolle.KOORDINATION, Rolle.FINANZEN)


class EinladungQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A Kreis's coordinators see the invitations into their Kreis and its Gemeinden."""
        return self.filter(
            kreis__in=Kreis.objects.visible_to(user).filter(pk__in=scope_of(user).koordination_kreis_ids)
        )


class Einladung(models.Model):
    """A one-time link by e-mail with which a person sets their password: the user exists (inactive)
    from the invitation on, so that a power role can be confirmed before the person accepts. Only the
    hash of the link's token is stored; the token is in the e-mail alone."""

    GUELTIG_TAGE = 7

    class Status(models.TextChoices):
        OFFEN = "offen", _("offen")
        ANGENOMMEN = "angenommen", _("angenommen")
        WIDERRUFEN = "widerrufen", _("widerrufen")

    user = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="einladungen", verbose_name=_("Benutzer")
    )
    kreis = models.ForeignKey(
        Kreis, on_delete=models.PROTECT, related_name="einladungen", verbose_name=_("Kreis")
    )
    mitgliedschaft = models.ForeignKey(
        Mitgliedschaft, on_delete=models.PROTECT, related_name="+", verbose_name=_("Rolle")
    )
    token_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.OFFEN)
    eingeladen_von = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("eingeladen von")
    )
    gesendet_am = models.DateTimeField(_("gesendet am"))
    gueltig_bis = models.DateTimeField(_("gültig bis"))
    angenommen_am = models.DateTimeField(_("angenommen am"), null=True, blank=True)

    objects = EinladungQuerySet.as_manager()

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        ordering = ["-gesendet_am"]

    def __str__(self):
        return _("Einladung für %(email)s") % {"email": self.user.email}

    @property
    def audit_tenant(self):
        return self.kreis_id, self.mitgliedschaft.gemeinde_id

    def abgelaufen(self, jetzt) -> bool:
        return self.status == self.Status.OFFEN and jetzt >= self.gueltig_bis

    def status_text(self, jetzt) -> str:
        return str(_("abgelaufen")) if self.abgelaufen(jetzt) else self.get_status_display()
