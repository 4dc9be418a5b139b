"""The kinds of identifier the guard finds, and a `Finding`: what, where, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass

NHS_NUMBER = "nhs_number"

PHONE = "phone"

EMAIL = "email"

POSTCODE = "postcode"

ADDRESS = "address"

NI_NUMBER = "ni_number"

DATE_OF_BIRTH = "date_of_birth"

NAME = "name"

CASE_REFERENCE = "case_reference"

KINDS = (
    NHS_NUMBER, PHONE, EMAIL, POSTCODE, ADDRESS, NI_NUMBER, DATE_OF_BIRTH, NAME, CASE_REFERENCE,
)  # fmt: skip

LABELS = {
    NHS_NUMBER: "NHS number",
    PHONE: "phone number",
    EMAIL: "email address",
    POSTCODE: "postcode",
    ADDRESS: "street address",
    NI_NUMBER: "National Insurance number",
    DATE_OF_BIRTH: "date of birth",
    NAME: "name",
    CASE_REFERENCE: "case reference number",
}

_ADVICE = {
    NHS_NUMBER: "Refer to the person by their role or a pseudonym instead.",
    PHONE: "Name the service or role that was phoned instead (e.g. 'rang the housing team').",
    EMAIL: "Name the service or role instead (e.g. 'emailed the duty social worker').",
    ADDRESS: (
        "Leave out where the person lives; say 'a flat in the area' or name the service instead."
    ),
    NI_NUMBER: "Leave it out; describe the benefit or process involved instead.",
    DATE_OF_BIRTH: "Give an age band instead (e.g. 'in their 40s').",
    NAME: "Use a role ('the person', 'their support worker') or the participant's pseudonym.",
    CASE_REFERENCE: (
        "Leave it out: say which system or service holds the record (e.g. 'the council's case "
        "record') instead."
    ),
}


@dataclass(frozen=True)
class Finding:
    """One identifier found in a text: its kind and the exact span `text[start:end]`."""

    kind: str
    start: int
    end: int
    text: str

    @property
    def label(self) -> str:
        return LABELS[self.kind]

    @property
    def advice(self) -> str:
        if self.kind == POSTCODE:
            outward = "".join(self.text.split()).upper()[:-3]
            return f"Name the area or service instead (e.g. 'the {outward} area')."
        return _ADVICE[self.kind]

    @property
    def message(self) -> str:
        return (
            f"Remove the {self.label} “{self.text}” — learning records must not hold "
            f"identifiers. {self.advice}"
        )
