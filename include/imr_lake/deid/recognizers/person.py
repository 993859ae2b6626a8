"""Names of people: patients, providers, reviewers, adjusters, attorneys, signers."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from imr_lake.deid.lexicon import (
    FUNCTION_WORDS,
    NOT_NAMES,
    census_surnames,
    first_names,
    surnames,
)
from imr_lake.deid.recognizers.base import Recognizer, Span, boundary_ok
from imr_lake.deid.vocabulary.clinical import EPONYM_HEADS

_U = "A-ZÀ-ÖØ-Þ"
_L = "a-zß-öø-ÿ"
# Garcia, McAllister, MacDonald, DeLeon, O'Brien, D'Angelo, Smith-Jones. Starts with a
# character class so the engine can skip ahead fast (see base).
TOKEN = rf"[{_U}](?:[{_L}]+(?:[{_U}][{_L}]+)?|['’][{_U}][{_L}]+)(?:[-'’][{_U}][{_L}]+)?"
CAPS_TOKEN = rf"[{_U}](?:[{_U}]+|['’][{_U}]{{2,}})(?:[-'’][{_U}]+)?"
INITIAL = rf"[{_U}]\."
PARTICLE = r"(?:de la|de los|del|de|van der|van|von|da|di|du|le|la|St\.)"
NAME = (
    rf"(?:{INITIAL}\s*){{0,2}}{TOKEN}"
    rf"(?:\s+(?:{INITIAL}\s*)?(?:{PARTICLE}\s+)?{TOKEN}){{0,3}}"
)
CAPS_NAME = rf"{CAPS_TOKEN}(?:\s+(?:[{_U}]\.?\s+)?{CAPS_TOKEN}){{0,3}}"
TITLES = r"(?:Dr|Drs|Doctor|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Nurse|Attorney|Atty|Judge|Hon)"
CAPS_TITLES = r"(?:DR|MR|MRS|MS|MISS)"
STRONG_DEGREES = (
    r"(?:M\.\s?D\.?|D\.\s?O\.|D\.\s?C\.|PA-C|P\.A\.-C\.?|Ph\.\s?D\.?|PhD|Psy\.\s?D\.?|PsyD"
    r"|L\.\s?Ac\.?|D\.P\.M\.?|DPM|D\.D\.S\.?|DDS|DMD|FNP(?:-C|-BC)?|DPT|LCSW|LMFT|Esq\.?"
    r"|QME|AME|FACS|FAAOS|CCM|CRC|R\.N\.|N\.P\.|P\.T\.)"
)
WEAK_DEGREES = r"(?:MD|DO|DC|NP|PT|PA|RN|LVN|OTR(?:/L)?|OT|LAc|MPH|MS|MA|BSN)"
# The word(s) before a name that make it one: "report by X", "adjuster X", "cc: X".
ROLE_WORDS = frozenset(
    """
    by with cc c.c. ptp provider surgeon physician doctor attorney adjuster adjustor examiner
    manager
    nurse therapist chiropractor acupuncturist psychologist psychiatrist applicant claimant
    worker employee patient signer attention attn copy mr ms mrs
    """.split()
)
ROLE_BEFORE_OF = frozenset(
    "report note evaluation exam examination consultation letter records record request rfa "
    "prescription pr-2 review testimony deposition opinion statement assessment".split()
)
_WORD = re.compile(rf"[{_U}{_L}][{_U}{_L}'’.-]*")
# Words after a name that make it one: "H. Diaz noted", "Siddharth Kelly documents".
REPORT_VERBS = frozenset(
    """
    noted notes documented documents reported reports indicated indicates stated states
    recommended recommends requested requests opined opines wrote writes examined examines
    evaluated evaluates prescribed prescribes performed performs diagnosed diagnoses saw sees
    treated treats found finds observed observes described describes explained explains
    """.split()
)
_DEGREE_TOKEN = re.compile(rf"{STRONG_DEGREES}|{WEAK_DEGREES}")
_NEXT_WORD = re.compile(r"(?:['’]s\b)|\s+([a-z]+)")


def census_key(word: str) -> str:
    """`Peña` -> `Pena`, `O'Brien` -> `Obrien`: the spelling of the census lists."""
    folded = unicodedata.normalize("NFKD", word)
    letters = "".join(c for c in folded if c.isalpha() and not unicodedata.combining(c))
    return letters.capitalize()


_WORD_AFTER = re.compile(r"\s+([a-z]+)")


def _eponym_after(text: str, end: int) -> bool:
    m = _WORD_AFTER.match(text, end)
    return m is not None and m.group(1) in EPONYM_HEADS


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


def _name_like(token: str) -> bool:
    if len(token) == 2 and token[1] == "." and token[0].isupper():
        return True  # an initial: "A. Bennett" (not the article "A")
    if _DEGREE_TOKEN.fullmatch(token):
        return False  # "PA-C noted": a degree, not a name
    bare = token.rstrip(".")
    return bare not in NOT_NAMES and bare.capitalize() not in NOT_NAMES


class PersonRecognizer(Recognizer):
    """Names by their context, since no NER model can be downloaded here.

    - after a title: `Dr. Maria Garcia`, `Mr. O'Brien`, `DR. GARCIA`;
    - before a degree: `Maria L. Garcia, M.D.`, `Kim, PA-C`, `Lee DC` (weak degrees such as
      `MD`, `PT` need a word that is no clinical word);
    - after a role or phrase: `report by Maria Garcia dated`, `adjuster Linda Smith`,
      `cc: Juan Lopez` (one word needs a census first name or surname);
    - a census first name followed by a capitalized word: `Maria Garcia`, `MARIA GARCIA`;
    - `Garcia, Maria` (census surname, census first name).
    """

    KIND = "person"
    PLACEHOLDER = "[NAME]"
    TITLED = re.compile(rf"{TITLES}\.?\s+(?P<v>{NAME})")
    CAPS_TITLED = re.compile(rf"{CAPS_TITLES}\.?\s+(?P<v>{CAPS_NAME})(?![\w])")
    # A degree is rare in text: find it first, then the name just before it.
    DEGREE = re.compile(rf"(?P<deg>{STRONG_DEGREES}|{WEAK_DEGREES})(?![A-Za-z])")
    NAME_BEFORE = re.compile(rf"(?:{NAME}|{CAPS_NAME}),?\s*\Z")
    RUN = re.compile(rf"{NAME}|{CAPS_NAME}")
    _GAP = frozenset(" \t\n,:")
    LAST_FIRST = re.compile(rf"(?P<last>{TOKEN}),\s+(?P<first>{TOKEN})(?![\w])")
    _STRONG = re.compile(STRONG_DEGREES)

    def analyze(self, text: str) -> list[Span]:
        return [Span(s, e, self.KIND, self.PLACEHOLDER) for s, e in self.find(text)]

    def find(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of every name found; spans may overlap (the Scrubber merges)."""
        for rx in (self.TITLED, self.CAPS_TITLED):
            for m in rx.finditer(text):
                if boundary_ok(text, m.start()):
                    yield from self._trimmed(text, *m.span("v"), keep_first=True)
        for m in self.DEGREE.finditer(text):
            if m.start() == 0 or text[m.start() - 1] not in ", \t\n":
                continue
            before = self.NAME_BEFORE.search(text, max(0, m.start() - 80), m.start())
            if before:
                strong = self._STRONG.fullmatch(m.group("deg")) is not None
                end = before.start() + len(before.group().rstrip(", \t\n"))
                yield from self._trimmed(text, before.start(), end, keep_last=strong)
        yield from self._by_words(text)
        for m in self.LAST_FIRST.finditer(text):
            last, first = m.group("last"), m.group("first")
            if last in surnames() and first in first_names() and boundary_ok(text, m.start()):
                yield m.start(), m.end()

    def _by_words(self, text: str) -> Iterator[tuple[int, int]]:
        """One pass over the words: names after a role word, and census first names that
        start a run of capitalized words. Regexes run only at those few candidates."""
        toks = list(_WORD.finditer(text))  # matches: most words need no tuple
        firsts = first_names()
        for i, token in enumerate(toks):
            word, start = token.group(), token.start()
            if not word[0].isupper() or not boundary_ok(text, start):
                continue
            m = None
            if i and self._role_at(text, toks, i):
                m = self.RUN.match(text, start)
                if m:
                    yield from self._context(text, start, m.end())
            previous = toks[i - 1].group() if i else ""
            if i == 0 or previous[0].islower() or not _name_like(previous):
                m = m or self.RUN.match(text, start)
                after = _NEXT_WORD.match(text, m.end()) if m else None
                if after and after.group(1) is None and _eponym_after(text, after.end()):
                    after = None  # "Spurling's test", "Baker's cyst": clinical, not a person
                if after and (after.group(1) is None or after.group(1) in REPORT_VERBS):
                    yield from self._context(text, start, m.end())  # "H. Diaz noted", "X's"
            if (word.capitalize() in firsts or word.rstrip(".") in firsts) and i + 1 < len(toks):
                m = self.RUN.match(text, start)
                if m and m.end() > token.end():
                    yield from self._dictionary(text, start, m.end())

    def _role_at(self, text: str, toks: list[re.Match[str]], i: int) -> bool:
        """Is token i preceded (across spaces, commas, colons) by a role word?"""
        if any(c not in self._GAP for c in text[toks[i - 1].end() : toks[i].start()]):
            return False
        prev = toks[i - 1].group().rstrip(".:").lower()
        if prev in ROLE_WORDS:
            return True
        return prev in ("from", "of") and i > 1 and toks[i - 2].group().lower() in ROLE_BEFORE_OF

    def _trimmed(
        self, text: str, start: int, end: int, *, keep_first: bool = False, keep_last: bool = False
    ) -> Iterator[tuple[int, int]]:
        """The span less leading/trailing clinical words; a title or strong degree keeps one."""
        toks = _tokens(text[start:end])
        lo, hi = 0, len(toks)
        while lo < hi - (1 if keep_last else 0) and not _name_like(toks[lo][2]):
            if keep_first and lo == 0:
                break
            lo += 1
        while hi > lo + 1 and not _name_like(toks[hi - 1][2]):
            if keep_last:
                break
            hi -= 1
        if keep_first and hi == lo + 1 and toks and toks[lo][2].rstrip(".") in FUNCTION_WORDS:
            return
        while hi > lo and toks[hi - 1][2].rstrip(".") in FUNCTION_WORDS:
            hi -= 1
        if hi > lo and (keep_first or keep_last or _name_like(toks[lo][2])):
            yield start + toks[lo][0], start + toks[hi - 1][1]

    def _context(self, text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
        kept = []
        for tok in _tokens(text[start:end]):
            if not _name_like(tok[2]):
                break
            kept.append(tok)
        if not kept:
            return
        words = [t[2].rstrip(".") for t in kept if len(t[2].rstrip(".")) > 1]
        initial = len(kept) > len(words)  # "M. Venkataraman"
        confirmed = (
            len(words) >= 2
            or bool(words)
            and initial
            or any(census_key(w) in first_names() or census_key(w) in surnames() for w in words)
        )
        if confirmed:
            yield start + kept[0][0], start + kept[-1][1]

    def _dictionary(self, text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
        """Within a run of capitalized words: a first name and the name-like words after it."""
        toks = _tokens(text[start:end])
        i = 0
        while i < len(toks) - 1:
            word = toks[i][2]
            if word.capitalize() in first_names() and word.rstrip(".") not in FUNCTION_WORDS:
                j = i + 1
                while (
                    j < len(toks)
                    and toks[j][2].rstrip(".") not in FUNCTION_WORDS
                    and (_name_like(toks[j][2]) or toks[j][2].capitalize() in census_surnames())
                ):
                    j += 1
                if j > i + 1 and any(len(t[2].rstrip(".")) > 1 for t in toks[i + 1 : j]):
                    yield start + toks[i][0], start + toks[j - 1][1]
                    i = j
                    continue
            i += 1
