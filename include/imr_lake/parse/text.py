"""Clean what a PDF text extractor gives before any parser reads it.

Real extraction leaves page footers ("Page 2 of 4"), page headers repeated on every page,
words hyphenated at line ends, blanked names as double spaces and empty lines. Pages arrive
joined by form feeds (see `imr_lake.extract.PAGE_BREAK`); without them the text is one page.
"""

from __future__ import annotations

import re

PAGE_BREAK = "\f"
_FOOTER_RE = re.compile(
    r"^\s*(?:-\s*\d+\s*-|(?:Page|Pg\.?)\s*\d+\s*(?:(?:of|/)\s*\d+)?|\d+\s*(?:of|/)\s*\d+)\s*$",
    re.IGNORECASE,
)
_BARE_NUMBER_RE = re.compile(r"^\s*\d{1,3}\s*$")
_TRAILING_FOOTER_RE = re.compile(r"\s+Page\s+\d+\s+of\s+\d+\s*$", re.IGNORECASE)
_DIGITS_RE = re.compile(r"\d+")
_SPACES_RE = re.compile(r"[ \t\u00a0]+")
_HYPHEN_END_RE = re.compile(r"([A-Za-z])-$")
_LAST_WORD_RE = re.compile(r"[A-Za-z-]+$")
_SUSPENDED_NEXT = frozenset(("and", "or", "to", "nor", "through", "versus", "vs"))
_COMPOUND_PREFIXES = frozenset(
    """
    post pre non bi tri multi anti self well follow long short sub semi over under inter
    intra extra full part low high one two three four five six seven eight nine ten x co
    re de mid cross left right non-steroidal follow-up work home in out up
    """.split()
)
_CASE_HEADER_RE = re.compile(r"\bCM\d{2}-\d{5,8}\b")
_MAX_HEADER_CHARS = 80
_HEADER_ZONE = 3  # lines at the top and bottom of a page that may be running headers


def _shape(line: str) -> str:
    """A line with its numbers masked: "Page 2 of 4" and "Page 3 of 4" look alike."""
    return _DIGITS_RE.sub("#", line.strip())


def _is_page_number(line: str) -> bool:
    return bool(_FOOTER_RE.match(line) or _BARE_NUMBER_RE.match(line))


def _edge_keys(lines: list[str]) -> dict[int, list[tuple[str, int, str]]]:
    """Line index -> its (edge, position from that edge, shape) keys for a page's edge
    lines. Positions skip page numbers: a foot-of-page note sits above the page number on
    one page and last on a page whose number is printed at the top. A line of a short
    page is at both edges (a trailing page holding only its footer and note)."""
    keys: dict[int, list[tuple[str, int, str]]] = {}
    for edge, order in (("top", range(len(lines))), ("bottom", range(len(lines) - 1, -1, -1))):
        position = 0
        for seen, i in enumerate(order):
            if seen >= _HEADER_ZONE:
                break
            keys.setdefault(i, []).append((edge, position, _shape(lines[i])))
            position += 0 if _is_page_number(lines[i]) else 1
    return keys


def _running_lines(pages: list[list[str]]) -> set[tuple[str, int, str]]:
    """Lines repeated at the same place on (nearly) every page: headers and footers.

    A body line can land at a page's edge on two pages by chance (a label repeated per
    item), so a running line must be at the same position on all pages but one.
    """
    if len(pages) < 2:
        return set()
    counts: dict[tuple[str, int, str], int] = {}
    for lines in pages:
        for key in {k for keys in _edge_keys(lines).values() for k in keys}:
            counts[key] = counts.get(key, 0) + 1
    needed = max(2, len(pages) - 1)
    return {key for key, n in counts.items() if n >= needed}


def _is_case_header(line: str) -> bool:
    """A short running header naming the case ("CM#: CM13-0012345", "IMR Case ...")."""
    return len(line) <= _MAX_HEADER_CHARS and bool(_CASE_HEADER_RE.search(line))


def _strip_page(
    lines: list[str], running: set[tuple[str, int, str]], first: bool, paged: bool
) -> list[str]:
    """Drop page numbers anywhere, running headers at the page's edges.

    The first page keeps its top lines: a letterhead or label block lives there, and
    detection and the label fields read them. A bare number as the last line of a page
    (or the first of a later one) is a page number when the page breaks are known.
    """
    out = []
    edges = _edge_keys(lines) if running else {}
    last = len(lines) - 1
    for i, line in enumerate(lines):
        if _FOOTER_RE.match(line):
            continue
        if paged and (i == last or (i == 0 and not first)) and _BARE_NUMBER_RE.match(line):
            continue
        at_top = i < _HEADER_ZONE and not first
        if any(k in running and (k[0] == "bottom" or at_top) for k in edges.get(i, ())):
            continue
        if at_top and _is_case_header(line):
            continue
        out.append(_TRAILING_FOOTER_RE.sub("", line) if "age" in line else line)
    return out


def _join_hyphenated(lines: list[str]) -> list[str]:
    """Rejoin a word split at a line-end hyphen followed by a lower-case continuation.

    - "short-" + "and long-term": a suspended hyphen, the space stays ("short- and");
    - "post-" + "operative": a compound broken at its own hyphen, kept ("post-operative");
    - "rehabili-" + "tation": a soft hyphen, dropped ("rehabilitation").
    """
    out: list[str] = []
    for line in lines:
        if out and out[-1].endswith("-") and line[:1].islower() and _HYPHEN_END_RE.search(out[-1]):
            head = out[-1]
            prefix = _LAST_WORD_RE.search(head[:-1])
            word = prefix.group(0).lower() if prefix else ""
            nxt = line.split(" ", 1)[0].lower().strip(",.;:")
            if nxt in _SUSPENDED_NEXT:
                out[-1] = f"{head} {line}"
            elif word in _COMPOUND_PREFIXES or "-" in word:
                out[-1] = head + line
            else:
                out[-1] = head[:-1] + line
        else:
            out.append(line)
    return out


def clean_lines(text: str) -> list[str]:
    """Non-empty, space-normalised lines of the letter, page furniture removed."""
    text = _SPACES_RE.sub(" ", text)
    pages = [[x.strip() for x in page.split("\n")] for page in text.split(PAGE_BREAK)]
    pages = [[x for x in lines if x] for lines in pages]
    running = _running_lines(pages)
    lines: list[str] = []
    for number, page in enumerate(pages):
        lines.extend(_strip_page(page, running, first=number == 0, paged=len(pages) > 1))
    return _join_hyphenated([x for x in lines if x])


def clean_text(text: str) -> str:
    """`clean_lines` joined by newlines: the text every parser works on."""
    return "\n".join(clean_lines(text))


def flatten(text: str) -> str:
    """A multi-line value as one line: wrapped words rejoined by single spaces."""
    return _SPACES_RE.sub(" ", text.replace("\n", " ")).strip()
