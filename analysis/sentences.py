"""Split an article into blocks (title / heading / paragraph) and sentences, keeping verbatim offsets.

Why: every output row cites its evidence as ``article[char_start:char_end]``, so nothing here
normalises the text — ``\\r\\n``, curly quotes and non-breaking spaces stay where they are, and a
span is always the exact, whitespace-stripped slice of the text it came from.

Blocks are lines (a line ends in ``\\n``, ``\\r\\n`` or ``\\r``; blank lines are skipped):

* the first non-empty line is the **title**;
* a **heading** is a later line of at most 15 words, with at least one letter or digit, that does
  not end in ``. ! ? : ; …`` (also not when that punctuation is followed only by closing quotes or
  brackets: ``He said “no.”`` is a paragraph, ``Kyiv (EEST)`` is a heading);
* every other non-empty line is a **paragraph** (a live-blog line ``00:40 — Russia’s ...`` too).

Sentences end at ``. ! ? …`` followed by whitespace or the end of the line, together with any closing
quotes or brackets (``… a “compromise”.`` / ``“Why?” he asked`` stays one sentence because a
lower-case word follows). A period does not end a sentence after the abbreviations listed in
``data/abbreviations.yaml`` (``Gen.``, ``U.S.``, ``No. 3``, ``Feb. 12``, ``4:30 a.m. local time``),
after a single capital initial (``Donald J. Trump``), or when the next word starts in lower case
(``etc. and``). Decimals (``C$1.5 billion``) never split because no space follows the period.
Semicolons and dashes never split.

Example::

    >>> blocks, sents = segment("Title\\nAttack on Kyiv\\nGen. Syrskyi spoke at 4 a.m. local time. It ended.")
    >>> [b.kind for b in blocks]
    ['title', 'heading', 'paragraph']
    >>> [(s.start, s.end, s.section) for s in sents]
    [(21, 61, 'Attack on Kyiv'), (62, 71, 'Attack on Kyiv')]

All passes are precompiled regular expressions over the text; Python code runs once per line and
once per candidate sentence end, never once per character.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.lexicon import load_yaml, require, words

__all__ = ["Block", "SentenceSpan", "split_blocks", "split_sentences", "segment", "ABBREVIATIONS"]


@dataclass(frozen=True, slots=True)
class Block:
    """One non-empty line: ``kind`` is 'title', 'heading' or 'paragraph'; ``text == article[start:end]``."""

    kind: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SentenceSpan:
    """A sentence of a paragraph: ``article[start:end]``, the heading above it, its paragraph index."""

    start: int
    end: int
    section: str
    paragraph: int


FILE = "abbreviations.yaml"
_LISTS = ("always", "before_digit", "time", "time_followers")


def _load_abbreviations() -> dict[str, frozenset[str]]:
    """``abbreviations.yaml``'s four lists, checked, as lower-case sets."""
    data = require(load_yaml(FILE), FILE, None, *_LISTS)
    return {key: frozenset(v.lower() for v in words(values, FILE, key)) for key, values in data.items()}


ABBREVIATIONS = _load_abbreviations()
_ALWAYS = ABBREVIATIONS["always"]
_BEFORE_DIGIT = ABBREVIATIONS["before_digit"]
_TIME = ABBREVIATIONS["time"]
_TIME_FOLLOWERS = ABBREVIATIONS["time_followers"]

_CLOSERS = "\"'”’»›)]}"
_OPENERS = "\"'“‘«‹([{"
_ENDERS = ".!?…"
# A line's content without surrounding whitespace: \S never matches \r or \n, so no span holds them.
_LINE = re.compile(r"\S(?:[^\r\n]*\S)?")
# A candidate sentence end: a run of end punctuation (not preceded by more of it, so a long run is
# tried once), closing quotes/brackets, then whitespace or the end. Possessive: no backtracking.
# The run's first character comes before the look-behind (which then spans it), so that the pattern
# opens with a character class: ``re`` then skips to the next end punctuation in C instead of trying
# the look-behind at every character of the text (~4× faster over an article).
_END = re.compile(r"[.!?…](?<![.!?…][.!?…])[.!?…]*+[\"'”’»›)\]}]*+(?=\s|\Z)")
# What follows a candidate end: the next word (opening quotes skipped) and the word after it.
_NEXT = re.compile(r"\s++[\"'“‘«‹(\[{]*+(\S*+)(?:[ \t\u00a0]++(\S++))?")
_NONSPACE = re.compile(r"\S")
_ALNUM = re.compile(r"[^\W_]")
_LOOKAROUND = 48  # chars of context inspected around a candidate end; abbreviations are short
_HEADING_WORDS = 15  # a heading is short ("Russian strike on Kyiv kills 12"); a longer line is a paragraph


