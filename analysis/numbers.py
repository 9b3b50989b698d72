"""Counts as news text writes them: "206", "1,200", "four", "twenty-one", "a dozen", "dozens".

Weapons and casualties both need "how many", and war reports mix digits and words freely:
"Russia sent 48 Shahed drones, two missiles and four guided bombs" or "Eleven Killed in Double
Strike". This module gives them one regex source, ``NUMBER``, and one parser, ``parse_number``,
both built from ``data/numbers.yaml`` so that new words are data, not code.

``NUMBER`` carries its own case-insensitive flag and guards, so it can be embedded in any pattern:
it will not match inside "KN-23", "56-year-old", "5:35", "C$2" or "1,200" (only the whole "1,200").
Plain "a"/"an" are not in it: callers decide where an article means one ("a Ukrainian drone").
"""
from __future__ import annotations

import re
from functools import cache, lru_cache

from analysis.lexicon import alternation, counts, load_yaml, require, words

__all__ = ["NUMBER", "QUALIFIER", "NUMBER_STARTERS", "QUALIFIER_STARTERS", "NUMBER_WORDS", "parse_number",
           "is_count_position"]

FILE = "numbers.yaml"
_VALUES = ("units", "tens", "scales", "multiples", "standalone")   # word → number
_LISTS = ("vague", "qualifiers")                                    # tried in order
_SETS = ("months", "not_count_before", "year_before")               # looked up


@cache
def _lexicon() -> dict:
    """``numbers.yaml`` checked: its word → number tables, and its word lists in lower case."""
    data = require(load_yaml(FILE), FILE, None, *_VALUES, *_LISTS, *_SETS)
    lex: dict = {key: dict(counts(data[key], FILE, key)) for key in _VALUES}
    lex.update({key: [w.lower() for w in words(data[key], FILE, key)] for key in _LISTS})
    lex.update({key: frozenset(w.lower() for w in words(data[key], FILE, key)) for key in _SETS})
    return lex


def _number_source() -> str:
    lex = _lexicon()
    units, tens = alternation(lex["units"]), alternation(lex["tens"])
    one9 = alternation([w for w, v in lex["units"].items() if 1 <= v <= 9])
    big = alternation([w for w, v in lex["scales"].items() if v >= 1000])
    w99 = rf"(?:{tens}(?:[-\s]{one9})?|{units})"
    w999 = rf"(?:(?:{w99}|an?)\s+hundred(?:\s+(?:and\s+)?{w99})?|{w99})"
    spelled = rf"(?:(?:{w999}|an?)\s+{big}(?:,?\s+(?:and\s+)?{w999})?|{w999})"
    mult = rf"(?:(?:an?|{w99})\s+{alternation(lex['multiples'])})"
    digits = (rf"(?:\d+\.\d+\s+{big}|\d{{1,3}}(?:,\d{{3}})+(?:\s+{big})?"
              rf"|\d+(?:\s+{big}|\s?[-–]\s?\d+(?!\d))?)")
    start = r"(?<![\w$€£%.,:/-])"
    end = r"(?![\w%])(?!-[^\W\d_])(?![.,:/]\d)(?!\s?(?:per\s?cent|percent)\b)"
    vague, alone = alternation(lex["vague"]), alternation(lex["standalone"])
    return rf"(?i:{start}(?:{vague}|{mult}|{spelled}|{digits}|{alone}){end})"


NUMBER: str = _number_source()
"""Regex source for a count, without capture groups: "1,200", "twenty-one", "a dozen", "dozens"."""

QUALIFIER: str = rf"(?i:\b{alternation(_lexicon()['qualifiers'])}\b)"
"""Regex source for lower-bound/estimate words before a count: "at least", "more than", "about"."""

NUMBER_STARTERS: frozenset[str] = frozenset(
    {*_lexicon()["units"], *_lexicon()["tens"], *_lexicon()["standalone"], *(w.split()[0] for w in _lexicon()["vague"]),
     "a", "an"})
