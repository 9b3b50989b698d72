"""Unit tests of the report package on small hand-made tables (no kernel, no browser: fast)."""
from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from analysis import incident_table
from analysis.errors import NewsframeError
from analysis.registry import CATEGORIES
from analysis.report import brief, charts, evidence, maps
from analysis.report.figures import Chart, Note
from analysis.report.palette import CATEGORY_COLORS, CATEGORY_LABELS, color, label
from analysis.report.selection import ParameterError, select
from analysis.tables import frame

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "brief.ipynb"

EVENT = dict(article_id="a1", section="Lead", char_start=0, char_end=10, date_text=None, date_precision="day",
             time_local=None, timestamp_utc=None, event_type=None, sub_event_type=None, cameo_code=None,
             actor1_detail=None, actor2=None, location=None, admin1=None, country=None, latitude=None,
             longitude=None, geo_precision=None, weapon=None, weapon_count=None, fatalities=None, injuries=None,
             confidence=0.9, origin="extracted")


def event(event_id, category, date=None, **kw):
    return {**EVENT, "event_id": event_id, "category": category, "event_date": date,
            "date_precision": "day" if date else "unknown", "sentence": kw.pop("sentence", f"Sentence {event_id}."),
            "actor1": kw.pop("actor1", "Russia"), "claimed_by": kw.pop("claimed_by", "reporting"),
            "incident_id": kw.pop("incident_id", incident(event_id)), **kw}


def incident(name: str) -> str:
    """A well-formed incident id for a test name: ``e1`` → ``inc-000000006531``."""
    return f"inc-{name.encode().hex()[-12:]:0>12}"


def corpus(events, places=(), issues=(), title="A test article"):
    articles = [dict(article_id="a1", file="a1.txt", title=title, published="2025-02-12", outlet="Test Outlet",
                     url="https://example.org/a1", timezone="Europe/Kyiv", sha256="0" * 64, n_sections=1,
                     n_sentences=len(events))]
    sentences = [dict(article_id="a1", sentence_id=f"a1:{i}", section="Lead", text=e["sentence"], char_start=0,
                      char_end=10) for i, e in enumerate(events)]
    mentions = [dict(event_id=e["event_id"], sentence_id=f"a1:{i}", char_start=0, char_end=10, role="main")
                for i, e in enumerate(events)]
    arts, evs = frame("articles", articles), frame("events", list(events))
    incidents = incident_table.build(evs, arts).to_dict("records") if len(evs) else []
    return SimpleNamespace(articles=arts, sentences=frame("sentences", sentences), events=evs,
                           mentions=frame("mentions", mentions), places=frame("places", list(places)),
                           issues=frame("issues", list(issues)), incidents=frame("incidents", incidents))


def place(name, kind, lat, lon, event_id, admin1=None, country="Ukraine"):
    return dict(article_id="a1", sentence_id="a1:0", name=name, place=name, kind=kind, admin1=admin1,
                country=country, latitude=lat, longitude=lon, event_id=event_id, effect=None)


@pytest.fixture(scope="module")
def sample():
    events = [
        event("e1", "attack", "2025-02-12", actor2="Ukraine", location="Kyiv", admin1="Kyiv", country="Ukraine",
              latitude=50.45, longitude=30.52, geo_precision="city", weapon="Iskander ballistic missile",
              weapon_count=4, fatalities=1, time_local="04:30",
              sentence="Russia launched four Iskander ballistic missiles at Kyiv."),
        event("e2", "attack", "2025-02-11", actor1="Ukraine", actor2="Russia", location="Saratov",
              admin1="Saratov Oblast", country="Russia", latitude=51.54, longitude=45.99, geo_precision="city"),
        event("e3", "diplomacy", "2025-02-11", actor1="Ukraine", actor2="Russia", confidence=0.5),
        event("e4", "military_support", None, actor1="North Korea", actor2="Russia",
              weapon="long-range artillery gun", weapon_count=200),
        event("e5", "air_defense", None, actor1="Ukraine", location="Kyiv", admin1="Kyiv", country="Ukraine",
              latitude=50.45, longitude=30.52, geo_precision="city"),
    ]
    places = [place("Kyiv", "city", 50.45, 30.52, "e1", "Kyiv"),
              place("Podilskyi", "district", 50.48, 30.47, "e1", "Kyiv"),
              place("Obolonskyi", "district", 50.51, 30.49, "e1", "Kyiv"),
              place("Saratov", "city", 51.54, 45.99, "e2", "Saratov Oblast", "Russia"),
              place("oil refinery", "facility", 51.54, 45.99, "e2", "Saratov Oblast", "Russia"),
              place("Ukraine", "country", 49.0, 31.4, "e3")]
    issues = [dict(article_id="a1", sentence_id="a1:3", kind="undated_event", detail="no date")]
    return corpus(events, places, issues)


