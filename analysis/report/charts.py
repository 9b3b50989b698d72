"""The brief's charts, each a function of a ``Selection`` returning a ``Chart`` — or a ``Note`` saying in
one sentence why there is nothing to draw (no events, no dates, no casualty figures…).

Every chart has a title, axis labels with units, a caption, and the category colours of ``palette``.
Example::

    >>> events_per_day(select(corpus))        # doctest: +SKIP
    <Chart: Events per day, by category>
"""
from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import numpy as np
import pandas as pd

from analysis.report.figures import Chart, Note, new_figure, place_labels, styled
from analysis.report.palette import NEUTRAL, color, label, ordered
from analysis.report.selection import Selection, nothing_matches

ROLE_OF_COUNT = {"attack": "launched", "air_defense": "intercepted", "military_support": "supplied"}


def _empty(sel: Selection, what: str) -> Note:
    return Note(nothing_matches(sel, what))


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _undated_note(sel: Selection) -> str:
    n = int(sel.events["event_date"].isna().sum())
    return f" {_plural(n, 'undated event')} {'is' if n == 1 else 'are'} not shown (see the evidence table)." if n else ""


def _date_axis(ax, days: list[pd.Timestamp]) -> None:
    """Dates as dates: one tick per day for a short span, a concise automatic axis for a long one."""
    if len(days) <= 10:
        ax.set_xticks([mdates.date2num(d) for d in days])
        ax.set_xticklabels([d.strftime("%-d %b\n%Y") for d in days])
    else:
        loc = mdates.AutoDateLocator(minticks=3, maxticks=10)
        ax.xaxis.set_major_locator(loc)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(loc))


def _day_range(days: pd.Series) -> pd.DatetimeIndex:
    days = pd.to_datetime(days).dt.normalize()
    return pd.date_range(days.min(), days.max(), freq="D")


@styled
def events_per_day(sel: Selection) -> Chart | Note:
    """Events per calendar day of the happening, stacked by category."""
    if sel.empty:
        return _empty(sel, "daily count")
    dated = sel.dated
    if dated.empty:
        return Note(f"None of the {_plural(len(sel.events), 'selected event')} has a date, so there is nothing to "
                    "count per day; the evidence table lists them.")
    day = pd.to_datetime(dated["event_date"]).dt.normalize()
    counts = pd.crosstab(day, dated["category"]).reindex(_day_range(day), fill_value=0)
    cats = ordered(counts.columns)
    fig, ax = new_figure(3.2)
    x = mdates.date2num(counts.index.to_pydatetime())
    width = 0.7 if len(x) < 60 else 1.0
    bottom = np.zeros(len(x))
    for cat in cats:
        ax.bar(x, counts[cat].to_numpy(), width, bottom=bottom, color=color(cat), label=label(cat))
        bottom += counts[cat].to_numpy()
    ax.set_xlim(x.min() - 0.8, x.max() + 0.8)
    _date_axis(ax, list(counts.index))
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_ylim(0, max(bottom.max() * 1.15, 1))
    ax.grid(axis="y")
    ax.set_axisbelow(True)
    ax.set_ylabel("events per day")
    ax.set_xlabel("date of the event")
    ax.set_title("Events per day, by category")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return Chart(fig, f"Number of events on each day they happened (not the day they were reported), stacked by "
                      f"category; {_plural(len(dated), 'dated event')}.{_undated_note(sel)}")


def short_label(event) -> str:
    """A few words for a timeline marker: ``Kyiv · 4 × Iskander ballistic missile``."""
    def val(key):
        v = event.get(key)
        return None if v is None or pd.isna(v) else str(v)
    place = val("location") or val("admin1")
    if event.get("category") in ("attack", "air_defense", "humanitarian") and place:
        head = place
    else:
        head = val("actor1") or ""
        if val("actor2"):
            head += f" → {val('actor2')}"
    if val("weapon"):
        count = val("weapon_count")
        head += f" · {count + ' × ' if count else ''}{val('weapon')}"
    return head if len(head) <= 38 else head[:37].rstrip() + "…"


