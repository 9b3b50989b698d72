"""Event drafts: one happening as first described by a sentence, with its who/when/where/what.

A draft is made from a sentence whose trigger may open an event (see ``categories``); the
``consolidate`` module then merges drafts and attaches supporting sentences. The rules here decide,
per category, who acted (``actor1``) and on whom (``actor2``):

* attack — the named agent ("Russian forces struck…"), else the owner of the weapon ("Ukrainian
  drones"), else the opponent of the country where the blow fell; the target is the country of the place hit.
  A withdrawal ("Ukrainian forces withdrew from…") is the loss of a place: the side named is ``actor2``.
* air_defense — the defender is the side named that did not fire ("Russia’s Defence Ministry says its air
  defences…"), else the country where the interception happened, else the side the current attack targets.
* diplomacy, military_support, humanitarian — the first actor named acts; the next distinct one (or the
  recipient after "to/for/with") is ``actor2``. A reciprocal "Russia and Ukraine have exchanged…" takes
  the article's own side (the country of its time zone) as ``actor1``.
* several events from one trigger (a joint pledge, an interception total with its regional breakdowns, a
  capture of several towns) are made from the draft ``build`` gives, in ``analysis.splits``.

Each rule is a function registered by name (``@registry.attributes``); a category's entry in
``categories.yaml`` picks one (``attribution:``, by default the category's own name).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field, replace
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

from analysis import actors as actors_mod
from analysis import categories as categories_mod
from analysis import dates as dates_mod
from analysis import places as places_mod
from analysis import registry
from analysis import weapons as weapons_mod
from analysis.context import speaker_seats
from analysis.weapons import weapon_operator
from analysis.numbers import NUMBER, parse_number
from analysis.settings import settings

if TYPE_CHECKING:
    from analysis.actors import ActorMention
    from analysis.categories import Trigger
    from analysis.context import ArticleContext
    from analysis.dates import DateMention, TimeMention
    from analysis.facts import SentenceFacts
    from analysis.places import PlaceMention
    from analysis.weapons import WeaponMention

SPECIFICITY = {"district": 0, "city": 1, "facility": 2, "region": 3, "country": 4}
T = TypeVar("T")


@dataclass(slots=True)
class Draft:
    """One event as the sentences so far describe it; ``consolidate`` merges drafts into events."""

    category: str
    kind: str
    trigger: Trigger
    main: SentenceFacts                # the main evidence sentence
    date: DateMention | None = None
    date_own: bool = False             # the date is the sentence's own, not the paragraph's or section's
    time: TimeMention | None = None
    actor1: str | None = None
    actor1_detail: str | None = None
    actor1_explicit: bool = False
    actor2: str | None = None
    place: PlaceMention | None = None
    place_explicit: bool = False
    nationwide: bool = False
    weapon: WeaponMention | None = None
    weapon_count: int | None = None
    fatalities: int | None = None
    injuries: int | None = None
    future: bool = False
    notes: list[tuple[str, str]] = field(default_factory=list)   # (kind, detail) data-quality findings
    mentions: list[tuple[SentenceFacts, str]] = field(default_factory=list)   # (sentence, role)
    part: str = ""                     # which of one sentence's several events (a donor, a region); "" for the first

    @property
    def city(self) -> str | None:
        if self.place is None:
            return None
        return self.place.city or (self.place.place if self.place.kind == "city" else None)

    def event_id(self) -> str:
        key = f"{self.main.article_id}:{self.main.start}:{self.category}:{self.trigger.start}"
        if self.part:
            key += f":{self.part}"
        return f"{self.main.article_id}-{hashlib.sha1(key.encode()).hexdigest()[:10]}"


def _first(items: Iterable[T], pred: Callable[[T], object]) -> T | None:
    return next((x for x in items if pred(x)), None)


def _resolve_titled(mention: ActorMention, draft: Draft) -> str | None:
    """A governor or mayor we do not know acts for the country of the place in the story."""
    if mention.actor:
        return mention.actor
    country = draft.place.country if draft.place is not None else None
    if country:
        draft.notes.append(("ambiguous_actor", f"{mention.text!r} taken to act for {country} (where the event is)"))
    return country


CONTAINER_INTRO = re.compile(r"^\s*In\s+the\s+(?:[\w’'-]+\s+){1,3}?(?:district|raion|rayon|community|hromada)\s*,", re.I)
NATIONAL_BODY = re.compile(r"\b(?:ministry|government|Kremlin|Pentagon|General Staff|White House)\b", re.I)
BLOW_PLACE_BEFORE = re.compile(registry.expand(r"\b(?:{attack_nouns}|shelling|bombardment|assault)\s+(?:on|against|in)\s+"
                                                r"(?:the\s+)?(?:[\w’'-]+\s+){0,2}$", "events.BLOW_PLACE_BEFORE"), re.I)
COUNTRY_OBJECT_BEFORE = re.compile(r"\b(?:against|to|on|for|with|towards?|from)\s+$", re.I)


def _location(facts: SentenceFacts, ctx: ArticleContext, draft: Draft) -> None:
    """Where: the most specific place the sentence names (its first city or district), else a facility's
    city, else "the region" or "the city" named last (the headline's count), else the paragraph's place
    ("Russian drones hit Kharkiv. … Two people were injured."), else the place of an official who speaks
    ("Kursk's governor"). A happening is not placed at its speaker's seat ("the Defence Ministry in Moscow
    said … over Russia") unless the sentence names no other place."""
    candidates = [p for p in facts.located_places if p.kind != "facility"]
    if draft.category in ("diplomacy", "military_support", "humanitarian"):
        # "sanctions against Russia", "aid to Ukraine", "bodies received from Russia": the country acted on, not
        # where it happened; "summoned
        # the ambassador over the missile attack on Sevastopol": the place of the blow it answers
        candidates = [p for p in candidates if not (p.kind == "country" and
                                                    COUNTRY_OBJECT_BEFORE.search(facts.text, max(0, p.start - 12), p.start))
                      and not BLOW_PLACE_BEFORE.search(facts.text, max(0, p.start - 50), p.start)
                      and not (actors_mod.is_capital(p.name) and WITH_BEFORE.search(facts.text, max(0, p.start - 8), p.start))]
    seats = speaker_seats(facts, candidates) if draft.category in ("attack", "air_defense", "humanitarian") else []
    candidates = [p for p in candidates if p not in seats]
    told = TOLD_BLOW_LEAD.match(facts.text)
    if told and draft.trigger.start >= told.end() and any(p.start >= told.end() for p in candidates):
        # "The strikes on Moscow came a day after two missiles slammed into … Kryvyi Rih": the blow told before
        # names its own place; the new one is where the clause after "after" says
        candidates = [p for p in candidates if p.start >= told.end()]
    if categories_mod.is_nationwide(facts.text):
        draft.nationwide = True
    own = _departure(facts, draft) or _sky_of(facts, draft, candidates) or _named_in_trigger(draft, candidates) \
        or _places_of_own_phrase(facts, draft, candidates)
    if own:
        draft.place, draft.place_explicit = own[0], True
        return
    if candidates:
        best = min(candidates, key=lambda p: (SPECIFICITY.get(p.kind, 9), p.start))
        # "In the Bakhmut district, Siversk … came under attack": the district of the intro holds the place
        intro = CONTAINER_INTRO.match(facts.text)
        first_city = _first(candidates, lambda p: p.kind in ("city", "district") and not (intro and p.end <= intro.end())) \
            or _first(candidates, lambda p: p.kind in ("city", "district"))
        if first_city is not None and first_city.kind == "city":
            # "the Cabinet building in Kyiv's Pecherskyi district": the district of that city is more precise
            first_city = _first(candidates, lambda p: p.kind == "district" and p.city == first_city.place) or first_city
        draft.place = _village_hit(facts.text, draft, candidates, first_city) or first_city or best
        draft.place_explicit = True
        return
    _place_from_story(facts, ctx, draft, seats)


CALLED_VILLAGE = re.compile(r",\s+(?:a|the)\s+(?:small\s+|tiny\s+|border\s+|frontline\s+)?(?:village|settlement|hamlet)\b", re.I)


def _village_hit(text: str, draft: Draft, candidates: list[PlaceMention],
                 first_city: PlaceMention | None) -> PlaceMention | None:
    """A village the text itself places after the blow ("In neighboring Kursk, the governor wrote that a drone
    slammed into a home in Pody, a village in Khomutovsky district") is where it struck, not the city named
    before the blow: the sentence calls it a village, or no list holds it, so it names it only to say where."""
    if draft.category != "attack" or first_city is None or first_city.start > draft.trigger.start:
        return None
    village = _first(candidates, lambda p: p.kind == "city" and p.start > draft.trigger.end
                     and (p.latitude is None or CALLED_VILLAGE.match(text, p.end)))
    if village is not None and village.country is None:
        # it lies where the sentence opened: "In neighboring Kursk, …" (the region the city heads, its country)
        village = replace(village, admin1=first_city.admin1, country=first_city.country)
    return village


# a sentence that opens on a blow the story has told and dates a new one against it: "The strikes on Moscow came a
# day after …", "Those Kramatorsk casualties followed Thursday's bombardment of …"
TOLD_BLOW_LEAD = re.compile(r"\W*(?:The|Those|These|This|That)\s+(?:[\w’'-]+\s+){0,4}?(?:strikes?|attacks?|casualties|deaths|"
                            r"raids?|shelling|blasts?|explosions?|bombardment)\b[^,;]{0,60}?\b(?:came|comes|followed|follows)\b",
                            re.I)


def _place_from_story(facts: SentenceFacts, ctx: ArticleContext, draft: Draft, seats: list[PlaceMention]) -> None:
    """A sentence that names no place of its own: a facility's city, then the nearest place of the story that
    its words point to ("the region", "the city", the paragraph's, the section heading's, an official's seat)."""
    facility = _first(facts.located_places, lambda p: p.kind == "facility" and p.city)
    if facility is not None:
        draft.place, draft.place_explicit = facility, True
    elif facts.anaphora == "region" and ctx.regions:
        draft.place = ctx.regions[-1]  # "the region": the region the story (or its headline) named last
    elif THE_CAPITAL.search(facts.text) and (capital := _the_capital(facts, ctx)) is not None:
        draft.place = capital          # "Sirens have rung out across the capital once more"
    elif (facts.city_anaphora or facts.anaphora == "city") and (mayor := _first(facts.official_places, lambda p: p.kind == "city")):
        draft.place = mayor            # "Kharkiv mayor Ihor Terekhov says … struck facilities in the city": his city
    elif (facts.city_anaphora or facts.anaphora == "city") and ctx.cities:
        draft.place = ctx.cities[-1]   # "the city", "the port": the city named last, the headline's first
    elif ctx.paragraph_place is not None and (draft.category in ("attack", "air_defense", "humanitarian")
                                              or ctx.paragraph_category == draft.category):
        draft.place = ctx.paragraph_place
    elif ctx.section_place is not None and draft.kind in categories_mod.GROUND_KINDS and not draft.nationwide:
        # ground gained or lost where the section's heading says: "Both sides claim success in Kherson region"
        draft.place = ctx.section_place
    elif facts.official_places and draft.category in ("attack", "air_defense", "humanitarian"):
        draft.place = _official_place(facts.official_places[0], ctx)
    elif seats and not (draft.category == "attack" and actors_mod.is_capital(seats[0].name)
                        and NATIONAL_BODY.search(facts.text)):
        draft.place = seats[0]  # "Officials in Kherson said two were killed": the seat, when nothing else is named
        # but "In Moscow, the ministry said its forces struck energy sites": a capital seats a government
    elif draft.category == "humanitarian" and draft.kind not in ("prisoner_exchange", "captives") \
            and not draft.nationwide:   # an exchange between the sides has no place of its own
        draft.place = _story_place(ctx)


ATTACKING_AFTER = re.compile(r"\s+(?:offensive|attacks?|assaults?|shelling|bombardment|strikes?|advance|troops|forces|"
                             r"drones?|missiles?)\b", re.I)


def _named_as_attacking(facts: SentenceFacts, actor: str | None) -> bool:
    """Is ``actor`` named in the sentence only as the side that attacks ("since the Russian offensive began")?"""
    named = [a for a in facts.actors if a.actor == actor]
    return bool(named) and all(a.kind == "demonym" and ATTACKING_AFTER.match(facts.text, a.end) for a in named)


IN_BEFORE = re.compile(r"\b(?:in|to)\s+$", re.I)
# "a flight from Poland landed at Haneda", "were evacuated from the Kursk region to …"
FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?(?:(?:north|south|east|west|central)[\w-]*\s+)?$", re.I)
# "telling residents of the Kakhovka district to go to collection points": whose people are told to leave
RESIDENTS_OF_BEFORE = re.compile(r"\b(?:residents|inhabitants|people|civilians|population)\s+of\s+(?:the\s+|(?:its|their)\s+(?:own\s+)?)?$",
                                 re.I)


def _departure(facts: SentenceFacts, draft: Draft) -> list[PlaceMention]:
    """An evacuation is placed where it departs (CONTRACT §7): the place named after "from", or the place whose
    residents are told to leave, if any."""
    if draft.kind != "evacuation":
        return []
    return [p for p in facts.located_places if FROM_BEFORE.search(facts.text, max(0, p.start - 30), p.start)
            or RESIDENTS_OF_BEFORE.search(facts.text, max(0, p.start - 30), p.start)][:1]


def _named_in_trigger(draft: Draft, candidates: list[PlaceMention]) -> list[PlaceMention]:
    """A place the trigger's own words name ("attacks on Barvinkove failed", "the fall of Popasna") is the
    happening's, before a place the sentence's label or intro names ("Izyum axis: …")."""
    t = draft.trigger
    inside = [p for p in candidates if t.start <= p.start < t.end and p.kind in ("city", "district")]
    toward = TOWARD.search(t.text)
    if toward is not None:   # "moving south of Mala Tokmachka, towards Novoprokopivka": where the advance heads
        inside = [p for p in inside if p.start >= t.start + toward.end()] or inside
    return inside[:1]


TOWARD = re.compile(r"\btowards?\b(?!.*\btowards?\b)", re.I)


# "downed five drones over the New Moscow area": the sky the weapons fell from
OVER_BEFORE = re.compile(r"\b(?:over|above)\s+(?:the\s+)?(?:[\w-]+\s+)?$", re.I)


def _sky_of(facts: SentenceFacts, draft: Draft, candidates: list[PlaceMention]) -> list[PlaceMention]:
    """An interception is placed in the sky it happened in, the place named after "over/above", before any
    other place of the sentence ("Vnukovo airport saw flights disrupted as … drones were downed over Moscow")."""
    if draft.category != "air_defense":
        return []
    return [p for p in candidates if p.kind in ("city", "district", "region")
            and OVER_BEFORE.search(facts.text, max(0, p.start - 30), p.start)][:1]


THE_CAPITAL = re.compile(r"\bthe\s+(?:(Ukrainian|Russian)\s+)?capital\b(?!['’]s?\s+(?:mayor|governor))", re.I)


def _the_capital(facts: SentenceFacts, ctx: ArticleContext) -> PlaceMention | None:
    """"the capital": the last capital the story named, else the capital of the side the text names
    ("the Russian capital") or of the outlet's own side — not the last city named (Dnipro is no capital)."""
    mayor = _first(facts.official_places, lambda p: p.kind == "city" and actors_mod.is_capital(p.name))
    if mayor is not None:
        return mayor   # "Moscow Mayor Sergei Sobyanin announced a ban on drone flights over the capital"
    named = next((p for p in reversed(ctx.cities) if actors_mod.is_capital(p.name)), None)
    side = THE_CAPITAL.search(facts.text).group(1)
    if named is not None and side is None:
        return named
    country = {"ukrainian": "Ukraine", "russian": "Russia"}.get((side or "").lower(), ctx.perspective)
    name = actors_mod.capital_of(country)
    return places_mod.gazetteer().lookup(name) if name else None


def _story_place(ctx: ArticleContext) -> PlaceMention | None:
    """A blow or a relief with no place in its sentence or paragraph happened where the story stands
    (CONTRACT §7: the nearest named place of the same story): "Over the same period, 140 people were
    evacuated" in a report on the Donetsk region. The story's last city, when it lies in the last region
    named (or no region was), else that region."""
    city = ctx.cities[-1] if ctx.cities else None
    region = ctx.regions[-1] if ctx.regions else None
    if city is not None and (region is None or city.admin1 == region.place):
        return city
    return region or city


def _official_place(official: PlaceMention, ctx: ArticleContext) -> PlaceMention:
    """"Kursk's acting governor said 121,000 had been evacuated": the official's region places it, unless the
    story's last city lies in that region ("…a hotel in Kryvyi Rih. Two were killed when a missile struck the
    hotel, Dnipropetrovsk regional governor Serhiy Lysak said"): the governor speaks for the whole region."""
    last = ctx.cities[-1] if ctx.cities else None
    if last is not None and last.admin1 and last.admin1 == official.admin1 and last.place != official.place:
        return last
    return official


def _dateline_seat(facts: SentenceFacts, actor: str | None) -> PlaceMention | None:
    """"Brussels, Dec. 16 (dpa) - The EU's foreign ministers … adopted a 15th sanctions package": a dateline
    names where the reporter sits, which is where a statement or a decision was made only when the city
    is the acting side's own seat (Brussels for the EU, Moscow for Russia)."""
    if actor is None or not facts.dateline_end:
        return None
    for p in facts.places:
        if p.end <= facts.dateline_end and p.kind == "city":
            seat = actors_mod.lexicon().surface.get(p.name)
            if seat is not None and seat[0] == actor:
                return p
    return None


MEETING_KINDS = frozenset({"agreement", "talks", "meeting"})
FOR_BEFORE = re.compile(r"\bfor\s+$", re.I)


def _dateline_city_in(facts: SentenceFacts, country: str) -> PlaceMention | None:
    """"FASANO, Italy (Kyodo) -- Japan signed a 10-year accord with Ukraine …": a meeting or a signing the
    sentence places only in a country is at the dateline's city in that country, where the summit is."""
    return _first(facts.places, lambda p: p.end <= facts.dateline_end and p.kind == "city" and p.country == country)


# "a peace summit … with Moscow at the table", "talks with Kyiv": a capital that takes part is a side, not a place
WITH_BEFORE = re.compile(r"\b(?:with|between|and)\s+$", re.I)


def _places_of_own_phrase(facts: SentenceFacts, draft: Draft, candidates: list[PlaceMention]) -> list[PlaceMention]:
    """When a sentence tells several ground happenings (``categories.GROUND_KINDS``), each is at the place
    its own phrase names: the places from its trigger up to the next ground trigger, the most specific
    first. Empty when the sentence tells one, or the phrase names no place (the usual rules then apply)."""
    ground = sorted((t for t in facts.frames if t.kind in categories_mod.GROUND_KINDS), key=lambda t: t.start)
    if len(ground) < 2 or draft.trigger not in ground:
        return _places_of_own_clause(facts, draft, candidates)
    t = draft.trigger
    end = next((g.start for g in ground if g.start > t.start), len(facts.text))
    mine = [p for p in candidates if t.start <= p.start < end]
    return sorted(mine, key=lambda p: (p.kind not in ("city", "district"), p.start))


def _places_of_own_clause(facts: SentenceFacts, draft: Draft, candidates: list[PlaceMention]) -> list[PlaceMention]:
    """Two pledges (or statements) of one sentence in clauses of their own ("… in Berlin with Chancellor Olaf
    Scholz, who announced …, and in Paris with President Emmanuel Macron, who pledged …"): each is at the
    places of its own clause, from the clause break before it to the one before the next."""
    same = sorted((t for t in facts.frames if t.category == draft.category), key=lambda t: t.start)
    if draft.category not in categories_mod.CLAUSE_CATEGORIES or len(same) < 2 or draft.trigger not in same:
        return []
    breaks = [0] + [b.start() for b in (categories_mod.DONOR_CLAUSE.search(facts.text, a.end, b.start)
                                         for a, b in zip(same, same[1:])) if b is not None] + [len(facts.text)]
    if len(breaks) != len(same) + 1:
        return []   # not every pledge has a clause of its own
    k = same.index(draft.trigger)
    mine = [p for p in candidates if breaks[k] <= p.start < breaks[k + 1]]
    return sorted(mine, key=lambda p: (p.kind not in ("city", "district"), p.start))


# Leading adverbial phrases ("In Madrid, on the eve of NATO's summit, …", "Meeting with Putin on Monday, …").
INTRO = re.compile(r"^(?:\s*(?:In|At|On|During|After|Following|Ahead of|Before|Meeting with|Speaking (?:at|in|to|with)|Amid|Under|"
                   r"Later|Earlier|Separately|Elsewhere|Meanwhile|While|As|When|Despite|Once|Until|Since|Although|Though|"
                   # "Hours before Blinken arrived, Russia fired…": the subject follows the time clause
                   r"(?:Hours|Minutes|Days|Weeks|Moments|Shortly|Just|Only|Soon|Not long|An hour|A day|A week)\s+"
                   r"(?:\w+\s+)?(?:before|after))\b[^,.;:]{0,80},\s*)+")
LATER_CLAUSE = re.compile(r",\s*(?:and|but|while|whereas|although|though)\b|;")
PRONOUN_AGENT = re.compile(r"\b(?:it|they|we)\s+(?:had\s+|has\s+|have\s+)?(?:\w+ly\s+)?$"
                           r"|\b(?:its|their|our)\s+(?:(?!(?:that|which|who|when|after|as)\b)[\w-]+\s+){0,4}(?:had\s+|has\s+|have\s+)?(?:\w+ly\s+)?$")
ATTACK_REFERENCE = re.compile(registry.expand(r"\b(?:{attack_nouns}|shellings?|bombardments?|assaults?|killings?|raids?|"
                                              r"barrages?|incursions?)\b",
                                              "events.ATTACK_REFERENCE"), re.I)
INTERCEPTED_COUNT = re.compile(r"\b(" + NUMBER + r")\s+(?:of them|of these|(?:were|was) (?:shot down|intercepted|destroyed|downed|brought down))"
                               r"|\b(?:shot down|intercepted|destroyed|downed|brought down)\s+(" + NUMBER + r")\s*(?:[,.;]|$|\s+(?:of them|of these|and|but|while|according)\b)",
                               re.I)
# between a demonym and the blow it qualifies: "Russian air strikes", "Russian missile and drone attacks"
OWN_ADJECTIVE_GAP = re.compile(r"\s+(?:(?:air|missile|drone|rocket|artillery|and|overnight|massive|new|combined)\s+){0,3}")
# "were hit", "came under a massive strike", "had been struck": the subject before a passive blow is its target
PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|(?:came|come|comes|coming) under)\s+(?:[\w-]+\s+){0,2}$", re.I)
# "proposed holding a meeting", "offered talks", "invited … to": a proposal, made now, about a later day
PROPOSAL = re.compile(r"\b(?:propos\w*|offer(?:ed|s|ing)?|suggest\w*|invit\w*|call(?:ed|s|ing)? for|urg(?:ed|es|ing)|"
                      r"intend\w*|intention|plan(?:s|ned|ning)? to|ready to|willing to|want(?:s|ed)? to)\b", re.I)
