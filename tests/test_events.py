"""Event drafts (``events.build``) from real-shaped sentences: who acted on whom, when, where, with what."""
import datetime as dt

import pytest

from analysis.actors import perspective_of
from analysis.context import ArticleContext
from analysis.dates import find_dates
from analysis.events import Draft, build
from analysis.facts import Sentence, SentenceFacts, analyse
from analysis.places import gazetteer


def context(published: str = "2025-06-07", timezone: str = "Europe/Kyiv") -> ArticleContext:
    return ArticleContext("t", dt.date.fromisoformat(published), timezone, perspective_of(timezone))


def facts_of(text: str, ctx: ArticleContext, index: int = 0) -> SentenceFacts:
    return analyse(Sentence(index=index, paragraph=0, section="", start=100 * index, text=text), ctx)


def draft_of(text: str, ctx: ArticleContext | None = None, last_attack: Draft | None = None) -> Draft:
    """The draft of the first event the sentence opens."""
    ctx = ctx or context()
    facts = facts_of(text, ctx)
    trigger = next(t for t in facts.frames if t.opens)
    return build(facts, trigger, ctx, last_attack, last_attack)


@pytest.mark.parametrize("sentence,category,actor1,actor2,place", [
    # the speaker is not the agent: the air force reports, Russia fired
    ("Ukraine's air force said Russia fired 40 drones overnight.", "attack", "Russia", "Ukraine", None),
    ("Russian forces struck Kharkiv overnight with drones, killing at least three people.", "attack", "Russia", "Ukraine", "Kharkiv"),
    ("Russian forces fired Iskander missiles that struck Dnipro.", "attack", "Russia", "Ukraine", "Dnipro"),
    # no attacker named: a weapon only one side fires, or the opponent of the side that holds the place
    ("Storm Shadow missiles slammed into the fleet’s headquarters in Sevastopol.", "attack", "Ukraine", "Russia", "Sevastopol"),
    ("Russia’s Saratov oil refinery was hit by drones on Sunday.", "attack", "Ukraine", "Russia", "Saratov"),
    ("Zelensky met Erdogan in Ankara on Tuesday.", "diplomacy", "Ukraine", "Turkey", "Ankara"),
    ("Germany will send 31 Abrams tanks to Ukraine.", "military_support", "Germany", "Ukraine", None),
    # a reciprocal exchange takes the article's own side first (Kyiv's time zone: Ukraine)
    ("Prisoner swap: Russia and Ukraine have exchanged 146 prisoners of war each in a deal mediated by the "
     "United Arab Emirates.", "humanitarian", "Ukraine", "Russia", None),
])
def test_who_acted_on_whom_and_where(sentence, category, actor1, actor2, place):
    d = draft_of(sentence)
    assert (d.category, d.actor1, d.actor2, d.place.place if d.place else None) == (category, actor1, actor2, place)


@pytest.mark.parametrize("sentence,published,date_text,day", [
    ("Russian forces struck Kharkiv overnight with drones, killing at least three people.", "2025-06-07", "overnight", dt.date(2025, 6, 7)),
    # the report's date is not the strike's
    ("The Defence Ministry said on Sunday that on Saturday evening Russian forces had delivered a strike on "
     "military infrastructure facilities in Kharkiv.", "2023-12-31", "on Saturday evening", dt.date(2023, 12, 30)),
    # a date in the trigger's own phrase wins over the others
    ("A Russian rocket strike on July 9 hit Kyiv, the city's mayor said on July 10.", "2025-07-11", "on July 9", dt.date(2025, 7, 9)),
])
def test_when(sentence, published, date_text, day):
    d = draft_of(sentence, context(published))
    assert (d.date.text, d.date.date, d.date_own) == (date_text, day, True)


def test_weapons_and_counts():
    d = draft_of("Ukraine's air force said Russia fired 40 drones overnight.")
    assert (d.weapon.weapon, d.weapon_count) == ("drone", 40)
    d = draft_of("Germany will send 31 Abrams tanks to Ukraine.")
    assert (d.weapon.weapon, d.weapon_count) == ("Abrams tank", 31)


