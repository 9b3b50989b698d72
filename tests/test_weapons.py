"""Tests for analysis.weapons: the gold articles' sentences, common systems of this war, and the
counted things that are not weapons (explosions, apartment blocks, prisoners, money, cars)."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.weapons import CLASSES, ROLES, WeaponMention, find_weapons

GOLD = Path(__file__).parent / "gold"


def found(sentence: str) -> list[tuple]:
    """(weapon, class, count, role) of every mention, checking the offsets on the way."""
    out = []
    for w in find_weapons(sentence):
        assert isinstance(w, WeaponMention)
        assert w.text == sentence[w.start:w.end]
        out.append((w.weapon, w.weapon_class, w.count, w.role))
    return out


def one(sentence: str) -> WeaponMention:
    mentions = find_weapons(sentence)
    assert len(mentions) == 1, mentions
    return mentions[0]


def test_four_iskander_missiles_launched():
    w = one("Preliminary reports suggest that four Iskander ballistic missiles were launched toward the capital.")
    assert (w.weapon, w.weapon_class, w.count, w.role) == ("Iskander ballistic missile", "missile", 4, "launched")
    assert w.text == "four Iskander ballistic missiles"


def test_artillery_guns_supplied():
    assert found("North Korea is reported to have provided Russia with 200 long-range artillery guns.") == [
        ("long-range artillery gun", "artillery", 200, "supplied")]


def test_coordinated_list_shares_its_verb():
    assert found("Russia sent 48 Shahed drones, two missiles and four guided bombs against Kharkiv and its "
                 "outskirts, according to the State Emergency Service.") == [
        ("Shahed drone", "drone", 48, "launched"), ("missile", "missile", 2, "launched"),
        ("guided bomb", "bomb", 4, "launched")]
    assert found("Regional Governor Oleh Syniehubov said that site alone had been targeted by 40 drones, one "
                 "missile and four bombs, and warned that people might still be trapped under the debris.") == [
        ("drone", "drone", 40, "launched"), ("missile", "missile", 1, "launched"), ("bomb", "bomb", 4, "launched")]


def test_nationwide_wave():
    got = found("Nationwide, Russia launched 206 drones, two Iskander-M/KN-23 ballistic missiles and seven guided "
                "and cruise missiles overnight, the Ukrainian air force said.")
    assert got[0] == ("drone", "drone", 206, "launched")
    assert "iskander" in got[1][0].lower() and got[1][1:] == ("missile", 2, "launched")
    assert "cruise missile" in got[2][0] and got[2][1:] == ("missile", 7, "launched")


def test_interceptions_and_another():
    assert found("Air defence units shot down 87 of the drones, while electronic warfare knocked out another 80.") == [
        ("drone", "drone", 87, "intercepted"), ("drone", "drone", 80, "intercepted")]
    assert found("Air defences shot down 34 of the missiles")[0] == ("missile", "missile", 34, "intercepted")


def test_knocked_down_is_an_interception():
    assert found("Air defence crews knocked down 18 Ukrainian drones over the region overnight.")[0] == (
        "drone", "drone", 18, "intercepted")


@pytest.mark.parametrize("sentence, count, owner", [
    ("00:40 — Russia’s Defence Ministry says its air defences brought down 57 Ukrainian drones on Saturday "
     "evening, between 17:00 and 23:30 Moscow time.", 57, "Ukrainian"),
    ("03:15 — The Kursk nuclear power plant says a Ukrainian drone downed by air defences near the station at "
     "00:26 local time blew up as it came down, damaging an auxiliary transformer.", 1, "Ukrainian"),
    ("Governor Alexander Drozdenko says about ten Ukrainian drones were destroyed over the port and that falling "
     "wreckage from one of them started the blaze.", 10, "Ukrainian"),
    ("By the ministry's account the drones were intercepted over the Bryansk, Kaluga and Tver regions", None, None),
    ("About 30 Shaheds were neutralised by mobile fire groups.", 30, None),
])
def test_drones_intercepted_with_owner(sentence, count, owner):
    w = one(sentence)
    assert (w.weapon_class, w.count, w.owner, w.role) == ("drone", count, owner, "intercepted")


def test_energy_barrage():
    assert found("On Friday, Russia fired 67 missiles and 194 attack drones at Ukraine in an overnight assault aimed "
                 "mainly at power and gas production facilities, the Ukrainian air force said.") == [
        ("missile", "missile", 67, "launched"), ("drone", "drone", 194, "launched")]


def test_fighters_are_aircraft_without_count():
    got = found("Air defences shot down 34 of the missiles, and French-supplied Mirage 2000 fighters helped repel "
                "a Russian attack for the first time, flying alongside the country's F-16s.")
    assert got[0] == ("missile", "missile", 34, "intercepted")
    assert got[1] == ("Mirage 2000 fighter", "aircraft", None, "supplied")
    assert got[2][:3] == ("F-16 fighter", "aircraft", None) and got[2][3] != "intercepted"


def test_dobropillia():
    assert found("On Friday evening, two Iskander-M ballistic missiles slammed into the centre of Dobropillia, a "
                 "town in the Donetsk region about 22 kilometres from the front line.") == [
        ("Iskander-M ballistic missile", "missile", 2, "launched")]
    got = found("Regional governor Vadym Filashkin said 11 people were killed and 47 injured, seven of them "
                "children, and that Tornado-S rockets and Geran-2 drones were also used; eight five-storey "
                "apartment blocks, a shopping centre and around 30 cars were damaged or destroyed.")
    assert got == [("Tornado-S rocket", "rocket", None, "launched"), ("Geran-2 drone", "drone", None, "launched")]


def test_kn23_supply_and_more():
    got = found("North Korea has allegedly supplied Russia with 148 KN-23 short-range ballistic missiles and is "
                "expected to send around 150 more this year, according to Ukraine's military intelligence chief.")
    assert [g[1:] for g in got] == [("missile", 148, "supplied"), ("missile", 150, "supplied")]
    assert all("kn-23" in g[0].lower() for g in got)


def test_aid_package_without_counts():
    got = found("more than C$1 billion of the C$2 billion in military aid Ottawa pledged at June's G7 summit will go "
                "on drones, ammunition and armoured vehicles for Ukraine, with deliveries due next month.")
    assert got == [("drone", "drone", None, "supplied"), ("ammunition", "ammunition", None, "supplied"),
                   ("armoured vehicle", "vehicle", None, "supplied")]


def test_vague_and_negated_counts_are_none():
    assert found("Russia launched dozens of drones.") == [("drone", "drone", None, "launched")]
    got = found("meaning no missiles, long-range drones or bombs against energy and other civilian infrastructure")
    assert [(g[1], g[2]) for g in got] == [("missile", None), ("drone", None), ("bomb", None)]


@pytest.mark.parametrize("sentence", [
    "Mayor Ihor Terekhov said more than 40 explosions shook the city within an hour and a half.",
    "officials counted 18 apartment blocks and 13 houses damaged across the city.",
    "Russia and Ukraine have exchanged 146 prisoners of war each in a deal mediated by the UAE.",
    "more than C$1 billion of the C$2 billion in military aid",
    "eight five-storey apartment blocks, a shopping centre and around 30 cars were damaged or destroyed.",
    "Russian forces struck again and damaged a fire engine.",
    "Canada will also put tens of millions of dollars into emergency medical care, bomb shelters and cyber defence.",
    "Two fuel tanks exploded at the depot.",
    "A civilian vehicle was hit.",
    "A suicide bomber blew himself up.",
    "The round of talks begun in Jeddah ended.",
    "The coal mine was flooded.",
    "more than 60 flights have been delayed at St Petersburg’s Pulkovo airport.",
])
def test_not_weapons(sentence):
    assert find_weapons(sentence) == []


@pytest.mark.parametrize("sentence, weapon, klass, count", [
    ("On the morning of February 12, Russia launched a missile attack on the Ukrainian capital", "missile",
     "missile", None),
    ("Moscow vowed to retaliate for Ukraine’s June 1 drone operation against airfields", "drone", "drone", None),
    ("In recent months, Russia has intensified its drone and missile attacks", "drone", "drone", None),
    ("Russia launched 300 drone strikes overnight", "drone", "drone", None),
])
def test_weapon_as_noun_modifier_is_not_counted(sentence, weapon, klass, count):
    w = find_weapons(sentence)[0]
    assert (w.weapon, w.weapon_class, w.count) == (weapon, klass, count)


@pytest.mark.parametrize("phrase, weapon, klass", [
    ("12 Shahed-136 drones", "Shahed-136 drone", "drone"), ("12 Shaheds", "Shahed drone", "drone"),
    ("two Geran-2 drones", "Geran-2 drone", "drone"), ("a Lancet drone", "Lancet loitering munition", "drone"),
    ("two Iskander-K missiles", "Iskander-K cruise missile", "missile"),
    ("two Iskander M missiles", "Iskander-M ballistic missile", "missile"),
    ("three Kinzhal missiles", "Kinzhal hypersonic missile", "missile"),
    ("ten Kalibr cruise missiles", "Kalibr cruise missile", "missile"),
    ("five Kh-101 missiles", "Kh-101 cruise missile", "missile"),
    ("five KH-101s", "Kh-101 cruise missile", "missile"), ("two Kh-22 missiles", "Kh-22 cruise missile", "missile"),
    ("two Kh-59 missiles", "Kh-59 guided missile", "missile"), ("a Kh-69 missile", "Kh-69 cruise missile", "missile"),
    ("four S-300 missiles", "S-300 missile", "missile"), ("two Oniks missiles", "Oniks cruise missile", "missile"),
    ("a Zircon missile", "Zircon hypersonic missile", "missile"),
    ("six KN-24 missiles", "KN-24 ballistic missile", "missile"), ("20 KAB glide bombs", "KAB guided bomb", "bomb"),
    ("a FAB-500 bomb", "FAB-500 aerial bomb", "bomb"), ("12 glide bombs", "glide bomb", "bomb"),
    ("four ATACMS missiles", "ATACMS ballistic missile", "missile"),
    ("two Storm Shadow missiles", "Storm Shadow cruise missile", "missile"),
    ("SCALP missiles", "SCALP cruise missile", "missile"),
    ("three HIMARS", "HIMARS multiple rocket launcher", "artillery"), ("GMLRS rockets", "GMLRS rocket", "rocket"),
    ("a Patriot battery", "Patriot air defence system", "other"),
    ("two IRIS-T systems", "IRIS-T air defence system", "other"), ("NASAMS", "NASAMS air defence system", "other"),
    ("Taurus missiles", "Taurus cruise missile", "missile"),
    ("Tomahawk missiles", "Tomahawk cruise missile", "missile"),
    ("a Neptune missile", "Neptune cruise missile", "missile"),
    ("a Flamingo missile", "Flamingo cruise missile", "missile"),
    ("Bayraktar TB2 drones", "Bayraktar TB2 drone", "drone"), ("18 Leopard 2 tanks", "Leopard 2 tank", "vehicle"),
    ("31 Abrams tanks", "Abrams tank", "vehicle"),
    ("Bradley fighting vehicles", "Bradley infantry fighting vehicle", "vehicle"),
    ("an F-16 jet", "F-16 fighter", "aircraft"), ("Grad rockets", "Grad rocket", "rocket"),
    ("Uragan rockets", "Uragan rocket", "rocket"),
    ("a Smerch launcher", "Smerch multiple rocket launcher", "artillery"),
    ("two 152mm howitzers", "152mm howitzer", "artillery"), ("mortars", "mortar", "artillery"),
    ("three tanks", "tank", "vehicle"), ("armored vehicles", "armoured vehicle", "vehicle"),
    ("155-mm artillery shells", "155mm artillery shell", "ammunition"), ("12 UAVs", "drone", "drone"),
    ("unmanned aerial vehicles", "drone", "drone"), ("cruise missiles", "cruise missile", "missile"),
    ("ballistic missiles", "ballistic missile", "missile"), ("a Su-34 fighter-bomber", "Su-34 bomber", "aircraft"),
])
def test_lexicon(phrase, weapon, klass):
    w = one(f"Reports mention {phrase} near the front.")
    assert (w.weapon, w.weapon_class) == (weapon, klass)


@pytest.mark.parametrize("sentence", [
    "Ukraine asked for more Patriots, the Lancet reported.",  # a journal, not a drone
    "General Leopard and Bradley Cooper met in Kyiv.",
    "Stinger, a band, played in Kyiv.",
])
def test_ambiguous_system_names_need_a_count_or_a_noun(sentence):
    assert all(w.weapon_class != "missile" or w.count is not None for w in find_weapons(sentence))
    names = " ".join(w.weapon for w in find_weapons(sentence))
    assert not any(name in names for name in ("Bradley", "Leopard", "Lancet"))


def test_a_capitalised_plural_of_an_ambiguous_name_is_the_weapon():
    """"Bradleys from the Americans and Marders from the Germans": nobody pluralises a surname so."""
    got = [w.weapon for w in find_weapons("Kyiv will receive Bradleys from the Americans and Marders from Berlin.")]
    assert got == ["Bradley infantry fighting vehicle", "Marder infantry fighting vehicle"]


def test_partitive_interception_gives_launched_total():
    got = found("Ukrainian air defences intercepted 45 of 62 drones launched by Russia overnight.")
    assert ("drone", "drone", 45, "intercepted") in got and ("drone", "drone", 62, "launched") in got


def test_partitive_with_article():
    got = found("The air force said 68 of the 112 drones were shot down and 40 were lost to electronic warfare.")
    assert got == [("drone", "drone", 68, "intercepted"), ("drone", "drone", 112, "launched"),
                   ("drone", "drone", 40, "intercepted")]


def test_weapon_noun_ends_a_coordination_of_modifiers():
    assert found("Russian forces attacked Nikopol with artillery and kamikaze drones.") == [
        ("artillery", "artillery", None, "launched"), ("drone", "drone", None, "launched")]


def test_interception_count_after_launch():
    got = found("Russia launched 42 drones, 35 of them were shot down.")
    assert got == [("drone", "drone", 42, "launched"), ("drone", "drone", 35, "intercepted")]
    got = found("Six drones were shot down over the Kursk region, another two over Belgorod.")
    assert got == [("drone", "drone", 6, "intercepted"), ("drone", "drone", 2, "intercepted")]


def test_attack_verbs_take_targets_and_instruments():
    assert found("Ukraine hit two Russian Su-34 jets at Marinovka airfield.")[0][3] == "mentioned"  # the target
    got = found("The Ukrainian Navy destroyed a Russian landing ship with Magura sea drones.")
    assert got[-1] == ("Magura naval drone", "drone", None, "launched")  # the instrument
    assert [g[3] for g in found("The attack involved 40 attack drones, 5 cruise missiles and 2 ballistic missiles.")] \
        == ["launched"] * 3
    assert found("Air defences shot down both missiles.") == [("missile", "missile", 2, "intercepted")]


def test_aircraft_destroyed_on_the_ground_are_not_intercepted():
    got = found("Ukraine struck the Engels airbase with long-range drones, destroying two Tu-95MS strategic bombers.")
    assert got[1][:3] == ("Tu-95MS strategic bomber", "aircraft", 2) and got[1][3] != "intercepted"


def test_gold_articles_have_their_weapons():
    text = (GOLD / "A1_kharkiv-combined-strike.txt").read_text(encoding="utf-8")
    got = [(w.weapon, w.count, w.role) for w in find_weapons(text) if w.count is not None]
    assert ("Shahed drone", 48, "launched") in got and ("drone", 87, "intercepted") in got
    assert ("drone", 80, "intercepted") in got and ("guided bomb", 4, "launched") in got
    for path in GOLD.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        mentions = find_weapons(text)
        assert mentions == sorted(mentions, key=lambda w: w.start)
        assert all(w.text == text[w.start:w.end] and w.role in ROLES and w.weapon_class in CLASSES for w in mentions)


WORDS = ["four", "Iskander", "ballistic", "missiles", "drones", "Shahed", "of the", "another", "a", "an", "more",
         "shot down", "launched", "were", "Ukrainian", "Russia's", "-made", "-", "/", "KN-23", "F-16s", "1,200",
         "dozens", "and", ",", ".", "’s", "twenty-one", "glide", "bombs", "tanks", "fuel", "150", "2022", "June",
         "Mirage 2000", "artillery", "guns", " ", "\n", "İ", "intercepted", "45 of 62"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.text(max_size=10), st.sampled_from(WORDS)), max_size=25))
def test_find_weapons_never_raises(parts):
    text = " ".join(parts)
    mentions = find_weapons(text)
    for w in mentions:
        assert w.text == text[w.start:w.end]
        assert w.count is None or (isinstance(w.count, int) and w.count >= 0)
        assert w.role in ROLES and w.weapon_class in CLASSES and w.weapon
    assert [w.start for w in mentions] == sorted(w.start for w in mentions)




def test_a_slashed_model_pair_is_one_system():
    assert found("Moscow sent 40 Shahed-136/131 drones at the port overnight.") == [
        ("Shahed-136 drone", "drone", 40, "launched")]


def test_an_origin_phrase_does_not_hide_the_target_of_sent():
    (w,) = find_weapons("Russia sent 12 attack drones of Iranian make against Odesa before dawn.")
    assert (w.count, w.role) == (12, "launched")


def test_every_one_of_them_counts_all_that_were_launched():
    mentions = find_weapons("The enemy launched 18 Shahed drones, and air defences downed every one of them.")
    assert [(w.weapon, w.count, w.role) for w in mentions] == [
        ("Shahed drone", 18, "launched"), ("Shahed drone", 18, "intercepted")]
    # a real "one of them" is still one
    assert found("Russia launched 9 drones; one of them was shot down.")[-1][2] == 1


def test_a_post_modified_subject_takes_the_role_of_its_main_verb():
    (w,) = find_weapons("Two Tochka-U missiles with cluster warheads aimed at the city were intercepted by air defences.")
    assert (w.weapon, w.count, w.role) == ("Tochka-U ballistic missile", 2, "intercepted")


def test_all_of_them_downed_counts_what_was_launched():
    mentions = find_weapons("The ministry said Kyiv had attacked the capital with nine drones and that all of them had been shot down.")
    assert [(w.weapon, w.count, w.role) for w in mentions] == [("drone", 9, "launched"), ("drone", 9, "intercepted")]
