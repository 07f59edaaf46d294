"""The one settings module. Everything that differs between machines comes from the environment.

Development (make run) sets DEBUG=1; production leaves DEBUG off and must set SECRET_KEY,
ALLOWED_HOSTS and DATABASE_URL. See docs/betrieb.md, section "Konfiguration", for every variable.
"""

import hashlib
import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from dotenv import load_dotenv

from portal.testdb import test_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
# A development checkout has a git-ignored .env written by `make` (DEBUG=1 and a random key), so that
# plain `manage.py` works there. Production has none and sets the real environment; variables that
# are already set always win. PORTAL_ENV_FILE="" disables the file.
ENV_FILE = os.environ.get("PORTAL_ENV_FILE", str(BASE_DIR / ".env"))
if ENV_FILE:
    load_dotenv(ENV_FILE, override=False)
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


TESTING = "pytest" in sys.modules
# bench/run.py serves a floor view for the load benchmark (never in production).
BENCHMARK = env_bool("PORTAL_BENCHMARK", False)
DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "django-insecure-nur-fuer-entwicklung-und-tests-0123456789abcdefghijklmnop"
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if (DEBUG or TESTING) else "")
if TESTING:
    ALLOWED_HOSTS.append("testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The portal's own apps come first so that their templates override the libraries'.
    "portal.organisations",
    "portal.funding",
    "portal.audit",
    "portal.cms",
    "portal.core",
    "portal.start",
    "portal.konto",
    "workflows.optin",
    "workflows.transfer",
    "workflows.proof",
    # Wagtail (guidance pages, templates library)
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Processes and wizards
    "viewflow",
    "viewflow.workflow",
    "formtools",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Security: second factor, login throttling
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "portal.konto.middleware.ZweiFaktorMiddleware",
    "portal.konto.middleware.PasswortAendernMiddleware",
    "portal.core.backoffice.AblaufNurFuerBetrieb",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.audit.middleware.RequestContextMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "portal.core.csp.PortalCSPMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["portal.core.templatetags.darstellung"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "portal.core.context_processors.portal",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------
SQLITE_URL = f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"
DATABASE_URL = test_database_url(SQLITE_URL) if TESTING else os.environ.get("DATABASE_URL", SQLITE_URL)
DATABASES = {
    # CONN_HEALTH_CHECKS: a kept connection that the server ended (restart, pg_terminate_backend) is
    # noticed at the start of the next request and replaced, instead of failing that request
    "default": dj_database_url.parse(
        DATABASE_URL, conn_max_age=int(os.environ.get("CONN_MAX_AGE", 0)), conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # One test database per checkout, so two checkouts on one server do not drop each other's.
    checkout = hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:8]
    DATABASES["default"].setdefault("TEST", {})["NAME"] = os.environ.get(
        "TEST_DATABASE_NAME", f"test_portal_{checkout}"
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # make run's SQLite with several requests at once (a page and its downloads): writers queue for the
    # lock from the start of their transaction and wait for it, instead of failing "database is locked";
    # readers do not wait for writers (WAL)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# SQLite (demo only) cannot enforce NULLS NOT DISTINCT; PostgreSQL does.
SILENCED_SYSTEM_CHECKS = ["models.W047"]

# --- Users ----------------------------------------------------------------------------------------
AUTH_USER_MODEL = "organisations.User"
if TESTING:
    # Hashing a password the production way costs a noticeable fraction of a second; the tests create
    # and check many. Production keeps Django's default (PBKDF2).
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start:dashboard"
LOGOUT_REDIRECT_URL = "/"
# Sessions end after 30 minutes without a request (each request renews the cookie).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 30 * 60))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Approving a transfer needs a confirmation of the login (code or password) from the last 5 minutes.
FRISCHE_ANMELDUNG_SEKUNDEN = int(os.environ.get("FRISCHE_ANMELDUNG_SEKUNDEN", 5 * 60))
# Second factor: the issuer shown in the authenticator app; wrong codes slow down exponentially.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "IM-Portal BW")
OTP_TOTP_THROTTLE_FACTOR = 1
# Login throttling (django-axes): 5 failed attempts for one user name from one address lock that
# combination for 15 minutes; every attempt is recorded (AccessAttempt/AccessFailureLog in the admin).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "konto/gesperrt.html"
# The same client address as the audit trail (TRUSTED_PROXY_COUNT reverse proxies are trusted).
AXES_CLIENT_IP_CALLABLE = "portal.audit.context.client_ip"

# --- Language and time ----------------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files --------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "portal" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / ("test-media" if TESTING else "media")
# Evidence (council resolutions, proofs): outside the web root, served only by permission-checked views.
PRIVATE_ROOT = Path(os.environ.get("PRIVATE_ROOT", VAR_DIR / ("test-private" if TESTING else "private")))

# Signed checkpoints of the audit trail, outside the database (portal/audit/checkpoints.py): mount this
# directory on WORM or offsite storage. The key: a PEM Ed25519 private key file, else derived from
# SECRET_KEY. Tests give every test its own directory (tests/conftest.py).
AUDIT_CHECKPOINT_DIR = Path(os.environ.get("AUDIT_CHECKPOINT_DIR", VAR_DIR / "audit-checkpoints"))
AUDIT_SIGNING_KEY_FILE = os.environ.get("AUDIT_SIGNING_KEY_FILE", "")
#: Largest upload the portal accepts (council resolutions, proofs).
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# A SEPA run's requested execution day lies between today and this many days ahead.
ZAHLUNGSLAUF_HORIZONT_TAGE = int(os.environ.get("ZAHLUNGSLAUF_HORIZONT_TAGE", "30"))
WHITENOISE_USE_FINDERS = DEBUG or TESTING
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if (DEBUG or TESTING)
            else "portal.core.storage.StatischeDateien"
        )
    },
}

