"""The audit trail as users see it: an object's history, the event list, and exports."""

import datetime

from django.apps import apps
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView, TemplateView

from portal.audit.actions import AKTIONEN
from portal.audit.exports import events_csv, events_xlsx
from portal.audit.models import AuditEvent
from portal.audit.services import record_event
from portal.core import datenstand
from portal.core.briefe import dateiname
from portal.core.felder import DATUMSFORMATE
from portal.funding.fristen import BERLIN
from portal.organisations.models import Kreis, Land
from portal.organisations.scope import scope_of
from portal.permissions import check


class ObjectHistoryView(LoginRequiredMixin, TemplateView):
    """Whoever may see an object sees its history, cached under the Datenstand of the whole Land (a
    user's events carry the Kreis of the user's first membership, which another Kreis sharing the user
    would not watch)."""

    template_name = "audit/object_history.html"

    def get_context_data(self, **kwargs):
        datenstand.stand(self.request, landesweit=True)  # before the object is read
        try:
            model = apps.get_model(kwargs["label"])
        except (LookupError, ValueError) as e:
            raise Http404 from e
        visible = getattr(model.objects, "visible_to", None)
        if visible is None:
            raise Http404
        obj = get_object_or_404(visible(self.request.user), pk=kwargs["pk"])
        events = AuditEvent.objects.for_object(obj).select_related("actor").order_by("-id")
        return super().get_context_data(
            objekt=obj, model_name=model._meta.verbose_name, events=events, **kwargs
        )


def _parse_date(value):
    """TT.MM.JJJJ as typed, or ISO (links and bookmarks)."""
    for format in DATUMSFORMATE:
        try:
            return datetime.datetime.strptime(value.strip(), format).date()
        except (AttributeError, ValueError):
            continue
    return None


class EventListView(LoginRequiredMixin, ListView):
    """The events the user may see, filterable by Kreis, action and period; export as CSV or XLSX."""

    template_name = "audit/event_list.html"
    paginate_by = 50

    def filtered(self):
        qs = AuditEvent.objects.visible_to(self.request.user).select_related("kreis", "gemeinde")
        g = self.request.GET
        self.filters = {
            "kreis": g.get("kreis", ""),
            "aktion": g.get("aktion", ""),
            "von": _parse_date(g.get("von")),
            "bis": _parse_date(g.get("bis")),
            "q": g.get("q", "").strip(),
        }
        f = self.filters
        if f["kreis"].isdigit():
            qs = qs.filter(kreis_id=int(f["kreis"]))
        if f["aktion"] in AKTIONEN:
            qs = qs.filter(aktion=f["aktion"])
        if f["von"]:
            qs = qs.filter(
                zeitpunkt__gte=datetime.datetime.combine(f["von"], datetime.time.min, tzinfo=BERLIN)
            )
        if f["bis"]:
            end = datetime.datetime.combine(
                f["bis"] + datetime.timedelta(days=1), datetime.time.min, tzinfo=BERLIN
            )
            qs = qs.filter(zeitpunkt__lt=end)
        if f["q"]:
            qs = qs.filter(Q(objekt_bezeichnung__icontains=f["q"]) | Q(actor_name__icontains=f["q"]))
        return qs

    def get_queryset(self):
        return self.filtered().order_by("-id")

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("format")
        if fmt in {"csv", "xlsx"}:
            return self.export(fmt)
        return super().get(request, *args, **kwargs)

    def export(self, fmt):
        kreis = None
        if self.request.GET.get("kreis", "").isdigit():
            kreis = get_object_or_404(
                Kreis.objects.visible_to(self.request.user), pk=int(self.request.GET["kreis"])
            )
        allowed = check(self.request.user, "protokoll.exportieren", kreis)
        if not allowed:
            raise PermissionDenied(allowed.grund)
        events = self.filtered()
        stamp = timezone.localtime().strftime("%Y-%m-%d_%H-%M")
        if fmt == "csv":
            body, content_type = events_csv(events), "text/csv; charset=utf-8"
        else:
            body = events_xlsx(events)
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        # The export itself is recorded: on the Kreis exported, else the coordinator's Kreis, else the Land.
        scope = scope_of(self.request.user)
        target = (
            kreis or Kreis.objects.filter(pk__in=scope.koordination_kreis_ids).first() or Land.objects.first()
        )
        with transaction.atomic():
            record_event(
                "protokoll.exportiert",
                target,
                actor=self.request.user,
                begruendung=f"{fmt.upper()}, {events.count()} " + str(_("Einträge")),
            )
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(
            True, dateiname(_("Protokoll"), kreis or "", stamp, endung=fmt)
        )
        return response

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["filters"] = self.filters
        ctx["kreise"] = Kreis.objects.visible_to(self.request.user)
        aktionen = AKTIONEN.items()
        scope = scope_of(self.request.user)
        if not scope.alles and not scope.kreis_ids:
            # a Gemeinde's few events: only the actions it can find, not every administrative one
            vorhanden = set(
                AuditEvent.objects.visible_to(self.request.user)
                .order_by()
                .values_list("aktion", flat=True)
                .distinct()
            )
            aktionen = [(code, label) for code, label in aktionen if code in vorhanden]
        ctx["aktionen"] = sorted(((code, str(label)) for code, label in aktionen), key=lambda a: a[1])
        ctx["darf_exportieren"] = check(self.request.user, "protokoll.exportieren", None)
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx["query"] = query.urlencode()
        return ctx