# -- palette ----------------------------------------------------------------------------------------
def test_palette_covers_every_category_once():
    assert set(CATEGORY_COLORS) == set(CATEGORIES) == set(CATEGORY_LABELS)
    assert len(set(CATEGORY_COLORS.values())) == len(CATEGORIES)
    assert color("attack") == CATEGORY_COLORS["attack"] and label("air_defense") == "Air defence"


def test_charts_use_the_palette(sample):
    chart = charts.category_totals(select(sample))
    bars = chart.fig.axes[0].patches
    used = {tuple(round(c, 3) for c in b.get_facecolor()[:3]) for b in bars if b.get_width() > 0}
    from matplotlib.colors import to_rgb
    assert used <= {tuple(round(c, 3) for c in to_rgb(v)) for v in CATEGORY_COLORS.values()}


# -- selection --------------------------------------------------------------------------------------
def test_select_filters(sample):
    assert set(select(sample, categories=["attack"]).events["category"]) == {"attack"}
    by_date = select(sample, start_date="2025-02-12", end_date="2025-02-12")
    assert list(by_date.events["event_id"]) == ["e1"]
    assert by_date.undated_left_out == 2
    assert set(select(sample, actors=["russia"]).events["event_id"]) == {"e1", "e2", "e3", "e4"}
    assert set(select(sample, countries=["Russia"]).events["event_id"]) == {"e2"}
    assert "e3" not in set(select(sample, min_confidence=0.6).events["event_id"])
    # dated events first, by date and time; undated after
    assert list(select(sample).events["event_id"])[:3] in (["e2", "e3", "e1"], ["e3", "e2", "e1"])


@pytest.mark.parametrize("kwargs, words", [
    ({"start_date": "12/02/2025"}, "YYYY-MM-DD"),
    ({"start_date": "2025-02-13", "end_date": "2025-02-11"}, "after"),
    ({"categories": ["attacks"]}, "use any of"),
    ({"min_confidence": 1.5}, "0 to 1"),
    ({"actors": [1]}, "list of names"),
])
def test_select_rejects_bad_values_with_a_fix(sample, kwargs, words):
    with pytest.raises(ParameterError, match=words) as info:
        select(sample, **kwargs)
    assert isinstance(info.value, NewsframeError) and "\n" not in str(info.value)


# -- charts: every one gives a chart, or a sentence when there is nothing to draw --------------------
ALL_CHARTS = [charts.events_per_day, charts.timeline, charts.category_totals, charts.actor_matrix,
              charts.weapons, charts.casualties, maps.places_map]


@pytest.mark.parametrize("draw", ALL_CHARTS, ids=lambda f: f.__name__)
def test_chart_has_title_labels_and_caption(sample, draw):
    chart = draw(select(sample))
    assert isinstance(chart, Chart)
    ax = chart.fig.axes[0]
    assert ax.get_title(loc="left") or ax.get_title()
    assert ax.get_xlabel() or draw is maps.places_map
    assert chart.caption and chart.alt
    markup = chart._repr_html_()
    assert markup.startswith('<figure class="nf-chart"><img src="data:image/png;base64,')
    assert "<figcaption>" in markup


@pytest.mark.parametrize("draw", ALL_CHARTS + [evidence.evidence_table], ids=lambda f: f.__name__)
def test_empty_selection_gives_a_sentence(sample, draw):
    out = draw(select(sample, categories=["humanitarian"]))
    assert isinstance(out, Note)
    assert "No events match" in out.text and "humanitarian" in out.text or "no places" in out.text


