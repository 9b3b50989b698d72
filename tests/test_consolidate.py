"""Event building and consolidation on small real-text articles: one event per happening."""
import datetime as dt
import hashlib
from pathlib import Path

import pytest

from analysis.pipeline import extract_article
from analysis.reader import Article
from analysis.sentences import segment
from analysis.weapons import find_weapons, weapon_operator


def events_of(text: str, published: str = "2025-06-07", timezone: str = "Europe/Kyiv",
              category: str | None = None) -> list[dict]:
    """The event rows of one article made of ``text``, only those of ``category`` when given."""
    blocks, sentences = segment(text)
    article = Article("t", "t.txt", Path("t.txt"), blocks[0].text, dt.date.fromisoformat(published), None, None,
                      timezone, hashlib.sha256(text.encode()).hexdigest(), text, blocks, sentences)
    return [e for e in extract_article(article).events if category is None or e["category"] == category]


def test_follow_up_sentences_merge_into_one_attack():
    text = ("Title line\n"
            "On the morning of February 12, Russia launched a missile attack on the Ukrainian capital, Kyiv, resulting in at least one fatality. "
            "The attack triggered fires across several districts, including Holosiivskyi and Podilskyi. "
            "Explosions were first reported around 4:30 a.m. local time. "
            "Preliminary reports suggest that four Iskander ballistic missiles were launched toward the capital.\n")
    (ev,) = events_of(text, "2025-02-12")
    assert (ev["category"], ev["actor1"], ev["location"], ev["time_local"], ev["weapon_count"], ev["fatalities"]) == \
        ("attack", "Russia", "Kyiv", "04:30", 4, 1)


def test_a_new_city_or_time_is_a_new_event():
    text = ("Title line\n"
            "Russian forces struck Kharkiv overnight with drones, killing at least three people.\n"
            "At about 5:35 p.m., four guided bombs fell on the Shevchenkivskyi and Kyivskyi districts of Kharkiv.\n"
            "Further south, Russian shelling overnight killed a married couple in Kherson.\n")
    evs = events_of(text)
    assert [(e["location"] if e["location"] != "Shevchenkivskyi" else "Kharkiv", e["time_local"]) for e in evs] == [
        ("Kharkiv", None), ("Kharkiv", "17:35"), ("Kherson", None)]
    assert [e["fatalities"] for e in evs] == [3, None, 2]


def test_interception_is_its_own_event_by_the_defender():
    text = ("Title line\n"
            "On Friday, Russia fired 67 missiles and 194 attack drones at Ukraine in an overnight assault. "
            "Air defences shot down 34 of the missiles.\n")
    attack, ad = events_of(text, "2025-03-10")
    assert (attack["category"], attack["weapon_count"], attack["event_date"]) == ("attack", 67, dt.date(2025, 3, 7))
    assert (ad["category"], ad["actor1"], ad["actor2"], ad["weapon_count"], ad["event_date"]) == \
        ("air_defense", "Ukraine", "Russia", 34, dt.date(2025, 3, 7))


def test_report_date_is_not_the_strike_date():
    text = ("Title line\n"
            "The Defence Ministry said on Sunday that on Saturday evening Russian forces had delivered a strike "
            "on military infrastructure facilities in Kharkiv.\n")
    (ev,) = events_of(text, "2023-12-31", "Europe/Moscow")
    assert (ev["category"], ev["actor1"], ev["event_date"]) == ("attack", "Russia", dt.date(2023, 12, 30))


def test_strike_in_held_territory_is_attributed_by_weapon_and_control():
    text = ("Title line\n"
            "Last Friday, Storm Shadow missiles slammed into the fleet’s headquarters in the centre of Sevastopol.\n"
            "The ministry said air defences brought down five missiles.\n")
    attack, ad = events_of(text, "2023-09-27")
    assert (attack["actor1"], attack["actor2"], attack["location"]) == ("Ukraine", "Russia", "Sevastopol")
    assert (ad["actor1"], ad["actor2"], ad["weapon_count"]) == ("Russia", "Ukraine", 5)


def test_casualties_in_another_region_open_their_own_event():
    text = ("Live\nSunday 25 May 2025 — live coverage\n"
            "07:05 — Russia fired 298 drones and 69 missiles at Ukraine overnight, the air force says.\n"
            "08:40 — In the Kyiv region, four people were killed and more than a dozen injured, the governor says.\n")
    wave, kyiv = events_of(text, "2025-05-25")
    assert wave["weapon_count"] == 298 and kyiv["fatalities"] == 4 and kyiv["admin1"] == "Kyiv Oblast"


def test_hypothetical_and_negated_attacks_are_not_events():
    text = ("Title line\n"
            "The US embassy in Kyiv shut for the day after receiving information of a potential significant air attack. "
            "Moscow broke its pledge not to hit energy facilities, officials said.\n")
    assert events_of(text, category="attack") == []


