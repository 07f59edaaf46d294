"""Organisations and users as the user's scope allows: Kreise, Gemeinden, Verbünde, Benutzer."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView, ListView

from portal.core.mixins import VisibleMixin
from portal.organisations import services
from portal.organisations.forms import BegruendungForm
from portal.organisations.models import Gemeinde, Kreis, Mitgliedschaft, User, Verbund, VerbundMitglied
from portal.organisations.zugaenge import koordinierte_kreise
from portal.permissions import check


class GemeindeListView(VisibleMixin, ListView):
    model = Gemeinde
    template_name = "organisations/gemeinde_list.html"
    paginate_by = 100

    def get_queryset(self):
        qs = super().get_queryset().select_related("kreis", "nachfolger")
        q = self.request.GET.get("q", "").strip()
        if q:
            qs = qs.filter(Q(name__icontains=q) | Q(ags__startswith=q))
        kreis = self.request.GET.get("kreis", "")
        if kreis.isdigit():
            qs = qs.filter(kreis_id=int(kreis))
        return qs.order_by("kreis__name", "name")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["kreise"] = Kreis.objects.visible_to(self.request.user)
        ctx["q"] = self.request.GET.get("q", "")
        return ctx


class GemeindeDetailView(VisibleMixin, DetailView):
    model = Gemeinde
    template_name = "organisations/gemeinde_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["darf_anschrift"] = check(self.request.user, "gemeinde.anschrift", self.object)
        ctx["verbuende"] = (
            VerbundMitglied.objects.filter(gemeinde=self.object)
            .select_related("verbund", "verbund__federfuehrend")
            .filter(verbund__in=Verbund.objects.visible_to(self.request.user))
        )
        # the decisions are the optin process's records; its manager knows who sees them
        ctx["entscheidungen"] = (
            self.object.entscheidungen.visible_to(self.request.user)
            .select_related("foerderjahr")
            .order_by("-foerderjahr__jahr")
        )
        return ctx


class VerbundListView(VisibleMixin, ListView):
    model = Verbund
    template_name = "organisations/verbund_list.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("kreis", "federfuehrend")
            .prefetch_related(
                Prefetch("mitgliedschaften", queryset=VerbundMitglied.objects.select_related("gemeinde"))
            )
        )


class BenutzerListView(VisibleMixin, ListView):
    model = User
    template_name = "organisations/benutzer_list.html"
    paginate_by = 100

    def get_queryset(self):
        return (
            User.objects.visible_to(self.request.user)
            .prefetch_related(
                Prefetch(
                    "mitgliedschaften",
                    queryset=Mitgliedschaft.objects.select_related("kreis", "gemeinde", "land"),
                )
            )
            .order_by("last_name", "first_name", "username")
        )

    def get_context_data(self, **kwargs):
        darf = koordinierte_kreise(self.request.user).exists()
        # (de)activating is offered to those who manage accesses (the Land reads, never changes); the
        # rule decides per user when the link is followed
        return super().get_context_data(
            darf_einladen=darf, darf_status_aendern=darf or self.request.user.is_superuser, **kwargs
        )


class BenutzerStatusView(VisibleMixin, FormView):
    """Deactivate or reactivate a user, with a reason. Deleting is not offered anywhere."""

    form_class = BegruendungForm
    template_name = "organisations/benutzer_status.html"
    deaktivieren = True

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.target = get_object_or_404(User.objects.visible_to(request.user), pk=kwargs["pk"])
        allowed = check(request.user, "benutzer.deaktivieren", self.target)
        if not allowed:
            raise PermissionDenied(allowed.grund)
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.deaktivieren:
            form.fields["begruendung"].required = False
        return form

    def get_context_data(self, **kwargs):
        return super().get_context_data(target=self.target, deaktivieren=self.deaktivieren, **kwargs)

    def form_valid(self, form):
        service = services.benutzer_deaktivieren if self.deaktivieren else services.benutzer_reaktivieren
        try:
            service(self.target, self.request.user, form.cleaned_data["begruendung"])
        except ValidationError as e:
            form.add_error("begruendung", e.messages)
            return self.form_invalid(form)
        if self.deaktivieren:
            messages.success(
                self.request, _("Der Zugang von %(name)s ist deaktiviert.") % {"name": self.target}
            )
        else:
            messages.success(
                self.request, _("Der Zugang von %(name)s ist wieder aktiv.") % {"name": self.target}
            )
        return redirect("organisations:benutzer")
