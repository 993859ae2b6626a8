"""Street lines of any country, and the address block lines that follow them.

By the definition of a postal address (UPU S42: delivery point line, then the locality
line with its postal code, then the country), not by examples:
- a street line is a house number and street words on one line, in either order
  (`1915 rue de la Gauchetière`, `ul. Jesionowa 127`, `Dunajska 97`, `6616 Zona Estação
  75`): its words are a street type or at least one word the known vocabulary does not
  hold, and no common lower-case English word (that is a sentence, not an address);
- the lines after a street line, while each is a unit (`Apt. 763`), a locality (a run of
  capitalised or non-Latin words, in capitals too: `MUHOS`), a region code, a postal code
  of any country's shape, or a country, belong to the same address. Countries and US
  states stay (Safe Harbor keeps them); the rest becomes `[ADDRESS]`.
Street types: the thoroughfare words of USPS Publication 28 (appendix C1) and their
common equivalents in the European languages (prefix words such as `rue`, `via`, `ulica`,
and suffixes such as `-straße`, `-straat`, `-katu`), written here, from no corpus.
"""

from __future__ import annotations

import re

from imr_lake.deid.recognizers.base import Recognizer, Span
from imr_lake.deid.recognizers.street_address import USPS_SUFFIXES
from imr_lake.deid.recognizers.zip_code import POSTAL_SHAPES, STATE_CODES
from imr_lake.deid.vocabulary import (
    common_english,
    core_clinical_words,
    countries,
    function_word,
    geography,
    in_vocabulary,
    known_words,
)
from imr_lake.deid.vocabulary.clinical import EPONYM_HEADS

STREET_TYPES = frozenset(
    """
    street st str avenue ave av avda avenida boulevard blvd bd bvd road rd drive dr lane ln
    way court ct place pl parkway pkwy highway hwy circle cir terrace ter trail crescent
    cres grove close square sq plaza row loop alley mews walk gardens gate
    parade esplanade promenade circuit
    rue chemin cours allée allee allé quai impasse route voie passage place cité cite
    via viale piazza vicolo corso largo strada calle c/ carrer carretera camino paseo plaza
    rua travessa praça largo estrada alameda
    straße strasse gasse weg platz allee ring damm ufer
    straat laan plein gracht kade singel dreef
    vej gade gata gatan vägen väg veien vei gate
    katu tie kuja polku tee veg rkp etorbidea kalea
    ulica ul aleja al plac ulice náměstí nám trg cesta utca u út útja tér körút rakpart
    fasor sor köz krt
    odos leoforos
    """.split()
)
# Of them, the ones written before the street's name (`Rue Sidi Bou`, `Via dei Mille`).
PREFIX_TYPES = frozenset(
    """
    rue chemin cours allée allee impasse quai voie passage cité cite via viale piazza
    vicolo corso largo strada calle carrer carretera camino paseo avenida avda rua travessa
    praça estrada alameda ulica ul aleja plac ulice náměstí nám trg cesta utca odos
    leoforos
    """.split()
)
# English words of the closed classes (articles, pronouns, prepositions, conjunctions,
# auxiliaries and modals, wh-words), from the grammar: one of them after a street's name
# means the sentence goes on.
CLOSED_CLASS = frozenset(
    """
    a an the this that these those my your his her its our their some any every each no
    i you he she it we they me him us them who whom whose which what where when why how
    of in on at to from by with without for into onto over under near after before since
    until during about between through across along around behind beside against toward
    towards via per than and or but nor so yet because although though while if unless
    whereas is are was were be been being am has have had do does did will would shall
    should can could may might must not also then there here
    """.split()
)
_STREET_SUFFIXES = (
    "straße",
    "strasse",
    "str.",
    "straat",
    "weg",
    "gasse",
    "plein",
    "laan",
    "vej",
    "gade",
    "gatan",
    "vägen",
    "veien",
    "katu",
    "tie",
    "utca",
    "ulica",
    "platz",
)
_UNIT = re.compile(
    r"(?:Suite|Ste\.?|Apt\.?|Apartment|Unit|Building|Bldg\.?|Floor|Fl\.?|Room|Rm\.?|Postbox"
    r"|P\.?\s?O\.?\s*Box|#)[ \t]*#?[ \t]*[A-Z0-9][\w-]*\.?"
)
# Lower-case words a street or a place name holds (`rue de la`, `Kámen u Pacova`).
_CONNECTORS = frozenset(
    "de la le les du des del della delle degli di da dos das do van von der den ter den"
    " dei dal dalla alla el los las al y e i u v ve w we z ze ob na pri nad pod"
    " am an im zu aux sur lès bei op aan".split()
    # Dutch `'t` and `'s` (`'t Hoogeland`, `'s Gravenweg`), also typed without the apostrophe.
    + ["t", "s"]
    # Numbers written as words inside a name: `rue des six frères`, `Avenue du Quatre`.
    + "one two three four five six seven eight nine ten eleven twelve".split()
)
_NUMBER = re.compile(r"\d{1,6}(?:[-/]\d{1,4})?[A-Za-z]?\.?\Z")
_TOKEN = re.compile(r"[^\s,;]+")
# A house number before a word (or before a second number and a word: `598 53 Rue ...`).
_HOUSE_START = re.compile(r"\d{1,6}[A-Za-z]?(?=[ \t]+(?:\d{1,6}[ \t]+)?[^\W\d_#])")
_REACH = 200  # a street line is shorter: no scan looks further for its end or start
_MAX_TOKENS = 10
_NON_LATIN = re.compile(
    r"[\u0370-\u03ff\u0400-\u052f\u0590-\u06ff\u0e00-\u0e7f\u2206\u3040-\u9fff]"
)
_YEAR = re.compile(r"(?:19|20)\d\d\Z")