# a picture's credit line: "Photo: Darek Delmanowicz/PAP", "Picture by …" (a "Source: …" line, which outlets such as
# Ukrainska Pravda set between a report's parts, still opens its part)
_CREDIT_LABEL = re.compile(r"^\s*(?:photos?|pictures?|images?|video|illustration|credits?)\s*(?::|by\b)", re.I)
_END_ORNAMENT = re.compile(r"\s+[■□▪▫●◆◇★☆✦#*]+\s*$")


def _is_heading(line: str) -> bool:
    """≤ 15 words, a letter or digit, and no closing punctuation (before trailing closers); a picture's credit
    ("Photo: Darek Delmanowicz/PAP") opens no section."""
    # an end mark ("■", "*") after the last sentence of a story leaves it a sentence: "… labelled it terrorism. ■"
    core = _END_ORNAMENT.sub("", line.rstrip(_CLOSERS)).rstrip(_CLOSERS)
    if core[-1:] in _ENDERS + ":;" or len(line.split(None, _HEADING_WORDS)) > _HEADING_WORDS or _CREDIT_LABEL.match(line):
        return False
    return _ALNUM.search(line) is not None


def split_blocks(text: str) -> list[Block]:
    """Blocks of ``text`` in order; see the module docstring for the title/heading/paragraph rule."""
    blocks: list[Block] = []
    for m in _LINE.finditer(text):
        line = m.group()
        if not blocks:
            kind = "title"
        else:
            kind = "heading" if _is_heading(line) else "paragraph"
        blocks.append(Block(kind, line, m.start(), m.end()))
    return blocks


def _is_boundary(text: str, lo: int, punct_start: int, punct_end: int, after: int, end: int) -> bool:
    """Whether the end punctuation at ``text[punct_start:punct_end]`` (closers up to ``after``)
    ends a sentence in the line ``text[lo:end]``."""
    nxt = _NEXT.match(text, after, min(end, after + _LOOKAROUND))
    word = nxt.group(1) if nxt else ""
    if not word:
        return True
    first = word[0]
    if first.islower():
        return False  # "etc. and", "a.m. local", "“Why?” he asked"
    if text[punct_start:punct_end] != "." or punct_start == lo or text[punct_start - 1].isspace():
        return True
    window = text[max(lo, punct_start - _LOOKAROUND):punct_start].split()
    token = window[-1].lstrip(_OPENERS).lower() if window else ""
    if token in _ALWAYS:
        return False
    if first.isdigit() and (token in _BEFORE_DIGIT or token in _TIME):
        return False
    if token in _TIME:
        following = nxt.group(2) or ""
        return not (word.lower().rstrip(".,;:") in _TIME_FOLLOWERS or following.lower().startswith("time"))
    # Initials: "J. Trump", "J.R.R. Tolkien" — every dot-separated part a single capital letter.
    return not all(len(p) == 1 and p.isupper() for p in window[-1].lstrip(_OPENERS).split("."))


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans ``(s, e)`` within ``text[start:end]``, stripped, in order, never across a line.

    >>> split_sentences("No. 3 is running. Mr. Smith left!  Done")
    [(0, 17), (18, 33), (35, 39)]
    """
    n = len(text)
    end = n if end is None else max(0, min(end, n))
    start = max(0, min(start, end))
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text, start, end):
        lo, hi = line.start(), line.end()
        s = lo
        for m in _END.finditer(text, lo, hi):
            punct_end = m.start() + len(m.group().rstrip(_CLOSERS))
            if m.end() <= s or not _is_boundary(text, lo, m.start(), punct_end, m.end(), hi):
                continue
            spans.append((s, m.end()))
            nxt = _NONSPACE.search(text, m.end(), hi)
            if nxt is None:
                s = hi
                break
            s = nxt.start()
        if s < hi:
            spans.append((s, hi))
    return spans


def segment(text: str) -> tuple[list[Block], list[SentenceSpan]]:
    """Blocks of ``text`` and the sentences of its paragraph blocks (title and headings are not
    sentences). A sentence's section is the nearest heading above it, or the title before the
    first heading; ``paragraph`` counts paragraph blocks from 0."""
    blocks = split_blocks(text)
    sentences: list[SentenceSpan] = []
    section = blocks[0].text if blocks else ""
    paragraph = -1
    for block in blocks:
        if block.kind == "heading":
            section = block.text
        elif block.kind == "paragraph":
            paragraph += 1
            for s, e in split_sentences(text, block.start, block.end):
                sentences.append(SentenceSpan(s, e, section, paragraph))
    return blocks, sentences
