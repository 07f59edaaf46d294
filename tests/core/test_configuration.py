"""Settings come from the environment; production values pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

from portal import testdb

ROOT = Path(settings.BASE_DIR)
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "x7$Kq2!vLp9#Rz4@Wm8^Tn3&Yb6*Hc1(Fd5)Gs0-Jk2+Qe7=Ua9_Xo4%Vi1~Nr3",
    "ALLOWED_HOSTS": "portal.example.org",
    "DATABASE_URL": f"sqlite:///{ROOT / 'var' / 'deploy-check.sqlite3'}",
    "PATH": os.environ.get("PATH", ""),
    "PORTAL_ENV_FILE": "",
}


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_production_values():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_secret_key_is_required_when_debug_is_off():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_language_and_time_zone():
    assert settings.LANGUAGE_CODE == "de"
    assert settings.TIME_ZONE == "Europe/Berlin"
    assert [code for code, _ in settings.LANGUAGES] == ["de", "en"]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_catalogues_are_complete(lang):
    path = ROOT / "locale" / lang / "LC_MESSAGES" / "django.po"
    with path.open("rb") as f:
        catalog = read_po(f, locale=lang)
    missing = [
        m.id
        for m in catalog
        if m.id
        and (not m.string or "fuzzy" in m.flags or (isinstance(m.string, tuple) and not all(m.string)))
    ]
    assert missing == []
    assert (path.with_suffix(".mo")).exists(), "run make compilemessages"


def test_test_database_prefers_explicit_url(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u@db.example:5432/x")
    assert testdb.test_database_url("sqlite:///x") == "postgres://u@db.example:5432/x"


def test_test_database_falls_back_to_sqlite_with_notice(monkeypatch, capsys):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("REQUIRE_POSTGRES", raising=False)
    monkeypatch.setattr(testdb, "postgres_answers", lambda *a, **k: False)
    assert testdb.test_database_url("sqlite:///x") == "sqlite:///x"
    assert "SQLite" in capsys.readouterr().err


def test_require_postgres_turns_fallback_into_failure(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("REQUIRE_POSTGRES", "1")
    monkeypatch.setattr(testdb, "postgres_answers", lambda *a, **k: False)
    with pytest.raises(SystemExit):
        testdb.test_database_url("sqlite:///x")


def test_local_server_is_used_when_it_answers(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(testdb, "postgres_answers", lambda *a, **k: True)
    assert testdb.test_database_url("sqlite:///x").startswith("postgres://")


def test_cache_url_chooses_the_cache_of_the_fragments():
    """No CACHE_URL: each process in memory; redis://: shared; anything else refuses to start."""
    from django.core.exceptions import ImproperlyConfigured

    from portal.settings import cache_backend

    assert cache_backend("", "fragmente")["BACKEND"].endswith("LocMemCache")
    redis = cache_backend("redis://cache.example.org:6379/0", "fragmente")
    assert redis["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert redis["LOCATION"] == "redis://cache.example.org:6379/0" and redis["KEY_PREFIX"] == "fragmente"
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        cache_backend("memcached://cache:11211", "fragmente")
    result = manage("check", env={**PRODUCTION_ENV, "CACHE_URL": "redis://127.0.0.1:6379/0"})
    assert result.returncode == 0, result.stdout + result.stderr
