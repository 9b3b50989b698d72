"""Tests for analysis.casualties: killed/injured lower bounds from the gold articles' sentences, the
explicit zeros, and the numbers that count something else (ages, partitives, prisoners)."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.casualties import CasualtyMention, find_casualties, totals

GOLD = Path(__file__).parent / "gold"


def tally(sentence: str) -> tuple[int | None, int | None]:
    mentions = find_casualties(sentence)
    for m in mentions:
        assert isinstance(m, CasualtyMention)
        assert m.text == sentence[m.start:m.end]
    return totals(mentions)


@pytest.mark.parametrize("sentence, killed, injured", [
    ("On the morning of February 12, Russia launched a missile attack on the Ukrainian capital, Kyiv, resulting "
     "in at least one fatality.", 1, None),
    ("The incident in the Podilskyi district claimed at least one life, though further details of the tragedy "
     "are still emerging.", 1, None),
    ("Russian forces struck Kharkiv overnight with a combined wave of drones, missiles and guided aerial bombs, "
     "killing at least three people and wounding at least 21 in what the city's mayor described as the heaviest "
     "attack.", 3, 21),
    ("Russia strikes Kharkiv with drones, missiles and guided bombs, killing at least 3", 3, None),
    ("A 30-year-old woman was killed and 18 people were wounded, three of them seriously, Syniehubov said.", 1, 18),
    ("Further south, Russian shelling overnight killed a married couple, a 56-year-old man and a 54-year-old "
     "woman, in Kherson and damaged two high-rise buildings.", 2, None),
    ("Regional governor Vadym Filashkin said 11 people were killed and 47 injured, seven of them children, and "
     "that Tornado-S rockets and Geran-2 drones were also used.", 11, 47),
    ("The city had already come under fire on Thursday, when Russian strikes wounded at least 18 people, four of "
     "them children.", None, 18),
    ("Eleven Killed in Double Strike on Dobropillia", 11, None),
    ("Nobody was injured and background radiation is unchanged, according to the plant.", None, 0),
    ("Preliminary reports mention no casualties.", 0, 0),
    ("No one has been reported hurt.", None, 0),
    ("Officials said the death toll rose to 12.", 12, None),
    # the toll noun and its verb apart, the happening between them
    ("The number of people killed when Russian missiles hit a shopping centre in the city rose to 14 on Tuesday.",
     14, None),
    ("The death toll from the Russian missile strike on Kryvyi Rih has risen to 20, including nine children.",
     20, None),
    ("Later two people died in hospital.", 2, None),
    ("There were five dead and 20 wounded.", 5, 20),
    ("14 civilians were hurt.", None, 14),
    ("Three people, including a child, were killed when a missile struck a residential building.", 3, None),
    ("At least 14 people have been killed and 52 wounded.", 14, 52),
    ("A drone attack on Odesa injured five people, including two children, the governor said.", None, 5),
    ("Two rescuers were among those killed.", 2, None),
    ("One person was killed and another injured.", 1, 1),
    ("The strike took the lives of five people.", 5, None),
    ("A family of four died in the fire.", 4, None),
    ("Five people were hospitalised with injuries.", None, 5),
    ("Ukraine says 1,200 Russian soldiers were killed in the past day.", 1200, None),
    ("No one was killed, but 5 were injured.", 0, 5),
    ("A Russian strike on a hospital killed a doctor and wounded 12 patients.", 1, 12),
    ("The attack killed a man and a woman.", 2, None),
    ("A man aged 56 was killed.", 1, None),
    ("The shelling left a girl of 12 dead and wounded four other people, the regional prosecutor said.", 1, 4),
    ("In the Vasylivka district a woman of 61 was killed at home, an official said.", 1, None),
    ("Twenty-one people were wounded.", None, 21),
    ("Two people died and 14 others were injured.", 2, 14),
    ("Russian shelling killed 1 and injured 4 in Kherson Oblast over the past day.", 1, 4),
    ("The guided aerial bomb hit a five-storey building, injuring 13.", None, 13),
    ("The number of injured has risen to 34.", None, 34),
    # stop 19: the victims named with "the", a pair by kin, an age for the person, "a further death"
    ("Debris fell on a minibus near the village, killing the three men inside.", 3, None),
    ("A husband and wife were killed when a drone hit their house in the Sumy region.", 2, None),
    ("The regional governor said a 72-year-old died after shelling in the town.", 1, None),
    ("A further death was reported in the Zaporizhzhia region on Monday.", 1, None),
    ("Police said 11 villagers were found dead in a burned-out van on the road out of the town.", 11, None),
])
def test_casualty_counts(sentence, killed, injured):
    assert tally(sentence) == (killed, injured)


@pytest.mark.parametrize("sentence", [
    "In the Osnovianskyi district, flats went up in flames, and one of the deaths was recorded there.",
    "A baby about six weeks old and a 14-year-old girl were among the injured, Terekhov said on Telegram.",
    "A child was among the dead.",
    "The sustained escalation has caused widespread destruction and loss of life.",
    "Russia and Ukraine have exchanged 146 prisoners of war each.",
    "a 56-year-old man and a 54-year-old woman",
    "Rescuers pulled a woman alive from the ruins of a residential building.",
    "There were no immediate reports of casualties.",
    "Dozens of people were killed.",
    "He was killed 3 km from the front line.",
    "Five people were killed or injured.",
    "Mayor Ihor Terekhov said more than 40 explosions shook the city.",
    "Killed in Double Strike on Dobropillia",
    "The mother of two was killed when a Shahed struck her home.",
    "Police said 3 people were detained.",
])
def test_no_count_stated(sentence):
    assert tally(sentence) == (None, None)


def test_no_casualties_gives_both_kinds():
    mentions = find_casualties("Preliminary reports mention no casualties.")
    assert sorted((m.kind, m.count) for m in mentions) == [("injured", 0), ("killed", 0)]
    assert all(m.text == "no casualties" for m in mentions)


def test_totals_take_the_largest_not_the_sum():
    mentions = find_casualties("Eleven Killed in Double Strike. 11 people were killed and 47 injured.")
    assert totals(mentions) == (11, 47)
    assert totals([]) == (None, None)


def test_mention_fields():
    m = find_casualties("killing at least three people and wounding at least 21")
    assert [(x.kind, x.count, x.text) for x in m] == [("killed", 3, "killing at least three"),
                                                     ("injured", 21, "wounding at least 21")]


def test_gold_articles():
    text = (GOLD / "A1_kharkiv-combined-strike.txt").read_text(encoding="utf-8")
    mentions = find_casualties(text)
    assert all(m.text == text[m.start:m.end] for m in mentions)
    assert {(m.kind, m.count) for m in mentions} >= {("killed", 3), ("injured", 21), ("killed", 1), ("injured", 18),
                                                     ("killed", 2)}
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)


WORDS = ["killed", "Killed", "injured", "wounded", "hurt", "people", "civilians", "a", "an", "one", "no one",
         "Nobody", "were", "was", "at least", "four", "1,200", "twenty-one", "of them", "death toll", "rose to",
         "12", "no casualties", "claimed", "life", "lives", "couple", "married", "56-year-old", "aged", ",", ".",
         "including", "among those", "dead", "died", "2022", "June", "dozens", " ", "\n", "İ", "another"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.text(max_size=10), st.sampled_from(WORDS)), max_size=25))
def test_find_casualties_never_raises(parts):
    text = " ".join(parts)
    mentions = find_casualties(text)
    for m in mentions:
        assert m.text == text[m.start:m.end]
        assert isinstance(m.count, int) and m.count >= 0
        assert m.kind in ("killed", "injured")
    killed, injured = totals(mentions)
    assert killed is None or killed >= 0
    assert injured is None or injured >= 0


@pytest.mark.parametrize("sentence,killed", [
    # a toll raised by new finds: "bringing the number … to N"
    ("Crews found two more victims on Monday, bringing the number of people killed by the strike to 14.", 14),
    # the dead counted as they are recovered from the ruins
    ("By noon, rescuers had recovered the bodies of three people from the collapsed building.", 3),
    ("Firefighters pulled out the bodies of 6 residents overnight.", 6),
    ("Rescue teams pulled four bodies out of the collapsed school on Friday.", 4),
])
def test_tolls_raised_and_bodies_recovered(sentence, killed):
    assert totals(find_casualties(sentence))[0] == killed


def test_bodies_handed_back_and_distances_are_no_toll():
    assert totals(find_casualties("The bodies of 500 fallen soldiers were handed over to Ukraine."))[0] is None
    assert totals(find_casualties("Rescuers recovered the bodies of 2 km of the road."))[0] is None
