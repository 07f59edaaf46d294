"""A django-formtools storage that keeps a wizard's data on a record in the database instead of the
session, so a draft survives logout and can be resumed from another browser by a colleague.

The wizard view sets ``request.wizard_record`` (a model instance with a JSONField ``entwurf``) before
formtools creates the storage."""

from formtools.wizard.storage.base import BaseStorage


class EntwurfStorage(BaseStorage):
    def __init__(self, prefix, request=None, file_storage=None):
        super().__init__(prefix, request, file_storage)
        self.record = request.wizard_record
        stored = (self.record.entwurf or {}).get(self.prefix)
        self._data = None
        if stored:
            self._data = stored
        else:
            self.init_data()

    def _get_data(self):
        return self._data

    def _set_data(self, value):
        self._data = value

    data = property(_get_data, _set_data)

    @property
    def has_draft(self) -> bool:
        return bool(
            self._data and (self._data.get(self.step_data_key) or self._data.get(self.step_files_key))
        )

    def save(self) -> None:
        """Write the draft to the record (only that column, so nothing else is overwritten)."""
        entwurf = {self.prefix: self._data} if self.has_draft else {}
        type(self.record).objects.filter(pk=self.record.pk).update(entwurf=entwurf)
        self.record.entwurf = entwurf

    def update_response(self, response):
        if self.request.method == "POST":
            self.save()
        super().update_response(response)
