"""viewflow processes, one package per process (opt-in decision, transfer, proof of use)."""
