"""Killed and injured counts, as lower bounds, from the sentences that state them.

The contract's ``fatalities``/``injuries`` are "as the text states, at least": "killing at least three
people and wounding at least 21" gives killed 3 and injured 21; "Nobody was injured" gives injured 0;
"one of the deaths was recorded there", "four of them children" and "a 56-year-old man" state no new
count and give nothing. Each pattern reads one way of saying it (vocabulary in ``data/casualties.yaml``):

- victims + verb:      "11 people were killed", "47 injured", "Eleven Killed in Double Strike"
- one victim + verb:   "A 30-year-old woman was killed" (1), "a married couple was killed" (2)
- verb + victims:      "wounded at least 18 people", "killed a married couple" (2)
- lives:               "claimed at least one life", "took the lives of five"
- count nouns:         "at least one fatality", "12 deaths"
- tolls:               "the death toll rose to 12"
- explicit zeros:      "No one has been reported hurt", "Preliminary reports mention no casualties"

Vague amounts ("dozens were killed") and victims without a number ("a child was among the dead",
"A baby ... and a 14-year-old girl were among the injured") are left out: the count is not stated.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from analysis import compiled
from analysis.lexicon import alternation, counts, load_yaml, require, words
from analysis.numbers import NUMBER, NUMBER_STARTERS, QUALIFIER, QUALIFIER_STARTERS, is_count_position, parse_number
from analysis.scan import candidate_starts, lower

__all__ = ["CasualtyMention", "find_casualties", "totals"]


@dataclass(frozen=True, slots=True)
class CasualtyMention:
    start: int
    end: int
    text: str
    kind: str
    count: int


@dataclass(frozen=True)
class _Lexicon:
    pattern: re.Pattern
    keyword: re.Pattern
    starters: frozenset
    collectives: dict
    kin_of: re.Pattern


def _alt(phrases) -> str:
    """The phrases, in lower case, as a whole word or words ("killed", not "killed-in-action")."""
    return alternation(p.lower() for p in phrases) + r"(?![\w-])"


FILE = "casualties.yaml"
_WORD_LISTS = ("keywords", "persons", "person_singular", "kin", "killed", "injured", "asides", "between",
               "killed_active", "injured_active", "life_verbs", "killed_nouns", "injured_nouns", "toll_killed",
               "toll_injured", "toll_verbs", "not_people_after", "nobody", "zero_adjectives", "zero_both",
               "zero_killed", "zero_injured", "zero_prefixes")
_STOP = ";:.!?()[]—–\n"  # commas do not stop the walk back: "Three people, including a child, were killed"
_KEYWORD_WORDS = 9      # words a phrase may have before its keyword: "at least three people, including a child, were"
_KIN_BEFORE_CHARS = 24  # "the mother of two was killed": a kin word this close before a count makes it no count


def _checked() -> dict:
    """``casualties.yaml`` with every word list checked, and 'collectives' counting one or more people."""
    d = require(load_yaml(FILE), FILE, None, *_WORD_LISTS, "collectives")
    for key in _WORD_LISTS:
        words(d[key], FILE, key)
    counts(d["collectives"], FILE, "collectives", minimum=1)
    return d


@cache
def _lexicon() -> _Lexicon:
    d = _checked()
    num, qual, word = rf"(?:{NUMBER})", rf"(?:{QUALIFIER}\s+)?", r"[\w’'-]+"
    person, sg, coll = _alt(d["persons"]), _alt(d["person_singular"]), _alt(d["collectives"])
    between = rf"(?:{_alt(d['between'])}\s+){{0,4}}"
    killed, injured = _alt(d["killed"]), _alt(d["injured"])
    not_or = r"(?!\s+or\s)"
    aside = rf",\s+{_alt(d['asides'])}\s+[^,.;:!?]{{1,40}},"
    not_people = rf"(?!\s+{_alt(d['not_people_after'])})"
    branches = [
        # "11 people were killed", "47 injured", "two people died"
        rf"{qual}(?P<a_n>{num})\s+(?:(?:{word}\s+){{0,2}}?{person}(?:{aside})?\s+)?{between}"
        rf"(?:among\s+(?:the|those)\s+)?(?:(?P<a_k>{killed})|(?P<a_i>{injured})){not_or}",
        # "A 30-year-old woman was killed", "a woman of 61 was killed", "a married couple was killed", "a family
        # of four died"
        # "a 60-year-old died": an age standing for the person
        rf"(?:(?P<b_sg>an?|one)\s+(?:{word}\s+){{0,3}}?(?:{sg}|(?P<b_c>{coll})|family\s+of\s+(?P<b_n>{num})|\d{{1,3}}-year-old)"
        rf"(?:,?\s+aged\s+\d+,?|\s+of\s+\d{{1,3}}|{aside})?|(?P<b_another>another))\s+{between}"
        rf"(?:(?P<b_k>{killed})|(?P<b_i>{injured})){not_or}",
        # "killing at least three people", "wounded at least 18", "killed a married couple"
        rf"(?:(?P<c_k>{_alt(d['killed_active'])})|(?P<c_i>{_alt(d['injured_active'])}))\s+"
        # ("killing the two women inside": the victims named with "the")
        rf"(?:(?:a\s+)?total\s+of\s+|the\s+)?{qual}(?:(?P<c_n>{num}){not_people}"
        rf"|(?P<c_sg>an?|one)\s+(?:{word}\s+){{0,2}}?(?:(?P<c_c>{coll})|{sg}"
        rf"(?:\s+and\s+(?P<c_sg2>an?|one)\s+(?:{word}\s+){{0,2}}?{sg})?))",
        # "claimed at least one life", "took the lives of five people"
        rf"{_alt(d['life_verbs'])}\s+(?:the\s+lives\s+of\s+{qual}(?:(?P<d_n>{num})|(?P<d_sg>an?|one)\s+{sg})"
        rf"|{qual}(?P<d_n2>{num}|an?)\s+(?:(?:more|civilian|human|innocent)\s+)?(?:life|lives)(?![\w-]))",
        # "at least one fatality", "12 deaths", "five dead"
        # ("a further death was reported": one more)
        rf"{qual}(?:(?P<e_n>{num})|(?P<e_n2>an?)(?=\s+(?:further|more|new|additional)\s))\s+"
        rf"(?:(?:civilian|more|further|additional|confirmed|reported|new)\s+)?"
        rf"(?:(?P<e_k>{_alt(d['killed_nouns'])})|(?P<e_i>{_alt(d['injured_nouns'])})){not_or}(?!\s+toll)",
        # "the death toll rose to 12", "the number of people killed when bombs hit the store rose to 16"
        rf"(?:(?P<f_i>{_alt(d['toll_injured'])})|(?P<f_k>{_alt(d['toll_killed'])}))"
        rf"(?:\s+(?:from|in|of|after|for|when|where|following|at|across|by)\s+[^.;:!?]{{0,120}}?)?\s+(?:(?:has|had|have|now|then|later|since|further)\s+)*"
        rf"{_alt(d['toll_verbs'])}\s+{qual}(?P<f_n>{num})",
        # "rescuers had recovered the bodies of four people": the dead counted as they are found
        # "crews pulled three bodies out of the wreckage"
        rf"(?:{_alt(d['body_finds'])})\s+(?:(?:the\s+)?bodies\s+of\s+{qual}(?P<i_n>{num}){not_people}(?:\s+(?:{word}\s+){{0,2}}?{person})?"
        rf"|{qual}(?P<i_n2>{num})\s+(?:more\s+|further\s+|other\s+)?bodies)(?![\w-])",
        # "Nobody was injured", "No one has been reported hurt"
        rf"{_alt(d['nobody'])}\s+{between}(?:(?P<g_k>{killed})|(?P<g_i>{injured}))",
        # "no casualties", "without casualties", "no injuries were reported"
        rf"{_alt(d['zero_prefixes'])}\s+(?:{_alt(d['zero_adjectives'])}\s+){{0,2}}"
        rf"(?:(?P<h_b>{_alt(d['zero_both'])})|(?P<h_k>{_alt(d['zero_killed'])})|(?P<h_i>{_alt(d['zero_injured'])}))",
    ]
    pattern = compiled.compile(r"(?i:(?<![\w-])(?:" + "|".join(branches) + "))")
    keyword = re.compile(rf"(?<![a-z0-9]){alternation(d['keywords'])}")
    firsts = [*d["nobody"], *d["zero_prefixes"], *d["life_verbs"], *d["toll_killed"], *d["toll_injured"], *d["body_finds"]]
    starters = frozenset({*NUMBER_STARTERS, *QUALIFIER_STARTERS, "one", *(w.split()[0] for w in firsts)})
    kin_of = re.compile(rf"(?i:\b{_alt(d['kin'])}\s+of\s+$)")
    return _Lexicon(pattern, keyword, starters, {k.lower(): v for k, v in d["collectives"].items()}, kin_of)


def find_casualties(text: str) -> list[CasualtyMention]:
    """Every stated killed/injured count in ``text``, sorted by start.

    "11 people were killed and 47 injured, seven of them children" → killed 11, injured 47.
    "Preliminary reports mention no casualties" → killed 0 and injured 0.
    """
    lex = _lexicon()
    low = lower(text)
    out: list[CasualtyMention] = []
    last = 0
    for k in lex.keyword.finditer(low):
        if k.start() < last:
            continue
        for start in (*candidate_starts(low, k.start(), last, lex.starters, max_words=_KEYWORD_WORDS, stop=_STOP),
                      k.start()):
            m = lex.pattern.match(text, start)
            read = _read(lex, text, m) if m and m.end() > k.start() else None
            if read or (read is not None and start == k.start()):
                # a number that is no count ("a woman of 61 was killed": an age) leaves the next start a try
                last = m.end()
                out += [CasualtyMention(m.start(), m.end(), m.group(), kind, count) for kind, count in read]
                break
    return out


def _read(lex: _Lexicon, text: str, m: re.Match) -> list[tuple[str, int]]:
    """(kind, count) pairs that one match states; empty when the number is not a count of people."""
    g = {name: value for name, value in m.groupdict().items() if value is not None}
    branch = next(iter(g))[0]
    if f"{branch}_b" in g:
        return [("killed", 0), ("injured", 0)]
    kind = "killed" if f"{branch}_k" in g or branch in ("d", "i") else "injured"
    if branch in ("g", "h"):
        return [(kind, 0)]
    count = _count(lex, text, m, g, branch)
    return [] if count is None else [(kind, count)]


def _count(lex: _Lexicon, text: str, m: re.Match, g: dict, branch: str) -> int | None:
    for name in (f"{branch}_n", f"{branch}_n2"):
        if name in g:
            if g[name].lower() in ("a", "an"):
                return 1
            if not is_count_position(text, m.start(name), m.end(name)) or \
                    lex.kin_of.search(text, max(0, m.start(name) - _KIN_BEFORE_CHARS), m.start(name)):
                return None
            return parse_number(g[name])
    if f"{branch}_c" in g:
        return lex.collectives[g[f"{branch}_c"].lower()]
    if f"{branch}_sg" in g or "b_another" in g:
        return 2 if "c_sg2" in g else 1
    return None


def totals(mentions: list[CasualtyMention]) -> tuple[int | None, int | None]:
    """(fatalities, injuries) for one sentence: the largest count stated for each kind, or None.

    The largest, not the sum: "18 people were wounded, three of them seriously" is 18, and a
    partitive never adds to its whole.
    """
    killed = [m.count for m in mentions if m.kind == "killed"]
    injured = [m.count for m in mentions if m.kind == "injured"]
    return (max(killed) if killed else None, max(injured) if injured else None)
