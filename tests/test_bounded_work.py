"""Bounded work per article: extraction grows linearly with the text, and a pathological article
becomes an error naming its file instead of a hang.

Speed is not timed here (see benchmarks/bounded.py): the tests count the work instead — the candidates
(places, actors, weapons, dates, triggers) analysed together in one sentence, whose pairs the extractors
compare, and the earlier events each new event is compared with.
"""
from __future__ import annotations

import datetime as dt
import pickle
import types

import pandas as pd
import pytest

from analysis import consolidate as consolidate_mod
from analysis import pipeline
from analysis.cli import main
from analysis.errors import ArticleTooSlow, InputError, NewsframeError
from analysis.reader import read_article

RUN_ON = "Russia attacked Ukraine and Kyiv said Russian drones hit Kharkiv, "   # issue #10's repro
CITIES = ["Kharkiv", "Odesa", "Dnipro", "Lviv", "Sumy", "Kherson", "Zaporizhzhia", "Mykolaiv", "Poltava", "Chernihiv"]


def write_article(folder, name: str, body: str):
    """An article file ``name`` (title line + ``body``) read as the pipeline gets it."""
    path = folder / name
    path.write_text("Title\n" + body + "\n", encoding="utf-8")
    return read_article(path, {"published": "2025-02-12"})


