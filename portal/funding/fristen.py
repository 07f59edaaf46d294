"""Deadlines as pure functions over plain values (no database), so they can be tested on their edges.

A deadline is a calendar date; it ends at the end of that day in Europe/Berlin. An instant is late
when it is at or after the first moment of the following day there (00:00 Berlin), whatever the
daylight-saving offset of that night.
"""

import datetime
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")


def fristende(day: datetime.date) -> datetime.datetime:
    """The first instant that is too late: 00:00 Europe/Berlin on the day after ``day``."""
    following = day + datetime.timedelta(days=1)
    return datetime.datetime.combine(following, datetime.time.min, tzinfo=BERLIN)


def ist_verspaetet(instant: datetime.datetime, day: datetime.date) -> bool:
    """Whether ``instant`` (timezone-aware) is after the end of the deadline day ``day``."""
    if instant.tzinfo is None:
        raise ValueError("instant must be timezone-aware")
    return instant >= fristende(day)


def berliner_datum(instant: datetime.datetime) -> datetime.date:
    """The calendar date of ``instant`` in Europe/Berlin."""
    return instant.astimezone(BERLIN).date()


def tage_bis(instant: datetime.datetime, day: datetime.date) -> int:
    """Calendar days from the Berlin date of ``instant`` to ``day`` (0 on the day, negative after)."""
    return (day - berliner_datum(instant)).days


def um_jahre_verschoben(day: datetime.date, years: int) -> datetime.date:
    """The same day ``years`` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
