"""The request a change happens in (request id, client IP), carried to ``record_event`` implicitly.

The middleware fills a context variable, so service functions need not pass the request around;
commands run without one and record empty values.
"""

import uuid
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    client_ip: str | None = None


NO_REQUEST = RequestContext()
_current: ContextVar[RequestContext | None] = ContextVar("portal_request_context", default=None)


def current() -> RequestContext:
    return _current.get() or NO_REQUEST


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or the address the trusted proxies (TRUSTED_PROXY_COUNT) saw."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def request_context(request) -> RequestContext:
    incoming = request.META.get("HTTP_X_REQUEST_ID", "")
    request_id = incoming[:64] if incoming and incoming.replace("-", "").isalnum() else uuid.uuid4().hex
    return RequestContext(request_id=request_id, client_ip=client_ip(request))


class bound:
    """Context manager that makes ``ctx`` current (used by the middleware and tests)."""

    def __init__(self, ctx: RequestContext):
        self.ctx = ctx

    def __enter__(self):
        self.token = _current.set(self.ctx)
        return self.ctx

    def __exit__(self, *exc):
        _current.reset(self.token)