def test_an_interception_is_by_the_side_the_attack_targeted():
    ctx = context("2025-03-10")
    attack = draft_of("On Friday, Russia fired 67 missiles and 194 attack drones at Ukraine in an overnight assault.", ctx)
    assert (attack.actor1, attack.actor2, attack.weapon_count, attack.date.date) == ("Russia", "Ukraine", 67, dt.date(2025, 3, 7))
    defence = draft_of("Air defences shot down 34 of the missiles.", ctx, last_attack=attack)
    assert (defence.category, defence.actor1, defence.actor2, defence.weapon_count) == ("air_defense", "Ukraine", "Russia", 34)


def test_a_sentence_without_a_date_or_place_takes_the_context():
    ctx = context("2025-02-14")
    ctx.paragraph_date = find_dates("On February 12", ctx.published)[0]
    d = draft_of("Two people were killed when Russian drones hit Kherson.", ctx)
    assert (d.date.date, d.date_own, d.place.place, d.fatalities) == (dt.date(2025, 2, 12), False, "Kherson", 2)
    ctx.cities.append(gazetteer().lookup("Kharkiv"))
    d = draft_of("Russian drones hit the city overnight.", ctx)
    assert (d.place.place, d.place_explicit) == ("Kharkiv", False)     # "the city": the one named last


def drafts_of(text: str, ctx: ArticleContext | None = None) -> list[Draft]:
    """Every draft the sentence's first opening trigger makes (one per donor, one per regional figure)."""
    from analysis.splits import build_all
    ctx = ctx or context()
    facts = facts_of(text, ctx)
    trigger = next(t for t in facts.frames if t.opens)
    return build_all(facts, trigger, ctx, None, None)


def test_a_joint_pledge_is_one_event_per_donor():
    ds = drafts_of("Sweden, Denmark and the Netherlands pledged new artillery shells to Ukraine on Monday.")
    assert [(d.category, d.actor1, d.actor2) for d in ds] == [
        ("military_support", "Sweden", "Ukraine"), ("military_support", "Denmark", "Ukraine"),
        ("military_support", "Netherlands", "Ukraine")]
    assert len({d.event_id() for d in ds}) == 3
    (one,) = drafts_of("Sweden will send 20 howitzers to Ukraine, Denmark said.")   # a speaker is no donor
    assert one.actor1 == "Sweden"


def test_a_total_with_regional_breakdowns_is_one_event_per_figure():
    ds = drafts_of("Air defence units destroyed 40 Ukrainian drones overnight: 25 over the Kursk Region, "
                   "nine above the Oryol Region, and two apiece over the Tula Region and the Bryansk Region.",
                   context("2025-02-20", "Europe/Moscow"))
    assert [(d.place.place if d.place else None, d.weapon_count) for d in ds] == [
        (None, 40), ("Kursk Oblast", 25), ("Oryol Oblast", 9), ("Tula Oblast", 2), ("Bryansk Oblast", 2)]
    assert {(d.category, d.actor1, d.weapon.weapon_class) for d in ds} == {("air_defense", "Russia", "drone")}


def test_breakdowns_without_a_total_and_counts_that_are_not_parts():
    ds = drafts_of("Four of the drones were shot down over Poltava Oblast and another over Sumy Oblast, the air force said.")
    assert [(d.place.place, d.weapon_count) for d in ds] == [("Poltava Oblast", 4), ("Sumy Oblast", 1)]
    # one region with its count is the event itself, and people hurt there are not a part of the total
    (d,) = drafts_of("Air defences shot down 12 drones over Kharkiv Oblast, the air force said.")
    assert (d.place.place, d.weapon_count) == ("Kharkiv Oblast", 12)
    (d,) = drafts_of("Air defences shot down 30 drones, but debris left two people injured in Kharkiv Oblast.")
    assert d.weapon_count == 30