def run_on_sentence(kb: int) -> str:
    """One sentence of ``kb`` kilobytes: the repro phrase repeated, a single full stop at the end."""
    return (RUN_ON * (kb * 1024 // len(RUN_ON) + 1))[:kb * 1024].rstrip(", ") + "."


def distinct_events(n: int) -> str:
    """``n`` one-sentence paragraphs, each a strike on another day or city: ``n`` events that never merge."""
    day = dt.date(2015, 1, 1)
    lines = []
    for i in range(n):
        d = day + dt.timedelta(days=i // len(CITIES))
        lines.append(f"On {d:%B} {d.day}, {d.year}, Russian drones hit {CITIES[i % len(CITIES)]}, killing {i % 9 + 1} people.")
    return "\n".join(lines)


def count_candidates(monkeypatch) -> list:
    """Record, for every sentence analysed, how many candidates its extractors found together."""
    counts: list[int] = []
    real = pipeline.analyse

    def counting(*args, **kwargs):
        facts = real(*args, **kwargs)
        counts.append(len(facts.places) + len(facts.actors) + len(facts.weapons) + len(facts.dates) + len(facts.triggers))
        return facts

    monkeypatch.setattr(pipeline, "analyse", counting)
    return counts


def test_run_on_sentence_work_grows_linearly(tmp_path, monkeypatch):
    """Issue #10: 100 → 200 → 400 KB of one run-on sentence took 6.5 → 29 → 189 s, because every pair of
    candidates in the sentence was compared. The pairs analysed must grow at most linearly."""
    counts = count_candidates(monkeypatch)
    pairs = {}
    for kb in (100, 200, 400):
        counts.clear()
        pipeline.extract_article(write_article(tmp_path, f"run_on_{kb}.txt", run_on_sentence(kb)))
        pairs[kb] = sum(n * n for n in counts)
    assert pairs[100] > 0
    assert pairs[200] <= 2.25 * pairs[100] and pairs[400] <= 4.5 * pairs[100], pairs


def test_run_on_sentence_stays_verbatim_and_says_what_was_skipped(tmp_path):
    sentence = run_on_sentence(400)
    article = write_article(tmp_path, "run_on.txt", sentence)
    tables = pipeline.extract_article(article)
    [row] = tables.sentences
    assert row["text"] == article.text[row["char_start"]:row["char_end"]] == sentence   # whole, not the part analysed
    for event in tables.events:
        assert (event["sentence"], event["char_start"], event["char_end"]) == (row["text"], row["char_start"], row["char_end"])
    assert tables.events and tables.mentions
    for mention in tables.mentions:
        assert (mention["char_start"], mention["char_end"]) == (row["char_start"], row["char_end"])
    [issue] = [i for i in tables.issues if i["kind"] == "long_sentence"]
    assert issue["sentence_id"] == row["sentence_id"] and f"{pipeline.MAX_SENTENCE_CHARS:,}" in issue["detail"]


def test_long_sentence_is_cut_between_words():
    text = "x" * (pipeline.MAX_SENTENCE_CHARS - 3) + " Kharkiv and more"
    assert pipeline.analysed_length(text) == pipeline.MAX_SENTENCE_CHARS - 3    # not "Kha"
    assert pipeline.analysed_length("y" * (pipeline.MAX_SENTENCE_CHARS + 5)) == pipeline.MAX_SENTENCE_CHARS
    assert pipeline.analysed_length("short. ") == len("short. ")


def test_each_new_event_is_compared_with_a_bounded_number_of_earlier_ones(tmp_path, monkeypatch):
    """An article of many distinct happenings compared each new one with all earlier ones: quadratic."""
    real = consolidate_mod.compatible
    compared: dict = {}

    def counting(event, draft, same_paragraph):
        key = (draft.main.sentence_id, draft.trigger.start)
        compared[key] = compared.get(key, 0) + 1
        return real(event, draft, same_paragraph)

    monkeypatch.setattr(consolidate_mod, "compatible", counting)
    most = {}
    for n in (150, 600):
        compared.clear()
        tables = pipeline.extract_article(write_article(tmp_path, f"distinct_{n}.txt", distinct_events(n)))
        assert len(tables.events) == n    # they are distinct happenings indeed
        most[n] = max(compared.values())
    assert most[600] <= most[150], most


def test_budget_stops_an_article_and_names_the_file(tmp_path):
    article = write_article(tmp_path, "slow.txt", "Russian drones hit Kharkiv. Russian drones hit Odesa.")
    with pytest.raises(ArticleTooSlow) as caught:
        pipeline.extract_article(article, budget=0)
    message = str(caught.value)
    assert str(tmp_path / "slow.txt") in message and "0 s" in message and "split the article" in message
    assert isinstance(caught.value, InputError)


def test_budget_follows_a_clock_not_the_sentence_count(tmp_path, monkeypatch):
    """A fake clock that advances 10 s per read: the default budget runs out after 6 sentences."""
    ticks = iter(range(0, 10_000, 10))
    monkeypatch.setattr(pipeline, "time", types.SimpleNamespace(monotonic=lambda: next(ticks)))
    body = " ".join(f"Russian drones hit {city}." for city in CITIES)
    with pytest.raises(ArticleTooSlow) as caught:
        pipeline.extract_article(write_article(tmp_path, "ten.txt", body))
    error = caught.value
    assert (error.seconds, error.done, error.total) == (pipeline.ARTICLE_SECONDS, 6, len(CITIES))
    copy = pickle.loads(pickle.dumps(error))    # worker processes send it back pickled
    assert type(copy) is ArticleTooSlow and str(copy) == str(error)


def test_budget_from_the_environment(tmp_path, monkeypatch):
    article = write_article(tmp_path, "two.txt", "Russian drones hit Kharkiv. Russian drones hit Odesa.")
    monkeypatch.setenv(pipeline.BUDGET_VARIABLE, "0")
    with pytest.raises(ArticleTooSlow):
        pipeline.extract_article(article)
    assert pipeline.extract_article(article, budget=60).events    # the keyword wins over the variable
    monkeypatch.setenv(pipeline.BUDGET_VARIABLE, "inf")
    assert pipeline.extract_article(article).events
    monkeypatch.setenv(pipeline.BUDGET_VARIABLE, "soon")
    with pytest.raises(NewsframeError, match=pipeline.BUDGET_VARIABLE):
        pipeline.extract_article(article)


@pytest.fixture
def seeds_with_a_slow_article(tmp_path, monkeypatch):
    """Two articles; with a zero budget the one of two sentences runs out of time, the one of one does not
    (the budget is checked between sentences)."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "catalog.csv").write_text("file,published,title,outlet,url,timezone\n"
                                        "a_slow.txt,2025-02-12,Slow,,,Europe/Kyiv\n"
                                        "b_fine.txt,2025-02-12,Fine,,,Europe/Kyiv\n", encoding="utf-8")
    (folder / "a_slow.txt").write_text("Slow\nRussian drones hit Kharkiv. Russian drones hit Odesa.\n", encoding="utf-8")
    (folder / "b_fine.txt").write_text("Fine\nRussian drones hit Lviv on Monday.\n", encoding="utf-8")
    monkeypatch.setenv(pipeline.BUDGET_VARIABLE, "0")
    return folder


def test_cli_too_slow_article_exits_2_naming_it(seeds_with_a_slow_article, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["extract", str(seeds_with_a_slow_article), "--out", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "a_slow.txt" in err and "took longer than the 0 s" in err and "NEWSFRAME_ARTICLE_SECONDS" in err
    assert not out.exists()


@pytest.mark.parametrize("workers", [2, 1])
def test_cli_keep_going_skips_the_slow_article(seeds_with_a_slow_article, tmp_path, capsys, workers):
    out = tmp_path / "out"
    code = main(["extract", str(seeds_with_a_slow_article), "--out", str(out), "--quiet", "--keep-going",
                 "--workers", str(workers)])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "skipped" in err and "a_slow.txt" in err
    assert list(pd.read_csv(out / "articles.csv").file) == ["b_fine.txt"]
