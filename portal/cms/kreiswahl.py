"""The Kreis a visitor reads the portal for: chosen on the Fristen page (kept in the session),
else the Kreis of their login, else none (then programme defaults are shown)."""

from portal.organisations.models import Kreis
from portal.organisations.scope import scope_of

SESSION_KEY = "portal_kreis"


def besucher_kreis(request) -> Kreis | None:
    if request is None:
        return None
    chosen = request.GET.get("kreis", "")
    if chosen.isdigit() and len(chosen) == 5:
        kreis = Kreis.objects.filter(schluessel=chosen).first()
        if kreis is not None:
            request.session[SESSION_KEY] = kreis.schluessel
            return kreis
    stored = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if stored:
        kreis = Kreis.objects.filter(schluessel=stored).first()
        if kreis is not None:
            return kreis
    own = scope_of(getattr(request, "user", None)).alle_kreis_ids
    return Kreis.objects.filter(pk__in=own).order_by("name").first() if own else None
