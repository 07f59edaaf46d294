"""``manage.py update_catalogues``: refresh locale/de and locale/en after strings changed.

German is the source language (msgids are German), so the German catalogue is filled with the
msgids themselves; the English catalogue keeps its translations and lists new strings empty for a
translator. Needs GNU gettext (xgettext), like Django's makemessages. Developers only.
"""

from pathlib import Path

from babel.messages.pofile import read_po, write_po
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

IGNORE = [".venv/*", "var/*", "node_modules/*", "tests/*"]


class Command(BaseCommand):
    help = "Runs makemessages for de and en and fills the German catalogue from the German msgids."

    def handle(self, *args, **options):
        call_command(
            "makemessages", locale=["de", "en"], ignore_patterns=IGNORE, no_obsolete=True, verbosity=0
        )
        path = Path(settings.BASE_DIR) / "locale" / "de" / "LC_MESSAGES" / "django.po"
        with path.open("rb") as f:
            catalog = read_po(f, locale="de")
        catalog.fuzzy = False
        for message in catalog:
            if message.id:
                message.string = message.id
                message.flags.discard("fuzzy")
        with path.open("wb") as f:
            write_po(f, catalog, width=100)
        untranslated = self.untranslated("en")
        self.stdout.write(f"Catalogues updated; English strings without translation: {untranslated}")

    def untranslated(self, lang: str) -> int:
        path = Path(settings.BASE_DIR) / "locale" / lang / "LC_MESSAGES" / "django.po"
        with path.open("rb") as f:
            catalog = read_po(f, locale=lang)
        return sum(
            1
            for m in catalog
            if m.id
            and (not m.string or "fuzzy" in m.flags or (isinstance(m.string, tuple) and not all(m.string)))
        )
