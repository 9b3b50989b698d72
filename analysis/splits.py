"""Several events from one trigger (CONTRACT §7): a sentence usually opens one event, but a joint pledge
is one event per donor, an interception total with regional breakdowns is the total (no place below the
country) plus one event per region with its own count, and a capture of several coordinated towns is one
event per town. ``build_all`` is the entry point ``consolidate`` uses; ``events.build`` makes the one draft
each split starts from.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from analysis import actors as actors_mod
from analysis import casualties as casualties_mod
from analysis import categories as categories_mod
from analysis import places as places_mod
from analysis import registry
from analysis.events import Draft, _first, build
from analysis.numbers import NUMBER, parse_number

if TYPE_CHECKING:
    from analysis.categories import Trigger
    from analysis.context import ArticleContext
    from analysis.facts import SentenceFacts
    from analysis.places import PlaceMention


# "37 above the Bryansk Region", "12 of them over Belgorod region", "three apiece above the Voronezh Region":
# a count, then a preposition of airspace, right before a region's or city's name. The words between may
# name what was downed ("of them were destroyed"), never people or buildings ("two people were hurt in …").
BREAKDOWN_BEFORE = re.compile(r"\b(?:another\s+|a further\s+)?(" + NUMBER + r"|another|one more|a single|a (?:second|third|fourth|fifth))\s+(?:(?!(?:people|persons?|civilians|residents|children|killed|"
                              r"dead|died|injured|wounded|hurt|homes?|houses?|buildings?)\b)(?!" + NUMBER + r"\b)[\w–—-]+\s+){0,6}?"
                              # "one drone each was brought down over …": words may follow "each" too
                              r"(?:(apiece|each)\s+(?:[\w-]+\s+){0,3}?)?"
                              r"(?:above|over|in|near)\s+(?:the\s+)?(?:(?:north|south|east|west|central)[\w-]*\s+)?"
                              r"(?:(?:temporarily\s+)?(?:annexed|occupied|Russian-annexed|Russian-occupied)\s+)?$", re.I)
# "Of these, the Volgograd Region accounted for eleven, the Republic of Crimea for seven, the Belgorod and
# Voronezh Regions for five apiece": the count after the name, in a sentence that says "accounted for"
ACCOUNTED = re.compile(r"\baccount(?:ed|s)?\s+for\b|\bapiece\b|\bfollowed\s+by\b", re.I)
# "The Rostov Region accounted for the largest number, 14, followed by the Stavropol Region with seven. Kalmykia
# and the Belgorod Region saw three apiece": a breakdown told after the total's own sentence
# ("Kursk and Belgorod oblasts accounted for the remaining 18, nine apiece": the share of each after the sum)
# (an aside may follow the name: "Saratov region, in the southwest of the country, accounted for 42 of the drones,
# and the Rostov region, which borders Ukraine, for 12"; "accounts for the largest share in the ministry's tally, 25")
COUNT_AFTER = re.compile(r"(?:\s+(?:regions?|oblasts?))?(?:\s*,\s+(?:in|on|near|which|that|where)\b[^,;]{1,60},)?"
                         r"\s+(?:account(?:ed|s)?\s+for(?:\s+the\s+(?:largest|biggest|highest|greatest)\s+(?:number|share|tally)"
                         r"(?:\s+(?:in|of)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}?(?:tally|count|total))?\s*,?)?"
                         r"(?:\s+the\s+(?:remaining|other|rest\s+of\s+the)\s+" + NUMBER + r"\s*,)?|for|with|saw)\s+(" + NUMBER + r")\b(\s+(?:apiece|each))?",
                         re.I)
# the next name of a list that shares the count before it: "…, the Smolensk Region and the Belgorod Region"
LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?$", re.I)
# the names of one coordinated subject: "Germany, Canada and the Czech Republic", "Britain and Norway"
# ("Norway, Sweden, Denmark, Finland and Iceland together with the three Baltic states, Estonia, Latvia and Lithuania")
DONOR_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|as well as\s+|,?\s*(?:together|along)\s+with\s+)(?:the\s+)?"
                       r"(?:(?:two|three|four|five|six|seven|eight|nine|\d+)\s+(?:[\w-]+\s+){0,2}?(?:states|countries|nations),?\s+)?$",
                       re.I)


# between the towns of one capture: "Krasnoarmeysk in the Donetsk People's Republic and of Volchansk",
# "Kupiansk in Kharkiv region, and Siversk": a town's region may follow it before the next
# or an aside: "Kucherivka, in the north of the Kharkiv region, and Rivne, which lies in the Donetsk region"
TAKEN_LIST_GAP = re.compile(r"^\s*(?:in\s+(?:the\s+)?(?:(?-i:[A-Z])[\w’'-]*\s+){1,4}?(?:region|oblast)?\s*"
                            r"|,\s*(?:in|near|(?:just\s+)?(?:north|south|east|west)\w*(?:\s+of)?|which\s+(?:lies|is|sits))\b[^,;:()]{0,60}?)?"
                            r"(?:,\s*(?:and\s+)?|and\s+|as well as\s+)(?:of\s+)?(?:the\s+)?$", re.I)


# between a capture verb and its first object: "captured the village of X", "took control of the towns of X"
TAKEN_GAP = re.compile(r"^\s*(?:(?:were|are|included|include|including)\s+)?(?:(?:the|a|an)\s+)?"
                       r"(?:(?:villages?|towns?|settlements?|cities|city)\s+)?(?:of\s+)?$", re.I)


def breakdowns(facts: SentenceFacts) -> list[tuple[PlaceMention, int, int]]:
    """The regional breakdowns of an interception total, each a place and its own count: "83 drones: 37
    above the Bryansk Region, …, three apiece above the Voronezh Region, the Smolensk Region and …". A count
    "apiece"/"each" goes on to the names listed after it; a plain count belongs to its own name only.
    Each breakdown is (place, count, where its count is written); "another above Odesa Oblast" counts one."""
    after = _counts_after(facts) if ACCOUNTED.search(facts.text) else []
    told = {p.start for p, _, _ in after}
    # "28 were downed above the Kursk Region, …; the Tula Region accounted for three": both ways in one sentence
    return sorted(after + [b for b in _counts_before(facts) if b[0].start not in told], key=lambda b: b[0].start)


def _counts_before(facts: SentenceFacts) -> list[tuple[PlaceMention, int, int]]:
    """Breakdowns told count-before-name ("37 above the Bryansk Region, three apiece above …")."""
    found: list[tuple[PlaceMention, int, int]] = []
    carry: tuple[int, int, int] | None = None     # (count, where it is written, end of the last name it covered)
    previous_end = 0   # a name's count lies after the name before it ("18 over A and 12 over B": B's is 12)
    for p in facts.located_places:
        if p.kind not in ("region", "city"):
            continue
        base, previous_end = max(previous_end, p.start - 80), p.end
        m = BREAKDOWN_BEFORE.search(facts.text[base:p.start])
        # "two above Belgorod region and a third above Tambov region": an ordinal after a count is one more
        n = (1 if m.group(1).lower() in ("another", "one more", "a single") or m.group(1).lower().startswith("a ")
             else parse_number(m.group(1))) if m else None
        if n is not None:
            found.append((p, n, base + m.start(1)))
            carry = (n, base + m.start(1), p.end) if m.group(2) else None
        elif carry is not None and LIST_GAP.match(facts.text[carry[2]:p.start]):
            found.append((p, carry[0], carry[1]))
            carry = (carry[0], carry[1], p.end)
        else:
            carry = None
    return found


def _counts_after(facts: SentenceFacts) -> list[tuple[PlaceMention, int, int]]:
    """Breakdowns told count-after-name ("the Volgograd Region accounted for eleven, … the Belgorod and
    Voronezh Regions for five apiece"): a count "apiece" also goes to the names listed just before it."""
    found: list[tuple[PlaceMention, int, int]] = []
    waiting: list[PlaceMention] = []      # names of a list whose shared count comes after the last of them
    for p in facts.located_places:
        if p.kind not in ("region", "city"):
            continue
        if waiting and not LIST_GAP.match(facts.text[waiting[-1].end:p.start]):
            waiting = []
        m = COUNT_AFTER.match(facts.text, p.end)
        n = parse_number(m.group(1)) if m else None
        if n is None:
            waiting.append(p)
            continue
        where = m.start(1)
        found += [(q, n, where) for q in (waiting if m.group(2) else [])] + [(p, n, where)]
        waiting = []
    return found


# "four drones had been shot down over each of their regions", "two apiece over both regions"
EACH_OF = re.compile(r"\b(?:over|in|above|across)\s+(?:each|every one|both)\s+(?:of\s+)?(?:(?:their|the|these|those|two)\s+)*"
                     r"(?:regions|oblasts|provinces|cities|areas)\b", re.I)


def _each_of(draft: Draft) -> list[tuple[PlaceMention, int, int]]:
    """One count said of each of the regions the sentence names ("The governors of the Kherson region and the
    Dnipropetrovsk region said four drones had been shot down over each of their regions"): each region
    is a breakdown with that count."""
    if draft.weapon_count is None or not EACH_OF.search(draft.main.text):
        return []
    names = [p for p in draft.main.located_places if p.kind in ("region", "city")]
    where = draft.weapon.start if draft.weapon is not None else 0
    return [(p, draft.weapon_count, where) for p in names] if len(names) > 1 else []


def _split_breakdowns(draft: Draft) -> list[Draft]:
    """A national interception total with its regional breakdowns is one event per figure (CONTRACT §7):
    the total with no place below the country, and each region with its own count — never the total's."""
    if draft.category != "air_defense":
        return [draft]
    parts = breakdowns(draft.main) or _each_of(draft)
    if not parts:
        _country_of_a_list(draft)
        return [draft]
    first_at = min(at for _, _, at in parts)   # where the first breakdown's count is written
    total = draft.weapon is not None and draft.weapon_count is not None and draft.weapon.end <= first_at \
        and not (len(parts) == 1 and parts[0][1] == draft.weapon_count)
    if total and sum(n for _, n, _ in parts) > draft.weapon_count:
        return [draft]   # parts of a total add up to no more than it: these counts are something else
    out = []
    if total:
        draft.place, draft.place_explicit = None, False   # the country's total, not the first region's
        out.append(draft)
    elif len(parts) == 1:
        _country_of_a_list(draft)
        return [draft]   # "12 drones were downed over Belgorod region": an event at its place already
    for place, n, _ in parts:
        out.append(replace(draft, place=place, place_explicit=True, nationwide=False, weapon_count=n,
                           part=f"{place.start}", notes=list(draft.notes), mentions=list(draft.mentions)))
    return out


def _country_of_a_list(draft: Draft) -> None:
    """"intercepted 47 drones over the Kursk, Belgorod and Bryansk regions": one count over a list of
    regions is the country's figure, not the first region's."""
    regions = [p for p in draft.main.located_places if p.kind == "region"]
    if draft.place is None or draft.place not in regions:
        return
    k = regions.index(draft.place)
    joined = k + 1 < len(regions) and LIST_GAP.match(draft.main.text[draft.place.end:regions[k + 1].start]) or \
        k > 0 and LIST_GAP.match(draft.main.text[regions[k - 1].end:draft.place.start])
    country = places_mod.gazetteer().lookup(draft.place.country) if joined and draft.place.country else None
    if country is not None:
        draft.place, draft.place_explicit = country, True


# "paid for by Britain and Norway", "funded by Germany and the Netherlands": the donors named after "by" (not
# "missiles supplied by Britain and France": weapons already in use, told as background)
DONORS_AFTER_BY = re.compile(r"\b(?:paid for|funded|financed|co-financed|bankrolled|donated|run|organi[sz]ed|coordinated|"
                             r"pledged|offered|promised)(?:\s+jointly)?\s+by\s+(?:the\s+)?"
                             # "the $200 million package from Stockholm", "From Bulgaria come parts …": the donor after "from"
                             r"|\b(?:package|tranche|consignment|shipment|contribution)\s+from\s+(?:the\s+)?|^\W*from\s+(?=(?-i:[A-Z]))",
                             re.I)


# "Ukraine is to receive 100 tanks from Germany, Denmark and the Netherlands": the donors after "from"
RECEIVE = re.compile(r"(?:receive|get|obtain)", re.I)
DONORS_AFTER_FROM = re.compile(r"\bfrom\s+(?:the\s+)?")


def _donors_named_after(draft: Draft) -> re.Match | None:
    """Where a list of donors named after the trigger begins: after "by" ("paid for by Britain and Norway"),
    or after "from" when the side that receives is the subject."""
    if RECEIVE.match(draft.trigger.text):
        return DONORS_AFTER_FROM.search(draft.main.text, draft.trigger.end)
    if draft.trigger.text.lower().endswith("come from"):   # "the Stingers … will come from Latvia and Lithuania"
        return DONORS_AFTER_FROM.search(draft.main.text, draft.trigger.end - len("from"))
    return DONORS_AFTER_BY.search(draft.main.text)


def _split_donors(draft: Draft) -> list[Draft]:
    """A joint pledge is one event per donor (CONTRACT §7): "Germany, Canada and the Czech Republic pledged…"
    → three military_support events, each with its own weapon and recipient; so is aid "paid for by Britain
    and Norway" (the donors after "by", before or after the trigger)."""
    if registry.category(draft.category).attribution != "military_support":
        return [draft]
    if draft.main.members:   # "nine Nordic and Baltic states …", their names a few sentences on
        drafts = _one_per_donor(draft, list(draft.main.members))
        for d in drafts:
            d.mentions.append((draft.main.members_from, "detail"))
        return drafts
    if draft.actor1 is None:
        return [draft]
    # a country's name in the list may read as a place ("Sweden, Denmark and…"): the commas make it a donor
    states = [a for a in draft.main.actors if a.actor and a.role not in ("modifier", "recipient", "target")]
    listed = _donors_after_colon(draft, states)
    if len(listed) >= 2:
        return _one_per_donor(draft, listed)
    head = _first(states, lambda a: a.actor == draft.actor1)
    by = _donors_named_after(draft)
    if by is not None:   # "paid for by Britain and Norway": the donors follow "by", wherever the trigger is
        head = _first(states, lambda a: a.start >= by.end() and a.start - by.end() <= 4) or head
    if head is None:
        return [draft]
    k = states.index(head)
    while k > 0 and DONOR_GAP.match(draft.main.text[states[k - 1].end:states[k].start]):
        k -= 1   # "leaders from Sweden, Norway, … and Poland committed…": the giver named last ends the list
    head = states[k]
    group, last = [head.actor], head
    for a in states[states.index(head) + 1:]:
        if not DONOR_GAP.match(draft.main.text[last.end:a.start]) or a.role == "speaker" and not _speaks_the_pledge(a, draft, states):
            break   # "… from Denmark, Zelensky said": the speaker closing the sentence is no donor
        if a.actor not in group:
            group.append(a.actor)
        last = a
    # "Germany and Ukraine agreed that Berlin will supply…": the side the donors back is no donor
    # one donor named after "from" is the giver too: "…42 F-16s from the Netherlands", "From Bulgaria come parts"
    # (not one after "paid for by": "Prague will supply weapons paid for by Copenhagen" has its giver)
    single = by is not None and by.group(0).strip().lower().split()[-1] == "from"
    if len(group) < (1 if single else 2) or (last.end > draft.trigger.start and by is None) \
            or actors_mod.backed_side(head.actor) in group:
        return [draft]
    return _one_per_donor(draft, group)


def _speaks_the_pledge(a, draft: Draft, states: list) -> bool:
    """The last of a list that speaks before the pledge, no other side named between ("Norway, Poland and Germany
    said they would together spend …"), is a donor; not one whose words hold another giver's clause
    ("Washington and Berlin announced … while Germany would add a Patriot battery")."""
    return a.end <= draft.trigger.start and not any(a.end <= b.start < draft.trigger.start for b in states)


def _one_per_donor(draft: Draft, group: list[str]) -> list[Draft]:
    """The draft once per donor of ``group``, each arming the side at war the sentence names as recipient,
    else the side the donor backs."""
    # a side at war first: "pay for American weapons for Ukraine" arms Ukraine, not the United States
    recipients = [a for a in draft.main.actors if a.role == "recipient" and a.actor and a.actor not in group]
    recipient = _first(recipients, lambda a: actors_mod.is_combatant(a.actor)) or _first(recipients, bool)
    if draft.place is not None and draft.place.kind == "country" and draft.place.place in group:
        draft.place = None   # "from Germany, Denmark and the Netherlands": donors, not where it happened
    out = []
    for k, donor in enumerate(group):
        d = draft if k == 0 else replace(draft, part=donor, notes=list(draft.notes), mentions=list(draft.mentions),
                                         actor1_detail=None)
        d.actor1, d.actor1_explicit = donor, True
        d.actor2 = recipient.actor if recipient is not None else actors_mod.backed_side(donor)
        out.append(d)
    return out


COLON_AFTER = 40   # "will chip in to the fifth: Belgium, Luxembourg, …": the colon closes the trigger's phrase


def _donors_after_colon(draft: Draft, states: list) -> list[str]:
    """The donors a pledge lists after a colon ("Six countries will chip in to the fifth: Belgium, Luxembourg,
    Iceland and the three Baltic states, Estonia, Latvia and Lithuania"), in order, each once."""
    text, t = draft.main.text, draft.trigger
    colon = text.find(":", t.end, t.end + COLON_AFTER)
    if colon < 0:
        return []
    names = [a.actor for a in states if a.start > colon and a.kind == "name" and not actors_mod.is_combatant(a.actor)]
    return list(dict.fromkeys(names))


def build_all(facts: SentenceFacts, trigger: Trigger, ctx: ArticleContext, last_attack: Draft | None,
              last_event: Draft | None) -> list[Draft]:
    """The events a sentence opens with ``trigger``: usually one, but one per donor of a joint pledge and
    one per figure of an interception total with its regional breakdowns."""
    if _extra_ground_without_place(facts, trigger):
        return []
    return [d for donor in _split_donors(build(facts, trigger, ctx, last_attack, last_event))
            for part in _split_breakdowns(donor) for taken in _split_places_taken(part)
            for hit in _split_places_hit(taken) for named in _split_regions_named_before(hit, ctx)
            for d in _split_second_blow(named) if not _aid_by_a_warring_side(d)]


# a clause of its own after the blow's place: "…, and an oil depot in the Oryol region caught fire", "…, while a
# woman was injured in Ivashky", "…, one close to Tikhoretsk and the other outside Oktyabrsky"
CLAUSE_AFTER = re.compile(r",\s*(?:and|while|whereas)\s+|;\s*|\s+and\s+(?=the\s+other\b)|\s+while\s+", re.I)
# what makes that clause a blow of its own
HARM = re.compile(r"\b(?:caught fire|set (?:on )?fire|ablaze|(?:was|were) (?:hit|struck|damaged|destroyed|hurt|injured|wounded|killed)"
                  r"|hurt|injured|wounded|killed|the other|another (?:[\w-]+ )?(?:attack|strike)"
                  # "…, and a further death was reported in the Kharkiv region", "…, while in Bilozerka a man suffered wounds"
                  r"|deaths?|died|dead|wounds|lost (?:their|his|her) lives?)\b", re.I)


def _split_second_blow(draft: Draft) -> list[Draft]:
    """A strike told with a second blow elsewhere in a clause of its own ("A drone struck a unit of the
    refinery in Kstovo on Tuesday, and an oil depot in the Oryol region caught fire after another drone
    attack") is two events, one per place; the second keeps the side and the day, not the counts."""
    if draft.category != "attack" or draft.kind != "strike" or draft.place is None:
        return [draft]
    text, first = draft.main.text, draft.place
    for m in CLAUSE_AFTER.finditer(text, first.end):
        end = next((b.start() for b in CLAUSE_AFTER.finditer(text, m.end())), len(text))
        other = next((p for p in draft.main.located_places if m.end() <= p.start < end
                      and p.kind in ("city", "district", "region") and p.place not in (first.place, first.admin1)), None)
        sides = {a.actor for a in draft.main.actors if m.end() <= a.start < end and a.actor
                 and a.role in ("subject", "possessive")}
        if other is None or not HARM.search(text, m.end(), end) or sides - {draft.actor1}:
            continue
        second = replace(draft, part=f"{other.start}", notes=list(draft.notes), mentions=list(draft.mentions),
                         weapon_count=None, fatalities=None, injuries=None)
        second.place, second.place_explicit = other, True
        _share_casualties(draft, second, m.end(), end)
        return [draft, second]
    return [draft]


def _share_casualties(first: Draft, second: Draft, start: int, end: int) -> None:
    """Each blow keeps the dead and hurt its own clause counts: "Five people were injured in the Donetsk region,
    and a further death was reported in the Kharkiv region" is 5 hurt there and 1 dead here. Only when the
    second clause counts any; otherwise the first keeps the sentence's figures, as before."""
    own = [c for c in first.main.casualties if start <= c.start < end]
    if not own:
        return
    rest = [c for c in first.main.casualties if not start <= c.start < end]
    second.fatalities, second.injuries = casualties_mod.totals(own)
    first.fatalities, first.injuries = casualties_mod.totals(rest)


def _aid_by_a_warring_side(draft: Draft) -> bool:
    """Arms are given to the sides at war, not by them: a military_support draft whose giver came out as
    Russia or Ukraine read a recipient, a speaker or a POW flight ("They will be delivered by military
    transport aircraft to Moscow") as the giver, and is no pledge — unless it arms an ally listed as backing
    it ("Moscow would hand over Iskander-M systems to Belarus"). Nor is one whose giver is only assumed
    or vague ("Unknown", "the international community": "Ukraine's Western partners continue to deliver
    tanks" tells an ongoing flow, not a donor's decision)."""
    return draft.category == "military_support" and (actors_mod.opponent(draft.actor1) is not None
                                                      and not actors_mod.is_ally_of(draft.actor2, draft.actor1)
                                                      or draft.actor1 == "Unknown"
                                                      or draft.actor1 in actors_mod.lexicon_weak())


# what opens the list of places a capture names after a summary of them: "recaptured several villages near the
# town, among them", "retook a string of villages near Kupiansk, including"
# (or a colon or a dash: "claimed two more villages: Kolodyazi in Donetsk region and Vorone in Dnipropetrovsk region",
# "liberating another five villages — Mirny, Zamostye, …")
LIST_INTRO = re.compile(r"[^.;:]{0,60}?,?\s+(?:among\s+them|including|such\s+as|namely)\s+(?:the\s+)?|[^.;:—–]{0,60}?(?::|\s[—–])\s*(?:the\s+)?",
                        re.I)


# a capture told as the state of its subject, and what may stand between the subject and it
CONTROL_STATE = re.compile(r"^(?:(?:is|was|were|are)\b.*\b(?:control|hands|held|controlled)\b|(?:(?:have|has)\s+fallen|fell)\b)", re.I)
# "X and Y, two villages in the region, are …", and the comma that closes an apposition the list is:
# "Two more villages south of Lysychansk, Loskutivka and Rai-Oleksandrivka, are now in Russian hands"
APPOSITIVE = re.compile(r"^\s*(?:,[^,;]{0,90},|,)?\s*$")
LIST_BEFORE_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+)$", re.I)


