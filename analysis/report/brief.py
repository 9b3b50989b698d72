"""The brief's words: its title block, a summary written from the data, and the parameters in force.

Everything is escaped HTML (names and titles come from articles). Example of a summary sentence::

    "Attacks lead with 2 of 6 events, followed by military support (2), diplomacy (1) and air defence (1)."
"""
from __future__ import annotations

import datetime as dt
import html

import pandas as pd

from analysis.report.evidence import day, table, text
from analysis.report.figures import HTML
from analysis.report.palette import color, count_verb, label, noun, ordered
from analysis.report.selection import Selection, describe_filters
from analysis.report.words import count, join as _join, plural, verb


def title_block(title: str, sel: Selection, generated: dt.datetime | None = None) -> HTML:
    """The report's heading: title, what it is drawn from, when it was made."""
    generated = generated or dt.datetime.now(dt.timezone.utc)
    n = len(sel.corpus.articles)
    n_inc = len(sel.counted().events)
    sub = (f"newsframe brief · {count(n, 'article')} · {count(n_inc, 'incident')} from "
           f"{count(len(sel.events), 'report')} selected · "
           f"made {generated:%-d %b %Y, %H:%M} UTC")
    return HTML(f'<header class="nf-title"><h1>{html.escape(title)}</h1><p class="nf-subtitle">{html.escape(sub)}</p></header>',
                title)


def _stat(value: str, caption: str) -> str:
    return f'<div class="nf-stat"><span class="nf-stat-value">{value}</span><span class="nf-stat-caption">{caption}</span></div>'


def _dates_phrase(ev: pd.DataFrame) -> str:
    dated = ev["event_date"].dropna()
    if dated.empty:
        return "none of them carries a date"
    first, last = day(dated.min()), day(dated.max())
    days = pd.to_datetime(dated).dt.normalize().nunique()
    span = f"on {first}" if first == last else f"from {first} to {last} ({count(days, 'day')} with incidents)"
    undated = int(ev["event_date"].isna().sum())
    tail = f"; {count(undated, 'incident')} {verb(undated, 'has', 'have')} no date" if undated else ""
    return f"the dated incidents happened {span}{tail}"


def _category_phrase(ev: pd.DataFrame) -> str:
    """``3 attacks, 2 diplomatic events, 2 military-support events and 1 air-defence event``, largest first."""
    counts = ev["category"].value_counts()
    order = sorted(counts.index, key=lambda c: (-counts[c], ordered(counts.index).index(c)))
    head = _join([count(int(counts[c]), noun(c), noun(c, 2)) for c in order])
    if len(order) > 1 and counts[order[0]] > counts[order[1]]:
        head += f" — {noun(order[0], 2)} lead"
    return head[0].upper() + head[1:]


def _casualty_phrase(ev: pd.DataFrame) -> str:
    killed = ev["fatalities"].dropna()
    injured = ev["injuries"].dropna()
    if killed.empty and injured.empty:
        return "No incident states a number of people killed or injured."
    parts = []
    if not killed.empty:
        parts.append(f"at least {count(int(killed.sum()), 'person', 'people')} killed")
    if not injured.empty:
        parts.append(f"at least {int(injured.sum()):,} injured")
    missing = "no injuries are stated" if injured.empty else ("no deaths are stated" if killed.empty else "")
    sentence = f"The articles report {_join(parts)}"
    sentence += f" ({missing})" if missing else ""
    return sentence + (" — lower bounds: “at least one” counts as one, an incident whose reports differ counts its "
                       "lowest figure, and incidents without a figure count as none.")


