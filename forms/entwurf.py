"""A django-formtools storage that keeps a wizard's data on a record in the database instead of the
session, so a draft survives logout and can be resumed from another browser by a colleague.

The wizard view sets ``request.wizard_record`` (a model instance with a JSONField ``entwurf``) before
formtools creates the storage."""

import re
import uuid
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.files.storage import FileSystemStorage
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from formtools.wizard.storage.base import BaseStorage
from formtools.wizard.views import SessionWizardView

from portal.core.darstellung import zeitpunkt
from portal.organisations.scope import scope_of
from portal.permissions import check


def ohne_nullzeichen(wert):
    """The draft without NUL characters, which PostgreSQL cannot store in JSON (nobody types them; the
    form itself still refuses the field with a message)."""
    if isinstance(wert, str):
        return wert.replace("\x00", "")
    if isinstance(wert, dict):
        return {ohne_nullzeichen(k): ohne_nullzeichen(v) for k, v in wert.items()}
    if isinstance(wert, list | tuple):
        return [ohne_nullzeichen(v) for v in wert]
    return wert


class EntwurfDateien(FileSystemStorage):
    """Uploads into a draft, under a random name: the user's file name never reaches the file system."""

    def save(self, name, content, max_length=None):
        endung = Path(name or "").suffix.lower()
        endung = endung if re.fullmatch(r"\.[a-z0-9]{1,5}", endung) else ""
        return super().save(f"{uuid.uuid4().hex}{endung}", content, max_length=max_length)


class EntwurfStorage(BaseStorage):
    def __init__(self, prefix, request=None, file_storage=None):
        super().__init__(prefix, request, file_storage)
        self.record = request.wizard_record
        stored = (self.record.entwurf or {}).get(self.prefix)
        self._data = None
        if stored:
            self._data = stored
        else:
            self.init_data()

    def _get_data(self):
        return self._data

    def _set_data(self, value):
        self._data = value

    data = property(_get_data, _set_data)

    def set_step_data(self, step, cleaned_data):
        # the CSRF token of the request is no part of what the user typed (#18, finding 9)
        if hasattr(cleaned_data, "copy"):
            cleaned_data = cleaned_data.copy()
            cleaned_data.pop("csrfmiddlewaretoken", None)
            cleaned_data.pop("entwurf_version", None)
        super().set_step_data(step, cleaned_data)
        # each step carries its own version: two colleagues on different steps never collide
        versionen = self.extra_data.setdefault("versionen", {})
        versionen[step] = versionen.get(step, 0) + 1
        user = self.request.user
        self.extra_data.setdefault("geaendert", {})[step] = [
            user.get_full_name() or user.get_username(),
            timezone.now().isoformat(),
        ]

    def version(self, step) -> int:
        return (self.extra_data.get("versionen") or {}).get(step, 0)

    def set_step_files(self, step, files):
        # a file replaced by a new upload is deleted at the end of the request, not left behind
        alte = (self.data[self.step_files_key].get(step) or {}) if self.data else {}
        for feld in files or {}:
            if feld in alte:
                self._tmp_files.append(alte[feld]["tmp_name"])
        super().set_step_files(step, files)

    @property
    def has_draft(self) -> bool:
        return bool(
            self._data and (self._data.get(self.step_data_key) or self._data.get(self.step_files_key))
        )

    def save(self) -> None:
        """Write the draft to the record (only that column, so nothing else is overwritten)."""
        entwurf = {self.prefix: ohne_nullzeichen(self._data)} if self.has_draft else {}
        type(self.record).objects.filter(pk=self.record.pk).update(entwurf=entwurf)
        self.record.entwurf = entwurf

    def update_response(self, response):
        if self.request.method == "POST" and not getattr(self, "nicht_speichern", False):
            self.save()
        super().update_response(response)


