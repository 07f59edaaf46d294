"""Content-Security-Policy: the portal's own pages load scripts, styles and images only from the
portal itself, with no inline script or style at all (templates keep it so; the browser tests fail on
any violation). The back offices of the libraries – Wagtail's editor, Django's admin and viewflow's
process pages – ship inline scripts and styles, so they get a policy that allows those but still
nothing from other hosts, no framing and no plugins."""

from csp.constants import NONE, SELF, UNSAFE_EVAL, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts

PORTAL = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
    "base-uri": [SELF],
    "object-src": [NONE],
}
BACKOFFICE = {
    **PORTAL,
    "script-src": [SELF, UNSAFE_INLINE, UNSAFE_EVAL],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "frame-src": [SELF],
}
BACKOFFICE_PREFIXES = ("/cms/", "/admin/", "/portal/ablauf/")


def policy_for(path: str) -> dict:
    return BACKOFFICE if path.startswith(BACKOFFICE_PREFIXES) else PORTAL


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with the policy chosen by path (settings hold no policy of their own)."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None:
            parts.config = policy_for(request.path_info)
        return parts