def places_hit(sel: Selection, top: int = 4) -> list[tuple[str, int, list[str]]]:
    """The places most hit by attacks: (place, attacks, districts named), most attacks first, then most
    killed. A district's attack counts for its city; attacks placed only in a country are left out; an
    attack is an incident, counted once however many outlets report it."""
    sel = sel.counted()
    attacks = sel.events[(sel.events["category"] == "attack") & (sel.events["geo_precision"] != "country").fillna(True)]
    where = attacks["admin1"].where(attacks["geo_precision"] == "district", attacks["location"])
    where = where.fillna(attacks["admin1"]).dropna()
    if where.empty:
        return []
    killed = attacks["fatalities"].fillna(0).astype(int)
    ranking = pd.DataFrame({"place": where, "killed": killed.loc[where.index]}).groupby("place").agg(
        attacks=("place", "size"), killed=("killed", "sum")).sort_values(["attacks", "killed"], ascending=False)
    out = []
    for place, row in ranking.head(top).iterrows():
        ids = set(attacks.loc[where[where == place].index, "event_id"])
        pl = sel.places[sel.places["event_id"].isin(ids) & (sel.places["kind"] == "district")]
        out.append((str(place), int(row["attacks"]), list(dict.fromkeys(pl["place"].astype(str)))))
    return out


def _places_phrase(sel: Selection) -> str:
    items = []
    for place, n, districts in places_hit(sel):
        item = f"{html.escape(place)} ({count(n, 'attack')}"
        if districts:
            item += f"; districts named: {html.escape(_join(districts))}"
        items.append(item + ")")
    return _join(items) if items else ""


def places_named(sel: Selection) -> list[str]:
    """Distinct places below country level named in the selected incidents."""
    sel = sel.counted()
    names = list(sel.places.loc[sel.places["kind"] != "country", "place"].dropna().astype(str))
    ev = sel.events
    names += list(ev.loc[(ev["geo_precision"] != "country").fillna(True), "location"].dropna().astype(str))
    return list(dict.fromkeys(names))


WEAPONS_NAMED = 8    # weapons spelled out in the summary; the chart shows the rest


def _weapons_phrase(ev: pd.DataFrame) -> str:
    """``4 Iskander ballistic missiles launched, drones (launched, number not stated) and …``: the largest
    numbers first, at most WEAPONS_NAMED of them."""
    w = ev[ev["weapon"].notna()]
    items = []
    for (weapon, cat), grp in w.groupby(["weapon", "category"], sort=False):
        n = grp["weapon_count"].sum(min_count=1)
        action = count_verb(cat) or "named"
        if pd.notna(n):
            items.append((-int(n), f"{html.escape(count(int(n), str(weapon)))} {action}"))
        else:
            items.append((1, f"{html.escape(plural(str(weapon)))} ({action}, number not stated)"))
    items = [text for _, text in sorted(items, key=lambda item: item[0])]
    if len(items) > WEAPONS_NAMED + 1:
        rest = len(items) - WEAPONS_NAMED
        items = items[:WEAPONS_NAMED] + [f"{count(rest, 'other weapon')} (see the weapons chart)"]
    return _join(items) if items else ""


def _outlets_phrase(incidents: pd.DataFrame) -> str:
    """``3 incidents are reported by more than one outlet (the most: Kyiv, 10 Oct 2022, by 3 outlets).``:
    how far the brief rests on corroborated reports."""
    n_out = pd.to_numeric(incidents.get("n_outlets", pd.Series(dtype="Int64")), errors="coerce").fillna(1)
    multi = int((n_out > 1).sum())
    if not multi:
        return "Each incident is reported by one outlet only."
    top = incidents.loc[n_out.idxmax()]
    where = next((str(top[k]) for k in ("location", "admin1", "country") if pd.notna(top.get(k))), "")
    what = html.escape(", ".join(x for x in (where, day(top["event_date"]) if pd.notna(top["event_date"]) else "") if x))
    return (f"{count(multi, 'incident')} {verb(multi, 'is', 'are')} reported by more than one outlet (the most: "
            f"{what + ', ' if what else ''}reported by {count(int(n_out.max()), 'outlet')}).")


def _span(first: pd.Timestamp, last: pd.Timestamp) -> str:
    """``12 Feb 2025`` for one day, ``11 Feb – 8 Aug 2025`` for a span, with the first year written too when
    the span crosses a year (``11 Feb 2023 – 8 Aug 2026``: without it, three years read as six months)."""
    if first == last:
        return day(first)
    return f"{first:%-d %b}{'' if first.year == last.year else f' {first.year}'} – {day(last)}"