def test_nothing_to_draw_is_said_not_drawn(sample):
    diplomacy = select(sample, categories=["diplomacy"])
    assert "names a weapon" in str(charts.weapons(diplomacy))
    assert "killed or injured" in str(charts.casualties(diplomacy))
    assert "nothing to map" in str(maps.places_map(diplomacy))
    undated = select(sample, categories=["military_support"])
    assert "has a date" in str(charts.events_per_day(undated))


def test_dates_are_dates_on_the_axis(sample):
    ax = charts.events_per_day(select(sample)).fig.axes[0]
    labels = [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()]
    assert labels == ["11 Feb 2025", "12 Feb 2025"]


def test_timeline_labels_and_undated_column(sample):
    ax = charts.timeline(select(sample)).fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert any("Kyiv" in t and "Iskander" in t for t in texts)
    assert "undated" in [t.get_text() for t in ax.get_xticklabels()]


def test_timeline_labels_do_not_overlap(sample):
    fig = charts.timeline(select(sample)).fig
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in fig.axes[0].texts]
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])


def test_map_points_merge_facility_and_drop_countries(sample):
    pts = maps.map_points(select(sample))
    assert "Ukraine" not in set(pts["place"])
    assert "Saratov (oil refinery)" in set(pts["label"])
    fig = maps.places_map(select(sample)).fig
    assert len(fig.axes) == 2 and "Kyiv" in fig.axes[1].get_title(loc="left")


# -- words and tables -------------------------------------------------------------------------------
def test_summary_reads_like_a_brief(sample):
    text = re.sub(r"<[^>]+>", " ", brief.summary(select(sample)).markup)
    text = " ".join(html.unescape(text).split())
    assert "5 incidents from 5 reports" in text
    assert "11 Feb 2025 to 12 Feb 2025" in text
    assert "Each incident is reported by one outlet only." in text
    assert "2 attacks" in text and "attacks lead" in text
    assert "at least 1 person killed" in text
    assert "Kyiv (1 attack; districts named: Podilskyi and Obolonskyi)" in text
    assert "4 Iskander ballistic missiles launched" in text and "200 long-range artillery guns supplied" in text


def test_summary_of_nothing(sample):
    text = brief.summary(select(sample, categories=["other"])).markup
    assert "No events match this selection" in text and "widen the filters" in text


def test_parameters_table_shows_filters(sample):
    markup = brief.parameters_table(select(sample, categories=["attack"], start_date="2025-02-11"), "seeds").markup
    assert "Attack" in markup and "11 Feb 2025" in markup and "last event" in markup


def test_tables_escape_article_text():
    nasty = "Russia struck <b>Kyiv</b> <script>alert(1)</script> & more."
    c = corpus([event("e1", "attack", "2025-02-12", sentence=nasty, location="<i>Kyiv</i>")],
               title="<script>alert('title')</script>")
    sel = select(c)
    out = evidence.evidence_table(sel).markup + evidence.sources_table(sel).markup + brief.summary(sel).markup
    assert "<script>" not in out and "<b>Kyiv" not in out and "<i>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out and "&lt;b&gt;Kyiv&lt;/b&gt;" in out
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in out


def test_evidence_table_columns(sample):
    markup = evidence.evidence_table(select(sample)).markup
    row = html.unescape(re.sub(r"<[^>]+>", "", next(r for r in markup.split("<tr>") if "Iskander" in r))).replace("\xa0", " ")
    assert "12 Feb 2025, 04:30" in row and "4 × Iskander ballistic missile" in row and "killed: ≥ 1" in row
    assert "Reported by 1 outlet: Test Outlet." in row and "a1, § Lead, characters 0–10" in row
    assert "Russia launched four Iskander ballistic missiles at Kyiv." in row
    assert "<thead>" in markup


# -- parameters -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def declared():
    from analysis.report.params import declared_parameters
    return declared_parameters(NOTEBOOK)


def test_declared_parameters_of_the_brief(declared):
    assert list(declared) == ["seeds", "title", "start_date", "end_date", "categories", "actors", "countries",
                              "min_confidence"]
    assert declared["categories"].type == "Optional[list[str]]" and declared["min_confidence"].type == "float"