def test_prisoner_exchange_takes_the_articles_side_first():
    text = ("Title line\n"
            "Prisoner swap: Russia and Ukraine have exchanged 146 prisoners of war each in a deal mediated by the United Arab Emirates.\n")
    (ev,) = events_of(text, "2025-08-24")
    assert (ev["category"], ev["actor1"], ev["actor2"]) == ("humanitarian", "Ukraine", "Russia")


@pytest.mark.parametrize("sentence,side", [
    ("Storm Shadow missiles slammed into the headquarters.", "Ukraine"),
    ("Shahed drones struck Kharkiv overnight.", "Russia"),
    ("Drones struck Kharkiv overnight.", None),
])
def test_weapon_operator(sentence, side):
    assert weapon_operator(find_weapons(sentence)) == side


def test_both_sides_claims_about_one_night_and_a_total_with_breakdowns():
    """Each side's claim is its own air-defence event; a total and its regional figures are each an event,
    never added up or copied onto each other."""
    text = ("Title line\n"
            "Russia's Defence Ministry said its air defences destroyed 30 Ukrainian drones overnight: "
            "18 over the Belgorod Region and 12 over the Kursk Region.\n"
            "Ukraine's air force said it shot down 44 of the 60 drones Russia launched overnight.\n")
    evs = [(e["category"], e["actor1"], e["actor2"], e["location"], e["weapon_count"]) for e in events_of(text, "2025-02-20")]
    assert evs == [("air_defense", "Russia", "Ukraine", None, 30),
                   ("air_defense", "Russia", "Ukraine", "Belgorod Oblast", 18),
                   ("air_defense", "Russia", "Ukraine", "Kursk Oblast", 12),
                   ("air_defense", "Ukraine", "Russia", None, 44)]


def test_regional_figures_without_a_weapon_count_what_the_total_counted():
    text = ("Title line\n"
            "Russian air defences shot down 90 Ukrainian drones overnight, the Defence Ministry said.\n"
            "It said 40 of them were destroyed over the Bryansk Region and 25 over the Oryol Region.\n")
    evs = [(e["location"], e["weapon"], e["weapon_count"]) for e in events_of(text, "2025-02-20")]
    assert evs[1:] == [("Bryansk Oblast", "drone", 40), ("Oryol Oblast", "drone", 25)]
    assert evs[0][2] == 90


def test_a_joint_pledge_makes_one_row_per_donor():
    text = ("Title line\n"
            "Norway and Finland pledged new air-defence systems to Ukraine at the meeting on Thursday.\n")
    evs = events_of(text, "2025-02-20")
    assert [(e["category"], e["actor1"], e["actor2"]) for e in evs] == [
        ("military_support", "Norway", "Ukraine"), ("military_support", "Finland", "Ukraine")]
    assert len({e["event_id"] for e in evs}) == 2


def test_the_dead_of_an_attack_are_not_the_interceptions():
    text = ("Title line\n"
            "Russian air defences shot down 50 Ukrainian drones overnight, the Defence Ministry said.\n"
            "It said 20 of them were destroyed over the Tula Region and 15 over the Kaluga Region.\n"
            "Governor Vladislav Shapsha said the attack had left one person dead and three injured across the Kaluga region.\n")
    evs = events_of(text, "2025-02-20")
    (attack,) = [e for e in evs if e["category"] == "attack"]
    assert (attack["actor1"], attack["location"], attack["fatalities"], attack["injuries"]) == ("Ukraine", "Kaluga Oblast", 1, 3)
    assert all(e["fatalities"] is None for e in evs if e["category"] == "air_defense")


def test_a_place_named_only_in_the_headline():
    """CONTRACT §7: "the port" and "the region" are the headline's places when the body names none."""
    (ev,) = events_of("Russian drones hit Odesa overnight\nRussian drones struck the port overnight, injuring three people.\n")
    assert ev["location"] == "Odesa"
    (ev,) = events_of("Drone attack on Kharkiv region\nA Russian drone struck a farm in the region overnight, killing two people.\n")
    assert ev["location"] == "Kharkiv Oblast"


def test_background_sentences_lend_no_figures_to_an_event():
    """A background sentence ("has repeatedly struck … since 2022, killing …") is no mention of today's attack."""
    text = ("Russian drones target Kyiv\nRussia launched 40 drones at Kyiv overnight, the air force said. "
            "Russia has repeatedly struck the capital's energy grid since 2022, killing at least 120 civilians.\n")
    (ev,) = events_of(text)
    assert (ev["location"], ev["weapon_count"], ev["fatalities"]) == ("Kyiv", 40, None)


