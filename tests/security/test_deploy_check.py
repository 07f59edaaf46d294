"""``manage.py check --deploy`` finds nothing in the production profile (DEBUG off, no .env file)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_is_clean_in_production():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        PORTAL_ENV_FILE="",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="portal.example.de",
        CSRF_TRUSTED_ORIGINS="https://portal.example.de",
        DATABASE_URL="postgres://portal@db.example.de:5432/portal",
        BEHIND_TLS_PROXY="1",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    # Without a secret key production refuses to start at all.
    env.pop("SECRET_KEY")
    refused = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert refused.returncode != 0 and "SECRET_KEY must be set" in refused.stderr


def readme_umgebung() -> dict[str, str]:
    """The production environment docs/betrieb.md documents (section "Produktion", block "Umgebung"), with its
    placeholders (…) filled in."""
    text = (ROOT / "docs" / "betrieb.md").read_text()
    block = text.split("**Umgebung**", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    umgebung = {}
    for zeile in block.splitlines():
        if zeile.strip() and not zeile.startswith("#"):
            name, _, wert = zeile.partition("=")
            umgebung[name] = wert.strip('"').replace("…", secrets.token_urlsafe(50))
    return umgebung


def test_check_deploy_is_clean_with_the_readme_environment():
    umgebung = readme_umgebung()
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "BEHIND_TLS_PROXY", "PRIVATE_ROOT"} <= set(
        umgebung
    )
    assert umgebung["DEBUG"] == "0"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(umgebung, PORTAL_ENV_FILE="")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_collectstatic_works_in_production(tmp_path):
    """Hashed, compressed static files for WhiteNoise – also for the libraries' own assets."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(PORTAL_ENV_FILE="", SECRET_KEY=secrets.token_urlsafe(64), PORTAL_VAR_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    manifest = (tmp_path / "static" / "staticfiles.json").read_text()
    assert "portal/portal.css" in manifest and "portal/portal.js" in manifest
