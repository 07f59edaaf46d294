"""The benchmark's floor: the cheapest page Django can serve through the same middleware (one query).
Routed only with PORTAL_BENCHMARK=1 (bench/run.py), so that key pages can be measured as a multiple
of it on the same server in the same run."""

from django.http import HttpResponse

from portal.organisations.models import Land


def boden(request):
    return HttpResponse(f"ok {Land.objects.count()}", content_type="text/plain")
