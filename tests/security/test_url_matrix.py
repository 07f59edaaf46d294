"""The URL × role matrix: every URL pattern the resolver knows – the portal's, viewflow's back office,
Wagtail's editor and Django's admin – requested anonymously and as every role of two Gemeinden and two
Kreise, with the ids of *another* tenant's objects. Nothing of the other tenant comes back (HTML, CSV,
XLSX, PDF, ZIP, JSON are searched for planted markers), anonymous users get no non-public page, and
no POST changes anything. New routes are covered automatically; the counts below keep the walk from
silently shrinking."""

import io
import re
import zipfile

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from pypdf import PdfReader
from viewflow.workflow.models import Task

from portal.audit.models import AuditEvent
from portal.funding.models import Foerderjahr
from portal.organisations.models import Mitgliedschaft, User
from tests.conftest import anmelden
from workflows.optin.models import Entscheidung, Partnerbestaetigung
from workflows.proof.models import Verwendungsnachweis
from workflows.transfer.models import Weiterleitung

pytestmark = pytest.mark.django_db

PUBLIC = (
    "",
    "search/",
    "fristen/",
    "anmelden/",
    "i18n/",
    "dokumente/",
    "cms/login/",
    "cms/password_reset/",
    "admin/login/",
    "^((?:",
)
NO_POST = ("abmelden/", "i18n/")
# Wagtail's deliberate error page for testing the error reporting (editors only).
FEHLERTEST = "cms/failwhale/"  # logging out / switching language is not a change of data


def walk(resolver=None, prefix=""):
    for p in (resolver or get_resolver()).url_patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            yield from walk(p, route)
        elif isinstance(p, URLPattern):
            yield route


# --- filling a route with the other tenant's ids --------------------------------------------------------
def prozess_und_aufgabe(route: str, fremd: dict):
    if "ablauf/bestaetigung/" in route:
        b = Partnerbestaetigung.objects.filter(entscheidung__foerderjahr__kreis=fremd["kreis"]).first()
        prozess = b.prozess if b else None
    elif "ablauf/weiterleitung/" in route:
        prozess = fremd["weiterleitung"].prozess
    elif "ablauf/nachweis/" in route:
        prozess = fremd["nachweis"].prozess
    else:
        prozess = fremd["entscheidung"].prozess
    aufgabe = None
    if prozess is not None:
        knoten = re.search(r"<int:process_pk>/(\w+)/<int:task_pk>", route)
        aufgaben = Task.objects.filter(process=prozess.pk)
        aufgabe = (
            aufgaben.filter(flow_task__endswith=f".{knoten.group(1)}").first() if knoten else None
        ) or (aufgaben.first())
    return prozess, aufgabe


def int_werte(route: str, name: str, fremd: dict) -> list[int]:
    prozess, aufgabe = prozess_und_aufgabe(route, fremd)
    if name == "process_pk":
        return [prozess.pk if prozess else 0]
    if name == "task_pk":
        return [aufgabe.pk if aufgabe else 0]
    if name == "gemeinde":
        return [fremd["gemeinde"].pk]
    if "jahr/<int:pk>" in route or route.startswith(("portal/foerderjahre/", "portal/kennzahlen/")):
        return [fremd["fj"].pk]
    if route.startswith("portal/entscheidungen/bestaetigung/"):
        b = Partnerbestaetigung.objects.filter(entscheidung__foerderjahr__kreis=fremd["kreis"]).first()
        return [b.pk if b else 0]
    if route.startswith("portal/entscheidungen/"):
        return [fremd["entscheidung"].pk]
    if route.startswith("portal/weiterleitungen/"):
        return [fremd["weiterleitung"].pk]
    if route.startswith("portal/nachweise/"):
        return [fremd["nachweis"].pk]
    if route.startswith("portal/organisationen/benutzer/"):
        return [fremd["user"].pk]
    if route.startswith("portal/organisationen/"):
        return [fremd["gemeinde"].pk]
    if "protokoll" in route:
        return [AuditEvent.objects.filter(gemeinde_id=fremd["gemeinde"].pk).order_by("pk").last().pk]
    return [fremd["entscheidung"].pk]