def _places_taken(draft: Draft) -> list[PlaceMention]:
    """The towns a capture trigger takes as coordinated objects: "captured Borivske, Lysychansk and
    Mykolaivka" (names right after the trigger, joined by commas or "and", with nothing else between)."""
    t, text = draft.trigger, draft.main.text
    towns = [p for p in draft.main.located_places if p.kind in ("city", "district") and p.start >= t.start]
    intro = LIST_INTRO.match(text, t.end)
    if intro is not None:   # "retook a string of villages near Kupiansk, including Synkivka and …"
        towns = [p for p in towns if p.start >= intro.end()]
        return _listed(text, towns, TAKEN_LIST_GAP) if towns and towns[0].start == intro.end() else []
    if towns and towns[0].start == t.start:
        # the place before a passive capture, and the list it ends: "X, Y and Z have been freed by …"
        before = [p for p in draft.main.located_places if p.kind in ("city", "district") and p.end <= t.start]
        return _listed_before(text, before, towns[0]) + _listed(text, towns, TAKEN_LIST_GAP)[:1]
    if CONTROL_STATE.search(t.text):
        # "Serebrianka and Mykolaivka, two villages in the Donetsk region, are now under the control of …"
        before = [p for p in draft.main.located_places if p.kind in ("city", "district") and p.end <= t.start]
        if before and APPOSITIVE.match(text[before[-1].end:t.start]):
            return _listed_before(text, before[:-1], before[-1]) + [before[-1]]
    if not towns or not (towns[0].start < t.end or TAKEN_GAP.match(text[t.end:towns[0].start])):
        return []
    return _listed(text, towns, TAKEN_LIST_GAP)


