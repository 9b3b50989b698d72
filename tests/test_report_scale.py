"""The brief at scale (issue #10): thousands of events still make a readable HTML page and a PDF of a few
dozen pages. Unit tests build the tables and charts from synthetic selections (no kernel, no browser);
one slow test builds a whole brief for a generated corpus and counts its PDF's pages.
"""
from __future__ import annotations

import html
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PathCollection

from analysis.report import charts, evidence, maps
from analysis.report.selection import select
from analysis.report.words import count
from analysis.tables import frame

ROOT = Path(__file__).resolve().parent.parent
CSS = ROOT / "analysis" / "report" / "templates" / "newsframe" / "brief.css"
CITIES = [("Kyiv", 50.45, 30.52), ("Kharkiv", 49.99, 36.23), ("Odesa", 46.48, 30.73), ("Lviv", 49.84, 24.03),
          ("Dnipro", 48.46, 35.05)]


def events(n: int, days: int = 700, busiest: float = 0.6, sentence=None, articles: int = 50) -> list[dict]:
    """``n`` attack and diplomacy events over ``days`` days from ``articles`` articles, ``busiest`` of them in
    Kyiv, the rest spread over four other cities."""
    rng = np.random.default_rng(3)
    start = pd.Timestamp("2024-01-01")
    rows = []
    for i in range(n):
        city, lat, lon = CITIES[0] if i < busiest * n else CITIES[1 + i % (len(CITIES) - 1)]
        day = (start + pd.Timedelta(days=int(rng.integers(days)))).date().isoformat()
        rows.append(dict(
            event_id=f"e{i}", article_id=f"a{i % articles}", section="Lead", char_start=0, char_end=10,
            sentence=sentence or f"Sentence {i} about {city}.", event_date=day,
            date_text=None, date_precision="day", time_local=None, timestamp_utc=None,
            category="attack" if i % 3 else "diplomacy", event_type=None, sub_event_type=None, cameo_code=None,
            actor1="Russia" if i % 3 else "Ukraine", actor1_detail=None, actor2=None, location=city, admin1=city,
            country="Ukraine", latitude=lat, longitude=lon, geo_precision="city", weapon=None, weapon_count=None,
            fatalities=None, injuries=None, confidence=0.9, origin="extracted", claimed_by="reporting",
            incident_id=f"inc-{i:012x}"))
    return rows


def corpus(rows: list[dict], articles: int = 50, issues: int = 0) -> SimpleNamespace:
    """A corpus of the given events, ``articles`` articles and ``issues`` data-quality findings."""
    arts = [dict(article_id=f"a{i}", file=f"a{i}.txt", title=f"Article {i}", published="2025-02-12",
                 outlet="Test Outlet", url=None, timezone="Europe/Kyiv", sha256="0" * 64, n_sections=1,
                 n_sentences=1) for i in range(articles)]
    found = [dict(article_id=f"a{i % articles}", sentence_id=f"a{i % articles}:1", kind="undated_event",
                  detail="no date") for i in range(issues)]
    return SimpleNamespace(articles=frame("articles", arts), sentences=frame("sentences", []),
                           events=frame("events", rows), mentions=frame("mentions", []),
                           places=frame("places", []), issues=frame("issues", found))


@pytest.fixture(scope="module")
def big():
    """5,000 events over two years, three in five of them in Kyiv."""
    return select(corpus(events(5000)))


def rows_of(markup: str) -> tuple[int, int]:
    """``(rows in the HTML, rows printed)`` of a table's markup."""
    body = markup[markup.index("<tbody>"):]
    return body.count("<tr"), body.count("<tr>")