SPEECH_BEFORE = re.compile(r"\b(?:said|says|reported|reports|announced|claimed|confirmed|told \w+|stated)\s+$", re.I)
# "…on Sunday, bringing the number of people killed by a Russian drone strike to 12": the strike named inside a
# toll phrase; the sentence's day is the day the toll grew, not the day of the strike.
TOLL_BEFORE = re.compile(r"\b(?:(?:death )?toll|number of (?:people |those |civilians )?(?:killed|dead|deaths|victims|injured|wounded))"
                         r"\s+(?:from|in|of|after|by|following|caused by)\s+(?:[\w’'-]+\s+){0,5}$", re.I)


def _date_of_trigger(facts: SentenceFacts, draft: Draft) -> DateMention | None:
    """A date bound to the trigger's own phrase: "a Russian rocket strike on July 9", "Friday's strike"."""
    t = draft.trigger
    w = settings().windows
    for d in facts.dates:
        if d.future or d.date is None or d.precision != "day" or d.start < facts.dateline_end \
                or dates_mod.another_days_date(d, facts.text):
            continue
        if 0 <= d.start - t.end <= w.date_after_trigger or 0 <= t.start - d.end <= w.date_before_trigger:
            return d
    return None


def _toll_update(facts: SentenceFacts, draft: Draft, own: DateMention) -> bool:
    """Is the attack named only inside a toll phrase, with the sentence's day outside it ("pulled out two
    more bodies on Sunday, bringing the number killed by the strike to 12")? Then that day dates the
    toll's growth, and the strike takes its day from the story or from a later sentence that tells it.
    A day inside the phrase ("the number killed by Saturday's bombing has risen to 18") is the strike's."""
    if draft.category != "attack":
        return False
    m = TOLL_BEFORE.search(facts.text[max(0, draft.trigger.start - 80):draft.trigger.start])
    if m is None:
        return False
    start = max(0, draft.trigger.start - 80) + m.start()
    toll = next((c for c in facts.casualties if c.start <= start < c.end or start <= c.start < draft.trigger.end), None)
    end = toll.end if toll is not None else draft.trigger.end
    return not start <= own.start < end