def _listed_before(text: str, places: list[PlaceMention], last: PlaceMention) -> list[PlaceMention]:
    """The places of a list that ends with ``last``, in order: each joined to the next by a comma or "and"."""
    out: list[PlaceMention] = []
    nxt = last
    for p in reversed(places):
        if not LIST_BEFORE_GAP.match(text[p.end:nxt.start]) or NEAR_BEFORE.search(text, max(0, p.start - 25), p.start):
            break   # "Not far from Kupyansk, Kurilovka and Kucherovka are …": the landmark is no item
        out.insert(0, p)
        nxt = p
    return out


NEAR_BEFORE = re.compile(r"\b(?:near|not far from|close to|outside|around|(?:north|south|east|west)\w* of)\s+(?:the\s+)?$", re.I)


# a note in brackets after a list's item: "seized Dvorichanske (northeast of Kupyansk), Platonivka (…), and Hai"
NOTE = re.compile(r"^\s*\([^()]*\)")


def _listed(text: str, places: list[PlaceMention], gap: re.Pattern) -> list[PlaceMention]:
    """The first place and those that follow it as one list: each joined to the one before by ``gap``,
    after any note in brackets (whose own places are no items of the list)."""
    out = [places[0]]
    for p in places[1:]:
        between = text[out[-1].end:p.start]
        if between.count("(") > between.count(")"):
            continue   # a place inside the note: "(east of Sloviansk)"
        note = NOTE.match(between)
        if not gap.match(between[note.end():] if note else between):
            break
        out.append(p)
    return out


