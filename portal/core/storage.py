"""Private file storage: evidence (council resolutions, later proofs) lives outside the web root and is
served only by views that check permission (``Entscheidung.objects.visible_to``)."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


def private_storage():
    return FileSystemStorage(location=settings.PRIVATE_ROOT, base_url=None)


class StatischeDateien(CompressedManifestStaticFilesStorage):
    """WhiteNoise's hashed, compressed static files – tolerant of a library stylesheet that names a
    file the library does not ship (viewflow's Roboto CSS lists font weights it leaves out), which would
    otherwise stop ``collectstatic`` in production."""

    def hashed_name(self, name, content=None, filename=None):
        try:
            return super().hashed_name(name, content, filename)
        except ValueError:
            return name