@styled
def timeline(sel: Selection) -> Chart | Note:
    """Each event as a marker on a date × category grid, with a short label; undated events in their own column."""
    if sel.empty:
        return _empty(sel, "timeline")
    ev = sel.events
    cats = ordered(ev["category"].unique())
    rows = {cat: i for i, cat in enumerate(reversed(cats))}
    dated = ev[ev["event_date"].notna()]
    days = sorted(pd.to_datetime(dated["event_date"]).dt.normalize().unique()) if len(dated) else []
    first = mdates.date2num(days[0]) if days else 0.0
    last = mdates.date2num(days[-1]) if days else 0.0
    span = max(last - first, 1.0)
    undated_x = last + max(0.9, span * 0.25) if days else 0.0
    fig, ax = new_figure(1.3 + 0.75 * len(cats))
    points = []
    groups = ev.assign(_x=[mdates.date2num(pd.Timestamp(d).normalize()) if pd.notna(d) else undated_x
                           for d in ev["event_date"]])
    for (x, cat), grp in groups.groupby(["_x", "category"], sort=False):
        k = len(grp)
        offsets = np.linspace(-0.22, 0.22, k) if k > 1 else [0.0]
        for off, (_, event) in zip(offsets, grp.iterrows()):
            y = rows[cat] + off
            ax.scatter([x], [y], s=46, color=color(cat), edgecolor="white", linewidth=0.8, zorder=3)
            points.append((x, y, short_label(event)))
    pad = max(0.6, span * 0.12)
    ax.set_xlim(first - pad, (undated_x if ev["event_date"].isna().any() else last) + pad)
    ax.set_ylim(-0.6, len(cats) - 0.4)
    ax.set_yticks(list(rows.values()))
    ax.set_yticklabels([label(c) for c in rows])
    for tick, cat in zip(ax.get_yticklabels(), rows):
        tick.set_color(color(cat))
        tick.set_fontweight("bold")
    ticks = [pd.Timestamp(d) for d in days]
    if len(ticks) <= 10:
        xs = [mdates.date2num(d) for d in ticks]
        names = [d.strftime("%-d %b\n%Y") for d in ticks]
    else:
        loc = mdates.AutoDateLocator(minticks=3, maxticks=8)
        xs = [x for x in loc.tick_values(ticks[0], ticks[-1]) if first <= x <= last]
        names = [mdates.num2date(x).strftime("%-d %b\n%Y") for x in xs]
    if ev["event_date"].isna().any():
        xs.append(undated_x)
        names.append("undated")
        if days:
            ax.axvline((last + undated_x) / 2, color=NEUTRAL["grid"], linewidth=1, linestyle="--")
    ax.set_xticks(xs)
    ax.set_xticklabels(names)
    ax.grid(axis="y")
    ax.set_axisbelow(True)
    ax.set_xlabel("date of the event")
    ax.set_title("Timeline of events by category")
    fig.canvas.draw()
    place_labels(ax, points, fontsize=7.5)
    return Chart(fig, "Each marker is one event, placed at the day it happened and in its category's row; "
                      "labels give the place or the actors and the weapon. Events without a date sit in the "
                      "'undated' column.")


@styled
def category_totals(sel: Selection) -> Chart | Note:
    """How many events fall in each category (every category in scope, zeros included)."""
    if sel.empty:
        return _empty(sel, "category total")
    from analysis.categories import CATEGORIES

    scope = sel.filters.get("categories") or list(CATEGORIES)
    counts = sel.events["category"].value_counts().reindex(ordered(scope), fill_value=0)
    fig, ax = new_figure(0.9 + 0.38 * len(counts))
    y = np.arange(len(counts))[::-1]
    ax.barh(y, counts.to_numpy(), color=[color(c) for c in counts.index], height=0.65)
    for yi, n in zip(y, counts.to_numpy()):
        ax.text(n + counts.max() * 0.01 + 0.05, yi, str(int(n)), va="center", fontsize=9)
    ax.set_yticks(y)
    ax.set_yticklabels([label(c) for c in counts.index])
    ax.set_xlim(0, max(counts.max() * 1.15, 1))
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("events")
    ax.set_title("Events per category")
    return Chart(fig, f"Number of selected events in each category ({_plural(int(counts.sum()), 'event')} in all).")


@styled
def actor_matrix(sel: Selection, top: int = 12) -> Chart | Note:
    """Who did what: acting side (``actor1``) × category, dot area ∝ number of events."""
    if sel.empty:
        return _empty(sel, "actor matrix")
    actor = sel.events["actor1"].fillna("unknown").astype(str)
    leaders = actor.value_counts().index[:top]
    actor = actor.where(actor.isin(leaders), "other actors")
    table = pd.crosstab(actor, sel.events["category"])
    table = table.loc[table.sum(axis=1).sort_values(ascending=True, kind="stable").index]
    cats = ordered(table.columns)
    table = table[cats]
    fig, ax = new_figure(1.0 + 0.42 * len(table), width=min(8.0, 3.2 + 1.2 * len(cats)))
    biggest = table.to_numpy().max()
    for j, cat in enumerate(cats):
        for i, (name, n) in enumerate(table[cat].items()):
            if n:
                ax.scatter([j], [i], s=80 + 520 * n / biggest, color=color(cat), alpha=0.9, edgecolor="white")
                ax.text(j, i, str(int(n)), ha="center", va="center", fontsize=8.5, color="white", fontweight="bold")
    ax.set_xticks(range(len(cats)))
    ax.set_xticklabels([textwrap.fill(label(c), 10) for c in cats])
    ax.set_yticks(range(len(table)))
    ax.set_yticklabels(table.index)
    ax.set_xlim(-0.6, len(cats) - 0.4)
    ax.set_ylim(-0.6, len(table) - 0.4)
    ax.grid(True)
    ax.set_axisbelow(True)
    ax.set_xlabel("category")
    ax.set_ylabel("acting side (actor1)")
    ax.set_title("Actors by category")
    return Chart(fig, "Number of events by the side that acted (rows) and category (columns); the larger the dot, "
                      "the more events.")


