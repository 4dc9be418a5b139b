"""Find direct identifiers in free text before it becomes a learning record.

Pure Python on purpose: forms, model validators, importers and benchmarks all share it, and none of
them should need Django settings to scan a string. See docs/privacy.md for what is (and is not)
detected. The modules, by job:

- `normalise`: what was typed read as a reader sees it, findings mapped back to the typed text;
- `scan`: the public scan, running every detector in order of precedence;
- `findings`: the kinds of identifier and the `Finding` with its message;
- `text`: helpers and per-check caches shared by the detectors;
- `emails`, `numbers` (NHS, NI, phone), `dates` (dates of birth), `places` (postcodes,
  addresses), `references` (case reference numbers): one identifier family each;
- `name_words`, `person_cues`, `names_titled`, `names_full`, `names_context`: names.
"""

from privacy.guard.findings import (
    ADDRESS,
    CASE_REFERENCE,
    DATE_OF_BIRTH,
    EMAIL,
    KINDS,
    LABELS,
    NAME,
    NHS_NUMBER,
    NI_NUMBER,
    PHONE,
    POSTCODE,
    Finding,
)
from privacy.guard.numbers import is_valid_nhs_number, nhs_check_digit
from privacy.guard.scan import (
    contains_identifiers,
    find_identifiers,
    find_identifiers_in_plain_text,
)

__all__ = [
    "ADDRESS",
    "CASE_REFERENCE",
    "DATE_OF_BIRTH",
    "EMAIL",
    "KINDS",
    "LABELS",
    "NAME",
    "NHS_NUMBER",
    "NI_NUMBER",
    "PHONE",
    "POSTCODE",
    "Finding",
    "contains_identifiers",
    "find_identifiers",
    "find_identifiers_in_plain_text",
    "is_valid_nhs_number",
    "nhs_check_digit",
]
