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


@pytest.mark.parametrize("sentence,filed_from,happened", [
    # the outlet in brackets, any case, any dash, spaced or not: the filing city is not where it happened
    ("LVIV (Reuters) -Russian missiles hit Odesa on Monday, the governor said.", "Lviv", ["Odesa"]),
    ("Warsaw (AFP) - Russian drones struck Kharkiv overnight, officials said.", "Warsaw", ["Kharkiv"]),
    ("KYIV, June 7 (Xinhua) -- Russian forces shelled Kherson on Friday, regional officials said.", "Kyiv", ["Kherson"]),
    ("DNIPRO, Ukraine (AP) — A missile struck an apartment block in Zaporizhzhia late on Thursday.", "Dnipro", ["Zaporizhzhia"]),
    ("Kyiv • Daily Bulletin — Drones hit Sumy overnight, the regional administration said.", "Kyiv", ["Sumy"]),
])
def test_datelines_in_all_their_forms_are_not_where_it_happened(sentence, filed_from, happened):
    facts = facts_of(sentence)
    assert facts.dateline_end > 0
    located = [p.place for p in facts.located_places]
    assert filed_from not in located
    assert located == happened


def test_a_dateline_outlet_names_no_actor():
    """"Paris (AFP) -": the filing city stands for no government that acted."""
    facts = facts_of("Paris (AFP) - Russian drones struck Kharkiv overnight, the governor said.")
    assert "France" not in {a.actor for a in facts.actors}
    assert facts.attacker_side == {"Russia"}


@pytest.mark.parametrize("sentence", [
    "(Reporting by our Kyiv bureau; Writing by Jane Doe; Editing by John Roe)",
    "Additional reporting by Anna Smith in Kharkiv",
    "Read also: Drone strike on Odesa port kills two",
    "Note: the institute will cover reports of strikes published after the data cut-off in its next assessment.",
    "By Maria Kowalska",
    "The agency could not independently verify the reports of shelling in Kherson.",
    "Our correspondents were unable to independently verify claims of a strike on Sumy.",
    "The channel makes every effort to report this fast-moving story accurately, but it cannot confirm every statement.",
])
def test_credit_lines_are_never_events(sentence):
    facts = facts_of(sentence)
    assert facts.credit
    assert facts.frames == [] and facts.triggers == [] and facts.located_places == []


@pytest.mark.parametrize("sentence", [
    "Russia said it shot down 30 drones over Belgorod, a claim that could not be independently verified.",
    "By Monday evening, Russian drones had struck Kharkiv three times.",
])
def test_a_claim_with_a_verification_note_still_reports(sentence):
    facts = facts_of(sentence)
    assert not facts.credit and facts.frames


@pytest.mark.parametrize("sentence", [
    "Russia has repeatedly shelled the town since the summer of 2022, local officials say.",
    "The power station has come under repeated attack since the invasion began.",
    "Ukraine uses them mainly to guard against cruise missiles over the capital.",
    "Since the start of the full-scale invasion, Russian strikes have damaged hundreds of schools in Kharkiv.",
    "Russian forces have been trying to encircle the town for months.",
    "After almost three months of Russian shelling, much of the town lies in ruins.",
    "Russian troops also occupied Hostomel airport in the opening days of the full-scale invasion.",
    "Canberra has so far sent 120 Bushmaster armoured vehicles to Ukraine.",
    "The IRIS-T is considered one of the most effective systems for shooting down cruise missiles.",
    "Russia has increasingly struck rail hubs in the east with glide bombs.",
    "The war has displaced more than six million Ukrainians abroad.",
    "Fibre-optic drones are increasingly used by both armies to strike supply routes.",
    "Ukraine's air defences are stretched as Russia fires ever more drones at its cities.",
    "Kyiv and Moscow have traded accusations over the shelling of the plant for years.",
    "Ukraine's counteroffensive failed to break through the Russian lines in 2023.",
    "Since Tuesday evening, 212 drones have been shot down over the region, the ministry said.",
])
def test_background_sentences_are_not_new_happenings(sentence):
    facts = facts_of(sentence)
    assert facts.background and facts.frames == []


