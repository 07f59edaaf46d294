"""The per-process route walk shared by tests/optin|transfer|proof/test_isolation.py: every route under a
process's prefixes, requested with another tenant's ids, must give *exactly* the refusal the access model
prescribes. tests/security/test_url_matrix.py searches every answer for planted markers; these walks pin
down the status code of every route of one process, so a refusal that turns into a page (or a page into
a server error) fails here with the route's name.

The rule for viewflow's back office (``portal/ablauf/<flow>/…``), from the scoped views in
workflows/base.py and viewflow's own permission checks:

* lists (``flows/``, ``queue/``, ``inbox/`` …): GET 200 (scoped to the viewer), POST 405; anonymous
  visitors are sent to the login page, except the flow chart, which viewflow refuses (403);
* a process of another tenant (its page, ``cancel/``, ``chart/``) and the page of a human task: 404,
  because the scoped queryset does not contain it (anonymous visitors: every chart 403);
* a process of another flow under this flow's prefix: 404 on every route but the chart;
* the page of an automatic node (start, end, if, join): 302 to the process's next task, which is a 404
  for the viewer;
* a task's actions (``assign/``, ``execute/``, ``undo/``, ``detail/`` …): 403 (viewflow checks the
  task's permission before it looks at the process).

The portal's own pages have a table per process (``PORTAL`` in each test): route -> (GET, POST) for a
logged-in viewer of another tenant. A route missing from the table fails the walk, so a new page gets
a decision."""

from collections.abc import Callable

from django.urls import URLPattern, URLResolver, get_resolver

#: What a task's sub-route does; viewflow refuses all of them to a viewer outside the process.
AKTIONEN = ("assign", "unassign", "cancel", "detail", "execute", "revive", "undo")


def routen(prefixes: tuple[str, ...], resolver=None, prefix: str = ""):
    """Every URL route (as written in the URLconf) that starts with one of the prefixes."""
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            yield from routen(prefixes, p, route)
        elif isinstance(p, URLPattern) and route.startswith(prefixes):
            yield route


def menschliche_knoten(alle: list[str]) -> set[str]:
    """Nodes a person works on: those viewflow offers an ``execute/`` route for."""
    return {r.split("/")[-4] for r in alle if r.endswith("/<int:task_pk>/execute/")}


def ablauf_erwartet(route: str, method: str, angemeldet: bool, eigener_ablauf: bool, menschlich: set) -> int:
    """The exact status of a viewflow back-office route for a viewer outside the process."""
    teile = route.removeprefix("portal/ablauf/").rstrip("/").split("/")
    if "<int:process_pk>" not in route:  # a list or the flow chart
        if teile[-1] == "chart":
            return (200 if method == "get" else 405) if angemeldet else 403
        if not angemeldet:
            return 302
        return 200 if method == "get" else 405
    if teile[-1] == "chart" and not angemeldet:
        return 403  # viewflow refuses the chart before it looks for the process
    if not eigener_ablauf:
        return 404
    if "<int:task_pk>" not in route:  # the process page, its cancel and chart
        return 404
    if teile[-1] in AKTIONEN:
        return 403
    knoten = teile[-2]
    return 404 if knoten in menschlich else 302


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
    """The expected status of every route of a walk: viewflow's by ``ablauf_erwartet``, the portal's
    from the process's table (anonymous: to the login page); an entry ``None`` in the table is decided
    by ``abhaengig`` (the answer depends on the viewer). Every portal route must be in the table."""
    assert set(portal) == {r for r in alle if not r.startswith("portal/ablauf/")}, (
        "a route without a decision"
    )
    menschlich = menschliche_knoten(alle)

    def erwartet(route: str, method: str) -> int:
        if route.startswith("portal/ablauf/"):
            return ablauf_erwartet(
                route, method, viewer is not None, route.startswith(eigene_ablaeufe), menschlich
            )
        if viewer is None:
            return 302  # to the login page
        soll = portal[route][0 if method == "get" else 1]
        return abhaengig(route, method) if soll is None else soll

    return erwartet
