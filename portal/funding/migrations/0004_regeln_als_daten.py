"""Rules that were code become parameters of the programme and of each Förderjahr (ARCHITECTURE.md,
principle 1): the start of the Kennzahlen window and of the proof of use, the maximum VZÄ per position,
the plausibility limit of a Kennzahl, the financing type that decides the Rückforderung, and the
payment term and interest note of a Rückforderung. Existing rows get today's behaviour."""

import datetime
from decimal import Decimal

import django.core.validators
from django.db import migrations, models

import portal.funding.models


def bisherige_werte(apps, schema_editor):
    """Kennzahlen from 1 January of the year, the proof of use from the day after it ends."""
    for model, jahr_feld in (("Foerderprogramm", "referenzjahr"), ("Foerderjahr", "jahr")):
        for obj in apps.get_model("funding", model).objects.all():
            jahr = getattr(obj, jahr_feld)
            obj.beginn_kennzahlen = datetime.date(jahr, 1, 1)
            obj.beginn_verwendungsnachweis = datetime.date(jahr + 1, 1, 1)
            obj.save(update_fields=["beginn_kennzahlen", "beginn_verwendungsnachweis"])


def felder(model):
    return [
        migrations.AddField(
            model_name=model,
            name="beginn_kennzahlen",
            field=models.DateField(
                null=True,
                help_text="In der Regel der erste Tag des Förderjahres.",
                verbose_name="Kennzahlen erfassbar ab",
            ),
        ),
        migrations.AddField(
            model_name=model,
            name="beginn_verwendungsnachweis",
            field=models.DateField(
                null=True,
                help_text="Ab diesem Tag werden die Verwendungsnachweise angelegt; in der Regel nach dem Jahresende.",
                verbose_name="Verwendungsnachweis ab",
            ),
        ),
        migrations.AddField(
            model_name=model,
            name="max_vzae_pro_stelle",
            field=models.DecimalField(
                decimal_places=2,
                default=Decimal("1.00"),
                max_digits=3,
                validators=[
                    django.core.validators.MinValueValidator(Decimal("0.01")),
                    django.core.validators.MaxValueValidator(Decimal("2.00")),
                ],
                verbose_name="Höchst-VZÄ je Stelle",
            ),
        ),
        migrations.AddField(
            model_name=model,
            name="kennzahl_hoechstwert",
            field=models.PositiveIntegerField(
                default=100000,
                help_text="Größere Werte weist das Formular als unplausibel zurück.",
                validators=[django.core.validators.MinValueValidator(1)],
                verbose_name="Höchstwert einer Kennzahl",
            ),
        ),
        migrations.AddField(
            model_name=model,
            name="finanzierungsart",
            field=models.CharField(
                choices=portal.funding.models.Finanzierungsart.choices,
                default="festbetrag",
                max_length=20,
                verbose_name="Finanzierungsart",
            ),
        ),
        migrations.AddField(
            model_name=model,
            name="foerderanteil_prozent",
            field=models.DecimalField(
                decimal_places=2,
                default=Decimal("100.00"),
                help_text="Nur bei Anteilfinanzierung.",
                max_digits=5,
                validators=[
                    django.core.validators.MinValueValidator(Decimal("0.01")),
                    django.core.validators.MaxValueValidator(Decimal("100.00")),
                ],
                verbose_name="Förderanteil (Prozent der Ausgaben)",
            ),
        ),
        migrations.AddField(
            model_name=model,
            name="rueckforderung_zahlungsfrist_tage",
            field=models.PositiveSmallIntegerField(
                default=30,
                validators=[django.core.validators.MaxValueValidator(365)],
                verbose_name="Zahlungsfrist einer Rückforderung (Tage)",
            ),
        ),
        migrations.AddField(
            model_name=model,
            name="rueckforderung_zinshinweis",
            field=models.TextField(
                default=portal.funding.models.ZINSHINWEIS, verbose_name="Zinshinweis der Rückforderung"
            ),
        ),
    ]


def pflicht(model):
    return [
        migrations.AlterField(
            model_name=model,
            name="beginn_kennzahlen",
            field=models.DateField(
                help_text="In der Regel der erste Tag des Förderjahres.",
                verbose_name="Kennzahlen erfassbar ab",
            ),
        ),
        migrations.AlterField(
            model_name=model,
            name="beginn_verwendungsnachweis",
            field=models.DateField(
                help_text="Ab diesem Tag werden die Verwendungsnachweise angelegt; in der Regel nach dem Jahresende.",
                verbose_name="Verwendungsnachweis ab",
            ),
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0003_mittelverteilung_verteilungsanteil_and_more"),
    ]

    operations = [
        *felder("foerderprogramm"),
        *felder("foerderjahr"),
        migrations.RunPython(bisherige_werte, migrations.RunPython.noop),
        *pflicht("foerderprogramm"),
        *pflicht("foerderjahr"),
    ]
