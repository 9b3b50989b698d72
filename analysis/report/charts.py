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

from analysis.report.figures import Chart, Note, label_right, label_width, marker_boxes, new_figure, styled
from analysis.report.palette import NEUTRAL, color, label, ordered
from analysis.report.selection import Selection, nothing_matches
from analysis.report.words import count, join, none_of, plural, verb

ROLE_OF_COUNT = {"attack": "launched", "air_defense": "intercepted", "military_support": "supplied"}
WEAPON_ROWS = 20     # bars in the weapons chart at most (the rest are named in its caption)


def _empty(sel: Selection, what: str) -> Note:
    return Note(nothing_matches(sel, what))


def _undated_note(sel: Selection) -> str:
    n = int(sel.events["event_date"].isna().sum())
    return f" {count(n, 'undated event')} {verb(n, 'is', 'are')} not shown (see the evidence table)." if n else ""


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


# (unit, pandas period, longest span in days counted in that unit): a long period is counted per week or
# per month, so that a bar stays wide enough to see (2 years of days would be 700 hairlines)
BINS = (("day", "D", 62), ("week", "W-SUN", 280), ("month", "M", 366 * 5), ("year", "Y", None))


def _binned_date_axis(ax, unit: str, x, width, days: list) -> None:
    """The date axis of a binned bar chart: one tick a day for daily bars, concise dates for weeks/months."""
    pad = max(width.max() * 0.8, 0.8)
    ax.set_xlim(x.min() - pad, x.max() + pad)
    if unit == "day":
        _date_axis(ax, days)
    else:
        loc = mdates.AutoDateLocator(minticks=3, maxticks=10)
        ax.xaxis.set_major_locator(loc)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(loc))


def _binned(day: pd.Series) -> tuple[str, pd.Series, pd.DatetimeIndex, np.ndarray, np.ndarray]:
    """``(unit, bin of each day, every bin's start, bar centres, bar widths)`` for dates ``day``."""
    day = pd.to_datetime(day).dt.normalize()
    span = (day.max() - day.min()).days + 1
    unit, freq = next((u, f) for u, f, most in BINS if most is None or span <= most)
    if unit == "day":
        starts = _day_range(day)
        return unit, day, starts, mdates.date2num(starts.to_pydatetime()), np.full(len(starts), 0.7)
    periods = pd.period_range(day.min().to_period(freq), day.max().to_period(freq), freq=freq)
    starts = periods.start_time
    ends = (periods + 1).start_time
    x0, x1 = mdates.date2num(starts.to_pydatetime()), mdates.date2num(ends.to_pydatetime())
    return unit, day.dt.to_period(freq).dt.start_time, starts, (x0 + x1) / 2, (x1 - x0) * 0.8


def _keep_apart(texts, renderer) -> None:
    """Hide value labels that would overlap one already kept (the larger values are kept first)."""
    kept = []
    for t in sorted(texts, key=lambda t: -float(t.get_text() or 0)):
        if not t.get_text():
            continue
        box = t.get_window_extent(renderer).expanded(1.08, 1.0)
        if any(box.overlaps(k) for k in kept):
            t.set_visible(False)
        else:
            kept.append(box)


def _harm_phrase(killed: int, injured: int) -> str:
    """``at least 3 killed and 5 injured`` (a zero side left out)."""
    parts = [f"{n} {word}" for n, word in ((killed, "killed"), (injured, "injured")) if n]
    return "at least " + " and ".join(parts) if parts else "no figure"


@styled
def events_per_day(sel: Selection) -> Chart | Note:
    """Events per calendar day of the happening, stacked by category (per week or month over a long span)."""
    if sel.empty:
        return _empty(sel, "daily count")
    dated = sel.dated
    if dated.empty:
        n = len(sel.events)
        return Note(none_of(n, "selected event", "has a date") + ", so there is nothing to count "
                    f"per day; the evidence table lists {verb(n, 'it', 'them')}.")
    unit, bins, starts, x, width = _binned(dated["event_date"])
    counts = pd.crosstab(bins.to_numpy(), dated["category"].to_numpy()).reindex(starts, fill_value=0)
    cats = ordered(counts.columns)
    fig, ax = new_figure(3.2)
    bottom = np.zeros(len(x))
    for cat in cats:
        ax.bar(x, counts[cat].to_numpy(), width, bottom=bottom, color=color(cat), label=label(cat))
        bottom += counts[cat].to_numpy()
    _binned_date_axis(ax, unit, x, width, list(counts.index))
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_ylim(0, max(bottom.max() * 1.15, 1))
    ax.grid(axis="y")
    ax.set_axisbelow(True)
    ax.set_ylabel(f"events per {unit}")
    ax.set_xlabel("date of the event")
    ax.set_title(f"Events per {unit}, by category")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    text = (f"Number of events {'on each day they happened' if unit == 'day' else f'in each {unit}, by the day they happened'}"
            f" (not the day they were reported), stacked by category; {count(len(dated), 'dated event')}.")
    if unit != "day":
        days = (dated["event_date"].max() - dated["event_date"].min()).days + 1
        text += f" The events span {count(days, 'day')}: too many for one bar a day."
    return Chart(fig, text + _undated_note(sel))