@pytest.mark.parametrize("sentence", [
    "Russian drones struck Kharkiv overnight, killing two people.",
    # a day of its own: the happening is in the news window whatever the framing
    "On Friday Russia again shelled the town it has repeatedly targeted since 2022.",
    # a superlative measures a new happening against the past
    "Russia has launched its largest drone attack on Kyiv since the full-scale invasion began.",
    # "long-range" is no "has long …"
    "Ukraine has combined long-range missiles with sea drones to strike a warship in Sevastopol.",
    # a month of this year, or a long-ago date in a clause of its own, does not make history of the sentence
    "Russian forces captured two villages near Siversk in May.",
    "Ankara said it would not recognise the annexation, as it never accepted the seizure of Crimea, which came in 2014.",
    # recent gains told with "lately" are news (an assessment's latest advances)
    "Russian forces have lately captured two villages northeast of Kupiansk.",
])
def test_news_with_a_nod_to_the_past_is_not_background(sentence):
    facts = facts_of(sentence)
    assert not facts.background and facts.frames


@pytest.mark.parametrize("sentence,kind", [
    ("Drones hit an energy facility in the region overnight, the governor said on Telegram.", "region"),
    ("A missile struck the port on Tuesday, damaging two grain silos.", "city"),
    ("Explosions were heard across the city before dawn.", "city"),
    ("The city's mayor said water supplies were restored.", None),
    ("Russian drones struck Kharkiv overnight.", None),
])
def test_a_place_named_only_by_its_kind(sentence, kind):
    assert facts_of(sentence).anaphora == kind


def test_a_speakers_quoted_yesterday_is_not_the_sentences_own_day():
    """ "Yesterday we decided…," she told the meeting: the decision's day is not the day of what the
    sentence reports, nor the story's day for the sentences after it."""
    ctx = context("2022-04-26")
    ctx.story_day = dt.date(2022, 4, 26)
    facts = facts_of('"Yesterday we decided to send air-defence guns," the minister told allied officials.', ctx)
    assert facts.dates and facts.own_date is None
    assert facts.day.date == dt.date(2022, 4, 26)
    # unquoted, the same word still dates the sentence
    assert facts_of("Yesterday the minister decided to send air-defence guns.", ctx).own_date is not None


def test_a_sentence_without_a_day_stands_in_the_storys_day_or_the_publication_date():
    """No happening is left undated (CONTRACT §7): the story's day so far, else the publication date."""
    ctx = context("2023-05-30")
    assert facts_of("The mayor said several buildings were slightly damaged.", ctx).day.date == dt.date(2023, 5, 30)
    ctx.story_day = dt.date(2023, 5, 29)
    assert facts_of("The mayor said several buildings were slightly damaged.", ctx).day.date == dt.date(2023, 5, 29)
    assert facts_of("Drones hit the city on Sunday.", ctx).day.date == dt.date(2023, 5, 28)


def _blog(published: str, heading: str | None) -> ArticleContext:
    ctx = context(published, "Europe/London")
    if heading:
        ctx.headings[heading] = facts_mod.dates_mod.find_dates(heading, ctx.published)[0]
    ctx.begin_sentence(heading or "")
    ctx.story_day = dt.date(2022, 7, 1)     # an earlier entry's "yesterday"
    return ctx


def test_a_live_blog_entry_starts_from_its_sections_day_not_an_earlier_entrys():
    """A stamped entry ("16:41 — …") is dated by its day section's heading, else the publication date;
    the stamp is no event time."""
    text = "16:41 — Shelling killed six people in the town, its mayor said."
    sentence = Sentence(index=5, paragraph=3, section="Saturday, 2 July 2022", start=0, text=text)
    facts = analyse(sentence, _blog("2022-07-03", "Saturday, 2 July 2022"))
    assert facts.stamp and facts.day.date == dt.date(2022, 7, 2)
    sentence = Sentence(index=5, paragraph=3, section="", start=0, text=text)
    assert analyse(sentence, _blog("2022-07-03", None)).day.date == dt.date(2022, 7, 3)


