"""The article context: one tracker of what an article has established, read by every sentence after."""
import dataclasses
import datetime as dt
import hashlib
from pathlib import Path
from types import SimpleNamespace

import pytest

from analysis import context as context_mod
from analysis.context import ArticleContext
from analysis.facts import Sentence, analyse
from analysis.pipeline import extract_article
from analysis.places import gazetteer
from analysis.reader import Article
from analysis.sentences import segment
from analysis.settings import ContextLimits, settings

LIVE_BLOG = ("Live\n"
             "Sunday 24 August 2025\n"
             "07:05 — Russian drones hit Kharkiv, the air force says. Two people were injured.\n"
             "The governor said rescue work goes on.\n"
             "Monday 25 August 2025\n"
             "08:10 — Russian drones hit Odesa, the governor says.\n")


def article_of(text: str, published: str = "2025-06-07", timezone: str = "Europe/Kyiv") -> Article:
    blocks, sentences = segment(text)
    return Article(article_id="t", file="t.txt", path=Path("t.txt"), title=blocks[0].text,
                   published=dt.date.fromisoformat(published), outlet=None, url=None, timezone=timezone,
                   sha256=hashlib.sha256(text.encode()).hexdigest(), text=text, blocks=blocks, sentences=sentences)


def read(article: Article) -> tuple[ArticleContext, list]:
    """The reading pass, as the pipeline makes it: the context before and after each sentence's extractors."""
    ctx, out = ArticleContext.of(article), []
    for n, span in enumerate(article.sentences):
        ctx.begin_sentence(span.section)
        out.append(analyse(Sentence(n, span.paragraph, span.section, span.start, article.text[span.start:span.end]), ctx))
        ctx.after_sentence(out[-1])
    return ctx, out


def test_the_story_date_is_carried_to_the_next_sentence():
    text = "Title\nOn February 12, Russia launched a missile attack on Kyiv.\nA day earlier, Russian drones hit Odesa.\n"
    events = extract_article(article_of(text, "2025-02-14")).events
    assert [(e["location"], e["event_date"], e["date_text"]) for e in events] == [
        ("Kyiv", dt.date(2025, 2, 12), "On February 12"), ("Odesa", dt.date(2025, 2, 11), "A day earlier")]


def test_a_new_section_takes_the_day_of_its_heading():
    article = article_of(LIVE_BLOG, "2025-08-25")
    ctx = ArticleContext.of(article)
    assert {h: m.date for h, m in ctx.headings.items()} == {"Sunday 24 August 2025": dt.date(2025, 8, 24),
                                                            "Monday 25 August 2025": dt.date(2025, 8, 25)}
    ctx.begin_sentence("Sunday 24 August 2025")
    assert ctx.story_day == dt.date(2025, 8, 24)
    ctx.begin_sentence("Background")            # a heading that names no day keeps the story's day
    assert ctx.story_day == dt.date(2025, 8, 24)
    events = extract_article(article).events
    assert [(e["location"], e["event_date"], e["section"]) for e in events] == [
        ("Kharkiv", dt.date(2025, 8, 24), "Sunday 24 August 2025"), ("Odesa", dt.date(2025, 8, 25), "Monday 25 August 2025")]


def test_consolidation_enters_sections_and_paragraphs_with_the_same_cursor():
    ctx, facts = read(article_of(LIVE_BLOG, "2025-08-25"))
    ctx.restart()
    assert ctx.leaves_paragraph(facts[0])
    ctx.enter(facts[0])                         # a stamped entry is dated by its section's heading
    assert ctx.section_date.date == ctx.paragraph_date.date == dt.date(2025, 8, 24)
    ctx.story_date = facts[0].own_date
    assert not ctx.leaves_paragraph(facts[1])
    ctx.enter(facts[2])                         # an unstamped paragraph: no date of its own yet
    assert ctx.paragraph_date is None and ctx.section_date.date == dt.date(2025, 8, 24)
    ctx.enter(facts[3])                         # a new section forgets the last date given in the previous one
    assert ctx.section_date.date == dt.date(2025, 8, 25) and ctx.story_date is None


def test_a_live_blog_entry_is_the_paragraph_of_its_stamp():
    _, facts = read(article_of(LIVE_BLOG, "2025-08-25"))
    assert [(f.paragraph, f.stamp, f.in_entry) for f in facts] == [
        (0, True, True), (0, False, True), (1, False, False), (2, True, True)]


