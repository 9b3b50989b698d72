"""Per-sentence facts: every extractor run once over one sentence, results kept together.

The event builder never looks at raw text again; it reasons over these facts. Keeping them in one
object also lets the ``places`` and ``mentions`` tables be written from the same analysis.

Example: for "Preliminary reports suggest that four Iskander ballistic missiles were launched toward
the capital." the facts hold one weapon mention (Iskander ballistic missile ×4), no date, no place.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from importlib import resources

import yaml

from analysis import actors as actors_mod
from analysis import casualties as casualties_mod
from analysis import categories as categories_mod
from analysis import dates as dates_mod
from analysis import places as places_mod
from analysis import weapons as weapons_mod

ATTACK_NOUNS = re.compile(r"^[\s-]*(?:[\w-]+\s+){0,2}?(?:forces|troops|army|military|shelling|strikes?|attacks?|assault|drones?|missiles?|bombs?|rockets?|artillery|aircraft|jets|UAVs?|occupiers|invaders|soldiers|units)\b", re.I)
MONTH_START = re.compile(r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)\s+\d", re.I)
DATELINE = re.compile(r"^\s*[A-Z][A-Z’'.\- ]+,\s*$")
DATELINE_PLACE = re.compile(r"^\s*[A-Z][A-Z’'.\- ]{2,},[^—–\n.!?]{0,70}[—–]\s*|^\s*[A-Z][A-Z’'.\- ]+,(?:\s*[A-Z][\w ]+)?(?:\s*\([^)]*\))?\s*[—–-]\s*|^\s*[A-Z][A-Z’'.\- ]+,\s*[\w ,]{3,30}\d{4}\s*[—–-]\s*|^\s*[A-Z][A-Z’'.\- ]+,\s*[A-Z][a-z]+\.? \d{1,2}\.(?:\s+|$)")
VESSEL_BEFORE = re.compile(r"\b(?:ship|submarine|cruiser|frigate|corvette|vessel|tanker|boat|flagship|destroyer|warship|tug)\s+(?:the\s+)?$", re.I)
OFFICIAL_AFTER = re.compile(r"(?:['’]s)?\s+(?:acting\s+|regional\s+|region(?:al)?\s+|oblast\s+|city(?:['’]s)?\s+|military\s+)*"
                            r"(?:governor|mayor|head|officials?|authorities|administration|military administration|police|"
                            r"prosecutors?|council)\b", re.I)
CITY_ANAPHORA = re.compile(r"\bthe (?:city|capital|town|village)\b(?!['’]s? (?:mayor|governor))", re.I)


@functools.cache
def _operators() -> tuple:
    data = yaml.safe_load(resources.files("analysis").joinpath("data", "weapon_operators.yaml").read_text("utf-8"))
    return tuple((key.lower(), side) for side, keys in data.items() for key in keys)


def weapon_operator(weapons: list) -> str | None:
    """The side that fires the first one-sided weapon system named ("Storm Shadow" → Ukraine), if any."""
    for w in weapons:
        name = w.weapon.lower()
        for key, side in _operators():
            if key in name:
                return side
    return None


@dataclass(slots=True)
class SentenceFacts:
    """What one sentence says, offsets relative to the sentence (add ``start`` for article offsets)."""

    article_id: str
    index: int
    paragraph: int
    section: str
    start: int
    end: int
    text: str
    triggers: list
    frames: list
    dates: list
    times: list
    places: list
    actors: list
    weapons: list
    casualties: list
    fatalities: int | None
    injuries: int | None
    stamp: bool = False
    own_date: object = None          # DateMention the sentence's own words give (not future), or None
    attacker_side: set = field(default_factory=set)   # actors named as the side that fired/attacked
    city_anaphora: bool = False
    in_entry: bool = False            # the paragraph is a live-blog entry ("09:05 — …")
    dateline_end: int = 0             # end of a leading dateline ("ODESA, Ukraine (Reuters) —"), 0 if none
    official_places: list = field(default_factory=list)  # places named only as an official's ("Kursk's governor")

    @property
    def sentence_id(self) -> str:
        return f"{self.article_id}:{self.index}"

    @property
    def located_places(self) -> list:
        """Places that say where something happened: not a capital standing for its government ("Moscow
        calls it…"), not the dateline a report was filed from."""
        # The characters actors cover, as a set: one lookup per place instead of one test per place
        # and actor pair, which is quadratic on a sentence full of both.
        covered = {i for a in self.actors if a.role not in ("place", "target") for i in range(a.start, a.end)}
        return [p for p in self.places if p.start >= self.dateline_end
                and p.start not in covered and p.end - 1 not in covered]

    @property
    def time(self):
        """The event time the sentence gives: the first time that is not a live-blog post stamp."""
        return next((t for t in self.times if not t.stamp), None)


TOLL_UPDATE = re.compile(r"\b(?:death toll|toll)\b.{0,160}?\b(?:rose|risen|climbed|reached|increased|grew)\b", re.I)


def _own_date(mentions: list, text: str = "", dateline_end: int = 0) -> object:
    """The sentence's own date for the happening: not a dateline's filing date, and not the date a
    death toll was updated ("The death toll from … rose to 35 on Monday")."""
    usable = [m for m in mentions if not m.future and m.date is not None and m.start >= dateline_end]
    if TOLL_UPDATE.search(text):
        # only "Saturday's attack" — a date owned by the happening — survives a toll update
        usable = [m for m in usable if text[m.end:m.end + 2] in ("'s", "’s") or m.text.endswith(("'s", "’s"))]
    return dates_mod.best_date(usable) if usable else None


def _canonical_word(word: str | None) -> str | None:
    if not word:
        return None
    hit = actors_mod.lexicon().surface.get(word)
    return hit[0] if hit else None


def _real_places(text: str, places: list, actor_mentions: list, people: set) -> tuple[list, int]:
    """Drop what the gazetteer mistook for a place: a ship's name ("the landing ship Minsk"), a person's
    name seen earlier with a title ("Admiral Viktor Sokolov" … "showed Sokolov"). Set apart places that only
    say whose official speaks ("Kharkiv regional governor"). Also return where a dateline ("KYIV, 14 April
    2025 —") ends: the place a report was filed from is not where it happened."""
    dateline = DATELINE_PLACE.match(text)
    kept, officials = [], []
    for p in places:
        if VESSEL_BEFORE.search(text[max(0, p.start - 40):p.start]) or p.text in people:
            continue
        if text[p.end:p.end + 1] in "-‑" and text[p.end + 1:p.end + 2].islower():
            continue  # "Moscow-installed governor", "Kyiv-based": a modifier, not a place
        if OFFICIAL_AFTER.match(text, p.end):
            officials.append(p)  # "Kharkiv regional governor Oleh Syniehubov says…": whose official, not where
            continue
        kept.append(p)
    return kept, officials, (dateline.end() if dateline else 0)


def analyse(article_id: str, index: int, paragraph: int, section: str, start: int, text: str,
            anchor: dt.date, context_cities: list[str], context_date: dt.date | None = None,
            people: set | None = None) -> SentenceFacts:
    """Run every extractor over one sentence. ``context_date`` is the story's date so far ("a day
    earlier"); ``people`` are surnames of the persons named so far in the article."""
    dates = dates_mod.find_dates(text, anchor, context_date)
    times = dates_mod.find_times(text)
    actor_mentions = actors_mod.find_actors(text)
    places, official_places, dateline_end = _real_places(text, places_mod.gazetteer().find(text, context_cities), actor_mentions, people or set())
    weapon_mentions = weapons_mod.find_weapons(text)
    triggers = [t for t in categories_mod.find_triggers(text)
                if not t.requires_weapon or any(w.start >= t.end for w in weapon_mentions)]
    casualty_mentions = casualties_mod.find_casualties(text)
    fatalities, injuries = casualties_mod.totals(casualty_mentions)
    place_starts = {p.start for p in places}
    place_ends = {p.end for p in places}
    adjusted = []
    attacker_side = set()
    for a in actor_mentions:
        role = a.role
        if role == "possessive":
            after = a.end + (2 if text[a.end:a.end + 2] in ("’s", "'s") else 1)
            while after < len(text) and text[after] == " ":
                after += 1
            if after in place_starts:
                role = "owner"  # "Russia’s Saratov oil refinery": the target's owner, not an agent
            elif not (ATTACK_NOUNS.match(text[after:after + 40]) or actors_mod.lexicon().units.match(text[after:])
                      or MONTH_START.match(text[after:])):
                role = "owner"  # "Ukraine’s cities": whose, not who acted
        if a.kind == "name" and (DATELINE.match(text, 0, a.start) or
                                 (a.start - 2 in place_ends and text[a.start - 2:a.start] in (", ", ",\u00a0"))):
            role = "place"  # "KHARKIV, Ukraine (June 7, 2025) —", "Kherson, Ukraine": where, not who
        if a.kind in ("demonym", "name", "capital") and a.actor and ATTACK_NOUNS.match(text[a.end:a.end + 40]):
            attacker_side.add(a.actor)
        if role != a.role:
            a = actors_mod.ActorMention(a.start, a.end, a.text, a.actor, a.kind, a.detail, role)
        adjusted.append(a)
    for w in weapon_mentions:
        owner = _canonical_word(w.owner)
        if owner:
            attacker_side.add(owner)
    frames = categories_mod.classify(text, triggers)
    if not frames and casualty_mentions and ((fatalities or 0) > 0 or (injuries or 0) > 0):
        c = casualty_mentions[0]
        frames = [categories_mod.Trigger(c.start, c.end, c.text, "strike", "attack", 1, False)]
    stamp = any(t.stamp for t in times)
    if people is not None:
        for a in actor_mentions:
            if a.kind in ("titled", "person") and a.detail:
                people.add(a.detail.split()[-1])
    return SentenceFacts(
        article_id=article_id, index=index, paragraph=paragraph, section=section, start=start,
        end=start + len(text), text=text, triggers=triggers, frames=frames,
        dates=dates, times=times, places=places, actors=adjusted, weapons=weapon_mentions,
        casualties=casualty_mentions, fatalities=fatalities, injuries=injuries, stamp=stamp,
        own_date=_own_date(dates, text, dateline_end), attacker_side=attacker_side,
        city_anaphora=bool(CITY_ANAPHORA.search(text)), dateline_end=dateline_end, official_places=official_places,
    )