def _letters(token: str) -> str:
    return token.strip(".'’()\"").lower()


def is_street_type(token: str) -> bool:
    word = _letters(token)
    if word in STREET_TYPES:
        return True
    return len(word) > 5 and any(word.endswith(s.rstrip(".")) for s in _STREET_SUFFIXES)


def _is_word(token: str) -> bool:
    return any(c.isalpha() for c in token)


def _unknown(token: str) -> bool:
    """A word neither the known vocabulary (clinical, administrative, geography) nor
    wordfreq's common English holds; two or three capitals are an acronym, not a name."""
    word = _letters(token)
    if _NON_LATIN.search(word):
        return True
    if token.isupper() and len(word) <= 3:
        return False
    parts = [p for p in re.split(r"[-'’/.]", word) if p]
    return bool(parts) and not all(in_vocabulary(p) or common_english(p) for p in parts)


# A word of a street: letters with inner hyphens, apostrophes or periods (`Kędzierzyn-Koźle`,
# `l'Epeule`, `Pl.`), Dutch `'s-` (`'s-Gravenweg`), or the Spanish `C/`; a label
# (`Page(s):`) or a dose (`150mg`) is none.
_STREET_WORD = re.compile(r"(?:['’]?[st]-)?[^\W\d_]+(?:['’.-][^\W\d_]+)*[.]?/?\Z")
# An elided article before a name (`l'Epeule`, `d'Orange`, `dell'Arco`): the name counts.
_ELISION = re.compile(r"(?:[ldLD]|dell|nell|all|sull)['’](?=[^\W\d_])|['’][st]-|[st]-(?=[A-Z])")


def _capitalised(token: str) -> bool:
    """A capitalised word, also behind an elided article or Dutch `'s-`."""
    m = _ELISION.match(token)
    name = token[m.end() :] if m else token
    return bool(name) and (name[0].isupper() or _NON_LATIN.search(name) is not None)


