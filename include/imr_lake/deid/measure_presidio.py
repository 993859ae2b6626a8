"""Corpus (b): presidio-evaluator's templates and values, recall per identifier kind.

    python -m imr_lake.deid.measure_presidio [--count 6000] [--seed 20261202] [--examples]

PyPI `presidio-evaluator` (0.3.2, `eval` dependency group: never imported by a run) ships
~200 sentence templates, ~22,000 company and organisation names and 3,000 fake identities
(FakeNameGenerator records: names, street addresses, cities, phones, e-mails, birthdays).
Its own `PresidioSentenceFaker` fills two template sets with its values:
- its templates (`templates.txt`: chat and form sentences, international addresses);
- ours: sentences of the kind IMR letters write (`LETTER_TEMPLATES`, written for this
  measurement, not by the generator), in its `{{kind}}` syntax.
Names are kept in their written case (`lower_case_ratio` 0) for the headline rows; a row
with its default of 5 % lower-cased names shows what the closed-world layer cannot see.
Its literal `\\n` in address templates becomes a line break. Each sample is scrubbed alone
(no letter context) and scored by `imr_lake.deid.evaluate`.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import io
import random
from collections.abc import Sequence
from unittest import mock

from imr_lake.deid.evaluate import (
    OTHER_IDENTIFIER,
    Plant,
    Sample,
    Score,
    System,
    ours,
    recall_table,
    score,
)

_PERSON = """person name first_name last_name name_male name_female first_name_male
    first_name_female last_name_male last_name_female first_name_nonbinary""".split()
_ADDRESS = "address street_name building_number secondary_address postcode zipcode city".split()
_OTHER = "credit_card_number iban ssn ip_address url us_driver_license".split()
KIND_OF = {
    **dict.fromkeys(_PERSON, "person"),
    **dict.fromkeys(_ADDRESS, "address"),
    **dict.fromkeys(_OTHER, OTHER_IDENTIFIER),
    "organization": "organisation",
    "phone_number": "phone",
    "email": "email",
    "date_time": "date",
    "date_of_birth": "date",
}
# Letter sentences for its values (ours; none of them is a generator phrase).
LETTER_TEMPLATES = (
    "A co-worker, {{person}}, who reported it to the supervisor, witnessed the fall.",
    "The patient was seen by {{person}} for a follow-up of the lumbar spine.",
    "Per the progress report of {{name}}, the pain was rated 7/10.",
    "{{person}} recommended physical therapy twice a week for six weeks.",
    "She lives with her sister, {{first_name}} {{last_name}}, who drives her to visits.",
    "The applicant's attorney, {{prefix_male}} {{last_name_male}}, requested the records.",
    "The employer at the time of injury was {{organization}}.",
    "A utilization review determination by {{organization}} denied the request.",
    "He worked for {{organization}} as a warehouse associate for eleven years.",
    "The claim is administered by {{organization}} on behalf of the employer.",
    "Records from {{organization}} were reviewed, including the operative report.",
    "The injured worker lives at {{address}}.",
    "Records were mailed to {{building_number}} {{street_name}}, {{city}}.",
    "She moved to {{city}} after the injury and now treats there.",
    "The adjuster can be reached at {{phone_number}} for questions.",
    "Call the office at {{phone_number}} to schedule the evaluation.",
    "The report was sent by e-mail to {{email}} on request.",
    "Questions about this claim may be sent to {{email}}.",
    "The applicant, born {{date_of_birth}}, injured the right shoulder lifting boxes.",
    "The patient was seen on {{date_of_birth}} for a re-evaluation of the knee.",
)


def samples(
    count: int, seed: int, *, templates: Sequence[str] | None, lower_case_ratio: float = 0.0
) -> list[Sample]:
    """Filled sentences with their plants (the faker's labelled values)."""
    from faker.providers import date_time as faker_dates
    from presidio_evaluator.data_generator import (
        PresidioSentenceFaker,
        presidio_additional_entity_providers,
    )

    # Its hospital provider downloads a list from Wikipedia when built; no template here
    # names a hospital, and nothing may be downloaded.
    providers = [
        p for p in presidio_additional_entity_providers if p.__name__ != "HospitalProvider"
    ]

    # Its `random_seed` seeds the faker only after its identities are read, and reading
    # them draws middle initials from the unseeded `random` module; its date-times end at
    # the clock's now. Both are fixed so that two processes draw the same sample.
    random.seed(seed)
    with (
        contextlib.redirect_stdout(io.StringIO()),
        contextlib.redirect_stderr(io.StringIO()),
        mock.patch.object(faker_dates, "datetime", _FixedNow),
    ):
        faker = PresidioSentenceFaker(
            "en_US",
            lower_case_ratio=lower_case_ratio,
            sentence_templates=list(templates) if templates else None,
            entity_providers=providers,
            entity_type_mapping={"person": "person"},  # keep its fine-grained kinds
            random_seed=seed,
        )
        filled = faker.generate_new_fake_sentences(num_samples=count)
    out = []
    for item in filled:
        text = item.full_text.replace("\\n", "\n")
        plants = [
            Plant(_kind(s.entity_type.lower(), s.entity_value), s.entity_value) for s in item.spans
        ]
        out.append(Sample(text, plants))
    return out


class _FixedNow(datetime.datetime):
    """Faker's `now`, fixed: its date-times are drawn between 1970 and now."""

    @classmethod
    def now(cls, tz: datetime.tzinfo | None = None) -> _FixedNow:
        return cls(2026, 1, 1, tzinfo=tz)


def _kind(label: str, value: str) -> str:
    if label == "age":
        return OTHER_IDENTIFIER if value.isdigit() and int(value) >= 90 else ""
    return KIND_OF.get(label, "")


def corpora(count: int, seed: int) -> dict[str, list[Sample]]:
    """The rows of the table: its templates, ours, and its templates with lower-cased names."""
    return {
        "its templates": samples(count, seed, templates=None),
        "letter sentences (ours)": samples(count, seed + 1, templates=LETTER_TEMPLATES),
        "its templates, 5% names lower-cased": samples(
            count, seed + 2, templates=None, lower_case_ratio=0.05
        ),
    }


def measure(system: System, count: int, seed: int, examples: int = 0) -> list[tuple[str, Score]]:
    return [
        (name, score(system, corpus, examples=examples))
        for name, corpus in corpora(count, seed).items()
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m imr_lake.deid.measure_presidio")
    parser.add_argument("--count", type=int, default=6000, help="sentences per row")
    parser.add_argument("--seed", type=int, default=20261202)
    parser.add_argument("--examples", action="store_true", help="print leaks and over-scrubs")
    args = parser.parse_args(argv)
    rows = measure(ours(), args.count, args.seed, examples=40 if args.examples else 0)
    print(recall_table(rows))
    if args.examples:
        for name, result in rows:
            print(f"\n{name}: leaks", *result.leak_examples, sep="\n  ")
            print(
                "over-scrubbed:",
                *(f"{n} x {t!r}" for t, n in result.false_examples.most_common(30)),
                sep="\n  ",
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
