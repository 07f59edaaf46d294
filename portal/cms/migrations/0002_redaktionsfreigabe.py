"""Wagtail's default moderation is named after its group ("Moderators approval"), so the editor's button
read "In Moderators approval einreichen" (#19). The workflow and its task get a German name."""

from django.db import migrations

ALT = "Moderators approval"
NEU = "Redaktionsfreigabe"


def umbenennen(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=ALT).update(name=NEU)
    apps.get_model("wagtailcore", "Task").objects.filter(name=ALT).update(name=NEU)


def zurueck(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=NEU).update(name=ALT)
    apps.get_model("wagtailcore", "Task").objects.filter(name=NEU).update(name=ALT)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(umbenennen, zurueck)]