class EntwurfWizard(LoginRequiredMixin, SessionWizardView):
    """A formtools wizard over one record the user's Gemeinde fills in (decision, proof of use):

    * the record comes through ``visible_to``; who may edit it is ``permission`` (portal.permissions) –
      the Gemeinde itself is sent to the record's page with the reason, anybody else gets a 403;
    * the draft lives on the record (``EntwurfStorage``), uploads in private storage;
    * GET resumes the draft at its step instead of starting over;
    * "Zurück" and "Entwurf speichern" keep what was typed on the current step, valid or not.
    """

    storage_name = "forms.entwurf.EntwurfStorage"
    record_model = None
    permission = ""
    prefix_name = ""

    @cached_property
    def file_storage(self):
        return EntwurfDateien(location=settings.PRIVATE_ROOT / "entwuerfe")

    def get_record_queryset(self):
        return self.record_model.objects.visible_to(self.request.user)

    def entwurf_gespeichert(self):
        """Hook: the first saved draft may change the record's status."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.record = get_object_or_404(self.get_record_queryset(), pk=kwargs["pk"])
        erlaubt = check(request.user, self.permission, self.record)
        if not erlaubt:
            if self.record.gemeinde_id not in scope_of(request.user).gemeinde_ids:
                raise PermissionDenied(erlaubt.grund)
            messages.info(request, erlaubt.grund)
            return redirect(self.record.get_absolute_url())
        request.wizard_record = self.record
        return super().dispatch(request, *args, **kwargs)

    def get_prefix(self, request, *args, **kwargs):
        return self.prefix_name

    def get(self, request, *args, **kwargs):
        if self.storage.current_step not in self.get_form_list():
            self.storage.current_step = self.steps.first
        step = self.steps.current
        data = self.storage.get_step_data(step)
        form = self.get_form(step, data=data, files=self.storage.get_step_files(step) if data else None)
        return self.render(form)

    def _entwurf_behalten(self):
        """Store what was typed on the current step, valid or not (back / save draft)."""
        form = self.get_form(data=self.request.POST, files=self.request.FILES)
        self.storage.set_step_data(self.steps.current, self.process_step(form))
        if form.is_valid() and self.request.FILES:
            self.storage.set_step_files(self.steps.current, self.process_step_files(form))
        return form

    def get_context_data(self, form, **kwargs):
        ctx = super().get_context_data(form=form, **kwargs)
        ctx["entwurf_version"] = self.storage.version(self.steps.current)
        return ctx

    def _konflikt(self):
        """The step's draft changed since this form was shown (a colleague saved it): keep what this
        user typed in the form, save nothing, and say who changed it when."""
        gepostet = self.request.POST.get("entwurf_version")
        step = self.steps.current
        if gepostet is None or gepostet == str(self.storage.version(step)):
            return None
        wer, wann = (self.storage.extra_data.get("geaendert") or {}).get(step, ["", ""])
        messages.error(
            self.request,
            _(
                "%(wer)s hat diesen Schritt inzwischen geändert (%(wann)s). Ihre Eingaben stehen noch "
                "im Formular und sind nicht gespeichert: bitte vergleichen und erneut speichern."
            )
            % {"wer": wer or _("Jemand"), "wann": zeitpunkt(datetime.fromisoformat(wann)) if wann else "–"},
        )
        self.storage.nicht_speichern = True
        return self.render(self.get_form(data=self.request.POST, files=self.request.FILES))

    def post(self, *args, **kwargs):
        # the step the form came from, not the one last stored on the record: a colleague may have
        # moved the shared draft on in the meantime (#18, finding 5)
        gepostet = self.request.POST.get(f"{self.prefix}-current_step")
        if gepostet in self.get_form_list():
            self.storage.current_step = gepostet
        konflikt = self._konflikt()
        if konflikt is not None:
            return konflikt
        if "entwurf_speichern" in self.request.POST:
            form = self._entwurf_behalten()
            self.entwurf_gespeichert()
            if self.request.POST.get("entwurf_speichern") == "zeile":
                messages.info(
                    self.request,
                    _("Gespeichert. Unten steht eine leere Zeile für eine weitere Stelle bereit."),
                )
            else:
                messages.success(self.request, _("Entwurf gespeichert. Sie können später hier weitermachen."))
            return self.render(form)
        response = super().post(*args, **kwargs)
        if self.record.status == "offen":
            self.entwurf_gespeichert()
        return response

    def render_goto_step(self, goto_step, **kwargs):
        self._entwurf_behalten()
        return super().render_goto_step(goto_step, **kwargs)

    def fehler_im_letzten_schritt(self, form_dict, exc):
        """A refused submission: show the reasons on the last step and keep the draft."""
        last = list(form_dict)[-1]
        form = form_dict[last]
        for message in exc.messages:
            form.add_error(None, message)
        self.storage.current_step = last
        self._nicht_zuruecksetzen = True
        return self.render(form)

    def render_done(self, form, **kwargs):
        backup = dict(self.storage.data)
        response = super().render_done(form, **kwargs)
        if getattr(self, "_nicht_zuruecksetzen", False):
            self.storage.data = backup
            self.storage._tmp_files = []
        return response
