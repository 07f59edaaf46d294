"""Which deadline dates apply to a reader: the published Förderjahr of their Kreis, else the
programme's default shifted to that year (marked as not yet binding).

The selection is a pure function (``naechste_termine``) over plain dicts; the database part only
collects the inputs. Used by the home page, the Fristen page, the iCalendar feed and the deadline
block of the guidance pages.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q

from portal.funding.fristen import um_jahre_verschoben
from portal.funding.models import Foerderjahr, Foerderprogramm, Frist

#: Deadlines of year N lie between N-2 and N+1, so these years cover everything ahead of "today".
YEARS_BEFORE, YEARS_AFTER = 1, 3


@dataclass(frozen=True)
class Termin:
    schluessel: str  # the deadline field of the Förderjahr (``Frist``)
    bezeichnung: str
    datum: datetime.date
    jahr: int  # the Förderjahr the deadline belongs to
    verbindlich: bool  # from a published Förderjahr (else: programme default)


def programme_dates(programm: Foerderprogramm, jahr: int) -> dict[str, datetime.date]:
    shift = jahr - programm.referenzjahr
    return {f.value: um_jahre_verschoben(getattr(programm, f.value), shift) for f in Frist}


def year_dates(fj: Foerderjahr) -> dict[str, datetime.date]:
    return {f.value: getattr(fj, f.value) for f in Frist}


def termine_im_jahr(jahr: int, published: dict[int, dict], defaults: dict[int, dict]) -> list[Termin]:
    """All deadlines of Förderjahr ``jahr``: published dates where there are any, else defaults."""
    dates, binding = (published[jahr], True) if jahr in published else (defaults[jahr], False)
    rows = [Termin(f.value, str(f.label), dates[f.value], jahr, binding) for f in Frist]
    return sorted(rows, key=lambda t: t.datum)


def naechste_termine(
    today: datetime.date, published: dict[int, dict], defaults: dict[int, dict]
) -> list[Termin]:
    """For each kind of deadline, the next one on or after ``today`` (soonest first)."""
    result = []
    for frist in Frist:
        for jahr in sorted(defaults):
            dates, binding = (published[jahr], True) if jahr in published else (defaults[jahr], False)
            if dates[frist.value] >= today:
                result.append(Termin(frist.value, str(frist.label), dates[frist.value], jahr, binding))
                break
    return sorted(result, key=lambda t: t.datum)


# --- database side ------------------------------------------------------------------------------------
def aktuelles_programm(today: datetime.date) -> Foerderprogramm | None:
    valid = Foerderprogramm.objects.filter(gueltig_ab__lte=today).filter(
        Q(gueltig_bis__isnull=True) | Q(gueltig_bis__gte=today)
    )
    return valid.order_by("-gueltig_ab").first() or Foerderprogramm.objects.order_by("-gueltig_ab").first()


def inputs(kreis, years: range, programm: Foerderprogramm | None = None, today: datetime.date | None = None):
    """(published, defaults) dicts for ``years``; published only for ``kreis`` (may be None)."""
    programm = programm or aktuelles_programm(today or datetime.date.today())
    if programm is None:
        return {}, {}
    defaults = {jahr: programme_dates(programm, jahr) for jahr in years}
    published = {}
    if kreis is not None:
        for fj in Foerderjahr.objects.filter(
            kreis=kreis,
            jahr__in=list(years),
            status__in=[Foerderjahr.Status.VEROEFFENTLICHT, Foerderjahr.Status.ABGESCHLOSSEN],
        ):
            published[fj.jahr] = year_dates(fj)
    return published, defaults


def naechste_fristen(kreis, today: datetime.date) -> list[Termin]:
    years = range(today.year - YEARS_BEFORE, today.year + YEARS_AFTER + 1)
    published, defaults = inputs(kreis, years, today=today)
    return naechste_termine(today, published, defaults) if defaults else []
