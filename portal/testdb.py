"""Which database the test suite runs on.

PostgreSQL is the production database, so tests prefer it: an explicit DATABASE_URL wins, else a
server answering on localhost:5432 is used, else SQLite with a one-line notice. REQUIRE_POSTGRES=1
(set by .ci/run) turns the SQLite fallback into a hard failure.
"""

import os
import socket
import sys

LOCAL_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres"


def postgres_answers(host: str = "127.0.0.1", port: int = 5432, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def test_database_url(sqlite_url: str) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url and postgres_answers():
        url = LOCAL_POSTGRES_URL
    if not url:
        url = sqlite_url
    if not url.startswith("postgres") and os.environ.get("REQUIRE_POSTGRES") == "1":
        raise SystemExit("REQUIRE_POSTGRES=1, but no PostgreSQL: set DATABASE_URL or start the server.")
    if not url.startswith("postgres"):
        print("Hinweis: kein PostgreSQL erreichbar – die Tests laufen auf SQLite.", file=sys.stderr)
    return url
