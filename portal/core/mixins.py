"""View building blocks that keep tenant isolation and the "one door per state change" rule."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.views import View
from django.views.generic.detail import SingleObjectMixin


class VisibleMixin(LoginRequiredMixin):
    """List and detail views show only what ``Model.objects.visible_to(user)`` returns; anything
    else is a 404, so ids of other tenants reveal nothing."""

    model = None

    def get_queryset(self):
        return self.model.objects.visible_to(self.request.user)


class ServiceActionView(VisibleMixin, SingleObjectMixin, View):
    """A POST that calls one service function on a visible object and reports the outcome."""

    http_method_names = ["post"]
    success_message = ""
    #: the service function, called as ``service(obj, user)``
    service = None

    def perform(self, obj):
        return type(self).service(obj, self.request.user)

    def get_success_url(self, obj, result):
        return (result or obj).get_absolute_url()

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        try:
            result = self.perform(obj)
        except PermissionDenied as e:
            messages.error(request, str(e) or "—")
            return redirect(obj.get_absolute_url())
        except ValidationError as e:
            for message in e.messages:
                messages.error(request, message)
            return redirect(obj.get_absolute_url())
        if self.success_message:
            messages.success(request, self.success_message)
        return redirect(self.get_success_url(obj, result))