PLACE_TO_DAY = re.compile(r"[\s,]*(?:(?:early|late) )?(?:on |in the (?:early )?(?:hours|morning|evening|night) of )?$")


def _closes_place_phrase(facts: SentenceFacts, draft: Draft, own: DateMention) -> bool:
    """"A drone struck a unit of the refinery in Kstovo, in the Nizhny Novgorod region, on Tuesday": a day
    that closes the place phrase of the blow's own clause dates the blow, however long that phrase is."""
    return any(draft.trigger.end <= p.end <= own.start and PLACE_TO_DAY.fullmatch(facts.text, p.end, own.start)
               for p in facts.places)


def _later(a: DateMention, b: DateMention) -> bool:
    """Does date mention ``a`` fall on a later day than ``b``? (False when either has no day.)"""
    return a.date is not None and b.date is not None and a.date > b.date


def _the_blows_night(own: DateMention | None, ctx: ArticleContext, draft: Draft) -> bool:
    """"…, a day after the heaviest raid on the capital, which came overnight into Tuesday. Russia had launched
    440 drones during the night": a bare night of a later sentence is the blow's, not the publication's."""
    return own is not None and own.kind == "overnight" and ctx.blow_date is not None \
        and BARE_NIGHT.fullmatch(own.text) is not None and draft.category in ("attack", "air_defense")


BARE_NIGHT = re.compile(r"\s*(?:during|in|over)\s+the\s+night\s*|\s*overnight\s*|\s*last\s+night\s*", re.I)
# "…over the past day, 21 September, injuring five": the day that names the period of the report
PERIOD_APPOSITIVE = re.compile(r"\b(?:past|last|previous)\s+(?:day|24 hours|night)\s*[,(—–-]\s*$", re.I)


def _gap_after_trigger(facts: SentenceFacts, draft: Draft, own: DateMention) -> int:
    """How far the sentence's own date lies after the trigger, not counting the places between them: the
    targets a blow lists are its own ("struck Kyiv, Lviv, Dnipro, Kharkiv, Zaporizhzhia and more than a dozen
    other cities on Monday"), however long the list."""
    listed = sum(p.end - p.start for p in facts.places if draft.trigger.end <= p.start and p.end <= own.start)
    return own.start - draft.trigger.end - listed


def _date(facts: SentenceFacts, ctx: ArticleContext, draft: Draft) -> None:
    """When: a date bound to the trigger ("Friday's strike"), else the sentence's own date unless it is the
    report's ("The ministry said on Sunday that on Saturday evening…" → Saturday), else the paragraph's,
    the section heading's or the section's last date."""
    w = settings().windows
    own = facts.own_date
    bound = _date_of_trigger(facts, draft)
    if (bound or own) is not None and _toll_update(facts, draft, bound or own):
        # the day the toll grew, which the paragraph's date repeats: the strike's day is told elsewhere
        stale = {id(bound or own)}
        draft.date = next((d for d in (ctx.paragraph_date, ctx.section_date, ctx.story_date)
                           if d is not None and id(d) not in stale and d is not facts.own_date), None)
        return
    if bound is not None:
        draft.date, draft.date_own = bound, True
        return
    if own is not None and draft.category in ("attack", "air_defense") and \
            SPEECH_BEFORE.search(facts.text[max(0, own.start - w.speech_before_date):own.start]):
        # "The ministry said on Sunday that on Saturday evening…": the report's date is not the strike's
        others = [d for d in facts.dates if d is not own and not d.future and d.date is not None
                  and d.start >= facts.dateline_end
                  and not SPEECH_BEFORE.search(facts.text[max(0, d.start - w.speech_before_date):d.start])]
        own = dates_mod.best_date(others) if others else None
        standing = ctx.paragraph_date or ctx.section_date or ctx.story_date
        if own is None and (standing is None or _later(standing, facts.own_date)):
            # "The ministry said on Friday that its forces had taken the town", in Monday's paper: what was
            # reported on Friday happened by Friday, not on the later day the story stands on
            own = facts.own_date
    context = ctx.paragraph_date or ctx.section_date or ctx.story_date
    if own is not None and context is not None and _gap_after_trigger(facts, draft, own) > w.own_date_after_trigger \
            and not PERIOD_APPOSITIVE.search(facts.text, max(0, own.start - 30), own.start) \
            and not _closes_place_phrase(facts, draft, own):
        own = None  # "…exchange agreed at the Istanbul talks on May 16": the date of something else
    future = [d for d in facts.dates if d.future and d.date is not None and not dates_mod.another_days_date(d, facts.text)]
    if draft.category == "diplomacy" and future and (own is None or own.precision != "day"):
        draft.future = True
        if not PROPOSAL.search(facts.text[:future[0].start]):
            own = future[0]
        # else "Ukraine had proposed holding a meeting … before June 20": the proposal is the event (CONTRACT
        # §7), dated the day it was made — the sentence's own or standing day, not the day proposed
    if _the_blows_night(own, ctx, draft):
        draft.date = ctx.blow_date
    elif own is not None and (own.precision == "day" or own.kind in ("relative", "context")):
        draft.date, draft.date_own = own, True
    elif ctx.paragraph_date is not None:
        draft.date = ctx.paragraph_date
    elif ctx.section_date is not None:
        draft.date = ctx.section_date
    elif ctx.story_date is not None:
        blow = ctx.blow_date if draft.category in ("attack", "air_defense") else None
        draft.date = blow or ctx.story_date
    elif own is not None and own.precision == "year" and ctx.published is not None and own.date.year < ctx.published.year:
        # "…, which also never accepted Moscow's seizure of Crimea in 2014": history, not this statement's
        # day, which is the story's (CONTRACT §7: the publication date when the story gave none)
        draft.date = ctx.paragraph_date or ctx.section_date or \
            dates_mod.DateMention(0, 0, "", ctx.published, "day", "context", False)
    elif own is not None:
        draft.date, draft.date_own = own, True


# "The exchange came a day after Russia launched nearly 100 missiles…": the trigger in an "N days after" clause
DAYS_AFTER = re.compile(r"\b(a|one|two|three|four|five|six|seven|\d{1,2})\s+days?\s+after\s+(?:[\w’'-]+\s+){0,8}$", re.I)


def _days_before(facts: SentenceFacts, draft: Draft) -> None:
    """A happening told in an "N days after" clause ("…came a day after Russia launched 99 missiles at Kyiv",
    "a day after the dam was breached") happened N days before the day of the sentence's own happening,
    which the draft's date gives; a date bound to its own phrase ("a day after Friday's strike") stays."""
    m = DAYS_AFTER.search(facts.text[max(0, draft.trigger.start - 80):draft.trigger.start])
    if m is None or draft.date is None or draft.date.date is None or draft.date.precision != "day" \
            or _date_of_trigger(facts, draft) is not None or _date_in_phrase(facts, draft):
        return
    n = 1 if m.group(1).lower() == "a" else parse_number(m.group(1))
    if n:
        draft.date = replace(draft.date, date=draft.date.date - dt.timedelta(days=n), kind="relative")
        draft.date_own = True


# "Hours after the attack on the store, another Russian strike hit …": the day of the blow told before
HOURS_AFTER = re.compile(r"^\W*(?:(?:just|only|some|a few|several)\s+)?(?:hours|minutes|moments|shortly|soon)\s+after\s+"
                         r"(?:the|that|this)\s+(?:[\w’'-]+\s+){0,2}?(?:attack|strike|bombing|blast|raid|shelling)\b", re.I)


def _hours_after(facts: SentenceFacts, draft: Draft, last_attack: Draft | None) -> None:
    """A blow told "hours after" the one before happened on that one's day, whatever day the story stands on."""
    if draft.category == "attack" and last_attack is not None and last_attack.date is not None \
            and not draft.date_own and HOURS_AFTER.match(facts.text):
        draft.date, draft.date_own = last_attack.date, True


PHRASE_WINDOW = 40   # "a rocket attack on Belgorod on Thursday": the day of the blow's own phrase


def _date_in_phrase(facts: SentenceFacts, draft: Draft) -> bool:
    """Does the day the draft carries stand in the trigger's own phrase, after it and before any comma
    ("came a day after a rocket attack on Belgorod on Thursday")? Then it is the blow's own day."""
    d, t = draft.date, draft.trigger
    return d in facts.dates and t.end <= d.start <= t.end + PHRASE_WINDOW and "," not in facts.text[t.end:d.start]