# --- Cache ------------------------------------------------------------------------------------------
# Rendered tables are cached under the Datenstand (portal/core/datenstand.py), so a cache never
# serves stale data and needs no invalidation. By default each process keeps its own in memory (no
# extra service); several app servers may share one Redis (CACHE_URL=redis://host:6379/0).
CACHE_URL = os.environ.get("CACHE_URL", "")
FRAGMENT_CACHE_SEKUNDEN = int(os.environ.get("FRAGMENT_CACHE_SEKUNDEN", 600))


def cache_backend(url: str, name: str) -> dict:
    if not url:
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": name,
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": name}
    raise ImproperlyConfigured("CACHE_URL must be a redis:// (or rediss://, unix://) address.")


CACHES = {
    "default": cache_backend(CACHE_URL, "portal"),
    # The tests run with the fragment cache (emptied before each test): a page read after a change
    # shows the change, or the test fails.
    "fragmente": cache_backend("" if TESTING else CACHE_URL, "fragmente"),
}

# --- E-mail ---------------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", 10))
# The outbox (portal/core/postausgang.py): try each mail right after the commit, then retry from
# "manage.py mails_senden"; give up (and show the mail to the operator) after this many attempts.
POSTAUSGANG_SOFORT = env_bool("POSTAUSGANG_SOFORT", True)
POSTAUSGANG_MAX_VERSUCHE = int(os.environ.get("POSTAUSGANG_MAX_VERSUCHE", 20))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Integrationsmanagement-Portal <portal@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- Security (production values unless DEBUG) -----------------------------------------------------
PRODUCTION = not DEBUG and not TESTING
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
# the load balancer asks over plain HTTP inside the data centre
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", PRODUCTION)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", PRODUCTION)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000 if PRODUCTION else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", PRODUCTION)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Number of reverse proxies in front of the app whose X-Forwarded-For entries are trusted for client IPs.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", 0))

# --- Wagtail --------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Integrationsmanagement-Portal"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_FRONTEND_LOGIN_URL = "/anmelden/"
# no requests to foreign hosts: Gravatar is blocked by the CSP and would leak e-mail hashes (#19)
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "csv", "txt"]
# On PostgreSQL, full-text search uses the German configuration (stemming: "Verbünde" finds "Verbund").
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        **({"SEARCH_CONFIG": "german"} if DATABASES["default"]["ENGINE"].endswith("postgresql") else {}),
    }
}

# --- Logging --------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # the PDF renderer's font subsetting reports every table it touches; only problems matter here
    "loggers": {
        "fontTools": {"level": "WARNING"},
        "weasyprint": {"level": "ERROR"},
        "pypdf": {"level": "ERROR"},
    },
}
