"""Address kinds by their definition: street lines of any country and the block after
them, postal codes of other countries' shapes, non-Latin words, towns in capitals.

The texts are written here (no value of an evaluation corpus); each case says which part
of the definition it holds to, and the clinical ones must stay whole.
"""

from __future__ import annotations

import pytest
from imr_lake.deid.recognizers import (
    AddressLineRecognizer,
    CityRecognizer,
    NonLatinRecognizer,
    Recognizer,
    StreetAddressRecognizer,
    ZipCodeRecognizer,
)
from imr_lake.deid.text import Scrubber, merge


def found(recognizer: Recognizer, text: str, *, merged: bool = True) -> list[str]:
    """What the recognizer finds; `merged`: overlaps and neighbours joined as the Scrubber
    joins them, else each part of an address block on its own."""
    spans = recognizer.analyze(text)
    return [text[s.start : s.end] for s in (merge(spans, text) if merged else spans)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # house number first, a street type of another language, lower-case words in it
        ("He lives at 14 rue des Lilas, Lyon.", ["14 rue des Lilas", "Lyon"]),
        # street words first, then the number (most of Europe), the town line after it
        ("Sent to Kvarnbacken 7\nÖSTRAND\nSweden 85461", ["Kvarnbacken 7", "ÖSTRAND", "85461"]),
        # a number on both sides of a name no vocabulary holds
        ("at 3310 Zrinjevac 12, Osijek", ["3310 Zrinjevac 12", "Osijek"]),
        # a unit, a region code and a postal code on the lines after the street
        (
            "Lives at 18 Tamsin Rise\n Apt. 4\n Wendlebury, OX25 7PQ",
            ["18 Tamsin Rise", "Apt. 4", "Wendlebury", "OX25 7PQ"],
        ),
        # the country and a US state stay
        ("at 12 Korsvei 4, Bergen, Norway", ["12 Korsvei 4", "Bergen"]),
        # clinical text with numbers and capitalised words stays
        ("He completed 12 Physical Therapy sessions, then Norco 10/325 mg.", []),
        ("ACOEM Guidelines, Chapter 12 Low Back Complaints, pages 308-310", []),
        ("Page(s): 127\nMTUS 2016", []),
        ("flexion to 45 degrees. Current medications", []),
        ("Tramadol ER 150mg #30", []),
        ("In 2019 Hoffmann began treatment.", []),  # a year is no house number
    ],
)
def test_address_line(text: str, expected: list[str]) -> None:
    assert found(AddressLineRecognizer(), text, merged=False) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Αθηνών 41, ΛΕΥΚΩΣΙΑ", ["Αθηνών", "ΛΕΥΚΩΣΙΑ"]),  # Greek, capitals too
        ("lives with Иван Петров now", ["Иван Петров"]),  # a Cyrillic run is one span
        ("ΑΡΑ∆ΙΠΠΟΥ", ["ΑΡΑ∆ΙΠΠΟΥ"]),  # the increment sign some fonts put for a delta
        ("TNF-α, a β-blocker and 5 μg of it", []),  # single letters are clinical
    ],
)
def test_non_latin(text: str, expected: list[str]) -> None:
    assert found(NonLatinRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My postcode is PH36 9QH", ["PH36 9QH"]),  # United Kingdom, labelled
        ("sent to S4P 3Y2 today", ["S4P 3Y2"]),  # Canada, its own shape
        ("Netherlands 72261", ["72261"]),  # a country without its article
        ("Cyprus (Greek) 10313", ["10313"]),  # a country, a note, the code
        ("moved to Zalučje 48860 in May", ["48860"]),  # after a place no list holds
        ("a job in Brdarica 910 20 now", ["910 20"]),  # Swedish-style digit groups
        ("as Chou 2009 found", []),  # a year after a name is a citation
        ("Lyrica 75 mg and Norco 10/325", []),  # doses
        ("Physical Therapy 1234 units", []),  # known words
    ],
)
def test_postal_codes(text: str, expected: list[str]) -> None:
    assert found(ZipCodeRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the corner of Zrinjevac and Kucharski Knoll", ["Kucharski Knoll"]),  # USPS type
        ("1436 Redbud Drive", ["1436 Redbud Drive"]),
        ("seen at the Pain Center and Kaiser Park", ["Kaiser Park"]),  # a clinical word
        ("3 Pain Management Center visits", []),  # `Center` after clinical words
    ],
)
def test_street_types(text: str, expected: list[str]) -> None:
    assert found(StreetAddressRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She moved to GRUMS after the injury", ["GRUMS"]),  # capitals: 500 people or more
        ("My friend lives in Chicago", ["Chicago"]),  # a million people, a common word
        ("PLAN: continue", []),  # a heading is no town
        ("She moved to Orange", []),  # an everyday word under a million people
    ],
)
def test_city_capitals_and_large(text: str, expected: list[str]) -> None:
    assert found(CityRecognizer(), text) == expected


