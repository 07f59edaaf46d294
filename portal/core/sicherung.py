"""Backup and restore check, as docs/betrieb.md ("Datensicherung und Wiederherstellung") documents them.

A backup is one set of files with a common time stamp in one folder:

- ``portal-<zeit>.dump`` – the PostgreSQL database, ``pg_dump --format=custom`` (for ``pg_restore``);
- ``private-<zeit>.tar.gz`` – the private files (``PRIVATE_ROOT``: council resolutions, proofs,
  transfer letters);
- ``medien-<zeit>.tar.gz`` – the public uploads (``MEDIA_ROOT``: Wagtail documents and images);
- ``SHA256SUMS-<zeit>`` – the SHA-256 sums of the three, readable by ``sha256sum -c``.

The database is dumped first and the files afterwards: files are only ever added, so every file the
dump names is in the archives. ``pruefen`` restores a set into a new database and a temporary folder,
checks the sums, the audit chain of the copy and that every file its FileFields name was restored, and
drops the copy again (``manage.py sicherung_pruefen``)."""

import hashlib
import os
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.utils import timezone

#: Archive name prefix -> the folder it holds.
DATEIORDNER = {"private": "PRIVATE_ROOT", "medien": "MEDIA_ROOT"}


class SicherungsFehler(Exception):
    """A backup or restore step failed; the message says which, in German."""


@dataclass
class Sicherung:
    ordner: Path
    stempel: str

    @property
    def dump(self) -> Path:
        return self.ordner / f"portal-{self.stempel}.dump"

    def archiv(self, art: str) -> Path:
        return self.ordner / f"{art}-{self.stempel}.tar.gz"

    @property
    def summen(self) -> Path:
        return self.ordner / f"SHA256SUMS-{self.stempel}"

    @property
    def dateien(self) -> list[Path]:
        return [self.dump, *(self.archiv(art) for art in DATEIORDNER)]


@dataclass
class Bericht:
    sicherung: Sicherung
    tabellen: int = 0
    zeilen: int = 0
    dateien: int = 0
    protokoll_ereignisse: int = 0
    fehler: list[str] = field(default_factory=list)


def ordner_der_dateien() -> dict[str, Path]:
    return {art: Path(getattr(settings, name)) for art, name in DATEIORDNER.items()}


def programm(name: str) -> str:
    pfad = shutil.which(name)
    if pfad is None:
        raise SicherungsFehler(f"{name} fehlt (Debian: apt-get install postgresql-client).")
    return pfad


def pg_umgebung(db: dict) -> dict:
    """libpq environment from Django's connection settings (no password on the command line)."""
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    env["PGDATABASE"] = db["NAME"]
    return env


def pg(befehl: list[str], db: dict) -> None:
    ergebnis = subprocess.run(  # noqa: S603 - fixed programs, arguments from settings, no shell
        befehl, env=pg_umgebung(db), capture_output=True, text=True, check=False
    )
    if ergebnis.returncode != 0:
        raise SicherungsFehler(f"{Path(befehl[0]).name} ist fehlgeschlagen: {ergebnis.stderr.strip()}")


def sha256(pfad: Path) -> str:
    h = hashlib.sha256()
    with pfad.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _postgres(db: dict) -> None:
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise SicherungsFehler("Die Sicherung mit pg_dump braucht PostgreSQL (DATABASE_URL).")


def erstellen(ziel: Path, db: dict | None = None) -> Sicherung:
    """Dump the database, then pack the private files and the media into ``ziel``, with sums."""
    db = db or connection.settings_dict
    _postgres(db)
    # The files hold password hashes, TOTP secrets, full IBANs and sessions: only the owner reads them
    # (#18, finding 10), whatever the umask of the cron job.
    ziel.mkdir(mode=0o700, parents=True, exist_ok=True)
    ziel.chmod(0o700)
    alte_umask = os.umask(0o077)
    try:
        return _erstellen(ziel, db)
    finally:
        os.umask(alte_umask)


def _erstellen(ziel: Path, db: dict) -> Sicherung:
    s = Sicherung(ziel, timezone.localtime().strftime("%Y-%m-%d-%H%M%S"))
    pg([programm("pg_dump"), "--format=custom", "--no-owner", f"--file={s.dump}"], db)
    for art, quelle in ordner_der_dateien().items():
        with tarfile.open(s.archiv(art), "w:gz") as tar:
            if quelle.exists():
                tar.add(quelle, arcname=".")
    s.summen.write_text("".join(f"{sha256(p)}  {p.name}\n" for p in s.dateien))
    for datei in [*s.dateien, s.summen]:
        datei.chmod(0o600)
    return s


def neueste(ordner: Path) -> Sicherung:
    stempel = sorted(p.name.removeprefix("SHA256SUMS-") for p in ordner.glob("SHA256SUMS-*"))
    if not stempel:
        raise SicherungsFehler(f"In {ordner} liegt keine Sicherung (SHA256SUMS-… fehlt).")
    return Sicherung(ordner, stempel[-1])


