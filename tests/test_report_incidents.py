"""The brief counts incidents, not reports: three outlets' reports of one strike are one incident with its
outlets and its figure range, and the air-defence section sets launched against intercepted with who claims
each figure. Hand-made tables (no kernel, no browser: fast); the end-to-end brief of tests/incidents is
checked in test_notebooks.py."""
from __future__ import annotations

import html
import re
from types import SimpleNamespace

import pytest

from analysis import incident_table
from analysis.report import airdefence, brief, charts, evidence, maps
from analysis.report.figures import Chart, Note
from analysis.report.selection import select
from analysis.tables import frame

STRIKE, DOWNED, RUSSIAN = "inc-00000000000a", "inc-00000000000b", "inc-00000000000c"
OUTLETS = {"w": "Wire Service", "l": "Local Daily", "b": "Live Blog"}


def article(aid):
    return dict(article_id=aid, file=f"{aid}.txt", title=f"Report {aid}", published="2025-03-02", outlet=OUTLETS[aid],
                url=None, timezone="Europe/Kyiv", sha256="0" * 64, n_sections=1, n_sentences=3)


def event(eid, aid, incident, category, sentence, **kw):
    base = dict(event_id=eid, article_id=aid, sentence=sentence, section="Lead", char_start=10, char_end=10 + len(sentence),
                event_date="2025-03-01", date_text=None, date_precision="day", time_local=None, timestamp_utc=None,
                category=category, event_type=None, sub_event_type=None, cameo_code=None, actor1="Russia",
                actor1_detail=None, actor2="Ukraine", location="Odesa", admin1="Odesa Oblast", country="Ukraine",
                latitude=46.48, longitude=30.72, geo_precision="city", weapon=None, weapon_count=None,
                fatalities=None, injuries=None, confidence=0.8, origin="extracted", claimed_by="reporting",
                incident_id=incident)
    return {**base, **kw}


def strike_corpus():
    """One drone strike on Odesa told by three outlets (3, 5 and no figure of dead), one interception figure
    from the Ukrainian Air Force and one Russian claim of drones downed over Belgorod."""
    events = [
        event("w1", "w", STRIKE, "attack", "Russian drones hit a port warehouse in Odesa overnight, killing three.",
              weapon="Shahed drone", weapon_count=20, fatalities=3),
        event("l1", "l", STRIKE, "attack", "Five people died when drones struck the Odesa port, officials said.",
              weapon="Shahed drone", weapon_count=24, fatalities=5, injuries=7, claimed_by="Ukrainian Air Force"),
        event("b1", "b", STRIKE, "attack", "Odesa's port was hit by drones in the night.", weapon="drone"),
        event("l2", "l", DOWNED, "air_defense", "Air defences downed 17 of the drones, the air force said.",
              actor1="Ukraine", actor2="Russia", weapon="Shahed drone", weapon_count=17,
              claimed_by="Ukrainian Air Force"),
        event("w2", "w", RUSSIAN, "air_defense", "Russia's defence ministry said it downed 4 drones over Belgorod.",
              actor1="Russia", actor2="Ukraine", location="Belgorod", admin1="Belgorod Oblast", country="Russia",
              latitude=50.6, longitude=36.6, weapon="drone", weapon_count=4, claimed_by="Russian Defence Ministry"),
    ]
    arts, evs = frame("articles", [article(a) for a in OUTLETS]), frame("events", events)
    sentences = [dict(article_id=e["article_id"], sentence_id=f"{e['article_id']}:{i}", section="Lead",
                      text=e["sentence"], char_start=e["char_start"], char_end=e["char_end"]) for i, e in enumerate(events)]
    mentions = [dict(event_id=e["event_id"], sentence_id=f"{e['article_id']}:{i}", char_start=e["char_start"],
                     char_end=e["char_end"], role="main") for i, e in enumerate(events)]
    return SimpleNamespace(articles=arts, events=evs, sentences=frame("sentences", sentences),
                           mentions=frame("mentions", mentions), places=frame("places", []), issues=frame("issues", []),
                           incidents=frame("incidents", incident_table.build(evs, arts).to_dict("records")))


@pytest.fixture(scope="module")
def sel():
    return select(strike_corpus())


def visible(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).replace("\xa0", " ").split())