def test_a_withdrawal_in_an_article_is_an_attack_by_the_other_side():
    (ev,) = events_of("Front line\nUkrainian troops withdrew from Sievierodonetsk on Friday after weeks of street fighting.\n")
    assert (ev["category"], ev["actor1"], ev["actor2"], ev["location"], ev["event_type"], ev["cameo_code"]) == \
        ("attack", "Russia", "Ukraine", "Sievierodonetsk", "Battles", "192")


def test_a_denial_is_a_statement_against_the_other_side():
    text = ("Title line\n"
            "Moscow said on Saturday its forces had captured the town of Vuhledar.\n"
            "Kyiv denied the town had fallen.\n")
    evs = events_of(text, "2025-06-07")
    denial = [e for e in evs if e["category"] == "diplomacy"]
    assert [(e["actor1"], e["actor2"]) for e in denial] == [("Ukraine", "Russia")]


def test_breakdowns_take_the_system_the_total_named():
    text = ("Title line\n"
            "Russia launched 30 Shahed drones at Ukraine overnight, and air defences destroyed every one of them, the air force said.\n"
            "Four of the drones were shot down over Poltava Oblast, the regional governor said.\n")
    evs = events_of(text, category="air_defense")
    assert [(e["weapon"], e["weapon_count"]) for e in evs] == [("Shahed drone", 30), ("Shahed drone", 4)]


def test_an_undated_pledge_told_as_news_is_the_day_of_the_report():
    text = ("Title line\n"
            "Canada and Norway pledged new air defence systems to Ukraine at the meeting.\n"
            "Britain has provided Ukraine with 14 Challenger tanks so far.\n")
    evs = events_of(text, "2025-04-11", category="military_support")
    dated = {e["actor1"]: (str(e["event_date"])[:10] if e["event_date"] is not None and str(e["event_date"]) != "NaT" else None)
             for e in evs}
    assert dated.get("Canada") == "2025-04-11" and dated.get("Norway") == "2025-04-11"
    assert dated.get("United Kingdom") is None


def test_measures_against_two_states_are_two_events():
    text = ("Title line\n"
            "The European Union will outlaw Russian state media, the Commission president said on Sunday.\n"
            "Belarus, whose leader backs Moscow, will be targeted too, the European Union said, pledging a fresh round of sanctions.\n")
    evs = events_of(text, "2022-02-27", category="diplomacy")
    assert [(e["actor1"], e["actor2"]) for e in evs] == [("European Union", "Russia"), ("European Union", "Belarus")]


def test_a_live_blog_summary_line_and_its_entry_are_one_happening():
    text = ("Title line\n"
            "Summary\n"
            "Russian shelling has killed at least six people in Sloviansk, according to its mayor.\n"
            "Six dead in Sloviansk shelling\n"
            "Russian multiple rocket launchers have bombarded Sloviansk, killing at least six people, the mayor said.\n")
    evs = events_of(text, "2022-07-03", category="attack")
    assert [(e["actor1"], e["location"], e["fatalities"]) for e in evs] == [("Russia", "Sloviansk", 6)]


def test_a_statement_placed_at_a_country_takes_the_city_where_it_was_said():
    text = ("Title line\n"
            "Putin said on Thursday that letting Kyiv hit targets deep inside Russia would mean NATO is at war with Russia. "
            "Such a step would change the nature of the conflict, he told reporters in St. Petersburg.\n")
    evs = events_of(text, "2024-09-12", category="diplomacy")
    assert [(e["actor1"], e["location"]) for e in evs] == [("Russia", "Saint Petersburg")]


def test_a_denial_after_the_claim_is_by_the_side_that_denies():
    text = ("Title line\n"
            "Russia's Defence Ministry said on Friday its troops had seized the town of Siversk, "
            "but the Ukrainian military rejected the claim and said fighting went on.\n")
    evs = events_of(text, "2025-02-07")
    assert sorted((e["category"], e["actor1"], e["actor2"]) for e in evs) == [
        ("attack", "Russia", "Ukraine"), ("diplomacy", "Ukraine", "Russia")]


@pytest.mark.parametrize("text, published, column, expected", [
    pytest.param("Title line\n"
                 "Russian guided bombs hit a hardware store in Kharkiv on Saturday afternoon, killing two people.\n"
                 "About three hours later, a Russian S-300 missile struck near an office building in the city centre of "
                 "Kharkiv.\n", "2024-05-25", "weapon", ["S-300 missile", "guided bomb"],
                 id="another-kind-of-weapon"),
    pytest.param("Kharkiv hit twice\n"
                 "16:40 — Two guided bombs struck a shopping centre in the Kyivskyi district of Kharkiv, the governor says.\n"
                 "17:30 — Terekhov says a missile hit a residential street in the Saltivskyi district at 17:10.\n",
                 "2024-06-01", "location", ["Kyivskyi", "Saltivskyi"], id="two-districts-of-one-city"),
])
def test_two_blows_on_one_city_are_two_attacks(text, published, column, expected):
    # a blow by another kind of weapon, or on another named district, is another attack
    evs = events_of(text, published, category="attack")
    assert sorted(e[column] for e in evs) == expected


