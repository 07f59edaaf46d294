"""Access to the portal, given by the people responsible: a coordinator invites users of their Kreis and
its Gemeinden by e-mail, grants and revokes roles; a power role (koordination, finanzen) takes effect only
when a second coordinator of the Kreis confirms it. Every step is permission-checked and writes its audit
event in the same transaction; the invitation's secret is only in the e-mail (its hash is stored)."""

import datetime
import hashlib
import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.audit.services import diff, record_event
from portal.core.darstellung import datum, zeitpunkt
from portal.core.mail import absolute_url, senden
from portal.organisations.models import MACHT_ROLLEN, Einladung, Gemeinde, Kreis, Mitgliedschaft, Rolle, User
from portal.organisations.scope import scope_of
from portal.permissions import require

#: Roles a coordinator can give: the Gemeinde's staff and the Kreis's own power roles.
VERGEBBARE_ROLLEN = (Rolle.GEMEINDE, Rolle.KOORDINATION, Rolle.FINANZEN)


def koordinierte_kreise(user):
    """The Kreise whose access the user manages (all for the operator)."""
    if user.is_superuser:
        return Kreis.objects.all().order_by("name")
    return Kreis.objects.filter(pk__in=scope_of(user).koordination_kreis_ids).order_by("name")


def gemeinden_ohne_zugang(kreis):
    """ "Wer fehlt?": the active Gemeinden of the Kreis without an active user in the Gemeinde role.
    Nobody there can decide, so without an invitation the Gemeinde stays with the Kreis by default."""
    mit_zugang = Mitgliedschaft.objects.filter(
        rolle=Rolle.GEMEINDE, aktiv=True, user__is_active=True, gemeinde__kreis=kreis
    ).values("gemeinde_id")
    return Gemeinde.objects.filter(kreis=kreis, aktiv=True).exclude(pk__in=mit_zugang).order_by("name")


def mit_zugangsquote(kreise):
    """The Kreise annotated with ``gemeinden_aktiv`` and ``gemeinden_mit_zugang`` (for the Land)."""
    zugang = Q(
        gemeinden__aktiv=True,
        gemeinden__mitgliedschaft__rolle=Rolle.GEMEINDE,
        gemeinden__mitgliedschaft__aktiv=True,
        gemeinden__mitgliedschaft__user__is_active=True,
    )
    return kreise.annotate(
        gemeinden_aktiv=Count("gemeinden", filter=Q(gemeinden__aktiv=True), distinct=True),
        gemeinden_mit_zugang=Count("gemeinden", filter=zugang, distinct=True),
    )