def short_label(event, limit: int = 38) -> str:
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
    return head if len(head) <= limit else head[:limit - 1].rstrip() + "…"


MARKER = 46          # timeline marker area (points²)
LINE = 10.5 / 72     # inches between two stacked timeline labels (7.5 pt text)
LABEL_MAX = 2.4      # inches: the most room a column's labels are given


def _timeline_x(ax, first, last, n_days, widths_last, widths_undated, undated):
    """x limits, the undated column's x and the divider's x (or None) for a timeline whose axes are ``ax`` (drawn once): the dated
    days keep a true time scale, and the last day and the 'undated' column get room for their labels
    (as much as they need up to LABEL_MAX inches) as long as the dated part keeps enough of the width."""
    width = ax.get_window_extent().width / ax.figure.dpi
    left_in, divider_in = 0.3, 0.25
    r_last = min(max(widths_last, default=0.0) + 0.12, LABEL_MAX)
    r_und = min(max(widths_undated, default=0.0) + 0.12, LABEL_MAX) if undated else 0.0
    extra = left_in + r_last + ((divider_in + r_und) if undated and n_days else 0.0)
    if not n_days:
        extra = left_in + r_und
    dated_min = width * min(0.7, 0.25 + 0.05 * n_days) if n_days > 1 else 0.0
    dated_in = max(width - extra, dated_min)
    if dated_in + extra > width:                        # labels give way to the time scale
        fixed = left_in + (divider_in if undated and n_days else 0.0)
        f = max(width - fixed - dated_in, 0.0) / max(r_last + r_und, 1e-9)
        r_last, r_und = r_last * f, r_und * f
    u = (last - first) / dated_in if n_days > 1 and dated_in > 0 else 1.0    # data units per inch
    if not n_days:
        return (-left_in * u, r_und * u), 0.0, None
    undated_x = last + (r_last + divider_in) * u
    right = undated_x + r_und * u if undated else last + r_last * u
    return (first - left_in * u, right), undated_x, (undated_x - divider_in / 2 * u if undated else None)


