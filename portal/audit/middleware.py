"""Makes each request's id and client IP available to the audit trail."""

from portal.audit.context import bound, request_context


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        ctx = request_context(request)
        request.request_id = ctx.request_id
        with bound(ctx):
            response = self.get_response(request)
        response["X-Request-ID"] = ctx.request_id
        return response