def _may_be_in_street(token: str) -> bool:
    """A token a street line may hold: a number, unit, capitalised or non-Latin word, a
    street type or connector; a common lower-case English word ends the line."""
    word = _letters(token)
    if _NUMBER.match(token) or re.match(r"#\d+\Z", token):
        return True
    if not word or not _STREET_WORD.match(token.strip('()"')):
        return False
    if _capitalised(token):
        if token.isupper() or word in _CONNECTORS or is_street_type(token):
            return True
        return token.rstrip(".") in USPS_SUFFIXES or not function_word(word)  # `Point`
    if word in _CONNECTORS or is_street_type(token):
        return True
    return len(word) > 3 and _unknown(token)


def _in_named_street(token: str) -> bool:
    """After a street type written before the name, the name is the rest of the line, in
    any case (`Rue Sidi Bou said`, `rue de baghdad`), until a closed-class English word
    (`and`, `with`, `since`: the sentence goes on)."""
    word = _letters(token)
    return _STREET_WORD.match(token) is not None and word not in CLOSED_CLASS


def _ends_sentence(token: str) -> bool:
    """`degrees.`: a word with a period that is no abbreviation ends the street line."""
    return token.endswith(".") and len(token) > 6 and not is_street_type(token)


def _usps_typed(words: list[str]) -> bool:
    """A USPS street type (`Creek`, `Villages`) after a name that is not all clinical
    words: `83 Dora Creek`, not `3 Pain Center`."""
    if not any(w.rstrip(".") in USPS_SUFFIXES for w in words[1:]):
        return False
    clinical = core_clinical_words()
    others = [w for w in words if w.rstrip(".") not in USPS_SUFFIXES]
    return bool(others) and not any(_letters(w) in clinical for w in others)


def _street_signal(tokens: list[re.Match[str]], *, house_year: bool) -> bool:
    words = [t.group() for t in tokens if _is_word(t.group()) and not _NUMBER.match(t.group())]
    if not any(_capitalised(w) for w in words):
        return False
    typed = any(is_street_type(w) for w in words) or _usps_typed(words)
    if not typed and any(_letters(w) in EPONYM_HEADS for w in words[1:]):
        return False  # a test or scale and its score: `Barthel Index 40`
    unknown = any(_unknown(w) for w in words if _capitalised(w) or len(w) > 3)
    if house_year and not typed:
        return unknown and _NUMBER.match(tokens[-1].group()) is not None
    return typed or unknown


