"""The seed article end to end: every event the issue names, with its attributes, and the tables' contract."""
import datetime as dt

import pandas as pd
import pytest

from analysis.schemas import SCHEMAS

SEED_ID = "000_52c535ecba3a03e2"


def one(events, **where):
    rows = events
    for col, value in where.items():
        rows = rows[rows[col] == value]
    assert len(rows) == 1, f"expected exactly one event with {where}, got {len(rows)}:\n{events[list(where)]}"
    return rows.iloc[0]


def test_tables_match_the_contract(seed_corpus):
    for name, schema in SCHEMAS.items():
        df = getattr(seed_corpus, name)
        schema.validate(df)
        assert list(df.columns[: len(schema.columns)]) == list(schema.columns), name


def test_kyiv_strike_is_one_event_with_all_its_attributes(seed_corpus):
    ev = seed_corpus.events
    kyiv = one(ev, category="attack", location="Kyiv")
    assert kyiv.event_date == pd.Timestamp("2025-02-12")
    assert kyiv.date_precision == "day" and "February 12" in kyiv.date_text
    assert kyiv.time_local == "04:30"
    assert kyiv.timestamp_utc == pd.Timestamp("2025-02-12 02:30", tz="UTC")
    assert (kyiv.actor1, kyiv.actor2) == ("Russia", "Ukraine")
    assert "Iskander" in kyiv.weapon and kyiv.weapon_count == 4
    assert kyiv.fatalities >= 1
    assert kyiv.event_type == "Explosions/Remote violence" and kyiv.cameo_code == "195"
    assert kyiv.admin1 == "Kyiv" and kyiv.country == "Ukraine"
    assert 50.2 < kyiv.latitude < 50.6 and 30.2 < kyiv.longitude < 30.9
    # its supporting sentences: the fires, the fatality, the time, the missiles
    evidence = seed_corpus.evidence(kyiv.event_id)
    joined = " ".join(evidence.text)
    for phrase in ("triggered fires", "claimed at least one life", "4:30 a.m.", "four Iskander"):
        assert phrase in joined
    assert {"main", "time", "weapon", "casualties"} <= set(evidence.role)
    # the districts where fires broke out are places of this event
    places = seed_corpus.places[seed_corpus.places.event_id == kyiv.event_id]
    districts = set(places[places.kind == "district"].place)
    assert {"Holosiivskyi", "Podilskyi", "Darnytskyi", "Solomianskyi", "Sviatoshynskyi", "Obolonskyi"} <= districts
    assert "fire" in set(places.effect.dropna())


def test_saratov_refinery_strike_by_ukraine(seed_corpus):
    saratov = one(seed_corpus.events, category="attack", location="Saratov")
    assert saratov.event_date == pd.Timestamp("2025-02-11")
    assert (saratov.actor1, saratov.actor2) == ("Ukraine", "Russia")
    assert saratov.country == "Russia" and "Saratov" in saratov.admin1


def test_zelensky_remarks(seed_corpus):
    ev = seed_corpus.events
    talks = ev[(ev.category == "diplomacy") & (ev.actor1 == "Ukraine")]
    assert len(talks) == 1
    row = talks.iloc[0]
    assert row.event_date == pd.Timestamp("2025-02-11")
    assert "Zelensky" in row.actor1_detail


def test_us_stance(seed_corpus):
    us = one(seed_corpus.events, category="military_support", actor1="United States")
    assert us.actor2 == "Ukraine" and us.event_date == pd.Timestamp("2025-02-11")


def test_north_korea_artillery_undated(seed_corpus):
    nk = one(seed_corpus.events, category="military_support", actor1="North Korea")
    assert nk.actor2 == "Russia" and pd.isna(nk.event_date)
    assert "artillery" in nk.weapon and nk.weapon_count == 200
    undated = seed_corpus.issues[seed_corpus.issues.kind == "undated_event"]
    assert (undated.sentence_id.str.startswith(SEED_ID)).any()


def test_kyiv_air_defence(seed_corpus):
    ad = seed_corpus.events[seed_corpus.events.category == "air_defense"]
    assert len(ad) == 1
    assert ad.iloc[0].actor1 == "Ukraine" and ad.iloc[0].location == "Kyiv"


def test_every_event_sentence_is_verbatim(seed_corpus):
    text = (seed_corpus.articles.iloc[0])
    body = open(f"seeds/{text.file}", encoding="utf-8").read()
    for table in ("events", "sentences"):
        df = getattr(seed_corpus, table)
        col = "sentence" if table == "events" else "text"
        for _, row in df.iterrows():
            assert body[row.char_start:row.char_end] == row[col]
    for _, m in seed_corpus.mentions.iterrows():
        assert body[m.char_start:m.char_end]


def test_deterministic_ids(seed_corpus):
    import analysis

    again = analysis.load("seeds")
    pd.testing.assert_frame_equal(seed_corpus.events, again.events)
    pd.testing.assert_frame_equal(seed_corpus.mentions, again.mentions)


def test_article_metadata(seed_corpus):
    art = seed_corpus.articles.iloc[0]
    assert art.article_id == SEED_ID and art.published == pd.Timestamp("2025-02-12")
    assert art.title == "Russia Launches Missile Attack on Kyiv" and art.timezone == "Europe/Kyiv"
    assert art.n_sections == 5 and art.n_sentences == len(seed_corpus.sentences)