def test_cli_values_are_parsed_for_their_type(declared):
    from analysis.report.params import parse_cli
    values = parse_cli([("categories", "attack,diplomacy"), ("actors", "['Russia']"), ("min_confidence", "0.5"),
                        ("start_date", "2025-02-11"), ("end_date", "None"), ("title", "123")], declared)
    assert values == {"categories": ["attack", "diplomacy"], "actors": ["Russia"], "min_confidence": 0.5,
                      "start_date": "2025-02-11", "end_date": None, "title": "123"}


@pytest.mark.parametrize("pairs, words", [
    ([("categorie", "attack")], "unknown parameter 'categorie'.*did you mean categories"),
    ([("min_confidence", "high")], "min_confidence"),
    ([("min_confidence", "7")], "0 to 1"),
    ([("start_date", "yesterday")], "YYYY-MM-DD"),
    ([("categories", "attak")], "use any of attack"),
    ([("title", "  ")], "title is empty"),
])
def test_bad_cli_values_are_one_line_errors(declared, pairs, words):
    from analysis.report.params import parse_cli
    with pytest.raises(ParameterError, match=words) as info:
        parse_cli(pairs, declared)
    assert "\n" not in str(info.value)


def test_typed_values_from_config_are_checked(declared):
    from analysis.report.params import check
    assert check({"min_confidence": 1, "categories": ["attack"]}, declared) == {"min_confidence": 1.0,
                                                                             "categories": ["attack"]}
    with pytest.raises(ParameterError, match="must be Optional"):
        check({"categories": "attack"}, declared)
    with pytest.raises(ParameterError, match="must be float"):
        check({"min_confidence": True}, declared)


# -- jobs, names, manifest, index -------------------------------------------------------------------
def write_config(tmp_path, text):
    (tmp_path / "seeds").mkdir(exist_ok=True)
    path = tmp_path / "reports.toml"
    path.write_text(f'notebook = "{NOTEBOOK}"\nseeds = "seeds"\n' + text)
    return path


def test_config_expands_categories_and_last_days(tmp_path):
    from analysis.report.jobs import load_config
    path = write_config(tmp_path, '[[job]]\nname = "cat"\neach = "category"\ntitle = "Brief: {label}"\n'
                                  '[[job]]\nname = "week"\nlast_days = 7\n')
    jobs, out = load_config(path, as_of=dt.date(2025, 2, 12))
    assert out == tmp_path / "reports"
    assert [j.name for j in jobs] == [f"cat-{c}" for c in CATEGORIES] + ["week"]
    assert jobs[0].parameters["categories"] == ["attack"] and jobs[0].title == "Brief: Attack"
    assert jobs[-1].parameters["start_date"] == "2025-02-06" and jobs[-1].parameters["end_date"] == "2025-02-12"
    assert jobs[-1].title == "War-news brief (2025-02-06 to 2025-02-12)"


@pytest.mark.parametrize("text, words", [
    ('[[job]]\nname = "a"\nparameters = { categorie = ["attack"] }\n', "unknown parameter 'categorie'"),
    ('[[job]]\nname = "a"\nparameters = { min_confidence = "high" }\n', "must be float"),
    ('[[job]]\nname = "a"\n[[job]]\nname = "a"\n', "used twice"),
    ('[[job]]\nname = "../x"\n', "folder name"),
    ('[[job]]\nname = "a"\ncolour = 1\n', "unknown key colour"),
    ('[[job]]\nname = "a"\nseeds = "nowhere"\n', "seeds folder"),
    ('[[job]\n', "not valid TOML"),
])
def test_bad_config_is_a_clear_error(tmp_path, text, words):
    from analysis.report.jobs import ConfigError, load_config
    with pytest.raises(ConfigError, match=words):
        load_config(write_config(tmp_path, text))


def test_default_report_names():
    from analysis.report.command import default_name
    assert default_name(NOTEBOOK, {}) == "brief"
    assert default_name(NOTEBOOK, {"categories": ["attack"]}) == "brief-categories-attack"
    long = default_name(NOTEBOOK, {"actors": ["x" * 80]})
    assert len(long) <= 60 and long.startswith("brief-actors-")


