"""Deadlines end at 24:00 Europe/Berlin of their day: tested on the boundary, in both DST seasons."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from portal.funding.fristen import BERLIN, fristende, ist_verspaetet, tage_bis, um_jahre_verschoben

UTC = datetime.UTC


def berlin(*args):
    return datetime.datetime(*args, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("instant", "late"),
    [
        (berlin(2024, 5, 31, 23, 59, 59, 999999), False),
        (berlin(2024, 5, 31, 23, 59), False),
        (berlin(2024, 6, 1, 0, 0), True),
        (berlin(2024, 6, 1, 0, 0, 1), True),
        (berlin(2024, 5, 1, 12, 0), False),
        # The same boundary seen from UTC (summer time: Berlin = UTC+2).
        (datetime.datetime(2024, 5, 31, 21, 59, 59, tzinfo=UTC), False),
        (datetime.datetime(2024, 5, 31, 22, 0, 0, tzinfo=UTC), True),
    ],
)
def test_decision_deadline_31_may(instant, late):
    assert ist_verspaetet(instant, datetime.date(2024, 5, 31)) is late


def test_winter_deadline_uses_utc_plus_one():
    day = datetime.date(2023, 10, 31)  # after the switch to winter time on 29 Oct 2023
    assert not ist_verspaetet(datetime.datetime(2023, 10, 31, 22, 59, 59, tzinfo=UTC), day)
    assert ist_verspaetet(datetime.datetime(2023, 10, 31, 23, 0, 0, tzinfo=UTC), day)


def test_deadline_on_the_night_clocks_change():
    # 30 March 2024: clocks go forward the following night; the end is still 00:00 local time.
    end = fristende(datetime.date(2024, 3, 30))
    assert end == datetime.datetime(2024, 3, 30, 23, 0, tzinfo=UTC)
    end = fristende(datetime.date(2024, 3, 31))
    assert end == datetime.datetime(2024, 3, 31, 22, 0, tzinfo=UTC)


def test_other_timezones_are_converted():
    tokyo = ZoneInfo("Asia/Tokyo")
    # 1 June 2024 06:59 in Tokyo is 31 May 23:59 in Berlin: still in time.
    assert not ist_verspaetet(datetime.datetime(2024, 6, 1, 6, 59, tzinfo=tokyo), datetime.date(2024, 5, 31))
    assert ist_verspaetet(datetime.datetime(2024, 6, 1, 7, 0, tzinfo=tokyo), datetime.date(2024, 5, 31))


def test_naive_instants_are_refused():
    with pytest.raises(ValueError):
        ist_verspaetet(datetime.datetime(2024, 5, 31, 12, 0), datetime.date(2024, 5, 31))


def test_days_left_counts_berlin_calendar_days():
    day = datetime.date(2024, 5, 31)
    assert tage_bis(berlin(2024, 5, 31, 23, 59), day) == 0
    assert tage_bis(berlin(2024, 5, 30, 0, 0), day) == 1
    assert tage_bis(berlin(2024, 6, 1, 0, 0), day) == -1
    # 22:30 UTC on 30 May is already 31 May in Berlin.
    assert tage_bis(datetime.datetime(2024, 5, 30, 22, 30, tzinfo=UTC), day) == 0


def test_shift_years_keeps_day_and_handles_leap_day():
    assert um_jahre_verschoben(datetime.date(2024, 5, 31), 1) == datetime.date(2025, 5, 31)
    assert um_jahre_verschoben(datetime.date(2023, 10, 31), -2) == datetime.date(2021, 10, 31)
    assert um_jahre_verschoben(datetime.date(2024, 2, 29), 1) == datetime.date(2025, 2, 28)
    assert um_jahre_verschoben(datetime.date(2024, 2, 29), 4) == datetime.date(2028, 2, 29)