def summen_pruefen(s: Sicherung) -> list[str]:
    erwartet = {}
    for zeile in s.summen.read_text().splitlines():
        summe, _, name = zeile.partition("  ")
        erwartet[name] = summe
    fehler = []
    for pfad in s.dateien:
        if not pfad.exists():
            fehler.append(f"{pfad.name} fehlt.")
        elif erwartet.get(pfad.name) != sha256(pfad):
            fehler.append(f"{pfad.name}: SHA-256-Summe stimmt nicht.")
    return fehler


def einspielen(s: Sicherung, datenbank: str, dateien: Path, db: dict | None = None) -> dict[str, Path]:
    """Restore ``s`` into ``datenbank`` (new and empty: created with ``createdb`` beforehand) and its
    archives into ``dateien/<art>``. Returns the folder of each archive."""
    db = db or connection.settings_dict
    _postgres(db)
    pg([programm("pg_restore"), "--no-owner", "--exit-on-error", f"--dbname={datenbank}", str(s.dump)], db)
    ordner = {}
    for art in DATEIORDNER:
        ordner[art] = dateien / art
        ordner[art].mkdir(parents=True, exist_ok=True)
        with tarfile.open(s.archiv(art)) as tar:
            tar.extractall(ordner[art], filter="data")
    return ordner


def loeschen(datenbank: str, db: dict | None = None) -> None:
    pg([programm("dropdb"), "--if-exists", "--force", datenbank], db or connection.settings_dict)


@contextmanager
def verbindung(datenbank: str, alias: str = "wiederhergestellt") -> Iterator[str]:
    """A Django connection alias to another database on the same server, for the time of the block
    (``Model.objects.using(alias)``). Created like Django's own dynamic connections, without an entry
    in ``DATABASES``."""
    standard = connections[DEFAULT_DB_ALIAS]
    kopie = type(standard)({**standard.settings_dict, "NAME": datenbank, "CONN_MAX_AGE": 0}, alias)
    connections[alias] = kopie
    try:
        yield alias
    finally:
        kopie.close()
        del connections[alias]


def dateifelder() -> list[tuple[type[models.Model], models.FileField, str]]:
    """Every FileField (and ImageField) of every model, with the archive its storage belongs to."""
    wurzeln = {Path(pfad).resolve(): art for art, pfad in ordner_der_dateien().items()}
    felder = []
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if isinstance(f, models.FileField) and isinstance(f.storage, FileSystemStorage):
                art = wurzeln.get(Path(f.storage.location).resolve())
                if art is None:
                    raise SicherungsFehler(
                        f"{model._meta.label}.{f.name} speichert außerhalb von PRIVATE_ROOT und MEDIA_ROOT."
                    )
                felder.append((model, f, art))
    return felder


def genannte_dateien(using: str = "default") -> Iterator[tuple[str, str, str]]:
    """(model.feld, archive, relative name) of every file the database ``using`` names."""
    for model, f, art in dateifelder():
        namen = (
            model._default_manager.using(using).exclude(**{f.name: ""}).exclude(**{f"{f.name}__isnull": True})
        )
        for name in namen.values_list(f.name, flat=True).order_by():
            yield f"{model._meta.label}.{f.name}", art, name


def pruefen(ordner: Path, datenbank: str | None = None, behalten: bool = False) -> Bericht:
    """Probe restore of the newest backup in ``ordner``: sums, pg_restore into a new database, the
    archives into a temporary folder, the audit chain of the copy, every named file present. The copy
    is dropped afterwards unless ``behalten``."""
    from portal.audit.verify import verify_chain

    s = neueste(ordner)
    bericht = Bericht(s)
    bericht.fehler = summen_pruefen(s)
    if bericht.fehler:
        return bericht
    datenbank = datenbank or f"{connection.settings_dict['NAME']}_probe_{s.stempel.replace('-', '')}"
    _postgres(connection.settings_dict)
    # createdb refuses an existing database, so the probe never touches one it did not create.
    pg([programm("createdb"), datenbank], connection.settings_dict)
    tmp = Path(tempfile.mkdtemp(prefix="portal-probe-"))
    try:
        ordner_neu = einspielen(s, datenbank, tmp)
        with verbindung(datenbank) as alias:
            for model in apps.get_models():
                if model._meta.managed and not model._meta.proxy:
                    bericht.tabellen += 1
                    bericht.zeilen += model._base_manager.using(alias).count()
            kette = verify_chain(using=alias)
            bericht.protokoll_ereignisse = kette.checked
            if not kette.ok:
                bericht.fehler.append(
                    f"Protokollkette gebrochen bei Ereignis #{kette.broken_id}: {kette.problem}"
                )
            for feld, art, name in genannte_dateien(alias):
                if (ordner_neu[art] / name).is_file():
                    bericht.dateien += 1
                else:
                    bericht.fehler.append(f"{feld}: Datei {name} fehlt in {art}-{s.stempel}.tar.gz.")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if not behalten:
            loeschen(datenbank)
    return bericht