# between the names of a list of regions hit: "in the northern Chernihiv region, the southern Kherson region and …"
# "…, in Kstovo", "… and at the Dyagilevo military airfield in the Ryazan region", "…, a refinery in the Volgograd
# region": each item may bring its own preposition and a target of up to three words before its place
HIT_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+)(?:(?:in|at|on|near|outside)\s+)?(?:(?:the|a|an)\s+)?"
                     r"(?:(?:[\w-]+\s+){1,3}?(?:in|near|outside)\s+(?:the\s+)?)?"
                     r"(?:(?:north|south|east|west|central)[\w-]*\s+)?$", re.I)
# a town's region after it, no item of its own: "in Kstovo in Nizhny Novgorod Oblast"
REGION_NOTE = re.compile(r"^\s*,?\s*in\s+(?:the\s+)?(?:(?:north|south|east|west|central)[\w-]*\s+)?$", re.I)
# between a strike and the first place of its list: "hit energy facilities in the northern …"
HIT_LEAD = re.compile(r"^\s*(?:[\w-]+\s+){0,6}?(?:in|on|across)\s+(?:the\s+)?(?:(?:Russia|Ukraine|Belarus)['’]s\s+)?"
                      r"(?:(?:north|south|east|west|central)[\w-]*\s+)?$",
                      re.I)


