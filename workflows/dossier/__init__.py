"""Die Prüfakte: the audit dossier of a Förderjahr, one ZIP from every process (reads all three)."""
