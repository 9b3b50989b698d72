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
