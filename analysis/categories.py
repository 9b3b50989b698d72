"""Category triggers: what kind of happening a sentence describes (CONTRACT §3, §4).

Triggers live in ``data/categories.yaml``; each names a *kind* ("strike", "interception", "talks"…),
and the kind gives the category, ACLED event type and CAMEO code. A sentence may carry several
triggers: the heaviest decides, except that an interception whose weapon still did harm ("a drone
downed by air defences … blew up, damaging a transformer") is both an air-defence event and an attack.

Example::

    >>> [t.kind for t in classify("Air defences shot down 34 of the missiles.")]
    ['interception']
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

import yaml

CATEGORIES = ("attack", "air_defense", "diplomacy", "military_support", "humanitarian", "other")


@dataclass(frozen=True, slots=True)
class Trigger:
    start: int
    end: int
    text: str
    kind: str
    category: str
    weight: int
    opens: bool


@dataclass(frozen=True)
class TriggerLexicon:
    triggers: tuple            # (compiled pattern, kind, weight, opens)
    kinds: dict                # kind -> {category, event_type, sub_event_type, cameo_code}
    air_weapon_classes: frozenset
    impact: re.Pattern
    nationwide: re.Pattern
    effects: tuple             # (effect, compiled pattern)


@functools.cache
def lexicon() -> TriggerLexicon:
    """Load ``categories.yaml`` once and check every trigger names a known kind and category."""
    data = yaml.safe_load(resources.files("analysis").joinpath("data", "categories.yaml").read_text("utf-8"))
    kinds = data["kinds"]
    for kind, spec in kinds.items():
        if spec.get("category") not in CATEGORIES:
            raise ValueError(f"categories.yaml: kind {kind!r} has unknown category {spec.get('category')!r}")
    triggers = []
    for i, t in enumerate(data["triggers"]):
        if t["kind"] not in kinds:
            raise ValueError(f"categories.yaml: trigger {i} names unknown kind {t['kind']!r}")
        pattern = re.compile(r"(?<![\w-])(?:" + t["pattern"] + r")(?![\w])", re.I)
        triggers.append((pattern, t["kind"], int(t["weight"]), bool(t["opens"])))
    effects = tuple((name, re.compile(r"\b" + pat + r"\b", re.I)) for name, pat in data["effects"].items())
    return TriggerLexicon(tuple(triggers), kinds, frozenset(data["air_weapon_classes"]),
                          re.compile(r"\b" + data["impact_after_interception"] + r"\b", re.I),
                          re.compile(r"\b" + data["nationwide"] + r"\b", re.I), effects)


def find_triggers(text: str) -> list[Trigger]:
    """Every trigger in the sentence, overlapping ones included, sorted by position."""
    lex = lexicon()
    found = []
    for pattern, kind, weight, opens in lex.triggers:
        for m in pattern.finditer(text):
            found.append(Trigger(m.start(), m.end(), m.group(0), kind, lex.kinds[kind]["category"], weight, opens))
    found.sort(key=lambda t: (t.start, -t.weight))
    return found


def classify(text: str, triggers: list[Trigger] | None = None) -> list[Trigger]:
    """The deciding trigger(s) of a sentence: none, one, or interception + attack."""
    triggers = find_triggers(text) if triggers is None else triggers
    if not triggers:
        return []
    best = max(triggers, key=lambda t: (t.weight, -t.start))
    chosen = [best]
    if best.category == "air_defense" and best.kind == "interception":
        tail = text[best.end:]
        impact = lexicon().impact.search(tail)
        if impact:
            chosen.append(Trigger(best.end + impact.start(), best.end + impact.end(), impact.group(0),
                                  "strike", "attack", best.weight, True))
    return chosen


def codes(kind: str) -> dict:
    """ACLED event type, sub-event type and CAMEO code of a trigger kind."""
    return lexicon().kinds[kind]


def effect_of(text: str) -> str | None:
    """What a sentence says happened to the places it names: fire, fatality, damage or strike."""
    for name, pattern in lexicon().effects:
        if pattern.search(text):
            return name
    return None


def is_nationwide(text: str) -> bool:
    """"Nationwide, Russia launched 206 drones…": the happening covers a country, not one city."""
    return bool(lexicon().nationwide.search(text))