@styled
def weapons(sel: Selection) -> Chart | Note:
    """Each weapon named, with the number the text gives (launched, intercepted or supplied)."""
    if sel.empty:
        return _empty(sel, "weapons chart")
    ev = sel.events[sel.events["weapon"].notna()]
    if ev.empty:
        return Note(f"None of the {_plural(len(sel.events), 'selected event')} names a weapon.")
    grp = ev.groupby(["weapon", "category"], sort=False).agg(
        count=("weapon_count", lambda s: s.sum(min_count=1)), events=("event_id", "size")).reset_index()
    grp["n"] = grp["count"].astype("Float64").fillna(0).astype(float)
    grp = grp.sort_values(["n", "weapon"], ascending=[True, False], kind="stable")
    fig, ax = new_figure(1.0 + 0.45 * len(grp))
    y = np.arange(len(grp))
    biggest = max(grp["n"].max(), 1)
    ax.barh(y, grp["n"], color=[color(c) for c in grp["category"]], height=0.6)
    for yi, (_, row) in zip(y, grp.iterrows()):
        role = ROLE_OF_COUNT.get(row["category"], "stated")
        text = f"{int(row['n'])} {role}" if pd.notna(row["count"]) else "number not stated"
        ax.text(row["n"] + biggest * 0.01, yi, text, va="center", fontsize=8.5)
    ax.set_yticks(y)
    ax.set_yticklabels([textwrap.shorten(w, 40, placeholder="…") for w in grp["weapon"]])
    ax.set_xlim(0, biggest * 1.3)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("number stated in the text (weapons)")
    ax.set_title("Weapons named, with the numbers given")
    cats = ordered(grp["category"].unique())
    handles = [ax.bar([0], [0], color=color(c), label=label(c)) for c in cats]
    ax.legend(handles=handles, loc="lower right")
    return Chart(fig, "Weapons named in the selected events, coloured by the event's category: for attacks the "
                      "number launched, for air defence the number intercepted, for military support the number "
                      "supplied, as the articles state them.")


@styled
def casualties(sel: Selection) -> Chart | Note:
    """Killed and injured per day, as lower bounds ("at least one" counts as 1)."""
    if sel.empty:
        return _empty(sel, "casualty chart")
    ev = sel.events
    has = ev["fatalities"].notna() | ev["injuries"].notna()
    if not has.any():
        return Note(f"None of the {_plural(len(ev), 'selected event')} states a number of people killed or injured.")
    stated = ev[has]
    dated = stated[stated["event_date"].notna()]
    undated = stated[stated["event_date"].isna()]
    if dated.empty:
        k, i = int(undated["fatalities"].sum()), int(undated["injuries"].sum())
        return Note(f"Casualties are stated only for undated events: at least {k} killed and {i} injured.")
    day = pd.to_datetime(dated["event_date"]).dt.normalize()
    per_day = pd.DataFrame({"killed": dated["fatalities"].fillna(0).astype(int).to_numpy(),
                            "injured": dated["injuries"].fillna(0).astype(int).to_numpy()}, index=day.to_numpy())
    per_day = per_day.groupby(level=0).sum().reindex(_day_range(day), fill_value=0)
    fig, ax = new_figure(3.0)
    x = mdates.date2num(per_day.index.to_pydatetime())
    w = 0.35
    for off, col in ((-w / 2, "killed"), (w / 2, "injured")):
        bars = ax.bar(x + off, per_day[col], w, color=NEUTRAL[col], label=f"{col} (at least)")
        ax.bar_label(bars, labels=[str(v) if v else "" for v in per_day[col]], fontsize=8.5, padding=2)
    ax.set_xlim(x.min() - 0.8, x.max() + 0.8)
    _date_axis(ax, list(per_day.index))
    ax.set_ylim(0, max(per_day.to_numpy().max() * 1.2, 1))
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_ylabel("people (lower bound)")
    ax.set_xlabel("date of the event")
    ax.set_title("Casualties by date")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    extra = ""
    if len(undated):
        extra = (f" Undated events add at least {int(undated['fatalities'].sum())} killed and "
                 f"{int(undated['injuries'].sum())} injured.")
    return Chart(fig, "People killed and injured per day as stated in the articles; figures are lower bounds "
                      f"(\"at least one\" counts as 1) and days with no figure show none.{extra}")