def _actors(facts: SentenceFacts, ctx: ArticleContext, draft: Draft, last_attack: Draft | None,
            last_event: Draft | None) -> None:
    """Who acted (``actor1``) and on whom (``actor2``): the category's attribution function (registered by
    name below, see ``registry.attribution``), then the fallbacks every category shares."""
    mentions = [a for a in facts.actors if a.role != "modifier"]
    states = [a for a in mentions if a.actor or a.kind == "titled"]
    registry.attribution(draft.category)(facts, ctx, draft, states, last_attack, last_event)
    if draft.actor1 is None:
        assumed = _assumed_attacker(ctx, draft) if draft.category == "attack" and draft.kind == "strike" else \
            actors_mod.controlling_side(draft.place) or ctx.perspective
        # the side acted upon is never the one assumed to act ("Ukraine's backers pledged…": Ukraine receives)
        draft.actor1 = assumed if assumed and assumed != draft.actor2 else "Unknown"
        draft.notes.append(("ambiguous_actor", f"no actor named for this {draft.category} event; {draft.actor1} assumed"))
    if draft.actor2 == draft.actor1:
        draft.actor2 = None


def _assumed_attacker(ctx: ArticleContext, draft: Draft) -> str | None:
    """An unnamed striker is the enemy of the side hit, else of the article's own side: "the number of
    people killed in the strike on the hypermarket" in a Kyiv outlet was a Russian strike. (The side holding
    the place, which other categories assume, is the side struck. A capture claimed with no side named is
    the claimant's own, as before.)"""
    return actors_mod.opponent(draft.actor2) or actors_mod.opponent(ctx.perspective)


# -- attribution: one function per category (or per way of attributing), registered by name ---------------
# Each takes (facts, ctx, draft, states, last_attack, last_event) — ``states``: the actor mentions that name
# a side or an official — and sets draft.actor1 / actor2. ``categories.yaml`` names them (``attribution``).
# a label before a colon: "Ukraine's air force gives its tally: Russia launched 88 missiles" (not a clock's "08:45")
COLON_LEAD = re.compile(r"(?<!\d):(?!\d)")


PRONOUN_AFTER_COLON = re.compile(r"\s*(?:its|their|his|her)\b", re.I)


OWN_BLOW_AFTER = re.compile(r"\s+(?:[\w-]+\s+)?(?:attacks?|strikes?|assaults?|raids?|shelling|bombardments?|barrages?)", re.I)


def _after_colon_lead(text: str, before: int, states: list[ActorMention]) -> list[ActorMention]:
    """The sides named after a label's colon, when the blow is told after it and they name one: the side the
    label names ("Ukraine's air force gives its tally:") tells of the blow, the words after it name the agent."""
    lead = max((m.end() for m in COLON_LEAD.finditer(text, 0, before)), default=None)
    if lead is None or PRONOUN_AFTER_COLON.match(text, lead):
        return states   # "Ukraine no longer holds any town in Kursk region: its troops have pulled out of Sudzha"
    return [a for a in states if a.start >= lead] or states


@registry.attributes("attack")
def _attack(facts: SentenceFacts, ctx: ArticleContext, draft: Draft, states: list[ActorMention],
            last_attack: Draft | None, last_event: Draft | None) -> None:
    """The named agent, else the owner of the weapon, else the side that alone fires it, else the opponent
    of the side holding the place hit; the target is the side named as hit, else the place's side."""
    place_country = actors_mod.controlling_side(draft.place) if draft.place is not None else None
    weak = set(actors_mod.lexicon_weak())
    operator = weapon_operator(facts.weapons)
    windows = settings().windows
    states = _after_colon_lead(facts.text, draft.trigger.start, states)
    # "a Russian missile strike on…", "Russian rockets hit…": the demonym in front of the blow. The last
    # weapon before the trigger is found once, not once per actor (quadratic on a long sentence).
    weapon_start = max((w.start for w in facts.weapons if w.end <= draft.trigger.start), default=-1)
    # "the cost of the biggest wave of Russian air strikes": a demonym that is the blow's own adjective is its
    # agent even as the object of "of"
    # "Ukrainian officials also counted 417 Russian attacks on 14 towns": the blow's own adjective, inside it, first
    agent = _first(states, lambda a: a.kind == "demonym" and draft.trigger.start <= a.start
                   and OWN_BLOW_AFTER.fullmatch(facts.text, a.end, draft.trigger.end)) \
        or _first(states, lambda a: a.kind == "demonym" and a.role not in ("target", "place", "object", "speaker")
                   and (0 <= draft.trigger.start - a.end <= windows.demonym_before_trigger
                        or a.end <= weapon_start and draft.trigger.start - a.end <= windows.demonym_before_weapon)
                   or a.kind == "demonym" and a.role == "object" and OWN_ADJECTIVE_GAP.fullmatch(facts.text[a.end:draft.trigger.start]))
    adjacent = agent
    agent = agent or _own_clause_agent(facts, draft, states)
    intro = INTRO.match(facts.text)
    if intro:  # "While Zelensky was in Sweden, a Russian Iskander missile hit…": not the agent
        states = [a for a in states if a.start >= intro.end()] + [a for a in states if a.start < intro.end()]
    passive = PASSIVE_BEFORE.search(facts.text[:draft.trigger.start])
    # "Ukraine's facilities were hit": in a passive, the side named before the blow is the one hit
    agent = agent or _first(states, lambda a: a.role == "possessive" and not passive
                            and 0 <= draft.trigger.start - a.end <= windows.possessive_before_trigger)
    if agent is None and PRONOUN_AGENT.search(facts.text[:draft.trigger.start]):
        # "Russia’s Defence Ministry said on Monday it had struck…": the speaker is the agent
        agent = _first(states, lambda a: a.role == "speaker" and a.actor and a.start < draft.trigger.start)
    if agent is None and not passive and draft.kind == "strike":
        # "…aircraft were scrambled … while Russia struck western Ukraine": the side right before the verb
        agent = _subject_right_before(facts.text, draft, [a for a in states if actors_mod.is_combatant(a.actor)])
    if agent is None and draft.kind in ("capture", "recapture"):
        # "X is now in Russian hands", "X had returned to Ukrainian control": the side named inside the phrase
        agent = _first(states, lambda a: a.kind == "demonym" and draft.trigger.start <= a.start < draft.trigger.end)
    agent = _speakers_own_forces(facts, draft, states, passive) or agent \
        or _subject_agent(facts, draft, states, place_country, bool(passive))
    if draft.trigger.text.lower().startswith("blamed"):
        # "officials appointed by Moscow blamed Ukrainian artillery for injuring civilians": the side blamed
        agent = _first(states, lambda a: a.actor and draft.trigger.start <= a.start < draft.trigger.end) or agent
    if adjacent is None and draft.trigger.text.lower().startswith("counter"):
        # "Ukrainian officials said a counter-attack had recaptured half of Sievierodonetsk, … where Russia has
        # been concentrating its forces": a counterattack no side is named for is the speaking side's
        agent = _first(states, lambda a: a.role == "speaker" and a.actor and a.end <= draft.trigger.start) or agent
    if agent is not None and (agent.actor in weak or not actors_mod.is_combatant(agent.actor)):
        agent = None
    if agent is not None:
        draft.actor1, draft.actor1_detail, draft.actor1_explicit = agent.actor, agent.detail, True
    else:
        _attacker_not_named(facts, draft, states, operator, place_country, last_attack)
    _attack_target(draft, states, place_country, bool(passive), weak)
    _sides_by_what_happened(facts, draft, states)


PASSIVE_BLOW = re.compile(r"(?:struck|hit|shelled|bombed|targeted|attacked|pounded|shot|destroyed)\b", re.I)


def _attacker_not_named(facts: SentenceFacts, draft: Draft, states: list[ActorMention], operator: str | None,
                        place_country: str | None, last_attack: Draft | None) -> None:
    """No agent named: the side whose forces the sentence says attack, the only side that fires the weapon, the
    side that claims its own gains, the opponent of the side holding the place, the story's last attacker, or
    the opponent of a side that tallies the blows it took."""
    owner = next(iter(sorted(facts.attacker_side)), None)
    if owner and PASSIVE_BLOW.match(draft.trigger.text) and PASSIVE_BEFORE.search(facts.text[:draft.trigger.start]) and \
            any(a.actor == owner and a.end <= draft.trigger.start for a in states):
        owner = None   # "Ukrainian troops and equipment were also struck in 146 areas": the forces struck
    if owner:
        draft.actor1, draft.actor1_explicit = owner, True
    elif operator:
        draft.actor1 = operator  # "Storm Shadow missiles slammed into…": only one side fires them
    elif (draft.kind in ("capture", "recapture") or draft.trigger.text.lower().startswith("counter")) \
            and (claimant := _claimant(states)) is not None:
        # "Ukraine's General Staff said troops had retaken …", "Ukrainian officials said a counter-attack had
        # recaptured half of Sievierodonetsk": a side claims its own gains
        draft.actor1 = claimant
    elif place_country and actors_mod.opponent(place_country):
        draft.actor1 = actors_mod.opponent(place_country)
        draft.notes.append(("inferred_actor", f"attacker not named; {draft.actor1} inferred as the opponent of {place_country}"))
    elif last_attack is not None:
        draft.actor1 = last_attack.actor1
    elif (speaker := _first(states, lambda a: a.role == "speaker" and a.actor and actors_mod.opponent(a.actor))):
        # "Ukraine's General Staff said 155 clashes had taken place": a side tallies the blows it took
        draft.actor1 = actors_mod.opponent(speaker.actor)


def _sides_by_what_happened(facts: SentenceFacts, draft: Draft, states: list[ActorMention]) -> None:
    """The sides as the kind of happening turns them: the launcher of what was intercepted, the opponent of the
    side that resisted, the side that advanced into a withdrawal, the side whose assault was repelled."""
    _launcher_of_intercepted(facts, draft)
    _side_that_resists(facts, draft, states)
    _side_wiped_out(draft, states)
    if draft.kind == "withdrawal":
        _side_that_advances(draft)
    elif categories_mod.is_repelled(draft.trigger):
        _side_that_assaulted(facts, draft, states)


# "wiping out Ukrainian units trapped in …", "mopping up Russian remnants": the side named is the one destroyed
TRAPPED = re.compile(r"(?:trapped|caught|surrounded|cut\s+off)\s+in\b", re.I)
WIPED_OUT = re.compile(r"(?:wiping|wiped|wipes|mopping|mopped|mops|clearing|cleared|clears|finishing|finished)\s+(?:out|up|off)\b", re.I)


def _side_wiped_out(draft: Draft, states: list[ActorMention]) -> None:
    """Forces "wiped out" or "mopped up" are the target, their opponent the one fighting (not the side whose units
    the trigger names, which reads as an attacking side: "Ukrainian units")."""
    t = draft.trigger
    if draft.kind != "clash" or not (WIPED_OUT.match(t.text) or TRAPPED.match(t.text)):
        return
    # the side inside the trigger, or just before "trapped in the encirclement" ("Ukrainian units trapped in …")
    named = _first(states, lambda a: a.kind == "demonym" and a.actor and
                   (t.start <= a.start < t.end or 0 <= t.start - a.end <= 30))
    if named is None and WIPED_OUT.match(t.text):   # "… and is mopping up what remains of them": the units named before
        named = next((a for a in reversed(states) if a.kind == "demonym" and a.actor and a.end <= t.start), None)
    if named is not None and actors_mod.opponent(named.actor):
        draft.actor1, draft.actor2 = actors_mod.opponent(named.actor), named.actor
        draft.actor1_detail, draft.actor1_explicit = None, False


