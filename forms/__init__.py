"""django-formtools wizards and the forms they use."""
