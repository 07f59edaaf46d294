"""Private file storage: evidence (council resolutions, later proofs) lives outside the web root and is
served only by views that check permission (``Entscheidung.objects.visible_to``)."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage():
    return FileSystemStorage(location=settings.PRIVATE_ROOT, base_url=None)
