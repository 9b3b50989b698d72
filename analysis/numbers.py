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
from importlib import resources

import yaml

__all__ = ["NUMBER", "QUALIFIER", "NUMBER_STARTERS", "QUALIFIER_STARTERS", "NUMBER_WORDS", "parse_number",
           "is_count_position", "alternation", "load_yaml", "candidate_starts", "lower"]


def load_yaml(name: str) -> dict:
    """Load ``analysis/data/<name>`` and check that it is a mapping (lexicons are validated on load).

    Uses libyaml when PyYAML has it: the weapon lexicon loads ~7× faster, which every worker pays.
    """
    path = resources.files("analysis").joinpath("data", name)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    _check_no_bools(data, path)
    return data


def _check_no_bools(node, path, where: str = "") -> None:
    """YAML reads a bare on/off/yes/no in a word list as a boolean: insist on quotes instead."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        if isinstance(value, bool) and isinstance(node, list):
            raise ValueError(f"{path}: {where}[{key}] is a boolean; quote the word (\"on\", \"no\")")
        _check_no_bools(value, path, f"{where}.{key}" if where else str(key))


def alternation(phrases) -> str:
    """A regex source matching any of ``phrases`` literally, factored as a trie.

    Python's ``re`` tries the branches of ``a|b|c`` one by one; a trie keeps a few hundred lexicon
    entries to a handful of one-character tests per position. A space in a phrase matches any run
    of whitespace; longer phrases win over their prefixes ("Iskander-M" over "Iskander").
    """
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for token in (r"\s+" if ch == " " else re.escape(ch) for ch in phrase):
            node = node.setdefault(token, {})
        node[""] = {}
    return _emit(trie) or "(?!)"


def _emit(node: dict) -> str:
    branches = [token + _emit(child) for token, child in sorted(node.items()) if token]
    if not branches:
        return ""
    if "" in node:
        return f"(?:{'|'.join(branches)})?"
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


@cache
def _lexicon() -> dict:
    data = load_yaml("numbers.yaml")
    for key in ("units", "tens", "scales", "multiples", "standalone"):
        if not all(isinstance(v, int) and v >= 0 for v in data[key].values()):
            raise ValueError(f"numbers.yaml: '{key}' values must be non-negative integers")
    for key in ("vague", "qualifiers"):
        data[key] = [str(w).lower() for w in data[key]]
    for key in ("months", "not_count_before", "year_before"):
        data[key] = frozenset(str(w).lower() for w in data[key])
    return data


def _number_source() -> str:
    lex = _lexicon()
    units, tens = alternation(lex["units"]), alternation(lex["tens"])
    one9 = alternation([w for w, v in lex["units"].items() if 1 <= v <= 9])
    big = alternation([w for w, v in lex["scales"].items() if v >= 1000])
    w99 = rf"(?:{tens}(?:[-\s]{one9})?|{units})"
    w999 = rf"(?:(?:{w99}|an?)\s+hundred(?:\s+(?:and\s+)?{w99})?|{w99})"
    words = rf"(?:(?:{w999}|an?)\s+{big}(?:,?\s+(?:and\s+)?{w999})?|{w999})"
    mult = rf"(?:(?:an?|{w99})\s+{alternation(lex['multiples'])})"
    digits = (rf"(?:\d+\.\d+\s+{big}|\d{{1,3}}(?:,\d{{3}})+(?:\s+{big})?"
              rf"|\d+(?:\s+{big}|\s?[-–]\s?\d+(?!\d))?)")
    start = r"(?<![\w$€£%.,:/-])"
    end = r"(?![\w%])(?!-[^\W\d_])(?![.,:/]\d)(?!\s?(?:per\s?cent|percent)\b)"
    vague, alone = alternation(lex["vague"]), alternation(lex["standalone"])
    return rf"(?i:{start}(?:{vague}|{mult}|{words}|{digits}|{alone}){end})"


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

_PUNCT = "\"'“”‘’()[],.;:!?—–"


def lower(text: str) -> str:
    """``text.lower()`` with the same length, so offsets found in it hold in ``text`` ("İ" stays)."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def candidate_starts(low: str, pos: int, lo: int, starters: frozenset, through: frozenset | None = None,
                     max_words: int = 8, stop: str = ",;:.!?()[]—–\n") -> list[int]:
    """Offsets, ascending, of the words before ``low[pos]`` that may start a phrase ending after ``pos``.

    Extractors find a rare keyword first ("drones", "killed") and try their full regex only at these
    offsets and at the keyword itself: running it at every position of every sentence is ~20× slower.
    Walks back from ``pos`` over at most ``max_words`` words, stopping at punctuation or at a word
    neither in ``starters`` nor in ``through`` (``None``: any word goes on); ``stop`` lists the punctuation
    that ends the walk (a comma by default: "drones, two missiles"). A word is a candidate when
    it is in ``starters`` (also without a possessive 's, or after its last hyphen: "French-supplied")
    or starts with a digit. ``low`` is lower-case text (see ``lower``).
    """
    out = []
    while max_words > 0 and pos > lo:
        j = pos
        while j > lo and low[j - 1] in " \t":
            j -= 1
        if j == pos or j <= lo or low[j - 1] in stop:
            break
        k = max(low.rfind(" ", lo, j), low.rfind("\n", lo, j), lo - 1) + 1
        token = low[k:j].lstrip(_PUNCT)
        start, token = j - len(token), token.rstrip(_PUNCT)
        if not token:
            break
        if token[0].isdigit() or token in starters or token.rsplit("-", 1)[-1] in starters \
                or token.removesuffix("'s").removesuffix("’s") in starters:
            out.append(start)
        elif through is not None and token not in through:
            break
        pos, max_words = k, max_words - 1
    out.reverse()
    return out


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
    head = text[max(0, start - 24):start].rstrip()
    if not head:
        return True
    prev = head[-1] if head[-1] in ",;:" else head.rsplit(None, 1)[-1].lstrip("(\"'“‘[").lower()
    lex = _lexicon()
    if prev in lex["not_count_before"] or prev.rstrip(".") in lex["months"]:
        return False
    number = text[start:end]
    if len(number) == 4 and number.isdigit() and 1900 <= int(number) <= 2099:
        return prev not in lex["year_before"]
    return True