def summary(sel: Selection) -> HTML:
    """Key figures and a few lines written from the selected incidents (each counted once, however many
    outlets report it), with the number of reports they are drawn from."""
    ev = sel.counted().events
    if ev.empty:
        total = len(sel.corpus.events)
        hint = (f"The corpus holds {count(total, 'event')} in all; widen the filters to see "
                f"{verb(total, 'it', 'them')}." if total else "The articles yield no events at all.")
        body = (f"<p>No events match this selection (filters: {html.escape(describe_filters(sel.filters))}). "
                f"{hint}</p>")
        return HTML(f'<section class="nf-summary">{body}</section>', "no events")
    dated = ev["event_date"].dropna()
    days = "undated" if dated.empty else _span(pd.Timestamp(dated.min()), pd.Timestamp(dated.max()))
    killed = ev["fatalities"].dropna()
    n_killed, n_places = int(killed.sum()), len(places_named(sel))
    stats = "".join([
        _stat(f"{len(ev):,}", f"{plural('incident', len(ev))} from {count(len(sel.events), 'report')}"),
        _stat(html.escape(days), "date of the incident" if len(ev) == 1 else "dates of the incidents"),
        _stat(f"≥ {n_killed:,}" if not killed.empty else "not stated",
              f"{plural('person', n_killed, 'people') if not killed.empty else 'people'} killed (lower bound)"),
        _stat(f"{n_places:,}", f"{plural('place', n_places)} named"),
    ])
    outlets = sel.articles["outlet"].dropna().astype(str).unique().tolist()
    published = sel.articles["published"].dropna()
    source = f"{count(len(sel.articles), 'article')}"
    if outlets:
        source += f" from {html.escape(_join(outlets))}"
    if len(published):
        p0, p1 = day(published.min()), day(published.max())
        source += f", published {p0}" if p0 == p1 else f", published {p0} to {p1}"
    points = [("Coverage", f"{count(len(ev), 'incident')} from {count(len(sel.events), 'report')} in {source}; "
                           f"{_dates_phrase(ev)}."),
              ("Sources", _outlets_phrase(ev)),
              ("Categories", f"{_category_phrase(ev)}."),
              ("Casualties", _casualty_phrase(ev)),
              ("Places most hit", _places_phrase(sel) + "." if _places_phrase(sel) else ""),
              ("Weapons", _weapons_phrase(ev) + "." if _weapons_phrase(ev) else "")]
    if sel.undated_left_out:
        points.append(("Left out", f"{count(sel.undated_left_out, 'undated event')} matching the other "
                                   f"filters {verb(sel.undated_left_out, 'is', 'are')} outside any date range."))
    items = "".join(f"<li><b>{name}.</b> {body}</li>" for name, body in points if body)
    legend = "".join(f'<span class="nf-cat"><span class="nf-dot" style="background:{color(c)}"></span>{label(c)}</span>'
                     for c in ordered(ev["category"].unique()))
    return HTML(f'<section class="nf-summary"><div class="nf-stats">{stats}</div><ul class="nf-points">{items}</ul>'
                f'<p class="nf-legend">Colours used for the categories: {legend}</p></section>', "summary")


def parameters_table(sel: Selection, seeds) -> HTML:
    """The parameters in force (after checking), ``None`` shown as “all”."""
    f = sel.filters
    def shown(values, fmt=str):
        return "all" if values is None else (", ".join(fmt(v) for v in values) or "none")
    rows = [("Articles folder", "seeds", str(seeds)),
            ("From", "start_date", day(f["start_date"]) if f["start_date"] else "first event"),
            ("To", "end_date", day(f["end_date"]) if f["end_date"] else "last event"),
            ("Categories", "categories", shown(f["categories"], label)),
            ("Actors (either side)", "actors", shown(f["actors"])),
            ("Countries", "countries", shown(f["countries"])),
            ("Minimum confidence", "min_confidence", f"{f['min_confidence']:g}")]
    cells = [[html.escape(a), f"<code>{html.escape(b)}</code>", text(c)] for a, b, c in rows]
    return HTML(table(["Parameter", "Name", "Value"], cells, "nf-params", ["30%", "25%", "45%"]), "parameters")