class EinladungUngueltig(Exception):
    """The link cannot be used; the message says why, in German, for the person who clicked it."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _rolle_anlegen(user, rolle, kreis, gemeinde, actor) -> Mitgliedschaft:
    if rolle not in VERGEBBARE_ROLLEN:
        raise ValidationError({"rolle": _("Diese Rolle vergibt der Betrieb.")})
    if rolle == Rolle.GEMEINDE:
        if gemeinde is None or gemeinde.kreis_id != kreis.pk:
            raise ValidationError({"gemeinde": _("Bitte eine Gemeinde Ihres Kreises wählen.")})
        orte = {"gemeinde": gemeinde}
    else:
        orte = {"kreis": kreis}
    # Four eyes for power roles granted by a coordinator. The operator's grants take effect at once: the
    # operator holds every right through the Django admin anyway, and the first coordinator of a Kreis
    # new to the portal has nobody who could confirm them.
    macht = rolle in MACHT_ROLLEN and not actor.is_superuser
    m, neu = Mitgliedschaft.objects.select_for_update().get_or_create(
        user=user,
        rolle=rolle,
        **orte,
        defaults={"aktiv": not macht, "wartet_auf_bestaetigung": macht, "erteilt_von": actor},
    )
    if not neu:
        if m.aktiv or m.wartet_auf_bestaetigung:
            raise ValidationError(
                {"rolle": _("Diese Rolle hat die Person schon (oder sie wartet auf Bestätigung).")}
            )
        m.aktiv, m.wartet_auf_bestaetigung, m.erteilt_von, m.bestaetigt_von = not macht, macht, actor, None
        m.save(update_fields=["aktiv", "wartet_auf_bestaetigung", "erteilt_von", "bestaetigt_von"])
    record_event(
        "mitgliedschaft.erteilt",
        m,
        actor=actor,
        aenderungen=diff(
            {},
            {
                "benutzer": user.get_username(),
                "rolle": rolle,
                "organisation": str(m.organisation),
                "wartet_auf_bestaetigung": macht,
            },
        ),
    )
    return m


def _gemeinde_und_kreis(kreis: Kreis | None, gemeinde: Gemeinde | None) -> Kreis:
    if kreis is None and gemeinde is None:
        raise ValidationError({"gemeinde": _("Bitte eine Gemeinde oder den Kreis wählen.")})
    return kreis or gemeinde.kreis


def _einladungsmail(einladung: Einladung, token: str) -> None:
    link = absolute_url(reverse("einladung", args=[token]))
    m = einladung.mitgliedschaft
    with translation.override("de"):
        betreff = _("Einladung zum Portal Integrationsmanagement (%(kreis)s)") % {
            "kreis": einladung.kreis.name
        }
        text = _(
            "Guten Tag %(name)s,\n\n%(von)s lädt Sie in das Portal Integrationsmanagement ein, als "
            "%(rolle)s für %(organisation)s.\n\nÜber diesen Link legen Sie Ihr Passwort fest:\n%(link)s\n\n"
            "Der Link gilt bis %(bis)s und nur einmal.%(faktor)s\n\nIhr Benutzername: %(benutzername)s\n\n"
            "Wenn Sie diese Einladung nicht erwartet haben, ignorieren Sie diese E-Mail.\n\n%(kreis)s"
        ) % {
            "name": einladung.user.get_full_name() or einladung.user.email,
            "von": einladung.eingeladen_von.get_full_name() or einladung.eingeladen_von.get_username(),
            "rolle": m.get_rolle_display(),
            "organisation": m.organisation,
            "link": link,
            "bis": zeitpunkt(einladung.gueltig_bis),
            "faktor": _(
                " Für Ihre Rolle richten Sie danach als Erstes den zweiten Faktor (Authenticator-App) ein."
            )
            if m.rolle in MACHT_ROLLEN
            else "",
            "benutzername": einladung.user.get_username(),
            "kreis": einladung.kreis.name,
        }
    senden([einladung.user.email], betreff, text)


def _neuer_link(einladung: Einladung) -> str:
    token = secrets.token_urlsafe(32)
    jetzt = timezone.now()
    einladung.token_hash = _hash(token)
    einladung.gesendet_am = jetzt
    einladung.gueltig_bis = jetzt + datetime.timedelta(days=Einladung.GUELTIG_TAGE)
    return token


@transaction.atomic
def einladen(
    actor,
    *,
    email: str,
    vorname: str,
    nachname: str,
    rolle: str,
    kreis: Kreis | None = None,
    gemeinde: Gemeinde | None = None,
) -> Einladung:
    """Create the (inactive) user, the role and the invitation, and send the link after commit."""
    kreis = _gemeinde_und_kreis(kreis, gemeinde)
    require(actor, "benutzer.einladen", kreis)
    email = email.strip().lower()
    if (
        User.objects.filter(email__iexact=email).exists()
        or User.objects.filter(username__iexact=email).exists()
    ):
        raise ValidationError(
            {
                "email": _(
                    "Für diese E-Mail-Adresse gibt es schon einen Zugang. Erteilen Sie die Rolle unter "
                    "„Rollen“, oder senden Sie eine offene Einladung erneut."
                )
            }
        )
    user = User(
        username=email, email=email, first_name=vorname.strip(), last_name=nachname.strip(), is_active=False
    )
    user.set_unusable_password()
    user.save()
    record_event(
        "benutzer.angelegt",
        user,
        actor=actor,
        aenderungen=diff({}, {"username": email, "email": email, "is_active": False}),
    )
    m = _rolle_anlegen(user, rolle, kreis, gemeinde, actor)
    einladung = Einladung(user=user, kreis=kreis, mitgliedschaft=m, eingeladen_von=actor)
    token = _neuer_link(einladung)
    einladung.save()
    record_event(
        "einladung.gesendet",
        einladung,
        actor=actor,
        aenderungen=diff({}, {"email": email, "gueltig_bis": einladung.gueltig_bis}),
    )
    transaction.on_commit(lambda: _einladungsmail(einladung, token))
    return einladung


def _gesperrt(einladung: Einladung) -> Einladung:
    return (
        Einladung.objects.select_for_update()
        .select_related("mitgliedschaft", "user", "kreis")
        .get(pk=einladung.pk)
    )


@transaction.atomic
def erneut_senden(einladung: Einladung, actor) -> Einladung:
    """A fresh link (the old one stops working) valid for another seven days."""
    einladung = _gesperrt(einladung)
    require(actor, "benutzer.einladen", einladung.kreis)
    if einladung.status != Einladung.Status.OFFEN:
        raise ValidationError(_("Nur offene Einladungen können erneut gesendet werden."))
    vorher = einladung.gueltig_bis
    token = _neuer_link(einladung)
    einladung.save(update_fields=["token_hash", "gesendet_am", "gueltig_bis"])
    record_event(
        "einladung.erneut_gesendet",
        einladung,
        actor=actor,
        aenderungen=diff({"gueltig_bis": vorher}, {"gueltig_bis": einladung.gueltig_bis}),
    )
    transaction.on_commit(lambda: _einladungsmail(einladung, token))
    return einladung


@transaction.atomic
def widerrufen(einladung: Einladung, actor) -> Einladung:
    """The link stops working; the role it carried is withdrawn (the inactive user stays, for history)."""
    einladung = _gesperrt(einladung)
    require(actor, "benutzer.einladen", einladung.kreis)
    if einladung.status != Einladung.Status.OFFEN:
        raise ValidationError(_("Nur offene Einladungen können widerrufen werden."))
    einladung.status = Einladung.Status.WIDERRUFEN
    einladung.save(update_fields=["status"])
    m = einladung.mitgliedschaft
    m.aktiv = m.wartet_auf_bestaetigung = False
    m.save(update_fields=["aktiv", "wartet_auf_bestaetigung"])
    record_event("einladung.widerrufen", einladung, actor=actor)
    return einladung


def einladung_zum_link(token: str) -> Einladung:
    """The open invitation of a link, or ``EinladungUngueltig`` with a message for the visitor."""
    einladung = (
        Einladung.objects.select_related("user", "kreis", "mitgliedschaft")
        .filter(token_hash=_hash(token))
        .first()
    )
    if einladung is None:
        raise EinladungUngueltig(
            _(
                "Dieser Link ist nicht (mehr) gültig. Wurde die Einladung erneut gesendet, gilt nur der "
                "neueste Link."
            )
        )
    if einladung.status == Einladung.Status.ANGENOMMEN:
        raise EinladungUngueltig(
            _("Diese Einladung wurde schon angenommen. Bitte melden Sie sich mit Ihrem Passwort an.")
        )
    if einladung.status == Einladung.Status.WIDERRUFEN:
        raise EinladungUngueltig(
            _("Diese Einladung wurde zurückgezogen. Bitte wenden Sie sich an %(kreis)s.")
            % {"kreis": einladung.kreis.name}
        )
    if einladung.abgelaufen(timezone.now()):
        raise EinladungUngueltig(
            _(
                "Diese Einladung ist am %(datum)s abgelaufen. Bitte bitten Sie die Koordination von "
                "%(kreis)s, "
                "sie erneut zu senden."
            )
            % {
                "datum": datum(einladung.gueltig_bis),
                "kreis": einladung.kreis.name,
            }
        )
    return einladung


@transaction.atomic
def annehmen(token: str, passwort: str) -> User:
    """The person sets their password; the account becomes active. Single use."""
    einladung = _gesperrt(einladung_zum_link(token))
    einladung_zum_link(token)  # again, under the lock: a second click in parallel finds it accepted
    user = einladung.user
    validate_password(passwort, user)
    user.set_password(passwort)
    user.is_active = True
    user.passwort_aendern = False
    user.save(update_fields=["password", "is_active", "passwort_aendern"])
    einladung.status = Einladung.Status.ANGENOMMEN
    einladung.angenommen_am = timezone.now()
    einladung.save(update_fields=["status", "angenommen_am"])
    record_event(
        "einladung.angenommen",
        einladung,
        actor=user,
        aenderungen=diff({"is_active": False}, {"is_active": True}),
    )
    return user


# --- roles of existing users --------------------------------------------------------------------
@transaction.atomic
def rolle_erteilen(actor, user: User, rolle: str, *, kreis=None, gemeinde=None) -> Mitgliedschaft:
    kreis = _gemeinde_und_kreis(kreis, gemeinde)
    require(actor, "benutzer.einladen", kreis)
    return _rolle_anlegen(user, rolle, kreis, gemeinde, actor)


def _gesperrte_rolle(m: Mitgliedschaft) -> Mitgliedschaft:
    return (
        Mitgliedschaft.objects.select_for_update(of=("self",))
        .select_related("user", "kreis", "gemeinde")
        .get(pk=m.pk)
    )


@transaction.atomic
def rolle_bestaetigen(actor, m: Mitgliedschaft) -> Mitgliedschaft:
    m = _gesperrte_rolle(m)
    require(actor, "rolle.bestaetigen", m)
    m.aktiv, m.wartet_auf_bestaetigung, m.bestaetigt_von = True, False, actor
    m.save(update_fields=["aktiv", "wartet_auf_bestaetigung", "bestaetigt_von"])
    record_event(
        "mitgliedschaft.bestaetigt",
        m,
        actor=actor,
        aenderungen=diff(
            {"aktiv": False},
            {"aktiv": True, "erteilt_von": m.erteilt_von.get_username() if m.erteilt_von else ""},
        ),
    )
    return m


@transaction.atomic
def rolle_ablehnen(actor, m: Mitgliedschaft, begruendung: str = "") -> Mitgliedschaft:
    m = _gesperrte_rolle(m)
    require(actor, "rolle.bestaetigen", m)
    m.wartet_auf_bestaetigung = False
    m.save(update_fields=["wartet_auf_bestaetigung"])
    record_event("mitgliedschaft.abgelehnt", m, actor=actor, begruendung=begruendung.strip())
    return m


@transaction.atomic
def rolle_entziehen(actor, m: Mitgliedschaft, begruendung: str) -> Mitgliedschaft:
    m = _gesperrte_rolle(m)
    require(actor, "rolle.entziehen", m)
    if not begruendung.strip():
        raise ValidationError({"begruendung": _("Bitte geben Sie einen Grund an.")})
    if not m.aktiv:
        raise ValidationError(_("Diese Rolle ist nicht aktiv."))
    m.aktiv = False
    m.save(update_fields=["aktiv"])
    record_event(
        "mitgliedschaft.entzogen",
        m,
        actor=actor,
        begruendung=begruendung.strip(),
        aenderungen=diff({"aktiv": True}, {"aktiv": False}),
    )
    return m
