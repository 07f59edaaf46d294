"""Die Entscheidung bis 31. Mai: each Gemeinde opts in (alone or in a Verbund) or leaves the work with
the Landkreis. Records in ``models``, state changes in ``services``, the viewflow graph in ``flows``."""
