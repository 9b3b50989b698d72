"""Incidents (issue #8, CONTRACT §8): one happening reported by several outlets counts once.

End to end on short articles written for these tests (three outlets' reports of one night, in the shapes
a wire, a local outlet and a Russian outlet give them), and unit tests of the resolution rules on event
rows shaped like the extractor's.
"""
from __future__ import annotations

import textwrap
from pathlib import Path

import pandas as pd
import pytest

from analysis import incident_table, incidents
from analysis.corpus import extract

ARTICLES = {
    "wire.txt": ("2024-06-11", "Wire (Reuters style)", "Europe/Kyiv", """
        Russian missile strike on Kryvyi Rih kills 9, wounds dozens

        KYIV, June 11 (Reuters) -A Russian missile struck a residential district of Kryvyi Rih in central
        Ukraine on Tuesday, killing nine people and wounding 29, regional governor Serhiy Lysak said.

        The missile hit a five-storey apartment building shortly after noon, Lysak wrote on Telegram.

        Russia denies targeting civilians. Kryvyi Rih, President Volodymyr Zelenskiy's home town, has come under
        repeated attack since the start of the invasion.

        (Reporting by newsframe staff; Editing by the desk)
        """),
    "local.txt": ("2024-06-11", "Local outlet (Suspilne style)", "Europe/Kyiv", """
        Missile hits apartment block in Kryvyi Rih: 7 dead

        On June 11, a Russian missile hit an apartment building in Kryvyi Rih, killing seven people, the head of
        the city military administration Oleksandr Vilkul said.

        Rescuers are still working at the site.
        """),
    "ru.txt": ("2024-06-12", "Russian outlet (TASS style)", "Europe/Moscow", """
        Russian Armed Forces strike military targets in Krivoy Rog

        MOSCOW, June 12. /TASS/. Russian forces struck a military facility in Krivoy Rog on Tuesday with a
        missile, the Russian Defence Ministry said.

        On the same day Ukrainian drones attacked the Belgorod region, the ministry said, adding that
        air defences destroyed 12 drones over the region.
        """),
}


