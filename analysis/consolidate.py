"""Consolidation: one event per real-world happening (CONTRACT §2 ``events`` and ``mentions``).

Walks an article's sentences in order. A sentence whose trigger opens an event becomes a draft, and the
draft is merged into an earlier event of the same section when nothing tells them apart (same category;
no conflicting day, hour, city, actor or count) — "The attack triggered fires across several districts"
continues "Russia launched a missile attack on … Kyiv". Sentences without a trigger of their own (the
time, the missiles, the casualty count) are attached to the event their paragraph is about; those that
come before the paragraph's first event wait for it. One trigger may open several events (``splits.build_all``:
each donor of a joint pledge, each regional figure of an interception total). A last pass merges events that different
sections describe twice ("Washington’s suspension of weapons deliveries, ordered a week ago").
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from analysis import actors as actors_mod
from analysis import categories as categories_mod
from analysis import registry
from analysis.events import Draft, build, intercepted_count
from analysis.members import note_members
from analysis.splits import breakdowns, build_all
from analysis.settings import settings
from analysis.weapons import is_generic

if TYPE_CHECKING:
    from analysis.context import ArticleContext
    from analysis.dates import DateMention
    from analysis.facts import SentenceFacts
    from analysis.places import PlaceMention
    from analysis.weapons import WeaponMention


def _minutes(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def _dates_compatible(a: DateMention | None, b: DateMention | None) -> bool:
    if a is None or b is None or a.date is None or b.date is None:
        return True
    if a.precision == "day" and b.precision == "day":
        return a.date == b.date
    span = {"week": 7, "month": 31, "year": 366}.get(a.precision if a.precision != "day" else b.precision, 0)
    return abs((a.date - b.date).days) < span


def _city_key(draft: Draft) -> str | None:
    if draft.place is None:
        return None
    if draft.place.kind in ("country", "region"):
        return f"{draft.place.kind}:{draft.place.place}"
    return draft.city or draft.place.place


def _within(p: PlaceMention | None, q: PlaceMention | None) -> bool:
    """One place is the region the other lies in ("the Zhytomyr region" and Korostyshiv)."""
    if p is None or q is None:
        return False
    return (p.kind == "region" and q.admin1 == p.place) or (q.kind == "region" and p.admin1 == q.place)


def _daytime_vs_overnight(a: Draft, b: Draft) -> bool:
    """"Struck Kharkiv overnight" and "at about 5:35 p.m., four guided bombs fell": two raids."""
    overnight = a.date is not None and a.date.kind == "overnight" and a.time is None
    if not overnight or b.time is None:
        return False
    c = settings().consolidation
    return c.daytime_start_hour * 60 <= _minutes(b.time.time) < c.daytime_end_hour * 60


# a blow the sentence itself calls another one: "Hours after the attack on the store, another Russian strike hit a
# residential area in central Kharkiv"
ANOTHER_BLOW = re.compile(r"\b(?:another|a second|a separate|a further|one more)\s+(?:[\w-]+\s+){0,2}?"
                          r"(?:strikes?|attacks?|missiles?|drones?|bombs?|raids?|blasts?|explosions?)\b[^.;,]{0,40}$", re.I)


def compatible(event: Draft, draft: Draft, same_paragraph: bool) -> bool:
    """Could ``draft`` describe the same happening as ``event``?"""
    if event.category != draft.category or event.future != draft.future:
        return False
    if draft.category == "attack" and event.main is not draft.main and \
            ANOTHER_BLOW.search(draft.main.text, max(0, draft.trigger.start - 80), draft.trigger.start):
        return False
    if draft.date_own and not _dates_compatible(event.date, draft.date):
        return False
    if draft.main is event.main and draft.category == "diplomacy" and "meeting" in (draft.kind, event.kind) \
            and draft.kind != event.kind:
        return False   # "offered to stage a peace summit …, after receiving Zelenskyy in Istanbul": two happenings
    if event.time is not None and draft.time is not None and \
            abs(_minutes(event.time.time) - _minutes(draft.time.time)) > settings().consolidation.max_time_gap_minutes:
        return False
    if _daytime_vs_overnight(event, draft) or _daytime_vs_overnight(draft, event):
        return False
    if _one_swap(event, draft):
        return True
    a, b = _city_key(event), _city_key(draft)
    if a and b and a != b and not _within(event.place, draft.place):
        return False
    if _other_district(event, draft):
        return False
    if event.nationwide != draft.nationwide and (draft.place_explicit or draft.nationwide):
        return False
    if event.actor1_explicit and draft.actor1_explicit and event.actor1 != draft.actor1 and not _swapped_sides(event, draft):
        return False
    if event.weapon_count is not None and draft.weapon_count is not None and event.weapon_count != draft.weapon_count \
            and event.category == "air_defense":
        return False
    if _other_weapon(event, draft) or _tally_of_another_scale(event, draft):
        return False
    if event.category == "diplomacy" and event.kind == draft.kind == "sanctions" and None not in (event.actor2, draft.actor2) \
            and event.actor2 != draft.actor2:
        return False  # measures against two different states ("… outlaw Kremlin media"; "Belarus will be targeted too")
    if same_paragraph:
        return True
    if draft.main.in_entry:  # a new live-blog entry is a new happening unless it names the same city
        return bool(a and b and a == b)
    if a and b and a == b:
        return True
    # the story goes on in a new paragraph: same actor (or none named), no new place of its own
    return not draft.place_explicit and not draft.nationwide and \
        (not draft.actor1_explicit or draft.actor1 == event.actor1 or _swapped_sides(event, draft))


def _other_district(event: Draft, draft: Draft) -> bool:
    """Two districts of one city, each named by its own sentence ("… the Epicentr hypermarket in the
    Novobavarskyi district", later "… hit a residential neighbourhood in the Shevchenkivskyi district"), are
    two blows, not one told twice."""
    p, q = event.place, draft.place
    return p is not None and q is not None and p.kind == q.kind == "district" and p.place != q.place \
        and draft.place_explicit


def _tally_of_another_scale(event: Draft, draft: Draft) -> bool:
    """"One missile landed next to a playground" and, with no place of its own, "Russia had launched 75
    missiles during the morning": the second is the night's (or morning's) whole barrage, not more about
    the first blow. Counts of one attack that differ more than twofold, the later one a tally of at least
    five with no place named, are two happenings."""
    if event.category != "attack" or draft.place_explicit or draft.weapon_count is None:
        return False
    if event.weapon_count is None:
        # "Russian forces also hit energy facilities in the Chernihiv region …", then "Russia launched 183
        # drones during the night": a barrage of the whole night is no count of one region's blow
        return draft.weapon_count >= settings().consolidation.night_barrage and event.place_explicit and \
            event.place is not None and event.place.kind in ("region", "city", "district")
    return draft.weapon_count >= 5 and draft.weapon_count > 2 * event.weapon_count


def _one_swap(event: Draft, draft: Draft) -> bool:
    """Two sentences of one article about an exchange of prisoners between the same two sides on a
    compatible day tell one swap, whatever places they name: those say where the captives were taken
    ("taken captive in the Kursk region") or are treated, not a second exchange."""
    if event.kind != "prisoner_exchange" or draft.kind != "prisoner_exchange":
        return False
    return draft.actor1 == event.actor1 or _swapped_sides(event, draft)


def _swapped_sides(event: Draft, draft: Draft) -> bool:
    """An exchange of prisoners is told from both ends ("Kyiv got 230 back"; "Moscow's ministry said 248
    servicemen returned"): within one article, the other side of the same swap is not a second swap."""
    if event.kind != "prisoner_exchange" or draft.kind != "prisoner_exchange":
        return False
    return draft.actor1 == event.actor2 or event.actor1 == draft.actor2


def _other_weapon(event: Draft, draft: Draft) -> bool:
    """Two blows by different kinds of weapon are two attacks, even in one city on one day ("guided bombs hit
    the store …"; "three hours later, an S-300 missile struck near an office building"); a weapon named in
    only one of them, or the same kind named more or less precisely ("missiles" / "Kalibr missiles"), is not
    a difference."""
    if event.category != "attack" or event.weapon is None or draft.weapon is None:
        return False
    a, b = event.weapon.weapon_class, draft.weapon.weapon_class
    # tanks, ships and aircraft named in an attack story are as often what was hit as what hit
    return a != b and a in MUNITIONS and b in MUNITIONS and event.weapon.role == draft.weapon.role == "launched"


MUNITIONS = frozenset({"missile", "bomb", "drone", "rocket"})


def _role(facts: SentenceFacts) -> str:
    """What a supporting sentence adds to its event (the ``mentions`` table's role): "killing two" →
    casualties, "four Iskander missiles were launched" → weapon, "around 4:30 a.m." → time."""
    kinds = {t.kind for t in facts.triggers}
    if facts.fatalities is not None or facts.injuries is not None:
        return "casualties"
    if any(w.count is not None for w in facts.weapons):
        return "weapon"
    if facts.time is not None:
        return "time"
    if kinds & {"damage"}:
        return "damage"
    if kinds & {"emergency", "evacuation"}:
        return "response"
    return "detail"


def _name_the_weapon(event: Draft, candidates: list[WeaponMention]) -> None:
    """A later sentence names the system the event's generic weapon was ("A Russian missile struck…" …
    "the weapon was a Tochka-U ballistic missile"): keep the name, and the count the event already has."""
    if event.weapon is None or not is_generic(event.weapon):
        return
    named = next((w for w in candidates if not is_generic(w) and w.weapon_class == event.weapon.weapon_class), None)
    if named is not None:
        event.weapon = named


def absorb(event: Draft, draft_or_facts: Draft | SentenceFacts, role: str | None = None) -> None:
    """Attach a sentence (or a merged draft) to ``event``, filling what the event still lacks. A prisoner
    exchange takes no place from a sentence that only supports it: such places say where the captives
    were taken ("captured on Snake Island") or treated, not where the swap happened."""
    if isinstance(draft_or_facts, Draft):
        d = draft_or_facts
        for facts, r in d.mentions:
            event.mentions.append((facts, r if r != "main" else _role(facts)))
        # a merged draft's day dates the event; its month or year does not ("talks … were due in November
        # 2022" told after an interview of the day is background, not the interview's date)
        coarse = d.date is not None and d.date.precision != "day"
        if (event.date is None and not coarse) or (not event.date_own and d.date_own and not coarse and d.date is not None):
            event.date, event.date_own = d.date, d.date_own
        if event.time is None:
            event.time = d.time
        if not event.actor1_explicit and d.actor1_explicit:
            event.actor1, event.actor1_detail, event.actor1_explicit = d.actor1, d.actor1_detail, True
            if d.actor2 and d.actor2 != d.actor1:
                event.actor2 = d.actor2
        if event.actor1_detail is None and d.actor1 == event.actor1:
            event.actor1_detail = d.actor1_detail
        if event.actor2 is None and d.actor2 != event.actor1:
            event.actor2 = d.actor2
        if event.kind == "prisoner_exchange":
            pass  # its place comes from its own sentence only (see the docstring)
        elif (event.place is None and not _national_tally(event)) or (not event.place_explicit and d.place_explicit) \
                or _narrows(event, d.place):
            event.place, event.place_explicit = d.place, d.place_explicit or event.place_explicit
        if event.weapon_count is None and d.weapon_count is not None:
            event.weapon, event.weapon_count = d.weapon, d.weapon_count
        elif event.weapon is None:
            event.weapon = d.weapon
        elif d.weapon is not None:
            _name_the_weapon(event, [d.weapon])
        fat, inj = d.fatalities, d.injuries
        event.notes.extend(d.notes)
    else:
        facts = draft_or_facts
        event.mentions.append((facts, role or _role(facts)))
        if event.time is None and facts.time is not None:
            event.time = facts.time
        if event.date is None and facts.own_date is not None and facts.own_date.precision == "day":
            event.date, event.date_own = facts.own_date, True
        wanted = registry.category(event.category).absorb_weapon_roles
        if wanted:
            counted = next((w for w in facts.weapons if w.count is not None and w.role in wanted), None)
            if counted is not None and event.weapon_count is None:
                event.weapon, event.weapon_count = counted, counted.count
            else:
                _name_the_weapon(event, [w for w in facts.weapons if w.role in wanted])
        place = next((p for p in facts.located_places if p.kind in ("city", "district")), None)
        if place is not None and event.kind != "prisoner_exchange" and not _national_tally(event) \
                and (event.place is None or _narrows(event, place)):
            event.place = place
        fat, inj = (None, None) if _attackers_claim(event, facts) else (facts.fatalities, facts.injuries)
    if fat is not None:
        event.fatalities = fat if event.fatalities is None else max(event.fatalities, fat)
    if inj is not None:
        event.injuries = inj if event.injuries is None else max(event.injuries, inj)


# A leading source clause ("According to Lt. Gen. Igor Konashenkov, …"; abbreviations keep their dots).
CLAIM_INTRO = re.compile(r"^\s*(?:According to|Citing|Quoting)\b[^;:]{1,120}?,", re.I)


def _attackers_claim(event: Draft, facts: SentenceFacts) -> bool:
    """"Crews pulled three bodies out of the school" … "According to Russia's defence ministry, more than 300
    Ukrainian soldiers died in the attack": the attacker's own figure is a claim, not the strike's toll,
    once the strike has one from the side that was hit."""
    if event.category != "attack" or (event.fatalities is None and event.injuries is None):
        return False
    intro = CLAIM_INTRO.match(facts.text)
    sources = [a for a in facts.actors if a.actor and (a.role == "speaker" or (intro and a.end <= intro.end()))]
    return bool(sources) and sources[0].actor == event.actor1


def _national_tally(event: Draft) -> bool:
    """"Russia had launched 17 Shahed drones and three missiles overnight" with no place: the night's tally
    over the whole country. A city a later sentence names ("Officials in Odesa said the drone that hit the
    building was one of eight") is where one of them fell, not where the tally was."""
    return event.category in ("attack", "air_defense") and event.place is None and (event.weapon_count or 0) >= 5


def _narrows(event: Draft, place: PlaceMention | None) -> bool:
    """A statement placed only at a country ("… strikes deep inside Russia") and then a city of that country
    where it was said ("Putin told reporters in St. Petersburg"): the city is where the statement was made."""
    return event.category in ("diplomacy", "other") and place is not None and event.place is not None \
        and event.place.kind == "country" and place.kind in ("city", "district") and place.country == event.place.place


def _names_other_city(facts: SentenceFacts, event: Draft) -> bool:
    """Does the sentence place itself in another city or region than ``event``'s? "In the Kyiv region,
    four people were killed" after a strike on Kharkiv does."""
    key = _city_key(event)
    if key is None and event.nationwide and (event.place is None or event.place.kind == "country"):
        key = "nationwide"   # "27 drones against five regions … a facility in the Poltava region was damaged"
    for p in facts.located_places:
        if p.kind in ("city", "district", "region"):
            mine = f"region:{p.place}" if p.kind == "region" else (p.city or p.place)
            return key is not None and mine != key and p.admin1 != (event.place.admin1 if event.place else None)
    return False


def _launch_of_the_attack(facts: SentenceFacts, opening: list, attack: Draft | None) -> None:
    """"Of the ten Kalibr cruise missiles launched …, air defences destroyed seven": a sentence that opens only
    an interception still tells how many the attack launched; the story's attack takes the count (and the
    system's name) when it has none of its own."""
    if attack is None or attack.weapon_count is not None or any(t.category == "attack" for t in opening):
        return
    launched = next((w for w in facts.weapons if w.role == "launched" and w.count is not None and w.count > 1), None)
    downed = any(w.role == "intercepted" and w.count is not None for w in facts.weapons) or intercepted_count(facts.text)
    if launched is None or not downed or \
            (attack.weapon is not None and attack.weapon.weapon_class != launched.weapon_class):
        return
    if attack.weapon is None or is_generic(attack.weapon) or not is_generic(launched):
        attack.weapon = launched
    attack.weapon_count = launched.count


def _breakdown_of(facts: SentenceFacts, home: Draft) -> list:
    """A sentence that only breaks the last interception total down by region ("Of these, the Volgograd
    Region accounted for eleven, the Republic of Crimea for seven, …") opens the regional events as the
    total's own sentence would: with a trigger of the total's kind at its first count."""
    if home.category != "air_defense" or any(f.kind != "damage" for f in facts.frames):
        return []   # ("another 17 were reported destroyed above the Rostov region": drones downed, no damage)
    parts = breakdowns(facts)
    # one region's share of the total is a breakdown too ("Half of them – 18 – were over Bryansk Oblast")
    if len(parts) < 2 and not (parts and home.weapon_count and parts[0][1] < home.weapon_count):
        return []
    t = home.trigger
    at = min(where for _, _, where in parts)
    return [categories_mod.Trigger(at, at, t.text, t.kind, t.category, t.weight, True, False)]


def consolidate(sentence_facts: list[SentenceFacts], ctx: ArticleContext) -> list[Draft]:
    """Turn an article's sentence facts into its events. ``ctx`` gives the headings' dates and keeps,
    as the walk goes, the section's and paragraph's dates, place and category ("the city", "that day")."""
    events: list[Draft] = []
    pending: list[SentenceFacts] = []
    para_events: list[Draft] = []
    limit = settings().consolidation.max_events_compared
    ctx.restart()
    note_members(sentence_facts)   # a group's pledge whose donors a later sentence lists
    for facts in sentence_facts:
        if facts.credit or facts.background:
            continue  # a credit line or background is no happening: its dates and totals stay out of events
        if ctx.leaves_paragraph(facts):
            _flush(pending, para_events, events, ctx.section, ctx)  # with the context of the paragraph that ends
            pending, para_events = [], []
        ctx.enter(facts)
        section_events = [e for e in events[-limit:] if e.main.section == ctx.section]
        last_attack = next((e for e in reversed(section_events) if e.category == "attack"), None)
        last_event = para_events[-1] if para_events else (section_events[-1] if section_events else None)
        home = para_events[-1] if para_events else (section_events[-1] if section_events else None)
        opening = _opening(facts, home, events)
        if opening:
            # one trigger may open several events (each donor of a joint pledge, each regional breakdown);
            # the generator builds a trigger's drafts only when the loop reaches them, after the last attack
            # the previous trigger opened
            for draft in (d for t in opening for d in build_all(facts, t, ctx, last_attack, last_event)):
                _denied_side(draft, facts)
                _sides_of_the_total(draft, home)
                target = next((e for e in reversed(section_events)
                               if compatible(e, draft, e.main.paragraph == facts.paragraph or e in para_events)), None)
                if target is None:
                    _weapon_of_the_whole(draft, section_events)
                    _headline_weapon(draft, events, ctx)
                    events.append(draft)
                    para_events.append(draft)
                    section_events.append(draft)
                    if pending:
                        for p in pending:
                            absorb(draft, p)
                        pending = []
                    if draft.category == "attack":
                        last_attack = draft
                        ctx.note_blow(facts, draft.date)
                    ctx.paragraph_category = draft.category
                else:
                    absorb(target, draft)
                    if target not in para_events:
                        para_events.append(target)
            _launch_of_the_attack(facts, opening, last_attack)
        elif para_events:
            absorb(para_events[-1], facts)
        else:
            pending.append(facts)
        ctx.remember(facts)
    _flush(pending, para_events, events, ctx.section, ctx)
    return _merge_across_sections(events)


def _opening(facts: SentenceFacts, home: Draft | None, events: list[Draft]) -> list:
    """The triggers that open events in ``facts``: its own opening frames, else a blow of the wave ("In the
    Kyiv region, four people were killed": a new place), else the breakdown of the last total — which may
    follow its total across a "Source: …" label, a part of its own."""
    opening = [t for t in facts.frames if t.opens]
    if opening and home is not None and home.category == "air_defense" and all(f.kind == "damage" for f in facts.frames):
        opening = _breakdown_of(facts, home) or opening
    if not opening and facts.frames and home is not None and \
            (_names_other_city(facts, home) or _casualties_of_an_attack(facts, home)):
        opening = _blow_of_the_wave(facts, home)
    if not opening and (home is not None or events):
        opening = _breakdown_of(facts, home or events[-1])
    return opening


def _blow_of_the_wave(facts: SentenceFacts, home: Draft) -> list:
    """The frames a sentence naming another place opens. Damage told in a strike's story ("In Zaporizhzhia
    district an energy facility was damaged") is a blow of the same wave at that place, not damage on its own."""
    if home.category == "attack" and all(f.kind == "damage" for f in facts.frames):
        f = facts.frames[0]
        return [categories_mod.Trigger(f.start, f.end, f.text, "strike", "attack", 1, False, False)]
    return facts.frames


def _sides_of_the_total(draft: Draft, home: Draft | None) -> None:
    """A breakdown told in a sentence of its own (the trigger ``_breakdown_of`` makes, of no width) has the
    sides of the total it breaks down: "the Rostov region, which borders Ukraine, for 12" names no defender."""
    if home is not None and draft.trigger.start == draft.trigger.end and draft.category == home.category == "air_defense":
        draft.actor1, draft.actor2 = home.actor1, home.actor2
        draft.actor1_detail, draft.actor1_explicit = home.actor1_detail, home.actor1_explicit


def _denied_side(draft: Draft, facts: SentenceFacts) -> None:
    """A denial or rebuttal answers the other side's claim (CONTRACT §7: "Kyiv denied the city had fallen"):
    when the sentence names no one else, the side denied is the denier's opponent. A denial in a clause of
    its own after the claim ("…, but the Ukrainian military rejected the claim") is by the side that clause
    names, not by the claimant the sentence names first."""
    if draft.category != "diplomacy" or not categories_mod.DENIAL_WORDS.match(draft.trigger.text):
        return
    start = categories_mod.clause_start(facts.text, draft.trigger.start)
    if start > 0:
        denier = next((a for a in reversed(facts.actors) if a.actor and start <= a.start < draft.trigger.start), None)
        if denier is not None and denier.actor != draft.actor1:
            draft.actor1, draft.actor1_detail, draft.actor1_explicit = denier.actor, denier.detail, True
            draft.actor2 = None
    if draft.actor2 is None or draft.actor2 == draft.actor1:
        draft.actor2 = actors_mod.opponent(draft.actor1)


def _casualties_of_an_attack(facts: SentenceFacts, home: Draft) -> bool:
    """"The attack left two people dead across the Moscow region", after a count of drones downed there:
    the dead are the attack's, not the interception's, so the sentence opens (or joins) an attack."""
    return home.category == "air_defense" and (facts.fatalities is not None or facts.injuries is not None) \
        and any(categories_mod.codes(t.kind)["category"] == "attack" for t in facts.frames)


def _headline_weapon(draft: Draft, events: list[Draft], ctx: ArticleContext) -> None:
    """The headline names the lead strike's system ("Shahed hits high-rise in Odesa") while the body says
    only "an attack drone": the article's first attack takes the headline's name of the same class."""
    if draft.category == "attack" and ctx.headline_weapons and not any(e.category == "attack" for e in events):
        _name_the_weapon(draft, ctx.headline_weapons)


def _weapon_of_the_whole(draft: Draft, section_events: list[Draft]) -> None:
    """A count that names no weapon ("126 of them were destroyed over the Kursk region", "91 over the Moscow
    region") is a part of the latest interception by the same side, and counts what that one counted; so is
    a count of the bare head ("Three of the drones were shot down") after a total that named the system
    ("36 Shahed drones … destroyed every one"): the part takes the whole's name."""
    if draft.category != "air_defense" or draft.weapon_count is None:
        return
    if draft.weapon is not None and not is_generic(draft.weapon):
        return
    whole = next((e for e in reversed(section_events) if e.category == "air_defense" and e.weapon is not None
                  and e.actor1 == draft.actor1 and e.weapon_count is not None), None)
    if whole is None or whole.weapon_count < draft.weapon_count:
        return
    if draft.weapon is None or (whole.weapon.weapon_class == draft.weapon.weapon_class and not is_generic(whole.weapon)):
        draft.weapon = whole.weapon


def _flush(pending: list[SentenceFacts], para_events: list[Draft], events: list[Draft], section: str | None,
           ctx: ArticleContext) -> None:
    """Sentences a paragraph left unattached: they support its event, else the section's latest; damage
    or rescue work reported on its own opens a humanitarian event."""
    if not pending:
        return
    limit = settings().consolidation.max_events_compared
    home = para_events[-1] if para_events else next((e for e in reversed(events[-limit:])
                                                     if e.main.section == section), None)
    if home is None:
        first = next((f for f in pending if f.frames), None)
        if first is None:
            return
        # split as an opened trigger is: "…, and a further death was reported in the Sumy region" is a blow of its own
        drafts = build_all(first, first.frames[0], ctx, None, None) or [build(first, first.frames[0], ctx, None, None)]
        home = drafts[0]
        events.extend(drafts)
        pending = [f for f in pending if f is not first]
    for f in pending:
        absorb(home, f)


def _same_undated_story(k: Draft, e: Draft) -> bool:
    """A live blog's summary line ("Russian shelling has killed at least six people in Slovyansk") and its
    entry ("… bombarded Slovyansk, killing at least six people") often give no date: both are the day's news.
    With the same city named (by both, or by one when both give the same toll) and no figure that differs,
    they are one happening."""
    if k.date is not None and e.date is not None:
        return False
    key = _city_key(k)
    same_toll = k.fatalities is not None and k.fatalities == e.fatalities
    if key is None or key != _city_key(e) or not (k.place_explicit and e.place_explicit
                                                    or same_toll and (k.place_explicit or e.place_explicit)):
        return False
    return all(a is None or b is None or a == b for a, b in ((k.fatalities, e.fatalities), (k.injuries, e.injuries),
                                                            (k.weapon_count, e.weapon_count)))


def _headline_swap(k: Draft, e: Draft) -> bool:
    """The headline's undated exchange ("… thank the UAE for mediation in latest exchange of captives") and
    the body's swap between the same two sides are one exchange."""
    return k.main.index == 0 and k.date is None and _one_swap(k, e)


def _merge_across_sections(events: list[Draft]) -> list[Draft]:
    """Merge events that two sections describe twice: a live blog's "Washington's suspension of weapons
    deliveries, ordered a week ago" in a later day's section is the earlier section's event, and a
    headline's undated "latest exchange of captives" is the body's swap between the same two sides."""
    kept: list[Draft] = []
    limit = settings().consolidation.max_events_compared
    for e in events:
        twin = next((k for k in kept[-limit:] if k.main.section != e.main.section and k.category == e.category
                     and k.actor1 == e.actor1 and (k.actor2 == e.actor2 or None in (k.actor2, e.actor2))
                     and (k.date is not None and e.date is not None and _dates_compatible(k.date, e.date)
                          or _same_undated_story(k, e) or _headline_swap(k, e))
                     and (_city_key(k) == _city_key(e) or None in (_city_key(k), _city_key(e)))), None)
        if twin is not None:
            absorb(twin, e)
        else:
            kept.append(e)
    return kept
