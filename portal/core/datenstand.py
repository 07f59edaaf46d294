"""The Datenstand (state of the data) and the fragment cache built on it.

Every change of domain data records an audit event in the same transaction (ARCHITECTURE.md, principle
2), and every change of the guidance pages a Wagtail log entry. The newest ids of those tables
therefore name the state of the data: a rendered table cached under them is never stale, because
any change gives a new key and nothing has to be invalidated. This holds with a cache per process
(the default) as with a shared one (``CACHE_URL``), and with any number of app servers.

An event names the Kreis its object belongs to (``audit.services.tenant_of``), or none for what
concerns the whole Land (programme, Land, users without a Kreis). A user who sees only some Kreise
sees only data those events change, so the user's Datenstand is the newest event of the user's
Kreise and the newest without a Kreis: a change in one Kreis leaves the other 43 Kreise's caches
warm. The Land and anonymous readers (and fragments marked ``landesweit``) take the newest event of
all.

Appends to the audit chain are serialised (an advisory lock held until commit), so event ids commit
in order, and a GET reads the Datenstand before the data it versions (``DatenstandMixin``): a
fragment is never stored under a newer state than the data it shows.

A key always contains the user, the user's scope (roles and organisations), the language and the
Berlin date (deadlines turn at midnight), so a fragment is only ever served to the user it was
rendered for. Changes that bypass the audit trail (operators' edits of user names in the Django
admin, say) show after ``FRAGMENT_CACHE_SEKUNDEN`` at the latest."""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject

from portal.organisations.scope import scope_of

#: The cache alias of the fragments (settings.CACHES; emptied before each test).
ALIAS = "fragmente"


def _tabellen() -> tuple[str, list[str]]:
    from wagtail.models import ModelLogEntry, PageLogEntry

    from portal.audit.models import AuditEvent

    return AuditEvent._meta.db_table, [PageLogEntry._meta.db_table, ModelLogEntry._meta.db_table]


def _audit_koepfe(kreise: list[int] | None) -> tuple[list[str], list[int]]:
    """SQL and parameters for the newest audit event: of all, or of none and of each given Kreis.

    Each head is one step in an index, whatever the planner believes: the events without a Kreis have
    a partial index of their own; a Kreis's head is asked in the order of the (kreis, id) index, which
    the primary key cannot give. (``MAX(id) WHERE kreis_id = %s`` let PostgreSQL with statistics older
    than the data scan back through every newer event of the other Kreise instead: 30 ms a page.)"""
    audit = connection.ops.quote_name(_tabellen()[0])
    # the name is the model's own table, quoted; the Kreis ids are parameters
    if kreise is None:
        return [f"(SELECT MAX(id) FROM {audit})"], []  # noqa: S608
    ohne = f"(SELECT MAX(id) FROM {audit} WHERE kreis_id IS NULL)"  # noqa: S608
    kopf = (
        f"(SELECT id FROM {audit} WHERE kreis_id >= %s AND kreis_id <= %s "  # noqa: S608
        "ORDER BY kreis_id DESC, id DESC LIMIT 1)"
    )
    return [ohne] + [kopf] * len(kreise), [k for k in kreise for _ in (1, 2)]


def _abfragen(spalten: list[str], parameter: list) -> list:
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(spalten), parameter)
        return [v or 0 for v in cursor.fetchone()]


def lesen(kreis_ids=None) -> str:
    """The newest audit event (of the given Kreise and of none, or of all) and the newest Wagtail log
    entries in one query, e.g. ``"alle:178344.52.9"`` or ``"kreise 7:170012.178001.52.9"``."""
    kreise = sorted(kreis_ids) if kreis_ids is not None else None
    wagtail = [f"(SELECT MAX(id) FROM {connection.ops.quote_name(t)})" for t in _tabellen()[1]]  # noqa: S608
    spalten, parameter = _audit_koepfe(kreise)
    werte = _abfragen(spalten + wagtail, parameter)
    umfang = "alle" if kreise is None else "kreise " + ",".join(map(str, kreise))
    return f"{umfang}:" + ".".join(map(str, werte))


def kreis_koepfe(kreis_ids) -> dict[int, str]:
    """Per Kreis its newest audit event and the newest without a Kreis, in one query: the state of
    figures that belong to one Kreis (``workflows.proof.cockpit.kreissummen``)."""
    kreise = sorted(kreis_ids)
    if not kreise:
        return {}
    ohne, *je_kreis = _abfragen(*_audit_koepfe(kreise))
    return {k: f"{ohne}.{kopf}" for k, kopf in zip(kreise, je_kreis, strict=True)}


def _kreise(request) -> list[int] | None:
    """The Kreise whose events can change what the user sees (None: all)."""
    scope = scope_of(getattr(request, "user", None))
    if not scope.authenticated or scope.alles:
        return None
    return sorted(scope.alle_kreis_ids)


def stand(request, landesweit: bool = False) -> str:
    """The Datenstand of this request for the user's Kreise (or of the whole Land), read once."""
    gelesen = request.__dict__.setdefault("_datenstand", {})
    if landesweit not in gelesen:
        gelesen[landesweit] = lesen(None if landesweit else _kreise(request))
    return gelesen[landesweit]


def _scope_signatur(scope) -> str:
    teile = [
        "alles" if scope.alles else "",
        ",".join(sorted(scope.rollen)),
        ",".join(map(str, sorted(scope.koordination_kreis_ids))),
        ",".join(map(str, sorted(scope.finanzen_kreis_ids))),
        ",".join(map(str, sorted(scope.gemeinde_ids))),
    ]
    return "/".join(teile)


def schluessel(request, name: str, *teile, landesweit: bool = False) -> str:
    """The cache key of a fragment: its name and parts, the Datenstand, user, scope, language, date."""
    user = getattr(request, "user", None)
    roh = [
        name,
        *(str(t) for t in teile),
        stand(request, landesweit),
        str(getattr(user, "pk", None)),
        f"{getattr(user, 'is_staff', False)}/{getattr(user, 'is_superuser', False)}",  # the menu
        _scope_signatur(scope_of(user)),
        translation.get_language() or "",
        timezone.localdate().isoformat(),
    ]
    digest = hashlib.sha256("\x1f".join(roh).encode()).hexdigest()
    return f"fragment:{name}:{digest}"


def zwischengespeichert(request, name: str, teile, erzeugen, landesweit: bool = False):
    """The value stored for this key, or ``erzeugen()`` (then stored). ``landesweit`` for a fragment
    that shows data beyond the user's Kreise (a guidance page read for another Kreis)."""
    cache = caches[ALIAS]
    key = schluessel(request, name, *teile, landesweit=landesweit)
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
