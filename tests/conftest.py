"""Shared fixtures: the whole demo is loaded once per test database (``tests/testwelt.py``) and each
test rolls back; transactional tests get it back from a copy."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.db.backends.postgresql.operations import DatabaseOperations as _PostgresOps

from portal.core import datenstand
from portal.organisations.models import Gemeinde, Kreis, User
from portal.start.demo import DEMO_PASSWORD
from tests import testwelt

_sql_flush = _PostgresOps.sql_flush


def _sql_flush_ohne_trigger(self, style, tables, **kwargs):
    """Django empties the tables after a transactional test with TRUNCATE, which the audit table refuses
    (a statement trigger); the test database's owner lifts triggers for that one batch."""
    sql = _sql_flush(self, style, tables, **kwargs)
    return (
        ["SET session_replication_role = replica", *sql, "SET session_replication_role = DEFAULT"]
        if sql
        else sql
    )


_PostgresOps.sql_flush = _sql_flush_ohne_trigger


@pytest.fixture(autouse=True)
def _postausgang_sofort():
    """A failed delivery right after a commit pauses immediate delivery for a minute in that process;
    each test starts without such a pause."""
    from portal.core import postausgang

    postausgang._letzter_sofortfehler = None


@pytest.fixture(autouse=True)
def _checkpoint_speicher(settings, tmp_path):
    """Every test anchors the audit trail in its own checkpoint store (the rolled-back events of one
    test must not contradict the checkpoints of the next)."""
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "audit-checkpoints"
    settings.AUDIT_CHECKPOINT_DIR.mkdir()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        testwelt.aufbauen()


@pytest.fixture(autouse=True)
def _fragmente_leeren():
    """Each test starts with an empty fragment cache (ids of rolled-back audit events come again)."""
    caches[datenstand.ALIAS].clear()
    yield
    caches[datenstand.ALIAS].clear()


@pytest.fixture
def demo(db):
    """The demo data. Transactional tests empty the database after them: the next one restores it."""
    if not Kreis.objects.exists():
        testwelt.wiederherstellen()
    return {
        "hn": Kreis.objects.get(schluessel="08125"),
        "gp": Kreis.objects.get(schluessel="08117"),
        "nordheim": Gemeinde.objects.get(ags="08125074"),
        "brackenheim": Gemeinde.objects.get(ags="08125013"),
        "goeppingen": Gemeinde.objects.get(name="Göppingen"),
    }


@pytest.fixture
def user(demo):
    def get(username):
        return User.objects.get(username=username)

    return get


def anmelden(client, user):
    """Log the test client in as ``user``, with the second factor confirmed where the role needs one.

    Tests log in through this (or the ``login`` fixture), never with ``client.force_login`` alone."""
    from portal.konto import testhilfe

    client.force_login(user)
    testhilfe.zweiten_faktor_bestaetigen(client, user)
    return user


@pytest.fixture
def login(client, user):
    """``login("nordheim")`` logs the test client in as that demo user and returns the user."""

    def do(username):
        return anmelden(client, user(username))

    return do


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (required in CI with REQUIRE_POSTGRES=1)")


DEMO_USERNAMES = [
    "betrieb",
    "land",
    "hn-koordination",
    "hn-koordination2",
    "hn-finanzen",
    "gp-koordination",
    "gp-koordination2",
    "gp-finanzen",
    "nordheim",
    "brackenheim",
    "gueglingen",
    "goeppingen",
    "redaktion",
    "freigabe",
]
__all__ = ["DEMO_PASSWORD", "DEMO_USERNAMES"]


@pytest.fixture(autouse=True)
def german():
    """Each test starts in German, the default language (a request may have switched the thread)."""
    from django.utils import translation

    translation.activate("de")
    yield
    translation.activate("de")
