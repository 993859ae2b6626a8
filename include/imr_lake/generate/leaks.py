"""Sentences that leak identifiers into a case summary, where real summaries leak them.

A registry of (chance per summary paragraph, sentence maker); each maker plants what it
prints through the case.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from imr_lake.generate.case import Case


def _leak_employer(case: Case) -> str:
    employer = case.plant("employer", case.employer)
    return f"The patient works for {employer} and was injured lifting boxes."


def _leak_phone(case: Case) -> str:
    return f"The office can be reached at {case.plant('phone', case.faker.phone())}."


def _leak_fax(case: Case) -> str:
    return f"The request was faxed from {case.plant('fax', case.faker.phone())}."


def _leak_insurer(case: Case) -> str:
    return (
        f"The claims administrator, {case.plant('insurer', case.insurer)}, referred the "
        "request to utilization review."
    )


def _leak_adj(case: Case) -> str:
    return f"The case is before the WCAB under {case.plant('adj_number', case.adj_number)}."


def _leak_address(case: Case) -> str:
    street, city, zip_code = case.address
    return (
        f"The patient lives at {case.plant('address', street)}, {case.plant('city', city)}, "
        f"CA {case.plant('zip', zip_code)} and drives to appointments."
    )


def _leak_email(case: Case) -> str:
    return f"Records were sent by email to {case.plant('email', case.faker.email(case.adjuster))}."


def _leak_attorney(case: Case) -> str:
    name = case.name(case.attorney)
    return (
        f"The applicant's attorney {name} requested an expedited review."
        if name
        else ("The applicant's attorney requested an expedited review.")
    )


def _leak_mrn(case: Case) -> str:
    return f"The hospital chart ({case.plant('mrn', case.faker.mrn())}) was reviewed."


def _leak_ssn(case: Case) -> str:
    return f"The intake form lists the SSN as {case.plant('ssn', case.faker.ssn())}."


LEAKS = (
    (0.2, _leak_employer),
    (0.08, _leak_phone),
    (0.05, _leak_fax),
    (0.08, _leak_insurer),
    (0.05, _leak_adj),
    (0.04, _leak_address),
    (0.03, _leak_email),
    (0.08, _leak_attorney),
    (0.03, _leak_mrn),
    (0.01, _leak_ssn),
)
