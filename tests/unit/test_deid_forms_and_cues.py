"""Legal forms, language names, eponym phrases, person cues and echoes (session 8).

Every value here was written for this test: none comes from an evaluation corpus.
"""

from __future__ import annotations

import pytest
from imr_lake.deid.audit import unknown_capitalised
from imr_lake.deid.text import Scrubber
from imr_lake.deid.vocabulary import eponym_after, languages, legal_forms


def scrub(text: str) -> str:
    return Scrubber().scrub(text) or ""


@pytest.mark.parametrize(
    "text",
    [
        "The Oswestry Disability Index was 30 and the Barthel Index 40.",
        "Oswestry Disability Index 30",
        "SPURLING'S TEST POSITIVE ON THE RIGHT.",
        "A positive Spurling's test and De Quervain's tenosynovitis.",
        # languages: a census surname (English, Spanish) that names a language
        "She needs a Spanish interpreter and speaks Tagalog; he speaks English.",
        # contractions of function words
        "I'm not sure. They're asking whether it's covered; Don't lift.",
        # a clinical word before a person verb is no person
        "Pain began after the fall. The patient lives with her sister.",
        # cleanco forms the known vocabulary reads as words or codes stay
        "CPT 97110 was billed, plus VAT.",
    ],
)
def test_clinical_and_everyday_text_stays(text: str) -> None:
    assert scrub(text) == text


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # legal forms of other countries (cleanco's terms)
        ("The employer is Fenlow Tarvick A/S in the west.", ["Fenlow", "Tarvick", "A/S"]),
        ("He worked at Dravenko Ostrel S.r.l. for a year.", ["Dravenko", "Ostrel"]),
        ("A claim against Kestrelby Sdn Bhd was filed.", ["Kestrelby", "Sdn"]),
        ("Records of Ostravik Oyj were reviewed.", ["Ostravik"]),
        # a legal form run into its word, and lower-case words before one
        ("He joined q-tarvInc. and Dravenko HoldingsInc. later.", ["q-tarv", "Holdings"]),
        ("She worked for fenlow bio Co.Ltd. and 4Q tarvick plc.", ["fenlow", "tarvick"]),
        # a leverage factor and figures inside a fund's name
        ("He is from Dravenko Gold x3 Daily Long ETN today.", ["Dravenko", "Daily", "ETN"]),
        ("It became Tarvick 225 Double Inverse Index in 2020.", ["Double", "Inverse"]),
        # short words in capitals beside a name in prose
        ("She works at NEXT NOTES Dravenko ETN now.", ["NEXT", "NOTES", "ETN"]),
        # a code in capitals before an eponym head is no eponym
        ("Shares of JQX-Dravenko Index 300 ETF fell.", ["JQX-Dravenko"]),
        # a character the text layer could not decode stands for a letter
        ("Banco Dravenk\ufffdo Instituci\ufffdn S.A. paid.", ["Instituci", "Dravenk"]),
        # a language name after a title is a person
        ("She was seen by Dr. English on Monday.", ["English"]),
        # person cues before and after a name that is also a word
        ("My name is Tore Dravenko but everyone calls me Tore.", ["Tore", "Dravenko"]),
        ("I am sorry, said Carolina to her brother.", ["Carolina"]),
        ("Sienna lives with her sister in town.", ["Sienna"]),
        ("Ostrel Vandermeer ten Pas signed the form.", ["Pas"]),
    ],
)
def test_identifiers_go(text: str, gone: list[str]) -> None:
    out = scrub(text)
    assert not any(g in out for g in gone), out


def test_a_heading_in_capitals_keeps_its_words() -> None:
    out = scrub("PROGRESS NOTES DRAVENKO")
    assert "PROGRESS NOTES" in out and "DRAVENKO" not in out


def test_legal_forms_come_from_cleanco_less_words() -> None:
    terms = legal_forms.terms()
    assert {"a/s", "s.r.l.", "sdn bhd", "oyj", "sarl"} <= set(terms)
    assert not {"cpt", "vat", "private", "as", "pt"} & set(terms)
    assert len(terms) > 100


def test_language_names_leave_common_given_names_out() -> None:
    words = languages.words()
    assert {"spanish", "tagalog", "english", "armenian", "hmong"} <= words
    assert "german" not in words  # a common census given name is still a possible person


def test_eponym_after_looks_past_two_known_words_only() -> None:
    assert eponym_after("Oswestry Disability Index", len("Oswestry"))
    assert eponym_after("Tinel's sign", len("Tinel's"))
    assert not eponym_after("Russell 2000 Index", len("Russell"))
    assert not eponym_after("Dravenko Tarvick Ostrel Index", len("Dravenko"))


def test_the_audit_reads_every_capitalised_word() -> None:
    # the second of two capitalised words was never looked at
    assert unknown_capitalised("per Kestrelman Dravenkowitz, denied")
    assert unknown_capitalised("the report of Dr Dravenkowitz")
    assert not unknown_capitalised("the Oswestry Disability Index was 30")


def test_a_block_line_between_a_name_and_an_address_is_the_firm() -> None:
    block = "Ostrel Vandermeer\nRapid Harbor Solutions\n4417 Kestrelweg 12\nAustria 48213"
    out = scrub(block)
    assert "Rapid" not in out and "Harbor" not in out and "Solutions" not in out
    # a job title in lower case stays, and so does a line of clinical words
    titled = "Ostrel Vandermeer\nClaims examiner\nTarvick Group\n4417 Kestrelweg 12"
    assert "Claims examiner" in scrub(titled) and "Tarvick" not in scrub(titled)
    clinical = "Ostrel Vandermeer\nLumbar Spine\n4417 Kestrelweg 12"
    assert "Lumbar Spine" in scrub(clinical)
    # no name line before it: prose lines stay
    prose = "Consumer Reports were read.\nThe patient lives at 4417 Kestrelweg 12."
    assert "Consumer Reports" in scrub(prose)


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # a listing's codes after the legal form
        ("her Tarvico Inc. 6.375 QNT18 B 78 resignation", ["QNT18", "78"]),
        ("the Ostrel Holdings Ltd/GDR 144A shares", ["GDR", "144A"]),
        ("the Dravo&amp;T Inc. 5.35% GLB NTS 66 notes", ["Dravo", "GLB", "NTS"]),
        # a legal form in lower case after a word no vocabulary holds
        ("We met at kestrelfon inc. on Monday.", ["kestrelfon"]),
        ("The tarvimo corporation band played.", ["tarvimo"]),
    ],
)
def test_registered_names_go_whole(text: str, gone: list[str]) -> None:
    out = scrub(text)
    assert not any(g in out for g in gone), out


def test_listing_codes_and_lower_case_forms_leave_prose_alone() -> None:
    text = (
        "Kestrel Health Plan Inc. UR determination upheld. Range of motion limited. "
        "The corporation paid. Self-limited. Follow-up in 2 weeks."
    )
    out = scrub(text)
    assert "UR determination upheld. Range of motion limited. The corporation paid." in out
    assert out.endswith("Self-limited. Follow-up in 2 weeks.")