def visible_text(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


# -- the evidence table and the appendices ---------------------------------------------------------
def test_evidence_table_is_capped_with_a_note_on_what_is_left_out(big):
    markup = evidence.evidence_table(big).markup
    listed, printed = rows_of(markup)
    assert listed == evidence.EVIDENCE_SCREEN_ROWS and printed == evidence.EVIDENCE_PRINT_ROWS
    notes = visible_text(markup[:markup.index("<table")])
    assert f"The first {evidence.EVIDENCE_SCREEN_ROWS:,} of 5,000 incidents" in notes
    assert f"The first {evidence.EVIDENCE_PRINT_ROWS:,} of 5,000 incidents" in notes
    assert "incidents.csv, events.csv and mentions.csv" in notes
    assert 'class="nf-note nf-info nf-print-only"' in markup and 'class="nf-note nf-info nf-screen-only"' in markup


def test_caps_are_settings_and_a_short_table_has_no_note(big):
    markup = evidence.evidence_table(big, screen_rows=300, print_rows=20).markup
    assert rows_of(markup) == (300, 20)
    assert "The first 20 of 5,000 incidents" in visible_text(markup)
    small = select(corpus(events(12)))
    markup = evidence.evidence_table(small).markup
    assert rows_of(markup) == (12, 12) and "nf-note" not in markup


def test_html_lists_every_row_under_its_cap_and_says_so_in_print():
    markup = evidence.evidence_table(select(corpus(events(400)))).markup
    assert rows_of(markup) == (400, evidence.EVIDENCE_PRINT_ROWS)
    assert "nf-screen-only\">" not in markup.split("<table")[0]          # no note on screen: all are listed
    assert "all of them are in the HTML brief" in visible_text(markup)


def test_print_stylesheet_leaves_out_screen_only_rows():
    css = CSS.read_text()
    screen = re.search(r"@media print\s*{(.*?)\n}", css, re.S).group(1)
    assert re.search(r"\.nf-screen-only\s*{\s*display:\s*none", screen)
    assert re.search(r"\.nf-print-only\s*{\s*display:\s*block", screen)
    assert re.search(r"^\.nf-print-only\s*{\s*display:\s*none", css, re.M)


def test_a_200_kb_sentence_is_shortened_and_escaped():
    sentence = "Russia struck <b>Kyiv</b> & <script>alert(1)</script> " + "drones hit the city again & again " * 6000
    assert len(sentence) > 200_000
    markup = evidence.evidence_table(select(corpus(events(1, sentence=sentence)))).markup
    assert len(markup) < 3000
    assert "<script>" not in markup and "<b>Kyiv" not in markup and "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
    quoted = html.unescape(re.search(r'<q class="nf-quote">(.*?)</q>', markup, re.S).group(1))
    assert quoted.endswith("…") and sentence.startswith(quoted[:-1]) and len(quoted) <= evidence.QUOTE_CHARS + 1
    assert f"shortened from {len(sentence):,} characters" in visible_text(markup) and "events.csv" in markup


def test_a_cut_never_splits_an_escaped_character():
    sentence = "&" * 1000
    out = evidence.quote(sentence)
    assert re.fullmatch(r'<q class="nf-quote">(&amp;)+…</q>.*', out, re.S)


def test_appendices_are_capped_too():
    sel = select(corpus(events(3000, articles=3000), articles=3000, issues=5000))
    sources, issues = evidence.sources_table(sel).markup, evidence.issues_table(sel).markup
    assert rows_of(sources) == (evidence.APPENDIX_SCREEN_ROWS, evidence.APPENDIX_PRINT_ROWS)
    assert rows_of(issues) == (evidence.APPENDIX_SCREEN_ROWS, evidence.APPENDIX_PRINT_ROWS)
    assert "of 3,000 articles" in visible_text(sources) and "articles.csv" in sources
    assert "By kind: 5,000 undated events" in visible_text(issues) and "issues.csv" in issues


def test_counts_are_written_with_thousands_separators():
    assert count(18448, "event") == "18,448 events" and count(1, "event") == "1 event"


# -- charts ---------------------------------------------------------------------------------------
def test_map_dots_never_cover_the_country(big):
    fig = maps.places_map(big).fig
    ax = fig.axes[0]
    sizes = np.concatenate([c.get_sizes() for c in ax.collections if isinstance(c, PathCollection)])
    assert np.sqrt(sizes.max()) / 72 * fig.dpi < 0.1 * ax.get_window_extent().width    # Kyiv, 3,000 events
    assert np.sqrt(sizes.max()) <= maps.DOT_MAX + 1e-6 and np.sqrt(sizes.min()) >= maps.DOT_MIN - 1e-6


def test_map_dot_area_grows_with_events():
    sizes = maps.dot_sizes([1, 4, 16])
    assert sizes[0] < sizes[1] < sizes[2] and sizes[2] / sizes[1] == pytest.approx(4)


def test_dense_timeline_counts_events_with_markers_that_stay_visible(big):
    chart = charts.timeline(big)
    ax = chart.fig.axes[0]
    dots = [c for c in ax.collections if len(c.get_offsets())]
    assert sum(len(c.get_offsets()) for c in dots) <= 2 * 24             # two categories, counted per month
    assert all(np.all(c.get_linewidths() == 0) for c in dots)           # no white edge over the fill
    assert not ax.texts                                                 # no wall of labels
    assert "counts" in chart.caption and "5,000 incidents" in chart.caption
    xs = np.sort(np.unique(np.concatenate([ax.transData.transform(c.get_offsets())[:, 0] for c in dots])))
    widest = max(np.sqrt(c.get_sizes()).max() for c in dots) / 72 * chart.fig.dpi
    assert np.diff(xs).min() >= widest                                  # neighbours never overlap
    sparse = charts.timeline(select(corpus(events(10, days=20)))).fig.axes[0]
    assert sum(len(c.get_offsets()) for c in sparse.collections) == 10 and sparse.texts   # a few: one by one


def test_actor_counts_fit_inside_their_dots():
    rows = events(1400)
    for i, e in enumerate(rows):
        e["actor1"] = "Russia" if i < 1355 else "Ukraine"
    ax = charts.actor_matrix(select(corpus(rows))).fig.axes[0]
    for dot, label in zip([c for c in ax.collections if len(c.get_offsets())], ax.texts):
        width = label.get_window_extent(ax.figure.canvas.get_renderer()).width * 72 / ax.figure.dpi
        assert np.sqrt(dot.get_sizes()[0]) >= width + 2, label.get_text()


def test_casualty_chart_gives_the_peaks_in_words_over_many_bars():
    rows = events(600, days=900)
    for i, e in enumerate(rows):
        e["fatalities"] = 1 + i % 7
    chart = charts.casualties(select(corpus(rows)))
    assert not [t for t in chart.fig.axes[0].texts if t.get_text() and t.get_visible()]     # no wall of digits
    assert re.search(r"The most in one month: [\d,]+ killed \([A-Z][a-z]{2} 20\d\d\)\.", chart.caption)


# -- a whole brief ----------------------------------------------------------------------------------
def make_corpus(folder: Path, n: int) -> None:
    """benchmarks/generate.py's generator (the one the extraction benchmark uses)."""
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.make_corpus(folder, n)


@pytest.mark.slow
def test_brief_of_a_few_hundred_events_prints_a_short_pdf(tmp_path):
    assert shutil.which("pdfinfo") and shutil.which("pdftotext"), "poppler-utils missing: run install-system-deps.sh"
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    make_corpus(seeds, 40)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NEWSFRAME_CACHE": str(tmp_path / "cache")}
    proc = subprocess.run([sys.executable, "-m", "analysis.cli", "report", str(seeds), "--out", str(tmp_path / "out"),
                           "-q"], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    folder = tmp_path / "out" / "brief"
    info = subprocess.run(["pdfinfo", str(folder / "brief.pdf")], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages <= 25, pages
    page = (folder / "brief.html").read_text(encoding="utf-8")
    start = page.index('class="nf-table nf-evidence"')
    listed, printed = rows_of(page[start:page.index("</table>", start)])
    assert listed > evidence.EVIDENCE_PRINT_ROWS and printed == evidence.EVIDENCE_PRINT_ROWS
    text = " ".join(subprocess.run(["pdftotext", str(folder / "brief.pdf"), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert f"The first {evidence.EVIDENCE_PRINT_ROWS} of {listed:,} incidents" in text


# -- issue #9: the brief over a 10,000-article store -------------------------------------------------
def test_printed_copy_leaves_out_only_the_screen_only_rows(big):
    from analysis.report.pdf import print_copy

    markup = evidence.evidence_table(big).markup
    printed = print_copy(markup)
    assert rows_of(printed) == (evidence.EVIDENCE_PRINT_ROWS, evidence.EVIDENCE_PRINT_ROWS)
    assert "nf-screen-only" not in printed and "nf-print-only" in printed
    assert len(printed) < len(markup) / 10
    text = '<p class="nf-note">A &lt;/tr&gt; in a quote</p><tr class="nf-screen-only"><td>x</td></tr>'
    assert print_copy(text) == '<p class="nf-note">A &lt;/tr&gt; in a quote</p>'


def test_evidence_builds_only_the_rows_it_shows(big, monkeypatch):
    """Reports are gathered for the listed incidents only, never for all 5,000."""
    seen = []
    original = evidence.reports_by_incident
    monkeypatch.setattr(evidence, "reports_by_incident", lambda sel, ids: seen.append(len(ids)) or original(sel, ids))
    markup = evidence.evidence_table(big, screen_rows=50, print_rows=10).markup
    assert seen == [50] and rows_of(markup) == (50, 10)
    assert "The first 50 of 5,000 incidents" in visible_text(markup)


def test_air_defence_claims_are_aggregated_per_night_and_side():
    from analysis.report import airdefence

    f = pd.DataFrame({"night": pd.to_datetime(["2025-02-11", "2025-02-11", "2025-02-11", None]),
                      "side": ["Russia"] * 4, "weapon_class": ["drone"] * 4,
                      "role": ["launched", "launched", "launched", "intercepted"],
                      "claimed_by": ["Ukrainian Air Force", "reporting", "Ukrainian Air Force", "reporting"],
                      "figure": [14, 17, 12, 5]})
    out = airdefence._claims(f, ["night", "side", "weapon_class"])
    assert out["by"].tolist() == ["Ukrainian Air Force: 12/14; own reporting: 17", "own reporting: 5"]
    assert out["role"].tolist() == ["launched", "intercepted"] and out["night"].isna().tolist() == [False, True]


def test_report_reads_an_up_to_date_store_and_only_that(tmp_path, monkeypatch):
    """``newsframe report --data DIR``: the tables of an up-to-date ``newsframe extract`` output are read
    as they are; an edited article makes the store stale, and the report extracts again."""
    from analysis import store
    from analysis.report import cache

    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    store.update(seeds, tmp_path / "data")
    assert cache.store_is_current(seeds, tmp_path / "data")
    monkeypatch.setenv("NEWSFRAME_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("NEWSFRAME_CACHE", "off")
    monkeypatch.setattr(cache.analysis, "load", lambda s: pytest.fail("extracted although the store is current"))
    corpus = cache.load(seeds)
    assert len(corpus.events) == len(pd.read_parquet(tmp_path / "data" / "events.parquet")) > 0
    article = next(p for p in seeds.iterdir() if p.suffix == ".txt")
    article.write_text(article.read_text("utf-8") + "\nOfficials gave no further details.\n", "utf-8")
    assert not cache.store_is_current(seeds, tmp_path / "data")
    assert cache.from_store(seeds) is None
    monkeypatch.setenv("NEWSFRAME_DATA", "off")
    assert cache.data_folder() is None


def make_varied(folder: Path, n: int) -> None:
    """benchmarks/corpus.py's generator (the 10,000-article benchmark's): every evaluation set, dates moved,
    numbers nudged, cities swapped."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        spec = importlib.util.spec_from_file_location("bench_corpus_varied", ROOT / "benchmarks" / "corpus.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    module.make_varied(folder, n)


@pytest.mark.slow
def test_brief_over_an_extracted_store_of_300_articles_is_capped_and_short(tmp_path):
    """The issue #9 flow at a test's scale: ``newsframe extract`` writes the store, ``newsframe report
    --data`` reads it; the evidence is capped with a note, the PDF stays within its page budget and no
    print copy is left behind."""
    assert shutil.which("pdfinfo") and shutil.which("pdftotext"), "poppler-utils missing: run install-system-deps.sh"
    seeds, data, out = tmp_path / "seeds", tmp_path / "data", tmp_path / "out"
    seeds.mkdir()
    make_varied(seeds, 300)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NEWSFRAME_CACHE": "off"}
    cli = [sys.executable, "-m", "analysis.cli"]
    subprocess.run([*cli, "extract", str(seeds), "--out", str(data), "--quiet"], check=True, capture_output=True,
                   cwd=ROOT, env=env, timeout=300)
    proc = subprocess.run([*cli, "report", str(seeds), "--out", str(out), "--data", str(data), "-q"],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    folder = out / "brief"
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".newsframe")) == \
        ["brief.html", "brief.ipynb", "brief.pdf", "manifest.json"]
    info = subprocess.run(["pdfinfo", str(folder / "brief.pdf")], capture_output=True, text=True, check=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) <= 30
    page = (folder / "brief.html").read_text(encoding="utf-8")
    assert len(page) < 6_000_000
    start = page.index('class="nf-table nf-evidence"')
    listed, printed = rows_of(page[start:page.index("</table>", start)])
    incidents = len(pd.read_parquet(data / "incidents.parquet"))
    assert listed == min(incidents, evidence.EVIDENCE_SCREEN_ROWS) and printed == evidence.EVIDENCE_PRINT_ROWS
    text = " ".join(subprocess.run(["pdftotext", str(folder / "brief.pdf"), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert f"The first {evidence.EVIDENCE_PRINT_ROWS} of {incidents:,} incidents" in text


def test_a_claimant_with_many_figures_gets_their_range():
    from analysis.report import airdefence

    f = pd.DataFrame({"night": pd.to_datetime(["2025-02-11"] * 5), "side": ["Russia"] * 5,
                      "weapon_class": ["drone"] * 5, "role": ["launched"] * 5, "claimed_by": ["reporting"] * 5,
                      "figure": [1, 8, 51, 300, 301]})
    assert airdefence._claims(f, ["night", "side", "weapon_class"])["by"].tolist() == ["own reporting: 1–301 (5 figures)"]


def test_long_captions_name_a_dozen_and_count_the_rest():
    rows = events(200)
    for i, e in enumerate(rows):
        e["weapon"], e["weapon_count"] = f"weapon model {i}", (None if i % 2 else 1)
    caption = charts.weapons(select(corpus(rows))).caption
    assert re.search(r"and [\d,]+ more; the evidence table lists them", caption), caption
    assert caption.split("Not drawn")[1].count("weapon model") == charts.CAPTION_NAMES


def test_a_data_folder_that_is_not_there_is_bad_input(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "analysis.cli", "report", "seeds", "--out", str(tmp_path / "out"),
                           "--data", str(tmp_path / "nowhere")], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert proc.returncode == 2 and "--data" in proc.stderr and "no such folder" in proc.stderr
    assert not (tmp_path / "out").exists()
