"""The test world: the whole demo (as ``make run`` loads it) built once per test database, and a copy of
it that transactional tests restore in a fraction of a second instead of seeding everything again.

Ordinary tests run inside a transaction that is rolled back, so they all start from the seeded world.
Transactional tests (threads, the live server of the browser tests, backup and restore) commit for real,
and Django empties every table after each of them; the next one puts the world back from the copy.

On PostgreSQL the copy is a schema ``testwelt`` beside the tables (``CREATE TABLE … AS SELECT``); the
restore empties every table and inserts the copy with triggers and foreign-key checks off for that one
statement batch (``session_replication_role = replica``; the test database belongs to the test user).
On the SQLite fallback the world is simply seeded again.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from portal.start.demo import seed_demo

SCHEMA = "testwelt"


def _tabellen(cursor) -> list[str]:
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    )
    return [row[0] for row in cursor.fetchall()]


def _spalten(cursor, tabelle: str) -> str:
    """The columns a row can be inserted with (generated columns are computed by the database)."""
    cursor.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
        "AND table_name = %s AND is_generated = 'NEVER' ORDER BY ordinal_position",
        [tabelle],
    )
    return ", ".join(f'"{row[0]}"' for row in cursor.fetchall())


def aufbauen() -> None:
    """Seed the demo and, on PostgreSQL, keep a copy of every table."""
    seed_demo()
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        cursor.execute(f"CREATE SCHEMA {SCHEMA}")
        for tabelle in _tabellen(cursor):
            cursor.execute(f'CREATE TABLE {SCHEMA}."{tabelle}" AS SELECT * FROM public."{tabelle}"')


def wiederherstellen() -> None:
    """Put the seeded world back after a transactional test emptied (or changed) the database."""
    if connection.vendor != "postgresql":
        seed_demo()
        return
    with connection.cursor() as cursor:
        tabellen = _tabellen(cursor)
        cursor.execute("SET session_replication_role = replica")
        try:
            cursor.execute("TRUNCATE " + ", ".join(f'public."{t}"' for t in tabellen))
            for tabelle in tabellen:
                spalten = _spalten(cursor, tabelle)
                cursor.execute(
                    f'INSERT INTO public."{tabelle}" ({spalten}) SELECT {spalten} FROM {SCHEMA}."{tabelle}"'
                )
        finally:
            cursor.execute("SET session_replication_role = DEFAULT")
    # Django's flush re-created the content types under new ids: forget the cached ones.
    ContentType.objects.clear_cache()