# "in the face of stiff Russian resistance", "despite fierce Ukrainian opposition": the side that resists
RESISTING = re.compile(r"\s+(?:[\w-]+\s+)?(?:resistance|opposition|defen[cs]es|defenders)\b", re.I)


def _side_that_resists(facts: SentenceFacts, draft: Draft, states: list[ActorMention]) -> None:
    """An advance "in the face of stiff Russian resistance" is made against the side named as resisting: when the
    sentence names that side nowhere else, it is the target and its opponent the attacker, whatever the place
    or the word's place in the sentence says."""
    if draft.kind not in ("clash", "capture", "recapture"):
        return
    resisting = _first(states, lambda a: a.kind == "demonym" and a.actor and RESISTING.match(facts.text, a.end))
    if resisting is None or not actors_mod.opponent(resisting.actor):
        return
    named_elsewhere = any(a.actor == resisting.actor and a is not resisting for a in states)
    if draft.actor1 == resisting.actor and not named_elsewhere:
        draft.actor1, draft.actor2 = actors_mod.opponent(resisting.actor), resisting.actor
        draft.actor1_detail, draft.actor1_explicit = None, False


# "…had been struck by its special operations forces": the passive's agent is the speaker's own side
BY_OWN_AFTER = re.compile(r"\s+by\s+(?:its|their|our)\b", re.I)


def _speakers_own_forces(facts: SentenceFacts, draft: Draft, states: list[ActorMention], passive) -> ActorMention | None:
    """"Ukraine's general staff said two Russian fighter jets … had been struck by its special operations forces":
    the side that speaks struck, whatever side the weapons hit are said to belong to."""
    if not passive or not BY_OWN_AFTER.match(facts.text, draft.trigger.end):
        return None
    return _first(states, lambda a: a.role == "speaker" and a.actor and a.start < draft.trigger.start)


def _claimant(states: list[ActorMention]) -> str | None:
    """The side at war that speaks in the sentence ("Ukraine's General Staff said", "Moscow said"), if any."""
    speaker = _first(states, lambda a: a.role == "speaker" and a.actor and actors_mod.is_combatant(a.actor))
    return speaker.actor if speaker is not None else None


def _subject_agent(facts: SentenceFacts, draft: Draft, states: list[ActorMention], place_country: str | None,
                   passive: bool) -> ActorMention | None:
    """The side named as the sentence's subject, unless it is plainly not the striker: a speaker, the side
    named before a passive blow, the side holding the place hit named after it ("…the attack on Belgorod
    rose to 24, as Moscow said it had hit Kharkiv"), a side in a later clause ("…a missile fired from a
    bomber, and that Ukrainian air defences cannot shoot it down"), or a leader of the side hit reporting
    the blow ("Zelenskiy has given the first death toll from the strike on Poltava")."""
    t = draft.trigger
    return _first(states, lambda a: a.role in ("subject", "possessive") and a.kind != "titled"
                  and not (a.kind == "person" and a.role == "speaker")
                  and not (passive and a.start < t.start)
                  and not (a.start >= t.end and place_country and a.actor == place_country)
                  and not (a.start >= t.end and LATER_CLAUSE.search(facts.text, t.end, a.start))
                  and not (a.kind in ("person", "titled") and place_country and a.actor == place_country))


def _attack_target(draft: Draft, states: list[ActorMention], place_country: str | None, passive: bool,
                   weak: set) -> None:
    """The side hit: the one named as target, owner or place, else (a passive blow) the side named before
    it, else the side holding the place hit, else the attacker's opponent."""
    target = _first(states, lambda a: a.role in ("target", "owner", "place", "recipient", "object") and a.actor and a.actor != draft.actor1)
    if passive and target is None:   # "Ukraine's military command came under a massive strike": hit, not hitting
        target = _first(states, lambda a: a.start < draft.trigger.start and a.actor and a.actor != draft.actor1
                        and a.role in ("subject", "possessive") and a.actor not in weak)
        if target is not None and not draft.actor1_explicit and actors_mod.opponent(target.actor):
            draft.actor1 = actors_mod.opponent(target.actor)
    if target is not None:
        draft.actor2 = target.actor
    elif place_country and place_country != draft.actor1:
        draft.actor2 = place_country
    else:
        draft.actor2 = actors_mod.opponent(draft.actor1)


# "Russian air defenses shot down…", "Ukraine's air defence units": the side named is the defender
AIR_DEFENCE_AFTER = re.compile(r"^(?:’s|'s)?\s+(?:[\w-]+\s+){0,2}?(?:air[- ]defen[cs]es?|anti-aircraft|air force)\b", re.I)


def _launcher_of_intercepted(facts: SentenceFacts, draft: Draft) -> None:
    """The harm done by weapons an interception sentence tells of ("… shot down 337 Ukrainian drones …, the
    rest hit Moscow", "74 drones headed for the capital had been destroyed") is an attack by the side that
    launched them: the owner of the weapons, else the opponent of the defender (the side whose air defences
    are named, else the side holding the place) — never the defender itself."""
    if not any(t.kind == "interception" and not SCRAMBLE.search(t.text) for t in facts.frames):
        return   # jets scrambled while a side struck elsewhere: the strike keeps its own striker
    defender = next((a.actor for a in facts.actors if a.actor and AIR_DEFENCE_AFTER.match(facts.text[a.end:a.end + 40])), None)
    defender = defender or (actors_mod.controlling_side(draft.place) if draft.place is not None else None)
    owner = next((s for s in sorted(facts.attacker_side) if s != defender), None)
    attacker = owner or (actors_mod.opponent(defender) if defender else None)
    if attacker is None or attacker == draft.actor1:
        return
    draft.actor1, draft.actor1_detail, draft.actor1_explicit = attacker, None, owner is not None
    draft.actor2 = defender or actors_mod.opponent(attacker)


# "…, according to a tally that Kyiv's Defense Ministry put out": who tells of the assaults, not who made them
SOURCE_AFTER = re.compile(r",\s*(?:according\s+to|citing|as\s+(?:reported|claimed|stated)|said|says|reported)\b", re.I)
REPELLED_WINDOW = 90   # "fought off six assaults on the eastern part of X, each by Ukrainian assault groups"


def _side_that_assaulted(facts: SentenceFacts, draft: Draft, states: list[ActorMention]) -> None:
    """A repelled assault is an attack by the side whose assault failed (CONTRACT §7, like a withdrawal): in
    "Ukrainian forces fought off 12 Russian attacks near X" the side named after the trigger ("Russian
    attacks", "attacks by Russian troops") assaulted; when only the defender is named ("Ukraine's forces
    stopped the enemy advancing"), it becomes ``actor2`` and its opponent ``actor1``."""
    t = draft.trigger
    end = min(len(facts.text), t.end + REPELLED_WINDOW)
    brk = categories_mod.CLAUSE_BREAK.search(facts.text, t.end, end) or SOURCE_AFTER.search(facts.text, t.end, end)
    end = brk.start() if brk else end
    weak = set(actors_mod.lexicon_weak())
    after = _first(states, lambda a: t.start <= a.start < end and a.actor and a.actor not in weak
                   and a.role not in ("place", "speaker"))
    if after is not None:
        draft.actor1, draft.actor1_detail, draft.actor1_explicit = after.actor, after.detail, True
        draft.actor2 = actors_mod.opponent(after.actor) or draft.actor2
    else:
        _side_that_advances(draft)


def _own_clause_agent(facts: SentenceFacts, draft: Draft, states: list[ActorMention]) -> ActorMention | None:
    """In a sentence that tells several ground happenings, a later one's agent is the side named between the
    happening before it and its own trigger ("…fought off an assault on Lysychansk, but the occupiers managed to
    seize Mykolaivka"); None when that stretch names no side (the sentence's subject then acts for all)."""
    ground = sorted((t for t in facts.frames if t.kind in categories_mod.GROUND_KINDS), key=lambda t: t.start)
    if len(ground) < 2 or draft.trigger not in ground or draft.trigger is ground[0]:
        return None
    start = max(t.end for t in ground if t.start < draft.trigger.start)
    # "Russia's Kursk region" names the owner of a place, not a side that acts
    owners = {a.start for a in states for p in facts.located_places if 0 <= p.start - a.end <= 4}
    return _first(states, lambda a: start <= a.start < draft.trigger.start and a.start not in owners
                  and a.role in ("subject", "possessive"))


def _side_that_advances(draft: Draft) -> None:
    """A withdrawal is an attack by the side that advances (CONTRACT §7): in "Ukrainian forces withdrew from
    Sievierodonetsk" the side named is the one that gives ground, so it becomes ``actor2`` and its opponent
    ``actor1``. A withdrawal that names no side already has the opponent of the place's holder as actor1."""
    opponent = actors_mod.opponent(draft.actor1) if draft.actor1_explicit else None
    if opponent:
        draft.actor1, draft.actor2 = opponent, draft.actor1
        draft.actor1_detail, draft.actor1_explicit = None, False


@registry.attributes("air_defense")
def _air_defense(facts: SentenceFacts, ctx: ArticleContext, draft: Draft, states: list[ActorMention],
                 last_attack: Draft | None, last_event: Draft | None) -> None:
    """The defender is the side named that did not fire, else the opponent of the one side named as firing,
    else the side holding the place, else the side the current attack targets; ``actor2`` is the side
    that fired."""
    place_country = actors_mod.controlling_side(draft.place) if draft.place is not None else None
    weak = set(actors_mod.lexicon_weak())
    operator = weapon_operator(facts.weapons)
    attackers = set(facts.attacker_side)
    # "Of the 27 Shahed-type drones Russia sent …, 22 were destroyed": whoever fires the weapons downed is
    # not the defender, whichever side the sentence names first
    fired_by = weapon_operator([w for w in facts.weapons if w.role in ("intercepted", "destroyed", "launched")
                              and "air defence" not in w.weapon])   # "shot down by S-400 … systems" defend
    if fired_by and not attackers:   # "57 Ukrainian drones and three guided bombs": the side named wins
        attackers.add(fired_by)
    # "brought down 69 of the 165 drones Russia launched", "Of the 497 drones and missiles Moscow sent over":
    # the side that launched what was downed is no defender
    attackers |= {a.actor for a in states if a.actor and LAUNCHER_VERB_AFTER.match(facts.text, a.end)}
    if SCRAMBLE.search(draft.trigger.text):
        attackers = set()   # "Polish and allied aircraft were scrambled": the jets are the defender's own
    downed = _downed_count(facts)
    if draft.place is None and last_attack is not None and last_attack.place is not None \
            and not downed > (last_attack.weapon_count or 10 ** 6) \
            and not (last_attack.weapon_count is None and downed >= settings().consolidation.night_barrage
                     and last_attack.place.kind in ("region", "city", "district")):
        # an interception reported with the attack it stopped; 41 downed are no part of "one missile", and
        # 154 downed of the night's 183 are not those of a blow on one region that gave no count
        draft.place = last_attack.place
        place_country = actors_mod.controlling_side(draft.place)
    defender = _own_defender(facts.text, draft, states) or \
        _first(states, lambda a: a.role in ("subject", "possessive", "speaker") and a.actor not in attackers
               and a.actor not in weak and (a.actor or a.kind == "titled"))
    if defender is not None:
        draft.actor1 = _resolve_titled(defender, draft)
        draft.actor1_detail, draft.actor1_explicit = defender.detail, draft.actor1 is not None
    if draft.actor1 is None and len(attackers) == 1 and actors_mod.opponent(next(iter(attackers))):
        # "18 Ukrainian drones were destroyed near Golaya Pristan": the side whose drones fell did not
        # down them, whoever holds the place on the map (front-line places change hands)
        draft.actor1 = actors_mod.opponent(next(iter(attackers)))
    if draft.actor1 is None and place_country and actors_mod.opponent(place_country):
        draft.actor1 = place_country
    if draft.actor1 is None and last_attack is not None and last_attack.actor2:
        draft.actor1 = last_attack.actor2
    if draft.actor1 is None and attackers:
        draft.actor1 = actors_mod.opponent(sorted(attackers)[0])
    if SCRAMBLE.search(draft.trigger.text) and draft.actor1 and draft.place is not None \
            and draft.place.country != draft.actor1 and (own := places_mod.gazetteer().lookup(draft.actor1)):
        draft.place = own   # jets scrambled "to protect the country's airspace" guard their own country
    attacker = next((a for a in sorted(attackers) if a != draft.actor1), None)
    if attacker is None and operator and operator != draft.actor1:
        attacker = operator
    if attacker is None and last_attack is not None and last_attack.actor1 != draft.actor1:
        attacker = last_attack.actor1
    draft.actor2 = attacker or actors_mod.opponent(draft.actor1)