def str_werte(route: str, name: str, fremd: dict) -> list[str]:
    return {
        "format": ["csv", "xlsx", "pdf", "xml"],
        "art": ["sachbericht", "anlage", "auszahlungsanordnung", "schreiben"],
        "schluessel": [fremd["kreis"].schluessel],
        "label": ["optin.entscheidung", "transfer.weiterleitung", "proof.verwendungsnachweis"],
    }.get(name, ["x"])


PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


def pfade(route: str, fremd: dict) -> list[str]:
    """Concrete paths for a route: path converters and the regex groups of the libraries filled."""
    if route.startswith("portal/protokoll/objekt/"):
        ziele = [
            ("optin.entscheidung", fremd["entscheidung"].pk),
            ("transfer.weiterleitung", fremd["weiterleitung"].pk),
            ("proof.verwendungsnachweis", fremd["nachweis"].pk),
            ("funding.foerderjahr", fremd["fj"].pk),
        ]
        return [f"/portal/protokoll/objekt/{label}/{pk}/" for label, pk in ziele]
    varianten = [route]
    for conv, name in PARAM.findall(route):
        token = f"<{conv}:{name}>" if conv else f"<{name}>"
        if conv == "int" or name.endswith(("pk", "_id")) or name == "id":
            werte = [str(v) for v in int_werte(route, name, fremd)]
        elif conv == "path":
            werte = [str(fremd["gemeinde"].pk)]
        elif conv == "uuid":
            werte = ["00000000-0000-0000-0000-000000000000"]
        else:
            werte = str_werte(route, name, fremd)
        varianten = [v.replace(token, w, 1) for v in varianten for w in werte]
    return ["/" + regex_fuellen(v, fremd) for v in varianten]


def regex_fuellen(route: str, fremd: dict) -> str:
    """Fill the groups of a regex route (Django admin, Wagtail) with plausible values."""
    if "^" not in route and "(" not in route:
        return route
    ergebnis, i = "", 0
    while i < len(route):
        c = route[i]
        if c == "(":
            tiefe, j = 1, i + 1
            while tiefe:
                tiefe += {"(": 1, ")": -1}.get(route[j], 0)
                j += 1
            innen = route[i + 1 : j - 1]
            benannt = re.match(r"\?P<(\w+)>(.*)", innen, re.S)
            muster = benannt.group(2) if benannt else innen
            erste = muster.split("|")[0]
            if re.fullmatch(r"[\w-]+", erste):
                wert = erste
            elif "\\d" in muster:
                wert = str(fremd["gemeinde"].pk)
            elif muster.startswith("?:") or muster.endswith("*"):
                wert = ""
            else:
                wert = "x"
            ergebnis, i = ergebnis + wert, j
            if i < len(route) and route[i] in "*+?":
                i += 1
            continue
        if c == "\\" and i + 1 < len(route):
            ergebnis, i = ergebnis + route[i + 1], i + 2
            continue
        if c not in "^$":
            ergebnis += c
        i += 1
    return ergebnis


# --- what a response shows -------------------------------------------------------------------------------
def texte(response) -> str:
    """Everything a user could read in the response: HTML/CSV/JSON text, the cells of XLSX, the text of
    PDFs, the members of ZIP files."""
    inhalt = b"".join(response.streaming_content) if response.streaming else response.content
    return lesbar(inhalt)


def lesbar(inhalt: bytes) -> str:
    if inhalt.startswith(b"%PDF"):
        try:
            return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(inhalt)).pages)
        except Exception:  # noqa: BLE001 - an unreadable PDF still gets its raw bytes searched
            return inhalt.decode("latin-1")
    if inhalt.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(inhalt)) as z:
            return "\n".join(lesbar(z.read(member)) for member in z.namelist())
    return inhalt.decode("utf-8", errors="replace")


