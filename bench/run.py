"""Load benchmark against statewide data (``make bench``; docs/entwicklung.md "Lasttest", results in
docs/messungen.md).

1. a separate PostgreSQL database (``BENCH_DATABASE_URL``, default ``portal_bench`` on localhost) is
   migrated and filled by ``seed_scale --seed BENCH_SEED`` once (44 Kreise, 1,101 Gemeinden, 5 Förderjahre);
   a database seeded with another seed or another version of the generator is recreated;
2. gunicorn serves the portal in the production profile (DEBUG off, collected static files) plus the
   floor view (``PORTAL_BENCHMARK=1``: a bare Django view with one query);
3. locust, headless in a second process on loopback, puts 20 concurrent users on each endpoint in turn
   (the floor first and last), and the script prints median and p95 beside the floor;
4. the allocation of 1,101 Gemeinden is timed in-process.

Targets: median ≤ 3 × floor and p95 ≤ 250 ms per key page; allocation ≤ 50 ms. Not a test: the
numbers depend on the machine, so the script reports and exits 0 unless something fails to run."""

import csv
import hashlib
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from decimal import Decimal
from pathlib import Path
from urllib.request import Request, urlopen

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DAUER = os.environ.get("BENCH_DAUER", "20s")
NUTZER = int(os.environ.get("BENCH_NUTZER", 20))
WORKER = int(os.environ.get("BENCH_WORKER", 4))
SEED = int(os.environ.get("BENCH_SEED", 1))
#: Seconds between two changes somewhere in the Land during the load test (0: none).
AENDERUNG = float(os.environ.get("BENCH_AENDERUNG_SEKUNDEN", 0))
DB_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench")
VAR = ROOT / "var" / "bench"
SECRET_KEY = os.environ.get("BENCH_SECRET_KEY", secrets.token_urlsafe(50))  # one key: sessions made here


def umgebung(**extra) -> dict:
    env = {
        **os.environ,
        "PORTAL_ENV_FILE": "",
        "DATABASE_URL": DB_URL,
        "PORTAL_VAR_DIR": str(VAR),
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "CONN_MAX_AGE": "60",
        "PORTAL_BENCHMARK": "1",
        "DEBUG": "0",
        "LOG_LEVEL": "ERROR",
    }
    env.update(extra)
    return env


def manage(*args, **env):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=umgebung(**env), check=True)


def statische_dateien_sammeln():
    """collectstatic (minutes: it compresses every file), unless the files and packages are unchanged."""
    from importlib import metadata

    quellen = sorted(
        f"{p.relative_to(ROOT)}:{p.stat().st_mtime_ns}" for p in (ROOT / "portal" / "static").rglob("*")
    )
    pakete = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    stand = hashlib.sha256("\n".join(quellen + pakete).encode()).hexdigest()
    marke = VAR / "static-stand"
    if marke.exists() and marke.read_text() == stand and (VAR / "static" / "staticfiles.json").exists():
        return
    manage("collectstatic", "--noinput", "-v0")
    marke.write_text(stand)


