"""The coordinator's Förderjahre: list, detail with deadlines and changes, create, edit, publish."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView, ListView, UpdateView

from portal.audit.models import AuditEvent
from portal.core.formfehler import fehler_ins_formular
from portal.core.mixins import ServiceActionView, VisibleMixin
from portal.funding import services
from portal.funding.forms import FoerderjahrAnlegenForm, FoerderjahrForm
from portal.funding.models import Foerderjahr
from portal.organisations.models import Kreis
from portal.organisations.scope import scope_of
from portal.permissions import check


class FoerderjahrListView(VisibleMixin, ListView):
    model = Foerderjahr
    template_name = "funding/foerderjahr_list.html"
    paginate_by = 50

    def get_queryset(self):
        qs = super().get_queryset().select_related("kreis", "programm")
        kreis = self.request.GET.get("kreis")
        if kreis and kreis.isdigit():
            qs = qs.filter(kreis_id=int(kreis))
        return qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["kreise"] = Kreis.objects.visible_to(self.request.user)
        # only a Kreis without any Förderjahr starts with its first one; later years follow on from
        # the previous year's page (#19)
        eigene = scope_of(self.request.user).koordination_kreis_ids
        ctx["darf_anlegen"] = bool(eigene) and not Foerderjahr.objects.filter(kreis_id__in=eigene).exists()
        return ctx


class FoerderjahrDetailView(VisibleMixin, DetailView):
    model = Foerderjahr
    template_name = "funding/foerderjahr_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("kreis", "programm", "vorjahr")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, fj = self.request.user, self.object
        ctx.update(
            darf_bearbeiten=check(user, "foerderjahr.bearbeiten", fj),
            darf_fortschreiben=check(user, "foerderjahr.fortschreiben", fj),
            darf_veroeffentlichen=check(user, "foerderjahr.veroeffentlichen", fj),
            darf_abschliessen=check(user, "foerderjahr.abschliessen", fj),
            darf_register=scope_of(user).alles or fj.kreis_id in scope_of(user).kreis_ids,
            meine_entscheidungen=fj.entscheidungen.filter(
                gemeinde__in=scope_of(user).gemeinde_ids
            ).select_related("gemeinde"),
            aenderungen=AuditEvent.objects.for_object(fj)
            .filter(aktion__in=["foerderjahr.geaendert", "foerderjahr.bearbeitet"])
            .select_related("actor")[:50],
            parameter=[
                (fj._meta.get_field(name).verbose_name, getattr(fj, name), name)
                for name in (
                    "zaehlzeitraum_von",
                    "zaehlzeitraum_bis",
                    "min_vzae_pro_stelle",
                    "min_planungsrahmen",
                    "referenzkosten_pro_vzae",
                )
            ],
        )
        return ctx


class FoerderjahrEditView(VisibleMixin, UpdateView):
    model = Foerderjahr
    form_class = FoerderjahrForm
    template_name = "funding/foerderjahr_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            allowed = check(request.user, "foerderjahr.bearbeiten", self.get_object())
            if not allowed:
                raise PermissionDenied(allowed.grund)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.foerderjahr_aendern(
                Foerderjahr.objects.get(pk=self.object.pk),
                form.changes(),
                self.request.user,
                begruendung=form.cleaned_data.get("begruendung", ""),
            )
        except ValidationError as e:
            fehler_ins_formular(form, e)
            return self.form_invalid(form)
        messages.success(self.request, _("Das Förderjahr wurde gespeichert."))
        return redirect(self.object.get_absolute_url())


class FoerderjahrAnlegenView(VisibleMixin, FormView):
    """The first Förderjahr of a Kreis (later years are copied forward)."""

    form_class = FoerderjahrAnlegenForm
    template_name = "funding/foerderjahr_create.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not scope_of(request.user).koordination_kreis_ids:
            raise PermissionDenied(_("Nur die koordinierende Stelle des Kreises darf das."))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["kreise"] = Kreis.objects.filter(pk__in=scope_of(self.request.user).koordination_kreis_ids)
        return kwargs

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            fj = services.foerderjahr_anlegen(
                data["programm"], data["kreis"], data["jahr"], data["planungsrahmen"], self.request.user
            )
        except ValidationError as e:
            fehler_ins_formular(form, e)
            return self.form_invalid(form)
        messages.success(self.request, _("Das Förderjahr wurde als Entwurf angelegt."))
        return redirect(fj.get_absolute_url())


class FoerderjahrFortschreibenView(ServiceActionView):
    model = Foerderjahr
    success_message = _("Das Folgejahr wurde als Entwurf angelegt. Bitte prüfen Sie die Werte.")
    service = services.foerderjahr_fortschreiben


class FoerderjahrVeroeffentlichenView(ServiceActionView):
    model = Foerderjahr
    success_message = _("Das Förderjahr ist veröffentlicht und für die Gemeinden des Kreises sichtbar.")
    service = services.foerderjahr_veroeffentlichen


class FoerderjahrAbschliessenView(ServiceActionView):
    model = Foerderjahr
    success_message = _("Das Förderjahr ist abgeschlossen.")
    service = services.foerderjahr_abschliessen
