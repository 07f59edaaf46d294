"""The Datenstand (state of the data) and the fragment cache built on it.

Every change of domain data records an audit event in the same transaction (ARCHITECTURE, principle
2), and every change of the guidance pages a Wagtail log entry. The newest ids of those tables
therefore name the state of all data: a rendered table cached under them is never stale, because
any change gives a new key and nothing has to be invalidated. This holds with a cache per process
(the default) as with a shared one (``CACHE_URL``), and with any number of app servers.

Appends to the audit chain are serialised (an advisory lock held until commit), so event ids commit
in order, and the Datenstand is read before the data it versions (``DatenstandMixin``): a fragment
is never stored under a newer state than the data it shows.

A key always contains the user, the user's scope (roles and organisations), the language and the
Berlin date (deadlines turn at midnight), so a fragment is only ever served to the user it was
rendered for. Changes that bypass the audit trail (there should be none; operators' edits of user
names in the Django admin are one) show after ``FRAGMENT_CACHE_SEKUNDEN`` at the latest."""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject

from portal.organisations.scope import scope_of

#: The cache alias of the fragments (settings.CACHES; emptied before each test).
ALIAS = "fragmente"


def _tabellen() -> list[str]:
    from wagtail.models import ModelLogEntry, PageLogEntry

    from portal.audit.models import AuditEvent

    return [AuditEvent._meta.db_table, PageLogEntry._meta.db_table, ModelLogEntry._meta.db_table]


def lesen() -> str:
    """The newest audit event and Wagtail log entries, e.g. ``"178344.52.9"`` (one query)."""
    quote = connection.ops.quote_name
    # the names are the models' own tables, quoted: nothing from outside reaches the SQL
    sql = "SELECT " + ", ".join(f"(SELECT MAX(id) FROM {quote(t)})" for t in _tabellen())  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return ".".join(str(v or 0) for v in cursor.fetchone())


def stand(request) -> str:
    """The Datenstand of this request, read once, on first use."""
    if not hasattr(request, "_datenstand"):
        request._datenstand = lesen()
    return request._datenstand


def _scope_signatur(scope) -> str:
    teile = [
        "alles" if scope.alles else "",
        ",".join(sorted(scope.rollen)),
        ",".join(map(str, sorted(scope.koordination_kreis_ids))),
        ",".join(map(str, sorted(scope.finanzen_kreis_ids))),
        ",".join(map(str, sorted(scope.gemeinde_ids))),
    ]
    return "/".join(teile)


def schluessel(request, name: str, *teile) -> str:
    """The cache key of a fragment: its name and parts, the Datenstand, user, scope, language, date."""
    user = getattr(request, "user", None)
    roh = [
        name,
        *(str(t) for t in teile),
        stand(request),
        str(getattr(user, "pk", None)),
        f"{getattr(user, 'is_staff', False)}/{getattr(user, 'is_superuser', False)}",  # the menu
        _scope_signatur(scope_of(user)),
        translation.get_language() or "",
        timezone.localdate().isoformat(),
    ]
    digest = hashlib.sha256("\x1f".join(roh).encode()).hexdigest()
    return f"fragment:{name}:{digest}"


def zwischengespeichert(request, name: str, teile, erzeugen):
    """The value stored for this key, or ``erzeugen()`` (then stored)."""
    cache = caches[ALIAS]
    key = schluessel(request, name, *teile)
    wert = cache.get(key)
    if wert is None:
        wert = erzeugen()
        cache.set(key, wert, settings.FRAGMENT_CACHE_SEKUNDEN)
    return wert


def spaeter(funktion, *args, **kwargs):
    """A value computed on first use, so that a cached fragment does not query its data."""
    return SimpleLazyObject(lambda: funktion(*args, **kwargs))


class DatenstandMixin:
    """For views with cached fragments: a GET reads the Datenstand before the view reads any data. (A
    POST that changes data reads it when the page is rendered, after the change.)"""

    def dispatch(self, request, *args, **kwargs):
        if request.method in ("GET", "HEAD") and getattr(request.user, "is_authenticated", False):
            stand(request)
        return super().dispatch(request, *args, **kwargs)
