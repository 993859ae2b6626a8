"""The closed-world layer: a capitalised word that is not known vocabulary is an identifier.

Recognizers that know a name because it is in a list find what they were told about; real
letters bring names, firms and phrasings no list holds. So this recognizer turns the
question round: the vocabulary (`imr_lake.deid.vocabulary`) says what a capitalised word
may be and stay, and every other capitalised word or run of them is replaced.

How a capitalised word is judged:
- known anywhere: clinical, drug, guideline, specialty, administrative, state or calendar
  word; a short all-capitals acronym (`MRI`, `TENS`, `ACOEM`); a word before an eponym
  head (`Spurling's test`, `Waddell signs`, `Baker's cyst`);
- known at a sentence start or in an all-capitals heading only: a common English word
  (wordfreq) that is no census given name or surname;
- never known: a word a dictionary (web2) writes capitalised only (`Jan`, `Moran`), a
  given name of any country (census, gender-guesser) that it does not write in lower
  case (`Liam`, `Ines`), a census surname at a sentence start unless the dictionary
  writes it in lower case (`Current`, `Walker` stay; `Campbell began` goes), a word run
  into digits (`Unit4`), a camel-case trade name (`iShares`), a month's abbreviation
  with no number beside it; two short capitals side by side that no vocabulary lists
  (`HSBC ETFS/SHS`, `PFD SH S`) are one name, across the digits and signs between;
- anything else is unknown. A run of unknown words (with `of`, `and`, `&`, `the` and the
  non-clinical capitalised words beside them) is one span: `[ORG]` after an employer or
  insurer cue or ending in an organisation noun, `[NAME]` after a person cue or holding a
  census given name, else `[REDACTED]`.
What it cannot catch: a name written in lower case, or a name that is also a known word
(a surname such as `Walker` used beside clinical words, `Baker's cyst` style eponyms).
"""

from __future__ import annotations

import re
from functools import lru_cache

from imr_lake.deid.lexicon import NAME_TITLES, census_surnames, first_names, world_given_names
from imr_lake.deid.recognizers.base import Recognizer, Span
from imr_lake.deid.vocabulary import (
    common_english,
    core_clinical_words,
    core_known_words,
    eponym_after,
    eponym_head_in,
    function_word,
    geography,
    in_vocabulary,
    known_words,
    letters,
    lower_form,
    proper_only,
    specialties,
    very_common,
)