def test_the_side_the_donors_back_is_no_donor():
    (d,) = drafts_of("Germany and Ukraine agreed that Berlin will supply more Patriot systems.")
    assert (d.actor1, d.actor2) == ("Germany", "Ukraine")


def test_a_withdrawal_is_an_attack_by_the_side_that_advances():
    """CONTRACT §7: the side named as withdrawing gives the place up, so the other side is ``actor1``."""
    d = draft_of("Ukrainian troops withdrew from Sievierodonetsk on Friday after weeks of street fighting.")
    assert (d.kind, d.category, d.actor1, d.actor2, d.place.place) == ("withdrawal", "attack", "Russia", "Ukraine", "Sievierodonetsk")
    d = draft_of("Russian forces have pulled out of Kupiansk, the General Staff said.")
    assert (d.actor1, d.actor2) == ("Ukraine", "Russia")


def test_a_speakers_seat_is_not_where_it_happened():
    """"The Defence Ministry in Moscow said … over Russia": the national total is at the country, not Moscow;
    a seat is the place only when the sentence names no other."""
    d = draft_of("The Defence Ministry in Moscow said on Sunday that 112 drones were destroyed over Russia overnight.")
    assert d.place.place == "Russia"
    d = draft_of("Officials in Kherson said Russian shelling killed two people on Monday.")
    assert d.place.place == "Kherson"


def test_the_region_or_the_port_is_the_one_named_last():
    ctx = context()
    ctx.note_places([gazetteer().lookup("Odesa"), gazetteer().lookup("Kharkiv Oblast")])
    assert draft_of("A Russian drone struck a farm in the region overnight, killing two people.", ctx).place.place == "Kharkiv Oblast"
    assert draft_of("Russian missiles struck the port overnight, injuring three people.", ctx).place.place == "Odesa"


def test_a_repelled_assault_is_an_attack_by_the_side_that_assaulted():
    """CONTRACT §7 (as a withdrawal): the side whose assault failed is ``actor1``, named after the trigger
    ("12 Russian attacks", "each by Ukrainian assault groups") or else the opponent of the defender named."""
    d = draft_of("Ukrainian forces repelled 12 Russian attacks near Pokrovsk on Tuesday, the General Staff said.")
    assert (d.category, d.actor1, d.actor2) == ("attack", "Russia", "Ukraine")
    d = draft_of("Russian troops fought off four assaults near Kupiansk, each by Ukrainian infantry groups.",
                 context("2025-02-20", "Europe/Moscow"))
    assert (d.actor1, d.actor2) == ("Ukraine", "Russia")
    d = draft_of("Ukraine's defenders stopped the enemy advancing near Kupiansk on Monday.")
    assert (d.actor1, d.actor2) == ("Russia", "Ukraine")


def test_several_ground_happenings_in_one_sentence_are_one_event_each():
    """A front-line summary: each ground trigger with a town of its own is an event at that town, by the side
    its own clause names; a second trigger with no town of its own repeats the first."""
    ctx = context("2022-06-24")
    facts = facts_of("On Friday Ukrainian troops halted the Russians advancing near Borivske and fought off an assault "
                     "on Lysychansk, but the occupiers managed to seize Toshkivka.", ctx)
    from analysis.splits import build_all
    ds = [d for t in facts.frames if t.opens for d in build_all(facts, t, ctx, None, None)]
    assert [(d.actor1, d.place.place if d.place else None) for d in ds] == [
        ("Russia", "Borivske"), ("Russia", "Lysychansk"), ("Russia", "Toshkivka")]
    facts = facts_of("Ukrainian troops crossed the border in the largest incursion into Russia since 1941.", ctx)
    ds = [d for t in facts.frames if t.opens for d in build_all(facts, t, ctx, None, None)]
    assert len(ds) == 1