class AddressLineRecognizer(Recognizer):
    """Street lines by their shape in any country, and the block lines after them."""

    KIND = "street_address"
    PLACEHOLDER = "[ADDRESS]"

    def analyze(self, text: str) -> list[Span]:
        spans: list[Span] = []
        covered = 0
        taken: list[tuple[int, int]] = []  # street lines and blocks of the first pass
        for m in _HOUSE_START.finditer(text):
            if m.start() < covered or not _starts_line_or_word(text, m.start()):
                continue
            line = self._street_after(text, m)
            if line is None:
                continue
            start = _street_words_before(text, m.start())
            spans.append(Span(start, line, self.KIND, self.PLACEHOLDER))
            covered = self._block(text, line, spans)
            taken.append((start, covered))
        covered = 0
        for line_end, number_start in _line_numbers(text):
            if line_end <= covered or not _after_word(text, number_start):
                continue
            if any(a <= number_start < b for a, b in taken):
                continue
            typed = _TYPE_AFTER.match(text, line_end)
            start = self._street_before(text, line_end, typed=typed is not None)
            if start is None:
                continue
            end = typed.end() if typed else line_end
            spans.append(Span(start, end, self.KIND, self.PLACEHOLDER))
            covered = self._block(text, end, spans)
        for a, b in _localities_before_countries(text):
            if not any(s.start <= a < s.end for s in spans):
                spans.append(Span(a, b, self.KIND, self.PLACEHOLDER))
        return spans

    def _street_after(self, text: str, house: re.Match[str]) -> int | None:
        """End of a street line that starts with this house number, if it is one."""
        line_end = _line_end(text, house.end())
        tokens: list[re.Match[str]] = []
        named = False  # after a street type written before the name (`Rue`, `Via`)
        for t in _TOKEN.finditer(text, house.end(), line_end):
            token = t.group()
            if len(tokens) == _MAX_TOKENS:
                break
            if not (_may_be_in_street(token) or named and _in_named_street(token)):
                break
            named = named or _letters(token) in PREFIX_TYPES
            tokens.append(t)
            if _ends_sentence(t.group()):
                break
        while tokens and (
            _letters(tokens[-1].group()) in _CONNECTORS or not tokens[-1].group()[0].isalnum()
        ):
            tokens.pop()
        if not tokens:
            return None
        year = _YEAR.match(house.group()) is not None
        if not year and (framed := _framed_by_unit(text, tokens)):
            tokens = tokens[:framed]
        elif not (
            _street_signal(tokens, house_year=year)
            or _unit_beside(text, house, tokens)
            or not year
            and _framed(text, tokens)
        ):
            return None
        return tokens[-1].end() - (tokens[-1].group().endswith(".") and not _abbrev(tokens[-1]))

    def _street_before(self, text: str, number_end: int, *, typed: bool) -> int | None:
        """Start of a street line that ends with the number ending at `number_end`;
        `typed`: a street type follows the number (`Overhorst 141 street`)."""
        reach = max(0, number_end - _REACH)
        line_start = max(
            text.rfind("\n", reach, number_end), text.rfind(",", reach, number_end), reach - 1
        )
        line_start += 1
        tokens = list(_TOKEN.finditer(text, line_start, number_end))
        if len(tokens) < 2:
            return None
        kept: list[re.Match[str]] = []
        for t in reversed(tokens[:-1]):
            if len(kept) == _MAX_TOKENS or not _may_be_in_street(t.group()):
                break
            kept.insert(0, t)
        while kept and not (_capitalised(kept[0].group()) or is_street_type(kept[0].group())):
            kept.pop(0)
        words = [t for t in kept if _is_word(t.group())]
        year = _YEAR.match(text, tokens[-1].start(), number_end) is not None
        if not words:
            return None
        if typed and any(_capitalised(t.group()) for t in words):
            return kept[0].start()
        if not _street_signal([*kept, tokens[-1]], house_year=year):
            return None
        return kept[0].start()

    def _block(self, text: str, end: int, spans: list[Span]) -> int:
        """Take the unit, locality, region and postal code lines after a street line; the
        country is the last part (UPU S42): only a note on it (`Cyprus (Greek)`) and a
        postal code may follow it, not the letter's next line (`Mobile: ...`)."""
        first = True
        country = False
        for _ in range(8):
            sep = _SEPARATOR.match(text, end)
            if sep is None or "\n\n" in sep.group():
                break
            at = sep.end()
            if country and not (_POSTAL.match(text, at) or _PAREN.match(text, at)):
                break
            part = _block_part(text, at, first=first)
            if part is None:
                break
            part_end, kept, locality = part
            country = kept and locality and text[at:part_end] in countries.country_names()
            if not kept:
                spans.append(Span(at, part_end, self.KIND, self.PLACEHOLDER))
            first = first and not locality
            end = part_end
        return end


def _street_words_before(text: str, house: int) -> int:
    """Where a street line starts whose name comes before the house number, as most of
    Europe writes it (`Lenkkeilijänkatu 86 B`): the capitalised street words just before."""
    line_start = max(text.rfind("\n", 0, house), text.rfind(",", 0, house)) + 1
    start = house
    for t in reversed(list(_TOKEN.finditer(text, line_start, house))[-4:]):
        word = t.group()
        if word.endswith(".") or not _may_be_in_street(word):
            break
        if not (is_street_type(word) or _unknown(word)):
            if _capitalised(word) or _letters(word) not in _CONNECTORS:
                break
        if _capitalised(word) or is_street_type(word):
            start = t.start()  # `Martin Linges veg 149`: a lower-case street type
        # a lower-case word no vocabulary holds inside the name (`Nádražní brány 12`)
        # or a connector is passed over: the name starts at a capitalised word
    return _prefix_type_before(text, line_start, start) if start < house else start


