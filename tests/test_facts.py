"""Per-sentence facts (``facts.analyse``) on real-shaped sentences, and the extractors as components."""
import datetime as dt

import pytest

from analysis import facts as facts_mod
from analysis.actors import perspective_of
from analysis.context import ArticleContext
from analysis.facts import EXTRACTORS, Extractor, Sentence, SentenceFacts, analyse, check_order


def context(published: str = "2025-06-07", timezone: str = "Europe/Kyiv") -> ArticleContext:
    return ArticleContext("t", dt.date.fromisoformat(published), timezone, perspective_of(timezone))


def facts_of(text: str, ctx: ArticleContext | None = None) -> SentenceFacts:
    return analyse(Sentence(index=0, paragraph=0, section="", start=0, text=text), ctx or context())


@pytest.mark.parametrize("sentence,roles,attackers", [
    ("Ukraine's air force said Russia fired 40 drones overnight.", {"Ukraine": "speaker", "Russia": "subject"}, {"Russia"}),
    ("Russian forces struck Kharkiv overnight with drones, killing at least three people.", {"Russia": "subject"}, {"Russia"}),
    # a possessive before a place names the target's owner, not the agent
    ("Russia’s Saratov oil refinery was hit by drones on Sunday.", {"Russia": "owner"}, set()),
    # a country after a dateline's city says where the report was filed
    ("KYIV, Ukraine (Reuters) — Russian drones hit Odesa on Monday.", {"Ukraine": "place", "Russia": "subject"}, {"Russia"}),
])
def test_actor_roles_and_the_attacking_side(sentence, roles, attackers):
    facts = facts_of(sentence)
    assert {a.actor: a.role for a in facts.actors} == roles
    assert facts.attacker_side == attackers


@pytest.mark.parametrize("sentence,located,officials", [
    ("Russian forces struck Kharkiv overnight with drones, killing at least three people.", ["Kharkiv"], []),
    ("Kharkiv regional governor Oleh Syniehubov said two people were injured.", [], ["Kharkiv"]),
    ("The landing ship Minsk was damaged in the strike.", [], []),            # a ship's name, not the city
    ("KYIV, Ukraine (Reuters) — Russian drones hit Odesa on Monday.", ["Odesa"], []),   # not the dateline
])
def test_places_say_where_something_happened(sentence, located, officials):
    facts = facts_of(sentence)
    assert [p.place for p in facts.located_places] == located
    assert [p.place for p in facts.official_places] == officials


@pytest.mark.parametrize("sentence,weapons,fatalities,injuries", [
    ("Preliminary reports suggest that four Iskander ballistic missiles were launched toward the capital.",
     [("Iskander ballistic missile", 4, "launched")], None, None),
    ("Germany will send 31 Abrams tanks to Ukraine.", [("Abrams tank", 31, "supplied")], None, None),
    ("Air defences shot down 34 of the missiles.", [("missile", 34, "intercepted")], None, None),
    ("Russian forces struck Kharkiv overnight with drones, killing at least three people.",
     [("drone", None, "launched")], 3, None),
    ("Kharkiv regional governor Oleh Syniehubov said two people were injured.", [], None, 2),
])
def test_weapons_and_casualties(sentence, weapons, fatalities, injuries):
    facts = facts_of(sentence)
    assert [(w.weapon, w.count, w.role) for w in facts.weapons] == weapons
    assert (facts.fatalities, facts.injuries) == (fatalities, injuries)


@pytest.mark.parametrize("sentence,frames", [
    ("Ukraine's air force said Russia fired 40 drones overnight.", [("strike", True)]),
    ("Germany will send 31 Abrams tanks to Ukraine.", [("aid", True)]),      # "send" counts with a weapon after it
    ("The ministry said it would send a delegation to Ankara.", []),          # … and only then
    # injuries with no trigger of their own: a weak strike frame that opens no event by itself
    ("Kharkiv regional governor Oleh Syniehubov said two people were injured.", [("strike", False)]),
])
def test_category_frames(sentence, frames):
    assert [(t.kind, t.opens) for t in facts_of(sentence).frames] == frames


def test_relative_dates_resolve_against_the_story_day_of_the_context():
    ctx = context("2025-02-14")
    ctx.story_day = dt.date(2025, 2, 12)
    facts = facts_of("A day earlier, Russian drones hit Odesa.", ctx)
    assert facts.own_date.text == "A day earlier" and facts.own_date.date == dt.date(2025, 2, 11)


def test_the_report_date_and_the_happening_date_are_both_found():
    facts = facts_of("The Defence Ministry said on Sunday that on Saturday evening Russian forces had delivered "
                     "a strike on military infrastructure facilities in Kharkiv.", context("2023-12-31"))
    assert [(d.text, d.date) for d in facts.dates] == [("on Sunday", dt.date(2023, 12, 31)),
                                                       ("on Saturday evening", dt.date(2023, 12, 30))]


def test_extractors_are_registered_in_order_with_what_they_assign_and_require():
    assert [e.name for e in EXTRACTORS] == ["dates", "times", "actors", "places", "weapons", "triggers", "casualties"]
    assert {e.assigns: e.requires for e in EXTRACTORS}["triggers"] == ("weapons",)
    check_order(EXTRACTORS)


@pytest.mark.parametrize("extractors,message", [
    ((Extractor("triggers", "triggers", ("weapons",), lambda text, ctx, found: []),), "requires weapons"),
    ((Extractor("moods", "moods", (), lambda text, ctx, found: []),), "not a SentenceFacts field"),
    ((Extractor("dates", "dates", (), lambda text, ctx, found: []),) * 2, "assigned twice"),
])
def test_check_order_rejects_a_list_that_cannot_run(extractors, message):
    with pytest.raises(ValueError, match=message):
        check_order(extractors)


def test_analyse_runs_the_registered_list(monkeypatch):
    """Swap the casualty extractor for one that finds nothing: the facts have no casualties."""
    silent = Extractor("casualties", "casualties", (), lambda text, ctx, found: [])
    monkeypatch.setattr(facts_mod, "EXTRACTORS", tuple(silent if e.name == "casualties" else e for e in EXTRACTORS))
    facts = facts_of("Russian forces struck Kharkiv overnight with drones, killing at least three people.")
    assert facts.casualties == [] and facts.fatalities is None
    assert [p.place for p in facts.places] == ["Kharkiv"]