def test_the_harm_of_intercepted_weapons_is_by_the_side_that_launched_them():
    ds = drafts_of("Russian air defences shot down 40 Ukrainian drones overnight, and debris hit a house in Bryansk.",
                   context("2025-03-11", "Europe/Moscow"))
    from analysis.splits import build_all
    ctx = context("2025-03-11", "Europe/Moscow")
    facts = facts_of("Air defences destroyed 30 drones headed for the capital, Moscow's mayor said; debris damaged a house.", ctx)
    attacks = [d for t in facts.frames if t.category == "attack" for d in build_all(facts, t, ctx, None, None)]
    assert [(d.actor1, d.actor2) for d in attacks] == [("Ukraine", "Russia")]
    assert ds[0].category == "air_defense" and ds[0].actor1 == "Russia"


def test_donors_named_after_by_are_one_event_each():
    ds = drafts_of("A new package of military aid for Ukraine, funded by Denmark and Sweden, was announced on Monday.")
    assert [(d.category, d.actor1, d.actor2) for d in ds] == [
        ("military_support", "Denmark", "Ukraine"), ("military_support", "Sweden", "Ukraine")]


def test_a_proposal_is_dated_the_day_it_is_made():
    """CONTRACT §7: a proposal is the event, not the meeting it proposes; the proposed day is no event date."""
    d = draft_of("Kyiv proposed holding another round of talks before June 30, the foreign minister said.",
                 context("2025-06-02"))
    assert d.category == "diplomacy"
    assert d.date is None or d.date.date != dt.date(2025, 6, 30)


def test_a_statement_is_aimed_at_the_side_named_right_after_its_trigger():
    d = draft_of("On Friday Putin warned NATO that long-range strikes would draw it into the war, days after talks "
                 "on support for Ukraine.", context("2024-09-13", "Europe/Moscow"))
    assert (d.category, d.actor1, d.actor2) == ("diplomacy", "Russia", "NATO")


def test_the_side_named_before_a_passive_blow_is_its_target():
    d = draft_of("Ukraine's energy facilities came under a massive strike overnight, the ministry said.",
                 context("2024-08-26", "Europe/Moscow"))
    assert (d.category, d.actor1, d.actor2) == ("attack", "Russia", "Ukraine")


def test_a_capture_of_several_towns_is_one_event_per_town():
    ds = drafts_of("Russian forces captured Soledar, Bakhmut and Toretsk after months of fighting, the ministry said.",
                   context("2024-02-20", "Europe/Moscow"))
    assert [(d.actor1, d.place.place) for d in ds] == [("Russia", "Soledar"), ("Russia", "Bakhmut"), ("Russia", "Toretsk")]
    assert len({d.event_id() for d in ds}) == 3
    (d,) = drafts_of("Russian forces captured Soledar, a town near Bakhmut, after months of fighting.",
                     context("2024-02-20", "Europe/Moscow"))
    assert d.place.place == "Soledar"


def test_a_happening_told_n_days_after_is_dated_back():
    ctx = context("2024-01-03")
    facts = facts_of("The swap on Wednesday came a day after Russia launched nearly 100 missiles at Kyiv and Kharkiv.", ctx)
    from analysis.splits import build_all
    attack = next(d for t in facts.frames if t.category == "attack" for d in build_all(facts, t, ctx, None, None))
    assert attack.date.date == dt.date(2024, 1, 2)


def test_a_demonym_qualifying_the_blow_is_its_agent_even_after_of():
    d = draft_of("Ukraine counts the cost of the biggest wave of Russian air strikes since the invasion began.")
    assert (d.category, d.actor1, d.actor2) == ("attack", "Russia", "Ukraine")


def test_the_side_hit_speaking_after_the_blow_is_not_the_attacker():
    d = draft_of("Blasts shook the centre of the Russian city of Kursk on Sunday evening, and Russian "
                 "officials say that five people were killed.", context("2025-06-09"))
    assert (d.category, d.actor1, d.actor2) == ("attack", "Ukraine", "Russia")


def test_a_toll_phrase_does_not_date_the_strike_by_the_day_the_toll_grew():
    d = draft_of("Searchers found another victim on Tuesday, bringing the number of people killed by a Russian "
                 "missile strike to 7.", context("2025-06-11"))
    assert d.date is None or d.date.date != dt.date(2025, 6, 10)