def test_scrubber_replaces_the_whole_block_and_keeps_the_country() -> None:
    text = "The worker lives at 27 Ulica Lipowa 5\n Apt. 2\n Wąchock\n Poland 27-215."
    out = Scrubber().scrub(text)
    assert out == "The worker lives at [ADDRESS]\n Poland [ADDRESS]."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a house number before words any list holds, a unit on the next line says street
        ("614 Maria Lopez 3301\n Suite 12\n", ["614 Maria Lopez 3301", "Suite 12"]),
        ("3307 P.O. Box 81\n", ["3307 P.O. Box 81"]),  # a number before a box
        # numbers on both sides of names any list holds, the line ends after them
        ("at 77 Pedro Ramos 418, Valdivia", ["77 Pedro Ramos 418", "Valdivia"]),
        ("On 12 March 2020, he was seen.", []),  # calendar words between numbers
        ("He took 12 Norco 10, then stopped.", []),  # a drug between numbers
        # after a street type written first, the name runs on in lower case
        ("Mail to 40 Via della pace, Bologna.", ["40 Via della pace", "Bologna"]),
        # until a closed-class word: the sentence goes on
        ("He lives at 40 Via Roma and works nearby.", ["40 Via Roma"]),
        ("moved to 9 rue de l'Ourcq", ["9 rue de l'Ourcq"]),  # an elided article
        ("lived at 22 Graaf 's-Heerenweg 8 in 2019", ["22 Graaf 's-Heerenweg 8"]),  # 's-
        # a lower-case word no vocabulary holds inside the name, before the number
        ("the corner of Horní náves 14 St. and", ["Horní náves 14 St."]),
        # a lower-case street type after the number
        ("She lives on Overmeer 23 street.", ["Overmeer 23 street"]),
        # a street after another one that the first pass found
        ("at Sørlia allé 5 and 9 Lark Drive", ["9 Lark Drive", "Sørlia allé 5"]),
        # a town's particles in lower case
        (
            "4 Dlouhá 12\nLhota v Podhůří\n, ST\n 54321",
            ["4 Dlouhá 12", "Lhota v Podhůří", "ST", "54321"],
        ),
        # lines that start with a quoting mark
        ("> 12 Birkenweg 4\n> Apt. 2\n> HOLZDORF", ["12 Birkenweg 4", "Apt. 2", "HOLZDORF"]),
        # an empty region in lower case stays, the block goes on past it
        ("7 Tallgatan 3\nVemdal\nnan\n84092", ["7 Tallgatan 3", "Vemdal", "84092"]),
    ],
)
def test_address_line_parts(text: str, expected: list[str]) -> None:
    assert found(AddressLineRecognizer(), text, merged=False) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the office in Skive C 1998 closed", ["1998"]),  # after a district letter
        ("as Chou C 20 found", []),  # no postal code shape
    ],
)
def test_postal_code_after_a_district_letter(text: str, expected: list[str]) -> None:
    assert found(ZipCodeRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a branch in Montreal", ["Montreal"]),  # GeoNames writes `Montréal`
        ("seen by Dr. Garcia", []),  # `García` the town, unaccented a census surname
    ],
)
def test_city_without_accents(text: str, expected: list[str]) -> None:
    assert found(CityRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a locality line whose region is empty (lower case) after a space: its postal
        # code ends the line and belongs to the block (UPU S42)
        ("12 Brzozowa 3\nKrzywin nan 64-213", ["12 Brzozowa 3", "Krzywin", "64-213"]),
        ("8 Tallvägen 2\nÖVRA nan 842 91", ["8 Tallvägen 2", "ÖVRA", "842 91"]),
        # a closed-class word is the sentence's, not a region
        ("9 Dlouhá 4\nBrno in 2019", ["9 Dlouhá 4", "Brno"]),
        # a lower-case word no vocabulary holds inside a locality, after its first word
        (
            "31 Cankarjeva 7\n Apt. 3\n Staro brdovje\n",
            ["31 Cankarjeva 7", "Apt. 3", "Staro brdovje"],
        ),
        # a function word that ends the locality line is part of its name
        ("5 Rua Ilhavo 8\n Pinhal Real\n 3810-004", ["5 Rua Ilhavo 8", "Pinhal Real", "3810-004"]),
        ("5 Rua Ilhavo 8\nPinhal Please call", ["5 Rua Ilhavo 8", "Pinhal"]),
        # Australia Post and Royal Mail thoroughfare types
        ("at 91 14 Mabberley Parade\nWendoree", ["91 14 Mabberley Parade", "Wendoree"]),
        # Dutch 't and 's- typed without the apostrophe
        ("at 77 t Veldhoek 12\n", ["77 t Veldhoek 12"]),
        ("at 4410 s-Hertogenweg 3\n", ["4410 s-Hertogenweg 3"]),
        # a street type written first starts the street, however known the name's words
        ("lived in Via San Marco dei Fiori 14 Apt. 2", ["Via San Marco dei Fiori 14 Apt. 2"]),
        # premise number, names any list holds, premise number, then a unit on the line
        ("sent to 4410 Moreno Vidal 318 Apt. 12 at once", ["4410 Moreno Vidal 318", "Apt. 12"]),
        ("sent to 310 Denmark 87 Suite 4\n", ["310 Denmark 87", "Suite 4"]),
        # clinical numbers before a dispense count or a room stay
        ("Take 2 Norco 10 #30 daily", []),
        ("Took 2 Advil 200 in Room 4", []),
    ],
)
def test_address_block_shapes(text: str, expected: list[str]) -> None:
    assert found(AddressLineRecognizer(), text, merged=False) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the line over a country line is the locality line (UPU S42)
        ("Mara Ilves\n\nVastseliina\nEstonia", ["Vastseliina"]),
        ("R. Okafor\n\nLOWER MARSH\nAustralia", ["LOWER MARSH"]),  # a town in capitals
        # common or clinical words, or a country, over a country line stay
        ("Thanks\nCanada", []),
        ("Low Back Pain\nUnited States", []),
        ("Canada\nMexico", []),
    ],
)
def test_locality_over_country(text: str, expected: list[str]) -> None:
    assert found(AddressLineRecognizer(), text, merged=False) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a whole line of capitalised words in a block is the locality, small words too
        (
            "9 Via Lunga 4\nRiva In Monte\n, BZ\n 38061",
            ["9 Via Lunga 4", "Riva In Monte", "BZ", "38061"],
        ),
    ],
)
def test_title_case_locality_line(text: str, expected: list[str]) -> None:
    assert found(AddressLineRecognizer(), text, merged=False) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Slavic place names joined by `pri`, `nad`, `pod`
        ("a plant in Brod nad Lokvo, later sold", ["Brod nad Lokvo"]),
        ("the Apple pod Design group", []),  # English words around `pod`
    ],
)
def test_city_with_place_preposition(text: str, expected: list[str]) -> None:
    assert found(CityRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the country is the block's last part: the letter's next line is no locality
        (
            "14 Kestrelweg 9\n Dalfsen\n Netherlands\nMobile: 06 1234",
            ["14 Kestrelweg 9", "Dalfsen"],
        ),
        # a postal code or a note may still follow the country
        ("14 Kestrelweg 9\n Dalfsen\n Netherlands 7721", ["14 Kestrelweg 9", "Dalfsen", "7721"]),
        # a label ends the block
        ("14 Kestrelweg 9\nFax: 0529", ["14 Kestrelweg 9"]),
    ],
)
def test_block_ends(text: str, expected: list[str]) -> None:
    assert found(AddressLineRecognizer(), text, merged=False) == expected