@pytest.fixture(scope="module")
def night(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("night")
    lines = ["file,published,title,outlet,timezone"]
    for name, (published, outlet, tz, text) in ARTICLES.items():
        body = "\n\n".join(" ".join(par.split()) for par in textwrap.dedent(text).strip().split("\n\n"))
        (folder / name).write_text(body + "\n", "utf-8")
        lines.append(f'{name},{published},"{body.splitlines()[0]}",{outlet},{tz}')
    (folder / "catalog.csv").write_text("\n".join(lines) + "\n", "utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus(night):
    return extract(night)


def test_three_outlets_of_one_strike_make_one_incident_with_a_range(corpus):
    strikes = corpus.incidents[(corpus.incidents["category"] == "attack") & (corpus.incidents["actor1"] == "Russia")]
    assert len(strikes) == 1, corpus.events[["article_id", "category", "actor1", "location", "event_date"]]
    strike = strikes.iloc[0]
    assert strike["location"] == "Kryvyi Rih" and strike["n_outlets"] == 3 and strike["n_articles"] == 3
    assert (strike["fatalities_min"], strike["fatalities_max"]) == (7, 9)
    assert strike["first_reported"] == pd.Timestamp("2024-06-11")
    assert "Wire (Reuters style)" in strike["outlets"] and "Russian outlet (TASS style)" in strike["outlets"]


def test_every_event_points_to_its_incident_and_back(corpus):
    assert corpus.events["incident_id"].isin(corpus.incidents["incident_id"]).all()
    totals = corpus.events.groupby("incident_id").size()
    assert (corpus.incidents.set_index("incident_id")["n_events"] == totals).all()
    strike = corpus.incidents[corpus.incidents["n_outlets"] == 3].iloc[0]
    reports = corpus.reports(strike["incident_id"])
    assert list(reports["published"]) == sorted(reports["published"]) and reports["outlet"].nunique() == 3


def test_a_strike_by_the_other_side_on_the_same_day_stays_apart(corpus):
    sides = corpus.incidents[corpus.incidents["event_date"] == pd.Timestamp("2024-06-11")]
    assert {"Russia", "Ukraine"} <= set(sides["actor1"])


def test_claims_say_who_states_each_figure(corpus):
    ru = corpus.events[corpus.events["article_id"] == "ru"]
    assert "Russian Defence Ministry" in set(ru["claimed_by"])
    strike = corpus.incidents[corpus.incidents["n_outlets"] == 3].iloc[0]
    assert "Governor of Dnipropetrovsk Oblast: 9 killed" in strike["claims"]
    assert "7 killed" in strike["claims"]


def test_ids_are_the_same_on_a_second_run(night, corpus):
    again = extract(night)
    assert list(again.events["incident_id"]) == list(corpus.events["incident_id"])
    assert list(again.incidents["incident_id"]) == list(corpus.incidents["incident_id"])


# --- resolution rules on event rows ---------------------------------------------------------------

def _events(*rows: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    base = {"category": "attack", "actor1": "Russia", "actor1_detail": None, "actor2": "Ukraine", "date_text": "on Monday",
            "event_date": pd.Timestamp("2024-01-08"), "geo_precision": "city", "location": "Kharkiv", "city": "Kharkiv",
            "admin1": "Kharkiv Oblast", "country": "Ukraine", "weapon": None, "weapon_count": None, "fatalities": None}
    events = pd.DataFrame([{**base, "event_id": f"e{i}", "article_id": r.get("article_id", f"a{i}"), **r}
                           for i, r in enumerate(rows)])
    articles = pd.DataFrame({"article_id": sorted(events["article_id"].unique())})
    articles["published"] = pd.Timestamp("2024-01-08")
    return events, articles


def _groups(*rows: dict) -> list[str]:
    return incidents.resolve(*_events(*rows))


def test_two_events_of_one_article_never_merge():
    ids = _groups({"article_id": "a"}, {"article_id": "a"}, {"article_id": "b"})
    assert ids[0] != ids[1] and ids[2] in (ids[0], ids[1])


def test_a_night_spans_two_days_but_a_plain_day_does_not():
    overnight = {"date_text": "overnight", "event_date": pd.Timestamp("2024-01-09")}
    assert len(set(_groups({}, overnight))) == 1
    assert len(set(_groups({}, {"event_date": pd.Timestamp("2024-01-09")}))) == 2


@pytest.mark.parametrize("other, same", [
    ({"geo_precision": "district", "location": "Kyivskyi", "city": "Kharkiv"}, True),   # a district in its city
    ({"geo_precision": "region", "location": "Kharkiv Oblast", "city": None}, True),     # a city in its region
    ({"location": "Izium", "city": "Izium"}, False),                                      # another city of the region
    ({"geo_precision": "country", "location": "Ukraine", "city": None, "admin1": None}, False),  # national vs local
    ({"weapon": "Shahed drone"}, True),
])
def test_places_and_weapons_merge_only_when_compatible(other, same):
    ids = _groups({"weapon": "drone"}, other)
    assert (ids[0] == ids[1]) is same


def test_sides_targets_weapon_classes_and_counts_keep_events_apart():
    assert len(set(_groups({}, {"actor1": "Ukraine", "actor2": "Russia"}))) == 2
    assert len(set(_groups({"weapon": "drone"}, {"weapon": "Iskander missile"}))) == 2
    assert len(set(_groups({"weapon_count": 1}, {"weapon_count": 17}))) == 2
    assert len(set(_groups({"weapon_count": 41}, {"weapon_count": 43}))) == 1


def test_a_national_tally_placed_at_its_lead_city_is_still_one():
    national = {"geo_precision": "country", "location": "Ukraine", "city": None, "admin1": None}
    tally = {"category": "air_defense", "actor1": "Ukraine", "actor2": "Russia", "weapon": "drone", "weapon_count": 14}
    assert len(set(_groups({**tally, **national}, tally))) == 1
    assert len(set(_groups({**tally, **national}, {**tally, "weapon_count": 3}))) == 2


def test_a_tally_told_with_no_place_joins_the_same_tally_placed_at_a_region_and_at_the_country():
    """Three reports of "14 of the drones destroyed": one at the region it leads with, one for the
    country, one with no place at all (no country of its own to disagree with) — one incident."""
    tally = {"category": "air_defense", "actor1": "Ukraine", "actor2": "Russia", "weapon": "drone", "weapon_count": 14}
    region = {"geo_precision": "region", "location": "Odesa Oblast", "city": None, "admin1": "Odesa Oblast"}
    national = {"geo_precision": "country", "location": "Ukraine", "city": None, "admin1": None}
    nowhere = {"geo_precision": None, "location": None, "city": None, "admin1": None, "country": None}
    assert len(set(_groups({**tally, **region}, {**tally, **national}, {**tally, **nowhere}))) == 1
    assert len(set(_groups({**tally, **region}, {**tally, **nowhere, "weapon_count": 3}))) == 2


def test_the_sirens_and_the_interceptions_of_one_night_are_two_incidents():
    """An air-raid alert is coded air_defense with no ACLED event type; what air defence shot down that night
    has one ("Disrupted weapons use"). Two outlets' alerts are one incident, the alert and the tally two."""
    defence = {"category": "air_defense", "actor1": "Ukraine", "actor2": "Russia", "geo_precision": "country",
               "location": "Ukraine", "city": None, "admin1": None}
    alert = {**defence, "event_type": None}
    downed = {**defence, "event_type": "Strategic developments", "weapon": "cruise missile", "weapon_count": 43}
    assert len(set(_groups(alert, downed))) == 2
    assert len(set(_groups(alert, alert))) == 1


def test_statements_of_two_speakers_of_one_side_stay_apart():
    said = {"category": "diplomacy", "actor2": None, "location": None, "geo_precision": None}
    ids = _groups({**said, "actor1": "Ukraine", "actor1_detail": "President Volodymyr Zelensky"},
                  {**said, "actor1": "Ukraine", "actor1_detail": "Mayor Hennadii Trukhanov"},
                  {**said, "actor1": "Ukraine", "actor1_detail": "Zelensky"})
    assert ids[0] == ids[2] != ids[1]


def test_groups_merge_only_when_every_pair_across_them_is_compatible():
    """Complete linkage: an overnight report compatible with Monday and with Tuesday cannot chain them."""
    ids = _groups({"event_date": pd.Timestamp("2024-01-08")}, {"date_text": "overnight", "event_date": pd.Timestamp("2024-01-09")},
                  {"event_date": pd.Timestamp("2024-01-10"), "date_text": "overnight"}, {"event_date": pd.Timestamp("2024-01-10")})
    assert ids[0] != ids[3]


def test_the_id_stays_when_a_later_report_joins():
    events, articles = _events({"article_id": "a"}, {"article_id": "b"})
    first = incidents.resolve(events, articles)
    more, arts = _events({"article_id": "a"}, {"article_id": "b"}, {"article_id": "c"})
    arts.loc[arts["article_id"] == "c", "published"] = pd.Timestamp("2024-01-09")
    assert incidents.resolve(more, arts)[:2] == first


def test_work_is_linear_each_event_meets_a_bounded_number_of_others(monkeypatch):
    calls = []
    real = incidents.compatible
    monkeypatch.setattr(incidents, "compatible", lambda a, b: calls.append(1) or real(a, b))
    rows = [{"article_id": f"a{i}", "event_date": pd.Timestamp("2024-01-01") + pd.Timedelta(days=i % 300),
             "location": f"Town {i % 40}", "city": f"Town {i % 40}", "admin1": f"Oblast {i % 40}"} for i in range(3000)]
    events, articles = _events(*rows)
    recs = incidents.records(events, articles)
    incidents.candidate_pairs(recs)
    assert len(calls) < 3000 * 5


def test_the_table_gives_ranges_sources_and_claims():
    events, articles = _events({"article_id": "a", "fatalities": 3, "weapon": "missile"},
                               {"article_id": "b", "fatalities": 5, "weapon": "Iskander ballistic missile"})
    events["incident_id"] = incidents.resolve(events, articles)
    events["claimed_by"] = ["reporting", "Governor of Kharkiv Oblast"]
    events["injuries"], events["confidence"] = None, [0.6, 0.5]
    for c in ("event_type", "sub_event_type", "cameo_code", "time_local", "timestamp_utc", "latitude", "longitude"):
        events[c] = None
    events["date_precision"] = "day"
    articles["outlet"] = ["Wire", "Local"]
    row = incident_table.build(events, articles).iloc[0]
    assert (row["fatalities_min"], row["fatalities_max"], row["n_outlets"]) == (3, 5, 2)
    assert row["weapon"] == "Iskander ballistic missile" and row["confidence"] == 0.8
    assert row["claims"] == "reporting: 3 killed; Governor of Kharkiv Oblast: 5 killed"


def test_telling_words_are_names_models_and_figures_not_common_words():
    words = incidents.telling_words("Ryazan Region Governor Pavel Malkov said on Tuesday that a drone hit Lukoil's NORSI "
                                    "refinery, where an Il-76 and 207 workers were, in March 2024, 13 hurt.")
    assert words == {"pavel", "malkov", "lukoil", "norsi", "il-76", "207"}   # "Ryazan" opens the sentence


def test_a_report_joins_the_row_of_an_article_that_shares_its_names():
    """An article with two statements of one side that day (the ombudsman's thanks, the president's quote):
    another outlet's report of the president's quote joins the row that names him, not the first row."""
    said = {"category": "diplomacy", "actor1": "Ukraine", "actor2": None, "location": None, "geo_precision": None,
            "city": None, "admin1": None, "country": None}
    ids = _groups({**said, "article_id": "a", "sentence": "He thanked the Security Service of Ukraine (SBU) and the "
                                                          "Coordination Headquarters for the Treatment of POWs."},
                  {**said, "article_id": "a", "sentence": "\"We remember every Ukrainian held captive,\" President "
                                                          "Volodymyr Zelensky said, thanking the team of Kyrylo Budanov."},
                  {**said, "article_id": "b", "sentence": "Zelensky praised the negotiating team under Kyrylo Budanov."})
    assert ids[2] == ids[1] != ids[0]


def test_a_statement_joins_the_row_of_its_speaker_named_only_before_the_sentence():
    """"He thanked the team…": the extractor found who "he" is in an earlier sentence (``actor1_detail``);
    another outlet's report of the president's words joins that row, not the article's first statement."""
    said = {"category": "diplomacy", "actor1": "Ukraine", "actor2": None, "location": None, "geo_precision": None,
            "city": None, "admin1": None, "country": None}
    ids = _groups({**said, "article_id": "a", "sentence": "He thanked the rescuers who worked through the night."},
                  {**said, "article_id": "a", "actor1_detail": "President Volodymyr Zelensky",
                   "sentence": "He thanked the team that had worked on the exchange."},
                  {**said, "article_id": "b", "actor1_detail": "Zelensky",
                   "sentence": "\"We will bring every one of them back,\" he said."})
    assert ids[2] == ids[1] != ids[0]


def test_a_report_joins_the_group_the_other_reports_agree_on():
    """The Ryazan refinery: one outlet (b) has two rows of it, a list ("refineries targeted were in Ryazan,
    in Kstovo…") and the governor's account. Outlet c's account shares the governor with b's second row;
    outlet a's city row fits b's list row as well as c's row, and joins the group of b's and c's
    accounts, which agrees with it more in sum, not the list row it met first."""
    strike = {"actor1": "Ukraine", "actor2": "Russia", "location": "Ryazan", "city": "Ryazan", "admin1": "Ryazan Oblast",
              "country": "Russia", "event_date": pd.Timestamp("2024-03-13"), "date_text": "on Wednesday"}
    ids = _groups({**strike, "article_id": "a", "sentence": "State news agency TASS said two people had been taken to "
                                                            "hospital in the city of Ryazan."},
                  {**strike, "article_id": "b", "sentence": "According to the outlet, the refineries targeted were in "
                                                            "Ryazan, in Kstovo and in Kirishi."},
                  {**strike, "article_id": "b", "geo_precision": "region", "location": "Ryazan Oblast", "city": None,
                   "weapon": "drone", "sentence": "A blaze broke out at a refinery in Ryazan Oblast after a drone "
                                                  "attack, Governor Pavel Malkov said."},
                  {**strike, "article_id": "c", "weapon": "drone", "weapon_count": 1,
                   "sentence": "Ryazan Region Governor Pavel Malkov wrote that the Ryazan oil refinery had been "
                               "attacked by a drone."})
    assert ids[0] == ids[2] == ids[3] != ids[1]


@pytest.mark.parametrize("key, value, message", [
    ("strict_place", ["attack", "raids"], "'raids' is not a category"),
    ("common_words", ["Kremlin", "Foreign Ministry"], "'Foreign Ministry' is not one word"),
    ("shared_words", -1, "not a whole number from 0 to 100"),
])
def test_the_settings_file_is_validated(monkeypatch, load_fails, key, value, message):
    real = incidents.load_yaml
    monkeypatch.setattr(incidents, "load_yaml", lambda name: {**real(name), key: value})
    load_fails(incidents.rules, message)


def test_records_without_words_resolve_as_with_them():
    """A re-run builds records without their words (``records(words=False)``) and cuts them only for the
    pairs it compares (``incident_update``): the incidents are a full resolution's, the words the same."""
    from analysis import incident_update

    said = {"category": "diplomacy", "actor1": "Ukraine", "actor2": None, "location": None, "geo_precision": None,
            "city": None, "admin1": None, "country": None}
    events, articles = _events({**said, "article_id": "a", "sentence": "He thanked the rescuers who worked at night."},
                               {**said, "article_id": "a", "actor1_detail": "President Volodymyr Zelensky",
                                "sentence": "He thanked the team that had worked on the exchange."},
                               {**said, "article_id": "b", "actor1_detail": "Zelensky",
                                "sentence": "\"We will bring every one of them back,\" he said."})
    bare, full = incidents.records(events, articles, words=False), incidents.records(events, articles)
    assert all(r.words is None for r in bare) and full[1].words >= {"volodymyr", "zelensky"}
    res = incident_update.update(events, articles, set(events["event_id"]), [], pd.DataFrame(
        columns=incident_update.PAIR_COLUMNS), {})
    assert [res.ids[e] for e in events["event_id"]] == incidents.resolve(events, articles)


def test_a_rerun_reresolves_only_components_whose_pairs_or_events_changed():
    """The dirty events' pairs are all computed again, but only the ends of a pair that came or went (and
    the changed events) seed the components re-resolved: a component whose pairs and events stand keeps
    its incidents, which are a full resolution's."""
    from analysis import incident_update

    corpus = extract(Path(__file__).parent / "incidents")
    events, articles = corpus.events, corpus.articles
    first = incident_update.update(events, articles, set(events["event_id"]), [],
                                   pd.DataFrame(columns=incident_update.PAIR_COLUMNS), {})
    article = events["article_id"].iloc[len(events) // 2]
    added = set(events.loc[events["article_id"] == article, "event_id"])
    again = incident_update.update(events, articles, added, [], first.pairs, first.ids)
    assert again.resolved == incident_update._components(first.pairs, added)
    assert all(again.ids[e] == first.ids[e] for e in again.resolved)
    stale = pd.DataFrame([("k", 3, "x", "y"), ("k", 2, "y", "z")], columns=incident_update.PAIR_COLUMNS)
    assert incident_update._changed_ends(stale, [("k", 3, "x", "y"), ("k", 1, "y", "z"), ("j", 1, "u", "v")]) \
        == {"y", "z", "u", "v"}


def test_every_block_of_an_event_is_bounded_by_its_category_and_side():
    """``incident_update._nearby`` builds the records of the events of a changed one's category and side
    only (``_side``: ``actor1``, but in the reciprocal categories): every block key must carry both."""
    from analysis import incident_update

    corpus = extract(Path(__file__).parent / "incidents")
    recs = incidents.records(corpus.events, corpus.articles)
    for r in recs:
        side = incident_update._side(r.category, r.actor1)
        for key in (incidents._block_key(r), incidents._tally_key(r)):
            if key is not None:
                assert r.category in key and (side is None or side in key), key


def test_an_article_added_or_removed_gives_a_full_resolutions_pairs_and_ids():
    """A change dirties only the events of its blocks dated on its day or up to a window after it
    (``incident_update._fresh_pairs``), and ``_nearby`` builds the records a window either side of it:
    for every article of the incidents set, adding it to the rest, or removing it, gives exactly the
    pairs and the incident ids of a full resolution of the result."""
    from analysis import incident_update

    corpus = extract(Path(__file__).parent / "incidents")
    events, articles = corpus.events, corpus.articles
    none = pd.DataFrame(columns=incident_update.PAIR_COLUMNS)

    def full(df):
        return incident_update.update(df, articles, set(df["event_id"]), [], none, {})

    def pair_set(frame):
        return set(zip(frame["block"], frame["agreement"].astype(int), frame["a"], frame["b"]))

    whole = full(events)
    for article in events["article_id"].unique():
        mine = (events["article_id"] == article).to_numpy()
        rest = events[~mine].reset_index(drop=True)
        before = full(rest)
        added = incident_update.update(events, articles, set(events.loc[mine, "event_id"]), [], before.pairs, before.ids)
        assert pair_set(added.pairs) == pair_set(whole.pairs)
        assert all(added.ids[e] == whole.ids[e] for e in added.resolved)
        gone = incidents.records(events[mine], articles, words=False)
        removed = incident_update.update(rest, articles, set(), gone, whole.pairs, whole.ids)
        assert pair_set(removed.pairs) == pair_set(before.pairs)
        assert all(removed.ids[e] == before.ids[e] for e in removed.resolved)