# (an aside may come between: "Russia, for its part, fired a record 145 drones at Ukraine")
LAUNCHER_VERB_AFTER = re.compile(r"(?:\s*,\s*(?:for\s+(?:its|their)\s+part|meanwhile|in\s+turn|in\s+response|again)\s*,)?"
                                 r"\s+(?:had\s+|has\s+|have\s+)?(?:launched|sent|fired|unleashed|hurled)\b", re.I)
# air policing: jets sent up to guard the airspace, not weapons fired at it
SCRAMBLE = re.compile(r"scrambl|took to the air|into the air|escorted", re.I)
# "Ukrainian forces shot down 130 drones": the side's forces right before the interception verb
DEFENDER_GAP = re.compile(r"^[\s’'s]*(?:[\w-]+\s+){0,2}?(?:forces|troops|military|army|units|air defen[cs]es?|air force|"
                          r"defenders)\s+(?:(?:have|has|had)\s+)?$", re.I)


def _own_defender(text: str, draft: Draft, states: list[ActorMention]) -> ActorMention | None:
    """The side whose forces are the interception verb's subject defends, even where its forces are
    named as attacking elsewhere in the sentence."""
    t = draft.trigger
    return _first(states, lambda a: a.actor is not None and a.end <= t.start
                  and bool(DEFENDER_GAP.match(text[a.end:t.start])))


@registry.attributes("parties")
def _parties(facts: SentenceFacts, ctx: ArticleContext, draft: Draft, states: list[ActorMention],
             last_attack: Draft | None, last_event: Draft | None) -> tuple[ActorMention | None, list[ActorMention]]:
    """The first actor named acted; the next distinct one (or the recipient after "to/for/with") is ``actor2``.

    Returns the mention that gave ``actor1`` (None when the story gave it: "He said…") and the mentions
    considered, for the categories that refine this rule."""
    weak = set(actors_mod.lexicon_weak())
    usable = [a for a in states if a.role not in ("place",) and a.actor not in weak] or \
             [a for a in states if a.role not in ("place",)]
    intro = INTRO.match(facts.text)
    if intro:  # "In Madrid, on the eve of NATO's summit, Turkey drops…": the subject follows the intro
        usable = [a for a in usable if a.start >= intro.end()] + [a for a in usable if a.start < intro.end()]
    if facts.text.lstrip().startswith(("He ", "She ")) and ctx.last_person is not None:
        # "Zelenskiy said he had ordered an investigation. He once again urged allies…": the official named last
        draft.actor1, draft.actor1_detail = ctx.last_person
        draft.actor1_explicit = True
    elif facts.text.lstrip().startswith(("He ", "She ", "They ")) and last_event is not None and last_event.actor1:
        draft.actor1, draft.actor1_explicit = last_event.actor1, True
        draft.actor1_detail = last_event.actor1_detail
    first = _passive_agent(facts.text, draft, usable) or _approver(facts.text, draft, states) \
        or _subject_right_before(facts.text, draft, usable) \
        or _builder(facts.text, draft, usable) or _first(usable, lambda a: a.role != "recipient") or (usable[0] if usable else None)
    acting = None
    if draft.actor1 is None and first is not None:
        draft.actor1 = _resolve_titled(first, draft)
        draft.actor1_detail, draft.actor1_explicit = first.detail, draft.actor1 is not None
        acting = first
    if draft.actor2 is None:
        rest = [a for a in usable if a.actor and a.actor != draft.actor1]
        recipient = _first(rest, lambda a: a.role == "recipient")
        second = _object_of_trigger(draft, rest) or recipient or (rest[0] if rest else None)
        draft.actor2 = second.actor if second is not None else None
    return acting, usable


# what may stand between a subject and its verb: "Zelensky denounced", "Latvia also closed", "Seoul on Monday said"
SUBJECT_GAP = re.compile(r"^\s+(?:(?:has|have|had|will|would|is to|was to)\s+)?"
                         r"(?:(?:also|again|then|later|formally|officially|quickly|swiftly|\w+ly)\s+|on\s+\w+day\s+)?$", re.I)


def _subject_right_before(text: str, draft: Draft, usable: list[ActorMention]) -> ActorMention | None:
    """The side named right before a statement's verb is its subject ("In Granada, on the sidelines of a European
    Political Community summit, President Volodymyr Zelensky denounced the strike"), whoever the sentence
    named first."""
    if draft.category not in ("diplomacy", "attack", "military_support"):
        return None
    t = draft.trigger
    subject = _first(reversed(usable), lambda a: a.end <= t.start and SUBJECT_GAP.match(text[a.end:t.start]) is not None
                     and a.role in ("subject", "possessive", "speaker") and a.actor is not None)
    if subject is None:
        return None
    # "President Zelensky and Polish Prime Minister Donald Tusk signed": the first of two joined subjects
    before = [a for a in usable if a.end <= subject.start and a.actor]
    if before and JOINED.fullmatch(text[before[-1].end:subject.start]):
        return before[-1]
    if PRONOUN_JOINED.search(text, max(0, subject.start - 40), subject.start):
        return None   # "where he and Vladimir Zelensky signed": "he" came first
    return subject


# "Russian troops are digging fortifications": the side whose troops build, named right before the verb
BUILDER_GAP = re.compile(r"^\s+(?:(?:troops|forces|army|military|units|soldiers|engineers)\s+)?"
                         r"(?:(?:are|is|were|was|have|has|had)\s+(?:been\s+)?)?$", re.I)


def _builder(text: str, draft: Draft, usable: list[ActorMention]) -> ActorMention | None:
    """Who builds defences: the side named inside the trigger ("the build-up of Russian defensive lines") or
    right before its verb ("Russian troops are digging fortifications"), not a side the sentence named
    first ("Because a Ukrainian counteroffensive is expected there, …")."""
    if draft.kind != "fortification":
        return None
    t = draft.trigger
    return _first(usable, lambda a: t.start <= a.start < t.end and a.actor is not None) or \
        _first(reversed(usable), lambda a: a.end <= t.start and a.actor is not None and BUILDER_GAP.match(text[a.end:t.start]))


PRONOUN_JOINED = re.compile(r"\b(?:he|she|they|we)\s+and\s+(?:[\w’'.-]+\s+){0,4}$", re.I)


JOINED = re.compile(r"\s+and\s+(?:[\w’'.-]+\s+){0,4}")


PASSIVE_BY = re.compile(r"\s+by\s+", re.I)
AGENT_WINDOW = 60


def _passive_agent(text: str, draft: Draft, usable: list[ActorMention]) -> ActorMention | None:
    """Who acted in a passive sentence: "Reports that Washington received an offer … have been rejected by
    Kremlin Spokesman Dmitry Peskov" — the side after "by", not the subject named first."""
    t = draft.trigger
    if t is None or not PASSIVE_BEFORE.search(text[:t.start]):
        return None
    by = PASSIVE_BY.match(text, t.end)
    if by is None:
        return None
    return _first(usable, lambda a: by.end() <= a.start <= by.end() + AGENT_WINDOW and a.role not in ("place", "modifier"))


# "An extra €500m for Kyiv's weapons … won the approval of EU foreign ministers": the side that approves acts
APPROVED_BY = re.compile(r"\b(?:won|wins|got|gets|received|receives|secured|secures|gained|gains)\s+(?:the\s+)?"
                         r"(?:formal\s+|final\s+|unanimous\s+)?(?:approval|backing|green light|blessing|go-ahead|endorsement)"
                         r"\s+(?:of|from)\s+(?:the\s+)?", re.I)


def _approver(text: str, draft: Draft, usable: list[ActorMention]) -> ActorMention | None:
    """A pledge or measure whose subject is the thing itself ("A €500m package … won the approval of EU
    foreign ministers"): the side named right after "won the approval of" made it."""
    t = draft.trigger
    ok = t is not None and APPROVED_BY.search(text, t.end)
    if not ok:
        return None
    # (any mention: "EU foreign ministers meeting in Luxembourg" reads "EU" as a place too)
    return _first(usable, lambda a: ok.end() <= a.start <= ok.end() + AGENT_WINDOW and a.actor is not None
                  and a.role != "modifier")


OBJECT_WINDOW = 60   # "…would mean NATO countries are at war", "pressed Kyiv and Moscow to…": the side acted on


def _object_of_trigger(draft: Draft, rest: list[ActorMention]) -> ActorMention | None:
    """The side named right after the trigger, the one the act is aimed at ("Putin warned NATO…",
    "received Slovak Prime Minister Fico"), when no recipient ("to/for/with") is named: a side named before
    the trigger, in a phrase of its own, is less often the one acted on."""
    if draft.category != "diplomacy":
        return None   # an exchange "mediated by the UAE" or aid "via Poland": the go-between follows the trigger
    t = draft.trigger
    return _first(rest, lambda a: t.start <= a.start <= t.end + OBJECT_WINDOW and a.role not in ("speaker", "place", "modifier"))


# "summoned Russia's ambassador to Bucharest", "summoned the Russian envoy": the envoy's country is summoned
SUMMONED = re.compile(r"summon\w*\s+(?:the\s+)?([A-Z][\w’'-]+?)(?:['’]s)?\s+(?:(?:top\s+)?diplomat|ambassador|envoy|"
                      r"charg[eé] d['’]affaires)(?:\s+to\s+([A-Z][\w’'-]+))?")


def _summoned(facts: SentenceFacts, ctx: ArticleContext, draft: Draft) -> None:
    """The host summons a guest's envoy: the envoy's country is ``actor2``; the host is the country of the
    capital the envoy serves in, else the article's own side, when the words before did not name it."""
    m = SUMMONED.search(facts.text, max(0, draft.trigger.start - 2))
    hit = actors_mod.lexicon().surface.get(m.group(1)) if m else None
    if hit is None:
        return
    guest = hit[0]
    from analysis.places import gazetteer
    post = gazetteer().lookup(m.group(2)) if m.group(2) else None
    host = post.country if post is not None and post.country != guest else None
    if draft.actor1 == guest or draft.actor1 is None:
        draft.actor1 = host or (ctx.perspective if ctx.perspective != guest else None)
        draft.actor1_detail = None
    draft.actor2 = guest


