"""The per-process route walk shared by tests/optin|transfer|proof/test_isolation.py: every route under a
process's prefixes, requested with another tenant's ids, must give *exactly* the refusal the access model
prescribes. tests/security/test_url_matrix.py searches every answer for planted markers; these walks pin
down the status code of every route of one process, so a refusal that turns into a page (or a page into
a server error) fails here with the route's name.

viewflow's back office (``portal/ablauf/<flow>/…``) is the operator's only (portal/core/backoffice.py,
#19): every other logged-in viewer gets 403 on every route and method, anonymous visitors are sent to
the login page. The operator's own view of it is tested in tests/optin/test_isolation.py.

The portal's own pages have a table per process (``PORTAL`` in each test): route -> (GET, POST) for a
logged-in viewer of another tenant. A route missing from the table fails the walk, so a new page gets
a decision."""

from collections.abc import Callable

from django.urls import URLPattern, URLResolver, get_resolver


def routen(prefixes: tuple[str, ...], resolver=None, prefix: str = ""):
    """Every URL route (as written in the URLconf) that starts with one of the prefixes."""
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            yield from routen(prefixes, p, route)
        elif isinstance(p, URLPattern) and route.startswith(prefixes):
            yield route


def ablauf_erwartet(angemeldet: bool) -> int:
    """The status of every back-office route for anyone but the operator."""
    return 403 if angemeldet else 302


def durchlaufen(
    client,
    alle: list[str],
    fuellen: Callable[[str], str],
    erwartet: Callable[[str, str], int],
    pruefen: Callable[[str, str, object], None],
) -> int:
    """Request every route with GET and POST; collect every deviation from the expected status, so one
    failure lists all routes that changed at once."""
    abweichungen, geprueft = [], 0
    for route in alle:
        path = fuellen(route)
        if not path:
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            geprueft += 1
            soll = erwartet(route, method)
            if response.status_code != soll:
                abweichungen.append((method, route, path, response.status_code, soll))
            pruefen(method, path, response)
    assert not abweichungen, abweichungen
    return geprueft


def erwartung(
    alle: list[str],
    portal: dict,
    viewer,
    eigene_ablaeufe: tuple[str, ...],
    abhaengig: Callable[[str, str], int] | None = None,
) -> Callable[[str, str], int]:
    """The expected status of every route of a walk: the back office's by ``ablauf_erwartet``, the
    portal's from the process's table (anonymous: to the login page); an entry ``None`` in the table is
    decided by ``abhaengig`` (the answer depends on the viewer). Every portal route must be in the table.
    ``eigene_ablaeufe`` names the process's back-office prefixes (all refused alike)."""
    assert set(portal) == {r for r in alle if not r.startswith("portal/ablauf/")}, (
        "a route without a decision"
    )
    assert all(p.startswith("portal/") for p in eigene_ablaeufe)

    def erwartet(route: str, method: str) -> int:
        if route.startswith("portal/ablauf/"):
            return ablauf_erwartet(viewer is not None)
        if viewer is None:
            return 302  # to the login page
        soll = portal[route][0 if method == "get" else 1]
        return abhaengig(route, method) if soll is None else soll

    return erwartet