def datenbank_vorbereiten():
    """Create the database, or recreate it when it holds data of another seed or generator version."""
    import psycopg

    name = DB_URL.rsplit("/", 1)[1]
    basis = DB_URL.rsplit("/", 1)[0] + "/postgres"
    generator = hashlib.sha256((ROOT / "portal/start/skala.py").read_bytes()).hexdigest()[:12]
    stand = f"seed {SEED}, skala.py {generator}"
    with psycopg.connect(basis, autocommit=True) as conn:
        vorhanden = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    if vorhanden:
        with psycopg.connect(DB_URL, autocommit=True) as conn:
            conn.execute("CREATE TABLE IF NOT EXISTS bench_stand (stand text)")
            bisher = conn.execute("SELECT stand FROM bench_stand").fetchone()
        if bisher is None or bisher[0] != stand:
            if "bench" not in name:
                raise SystemExit(
                    f"{name} holds other data; give BENCH_DATABASE_URL a database named *bench*."
                )
            print(f"{name}: {bisher[0] if bisher else 'ohne Skalierungsdaten'} -> neu anlegen ({stand})")
            with psycopg.connect(basis, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            vorhanden = None
    if not vorhanden:
        with psycopg.connect(basis, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    start = time.monotonic()
    manage("migrate", "--noinput", "-v0")
    statische_dateien_sammeln()
    with psycopg.connect(DB_URL, autocommit=True) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS bench_stand (stand text)")
        geseedet = conn.execute("SELECT 1 FROM bench_stand WHERE stand = %s", [stand]).fetchone()
    print(f"migrate und collectstatic: {time.monotonic() - start:.0f} s")
    if not geseedet:
        start = time.monotonic()
        manage("seed_scale", "--force", "--seed", str(SEED))
        print(f"seed_scale --seed {SEED}: {time.monotonic() - start:.0f} s")
        with psycopg.connect(DB_URL, autocommit=True) as conn:
            conn.execute("INSERT INTO bench_stand VALUES (%s)", [stand])
    else:
        print(f"{name}: Skalierungsdaten schon vorhanden ({stand})")
    manage("seed_content")  # the guidance pages (idempotent)


def django_einrichten():
    os.environ.update(umgebung())
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()


def sitzung(username: str) -> str:
    """A logged-in session (second factor confirmed) without going through the login form."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from portal.konto import zwei_faktor
    from portal.organisations.models import User

    user = User.objects.get(username=username)
    s = SessionStore()
    s[SESSION_KEY] = str(user.pk)
    s[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    s[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if zwei_faktor.verlangt(user):
        geraet = zwei_faktor.totp_geraet(user) or TOTPDevice.objects.create(
            user=user, name="Bench", confirmed=True
        )
        s[DEVICE_ID_SESSION_KEY] = geraet.persistent_id
    s.set_expiry(4 * 3600)
    s.create()
    return s.session_key


def endpunkte():
    """(name, path, user or None) of the key pages, on the largest Kreis and its latest year."""
    from django.db.models import Count

    from portal.funding.models import Foerderjahr
    from portal.organisations.models import Kreis
    from workflows.optin.models import Entscheidung

    kreis = (
        Kreis.objects.filter(schluessel__startswith="9").annotate(n=Count("gemeinden")).order_by("-n").first()
    )
    fj = Foerderjahr.objects.filter(kreis=kreis).order_by("-jahr").first()
    gemeinde_user = f"skala-{kreis.gemeinden.order_by('ags').first().ags}"
    koordination = f"skala-{kreis.schluessel}-koordination"
    e = Entscheidung.objects.filter(foerderjahr=fj, status="angenommen").first()
    return [
        ("Boden (1 Abfrage)", "/bench/boden/", koordination),
        ("Dashboard Gemeinde", "/portal/", gemeinde_user),
        ("Entscheidungsregister (Koordination)", f"/portal/entscheidungen/jahr/{fj.pk}/", koordination),
        ("Weiterleitungen des Jahres", f"/portal/weiterleitungen/jahr/{fj.pk}/", koordination),
        ("Cockpit (Land, landesweit)", "/portal/kennzahlen/cockpit/", "skala-land"),
        ("Hinweisseite", "/hinweise/entscheidung-bis-31-mai/", None),
        ("Protokoll eines Objekts", f"/portal/protokoll/objekt/optin.entscheidung/{e.pk}/", koordination),
        ("Kennzahlen landesweit (XLSX)", "/portal/kennzahlen/land/?format=xlsx", "skala-land"),
        ("Boden (1 Abfrage), Wiederholung", "/bench/boden/", koordination),
    ]


def aufwaermen(url: str, session: str) -> None:
    """Warm every worker's caches (each process keeps its own fragments): several rounds of as many
    requests at once as there are workers, so that each sync worker gets some."""
    from concurrent.futures import ThreadPoolExecutor

    def abrufen(_):
        anfrage = Request(url, headers={"Cookie": f"sessionid={session}"} if session else {})
        urlopen(anfrage, timeout=60).read()

    with ThreadPoolExecutor(max_workers=WORKER * 2) as pool:
        for _ in range(3):
            list(pool.map(abrufen, range(WORKER * 4)))


class Aenderungen(threading.Thread):
    """Every AENDERUNG seconds one real audit event in a Kreis drawn at random (its coordinating office
    exports its audit trail): a new Datenstand for that Kreis and for the Land, after which each worker
    renders their cached fragments anew once; the other Kreise's stay warm."""

    def __init__(self):
        super().__init__(daemon=True)
        self.halt, self.anzahl = threading.Event(), 0

    def run(self):
        import random

        from django.db import connection, transaction

        from portal.audit.services import record_event
        from portal.organisations.models import Kreis, User

        rng = random.Random(SEED)
        kreise = list(Kreis.objects.filter(schluessel__startswith="9").order_by("schluessel"))
        while not self.halt.wait(AENDERUNG):
            kreis = rng.choice(kreise)
            actor = User.objects.get(username=f"skala-{kreis.schluessel}-koordination")
            with transaction.atomic():
                record_event("protokoll.exportiert", kreis, actor=actor, begruendung="Lasttest")
            self.anzahl += 1
        connection.close()


def freier_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def messen(host: str, name: str, path: str, session: str, ordner: Path) -> tuple[float, float, int, int]:
    prefix = ordner / name.split(" ")[0]
    subprocess.run(
        [
            str(BIN / "locust"),
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "-u",
            str(NUTZER),
            "-r",
            str(NUTZER),
            "-t",
            DAUER,
            "--host",
            host,
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "ERROR",
        ],
        env={**os.environ, "BENCH_PATH": path, "BENCH_NAME": name, "BENCH_SESSION": session or ""},
        check=True,
        capture_output=True,
    )
    with open(f"{prefix}_stats.csv") as f:
        zeile = next(r for r in csv.DictReader(f) if r["Name"] == name)
    return float(zeile["50%"]), float(zeile["95%"]), int(zeile["Request Count"]), int(zeile["Failure Count"])


def kalt_messen(seiten, wiederholungen: int = 7) -> dict[str, float]:
    """Median of each page rendered in-process with an empty fragment cache: what the first reader
    after a change waits (the load test measures the warm pages, which most requests are)."""
    from django.core.cache import caches
    from django.test import Client

    from portal.core import datenstand

    ergebnis = {}
    for name, path, session in seiten:
        client = Client(SERVER_NAME="127.0.0.1")
        if session:
            client.cookies["sessionid"] = session
        client.get(path)  # what every process fills once (content types, translations, the Wagtail site)
        zeiten = []
        for _ in range(wiederholungen):
            caches[datenstand.ALIAS].clear()
            start = time.perf_counter()
            response = client.get(path)
            response.content  # noqa: B018 - rendered in full
            zeiten.append((time.perf_counter() - start) * 1000)
        ergebnis[name] = statistics.median(zeiten)
    return ergebnis


def verteilung_messen() -> float:
    import random

    from portal.funding.verteilungsrechnung import verteile

    rng = random.Random(1)
    counts = [(f"08{i:06d}", rng.randint(0, 400)) for i in range(1101)]
    zeiten = []
    for _ in range(30):
        start = time.perf_counter()
        verteile(Decimal("58000000.00"), counts)
        zeiten.append((time.perf_counter() - start) * 1000)
    return statistics.median(zeiten)


def main():
    datenbank_vorbereiten()
    django_einrichten()
    seiten = [(name, path, sitzung(user) if user else "") for name, path, user in endpunkte()]
    port = freier_port()
    host = f"http://127.0.0.1:{port}"
    aenderungen = Aenderungen()
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "portal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(WORKER)],
        cwd=ROOT,
        env=umgebung(),
    )
    try:
        for _ in range(100):
            try:
                urlopen(f"{host}/bench/boden/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        for _name, path, session in seiten:
            aufwaermen(host + path, session)
        ergebnisse = []
        if AENDERUNG:
            aenderungen.start()
        with tempfile.TemporaryDirectory() as tmp:
            for name, path, session in seiten:
                ergebnisse.append((name, *messen(host, name, path, session, Path(tmp))))
    finally:
        aenderungen.halt.set()
        server.terminate()
        server.wait(timeout=30)
    kalt = kalt_messen(seiten)
    boden = statistics.mean(r[1] for r in ergebnisse if r[0].startswith("Boden"))
    print()
    print(f"{NUTZER} Nutzer je Seite, {DAUER}, gunicorn mit {WORKER} Workern, {os.cpu_count()} Kerne")
    if AENDERUNG:
        print(f"Während der Messung alle {AENDERUNG:g} s eine Änderung ({aenderungen.anzahl} insgesamt)")
    print("Median, p95: unter Last (Fragmente im Cache); kalt: im Prozess, Cache geleert, ohne Last")
    print(f"{'Seite':42} {'Median ms':>10} {'p95 ms':>8} {'× Boden':>8} {'Anfragen':>9} {'kalt ms':>8}  Ziel")
    for name, median, p95, anzahl, fehler in ergebnisse:
        verhaeltnis = median / boden if boden else float("nan")
        ok = name.startswith("Boden") or (verhaeltnis <= 3 and p95 <= 250 and not fehler)
        fehlertext = f", {fehler} Fehler" if fehler else ""
        print(
            f"{name:42} {median:10.0f} {p95:8.0f} {verhaeltnis:8.1f} {anzahl:9d} {kalt[name]:8.0f}  "
            f"{'erfüllt' if ok else 'VERFEHLT'}{fehlertext}"
        )
    ms = verteilung_messen()
    print(
        f"{'Mittelverteilung 1.101 Gemeinden (in-process)':42} {ms:10.1f} ms            "
        f"{'erfüllt' if ms <= 50 else 'VERFEHLT'} (Ziel ≤ 50 ms)"
    )


if __name__ == "__main__":
    main()