# Letters only (a date such as "Jul-25-2013" is no word), apostrophes and hyphens inside.
# U+FFFD, a character the text layer could not decode, stands for a letter (`M\ufffdxico`).
_LETTER = r"(?:[^\W\d_]|\ufffd)"
_TOKEN = re.compile(rf"{_LETTER}+(?:['’]{_LETTER}*)?(?:-{_LETTER}+(?:['’]{_LETTER}*)?)*")
_SENTENCE_END = frozenset('.!?:;\n(["“•*>')
_PARTICLES = frozenset({"De", "Du", "Von", "Van", "La", "Le", "Di", "Da"})
_CONNECTORS = frozenset(
    "of and & the de la le del della di da du dos das van von der den ter ten die y e".split()
)
_ACRONYM_MAX = 5
_ROMAN = frozenset("I II III IV V VI".split())
# A word run into digits ("Unit4", "Nikkei225", "NOTE20") is a name; a spine level or
# a short code ("L4", "T12", "B12", "CO2", "ICD10") is not.
_LETTERS_DIGITS = re.compile(r"(?:[A-Z][a-z]{2,}|[A-Z]{4,})\d")
# A contraction of a function word (`I'm`, `They're`, `Don't`, `I'll`): no name.
_CONTRACTED = re.compile(r"n['’]t\Z|['’](?:m|d|ll|re|ve)\Z")
_CAPITALS_GAP = frozenset(" /().-&0123456789%$+")
# In the slot of an employer or insurer cue the name runs on across the figures, signs,
# brackets and dashes between its capitalised words (`Acme 3x Gold - Acme Index (DR)`),
# up to a lower-case word or a sentence end.
_CUED_GAP_MAX = 16
_CAMEL = re.compile(r"[a-z]{1,8}[A-Z][a-z]{2,}")
# A month after a cue is a date, no firm ("employed by May of that year").
_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)
# A month's abbreviation names a month beside a number only ("Jan 5", "12 Sept");
# alone it is a given name ("my kid Jan").
_MONTH_SHORT = frozenset("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split())
_DIGIT_NEAR = re.compile(r"[\s.,]{0,3}\d")
_ORG_CUES = re.compile(
    r"(?i:employer|insurer|carrier|administrator|administered|company|employed|works?\s+(?:for|at)"
    r"|worked\s+(?:for|at)|agency|vendor|organization|firm|tpa|determination\s+by|records\s+from)"
)
_PERSON_CUES = re.compile(
    r"(?i:dr|mr|mrs|ms|miss|doctor|co-worker|coworker|supervisor|colleague|wife|husband"
    r"|son|daughter|mother|father|friend|witness|named|patient|applicant|claimant)\W*\Z"
)
# A person cue right before a word: a title, a role or kin noun, a verb of care with `by`,
# `with` (`Dr. April`, `her daughter Virginia`, `seen by Costa`, `came with April`).
_PERSON_BEFORE = re.compile(
    r"(?:^|[^\w])(?i:dr|mr|mrs|ms|miss|mx|doctor|nurse|patient|applicant|claimant|co-?worker"
    r"|supervisor|colleague|wife|husband|son|daughter|mother|father|sister|brother|friend"
    r"|witness|named|(?:seen|examined|evaluated|treated|accompanied|referred|signed)\s+by|with"
    r"|said|says|asked|told|replied|shouted(?:\s+at)?|called|calls?\s+me|name\s+is)"
    r"[.,]?\s+\Z"
)
# A kin or role noun after a possessive name: "April's daughter", "Costa's supervisor".
_KIN_AFTER = re.compile(
    r"\s+(?:daughter|son|wife|husband|mother|father|sister|brother|friend|partner"
    r"|supervisor|attorney|doctor|family)(?![\w])"
)
# A verb whose subject is a person, right after a name: "Maria lives", "Costa said".
_PERSON_VERB = re.compile(r"\s+(?:lives|lived|said|says|asked|told|replied|shouted|wrote)(?![\w])")
# Cues that want a party right before the slot: an administrator, employer or insurer.
_PARTY_CUE = re.compile(
    r"(?i:(?:administered|employed)\s+by|(?:employer|insurer|carrier|administrator)"
    r"\s+(?:is|was))\s+\Z"
)
_CUE_WORDS = frozenset("by for at was is with from of".split())
ORG_NOUNS = frozenset(
    """
    inc llc llp ltd corp corporation co company companies group services service care
    living home homes center centre trust fund association partners associates holdings
    enterprises industries systems solutions authority district agency school schools
    university college bank foundation ministries church hospital clinic institute
    academy laboratories labs health research resources data technologies
    """.split()
)


def is_acronym(word: str) -> bool:
    """`MRI`, `TENS`, `ACOEM`, `PPIs`, `EMG/NCV` parts: short capitals, maybe a plural s."""
    letters = word.replace("'", "").replace("’", "").replace("-", "")
    if letters.endswith("s") and letters[:-1].isupper():
        letters = letters[:-1]
    return letters.isupper() and len(letters) <= _ACRONYM_MAX


def _named_shape(word: str) -> bool:
    """Capitalised (`Acme`) or camel-case (`iShares`): the shape a name is written in."""
    return word[0].isupper() or _camel(word)


def _camel(word: str) -> bool:
    return not word.islower() and _CAMEL.fullmatch(word) is not None


def _eponym_shape(word: str, text: str, end: int) -> bool:
    """Written as a person's name may be before an eponym head (`Guillain-Barré`,
    `SPURLING'S` in a heading in capitals); a code in capitals before words in title case
    is no person (`JPX-Nikkei Index`, `MSCI Index`)."""
    following = text[end : end + 40].split(maxsplit=1)
    if following and following[0].isupper():
        return True
    return all(p[:1].isupper() and not p[1:].isupper() for p in word.split("-") if p)


def _multiplier(text: str, m: re.Match[str]) -> bool:
    """`x` run into a figure (`2x`, `x3`, `(-2x)`): a leverage factor in a fund's name."""
    return m.group() == "x" and (
        text[m.start() - 1 : m.start()].isdigit() or text[m.end() : m.end() + 1].isdigit()
    )


def _line_in_capitals(text: str, m: re.Match[str]) -> bool:
    """The word's line has no lower-case letter: a heading, not prose."""
    start = text.rfind("\n", 0, m.start()) + 1
    end = text.find("\n", m.end())
    return not any(c.islower() for c in text[start : end if end >= 0 else len(text)])


def _is_initial(word: str) -> bool:
    return len(word) == 1 and word.isupper()


@lru_cache(maxsize=1 << 16)
def _bare(word: str) -> str:
    return _unpossessed(word).lower()


@lru_cache(maxsize=1 << 16)  # asked for each word several times: remembered
def _unpossessed(word: str) -> str:
    """`Walker's` -> `Walker`, `Jones’` -> `Jones`: a word is looked up without its
    possessive, or a possessive ends a name before its surname joins it."""
    if word[-2:] in ("'s", "’s"):
        return word[:-2]
    return word.rstrip("'’")


def _at_sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i >= 1 and text[i] == "." and text[i - 1].isupper() and (i < 2 or not text[i - 2].isalpha()):
        return False  # after an initial: "D. Walker"
    if i < 0 or text[i] in _SENTENCE_END:
        return True
    return text[i] == ")" or text[i].isdigit() and i > 0 and text[i - 1] in "\n "


class ProperNounRecognizer(Recognizer):
    """Every capitalised word or run that the known vocabulary does not hold."""

    KIND = "proper_noun"
    PLACEHOLDER = "[REDACTED]"

    def __init__(self) -> None:
        self.core_clinical = core_clinical_words()
        # What an acronym may be and stay beside a name or after an employer cue.
        self.core_known = core_known_words()
        in_vocabulary("the"), common_english("the"), very_common("the"), lower_form("the")
        self.letter_words = letters.words()
        self.known = known_words()
        self.firsts = first_names()
        self.world_names = world_given_names()
        self.surnames = census_surnames()
        self.places = geography.words()
        self.specialties = specialties.words()
        # The answer depends on the word and four flags only: remembered per process
        self._word_known = lru_cache(maxsize=1 << 16)(self._known_where)

    def is_known(
        self,
        word: str,
        *,
        initial: bool,
        next_word: str | None,
        alone: bool = False,
        eponym: bool = False,
    ) -> bool:
        """Is this capitalised word allowed to stay where it stands? `eponym`: an eponym
        head follows (`Spurling's test`, `Oswestry Disability Index`)."""
        if eponym:
            return True
        lower_next = next_word is not None and next_word[0].islower()
        return self._word_known(word, initial, next_word in _ROMAN, lower_next, alone)

    def _known_where(
        self, word: str, initial: bool, roman_next: bool, lower_next: bool, alone: bool
    ) -> bool:
        if roman_next and very_common(_bare(word)):
            return True  # a classification: "Zone II", "Grade III", "Type I"
        parts = [p for p in _bare(word).split("-") if p]
        if len(parts) == 1 and ("'" in word or "’" in word):
            base = _CONTRACTED.sub("", parts[0])
            if base != parts[0]:
                return function_word(base)  # "I'm", "They're", "Don't"
        cap = parts[0].capitalize() if parts else ""
        if initial and lower_next and len(parts) == 1 and function_word(parts[0]):
            return True  # "My name is", "Will you"
        if cap in self.firsts and len(parts) == 1 and parts[0] not in self.known:
            return False  # "Ines", "Silas": no plural or affix of a drug word
        if parts and all(in_vocabulary(p) for p in parts):
            return True
        if is_acronym(word):
            return True  # MRI, TENS, ACOEM, PPIs
        if cap in self.firsts or not all(common_english(p) for p in parts):
            return False
        if any(proper_only(p) for p in parts):
            return False  # "Jan", "Oskar", "Moran": a dictionary capitalises them
        if cap in self.world_names and not lower_form(parts[0]):
            return False  # "Liam", "René", "Viktor": a given name, and no common word
        if len(parts) > 1 and word.split("-", 1)[1].islower() and all(lower_form(p) for p in parts):
            return True  # "Self-limited", "Follow-up": a compound, no double-barrelled name
        if initial or word.isupper():
            # "Current medications", "Straight leg raise": a surname-like common word
            # at a sentence start stays when a lower-case word follows it and a
            # dictionary writes it in lower case ("Campbell began" is a name).
            return cap not in self.surnames or lower_next and all(lower_form(p) for p in parts)
        return alone and cap not in self.surnames and all(very_common(p) for p in parts)

    def analyze(self, text: str) -> list[Span]:
        """Groups of adjacent capitalised words; in each, the stretches holding an unknown
        word, widened over the known words beside them that are no clinical content."""
        tokens = list(_TOKEN.finditer(text))
        spans: list[Span] = []
        # 3 an acronym no source lists (two make the group unknown), 2 unknown, 1 may
        # join, 0 stays
        group: list[tuple[re.Match[str], int]] = []
        cued = False  # the group follows an employer/insurer cue: all of it is the name
        heads = eponym_head_in(text)
        for i, m in enumerate(tokens):
            word = m.group()
            if not group and word.islower():
                continue  # prose between names: most words of a text
            if word == "amp" and text[m.start() - 1 : m.start()] == "&":
                continue  # "Transp &amp; Logistics": an HTML-escaped ampersand
            # A name holding an unknown word goes on across figures and signs to a word
            # that is no clinical content, as a cue's slot does (`Nikkei 225 Double
            # Inverse`, `Bear -2x ETF`)
            unknown_before = named = adjacent = False
            if group:
                unknown_before = any(s >= 2 for _, s in group)
                named = cued or unknown_before and _bare(word) not in self.core_clinical
                adjacent = self._adjacent(text, group[-1][0], m, cued=named)
            if not word[0].isupper() and _camel(word):
                if not adjacent:
                    self._close(text, group, spans)
                    group = []
                    cued = self._named_by_cue(text, tokens, i)
                group.append((m, 2))  # "iShares", "nCino": a trade name, no word
                continue
            if not word[0].isupper():
                figure = cued and text[m.start() - 1].isdigit() or named and _multiplier(text, m)
                if adjacent and (word in _CONNECTORS or figure):
                    group.append((m, 1))
                    continue
                self._close(text, group, spans)
                group = []
                continue
            nxt = self._next_word(text, tokens, i)
            eponym_end = m.end()
            if _unpossessed(word) in _PARTICLES and i + 2 < len(tokens):
                nxt = tokens[i + 2].group()  # "De Quervain's tenosynovitis"
                eponym_end = tokens[i + 1].end()
            eponym = (
                heads
                and not function_word(_bare(word))
                and _eponym_shape(word, text, eponym_end)
                and eponym_after(text, eponym_end)
            )
            if eponym and adjacent and unknown_before and word == _bare(word).title():
                # "Tarvick Double Inverse Index": an everyday word inside a name is no
                # eponym; a possessive is (`Baker's cyst`)
                eponym = not common_english(_bare(word))
            initial = _at_sentence_start(text, m.start())
            following = (
                i + 1 < len(tokens)
                and tokens[i + 1].group()[0].isupper()
                and self._adjacent(text, m, tokens[i + 1])
                and not (
                    _is_initial(word)
                    and _bare(tokens[i + 1].group()) in self.core_clinical
                    and _unpossessed(tokens[i + 1].group()) not in self.surnames
                )
            )
            alone = not adjacent and not following
            if _is_initial(word) and following and text[m.end() : m.end() + 1] == ".":
                state = 2  # an initial before a name: "D. Walker"
            elif _unpossessed(word) in _MONTH_SHORT and not self._beside_number(text, m):
                state = 2
            elif text[m.end() : m.end() + 1].isdigit() and _LETTERS_DIGITS.match(text, m.start()):
                state = 2  # "Unit4", "Core30", "KOSPI200": a letter-digit name, no word
            elif not self.is_known(
                word, initial=initial, next_word=nxt, alone=alone, eponym=eponym
            ):
                state = 2
            elif self._person_by_cue(text, m):
                state = 2  # "her daughter April", "seen by Costa": a name that is a word
            elif not adjacent and self._named_by_cue(text, tokens, i):
                state = 2  # "the employer ... was Pages", "administered by Cooper-Adams"
            elif (not initial or self._joins_at_start(word)) and self._may_join(
                word,
                eponym=eponym,
                after_unknown=adjacent and unknown_before,
                at=(text, m),
            ):
                state = 1  # "Lakeview Assisted Living", "Aria Mantegazza", "[X] Walker"
            else:
                state = 0
            if state < 2 and word[1:2].isupper() and self._unlisted_acronym(word):
                state = 3  # "ISHS", "SHS", "USD": known as an acronym only by its shape
            if not adjacent:
                self._close(text, group, spans)
                group = []
                cued = state == 2 and self._named_by_cue(text, tokens, i)
            elif cued:
                state = max(state, 1)  # "ETFS PHYSICAL GOLD", "Kaiser Physical Therapy"
            group.append((m, state))
        self._close(text, group, spans)
        return spans

    @staticmethod
    def _next_word(text: str, tokens: list[re.Match[str]], i: int) -> str | None:
        """The word after token i unless a figure parts them (`Zone 2 II` is no
        classification); eponym heads are `eponym_after`'s."""
        if i + 1 >= len(tokens):
            return None
        gap = text[tokens[i].end() : tokens[i + 1].start()]
        return tokens[i + 1].group() if not any(c.isdigit() for c in gap) else None

    def _unlisted_acronym(self, word: str) -> bool:
        """Short capitals that no vocabulary lists and that are no common word written in
        capitals (`SHORT`, `DAILY`): alone they stay (an unknown abbreviation), two side
        by side are a name (`ISHS IV/SHS`, `HSBC ETFS`, `BST/ASST BKD`)."""
        if not is_acronym(word) or len(word) < 2:
            return False
        parts = [p for p in _bare(word).split("-") if p]
        return not all(
            in_vocabulary(p) or very_common(p) and lower_form(p) for p in parts if len(p) > 1
        )

    @staticmethod
    def _beside_number(text: str, m: re.Match[str]) -> bool:
        before = text[max(0, m.start() - 4) : m.start()]
        return _DIGIT_NEAR.match(text, m.end()) is not None or any(c.isdigit() for c in before)

    def _named_by_cue(self, text: str, tokens: list[re.Match[str]], i: int) -> bool:
        """The capitalised run right after an employer/insurer cue names one whatever its
        words (`records from College Board`), unless all of it is clinical or a title
        (`by MRI`, `by Physical Therapy`, `from Dr. Arkwright`); `was ASN` is a firm."""
        if i == 0 or tokens[i - 1].group().lower() not in _CUE_WORDS:
            return False
        if _unpossessed(tokens[i].group()) in NAME_TITLES or _bare(tokens[i].group()) in _MONTHS:
            return False  # "from Dr. Arkwright", "employed by May of that year"
        if _ORG_CUES.search(text, max(0, tokens[i].start() - 60), tokens[i].start()) is None:
            return False
        for j in range(i, len(tokens)):
            word = tokens[j].group()
            if (
                not _named_shape(word)
                or j > i
                and not self._adjacent(text, tokens[j - 1], tokens[j])
            ):
                return False
            if _bare(word) not in (self.core_known if is_acronym(word) else self.core_clinical):
                return True
            if j == i and self._party_alone(text, tokens, i):
                return True
        return False

    def _party_alone(self, text: str, tokens: list[re.Match[str]], i: int) -> bool:
        """One title-case word where a cue wants a party (`administered by Pages`, `the
        insurer was Harbor`) names it, though a known word; `records from` may name a
        department (`records from Orthopedics`), and a specialty stays."""
        word = tokens[i].group()
        if not word[1:].islower() or _bare(word) in self.specialties:
            return False
        if i + 1 < len(tokens) and self._adjacent(text, tokens[i], tokens[i + 1]):
            if tokens[i + 1].group()[0].isupper():
                return False
        return (
            _PARTY_CUE.search(text, max(0, tokens[i].start() - 40), tokens[i].start()) is not None
        )

    def _person_by_cue(self, text: str, m: re.Match[str]) -> bool:
        """A known word that is a given name or surname is one where a person cue stands
        before it or a possessive before a kin noun after it; never beside a number
        (`with May 3`)."""
        word = _unpossessed(m.group())
        if word not in self.surnames and word not in self.world_names and word not in self.firsts:
            return False
        if function_word(word.lower()) or self._beside_number(text, m):
            return False  # "the patient Will return", "with May 3"
        if _PERSON_BEFORE.search(text, max(0, m.start() - 24), m.start()):
            return True
        if word != m.group():
            return _KIN_AFTER.match(text, m.end()) is not None
        # "Maria lives with her sister", "Costa said": a verb only a person is subject of,
        # after a word that is no clinical or administrative content ("Pain began")
        return _bare(word) not in self.core_known and _PERSON_VERB.match(text, m.end()) is not None

    def _joins_at_start(self, word: str) -> bool:
        """A known word at a sentence start may be a given name before the unknown one
        (`Jan Kristiansen`, `Virginia Adkins`), unless a function or letter word (`The`,
        `Patient`)."""
        bare = _bare(word)
        return (
            not function_word(bare)
            and bare not in self.letter_words
            and _unpossessed(word) not in NAME_TITLES  # "Nurse April"
        )

    def _may_join(
        self,
        word: str,
        *,
        eponym: bool,
        after_unknown: bool = False,
        at: tuple[str, re.Match[str]] | None = None,
    ) -> bool:
        """A known word beside an unknown one is part of the name unless it is clinical
        (a drug followed by a dose, a body part): `Walker`, `Date`, `Aria` may join. A
        clinical word in title case goes on a name already holding an unknown word
        (`Schneider Electric`, `Novae Aerospace`), and a place name joins
        (`California BanCorp`): a name's words are capitalised, prose's are not."""
        bare = _bare(word)
        if _is_initial(word):
            return True  # a middle initial without its period: "Silas A Lorenzen"
        if is_acronym(word):
            # "Daiwa ETF", not "Smith MRI"; a word in capitals beside a name in prose is
            # part of it (`NEXT NOTES Kestrel`), not in a heading in capitals
            if bare not in self.core_known:
                return True
            return len(bare) >= 4 and at is not None and not _line_in_capitals(*at)
        if eponym:
            return False
        if bare in ORG_NOUNS:
            return True  # "[X] Health", "[X] Research": the kind of body the name ends with
        if bare in self.places:
            return True
        if bare in self.core_clinical:
            title = word[1:].islower() and not word.endswith(("'s", "’s"))
            # "Walker's request", not "walker"
            return _unpossessed(word) in self.surnames or after_unknown and title
        return True

    def _close(self, text: str, group: list[tuple[re.Match[str], int]], spans: list[Span]) -> None:
        if not any(s >= 2 for _, s in group):
            return  # every word may stay: most groups (`Patient`, `MTUS`, `Norco`)
        run: list[re.Match[str]] = []
        if self._unlisted_pair(group):  # its capitals are one name: "ISHS IV/SHS CL-USD"
            group = [(m, 2 if s == 3 else max(s, int(m.group().isupper()))) for m, s in group]
        for m, state in [*group, (None, 0)]:
            if state:
                run.append(m)
                continue
            while run and not _named_shape(run[-1].group()):
                run.pop()  # "X and" -> "X"
            while run and not _named_shape(run[0].group()):
                run.pop(0)
            if run and any(s == 2 for mm, s in group if mm in run):
                start, end = run[0].start(), run[-1].end()
                if text[end - 2 : end] in ("'s", "’s"):
                    end -= 2
                while end < len(text) and text[end].isdigit():
                    end += 1  # "Unit4", "Core30"
                spans.append(Span(start, end, self.KIND, self._placeholder(text, start, run)))
            run = []

    @staticmethod
    def _unlisted_pair(group: list[tuple[re.Match[str], int]]) -> bool:
        """Two unlisted acronyms with no lower-case word between them (`HTN and DM` are
        two findings, `HSBC ETFS/SHS` one name)."""
        previous = False
        for m, state in group:
            if state == 3 and previous:
                return True
            if state == 3:
                previous = True
            elif not m.group()[0].isupper():
                previous = False
        return False

    @staticmethod
    def _adjacent(
        text: str, left: re.Match[str], right: re.Match[str], *, cued: bool = False
    ) -> bool:
        gap = text[left.end() : right.start()]
        if (
            cued
            and (
                right.group()[0].isupper()
                or text[right.start() - 1].isdigit()  # "3x"
                or _multiplier(text, right)  # "(x1)"
            )
            and len(gap) <= _CUED_GAP_MAX
            and set(gap) <= _CAPITALS_GAP
            and ". " not in gap
        ):
            return True  # "Daiwa ETF TOPIX-17 Pharmaceutical", "Acme Index - Acme Gold"
        if _is_initial(left.group()) and gap in (". ", "."):
            return True  # "D. Walker"
        if right.group().isupper() and (left.group().isupper() or len(right.group()) > 1):
            # "BST/ASST", "I.SOL.-JAP", "COMM/1X DAILY", "INVES/5.95% PFD", "REP 1/40 SRS",
            # "Core30 ETF", "Corporation (REIT)": capitals go on across figures and signs
            return len(gap) <= 10 and set(gap) <= _CAPITALS_GAP and ". " not in gap
        return len(gap) <= 7 and gap.strip(" ") in ("", "&", "&amp;")  # "Kemper & Daughters"

    def _placeholder(self, text: str, start: int, run: list[re.Match[str]]) -> str:
        before = text[max(0, start - 40) : start]
        if _bare(run[-1].group()) in ORG_NOUNS or _ORG_CUES.search(before):
            return "[ORG]"
        if _PERSON_CUES.search(before) or any(
            _unpossessed(m.group()).capitalize() in self.firsts for m in run
        ):
            return "[NAME]"
        return self.PLACEHOLDER
