"""Actors: canonical names, details and role hints on real sentences from the corpus."""
import pytest

from analysis.actors import find_actors, opponent, perspective_of


def actors(text):
    return [(m.actor, m.role) for m in find_actors(text)]


def test_person_with_demonym_title_maps_to_country():
    found = find_actors("Russian Foreign Minister Sergei Lavrov, interviewed on NBC's Meet the Press, says no Putin–Zelensky meeting is planned.")
    assert [m.actor for m in found] == ["Russia", "Russia", "Ukraine"]
    assert found[0].detail == "Russian Foreign Minister Sergei Lavrov"
    assert "NBC" not in [m.text for m in found]  # media are never actors


def test_mayor_with_capital_title_is_ukraine_and_a_speaker():
    (m,) = find_actors("Kyiv Mayor Vitali Klitschko reported a significant industrial fire in the Obolon district.")
    assert (m.actor, m.detail, m.role) == ("Ukraine", "Kyiv Mayor Vitali Klitschko", "speaker")


def test_pentagon_chief_is_united_states():
    found = find_actors("Speaking on February 11, the Pentagon chief emphasized the US’s focus on providing military aid and intelligence support to Ukraine.")
    assert [m.actor for m in found] == ["United States", "United States", "Ukraine"]
    assert found[-1].role == "recipient"


def test_unit_after_demonym_goes_to_detail():
    found = find_actors("On February 11, Ukrainian forces confirmed striking Russia’s Saratov oil refinery.")
    assert found[0].detail == "Ukrainian forces" and found[0].role == "subject"
    assert found[1].actor == "Russia" and found[1].role == "possessive"


def test_capital_is_an_actor_only_as_subject():
    assert actors("Kyiv wants a just peace in which Ukrainians alone decide their future.")[0] == ("Ukraine", "subject")
    assert ("Ukraine", "subject") not in actors("Speaking at the ceremony in Kyiv, he said nothing.")
    assert actors("Russia launched a missile attack on the Ukrainian capital, Kyiv, resulting in one fatality.") == [
        ("Russia", "subject"), ("Ukraine", "target")]


def test_supplied_modifier_is_not_an_actor():
    found = actors("French-supplied Mirage 2000 fighters helped repel a Russian attack for the first time.")
    assert found == [("Russia", "subject")]


def test_unknown_titled_person_is_found_without_a_country():
    (m,) = find_actors("Regional Governor Oleh Syniehubov said that site alone had been targeted by 40 drones.")
    assert m.actor is None and m.kind == "titled" and m.detail == "Regional Governor Oleh Syniehubov"


def test_saudi_crown_prince():
    found = find_actors("On Monday, Zelensky flew to Jeddah and met Saudi Crown Prince Mohammed bin Salman.")
    assert [m.actor for m in found] == ["Ukraine", "Saudi Arabia"]


@pytest.mark.parametrize("tz,country", [("Europe/Kyiv", "Ukraine"), ("Europe/Moscow", "Russia"), ("Nowhere/Else", None)])
def test_perspective_from_timezone(tz, country):
    assert perspective_of(tz) == country


def test_opponents():
    assert opponent("Russia") == "Ukraine" and opponent("Ukraine") == "Russia" and opponent("Canada") is None


def test_actor_right_after_a_dateline_dash_without_its_space():
    """A wire dateline sometimes glues its dash to the first word; the actor there still counts, while a
    hyphenated compound ("pro-Russian") stays a modifier."""
    found = find_actors("MOSCOW (Reuters) -Russia's Defence Ministry said its forces had taken the village.")
    assert [(a.actor, a.role) for a in found] == [("Russia", "speaker")]
    assert find_actors("Pro-Russian fighters held the bridge for a week.") == []


def test_the_grouping_whose_units_act_is_the_subject():
    """"units of the Vostok group liberated …": the grouping (an institution of its side) acts; after "of" it
    is not the object an attack is aimed at."""
    assert actors("Units of the Vostok group liberated the settlement of Sosnovka.") == [("Russia", "subject")]
    assert actors("The Khortytsia group of forces reported 40 clashes.")[0][0] == "Ukraine"


def test_a_surname_the_story_named_in_full_is_found_alone():
    """"Pavel said …" after "Czech President Petr Pavel": the lexicon lists only the full name, the story
    told the reader who Pavel is; an unrelated word of the same spelling inside another word is not him."""
    surnames = {"Pavel": ("Czech Republic", "Czech President Petr Pavel")}
    found = find_actors("A single decision in Moscow could end the war, Pavel said on Monday.", surnames)
    assert [(a.text, a.actor, a.kind, a.role) for a in found if a.text == "Pavel"] == \
        [("Pavel", "Czech Republic", "person", "speaker")]
    assert not [a for a in find_actors("The Pavelko family fled to Lviv.", surnames) if a.actor == "Czech Republic"]
    assert not [a for a in find_actors("A single decision could end the war, Pavel said.") if a.text == "Pavel"]