@styled
def timeline(sel: Selection) -> Chart | Note:
    """Each event as a marker on a date × category grid, with a short label; undated events in their own column.

    Events of one day and category are stacked in their row, one label line apart (rows grow with the
    largest stack). Each label sits right of its marker, on two lines or shortened (…) to the room left
    before the next marker, label or the 'undated' divider, or is left out when almost nothing fits."""
    if sel.empty:
        return _empty(sel, "timeline")
    ev = sel.events
    cats = ordered(ev["category"].unique())
    rows = {cat: i for i, cat in enumerate(reversed(cats))}
    dated = ev[ev["event_date"].notna()]
    undated = bool(ev["event_date"].isna().any())
    days = sorted(pd.to_datetime(dated["event_date"]).dt.normalize().unique()) if len(dated) else []
    first = mdates.date2num(days[0]) if days else 0.0
    last = mdates.date2num(days[-1]) if days else 0.0
    span = last - first
    UNDATED = np.inf
    groups = ev.assign(_x=[mdates.date2num(pd.Timestamp(d).normalize()) if pd.notna(d) else UNDATED
                           for d in ev["event_date"]])
    cells = list(groups.groupby(["_x", "category"], sort=True))
    stack = max(len(grp) for _, grp in cells)
    row_in = min(max(0.62, LINE * stack + 0.2), 2.4)          # inches per category row
    fig, ax = new_figure(1.25 + row_in * len(cats))
    spread = min(LINE * (stack - 1) / row_in, 0.84)            # data units used by the largest stack
    marks = []                                                 # (x, y, label, colour, alone in its cell)
    for (x, cat), grp in cells:
        k = len(grp)
        half = spread / 2 * (k - 1) / max(stack - 1, 1)
        offsets = np.linspace(half, -half, k) if k > 1 else [0.0]
        for off, (_, event) in zip(offsets, grp.iterrows()):
            marks.append((x, rows[cat] + off, short_label(event, 64), color(cat), k == 1))
    ax.set_ylim(-0.6, len(cats) - 0.4)
    ax.set_yticks(list(rows.values()))
    ax.set_yticklabels([label(c) for c in rows])
    for tick, cat in zip(ax.get_yticklabels(), rows):
        tick.set_color(color(cat))
        tick.set_fontweight("bold")
    ax.grid(axis="y")
    ax.set_axisbelow(True)
    ax.set_xlabel("date of the event")
    ax.set_title("Timeline of events by category")
    ax.set_xticks([0.0])
    ax.set_xticklabels(["11 Feb\n2025"])                      # stand-in of the real ticks' height
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    probe = ax.text(0, 0, "", fontsize=7.5)

    def measure(text):
        probe.set_text(text)
        return probe.get_window_extent(renderer).width / fig.dpi
    widths_last = [label_width(t, measure, alone) for x, _, t, _, alone in marks if days and x == last]
    widths_undated = [label_width(t, measure, alone) for x, _, t, _, alone in marks if x == UNDATED]
    probe.remove()
    (x0, x1), undated_x, divider = _timeline_x(ax, first, last, len(days), widths_last, widths_undated, undated)
    xs = [undated_x if x == UNDATED else x for x, *_ in marks]
    ys = [m[1] for m in marks]
    ax.scatter(xs, ys, s=MARKER, color=[m[3] for m in marks], edgecolor="white", linewidth=0.8, zorder=3)
    ax.set_xlim(x0, x1)
    ticks = [pd.Timestamp(d) for d in days]
    if len(ticks) <= 10:
        tx = [mdates.date2num(d) for d in ticks]
        names = [d.strftime("%-d %b\n%Y") for d in ticks]
    else:
        loc = mdates.AutoDateLocator(minticks=3, maxticks=8)
        tx = [x for x in loc.tick_values(ticks[0], ticks[-1]) if first <= x <= last]
        fmt = "%b\n%Y" if span > 90 else "%-d %b\n%Y"
        names = [mdates.num2date(x).strftime(fmt) for x in tx]
    if undated:
        tx.append(undated_x)
        names.append("undated")
    if divider is not None:
        ax.axvline(divider, color=NEUTRAL["grid"], linewidth=1, linestyle="--")
    ax.set_xticks(tx)
    ax.set_xticklabels(names)
    fig.canvas.draw()
    boxes = marker_boxes(ax, xs, ys, MARKER)
    stops = [ax.transData.transform((divider, 0))[0]] if divider is not None else []
    points = [(x, y, m[2], b, m[4]) for x, y, m, b in zip(xs, ys, marks, boxes)]
    _, shortened, left_out = label_right(ax, points, obstacles=boxes, stops=stops, fontsize=7.5)
    caption = ("Each marker is one event, placed at the day it happened and in its category's row; labels give "
               "the place or the actors and the weapon.")
    if undated:
        caption += " Events without a date sit in the 'undated' column."
    if shortened or left_out:
        parts = ([f"{count(shortened, 'label')} {verb(shortened, 'is', 'are')} shortened (…)"] if shortened else []) + \
                ([f"{count(left_out, 'marker')} {verb(left_out, 'has', 'have')} no label"] if left_out else [])
        caption += f" Where markers crowd, {' and '.join(parts)}; the evidence table lists every event in full."
    return Chart(fig, caption)


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
    return Chart(fig, f"Number of selected events in each category ({count(int(counts.sum()), 'event')} in all).")


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
    ax.set_xticklabels([textwrap.fill(label(c), 10, break_long_words=False) for c in cats])
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
        return Note(none_of(len(sel.events), "selected event", "names a weapon") + ".")
    grp = ev.groupby(["weapon", "category"], sort=False).agg(
        count=("weapon_count", lambda s: s.sum(min_count=1)), events=("event_id", "size")).reset_index()
    grp["n"] = grp["count"].astype("Float64").fillna(0).astype(float)
    grp = grp.sort_values(["n", "events", "weapon"], ascending=[False, False, True], kind="stable")
    left_out = grp.iloc[WEAPON_ROWS:]
    grp = grp.iloc[:WEAPON_ROWS].iloc[::-1]           # the largest at the top; a chart and caption fit a page
    fig, ax = new_figure(1.0 + (0.45 if len(grp) <= 10 else 0.3) * len(grp))
    y = np.arange(len(grp))
    biggest = max(grp["n"].max(), 1)
    ax.barh(y, grp["n"], color=[color(c) for c in grp["category"]], height=0.6)
    for yi, (_, row) in zip(y, grp.iterrows()):
        role = ROLE_OF_COUNT.get(row["category"])
        if pd.notna(row["count"]):
            ax.text(row["n"] + biggest * 0.01, yi, f"{int(row['n'])} {role or 'stated'}", va="center", fontsize=8.5)
        else:   # no bar: the role tells apart "drone" launched from "drone" intercepted
            ax.text(biggest * 0.01, yi, f"{role + ', ' if role else ''}number not stated", va="center",
                    fontsize=8.5, color=NEUTRAL["muted"])
    ax.set_yticks(y)
    ax.set_yticklabels([textwrap.shorten(w, 40, placeholder="…") for w in grp["weapon"]])
    ax.set_xlim(0, biggest * 1.3)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("number stated in the text (weapons)")
    ax.set_title("Weapons named, with the numbers given")
    cats = ordered(grp["category"].unique())
    handles = [ax.bar([0], [0], color=color(c), label=label(c)) for c in cats]
    ax.legend(handles=handles, loc="lower right")
    caption = ("Weapons named in the selected events, coloured by the event's category: for attacks the number "
               "launched, for air defence the number intercepted, for military support the number supplied, as the "
               "articles state them.")
    if len(left_out):
        names = [f"{w} ({ROLE_OF_COUNT[c]})" if c in ROLE_OF_COUNT else str(w)
                 for w, c in zip(left_out["weapon"], left_out["category"])]
        caption += (f" Not drawn, with smaller or no numbers: {join(names)}; the evidence table lists "
                    f"{verb(len(names), 'it', 'them')}.")
    return Chart(fig, caption)