def test_overnight_in_an_earlier_days_section_is_that_days_night():
    """A live blog's Saturday section was written on Saturday: its "overnight" ends on Saturday."""
    text = "Russian drones struck Odesa overnight, the governor said."
    sentence = Sentence(index=2, paragraph=1, section="Saturday, 2 July 2022", start=0, text=text)
    facts = analyse(sentence, _blog("2022-07-03", "Saturday, 2 July 2022"))
    assert facts.own_date.date == dt.date(2022, 7, 2)
    assert facts_of(text, context("2022-07-03")).own_date.date == dt.date(2022, 7, 3)


@pytest.mark.parametrize("sentence,roles,attackers", [
    # a leading source clause names who reports, not who acted
    ("According to Ukraine's military, Russia launched 40 cruise missiles on Monday.",
     {"Ukraine": "speaker", "Russia": "subject"}, {"Russia"}),
    # the subject of a launch verb with a count fires; where the weapon was made is no target
    ("Russia sent 20 attack drones of Iranian design against Ukraine overnight.", None, {"Russia"}),
])
def test_source_clauses_launchers_and_origins(sentence, roles, attackers):
    facts = facts_of(sentence)
    if roles is not None:
        assert {a.actor: a.role for a in facts.actors} == roles
    assert facts.attacker_side == attackers
    assert all(a.role == "modifier" for a in facts.actors if a.actor == "Iran")


def test_the_passive_subject_of_a_measure_is_its_recipient():
    facts = facts_of("Belarus, whose President Alexander Lukashenko backs Moscow's war, will be sanctioned too, "
                     "the Commission president said.")
    roles = {a.text: a.role for a in facts.actors}
    assert roles["Belarus"] == "recipient"
    assert all(r == "modifier" for t, r in roles.items() if t != "Belarus" and "Commission" not in t)


@pytest.mark.parametrize("sentence,first", [
    ("Speaking in Vilnius, where he attended a summit of European leaders, Zelenskyy said talks would go on.", "Ukraine"),
    ("Addressing the UN general assembly by video from Kyiv, the Ukrainian president set out a peace plan.", "Ukraine"),
])
def test_a_leading_participle_clause_does_not_name_the_subject(sentence, first):
    facts = facts_of(sentence)
    assert facts.actors[0].actor == first


def test_a_demonym_before_a_military_site_is_whose_site_was_hit():
    facts = facts_of("A Russian military base in Melitopol has been hit 30 times by Ukrainian forces, the mayor said.")
    roles = {a.actor: a.role for a in facts.actors}
    assert roles["Russia"] == "target"
    assert facts.attacker_side == {"Ukraine"}


@pytest.mark.parametrize("sentence,recipient", [
    ("Poland's ambassador in Minsk was summoned to the Belarusian Foreign Ministry on Monday.", "Poland"),
    ("In Vilnius, Russia's chargé d'affaires was handed a protest note by Lithuania's Foreign Ministry.", "Russia"),
])
def test_an_envoy_summoned_or_handed_a_note_is_the_recipient(sentence, recipient):
    facts = facts_of(sentence)
    assert {a.actor: a.role for a in facts.actors}[recipient] == "recipient"
    assert [t.kind for t in facts.frames] == ["statement"]


def test_the_date_of_an_earlier_happening_compared_with_is_not_the_sentences_own():
    ctx = context("2025-06-02")
    facts = facts_of("The exchange would be bigger than the swap agreed at the first round of talks on May 16.", ctx)
    assert facts.own_date is None
    facts = facts_of("The exchange was agreed on Monday, an official said.", ctx)
    assert facts.own_date is not None and facts.own_date.date == dt.date(2025, 6, 2)