def _places_hit(draft: Draft) -> list[PlaceMention]:
    """The regions a strike names as one list right after it: "hit energy facilities in the northern
    Chernihiv region, the southern Kherson region and the southeastern Dnipropetrovsk region"."""
    t, text = draft.trigger, draft.main.text
    places = [p for p in draft.main.located_places if p.kind in ("region", "city") and p.start >= t.end]
    # the list follows the trigger, or a later verb of striking: "used missiles on Sunday to hit training
    # centres in the Chernihiv, Zhytomyr and Lviv regions"
    verbs = [t.end] + [x.end for x in draft.main.triggers if x.kind == "strike" and x.start >= t.end]
    if not places or not any(v <= places[0].start and HIT_LEAD.match(text[v:places[0].start]) for v in verbs):
        return []
    out, end = [places[0]], places[0].end
    for p in places[1:]:
        between = text[end:p.start]
        if p.kind == "region" and out[-1].kind == "city" and out[-1].admin1 == p.place and REGION_NOTE.match(between):
            end = p.end   # "in Kstovo in Nizhny Novgorod Oblast": the town's region, no item of its own
            continue
        if not HIT_GAP.match(between):
            break
        out.append(p)
        end = p.end
    return out


def _split_places_hit(draft: Draft) -> list[Draft]:
    """Strikes on a list of regions that give no count or toll are one event per region (each region's
    authorities report their own); a count or toll belongs to the whole and keeps the event whole. So are
    towns that "both came under" a blow, named as the subjects before it."""
    if draft.kind != "strike" or draft.weapon_count is not None or draft.fatalities or draft.injuries:
        return [draft]
    if draft.trigger.weight < 3:
        # "reported blasts in Lvov, Kharkov, …" (a weak trigger) tells of the blasts, not who hit what
        return _one_per_place(draft, _subjects_hit(draft))
    return _one_per_place(draft, _places_hit(draft) or _subjects_hit(draft))


