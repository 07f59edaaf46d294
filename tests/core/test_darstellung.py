"""Numbers and dates, one way (portal.core.darstellung): German first, English when the page is English,
and typed amounts read without guessing."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation

from portal.core import darstellung as d
from portal.core.felder import AnzahlField, DatumsFeld, EuroField

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def test_money_decimals_percent_dates_in_german():
    with translation.override("de"):
        assert d.geld(Decimal("1234.56")) == "1.234,56\u00a0€"
        assert d.geld(Decimal("33605.7200000000")) == "33.605,72\u00a0€"
        assert d.geld(Decimal("0.005")) == "0,01\u00a0€"  # half up to the cent
        assert d.geld(Decimal("1199249.60"), symbol=False) == "1.199.249,60"
        assert d.geld(None) == "–"
        assert d.dezimal(Decimal("0.5")) == "0,5"
        assert d.dezimal(Decimal("1")) == "1,0"
        assert d.dezimal(Decimal("0.75")) == "0,75"
        assert d.anzahl(100000) == "100.000"
        assert d.prozent(Decimal("0.255")) == "25,5\u00a0%"
        assert d.datum(datetime.date(2026, 5, 31)) == "31.05.2026"
        # 22:30 UTC on 31 May is already 1 June in Berlin
        spaet = datetime.datetime(2026, 5, 31, 22, 30, tzinfo=datetime.UTC)
        assert d.datum(spaet) == "01.06.2026"
        assert d.zeitpunkt(spaet) == "01.06.2026, 00:30 Uhr"


def test_english_forms():
    with translation.override("en"):
        assert d.geld(Decimal("1234.56")) == "€1,234.56"
        assert d.dezimal(Decimal("0.5")) == "0.5"
        assert d.datum(datetime.date(2026, 5, 31)) == "31 May 2026"
        assert d.datum_lang(datetime.date(2026, 12, 3)) == "3 December 2026"
    assert d.datum_lang(datetime.date(2026, 12, 3)) == "3. Dezember 2026"


def test_template_filters_need_no_load():
    html = Template("{{ b|geld }} | {{ v|dezimal }} VZÄ | {{ t|datum }} | {{ n|anzahl }}").render(
        Context({"b": Decimal("1234.5"), "v": Decimal("0.50"), "t": datetime.date(2027, 1, 31), "n": 1234})
    )
    assert html == "1.234,50\u00a0€ | 0,5 VZÄ | 31.01.2027 | 1.234"


@pytest.mark.parametrize(
    ("eingabe", "wert"),
    [
        ("1.234 €", Decimal("1234")),
        ("1.234,56", Decimal("1234.56")),
        ("1234,56", Decimal("1234.56")),
        ("100.000,00", Decimal("100000.00")),
        ("100000.00", Decimal("100000.00")),
        ("1.234.567,89 EUR", Decimal("1234567.89")),
        ("0,01", Decimal("0.01")),
        ("12.5", Decimal("12.5")),
        (" 5 000,00 ", Decimal("5000.00")),
    ],
)
def test_amounts_as_typed_in_germany(eingabe, wert):
    assert d.geld_lesen(eingabe) == wert
    assert EuroField().clean(eingabe) == wert


@pytest.mark.parametrize(
    ("eingabe", "meldung"),
    [
        ("1,234.56", "mehrdeutig"),
        ("1.23.456", "mehrdeutig"),
        ("1,2,3", "höchstens ein Komma"),
        ("zwölf", "Zahl"),
        ("1e9", "Zahl"),  # an exponent is no amount
        ("９９", "Zahl"),  # full-width digits
        ("٩٩", "Zahl"),  # Arabic-Indic digits
    ],
)
def test_ambiguous_or_wrong_amounts_are_refused_with_a_reason(eingabe, meldung):
    with translation.override("de"), pytest.raises(d.Eingabefehler, match=meldung):
        d.geld_lesen(eingabe)


def test_the_form_field_names_the_ambiguity_and_keeps_its_own_messages_otherwise():
    from django.core.exceptions import ValidationError

    feld = EuroField(error_messages={"invalid": "Bitte einen Betrag in Euro angeben."})
    with translation.override("de"):
        with pytest.raises(ValidationError, match="mehrdeutig"):
            feld.clean("1,234.56")
        with pytest.raises(ValidationError, match="Bitte einen Betrag in Euro angeben"):
            feld.clean("zwölf")
        with pytest.raises(ValidationError, match="2 Dezimalstellen|Nachkommastellen"):
            feld.clean("1,234")


def test_more_decimals_than_cents_are_refused():
    with translation.override("de"), pytest.raises(d.Eingabefehler, match="Höchstens 2 Nachkommastellen"):
        d.geld_lesen("1,234")


def test_euro_field_shows_amounts_the_way_it_reads_them():
    feld = EuroField()
    with translation.override("de"):
        assert feld.prepare_value(Decimal("100000.00")) == "100.000,00"
        assert feld.clean(feld.prepare_value(Decimal("100000.00"))) == Decimal("100000.00")
    with translation.override("en"):
        assert feld.prepare_value(Decimal("100000.00")) == "100000.00"
        assert feld.clean("100000.00") == Decimal("100000.00")


def test_counts_refuse_what_a_number_input_would_cut_off():
    from django.core.exceptions import ValidationError

    feld = AnzahlField(min_value=0)
    assert feld.clean("100.000") == 100000
    assert feld.clean("100.000,00") == 100000
    assert feld.clean("42") == 42
    with translation.override("de"):
        for falsch in ("100,5", "1.5", "1.23.4"):
            with pytest.raises(ValidationError, match="(?i)ganze Zahl"):
                feld.clean(falsch)
    assert 'type="text"' in feld.widget.render("x", None) and 'inputmode="numeric"' in feld.widget.render(
        "x", None
    )


@pytest.mark.parametrize("eingabe", ["31.05.2027", "31.5.2027", "31.05.27", "2027-05-31", " 31.05.2027 "])
def test_a_date_field_reads_german_and_iso_dates_in_every_language(eingabe):
    """#19: dates are typed and shown as TT.MM.JJJJ whatever the browser's or the portal's language."""

    for sprache in ("de", "en"):
        with translation.override(sprache):
            assert DatumsFeld().clean(eingabe) == datetime.date(2027, 5, 31)


def test_a_date_field_shows_tt_mm_jjjj_and_refuses_an_american_date():
    from django import forms

    class F(forms.Form):
        frist = DatumsFeld(label="Frist")

    with translation.override("en"):
        html = str(F(initial={"frist": datetime.date(2027, 5, 31)})["frist"])
    assert 'type="text"' in html and 'value="31.05.2027"' in html
    form = F({"frist": "05/31/2027"})
    assert not form.is_valid() and form.errors["frist"] == ["Bitte das Datum als TT.MM.JJJJ angeben."]
    assert F({"frist": "05/31/2027"})["frist"].value() == "05/31/2027"  # what was typed stays


@pytest.mark.parametrize("eingabe", ["01.01.70", "01.01.0202", "31.02.2027", "05/31/2027"])
def test_a_date_field_refuses_dates_outside_the_century_and_impossible_ones(eingabe):
    form_feld = DatumsFeld()
    with pytest.raises(ValidationError) as fehler:
        form_feld.clean(eingabe)
    assert fehler.value.messages == ["Bitte das Datum als TT.MM.JJJJ angeben."]
