"""One way to show a service's refusal in a form: a ``ValidationError`` from a door (``services.py``)
goes next to the field it names, everything else above the form; what the user typed stays."""

from django.core.exceptions import ValidationError


def fehler_ins_formular(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)