# "Russian forces struck facilities in the two oblasts overnight", "…in both regions": regions the story named
THE_N_REGIONS = re.compile(r"\b(?:in|across|over|of|on)\s+(?:the\s+(two|three|four)|(both)(?:\s+the)?)\s+"
                           r"(?:oblasts|regions|provinces)\b", re.I)
_HOW_MANY = {"two": 2, "three": 3, "four": 4, "both": 2}


def _split_regions_named_before(draft: Draft, ctx: ArticleContext) -> list[Draft]:
    """A blow on "the two oblasts" (or "both regions") that names neither is one event on each of the regions
    the story named last, as a headline "Russians strike power facilities in Zhytomyr and Chernihiv oblasts"
    names them; with fewer regions named than counted, the draft stays as it is."""
    if draft.kind != "strike" or draft.place_explicit:
        return [draft]
    m = THE_N_REGIONS.search(draft.main.text)
    if m is None:
        return [draft]
    n = _HOW_MANY[(m.group(1) or m.group(2)).lower()]
    regions = ctx.regions[-n:]
    return _one_per_place(draft, regions) if len(regions) == n else [draft]


# "Myrnohrad, a town on the edge of Pokrovsk, and Kurakhove, further south, both came under bombardment"
BOTH_BEFORE = re.compile(r"\b(?:both|all|each)\s+(?:of\s+them\s+)?(?:[\w-]+\s+){0,2}$", re.I)
SUBJECT_JOIN = re.compile(r"(?:,\s*|\s)and\s+(?:the\s+)?$", re.I)


