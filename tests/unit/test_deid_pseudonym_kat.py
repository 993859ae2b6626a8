"""Known-answer test: a changed derivation would split every case across runs.

The values were computed outside the product: `printf doc:SHA | openssl dgst -sha256 -hmac KEY`
(first 32 hex digits), the same for `case:CM130012345`.
"""

from __future__ import annotations

from imr_lake.deid.pseudonym import case_id, document_id

KEY = b"known-answer-key-0123456789abcdef"
SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"


def test_document_id_is_pinned() -> None:
    assert document_id(KEY, SHA256) == "doc_5c576d87cb5ed6651701601cf28167ed"
    assert document_id(KEY, SHA256.upper()) == "doc_5c576d87cb5ed6651701601cf28167ed"


def test_case_id_is_pinned_whatever_the_spelling() -> None:
    for spelling in ("CM13-0012345", "CM13 0012345", "cm130012345"):
        assert case_id(KEY, spelling) == "cas_cc5da50c300603673f1119a019b16373"