def _prefix_type_before(text: str, line_start: int, start: int) -> int:
    """A street type written before the name starts the street, however known the name's
    words (`Via Santa Rita dei Monti 12`: `Santa Rita` stopped the walk back)."""
    tokens = list(_TOKEN.finditer(text, line_start, start))[-_MAX_TOKENS:]
    for i in range(len(tokens) - 1, -1, -1):
        word = tokens[i].group()
        if _letters(word) in PREFIX_TYPES and _capitalised(word):
            return tokens[i].start()
        if not (_capitalised(word) and _STREET_WORD.match(word) or _letters(word) in _CONNECTORS):
            break
    return start


def _unit_beside(text: str, house: re.Match[str], tokens: list[re.Match[str]]) -> bool:
    """A line that starts with a house number and capitalised words is a street line when
    a unit designator starts it or the next line (`908 Joaquin Suarez 2906` then `Suite
    231`; `45 P.O. Box 255`), whatever its words: a block's second line says so."""
    line_start = text.rfind("\n", 0, house.start()) + 1
    if any(c.isalnum() for c in text[line_start : house.start()]):
        return False
    if not any(_capitalised(t.group()) for t in tokens):
        return False
    if _UNIT.match(text, tokens[0].start()):
        return True
    sep = _SEPARATOR.match(text, tokens[-1].end())
    return sep is not None and "\n" in sep.group() and _UNIT.match(text, sep.end()) is not None


def _framed(text: str, tokens: list[re.Match[str]]) -> bool:
    """A house number, capitalised words not all known vocabulary, and a number that ends
    the line (`908 Joaquin Suarez 2906,`): numbers on both sides of a name are a street
    line whatever the name's words (`12 March 2020,` is all calendar words: stays)."""
    if len(tokens) < 2 or not _NUMBER.match(tokens[-1].group()):
        return False
    after = re.compile(r"[ \t]*(?:[\n,;]|\Z)").match(text, tokens[-1].end())
    words = [t.group() for t in tokens[:-1]]
    if after is None or not all(_is_word(w) and _capitalised(w) for w in words):
        return False
    return not all(in_vocabulary(_letters(w)) for w in words)


# The sub-premise designators of a delivery line (UPU S42): after a premise number they
# close the street before them.
_SUB_PREMISE = re.compile(r"(?:Suite|Ste\.|Apt\.?|Apartment|Unit)[ \t]*#?[ \t]*\d")


def _framed_by_unit(text: str, tokens: list[re.Match[str]]) -> int:
    """How many tokens a street line of a house number, capitalised words and a second
    number holds when a unit designator follows that number on the line (`4410 Moreno
    Vidal 318 Apt. 12`): premise, thoroughfare, premise and sub-premise whatever the
    words are (0: no such line)."""
    for i, t in enumerate(tokens[1:], 1):
        if _NUMBER.match(t.group()):
            if not _SUB_PREMISE.match(text, t.end() + 1):
                return 0
            words = [w.group() for w in tokens[:i]]
            return i + 1 if all(_is_word(w) and _capitalised(w) for w in words) else 0
    return 0


def _abbrev(token: re.Match[str]) -> bool:
    word = token.group()
    return word.endswith(".") and len(word) <= 6 and not word[:-1].isdigit()


def _starts_line_or_word(text: str, at: int) -> bool:
    return at == 0 or not (text[at - 1].isalnum() or text[at - 1] in ".,/-+:#$")


_LINE_END = re.compile(r"[\n,;!?]|\.(?=\s*\Z)")


def _after_word(text: str, at: int) -> bool:
    """A space, then a letter or period, before `at`: a word may come before the number."""
    return at >= 2 and text[at - 1] in " \t" and (text[at - 2].isalpha() or text[at - 2] == ".")