@registry.attributes("diplomacy")
def _diplomacy(facts: SentenceFacts, ctx: ArticleContext, draft: Draft, states: list[ActorMention],
               last_attack: Draft | None, last_event: Draft | None) -> None:
    """As ``_parties``; a reaction to the story's attack is about its attacker; a summoned envoy's country
    is the one summoned (``_summoned``)."""
    _parties(facts, ctx, draft, states, last_attack, last_event)
    _speaker_not_the_side_spoken_of(draft, states)
    _rejection_of_a_side(facts, draft)
    if draft.kind == "sanctions" and (subject := _owner_of_measure(facts, draft, states)
                                      or _reported_subject(facts, draft, states)) is not None:
        draft.actor1, draft.actor1_detail, draft.actor1_explicit = subject.actor, subject.detail, True
        if draft.actor2 == subject.actor:
            draft.actor2 = None
    if (draft.kind not in ("sanctions",) or _named_as_target(states, draft.actor1)) \
            and (speaker := _trailing_speaker(facts, draft, states)) is not None:
        if draft.actor2 == speaker.actor:
            draft.actor2 = draft.actor1 if draft.actor1 != speaker.actor else None
        # "Washington has stepped over a red line, said Kim Yo Jong": the side the words are about is the
        # subject right before them
        about = _subject_right_before(facts.text, draft, [a for a in states if a.actor and a.actor != speaker.actor])
        if about is not None:
            draft.actor2 = about.actor
        draft.actor1, draft.actor1_detail, draft.actor1_explicit = speaker.actor, speaker.detail, True
    if draft.kind == "statement" and (own := _clause_giver(facts, draft, states)) is not None:
        # "Denise Brown called it despicable, while the EU's diplomatic service described it as heinous": the
        # second judgement is the side its own clause names
        draft.actor1, draft.actor1_detail, draft.actor1_explicit = own.actor, own.detail, True
        draft.actor2 = None if draft.actor2 == own.actor else draft.actor2
    if draft.trigger.text.lower().startswith("summon"):
        _summoned(facts, ctx, draft)
    if "summon" in draft.trigger.text.lower() and draft.place is None \
            and (capital := actors_mod.capital_of(draft.actor1)) is not None:
        # an envoy is summoned to the host's foreign ministry, in its capital, when the sentence names no place
        draft.place = places_mod.gazetteer().lookup(capital)
    if last_attack is not None and ATTACK_REFERENCE.search(facts.text) \
            and last_attack.actor1 != draft.actor1 and (draft.actor2 is None or draft.actor2 == last_attack.actor2):
        draft.actor2 = last_attack.actor1  # "Kellogg said the strike crossed any line": about the attacker


def _named_as_target(states: list[ActorMention], actor: str | None) -> bool:
    """"Sanctions against Iran are now overdue, Kuleba told …": the side the measure is against is named
    first, as its target, so it cannot be the side that calls for it."""
    named = _first(states, lambda a: a.actor is not None and a.actor == actor)
    return named is not None and named.role == "target"


def _speaker_not_the_side_spoken_of(draft: Draft, states: list[ActorMention]) -> None:
    """"Moscow's claim is wrong …, Yuriy Sak, who advises Ukraine's defence minister, has said in an interview":
    a statement whose first side is named only as what it says is about ("Moscow's claim", "Russian hands") is
    the speaker's, about that side."""
    if draft.kind != "statement":
        return
    first = _first(states, lambda a: a.actor is not None and a.actor == draft.actor1)
    speaker = _first(states, lambda a: a.role == "speaker" and a.actor is not None and a.actor != draft.actor1)
    if first is not None and speaker is not None and first.role in ("owner", "object", "target"):
        draft.actor1, draft.actor2 = speaker.actor, draft.actor1
        draft.actor1_detail, draft.actor1_explicit = speaker.detail, True


# "the bloc's 18th sanctions package", "Washington's new sanctions": whose measure it is
OWNER_GAP = re.compile(r"^['’]s?\s+(?:[\w-]+\s+){0,3}$")


def _owner_of_measure(facts: SentenceFacts, draft: Draft, states: list[ActorMention]) -> ActorMention | None:
    """The side whose possessive names the measure ("… are among the entities named in the bloc's 18th
    sanctions package") imposed it, whoever the sentence names first."""
    t = draft.trigger
    return _first(states, lambda a: a.actor is not None and a.end <= t.start and a.role in ("possessive", "owner")
                  and OWNER_GAP.match(facts.text[a.end:t.start]) is not None)


# "Biden said the G7 would ban imports of Russian gold": the side that does it follows the speech verb
REPORTED_SUBJECT_BEFORE = re.compile(r"\b(?:said|says|announced|confirmed|stated)\s+(?:that\s+)?(?:the\s+)?$", re.I)
REPORTED_VERB_GAP = re.compile(r"^\s+(?:(?:would|will|had|has|have|was|were|is|are|also|now|agreed to|decided to|plans to|"
                               r"is set to|was set to|is going to|would also|will also)\s+){0,3}$", re.I)


def _reported_subject(facts: SentenceFacts, draft: Draft, states: list[ActorMention]) -> ActorMention | None:
    """The side a speaker says takes the measure, named between the speech verb and the trigger."""
    t = draft.trigger
    return _first(states, lambda a: a.actor is not None and a.end <= t.start
                  and REPORTED_SUBJECT_BEFORE.search(facts.text, max(0, a.start - 30), a.start) is not None
                  and REPORTED_VERB_GAP.match(facts.text[a.end:t.start]) is not None)


REJECTION = re.compile(r"(?:rejected|dismissed|denied|refuted|rebutted|disputed)", re.I)


def _rejection_of_a_side(facts: SentenceFacts, draft: Draft) -> None:
    """"Viktor Trehubov, spokesman for the Khortytsia group, rejected the Russian claim": a side named only after
    a rejection is the one rejected, and at war its enemy rejects it."""
    first = [a for a in facts.actors if a.actor and a.actor == draft.actor1]
    if not REJECTION.match(draft.trigger.text) or not first or first[0].start < draft.trigger.end:
        return
    enemy = actors_mod.opponent(draft.actor1)
    if enemy:
        draft.actor1, draft.actor2, draft.actor1_detail, draft.actor1_explicit = enemy, draft.actor1, None, False


# the speaker named after what was said, at the end of the sentence: "…, US Vice President Kamala Harris said of
# his offer on Saturday", "…, Chechnya's leader Ramzan Kadyrov said on Saturday"
# (a participle clause may close it: "…, Dmytro Kuleba told EU counterparts, blaming Iranian-made drones for …")
TRAILING_SPEECH = re.compile(r",\s+(?!(?:but|and|while|yet|whereas|although|though)\b)(?P<who>[^,;\"“”]{2,90}?)\s+(?:said|says|told|added|warned|stated|declared|wrote)\b[^,;\"“”]*"
                             r"(?:,\s+(?:blaming|accusing|adding|saying|calling|citing|urging|noting|referring)\b[^;\"“”]*"
                             r"|,\s+(?:yet|but|while|although|though|whereas)\b.*)?$")   # "…, Pavel said, yet …"
# "…, said Kim Yo Jong, the sister of …": the verb before its speaker
TRAILING_SPEECH_INVERTED = re.compile(r",\s+(?:said|says|added|warned|stated|declared|wrote)\s+(?P<who>[^,;\"“”]{2,60}?)\s*(?:,|\.|$)")


def _trailing_speaker(facts: SentenceFacts, draft: Draft, states: list[ActorMention]) -> ActorMention | None:
    """A statement reported before its speaker ("Ukraine was being asked to surrender, not to negotiate, US Vice
    President Kamala Harris said"): the speaker named after the trigger, in the closing "X said", made it."""
    tail = TRAILING_SPEECH.search(facts.text, draft.trigger.end) or TRAILING_SPEECH_INVERTED.search(facts.text, draft.trigger.end)
    if tail is None:
        return None
    weak = set(actors_mod.lexicon_weak())
    return _first(states, lambda a: tail.start("who") <= a.start < tail.end("who") and a.actor and a.actor not in weak)


@registry.attributes("military_support")
def _military_support(facts: SentenceFacts, ctx: ArticleContext, draft: Draft, states: list[ActorMention],
                      last_attack: Draft | None, last_event: Draft | None) -> None:
    """As ``_parties``, except that a warring side that speaks of a third party's aid ("Putin said the arms
    shipments Washington has promised changed nothing") is not the giver; aid that names no recipient goes
    to the side the giver backs."""
    acting, usable = _parties(facts, ctx, draft, states, last_attack, last_event)
    own = _clause_giver(facts, draft, usable) or _relative_giver(facts, draft, usable) or _giver_in_trigger(draft, usable)
    if own is not None:   # a second pledge of the sentence, in a clause of its own: its own giver
        acting = own
        draft.actor1, draft.actor1_detail, draft.actor1_explicit = own.actor, own.detail, True
        if draft.actor2 == own.actor:
            draft.actor2 = None   # "with Chancellor Olaf Scholz, who announced …": the giver, not a recipient
    if acting is not None and acting.role == "recipient" and own is None:
        # "Ukraine's backers pledged more air defence systems": no giver is named, only the side that receives
        draft.actor1, draft.actor1_detail, draft.actor1_explicit, draft.actor2 = None, None, False, acting.actor
        return
    enemy = actors_mod.opponent(acting.actor) if acting is not None and acting.actor else None
    if enemy and acting.role == "speaker" and not PRONOUN_AGENT.search(facts.text[:draft.trigger.start]):
        # a warring side speaks of a third party's aid ("Zelensky said Germany would send…")
        giver = _first(usable, lambda a: a.actor and a.actor not in (acting.actor, enemy)
                       and a.start < draft.trigger.end + 40 and a.role not in ("speaker", "recipient", "place", "target"))
        if giver is not None:
            draft.actor1, draft.actor1_detail, draft.actor1_explicit = giver.actor, giver.detail, True
            if draft.actor2 == giver.actor:
                draft.actor2 = None
    backed = actors_mod.backed_side(draft.actor1)
    named = {a.actor for a in usable}
    if backed and draft.actor2 and draft.actor2 == actors_mod.opponent(backed):
        draft.actor2 = backed   # "North Korea has sent more troops to back Russia in its war with Ukraine"
    # "Germany put together a €400m package, while Denmark and Norway committed armoured vehicles": in a
    # sentence of several pledges, a third country named is another giver, not the recipient
    several = sum(f.kind == "aid" for f in facts.frames) > 1
    if draft.actor2 is None or (not actors_mod.opponent(draft.actor2)
                                and (backed in named or draft.actor2 in NOT_RECIPIENTS or several)):
        # "Canada offered C$20m, under the so-called Danish model, for … Ukraine's defence industry": arms
        # go to a warring side, not to the third country a model or a partner is named after
        draft.actor2 = backed
    _seller_of_a_signed_purchase(draft, usable)


