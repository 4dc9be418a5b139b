"""Privacy guard: keeps direct identifiers out of learning records.

`privacy.guard` and `privacy.labels` are pure Python (no Django), so importers and benchmarks can
use them without settings; `privacy.forms` and `privacy.validators` wrap them for Django.
"""