def _line_end(text: str, at: int) -> int:
    """Where the line containing `at` ends: a line break, comma or semicolon (a sentence
    going on after a street ends it at its first common word, see `_may_be_in_street`)."""
    m = _LINE_END.search(text, at, at + _REACH)
    return m.start() if m else min(len(text), at + _REACH)


# A number that ends a street line: before a line break, comma or sentence end, `and`
# (`the corner of Dunajska 97 and ...`) or a street type (`lives on Overhorst 141 street`).
_LINE_NUMBER = re.compile(
    r"\d{1,5}[A-Za-z]?"
    r"(?=\.?[ \t]*(?:[\n,;]|\Z|\.\s)|[ \t]+and[ \t]|[ \t]+(?:street|road|avenue)\b)"
)


# A lower-case street type after the number (`Overhorst 141 street`) ends the line.
_TYPE_AFTER = re.compile(r"[ \t]+(?:street|road|avenue)\b")


def _line_numbers(text: str) -> list[tuple[int, int]]:
    """(end, start) of the numbers that may end a street line (`_after_word` checks what
    is before them: a lookbehind here would slow the scan, see `base`)."""
    return [(m.end(), m.start()) for m in _LINE_NUMBER.finditer(text)]


_POSTAL = re.compile(rf"(?:{POSTAL_SHAPES})(?![\w/-])")
# A region or district code: letters or two digits, before a line end or a postal code.
_REGION = re.compile(
    r"(?:[A-Za-z]{1,3}|\d{1,2})"
    rf"(?=[ \t]*(?:[\n,]|\.?\s*\Z|\.\s|[ \t\n]+(?:{POSTAL_SHAPES})(?![\w/-])))"
)
_PLACE_WORD = re.compile(r"(?:[^\W\d_]|\u2206)[\w'’.\u2206-]*")
# Between the parts of a block: a comma or line break (a period only before one: `u. 94.`
# then the town's line), or spaces; a line may start with a quoting mark (`> `, `| `).
_SEPARATOR = re.compile(r"[ \t]*(?:\.?[ \t]*[,\n][ \t,\n]*(?:(?<=\n)[>|}?*\-]{1,3}[ \t]*)?|[ \t]+)")
_PAREN = re.compile(r"\([^\W\d_][\w ]{0,20}\)")
_LINE_ENDS = re.compile(r"[ \t]*(?:[\n,]|\Z)")
_POSTAL_ENDS_LINE = re.compile(rf"[ \t]+(?:{POSTAL_SHAPES})(?![\w/-])[ \t]*(?:\n|\.?\s*\Z)")


# A line of one to four capitalised words (or a connector inside them), alone on its line.
_LOCALITY_LINE = re.compile(
    r"^[ \t>|}]*(?P<v>[^\W\d_][\w'’.-]*(?:[ \t]+[^\W\d_][\w'’.-]*){0,3})[ \t,]*$", re.M
)
_COUNTRY_LINE = re.compile(
    rf"[ \t>|}}]*(?P<c>[A-Z][\w'’ .()-]{{1,40}}?)(?:[ \t]+(?:{POSTAL_SHAPES}))?[ \t.]*(?:\n|\Z)"
)


def _localities_before_countries(text: str) -> list[tuple[int, int]]:
    """The line right above a line that is a country (and its postal code) is the
    locality line of an address (UPU S42: locality, then country, last): `MÆRKEBY` or
    `Dravlje` over `Norway`. Its words are capitalised, one of them is neither a known
    word (clinical, administrative) nor common English, or the whole line is in capitals as
    address blocks write towns; a country or a US state above (`Canada` over `Mexico`)
    and clinical words stay."""
    if "\n" not in text:
        return []
    names, kept, clinical = countries.country_names(), _kept_words(), core_clinical_words()
    known = known_words()
    out = []
    for m in _LOCALITY_LINE.finditer(text):
        country = _COUNTRY_LINE.match(text, m.end() + 1)
        if country is None or country.group("c").strip() not in names:
            continue
        name = m.group("v").rstrip(".")
        words = name.split()
        lower = [_letters(w) for w in words]
        if not all(w[0].isupper() or _letters(w) in _CONNECTORS for w in words):
            continue
        if all(w in kept for w in lower) or all(w in clinical for w in lower):
            continue
        if (
            name.isupper()
            and len(name) > 3
            or not all(w in known or common_english(w) for w in lower)
        ):
            out.append((m.start("v"), m.start("v") + len(name)))
    return out


