"""Verwendungsnachweis: after the Förderjahr, every recipient proves how the money was used (narrative
and numbers); the coordinating office checks it, records the Prüfvermerk and, for a surplus, a
Rückforderung that finance tracks to settlement."""