def test_job_key_changes_with_parameters_and_inputs(tmp_path):
    from analysis.report import manifest as mf
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "catalog.csv").write_text("file,published\n")
    ins = mf.inputs(NOTEBOOK, seeds)
    key = mf.job_key(ins, {"title": "a"}, ["html"])
    assert key == mf.job_key(mf.inputs(NOTEBOOK, seeds), {"title": "a"}, ["html"])
    assert key != mf.job_key(ins, {"title": "b"}, ["html"])
    assert key != mf.job_key(ins, {"title": "a"}, ["html", "pdf"])
    (seeds / "a.txt").write_text("Title\nText.")
    assert key != mf.job_key(mf.inputs(NOTEBOOK, seeds), {"title": "a"}, ["html"])


def test_index_lists_reports_and_failures(tmp_path):
    from analysis.report.index import write_index
    good = tmp_path / "brief"
    good.mkdir()
    (good / "brief.html").write_text("x")
    (good / "manifest.json").write_text(json.dumps({
        "name": "brief", "title": "War <news> brief", "status": "ok", "created": "2025-02-12T08:00:00+00:00",
        "parameters": {"seeds": "/s", "categories": ["attack"]}, "outputs": [{"file": "brief.html"}]}))
    bad = tmp_path / "other.failed"
    bad.mkdir()
    (bad / "other.ipynb").write_text("{}")
    (bad / "error.txt").write_text("cell 3 (In [2]: boom()): ValueError: boom")
    page = write_index(tmp_path).read_text()
    assert 'href="brief/brief.html"' in page and "War &lt;news&gt; brief" in page and "12 Feb 2025" in page
    assert "categories = Attack" in page
    assert "Failed jobs" in page and "ValueError: boom" in page and 'href="other.failed/other.ipynb"' in page


def test_css_title_cannot_break_out_of_the_style_element():
    from analysis.report.run import css_string
    out = css_string('Brief "x" </style><script>')
    assert "<" not in out and '"' not in out and "\\3c " in out


def test_cache_round_trip_keeps_dtypes(tmp_path, monkeypatch):
    import pandas as pd
    from analysis.report import cache
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("catalog.csv", "000_52c535ecba3a03e2.txt"):
        (seeds / name).write_bytes((ROOT / "seeds" / name).read_bytes())
    monkeypatch.setenv("NEWSFRAME_CACHE", str(tmp_path / "cache"))
    first = cache.load(seeds)
    second = cache.load(seeds)
    assert len(list((tmp_path / "cache").iterdir())) == 1
    for table in ("articles", "sentences", "events", "mentions", "places", "issues"):
        pd.testing.assert_frame_equal(getattr(first, table), getattr(second, table))


def test_isin_matches_pandas_for_ids_and_never_matches_missing():
    import pandas as pd

    from analysis.report.selection import isin

    for dtype in ("str", "object", "string[pyarrow]"):
        s = pd.Series(["a", "b", None, "c"], dtype=dtype, index=[3, 4, 5, 6])
        got = isin(s, {"a", "c", "z"})
        assert got.tolist() == [True, False, False, True] and got.index.tolist() == [3, 4, 5, 6]
    assert isin(pd.Series([1, 2, 3]), {2}).tolist() == [False, True, False]     # not strings: pandas' isin
    assert not isin(pd.Series(["a"]), set()).any()


def test_manifest_paths_of_many_inputs_are_each_files_resolved_path(tmp_path, monkeypatch):
    """``manifest._rels`` resolves each folder once and joins the names as text: the same paths as
    resolving every file (``_rel``), for a link to a file, a file under a linked folder and a plain one,
    from inside and from outside the working folder."""
    from analysis.report import manifest

    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("x")
    (tmp_path / "b.txt").symlink_to(tmp_path / "sub" / "a.txt")
    (tmp_path / "lsub").symlink_to(tmp_path / "sub")
    paths = [tmp_path / "b.txt", tmp_path / "sub" / "a.txt", tmp_path / "lsub" / "a.txt"]
    for cwd in (tmp_path, tmp_path / "lsub", tmp_path.parent.parent):
        monkeypatch.chdir(cwd)
        assert manifest._rels(paths + [Path("b.txt")]) == [manifest._rel(p) for p in paths + [Path("b.txt")]]
