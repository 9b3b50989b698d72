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

from analysis.registry import CATEGORIES
from analysis.report.figures import Chart, Note, label_right, label_width, marker_boxes, new_figure, styled
from analysis.report.palette import NEUTRAL, color, count_verb, label, ordered
from analysis.report.selection import Selection, nothing_matches
from analysis.report.words import count, join, none_of, plural, verb

WEAPON_ROWS = 20     # bars in the weapons chart at most (the rest are named in its caption)


def _empty(sel: Selection, what: str) -> Note:
    return Note(nothing_matches(sel, what))


def _undated_note(sel: Selection) -> str:
    n = int(sel.events["event_date"].isna().sum())
    return f" {count(n, 'undated incident')} {verb(n, 'is', 'are')} not shown (see the evidence table)." if n else ""


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


# (unit, longest span in days counted in that unit): a long period is counted per week or
# per month, so that a bar stays wide enough to see (2 years of days would be 700 hairlines)
BINS = (("day", 62), ("week", 280), ("month", 366 * 5), ("year", None))


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


PERIODS = {"day": "D", "week": "W-SUN", "month": "M", "quarter": "Q", "year": "Y"}   # unit → pandas period


def _unit_for(day: pd.Series, most: int) -> str:
    """The finest unit (day, week, month, quarter, year) that counts dates ``day`` in at most ``most`` bins."""
    day = pd.to_datetime(day)
    for unit, freq in PERIODS.items():
        if day.max().to_period(freq).ordinal - day.min().to_period(freq).ordinal < most:
            return unit
    return "year"


def _binned(day: pd.Series, unit: str | None = None) -> tuple[str, pd.Series, pd.DatetimeIndex, np.ndarray, np.ndarray]:
    """``(unit, bin of each day, every bin's start, bar centres, bar widths)`` for dates ``day``, counted
    per ``unit`` (by default the one BINS gives their span)."""
    day = pd.to_datetime(day).dt.normalize()
    span = (day.max() - day.min()).days + 1
    unit = unit or next(u for u, most in BINS if most is None or span <= most)
    freq = PERIODS[unit]
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
    for t in sorted(texts, key=lambda t: -float(t.get_text().replace(",", "") or 0)):
        if not t.get_text():
            continue
        box = t.get_window_extent(renderer).expanded(1.08, 1.0)
        if any(box.overlaps(k) for k in kept):
            t.set_visible(False)
        else:
            kept.append(box)


def _harm_phrase(killed: int, injured: int) -> str:
    """``at least 3 killed and 5 injured`` (a zero side left out)."""
    parts = [f"{n:,} {word}" for n, word in ((killed, "killed"), (injured, "injured")) if n]
    return "at least " + " and ".join(parts) if parts else "no figure"


