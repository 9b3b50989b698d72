"""Property tests: hostile text never crashes the whole extraction, and every offset stays verbatim."""
import datetime as dt
import hashlib
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from analysis.corpus import tables_of
from analysis.pipeline import extract_article
from analysis.reader import Article
from analysis.sentences import segment

FRAGMENTS = ["Russia", "Ukraine’s", "Kyiv", "Kharkiv", "Obolon district", "Shahed drones", "four Iskander missiles",
             "shot down 34 of the missiles", "killing at least three", "On February 12,", "yesterday", "overnight",
             "at 4:30 a.m. local time", "Zelensky said", "peace talks", "provided Russia with 200 guns", "the city",
             "He", "Mayor Ihor Terekhov", "\u00a0", "\r\n", "\n\n", ". ", "“", "”", "00:40 — ", "<script>", "&amp;",
             "No. 3", "U.S.", "—", "Nationwide,", "prisoner swap", "\u2028", "🙂", "\x00"]

texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=60).map("".join)


def article_of(text: str) -> Article:
    blocks, sentences = segment(text)
    return Article(article_id="prop", file="prop.txt", path=Path("prop.txt"), title=blocks[0].text if blocks else "",
                   published=dt.date(2025, 2, 12), outlet=None, url=None, timezone="Europe/Kyiv",
                   sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(), text=text,
                   blocks=blocks, sentences=sentences)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
@example("Russia\rshot down 34 of the missiles.")   # an event: its rows must pass the events schema too
def test_extraction_never_crashes_and_offsets_are_verbatim(text):
    tables = extract_article(article_of(text))
    for row in tables.sentences:
        assert text[row["char_start"]:row["char_end"]] == row["text"]
    for row in tables.events:
        assert text[row["char_start"]:row["char_end"]] == row["sentence"]
        assert row["category"] in ("attack", "air_defense", "diplomacy", "military_support", "humanitarian", "other")
        assert row["actor1"]
        for col in ("weapon_count", "fatalities", "injuries"):
            assert row[col] is None or row[col] >= 0
    for row in tables.mentions:
        assert 0 <= row["char_start"] < row["char_end"] <= len(text)
    # the rows always satisfy the tables' schemas, once the corpus has added who claims each event and
    # the incidents (as ``corpus.tables_of`` does for every extraction)
    rows = {"articles": [tables.article], "sentences": tables.sentences, "events": tables.events,
            "mentions": tables.mentions, "places": tables.places, "issues": tables.issues}
    built = tables_of(rows)
    assert len(built["events"]) == len(tables.events) and built["events"]["claimed_by"].notna().all()
