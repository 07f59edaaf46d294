"""``/healthz`` for load balancers and monitoring: can this app server do its work?

Answers 200 with a JSON report when the database, the cache, the private storage and the checkpoint
store work, else 503 naming what does not. The outbox is reported (mails waiting, failed) without
taking the server out of service: a mail server that is down does not stop the portal. Anonymous, no
session, nothing personal in the answer.
"""

import logging
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from portal.audit import checkpoints

log = logging.getLogger(__name__)


def _datenbank() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return ""


def _cache() -> str:
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", 10)
    ok = cache.get(key) == "1"
    cache.delete(key)
    return "" if ok else "Cache liefert den geschriebenen Wert nicht zurück"


def _privater_speicher() -> str:
    ordner = Path(settings.PRIVATE_ROOT)
    ordner.mkdir(parents=True, exist_ok=True)
    probe = ordner / f".healthz-{uuid.uuid4().hex}"
    probe.write_bytes(b"ok")
    probe.unlink()
    return ""


PRUEFUNGEN = {
    "datenbank": _datenbank,
    "cache": _cache,
    "privater_speicher": _privater_speicher,
    "checkpoint_speicher": checkpoints.speicher_pruefen,
}


@never_cache
def healthz(request):
    from portal.core import postausgang

    ergebnis, gesund = {}, True
    for name, pruefung in PRUEFUNGEN.items():
        try:
            fehler = pruefung()
        except Exception as e:  # noqa: BLE001 – any failure is the answer
            # the details (hosts, roles, paths) go to the log, not to an anonymous caller
            log.warning("healthz %s: %s: %s", name, type(e).__name__, e)
            fehler = type(e).__name__
        if fehler and fehler != "ok":
            log.warning("healthz %s: %s", name, fehler)
        ergebnis[name] = "gestört" if fehler else "ok"
        gesund = gesund and not fehler
    try:
        ergebnis["postausgang"] = {
            "wartend": postausgang.offen(),
            "fehlgeschlagen": postausgang.fehlgeschlagen(),
        }
    except Exception:  # noqa: BLE001
        ergebnis["postausgang"] = "gestört"
    ergebnis["status"] = "ok" if gesund else "gestört"
    return JsonResponse(ergebnis, status=200 if gesund else 503)
