"""Search over guidance pages and templates, and the iCalendar feed of a Kreis's deadlines."""

import datetime
import re

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from icalendar import Calendar, Event
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction

from portal.audit.models import AuditEvent
from portal.cms.models import Vorlage
from portal.funding.models import Foerderjahr, Frist
from portal.organisations.models import Kreis

ICS_DOMAIN = "integrationsmanagement-portal"


def readable_pages(user):
    """Live pages the user may read: public ones, and for logged-in users those behind a login."""
    pages = Page.objects.live()
    if not user.is_authenticated:
        return pages.public()
    for restriction in PageViewRestriction.objects.exclude(restriction_type=PageViewRestriction.LOGIN):
        pages = pages.not_descendant_of(restriction.page, inclusive=True)
    return pages


def highlight(text: str, query: str) -> str:
    """``text`` escaped, with the query's words marked."""
    safe = escape(text)
    words = [re.escape(escape(w)) for w in query.split() if len(w) > 1]
    if words:
        safe = re.sub("(" + "|".join(words) + ")", r"<mark>\1</mark>", safe, flags=re.IGNORECASE)
    return mark_safe(safe)  # noqa: S308 – escaped above


def _seitentext(page) -> str:
    """The page's readable text: summary, introduction, body (as plain text)."""
    specific = page.specific
    teile = [getattr(specific, name, "") or "" for name in ("zusammenfassung", "intro")]
    body = getattr(specific, "body", None)
    if body is not None:
        teile.append(str(body))
    teile.append(page.search_description or "")
    return " ".join(" ".join(strip_tags(str(t)).split()) for t in teile if t)


def snippet(page, query: str = "", laenge: int = 220) -> str:
    """Every hit gets a snippet (#19): the text around the first place a word of the query occurs,
    else the summary or the beginning of the page."""
    text = _seitentext(page)
    if not text:
        return ""
    treffer = [
        m.start() for w in query.split() if len(w) > 1 for m in [re.search(re.escape(w), text, re.I)] if m
    ]
    start = max(min(treffer) - laenge // 3, 0) if treffer else 0
    if start:
        start = text.find(" ", start) + 1 or start
    auszug = text[start : start + laenge]
    if start + laenge < len(text):
        auszug = auszug.rsplit(" ", 1)[0] + " …"
    return ("… " if start else "") + auszug


def _im_titel(page, woerter: list[str]) -> int:
    titel = page.title.lower()
    return sum(1 for w in woerter if w in titel)


def search(request):
    query = request.GET.get("query", "").strip()
    results, vorlagen = [], []
    if query:
        # the search backend ranks by text; a page whose title names the query comes first (#19)
        woerter = [w.lower() for w in query.split() if len(w) > 1]
        hits = list(readable_pages(request.user).search(query))
        hits.sort(key=lambda p: -_im_titel(p, woerter))
        paginator = Paginator(hits, 10)
        page_obj = paginator.get_page(request.GET.get("page"))
        results = [{"page": p, "snippet": highlight(snippet(p, query), query)} for p in page_obj]
        doc_ids = [d.pk for d in get_document_model().objects.search(query)]
        matches = Q(dokument_id__in=doc_ids)
        for word in query.split():
            matches |= Q(titel__icontains=word) | Q(beschreibung__icontains=word)
        vorlagen = Vorlage.objects.filter(matches, seite__live=True).select_related("dokument").distinct()
    else:
        page_obj = None
    return render(
        request,
        "search/search.html",
        {"query": query, "results": results, "page_obj": page_obj, "vorlagen": vorlagen},
    )


def fristen_ics(request, schluessel):
    """One all-day event per deadline of every published Förderjahr of the Kreis.

    UIDs are stable (Kreis, year, deadline), and SEQUENCE counts the year's changes, so a
    subscribed calendar replaces an event when a date is amended instead of adding a second one."""
    kreis = get_object_or_404(Kreis, schluessel=schluessel)
    cal = Calendar()
    cal.add("prodid", "-//Integrationsmanagement-Portal//Fristen//DE")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _("Fristen Integrationsmanagement – %(kreis)s") % {"kreis": kreis})
    cal.add("x-wr-timezone", "Europe/Berlin")
    years = Foerderjahr.objects.filter(
        kreis=kreis, status__in=[Foerderjahr.Status.VEROEFFENTLICHT, Foerderjahr.Status.ABGESCHLOSSEN]
    ).order_by("jahr")
    now = timezone.now()
    for fj in years:
        changes = AuditEvent.objects.for_object(fj).filter(aktion__in=["foerderjahr.geaendert"]).count()
        for frist in Frist:
            day = getattr(fj, frist.value)
            event = Event()
            event.add("uid", f"{kreis.schluessel}-{fj.jahr}-{frist.value}@{ICS_DOMAIN}")
            event.add(
                "summary", _("%(frist)s (Förderjahr %(jahr)s)") % {"frist": frist.label, "jahr": fj.jahr}
            )
            event.add(
                "description",
                _("Frist des Förderjahres %(jahr)s im %(kreis)s. Sie endet um 24:00 Uhr.")
                % {"jahr": fj.jahr, "kreis": kreis},
            )
            event.add("dtstart", day)
            event.add("dtend", day + datetime.timedelta(days=1))
            event.add("dtstamp", now)
            event.add("sequence", changes)
            event.add("transp", "TRANSPARENT")
            cal.add_component(event)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="fristen-{kreis.schluessel}.ics"'
    return response