def _subjects_hit(draft: Draft) -> list[PlaceMention]:
    """The towns named as the joined subjects of a blow ("A, …, and B, …, both came under fire"): the first
    place at the start of the sentence and each one after "and", not places inside their notes."""
    text, t = draft.main.text, draft.trigger
    both = BOTH_BEFORE.search(text, max(0, t.start - 30), t.start)
    if both is None:
        return []
    lead = len(text) - len(text.lstrip())
    before = [p for p in draft.main.located_places if p.kind in ("city", "district", "region") and p.end <= both.start()]
    return [p for p in before if p.start == lead or SUBJECT_JOIN.search(text, max(0, p.start - 8), p.start)]


def _split_places_taken(draft: Draft) -> list[Draft]:
    """A capture of several towns named as one trigger's coordinated objects is one event per town (CONTRACT
    §7: a capture is at the place taken), as a joint pledge is one per donor; each keeps the trigger's side.
    So is an advance near several ("have recently gained ground near Chasiv Yar and Pokrovsk")."""
    if draft.kind in ("capture", "recapture"):
        return _one_per_place(draft, _places_taken(draft))
    if draft.kind == "clash" and ADVANCE.match(draft.trigger.text):
        return _one_per_place(draft, _places_advanced(draft))
    return [draft]