def zustand():
    """The data a POST must not change."""
    return (
        list(Task.objects.order_by("pk").values_list("pk", "status", "owner_id")),
        list(Entscheidung.objects.order_by("pk").values_list("pk", "status", "ansprechperson")),
        list(Weiterleitung.objects.order_by("pk").values_list("pk", "status", "betrag", "iban")),
        list(Verwendungsnachweis.objects.order_by("pk").values_list("pk", "status", "ziele")),
        list(Partnerbestaetigung.objects.order_by("pk").values_list("pk", "antwort")),
        list(Foerderjahr.objects.order_by("pk").values_list("pk", "status", "planungsrahmen")),
        list(User.objects.order_by("pk").values_list("pk", "is_active", "password")),
        list(Mitgliedschaft.objects.order_by("pk").values_list("pk", "aktiv")),
    )


# viewer -> (tenant whose ids are used, tenants whose markers must never show)
BETRACHTER = {
    None: ("Nordheim", ("Nordheim", "Göppingen")),
    "nordheim": ("Göppingen", ("Göppingen",)),
    "brackenheim": ("Nordheim", ("Nordheim", "Göppingen")),
    "goeppingen": ("Nordheim", ("Nordheim",)),
    "hn-koordination": ("Göppingen", ("Göppingen",)),
    "hn-finanzen": ("Göppingen", ("Göppingen",)),
    "gp-koordination": ("Nordheim", ("Nordheim",)),
    "gp-finanzen": ("Nordheim", ("Nordheim",)),
    "redaktion": ("Nordheim", ("Nordheim", "Göppingen")),
    "land": ("Göppingen", ()),  # reads everything, changes nothing
}


def test_the_walk_covers_every_area():
    routes = list(walk())
    bereiche = {
        "viewflow": [r for r in routes if r.startswith("portal/ablauf/")],
        "wagtail": [r for r in routes if r.startswith("cms/")],
        "django-admin": [r for r in routes if r.startswith("admin/")],
        "portal": [
            r for r in routes if r.startswith(("portal/", "konto/")) and not r.startswith("portal/ablauf/")
        ],
    }
    assert len(bereiche["viewflow"]) >= 170
    assert len(bereiche["wagtail"]) >= 190
    assert len(bereiche["django-admin"]) >= 120
    assert len(bereiche["portal"]) >= 50
    assert len(routes) >= 560


@pytest.mark.parametrize("viewer", list(BETRACHTER), ids=[v or "anonym" for v in BETRACHTER])
def test_no_route_returns_another_tenants_data(client, user, mandanten, viewer):
    fremd_name, verboten = BETRACHTER[viewer]
    fremd = mandanten[fremd_name]
    marker = [m for name in verboten for m in mandanten[name]["marker"]]
    if viewer:
        anmelden(client, user(viewer))
    vorher = zustand()
    geprueft = 0
    for route in walk():
        for path in pfade(route, fremd):
            methoden = ["get"]
            if not route.startswith(("cms/", "admin/", *NO_POST)):
                methoden.append("post")
            for method in methoden:
                if route == FEHLERTEST and viewer == "redaktion":
                    with pytest.raises(Exception, match="emergency broadcast"):
                        getattr(client, method)(path)
                    continue
                response = getattr(client, method)(path)
                geprueft += 1
                assert response.status_code < 500, (method, path, response.status_code)
                if viewer is None and response.status_code == 200:
                    assert route.startswith(PUBLIC), ("anonymous got", method, path)
                if response.status_code == 200:
                    body = texte(response)
                    for m in marker:
                        assert m not in body, (viewer, method, path, m)
                if response.status_code in (301, 302):
                    ziel = response.url
                    for m in marker:
                        assert m not in ziel, (viewer, method, path, ziel)
    assert zustand() == vorher, viewer
    assert geprueft > 700