def _kept_words() -> frozenset[str]:
    """Words of the countries and US states: Safe Harbor keeps them."""
    return countries.words() | geography.words()


_TITLE_WORDS = re.compile(
    r"[^\W\d_][\w'’.-]*(?:[ \t]+[^\W\d_][\w'’.-]*){1,4}(?=[ \t]*(?:[\n,]|\Z))"
)


def _title_line(text: str, at: int) -> bool:
    """A whole line of capitalised words from `at`, the first and last no function word:
    a locality's name, whatever small words it holds (`Riva In Monte`)."""
    if at and text[at - 1] not in " \t\n" or "\n" not in text[max(0, at - 6) : at]:
        return False
    m = _TITLE_WORDS.match(text, at)
    if m is None:
        return False
    words = m.group().split()
    return all(w[0].isupper() for w in words) and not any(
        function_word(_letters(w)) for w in (words[0], words[-1])
    )


def _block_part(text: str, at: int, *, first: bool) -> tuple[int, bool, bool] | None:
    """One part of an address block at `at`: (its end, whether it stays, whether it is a
    locality or country), or None when what follows is no part of an address."""
    for shape in (_UNIT, _POSTAL, _PAREN):
        m = shape.match(text, at)
        if m:
            return m.end(), False, False
    words: list[re.Match[str]] = []
    pos = at
    while len(words) < 5:
        m = _PLACE_WORD.match(text, pos)
        if m is None:
            break
        word = m.group()
        lower = _letters(word)
        if not (
            word[0].isupper()
            or _NON_LATIN.search(word)
            or lower in _CONNECTORS
            or (words and len(lower) > 3 and _unknown(word))
        ):  # a lower-case word no vocabulary holds after the first: `Novo mesto`
            break
        if word[0].isupper() and function_word(lower) and not word.isupper() and lower != "new":
            ends = _LINE_ENDS.match(text, m.end()) and lower not in CLOSED_CLASS
            if not words or not (ends or _title_line(text, at)):
                break  # "It serves", "Please"; inside a name: `Vila Real`, `Riva In Monte`
        words.append(m)
        gap = re.compile(r"[ \t]").match(text, m.end())
        if gap is None:
            break
        pos = gap.end()
    while words and _letters(words[-1].group()) in _CONNECTORS and not words[-1].group().isupper():
        words.pop()
    if words:
        name = text[words[0].start() : words[-1].end()].rstrip(".")
        end = words[0].start() + len(name)
        if text.startswith(":", end):
            return None  # a label (`Mobile:`, `Fax:`) starts the next part of the letter
        if name in countries.country_names():
            return end, True, True
        state = name in STATE_CODES or all(w in geography.words() for w in name.lower().split())
        return end, state and not first, True
    region = _REGION.match(text, at)
    if region is None:
        return None
    if not region.group().islower():
        return region.end(), False, False
    # a lower-case one (`nan`, a form's empty value) is no code: after a comma or line
    # break the block goes on past it and it stays; after a space it is the sentence's,
    # unless a postal code follows it and ends the line (`Town nan 4821`: the locality
    # line's last part is its code, UPU S42)
    before = text[max(0, at - 8) : at].rstrip(" \t")[-1:]
    if before in (",", "\n") or _POSTAL_ENDS_LINE.match(text, region.end()):
        return (region.end(), True, False) if region.group() not in CLOSED_CLASS else None
    return None