def test_a_toll_update_keeps_the_day_of_the_happening():
    text = ("Title line\n"
            "The number of people killed by the bombing of the store in Kharkiv on Saturday has risen to 18, "
            "the governor said on Monday.\n")
    (ev,) = events_of(text, "2024-05-27")
    assert (str(ev["event_date"])[:10], ev["fatalities"]) == ("2024-05-25", 18)


# -- round 3: toll dates, swaps told from both ends, tallies of another scale, headline weapons ------------

def test_a_toll_raised_on_a_later_day_keeps_the_strike_day():
    text = ("Toll from drone strike on apartment block in Mykolaiv rises to 9\n"
            "MYKOLAIV, Ukraine (AP) — Rescuers pulled two more bodies from the rubble in Mykolaiv on Monday, bringing the number "
            "of people killed by a Russian drone strike to 9, officials said.\n"
            "The drone hit the five-storey building in Mykolaiv early on Sunday.\n")
    evs = events_of(text, "2025-06-09", category="attack")
    assert len(evs) == 1
    assert (evs[0]["event_date"], evs[0]["fatalities"]) == (dt.date(2025, 6, 8), 9)


def test_one_exchange_told_by_both_sides_is_one_event():
    text = ("Kyiv and Moscow swap prisoners\n"
            "Russia and Ukraine exchanged hundreds of prisoners of war on Thursday, the latest swap brokered by Qatar.\n"
            "Kyiv said 150 Ukrainians were coming home, among them defenders captured in Mariupol.\n"
            "Russia's Defence Ministry said 150 Russian servicemen had been brought back from Ukrainian-held territory.\n"
            "Footage from Moscow showed freed Russian soldiers waving from a bus.\n")
    evs = events_of(text, "2025-06-05", category="humanitarian")
    assert len(evs) == 1
    assert evs[0]["location"] is None or evs[0]["location"] != "Moscow"


def test_a_headlines_undated_exchange_is_the_bodys_swap():
    text = ("Kyiv and Moscow thank Qatar for brokering latest prisoner swap\n"
            "Ukraine and Russia said on Tuesday that they had carried out another prisoner swap, with 95 servicemen "
            "returning home on each side.\n")
    evs = events_of(text, "2025-03-05", category="humanitarian")
    assert len(evs) == 1
    assert evs[0]["event_date"] == dt.date(2025, 3, 4)


def test_the_barrage_total_is_not_more_about_one_blow():
    text = ("Missiles hit Lviv\n"
            "One missile landed next to a school in the centre of Lviv shortly after 7 a.m., killing two people.\n"
            "The army chief said Russia had launched 60 missiles during the morning and that air defences had "
            "brought down 38 of them.\n")
    evs = events_of(text, "2025-06-05")
    attacks = [e for e in evs if e["category"] == "attack"]
    assert sorted(e["weapon_count"] for e in attacks) == [1, 60]
    (ad,) = [e for e in evs if e["category"] == "air_defense"]
    assert ad["location"] != "Lviv"   # 38 downed are no part of "one missile"


def test_the_headline_names_the_lead_strikes_weapon():
    text = ("Shahed hits apartment block in Sumy\n"
            "A Russian attack drone struck a residential building in Sumy overnight, killing two people.\n")
    (ev,) = events_of(text, "2025-06-05")
    assert "Shahed" in ev["weapon"]


def test_bodies_recovered_from_a_store_are_no_repatriation():
    text = ("Strike on a store in Kharkiv\n"
            "Russian guided bombs hit a hardware store in Kharkiv on Saturday, killing 12 people.\n"
            "Most of the bodies recovered from the burned-out store have been identified.\n")
    assert [e["category"] for e in events_of(text, "2025-06-09")] == ["attack"]


def test_the_attackers_casualty_claim_is_not_the_strikes_toll():
    text = ("School hit in Sloviansk\n"
            "Russian shelling of Sloviansk destroyed a school on Tuesday, Ukrainian officials said. "
            "Rescuers pulled two bodies out of the ruins of the school.\n"
            "According to Lt. Gen. Igor Konashenkov, the Defense Ministry's spokesman, more than 200 Ukrainian "
            "soldiers died in Tuesday's attack because they had turned the school into a base.\n")
    attacks = events_of(text, "2025-06-04", category="attack")
    assert [e["fatalities"] for e in attacks] == [2]