def _seller_of_a_signed_purchase(draft: Draft, usable: list[ActorMention]) -> None:
    """"Zelensky signed a letter of intent with Prime Minister Ulf Kristersson on buying 150 Gripen jets": the side
    at war that signs a purchase receives; the other state that signs is the giver."""
    if not draft.trigger.text.lower().startswith("sign") or actors_mod.opponent(draft.actor1) is None:
        return
    partner = _first(usable, lambda a: a.actor and actors_mod.opponent(a.actor) is None and a.kind != "demonym"
                     and a.role not in ("place", "target"))
    if partner is not None:
        draft.actor1, draft.actor2 = partner.actor, draft.actor1
        draft.actor1_detail, draft.actor1_explicit = partner.detail, True


# "German help", "American funding": whose help it is ("American weapons" only says where they were made)
HELP_AFTER = re.compile(r"\s+(?:help|support|assistance|funding|money|aid)\b", re.I)


def _giver_in_trigger(draft: Draft, usable: list[ActorMention]) -> ActorMention | None:
    """"Ukraine will get German help to build its own missiles": a third country's demonym before "help",
    "support" or "funding", at or just before the trigger, is the giver, whoever the subject is."""
    t = draft.trigger
    return _first(usable, lambda a: a.kind == "demonym" and t.start - 20 <= a.start < t.end and a.actor is not None
                  and not actors_mod.is_combatant(a.actor) and HELP_AFTER.match(draft.main.text, a.end))


# alliances that host the pledging, never the ones armed: "at NATO headquarters, Germany promised four IRIS-T"
NOT_RECIPIENTS = frozenset({"NATO", "European Union", "G7", "United Nations"})
# ", who announced a …", "Scholz, who pledged up to …": a relative clause right before the trigger
RELATIVE_BEFORE = re.compile(r",\s+who\s+(?:[^\s,;]+\s+){0,5}$")
WHERE_HE_BEFORE = re.compile(r",\s+(?:where|when)\s+(?:he|she)\s+(?:[^\s,;]+\s+){0,3}$", re.I)


def _relative_giver(facts: SentenceFacts, draft: Draft, usable: list[ActorMention]) -> ActorMention | None:
    """"Zelensky signed agreements with Chancellor Olaf Scholz, who announced a €1.1bn military package":
    the giver is the one the relative clause is about, named right before its "who"."""
    start = draft.trigger.start
    rel = RELATIVE_BEFORE.search(facts.text, max(0, start - 40), start)
    if rel is None:
        # "Lloyd Austin had visited Kyiv, where he unveiled a further $100 million": the official the clause's "he" is
        rel = WHERE_HE_BEFORE.search(facts.text, max(0, start - 40), start)
        return None if rel is None else _first(reversed(usable), lambda a: a.actor is not None and a.end <= rel.start()
                                                and a.kind in ("titled", "person") and a.role == "subject")
    return _first(reversed(usable), lambda a: a.actor is not None and 0 <= rel.start() - a.end <= 2)


def _clause_giver(facts: SentenceFacts, draft: Draft, usable: list[ActorMention]) -> ActorMention | None:
    """The giver of a pledge that follows another happening in its sentence ("…, and Sweden said it was
    readying a fresh package", "Biden signed a security agreement, and G7 leaders agreed to give Ukraine a
    loan"): the first side named after the clause break before it."""
    t = draft.trigger
    earlier = [f for f in facts.frames if f.start < t.start]
    brk = None if not earlier else categories_mod.DONOR_CLAUSE.search(facts.text, earlier[0].end, t.start)
    if brk is None:
        return None
    return _first(usable, lambda a: a.actor is not None and brk.start() <= a.start < t.start
                  and a.role not in ("recipient", "place", "target"))


@registry.attributes("humanitarian")
def _humanitarian(facts: SentenceFacts, ctx: ArticleContext, draft: Draft, states: list[ActorMention],
                  last_attack: Draft | None, last_event: Draft | None) -> None:
    """As ``_parties``; a reciprocal "Russia and Ukraine have exchanged…" takes the article's own side as
    ``actor1``, and a prisoner exchange that names one side is with its opponent."""
    first, usable = _parties(facts, ctx, draft, states, last_attack, last_event)
    if first is not None:
        w = settings().windows
        pair = [a for a in usable if a.start < first.end + w.actor_pair and a.actor]
        conj = facts.text[first.end:first.end + w.actor_conjunction]
        if " and " in conj and len(pair) >= 2 and ctx.perspective in {a.actor for a in pair}:
            other = next(a.actor for a in pair if a.actor != ctx.perspective)
            draft.actor1, draft.actor2 = ctx.perspective, other
    if draft.kind == "prisoner_exchange" and draft.actor2 is None:
        draft.actor2 = actors_mod.opponent(draft.actor1)
    if draft.kind == "evacuation" and _named_as_attacking(facts, draft.actor1):
        # "people have fled Vovchansk since the Russian offensive began": the side attacking evacuates no one
        draft.actor1 = actors_mod.controlling_side(draft.place) or ctx.perspective
        draft.actor1_explicit = False
    if draft.kind == "evacuation" and not draft.actor1_explicit:
        # "people who fled Ukraine are now in Japan": the state that takes them in runs the evacuation
        host = _first(states, lambda a: a.role == "place" and a.actor and IN_BEFORE.search(facts.text, max(0, a.start - 6), a.start)
                      and (draft.place is None or a.actor != draft.place.country))
        if host is not None:
            draft.actor1 = host.actor


def _downed_count(facts: SentenceFacts) -> int:
    """How many the sentence says were downed ("14 of the drones were shot down"), 0 when it gives none."""
    counts = [w.count for w in facts.weapons if w.count is not None and w.role == "intercepted"]
    return max(counts, default=0) or intercepted_count(facts.text) or 0


def _place_at_country(draft: Draft) -> None:
    """Place a country-wide attack or interception at the country hit (the defender's, for interceptions)."""
    target_country = draft.actor2 if draft.category == "attack" else draft.actor1
    from analysis.places import gazetteer
    country_place = gazetteer().lookup(target_country) if target_country else None
    if country_place is not None:
        draft.place, draft.place_explicit = country_place, True


def intercepted_count(text: str) -> int | None:
    """"Air defence units shot down nine of them", "It said five were shot down", "air defences destroyed
    seven, according to …": a count with no weapon noun."""
    m = INTERCEPTED_COUNT.search(text)
    return parse_number(m.group(1) or m.group(2)) if m else None


def _weapon(facts, draft: Draft) -> None:
    roles = registry.category(draft.category).weapon_roles
    if not roles:
        return
    usable = [w for w in facts.weapons if w.role in roles]
    if draft.category == "military_support":
        # each giver's own: "Javelin anti-tank weapons are Estonia's contribution, and the Stinger missiles … will
        # come from Latvia and Lithuania": the weapon the trigger itself names
        usable = [w for w in usable if w.start < draft.trigger.end and w.end > draft.trigger.start] or usable
    if draft.category == "attack" and any(weapons_mod.is_munition(w) for w in usable):
        # what was fired, not the aircraft it hit or that carried it: "Ukrainian drones struck an airfield,
        # damaging four Il-76 aircraft", "Russian aircraft dropped guided bombs on a village"
        # ("long-range air- and sea-based weapons" may be those munitions: a generic weapon stays)
        usable = [w for w in usable if weapons_mod.is_munition(w) or w.weapon_class == "other"]
    if draft.category == "attack":
        counted = _first(usable, lambda w: w.count is not None and w.role != "intercepted")
    else:
        counted = _first(usable, lambda w: w.count is not None)
    chosen = counted or (usable[0] if usable else None)
    if chosen is not None:
        draft.weapon = chosen
        draft.weapon_count = counted.count if counted is not None else None
    if draft.category == "air_defense" and draft.weapon_count is None:
        draft.weapon_count = intercepted_count(facts.text)
        if draft.weapon is None and draft.weapon_count is not None:
            # "Of the ten Kalibr cruise missiles launched …, air defences destroyed seven": the weapon of the
            # count is the one launched
            draft.weapon = _first(facts.weapons, lambda w: w.role == "launched")


def build(facts: SentenceFacts, trigger: Trigger, ctx: ArticleContext, last_attack: Draft | None,
          last_event: Draft | None) -> Draft:
    """Make the draft of the event a sentence opens with ``trigger``."""
    codes = categories_mod.codes(trigger.kind)
    draft = Draft(category=codes["category"], kind=trigger.kind, trigger=trigger, main=facts)
    _location(facts, ctx, draft)
    _date(facts, ctx, draft)
    _days_before(facts, draft)
    _hours_after(facts, draft, last_attack)
    draft.time = facts.time
    _actors(facts, ctx, draft, last_attack, last_event)
    _weapon(facts, draft)
    draft.fatalities, draft.injuries = facts.fatalities, facts.injuries
    if draft.nationwide and draft.category in ("attack", "air_defense"):
        _place_at_country(draft)
    if draft.kind == "airspace_violation":
        _airspace(facts, draft)
    if draft.place is None and draft.category == "diplomacy":
        draft.place = _dateline_seat(facts, draft.actor1)
    if draft.category == "military_support" and draft.place is not None and (
            draft.place.kind == "country" and draft.place.place == draft.actor2
            or draft.place.name == actors_mod.capital_of(draft.actor2)
            and FOR_BEFORE.search(facts.text, max(0, draft.place.start - 6), draft.place.start)):
        # "a €300m package for drone production in Ukraine", "a package for Kyiv": the recipient, not a place
        draft.place = None
    if draft.kind in MEETING_KINDS and draft.place is not None and draft.place.kind == "country":
        draft.place = _dateline_city_in(facts, draft.place.place) or draft.place
    draft.mentions.append((facts, "main"))
    return draft


# "… before being escorted out by NATO jets": a side named after "by" only answered the intrusion
BY_BEFORE = re.compile(r"\b(?:escorted|chased|intercepted|shadowed|followed|met)\s+(?:out\s+|away\s+|off\s+)?by\b", re.I)
# "breaching Romanian airspace", "Poland's airspace": whose airspace
AIRSPACE_OF = re.compile(r"([A-Z][\w’'-]+?)(?:['’]s)?\s+air ?space\b")


def _airspace(facts: SentenceFacts, draft: Draft) -> None:
    """An airspace violation ("Bucharest accused Moscow of breaching Romanian airspace after a Russian drone
    strayed over the border") is by the side whose drone or aircraft strayed in, else the side named that
    is not the airspace's; the country whose airspace it was is the target and the place."""
    m = AIRSPACE_OF.search(facts.text, max(0, draft.trigger.start - 40), draft.trigger.end + 40)
    hit = actors_mod.lexicon().surface.get(m.group(1)) if m else None
    country = hit[0] if hit else None
    if country is None:
        return
    owner = next((a for a in sorted(facts.attacker_side) if a != country), None)
    other = _first(facts.actors, lambda a: a.actor and a.actor != country and a.role not in ("place", "modifier"))
    # "Russian MiG-31 fighters entered Estonian airspace … before being escorted out by NATO jets": the side
    # named before the intrusion strayed in, not the one that saw its aircraft out afterwards
    if other is not None and other.end <= draft.trigger.start and owner is not None and owner != other.actor \
            and BY_BEFORE.search(facts.text, max(0, draft.trigger.end), len(facts.text)):
        owner = other.actor
    draft.actor1 = owner or (other.actor if other is not None else draft.actor1)
    draft.actor2 = country
    from analysis.places import gazetteer
    place = gazetteer().lookup(country)
    if place is not None:
        draft.place, draft.place_explicit = place, True