"""Lower-case words a NUMBER match can start with (a digit can too): a cheap pre-check before the regex."""

QUALIFIER_STARTERS: frozenset[str] = frozenset(w.split()[0] for w in _lexicon()["qualifiers"])

NUMBER_WORDS: frozenset[str] = frozenset(
    w for key in ("units", "tens", "scales", "multiples", "vague", "standalone") for p in _lexicon()[key]
    for w in p.split())
"""Every lower-case word that can be part of a NUMBER match ("hundred", "and" excluded)."""

# Characters before a number searched for the word in front of it: the longest such word in
# numbers.yaml ("reactor", "September") with its spaces and punctuation fits.
_WORD_BEFORE_CHARS = 24
# A four-digit number in this range may be a year ("in 2022 drones…"); outside it, a count.
_YEARS = range(1900, 2100)
_DIGITS = re.compile(r"(\d+(?:\.\d+)?)(?:\s+(\w+))?")
_RANGE = re.compile(r"(\d+)\s?[-–]\s?\d+")


@lru_cache(maxsize=8192)
def parse_number(text: str) -> int | None:
    """The integer a count phrase states, or None when it states none.

    "four" → 4, "1,200" → 1200, "a dozen" → 12, "twenty-one" → 21, "one hundred and fifty" → 150,
    "a couple" → 2, "3-4" → 3 (lower bound), "at least 21" → 21; "dozens", "several" → None.
    """
    lex = _lexicon()
    s = " ".join(text.lower().replace(",", "").split())
    if s.split(" ", 1)[0] in QUALIFIER_STARTERS:
        for qualifier in lex["qualifiers"]:
            if s.startswith(qualifier + " "):
                s = s[len(qualifier) + 1:]
                break
    s = s.removesuffix(" of")
    if not s or s in lex["vague"]:
        return None
    if s in lex["standalone"]:
        return lex["standalone"][s]
    if s[0].isdigit():
        m = _RANGE.fullmatch(s)
        if m:
            return int(m.group(1))
        m = _DIGITS.fullmatch(s)
        if not m:
            return None
        scale = 1
        if m.group(2):
            scale = lex["scales"].get(m.group(2))
            if scale is None:
                return None
        return int(float(m.group(1)) * scale) if "." in m.group(1) else int(m.group(1)) * scale
    return _parse_words(s.replace("-", " ").split(), lex)


def _parse_words(tokens: list[str], lex: dict) -> int | None:
    total = current = 0
    seen = False
    for token in tokens:
        if token == "and" and seen:
            continue
        if token in ("a", "an"):
            current, seen = max(current, 1), True
        elif token in lex["units"] or token in lex["tens"]:
            current += lex["units"].get(token, lex["tens"].get(token, 0))
            seen = True
        elif token == "hundred":
            current, seen = (current or 1) * 100, True
        elif token in lex["scales"]:
            total, current, seen = total + (current or 1) * lex["scales"][token], 0, True
        elif token in lex["multiples"]:
            current, seen = (current or 1) * lex["multiples"][token], True
        else:
            return None
    return total + current if seen else None


def is_count_position(text: str, start: int, end: int) -> bool:
    """False when the number at ``text[start:end]`` is a date, year, age or identifier, not a count.

    "Ukraine's June 1 drone operation" (a day), "in 2022 drones ..." (a year), "a man aged 56 was
    killed" (an age), "reactor unit No. 3" (an identifier).
    """
    head = text[max(0, start - _WORD_BEFORE_CHARS):start].rstrip()
    if not head:
        return True
    prev = head[-1] if head[-1] in ",;:" else head.rsplit(None, 1)[-1].lstrip("(\"'“‘[").lower()
    lex = _lexicon()
    if prev in lex["not_count_before"] or prev.rstrip(".") in lex["months"]:
        return False
    number = text[start:end]
    if len(number) == 4 and number.isdigit() and int(number) in _YEARS:
        return prev not in lex["year_before"]
    return True
