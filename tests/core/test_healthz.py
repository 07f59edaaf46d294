"""``/healthz`` for load balancers, and recovery when PostgreSQL ends the app's connections."""

import psycopg
import pytest
from django.db import close_old_connections, connection

from portal.core import postausgang

pytestmark = pytest.mark.django_db


def test_healthy_answers_200_with_every_check_and_the_outbox(client, demo):
    postausgang.einreihen(["a@example.org"], "Betreff", "Text")
    response = client.get("/healthz")
    assert response.status_code == 200 and response["Cache-Control"].startswith("max-age=0")
    daten = response.json()
    assert daten == {
        "datenbank": "ok",
        "cache": "ok",
        "privater_speicher": "ok",
        "checkpoint_speicher": "ok",
        "postausgang": {"wartend": 1, "fehlgeschlagen": 0},
        "status": "ok",
    }


def test_private_storage_or_checkpoint_store_unusable_answers_503(client, demo, settings, tmp_path):
    datei = tmp_path / "keine-ablage"
    datei.write_text("ein Ordner wäre richtig")
    settings.PRIVATE_ROOT = datei
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "fehlt"
    response = client.get("/healthz")
    assert response.status_code == 503
    daten = response.json()
    assert daten["status"] == "gestört" and daten["datenbank"] == "ok"
    # what is broken, without paths or hosts for an anonymous caller (details in the log)
    assert daten["privater_speicher"] == daten["checkpoint_speicher"] == "gestört"
    assert str(tmp_path) not in response.content.decode()


def _beenden(pid: int) -> None:
    """End a backend from outside, as an administrator or a failover does."""
    s = connection.settings_dict
    with psycopg.connect(
        dbname=s["NAME"],
        user=s["USER"],
        host=s["HOST"] or "localhost",
        port=s["PORT"] or 5432,
        autocommit=True,
    ) as admin:
        # waits (up to 5 s) until the backend has ended
        admin.execute("SELECT pg_terminate_backend(%s, 5000)", [pid])


@pytest.mark.django_db(transaction=True)
def test_the_app_recovers_when_postgres_kills_its_connection(client, demo, monkeypatch, postgres_only):
    """With persistent connections (CONN_MAX_AGE) a killed connection is replaced at the next request;
    one killed in the middle of a request fails that request only. Between requests the test does what
    Django's WSGI handler does (the test client skips it)."""
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 600)
    close_old_connections()
    assert client.get("/healthz").status_code == 200
    close_old_connections()

    # killed between two requests: the next request notices and reconnects
    _beenden(connection.connection.info.backend_pid)
    close_old_connections()
    assert client.get("/healthz").json()["datenbank"] == "ok"
    close_old_connections()

    # killed in the middle of a request: that answer says so, the next one is healthy again
    from portal.core import gesundheit

    original = gesundheit.PRUEFUNGEN["datenbank"]

    def mitten_drin():
        original()  # the request's first query (Django checked the connection before it)
        _beenden(connection.connection.info.backend_pid)
        return original()

    monkeypatch.setitem(gesundheit.PRUEFUNGEN, "datenbank", mitten_drin)
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["datenbank"] == "gestört"
    close_old_connections()
    monkeypatch.setitem(gesundheit.PRUEFUNGEN, "datenbank", original)
    assert client.get("/healthz").status_code == 200
    close_old_connections()