def test_selection_holds_one_row_per_incident(sel):
    assert len(sel.events) == 5 and len(sel.incidents) == 3
    strike = sel.incidents.set_index("incident_id").loc[STRIKE]
    assert strike["n_outlets"] == 3 and strike["fatalities"] == 3       # the lower end of 3–5
    assert len(sel.counted().events) == 3


def test_headline_counts_incidents_from_reports(sel):
    text = visible(brief.summary(sel).markup)
    assert "3 incidents from 5 reports" in text
    assert "reported by 3 outlets" in text
    assert "at least 3 people killed" in text                          # not 8: the strike counts once
    assert "3 incidents from 5 reports" in visible(brief.title_block("T", sel).markup)


def test_charts_count_incidents(sel):
    chart = charts.category_totals(sel)
    assert [round(b.get_width()) for b in chart.fig.axes[0].patches if b.get_width() > 0] == [1, 2]
    assert "3 incidents in all" in chart.caption
    per_day = charts.events_per_day(sel)
    assert sum(b.get_height() for b in per_day.fig.axes[0].patches) == 3
    assert "3 dated incidents" in per_day.caption
    assert maps.map_points(sel.counted())["events"].sum() == 3


def test_evidence_groups_reports_under_their_incident(sel):
    markup = evidence.evidence_table(sel).markup
    rows = [visible(r) for r in markup.split("<tr>")[2:]]
    assert len(rows) == 3
    strike = next(r for r in rows if "Reported by 3 outlets" in r)
    assert "killed: 3–5" in strike and "injured: ≥ 7" in strike
    for outlet in OUTLETS.values():
        assert outlet in strike
    assert "Local Daily citing Ukrainian Air Force" in strike
    assert "Five people died when drones struck the Odesa port" in strike and "l, § Lead, characters 10–" in strike


def test_evidence_escapes_report_text():
    c = strike_corpus()
    c.events.loc[0, "sentence"] = "Drones hit <b>Odesa</b> <script>alert(1)</script>."
    c.articles.loc[0, "outlet"] = "<i>Wire</i>"
    markup = evidence.evidence_table(select(c)).markup
    assert "<script>" not in markup and "<b>Odesa" not in markup and "<i>Wire" not in markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup


def test_air_defence_sets_launched_against_intercepted(sel):
    nights = airdefence.nights(sel).set_index(["side", "weapon_class"])
    russian_drones = nights.loc[("Russia", "drone")]
    assert russian_drones["launched"] == 24 and russian_drones["intercepted"] == 17   # the strike counts once
    assert "Ukrainian Air Force: 24" in russian_drones["launched_by"] and "own reporting: 20" in russian_drones["launched_by"]
    assert russian_drones["intercepted_by"] == "Ukrainian Air Force: 17"
    ukrainian = nights.loc[("Ukraine", "drone")]                        # never added to the Russian drones
    assert ukrainian["intercepted"] == 4 and ukrainian["intercepted_by"] == "Russian Defence Ministry: 4"


def test_air_defence_section_shows_figures_and_claimants(sel):
    out = airdefence.section(sel)
    text = visible(out.markup)
    assert 'class="nf-chart"' in out.markup and 'alt="Bar chart of weapons launched and intercepted' in out.markup
    assert "weapons of Russia: 24 launched and 17 intercepted; weapons of Ukraine: 4 intercepted" in text
    for words in ("1 Mar 2025", "24", "17", "71%", "Ukrainian Air Force: 17", "Russian Defence Ministry: 4"):
        assert words in text, words
    assert "nan" not in text.lower() and "<NA>" not in text
    assert isinstance(airdefence.air_defence_chart(sel), Chart)


def test_air_defence_without_figures_says_so_in_one_line():
    c = strike_corpus()
    sel = select(c, categories=["attack"])
    c.events["weapon_count"] = c.events["weapon_count"].where(c.events["category"] != "attack")
    out = airdefence.section(sel)
    assert isinstance(out, Note) and "no air-defence balance" in out.text and "\n" not in out.text


def test_print_quotes_a_few_reports_per_incident(sel):
    markup = evidence.evidence_table(sel).markup
    row = next(r for r in markup.split("<tr>") if "Reported by 3 outlets" in r)
    assert row.count('class="nf-report"') == evidence.EVIDENCE_PRINT_QUOTES == 2
    assert row.count('class="nf-report nf-screen-only"') == 1
    assert "… and 1 more report (in the HTML brief and events.csv)" in visible(row)