def test_people_named_with_a_title_are_not_places_later():
    text = "Title\nAdmiral Viktor Sokolov attended the meeting in Sevastopol.\nA video showed Sokolov alive.\n"
    ctx, facts = read(article_of(text))
    assert ctx.people == {"Sokolov"} and ctx.city_names == ["Sevastopol"]
    assert [[p.place for p in f.places] for f in facts] == [["Sevastopol"], []]


@pytest.fixture
def three_cities(monkeypatch):
    """The context remembers three cities instead of settings.yaml's 200."""
    small = dataclasses.replace(settings(), context=ContextLimits(max_cities=3))
    monkeypatch.setattr(context_mod, "settings", lambda: small)


CITIES = ["Kharkiv", "Odesa", "Dnipro", "Lviv", "Sumy", "Kherson"]


def test_cities_named_as_where_are_bounded_most_recent_last(three_cities):
    ctx = ArticleContext("t", dt.date(2025, 6, 7), "Europe/Kyiv", "Ukraine")
    for name in [*CITIES, "Dnipro"]:
        ctx.remember(SimpleNamespace(own_date=None, text="", located_places=[gazetteer().lookup(name)], actors=[]))
    assert [c.place for c in ctx.cities] == ["Lviv", "Sumy", "Kherson", "Dnipro"]   # the cap, plus the latest
    assert ctx.paragraph_place.place == "Dnipro"


def test_city_names_for_the_gazetteer_are_bounded_in_order_of_first_mention(three_cities):
    ctx = ArticleContext("t", dt.date(2025, 6, 7), "Europe/Kyiv", "Ukraine")
    for n, name in enumerate([*CITIES, "Dnipro"]):
        ctx.after_sentence(SimpleNamespace(own_date=None, paragraph=n, stamp=False, actors=[], frames=[], background=False,
                                           places=[gazetteer().lookup(name)]))
    assert ctx.city_names == CITIES                                   # each once, in order of first mention
    assert ctx.recent_city_names == ["Lviv", "Sumy", "Kherson"]


def test_the_headline_names_the_storys_first_places():
    """CONTRACT §7: "the region" or "the port" of a body that names no place is the headline's."""
    ctx = ArticleContext.of(article_of("Russian drones hit Odesa and Kharkiv region\nThe port was hit overnight.\n"))
    assert [c.place for c in ctx.cities] == ["Odesa"]
    assert [r.place for r in ctx.regions] == ["Kharkiv Oblast"]


def test_a_speakers_seat_is_not_the_city_of_later_sentences():
    """"The Defence Ministry in Moscow said…": Moscow is where the ministry sits, not "the city" of what follows."""
    ctx = ArticleContext("t", dt.date(2025, 6, 7), "Europe/Kyiv", "Ukraine")
    facts = analyse(Sentence(0, 0, "", 0, "The Defence Ministry in Moscow said 40 drones were destroyed over Bryansk region."), ctx)
    assert [p.place for p in context_mod.speaker_seats(facts)] == ["Moscow"]
    ctx.enter(facts)
    ctx.remember(facts)
    assert ctx.cities == [] and ctx.paragraph_place is None
    assert [r.place for r in ctx.regions] == ["Bryansk Oblast"]


def test_the_seat_precheck_lets_through_every_seat():
    """``context._after_in`` only spares the search where ``SEAT_BEFORE`` cannot end: every place a seat
    ends in real sentences, odd spaces and a letter that folds case included, passes it."""
    from analysis.context import SEAT_BEFORE, _after_in

    texts = ["the Defence Ministry in Moscow said", "officials in  Kyiv", "officials IN\u00a0Kyiv",
             "officials İn Kyiv", "ministry in" + " " * 50 + "Kyiv", "a spokesman in\nBrussels", "Kyiv", ""]
    for path in sorted((Path(__file__).parent / "real").glob("dev*/*.txt"))[:40]:
        texts += path.read_text("utf-8").splitlines()
    seats = 0
    for text in texts:
        for end in range(len(text) + 1):
            if SEAT_BEFORE.search(text, 0, end):
                seats += 1
                assert _after_in(text, end), (text, end)
    assert seats >= 5