@styled
def events_per_day(sel: Selection) -> Chart | Note:
    """Events per calendar day of the happening, stacked by category (per week or month over a long span)."""
    sel = sel.counted()
    if sel.empty:
        return _empty(sel, "daily count")
    dated = sel.dated
    if dated.empty:
        n = len(sel.events)
        return Note(none_of(n, "selected incident", "has a date") + ", so there is nothing to count "
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
    ax.set_ylabel(f"incidents per {unit}")
    ax.set_xlabel("date of the incident")
    ax.set_title(f"Incidents per {unit}, by category")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    text = (f"Number of incidents {'on each day they happened' if unit == 'day' else f'in each {unit}, by the day they happened'}"
            f" (not the day they were reported), stacked by category; {count(len(dated), 'dated incident')}.")
    if unit != "day":
        days = (dated["event_date"].max() - dated["event_date"].min()).days + 1
        text += f" The incidents span {count(days, 'day')}: too many for one bar a day."
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


TIMELINE_EVENTS = 80     # events drawn one marker each at most; more are counted per day, week, month…
TIMELINE_STACK = 8       # events of one day and category drawn one by one at most (a taller stack is counted)
COUNT_MARKER = 20.0      # points: the largest count marker's diameter (less when bins or rows are narrower)
COUNT_MARKER_MIN = 3.0   # points: the smallest count marker (one event), still a visible dot
TIMELINE_BINS = 20       # count markers in a row at most (coarser bins past that): each wide enough to see


def _rows(cats: list[str]) -> dict[str, int]:
    """Each category's row on the timeline's y axis (the first category at the top)."""
    return {cat: i for i, cat in enumerate(reversed(cats))}


def _category_rows(ax, cats: list[str]) -> dict[str, int]:
    """The timeline's y axis: one row per category, the first at the top, named in its colour."""
    rows = _rows(cats)
    ax.set_ylim(-0.6, len(cats) - 0.4)
    ax.set_yticks(list(rows.values()))
    ax.set_yticklabels([label(c) for c in rows])
    for tick, cat in zip(ax.get_yticklabels(), rows):
        tick.set_color(color(cat))
        tick.set_fontweight("bold")
    ax.grid(axis="y")
    ax.set_axisbelow(True)
    ax.set_xlabel("date of the incident")
    ax.set_title("Timeline of incidents by category")
    return rows


def _date_ticks(days: list, each: bool) -> tuple[list[float], list[str]]:
    """Ticks at each of ``days`` (``each``), else a few automatic ones between the first and the last
    (month names only over more than three months)."""
    if each:
        return [mdates.date2num(d) for d in days], [pd.Timestamp(d).strftime("%-d %b\n%Y") for d in days]
    first, last = mdates.date2num(days[0]), mdates.date2num(days[-1])
    loc = mdates.AutoDateLocator(minticks=3, maxticks=8)
    tx = [x for x in loc.tick_values(days[0], days[-1]) if first <= x <= last]
    fmt = "%b\n%Y" if last - first > 90 else "%-d %b\n%Y"
    return tx, [mdates.num2date(x).strftime(fmt) for x in tx]


def _largest_stack(ev: pd.DataFrame) -> int:
    """The most events sharing a day and a category (undated ones share a column)."""
    day = pd.to_datetime(ev["event_date"]).dt.normalize()
    return int(ev.groupby([day.fillna(pd.Timestamp.max), ev["category"]]).size().max())


@styled
def timeline(sel: Selection) -> Chart | Note:
    """Each event as a marker on a date × category grid, with a short label, and undated events in their
    own column; a selection too large for that (over TIMELINE_EVENTS events, or TIMELINE_STACK on one
    day) is drawn as counts per day, week, month, quarter or year instead."""
    sel = sel.counted()
    if sel.empty:
        return _empty(sel, "timeline")
    if len(sel.events) > TIMELINE_EVENTS or _largest_stack(sel.events) > TIMELINE_STACK:
        return _timeline_counts(sel)
    return _timeline_events(sel)


def _event_marks(ev: pd.DataFrame, rows: dict, undated_x: float) -> tuple[list, int]:
    """``(marks, largest stack)``: each event's ``(x, y, label, colour, alone in its cell)``, events of one
    day and category stacked in their row one label line apart."""
    groups = ev.assign(_x=[mdates.date2num(pd.Timestamp(d).normalize()) if pd.notna(d) else undated_x
                           for d in ev["event_date"]])
    cells = list(groups.groupby(["_x", "category"], sort=True))
    stack = max(len(grp) for _, grp in cells)
    row_in = _row_inches(stack)
    spread = min(LINE * (stack - 1) / row_in, 0.84)            # data units used by the largest stack
    marks = []
    for (x, cat), grp in cells:
        k = len(grp)
        half = spread / 2 * (k - 1) / max(stack - 1, 1)
        offsets = np.linspace(half, -half, k) if k > 1 else [0.0]
        for off, (_, event) in zip(offsets, grp.iterrows()):
            marks.append((x, rows[cat] + off, short_label(event, 64), color(cat), k == 1))
    return marks, stack


def _row_inches(stack: int) -> float:
    """Inches per category row: room for the largest stack of labels."""
    return min(max(0.62, LINE * stack + 0.2), 2.4)


def _timeline_events(sel: Selection) -> Chart:
    """The timeline event by event: labels sit right of their markers, on two lines or shortened (…) to
    the room left before the next marker, label or the 'undated' divider, or are left out when almost
    nothing fits."""
    ev = sel.events
    cats = ordered(ev["category"].unique())
    undated = bool(ev["event_date"].isna().any())
    days = sorted(pd.to_datetime(sel.dated["event_date"]).dt.normalize().unique())
    first, last = (mdates.date2num(days[0]), mdates.date2num(days[-1])) if days else (0.0, 0.0)
    UNDATED = np.inf
    marks, stack = _event_marks(ev, _rows(cats), UNDATED)
    fig, ax = new_figure(1.25 + _row_inches(stack) * len(cats))
    _category_rows(ax, cats)
    ax.set_xticks([0.0])
    ax.set_xticklabels(["11 Feb\n2025"])                      # stand-in of the real ticks' height
    fig.canvas.draw()
    probe = ax.text(0, 0, "", fontsize=7.5)

    def measure(text):
        probe.set_text(text)
        return probe.get_window_extent(fig.canvas.get_renderer()).width / fig.dpi
    widths_last = [label_width(t, measure, alone) for x, _, t, _, alone in marks if days and x == last]
    widths_undated = [label_width(t, measure, alone) for x, _, t, _, alone in marks if x == UNDATED]
    probe.remove()
    (x0, x1), undated_x, divider = _timeline_x(ax, first, last, len(days), widths_last, widths_undated, undated)
    xs = [undated_x if x == UNDATED else x for x, *_ in marks]
    ys = [m[1] for m in marks]
    ax.scatter(xs, ys, s=MARKER, color=[m[3] for m in marks], edgecolor="white", linewidth=0.5, zorder=3)
    ax.set_xlim(x0, x1)
    tx, names = _date_ticks(days, each=len(days) <= 10) if days else ([], [])
    _undated_tick(ax, tx, names, undated_x if undated else None, divider)
    fig.canvas.draw()
    boxes = marker_boxes(ax, xs, ys, MARKER)
    stops = [ax.transData.transform((divider, 0))[0]] if divider is not None else []
    points = [(x, y, m[2], b, m[4]) for x, y, m, b in zip(xs, ys, marks, boxes)]
    _, shortened, left_out = label_right(ax, points, obstacles=boxes, stops=stops, fontsize=7.5)
    return Chart(fig, _events_caption(undated, shortened, left_out))


def _undated_tick(ax, tx: list, names: list, undated_x: float | None, divider: float | None) -> None:
    """Set the date ticks, plus an 'undated' one and the dashed divider before it when there are any."""
    if undated_x is not None:
        tx, names = [*tx, undated_x], [*names, "undated"]
    if divider is not None:
        ax.axvline(divider, color=NEUTRAL["grid"], linewidth=1, linestyle="--")
    ax.set_xticks(tx)
    ax.set_xticklabels(names)


def _events_caption(undated: bool, shortened: int, left_out: int) -> str:
    caption = ("Each marker is one incident, placed at the day it happened and in its category's row; labels give "
               "the place or the actors and the weapon.")
    if undated:
        caption += " Events without a date sit in the 'undated' column."
    if shortened or left_out:
        parts = ([f"{count(shortened, 'label')} {verb(shortened, 'is', 'are')} shortened (…)"] if shortened else []) + \
                ([f"{count(left_out, 'marker')} {verb(left_out, 'has', 'have')} no label"] if left_out else [])
        caption += f" Where markers crowd, {' and '.join(parts)}; the evidence table lists every incident in full."
    return caption


def _count_cells(sel: Selection, rows: dict) -> tuple[pd.DataFrame, str, dict]:
    """The counted timeline's markers, ``x, y, n, category`` (undated ones at x = +inf), its bin unit and
    its x geometry: ``lo, hi`` (the dated bins' extent), ``step`` (the narrowest bin spacing), ``days``
    (tick positions) and ``each`` (a tick on each of them)."""
    ev, dated = sel.events, sel.dated
    parts, unit, geo = [], "day", {"lo": -1.0, "hi": 1.0, "step": 1.0, "days": [], "each": True}
    if len(dated):
        unit, bins, starts, x, width = _binned(dated["event_date"], _unit_for(dated["event_date"], TIMELINE_BINS))
        counts = pd.crosstab(bins.to_numpy(), dated["category"].to_numpy()).reindex(starts, fill_value=0)
        long = counts.set_axis(x, axis=0).stack()
        parts.append(pd.DataFrame({"x": long.index.get_level_values(0), "category": long.index.get_level_values(1),
                                   "n": long.to_numpy()}))
        lo, hi = x.min() - width.max(), x.max() + width.max()
        each = unit == "day" and len(starts) <= 10
        geo = {"lo": lo, "hi": hi, "step": float(np.diff(x).min()) if len(x) > 1 else 1.0, "each": each,
               "days": list(starts) if each else [mdates.num2date(lo), mdates.num2date(hi)]}
    undated = ev.loc[ev["event_date"].isna(), "category"].value_counts()
    parts.append(pd.DataFrame({"x": np.inf, "category": undated.index, "n": undated.to_numpy()}))
    cells = pd.concat(parts, ignore_index=True)
    cells = cells[cells["n"] > 0].assign(y=lambda c: c["category"].map(rows))
    return cells, unit, geo


def _largest_diameter(ax, step: float) -> float:
    """Points across the largest count marker: at most COUNT_MARKER, and less than a bin's spacing (``step``
    data units) and a row's height once drawn, so that no two markers overlap."""
    origin = ax.transData.transform((0, 0))
    dx, dy = np.abs(ax.transData.transform((step, 1)) - origin) * 72 / ax.figure.dpi
    return min(COUNT_MARKER, 0.95 * dx, 0.85 * dy)


def _diameter(n, biggest: int, d_max: float):
    """Points across a count marker: area ∝ count (``biggest`` gets ``d_max``); one event stays a visible dot."""
    return np.maximum(d_max * np.sqrt(np.asarray(n, dtype=float) / biggest), min(COUNT_MARKER_MIN, d_max))


def _round_down(v: int) -> int:
    """The largest of 1, 2, 5, 10, 20, 50… not above ``v``: a size-key entry that reads easily."""
    steps = [m * 10 ** k for k in range(len(str(int(v)))) for m in (1, 2, 5)]
    return max(s for s in steps if s <= max(v, 1))


def _count_legend(ax, biggest: int, title: str) -> list[int]:
    """A size key (the largest count, a round quarter of it and one event), drawn at the largest size
    until the layout is known; returns its values."""
    from matplotlib.lines import Line2D

    values = sorted({biggest, _round_down(biggest // 4), 1}, reverse=True)
    handles = [Line2D([], [], linestyle="", marker="o", color=NEUTRAL["muted"], markersize=COUNT_MARKER,
                      markeredgewidth=0, label=f"{v:,}") for v in values]
    ax.legend(handles=handles, title=title, loc="upper left", bbox_to_anchor=(1.0, 1.0),
              labelspacing=1.2, borderpad=0.8, title_fontsize=8.5)
    return values


def _timeline_counts(sel: Selection) -> Chart:
    """The timeline of a large selection: in each category's row one marker per period (the finest of day,
    week, month, quarter and year giving at most TIMELINE_BINS of them), its area ∝ the events in it;
    undated events in their own column."""
    ev = sel.events
    cats = ordered(ev["category"].unique())
    fig, ax = new_figure(1.4 + 0.5 * len(cats))
    cells, unit, geo = _count_cells(sel, _category_rows(ax, cats))
    undated, dated = bool(np.isinf(cells["x"]).any()), bool(geo["days"])
    span = geo["hi"] - geo["lo"]
    undated_x = geo["hi"] + max(0.12 * span, 2 * geo["step"]) if dated else 0.0
    ax.set_xlim(geo["lo"], undated_x + max(0.06 * span, geo["step"]) if undated else geo["hi"])
    tx, names = _date_ticks(geo["days"], geo["each"]) if dated else ([], [])
    _undated_tick(ax, tx, names, undated_x if undated else None,
                  (geo["hi"] + undated_x) / 2 if undated and dated else None)
    biggest = int(cells["n"].max())
    values = _count_legend(ax, biggest, f"incidents per {unit}" if dated else "incidents")
    fig.canvas.draw()                                   # the final layout: now points are known
    d_max = _largest_diameter(ax, geo["step"])
    for handle, v in zip(ax.get_legend().legend_handles, values):
        handle.set_markersize(float(_diameter(v, biggest, d_max)))
    ax.scatter(cells["x"].replace(np.inf, undated_x), cells["y"], s=_diameter(cells["n"], biggest, d_max) ** 2,
               color=[color(c) for c in cells["category"]], linewidth=0, alpha=0.9, zorder=3)
    return Chart(fig, _counts_caption(len(ev), biggest, unit if dated else None, undated))


def _counts_caption(n: int, biggest: int, unit: str | None, undated: bool) -> str:
    """The counted timeline's caption (``unit`` None: no event has a date)."""
    what = f"incidents in one {unit}, at the {unit} they happened in" if unit else "undated incidents"
    caption = (f"Each marker counts one category's {what} (area ∝ number of incidents; the largest stands for "
               f"{biggest:,}). {count(n, 'incident')} are too many to mark one by one; the evidence table lists them.")
    if undated and unit:
        caption += " Events without a date are counted in the 'undated' column."
    return caption


@styled
def category_totals(sel: Selection) -> Chart | Note:
    """How many events fall in each category (every category in scope, zeros included)."""
    sel = sel.counted()
    if sel.empty:
        return _empty(sel, "category total")
    scope = sel.filters.get("categories") or list(CATEGORIES)
    counts = sel.events["category"].value_counts().reindex(ordered(scope), fill_value=0)
    fig, ax = new_figure(0.9 + 0.38 * len(counts))
    y = np.arange(len(counts))[::-1]
    ax.barh(y, counts.to_numpy(), color=[color(c) for c in counts.index], height=0.65)
    for yi, n in zip(y, counts.to_numpy()):
        ax.text(n + counts.max() * 0.01 + 0.05, yi, f"{int(n):,}", va="center", fontsize=9)
    ax.set_yticks(y)
    ax.set_yticklabels([label(c) for c in counts.index])
    ax.set_xlim(0, max(counts.max() * 1.15, 1))
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("incidents")
    ax.set_title("Incidents per category")
    return Chart(fig, f"Number of selected incidents in each category ({count(int(counts.sum()), 'incident')} in all).")


def _short_count(n: int) -> str:
    """A count in at most four characters, to sit inside a dot: ``875``, ``1355``, ``12k``."""
    return str(int(n)) if n < 10_000 else f"{n / 1000:.0f}k"


def _fits(text: str) -> float:
    """The marker area (points²) of a dot that holds ``text`` in 8.5 pt bold digits (about 6 pt each)."""
    return (6 * len(text) + 6) ** 2


@styled
def actor_matrix(sel: Selection, top: int = 12) -> Chart | Note:
    """Who did what: acting side (``actor1``) × category, dot area ∝ number of events."""
    sel = sel.counted()
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
                ax.scatter([j], [i], s=max(80 + 520 * n / biggest, _fits(_short_count(n))), color=color(cat),
                           alpha=0.9, edgecolor="white")
                ax.text(j, i, _short_count(n), ha="center", va="center", fontsize=8.5, color="white",
                        fontweight="bold")
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
    return Chart(fig, "Number of incidents by the side that acted (rows) and category (columns); the larger the dot, "
                      "the more incidents.")


@styled
def weapons(sel: Selection) -> Chart | Note:
    """Each weapon named, with the number the text gives (launched, intercepted or supplied)."""
    sel = sel.counted()
    if sel.empty:
        return _empty(sel, "weapons chart")
    ev = sel.events[sel.events["weapon"].notna()]
    if ev.empty:
        return Note(none_of(len(sel.events), "selected incident", "names a weapon") + ".")
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
        role = count_verb(row["category"])
        if pd.notna(row["count"]):
            ax.text(row["n"] + biggest * 0.01, yi, f"{int(row['n']):,} {role or 'stated'}", va="center", fontsize=8.5)
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
    caption = ("Weapons named in the selected incidents, coloured by the incident's category: for attacks the number "
               "launched, for air defence the number intercepted, for military support the number supplied, as the "
               "articles state them.")
    if len(left_out):
        names = [f"{w} ({count_verb(c)})" if count_verb(c) else str(w)
                 for w, c in zip(left_out["weapon"], left_out["category"])]
        shown = names[:CAPTION_NAMES] + ([f"{len(names) - CAPTION_NAMES:,} more"] if len(names) > CAPTION_NAMES else [])
        caption += (f" Not drawn, with smaller or no numbers: {join(shown)}; the evidence table lists "
                    f"{verb(len(names), 'it', 'them')}.")
    return Chart(fig, caption)


CAPTION_NAMES = 12   # weapons named in the caption at most ("… and 80 more"): a 10k brief has hundreds
FIGURE_BARS = 16     # bins of the casualty chart with a figure over each bar; past that, the peaks are in the caption
PERIOD_NAME = {"day": "%-d %b %Y", "week": "week of %-d %b %Y", "month": "%b %Y", "year": "%Y"}


def _bar_figures(values: pd.Series) -> list[str]:
    """The figure over each bar (none for zero, none at all over FIGURE_BARS bars: a figure over each of
    40 bars is a wall of digits that hides the bars' shape, and one alone sits over its neighbours)."""
    return [f"{v:,}" if v and len(values) <= FIGURE_BARS else "" for v in values]


def _peaks(per_period: pd.DataFrame, unit: str) -> str:
    """`` The most in one month: 758 killed (Feb 2025) and 2,554 injured (Jan 2025).``"""
    parts = [f"{per_period[col].max():,} {col} ({per_period[col].idxmax().strftime(PERIOD_NAME[unit])})"
             for col in ("killed", "injured") if per_period[col].max()]
    return f" The most in one {unit}: {' and '.join(parts)}."


@styled
def casualties(sel: Selection) -> Chart | Note:
    """Killed and injured per day, as lower bounds ("at least one" counts as 1)."""
    sel = sel.counted()
    if sel.empty:
        return _empty(sel, "casualty chart")
    ev = sel.events
    has = ev["fatalities"].notna() | ev["injuries"].notna()
    if not has.any():
        return Note(none_of(len(ev), "selected incident", "states a number of people killed or injured") + ".")
    stated = ev[has]
    dated = stated[stated["event_date"].notna()]
    undated = stated[stated["event_date"].isna()]
    if dated.empty:
        k, i = int(undated["fatalities"].sum()), int(undated["injuries"].sum())
        return Note(f"Casualties are stated only for undated incidents: {_harm_phrase(k, i)}.")
    unit, bins, starts, x, width = _binned(dated["event_date"])
    per_day = pd.DataFrame({"killed": dated["fatalities"].fillna(0).astype(int).to_numpy(),
                            "injured": dated["injuries"].fillna(0).astype(int).to_numpy()}, index=bins.to_numpy())
    per_day = per_day.groupby(level=0).sum().reindex(starts, fill_value=0)
    fig, ax = new_figure(3.0)
    w = width / 2
    labels = []
    for off, col in ((-w / 2, "killed"), (w / 2, "injured")):
        bars = ax.bar(x + off, per_day[col], w, color=NEUTRAL[col], label=f"{col} (at least)")
        labels += ax.bar_label(bars, labels=_bar_figures(per_day[col]), fontsize=8.5, padding=2)
    _binned_date_axis(ax, unit, x, width, list(per_day.index))
    ax.set_ylim(0, max(per_day.to_numpy().max() * 1.2, 1))
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_ylabel("people (lower bound)")
    ax.set_xlabel("date of the incident")
    ax.set_title("Casualties by date" if unit == "day" else f"Casualties per {unit}")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.canvas.draw()
    _keep_apart(labels, fig.canvas.get_renderer())
    extra = ""
    if len(undated):
        extra = (f" Undated incidents add {_harm_phrase(int(undated['fatalities'].sum()), int(undated['injuries'].sum()))}.")
    if len(per_day) > FIGURE_BARS:
        extra += _peaks(per_day, unit)
    elif any(not t.get_visible() for t in labels):
        extra += " Figures too close to another are left to the axis."
    return Chart(fig, f"People killed and injured per {unit} as stated in the articles; figures are lower bounds "
                      f"(\"at least one\" counts as 1; an incident whose reports differ counts its lowest figure) and "
                      f"{plural(unit)} with no figure show none.{extra}")
