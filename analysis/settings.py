"""Named rule settings: the numbers the extraction rules use (character windows, confidence weights,
consolidation limits), read from ``analysis/data/settings.yaml``, where each entry says why it has its value.

Loaded once, at the first ``settings()`` call, and checked on load: every entry the code reads must be
there, a whole number where a count is meant, inside its range, and no entry may be unknown (a misspelt
name would otherwise be ignored without a word). Example: ``settings().windows.demonym_before_trigger``
is 25 — in "a Russian missile strike on Kyiv", "Russian" ends 15 characters before "strike", so Russia
is the agent.
"""
from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field

from analysis.lexicon import LexiconError, load_yaml

FILE = "settings.yaml"
# Top-level keys of the file that other modules read and check themselves.
OTHER_SECTIONS = ("gazetteer",)


def _number(low: float, high: float):
    """A required entry whose value must lie in ``low … high``."""
    return field(metadata={"range": (low, high)})


@dataclass(frozen=True, slots=True)
class Windows:
    """Characters a rule looks at around a word it found (``events``, ``facts``, ``categories``)."""

    demonym_before_trigger: int = _number(0, 500)
    demonym_before_weapon: int = _number(0, 500)
    possessive_before_trigger: int = _number(0, 500)
    actor_pair: int = _number(0, 500)
    actor_conjunction: int = _number(0, 500)
    date_after_trigger: int = _number(0, 500)
    date_before_trigger: int = _number(0, 500)
    speech_before_date: int = _number(0, 500)
    own_date_after_trigger: int = _number(0, 500)
    attack_noun_after_actor: int = _number(0, 500)
    vessel_before_place: int = _number(0, 500)
    negation_before_trigger: int = _number(0, 500)
    denial_before_trigger: int = _number(0, 500)
    hypothetical_before_trigger: int = _number(0, 500)


@dataclass(frozen=True, slots=True)
class Confidence:
    """Weights of an event row's confidence (``pipeline``): a base plus one per attribute stated."""

    base: float = _number(0, 1)
    actor_named: float = _number(0, 1)
    day_date: float = _number(0, 1)
    place: float = _number(0, 1)
    strong_trigger: float = _number(0, 1)
    strong_trigger_weight: int = _number(1, 100)
    corroborated: float = _number(0, 1)
    cap: float = _number(0, 1)


@dataclass(frozen=True, slots=True)
class Consolidation:
    """When two sentences describe one happening, and how many events a new one is compared with."""

    max_time_gap_minutes: int = _number(0, 24 * 60)
    daytime_start_hour: int = _number(0, 24)
    daytime_end_hour: int = _number(0, 24)
    max_events_compared: int = _number(1, 1_000_000)
    night_barrage: int = _number(2, 100_000)


@dataclass(frozen=True, slots=True)
class ContextLimits:
    """Bounds on what an ``ArticleContext`` remembers."""

    max_cities: int = _number(1, 1_000_000)


@dataclass(frozen=True, slots=True)
class Settings:
    windows: Windows
    confidence: Confidence
    consolidation: Consolidation
    context: ContextLimits


SECTIONS = {"windows": Windows, "confidence": Confidence, "consolidation": Consolidation, "context": ContextLimits}


def _value(section: str, f: dataclasses.Field, value: object) -> float:
    low, high = f.metadata["range"]
    whole = f.type == "int"
    kinds = int if whole else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds) or not low <= value <= high:
        kind = "a whole number" if whole else "a number"
        raise LexiconError(FILE, f"{section}.{f.name}", f"is {value!r}, not {kind} from {low} to {high}")
    return value


def _section(name: str, cls: type, data: object):
    if data is None:
        raise LexiconError(FILE, name, "missing section — add it")
    if not isinstance(data, dict):
        raise LexiconError(FILE, name, f"expected a mapping of entry names to numbers, found {data!r}")
    fields = dataclasses.fields(cls)
    known = {f.name for f in fields}
    unknown = sorted(str(k) for k in data if k not in known)
    if unknown:
        raise LexiconError(FILE, f"{name}.{unknown[0]}", f"unknown entry — fix its spelling or remove it "
                                                           f"(known: {', '.join(sorted(known))})")
    missing = [f.name for f in fields if f.name not in data]
    if missing:
        raise LexiconError(FILE, f"{name}.{missing[0]}", "missing — add it, with a comment saying why")
    return cls(**{f.name: _value(name, f, data[f.name]) for f in fields})


def parse(data: dict) -> Settings:
    """Check the file's parsed contents and build the settings; a ``LexiconError`` names what is wrong:
    "settings.yaml windows.actor_pair: is -1, not a whole number from 0 to 500"."""
    unknown = sorted(str(k) for k in data if k not in SECTIONS and k not in OTHER_SECTIONS)
    if unknown:
        raise LexiconError(FILE, unknown[0], f"unknown section (known: {', '.join((*SECTIONS, *OTHER_SECTIONS))})")
    parts = {name: _section(name, cls, data.get(name)) for name, cls in SECTIONS.items()}
    c = parts["consolidation"]
    if c.daytime_start_hour >= c.daytime_end_hour:
        raise LexiconError(FILE, "consolidation.daytime_start_hour",
                           f"{c.daytime_start_hour} must come before daytime_end_hour ({c.daytime_end_hour})")
    return Settings(**parts)


@functools.cache
def settings() -> Settings:
    """The rule settings, loaded and checked at the first call."""
    return parse(load_yaml(FILE))
