"""The donors of a joint pledge named in a later sentence (CONTRACT §7: a joint pledge is one event per donor).

Real reports often name a group first and its members a few sentences on: "Ukraine and nine Nordic and Baltic
states put their names on Wednesday to a memorandum that commits the partners to help build a brigade …" and,
two paragraphs down, "Besides Kyiv, signatures came from Poland, Norway, Sweden, …". The pledge's own sentence
names no donor, so it would make no row (or the recipient's); ``note_members`` walks the article once, before
consolidation, and gives such a sentence the member list (``SentenceFacts.members``), which
``splits._split_donors`` turns into one draft per donor.

A list counts only when it follows a cue that says it lists the group ("signatures came from", "the countries
are", "joined by") within a few sentences of the same section, and, when the group gave its size, has exactly
that many states: the count is what ties the list to the group.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from analysis import actors as actors_mod
from analysis.numbers import NUMBER, parse_number

if TYPE_CHECKING:
    from analysis.facts import SentenceFacts

# "nine Nordic and Baltic states", "a group of 11 countries", "several European allies", "six partner nations"
COLLECTIVE = re.compile(r"\b(?:a\s+(?:group|coalition)\s+of\s+)?(?P<n>" + NUMBER + r"|several|a dozen)\s+(?:other\s+|more\s+)?"
                        r"(?:(?:(?-i:[A-Z])[\w-]+|and|northern|southern|western|eastern|central|partner|allied|donor)\s+){0,4}?"
                        r"(?:states|countries|nations|allies|partners|governments|donors|members)\b", re.I)
# what says the names that follow are the group's: "signatures came from", "the countries are", "joined by"
MEMBER_CUE = re.compile(r"\b(?:signatures\s+came\s+from|(?:was|were)\s+signed\s+by"
                        r"|signatories\s+(?:of\s+(?:[\w-]+\s+){1,5}?)?(?:are|were|include[sd]?)"
                        r"|(?:the|these|those)\s+(?:[\w-]+\s+)?(?:countries|states|nations|members|partners|participants|"
                        r"signatories|donors|allies)\s+(?:are|were|include|included|involved\s+are)|they\s+are|comprising|made\s+up\s+of"
                        r"|(?:were|was|are|is)\s+joined\s+by|the\s+group\s+(?:includes|included|comprises)"
                        # "the so-called Nordic-Baltic Eight — Norway, Sweden, …": a dash opening the list
                        r"|(?<=\w)\s+[—–]\s+(?=(?:the\s+)?(?-i:[A-Z])))\s*:?\s*", re.I)
WINDOW = 6          # sentences after the pledge in which its member list may come
MIN_MEMBERS = 3     # a shorter list is more likely a pair of speakers than a group's members


def note_members(sentence_facts: list[SentenceFacts]) -> None:
    """Give each pledge sentence that names a group of states, and no donor of its own, the members a later
    sentence lists (in ``members``)."""
    for k, facts in enumerate(sentence_facts):
        if not any(f.kind == "aid" for f in facts.frames):
            continue
        group = COLLECTIVE.search(facts.text)
        if group is None or _named_donors(facts, group.span()):
            continue
        size = _size(group.group("n"))
        for later in sentence_facts[k + 1:k + 1 + WINDOW]:
            if later.section != facts.section:
                break
            members = _listed_members(later)
            if len(members) >= MIN_MEMBERS and (size is None or len(members) == size):
                facts.members, facts.members_from = tuple(members), later
                break


def _named_donors(facts: SentenceFacts, group: tuple[int, int]) -> bool:
    """The pledge names a third country of its own ("Germany and nine other states"), so the group's members
    are not needed to know a giver; a name inside the group's own words ("eleven NATO members") or one member
    said to be among them ("Poland is among eleven …") is no such giver."""
    first = min((f.start for f in facts.frames if f.kind == "aid"), default=len(facts.text))
    return any(a.actor and a.kind == "name" and not actors_mod.is_combatant(a.actor) and a.role == "subject"
               and a.start < first and not AMONG_AFTER.match(facts.text, a.end)
               and not group[0] <= a.start < group[1] for a in facts.actors)


# "Poland is among eleven NATO members that formed a coalition": one member named, the group still to be listed
AMONG_AFTER = re.compile(r"\s+(?:is|was|are|were)\s+(?:one\s+of|among)\b", re.I)
# "Besides Poland, the signatories … are": a member named before the cue
BESIDES = re.compile(r"^\s*(?:Besides|Apart from|Alongside|In addition to|As well as)\s+", re.I)


def _size(word: str) -> int | None:
    """The group's size when it gave one ("nine" → 9), else None ("several")."""
    return parse_number(word)   # "several" → None, "a dozen" → 12


def _listed_members(facts: SentenceFacts) -> list[str]:
    """The states named after a member cue, in order, each once, without the sides at war."""
    cue = MEMBER_CUE.search(facts.text)
    if cue is None:
        return []
    lead = BESIDES.match(facts.text)
    names = [a.actor for a in facts.actors if (a.start >= cue.end() or lead and lead.end() <= a.start < cue.start())
             and a.actor and a.kind == "name" and not actors_mod.is_combatant(a.actor)]
    return list(dict.fromkeys(names))