# an advance, not a fight: "gained ground", "advanced near", "made gains"
ADVANCE = re.compile(r"(?:gain|advanc|made|making|make|recently|marginally|reportedly|edged|pushed|moved|inched|crept|pressed)", re.I)
# between an advance and the first place of its list: "gained ground inside Sumy Oblast and around …"
ADVANCE_LEAD = re.compile(r"^\s*(?:(?:in|inside|near|around|toward|towards|outside|(?:north|south|east|west)(?:east|west)? of)"
                          r"\s+)?(?:the\s+)?$", re.I)
# between the places of such a list: "near Chasiv Yar and Pokrovsk", "inside Sumy Oblast and around Chasiv Yar"
ADVANCE_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+)(?:(?:in|inside|near|around|toward|towards|outside)\s+)?(?:the\s+)?$",
                         re.I)


def _places_advanced(draft: Draft) -> list[PlaceMention]:
    """The towns or regions an advance names as one list right after its trigger."""
    t, text = draft.trigger, draft.main.text
    places = [p for p in draft.main.located_places if p.kind in ("city", "district", "region") and p.start >= t.end]
    if not places or not ADVANCE_LEAD.match(text[t.end:places[0].start]):
        return []
    return _listed(text, places, ADVANCE_GAP)


def _one_per_place(draft: Draft, places: list[PlaceMention]) -> list[Draft]:
    """The draft once per place of a list of two or more (the first keeps the draft itself), else as it is."""
    if len(places) < 2:
        return [draft]
    out = []
    for k, place in enumerate(places):
        d = draft if k == 0 else replace(draft, part=f"{place.start}", notes=list(draft.notes),
                                         mentions=list(draft.mentions))
        d.place, d.place_explicit = place, True
        out.append(d)
    return out


def _extra_ground_without_place(facts: SentenceFacts, trigger: Trigger) -> bool:
    """A second ground happening of one sentence (``categories._more_ground``) is an event only when its own
    phrase names a town or village: "…crossed the border in the largest incursion into Russia" tells one
    happening twice, "…and fought off an assault on Lysychansk" tells a new one."""
    if not facts.frames or trigger is facts.frames[0] or trigger.kind not in categories_mod.GROUND_KINDS:
        return False
    ground = sorted((t for t in facts.frames if t.kind in categories_mod.GROUND_KINDS), key=lambda t: t.start)
    if trigger not in ground:
        return False
    end = min(next((g.start for g in ground if g.start > trigger.start), len(facts.text)), trigger.end + GROUND_PLACE_WINDOW)
    return not any(trigger.start <= p.start < end and p.kind in ("city", "district") for p in facts.located_places)


GROUND_PLACE_WINDOW = 60   # "fought off an assault on the eastern outskirts of Lysychansk": the place of its own phrase