@styled
def casualties(sel: Selection) -> Chart | Note:
    """Killed and injured per day, as lower bounds ("at least one" counts as 1)."""
    if sel.empty:
        return _empty(sel, "casualty chart")
    ev = sel.events
    has = ev["fatalities"].notna() | ev["injuries"].notna()
    if not has.any():
        return Note(none_of(len(ev), "selected event", "states a number of people killed or injured") + ".")
    stated = ev[has]
    dated = stated[stated["event_date"].notna()]
    undated = stated[stated["event_date"].isna()]
    if dated.empty:
        k, i = int(undated["fatalities"].sum()), int(undated["injuries"].sum())
        return Note(f"Casualties are stated only for undated events: {_harm_phrase(k, i)}.")
    unit, bins, starts, x, width = _binned(dated["event_date"])
    per_day = pd.DataFrame({"killed": dated["fatalities"].fillna(0).astype(int).to_numpy(),
                            "injured": dated["injuries"].fillna(0).astype(int).to_numpy()}, index=bins.to_numpy())
    per_day = per_day.groupby(level=0).sum().reindex(starts, fill_value=0)
    fig, ax = new_figure(3.0)
    w = width / 2
    labels = []
    for off, col in ((-w / 2, "killed"), (w / 2, "injured")):
        bars = ax.bar(x + off, per_day[col], w, color=NEUTRAL[col], label=f"{col} (at least)")
        labels += ax.bar_label(bars, labels=[str(v) if v else "" for v in per_day[col]], fontsize=8.5, padding=2)
    _binned_date_axis(ax, unit, x, width, list(per_day.index))
    ax.set_ylim(0, max(per_day.to_numpy().max() * 1.2, 1))
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_ylabel("people (lower bound)")
    ax.set_xlabel("date of the event")
    ax.set_title("Casualties by date" if unit == "day" else f"Casualties per {unit}")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.canvas.draw()
    _keep_apart(labels, fig.canvas.get_renderer())
    extra = ""
    if len(undated):
        extra = (f" Undated events add {_harm_phrase(int(undated['fatalities'].sum()), int(undated['injuries'].sum()))}.")
    if any(not t.get_visible() for t in labels):
        extra += " Figures too close to another are left to the axis."
    return Chart(fig, f"People killed and injured per {unit} as stated in the articles; figures are lower bounds "
                      f"(\"at least one\" counts as 1) and {plural(unit)} with no figure show none.{extra}")
