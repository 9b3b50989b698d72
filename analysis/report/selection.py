"""Which events a report covers: the brief's parameters applied to a ``Corpus``.

``select`` checks every value first and raises ``ParameterError`` (a ``NewsframeError``: one line naming
the parameter and the fix) for a bad one, so a report never fails half-way on a typo. Example::

    >>> sel = select(corpus, categories=["attack"], start_date="2025-02-11")   # doctest: +SKIP
    >>> sel.events["category"].unique().tolist()                               # doctest: +SKIP
    ['attack']
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from analysis.errors import NewsframeError
from analysis.registry import CATEGORIES


class ParameterError(NewsframeError):
    """A report parameter with a bad name or value."""


@dataclass
class Selection:
    """The events (and their places and sources) that one report is about, with the filters used."""

    corpus: object
    events: pd.DataFrame
    places: pd.DataFrame
    articles: pd.DataFrame
    issues: pd.DataFrame
    filters: dict = field(default_factory=dict)
    undated_left_out: int = 0   # undated events a date range could not place
    incidents: pd.DataFrame | None = None        # the happenings the selected events report (see incidents_of)
    incident_places: pd.DataFrame | None = None  # places keyed by incident (in ``event_id``), one row per place

    @property
    def empty(self) -> bool:
        return self.events.empty

    @property
    def dated(self) -> pd.DataFrame:
        return self.events[self.events["event_date"].notna()]

    def counted(self) -> "Selection":
        """The same selection with one row per incident as its ``events`` (``event_id`` holds the incident's
        id, ``fatalities``/``injuries`` its lower bounds): what every chart and headline figure counts, so
        that five outlets' reports of one strike count once."""
        if self.incidents is None:
            return self
        return Selection(corpus=self.corpus, events=self.incidents, places=self.incident_places,
                         articles=self.articles, issues=self.issues, filters=self.filters,
                         undated_left_out=self.undated_left_out)


def parse_date(value, name: str = "date") -> dt.date | None:
    """``"2025-02-11"`` (or a date) → ``date``; ``None`` stays ``None``; anything else is a ParameterError.

    Dates outside the reader's MIN_DATE … MAX_DATE are refused too: pandas cannot compare events with
    a bound before 1677 or after 2262, and ``last_days`` arithmetic from year 1 overflows."""
    from analysis.reader import DATE_RANGE, MAX_DATE, MIN_DATE

    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        try:
            day = dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise ParameterError(f"{name}={value!r} is not a date — give it as YYYY-MM-DD, e.g. 2025-02-11") from None
    if not MIN_DATE <= day <= MAX_DATE:
        raise ParameterError(f"{name}={day.isoformat()} is outside {DATE_RANGE} — give a date in that range")
    return day


def _names(value, name: str) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ParameterError(f"{name}={value!r} must be a list of names — e.g. {name}=['Russia'] (None = all)")
    return [v.strip() for v in value if v.strip()]


def check_filters(start_date=None, end_date=None, categories=None, actors=None, countries=None,
                  min_confidence=0.0) -> dict:
    """The filters as clean Python values, or a ParameterError naming the bad one and the fix."""
    start, end = parse_date(start_date, "start_date"), parse_date(end_date, "end_date")
    if start and end and start > end:
        raise ParameterError(f"start_date {start} is after end_date {end} — swap them or widen the range")
    cats = _names(categories, "categories")
    if cats is not None:
        unknown = [c for c in cats if c not in CATEGORIES]
        if unknown:
            raise ParameterError(f"categories: unknown {', '.join(map(repr, unknown))} — use any of {', '.join(CATEGORIES)}")
    try:
        conf = float(min_confidence if min_confidence is not None else 0.0)
    except (TypeError, ValueError):
        raise ParameterError(f"min_confidence={min_confidence!r} is not a number — give a value from 0 to 1") from None
    if isinstance(min_confidence, bool) or not 0.0 <= conf <= 1.0:
        raise ParameterError(f"min_confidence={min_confidence!r} is out of range — give a value from 0 to 1")
    return {"start_date": start, "end_date": end, "categories": cats, "actors": _names(actors, "actors"),
            "countries": _names(countries, "countries"), "min_confidence": conf}


def isin(series: pd.Series, values) -> pd.Series:
    """``series.isin(values)`` for a column of ids, without pandas' loop over ``values`` (for a
    pyarrow string column it makes a pyarrow scalar of each value: 0.1 s per 50,000 ids, several times
    per brief at 10,000 articles). Missing values never match; anything unusual falls back to pandas."""
    values = list(values)
    try:
        import pyarrow as pa
        import pyarrow.compute as pc

        column = pa.array(series, from_pandas=True)
        if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
            raise TypeError(column.type)
        wanted = pa.array([v for v in values if isinstance(v, str)], type=column.type)
        hit = pc.is_in(column, value_set=wanted).fill_null(False)
        return pd.Series(hit.to_numpy(zero_copy_only=False), index=series.index, dtype=bool)
    except Exception:  # noqa: BLE001 — not a string column: pandas' own isin
        return series.isin(values).fillna(False).astype(bool)


def _isin_casefold(series: pd.Series, names: list[str]) -> pd.Series:
    wanted = {n.casefold() for n in names}
    return series.astype("string").str.casefold().isin(wanted).fillna(False).astype(bool)


def _facet_mask(ev: pd.DataFrame, f: dict) -> pd.Series:
    """Every filter except the dates."""
    keep = pd.Series(True, index=ev.index)
    if f["categories"] is not None:
        keep &= ev["category"].isin(f["categories"]).fillna(False).astype(bool)
    if f["actors"] is not None:
        keep &= _isin_casefold(ev["actor1"], f["actors"]) | _isin_casefold(ev["actor2"], f["actors"])
    if f["countries"] is not None:
        keep &= _isin_casefold(ev["country"], f["countries"])
    keep &= (ev["confidence"].astype(float) >= f["min_confidence"]).fillna(False).astype(bool)
    return keep


def _date_mask(ev: pd.DataFrame, f: dict) -> pd.Series:
    day = pd.to_datetime(ev["event_date"]).dt.normalize()
    keep = day.notna()
    if f["start_date"]:
        keep &= day >= pd.Timestamp(f["start_date"])
    if f["end_date"]:
        keep &= day <= pd.Timestamp(f["end_date"])
    return keep.fillna(False).astype(bool)


def select(corpus, start_date=None, end_date=None, categories=None, actors=None, countries=None,
           min_confidence=0.0) -> Selection:
    """The events of ``corpus`` that pass every filter (``None`` = no filter on that facet).

    Dates are inclusive. A date range leaves out undated events (counted in ``undated_left_out``);
    ``actors`` match ``actor1`` or ``actor2``; names match case-insensitively.
    """
    f = check_filters(start_date, end_date, categories, actors, countries, min_confidence)
    ev = corpus.events
    keep = _facet_mask(ev, f)
    undated_out = 0
    if f["start_date"] or f["end_date"]:
        undated_out = int((keep & ev["event_date"].isna()).sum())
        keep &= _date_mask(ev, f)
    events = sort_events(ev[keep])
    ids = set(events["event_id"])
    places = corpus.places[isin(corpus.places["event_id"], ids)]
    article_ids = set(events["article_id"]) if len(events) else set(corpus.articles["article_id"])
    articles = corpus.articles[isin(corpus.articles["article_id"], article_ids)]
    issues = corpus.issues[isin(corpus.issues["article_id"], set(articles["article_id"]))]
    incidents = incidents_of(corpus, events)
    return Selection(corpus=corpus, events=events.reset_index(drop=True), places=places.reset_index(drop=True),
                     articles=articles.reset_index(drop=True), issues=issues.reset_index(drop=True),
                     filters=f, undated_left_out=undated_out, incidents=incidents,
                     incident_places=places_by_incident(places, events))


def corpus_incidents(corpus) -> pd.DataFrame:
    """The corpus's ``incidents`` table; a corpus made without one (older caches, hand-made test tables)
    gets it built from its events, each event then its own incident unless it carries an ``incident_id``."""
    table = getattr(corpus, "incidents", None)
    if table is not None and "incident_id" in corpus.events.columns:
        return table
    from analysis import incident_table

    ev = corpus.events
    if "incident_id" not in ev.columns:
        ev = ev.assign(incident_id=ev["event_id"])
    if "claimed_by" not in ev.columns:
        ev = ev.assign(claimed_by="reporting")
    return incident_table.build(ev, corpus.articles) if len(ev) else pd.DataFrame(columns=["incident_id"])


def incidents_of(corpus, events: pd.DataFrame) -> pd.DataFrame:
    """The incidents that the selected ``events`` report, in date order, as rows the charts read like
    events: ``event_id`` is the incident's id and ``fatalities``/``injuries`` the lower ends of its ranges
    ("3–5 killed" counts as 3, like "at least 3")."""
    ids = events["incident_id"] if "incident_id" in events.columns else events["event_id"]
    table = corpus_incidents(corpus)
    inc = table[isin(table["incident_id"], set(ids))].copy() if len(table) else table.copy()
    for name in ("fatalities", "injuries"):
        inc[name] = inc[f"{name}_min"] if f"{name}_min" in inc.columns else pd.Series(dtype="Int64")
    inc["event_id"] = inc["incident_id"]
    inc = inc.assign(_undated=inc["event_date"].isna(), _time=inc["time_local"].fillna("99:99"))
    inc = inc.sort_values(["_undated", "event_date", "_time", "incident_id"], kind="stable")
    return inc.drop(columns=["_undated", "_time"]).reset_index(drop=True)


def places_by_incident(places: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """``places`` with ``event_id`` replaced by the incident's id and each place kept once per incident,
    so that a district named by three outlets is one incident on the map, not three."""
    if "incident_id" not in events.columns:
        return places
    to_incident = events.set_index("event_id")["incident_id"]
    out = places.assign(event_id=places["event_id"].map(to_incident).fillna(places["event_id"]))
    return out.drop_duplicates(["event_id", "place", "kind"]).reset_index(drop=True)


def describe_filters(f: dict) -> str:
    """The filters in force as a short phrase: ``categories = attack; dates 2025-02-11 to last``."""
    parts = []
    if f.get("start_date") or f.get("end_date"):
        parts.append(f"dates {f.get('start_date') or 'first'} to {f.get('end_date') or 'last'}")
    for key in ("categories", "actors", "countries"):
        if f.get(key) is not None:
            parts.append(f"{key} = {', '.join(f[key]) or 'none'}")
    if f.get("min_confidence"):
        parts.append(f"confidence ≥ {f['min_confidence']:g}")
    return "; ".join(parts) or "none"


def nothing_matches(sel: Selection, what: str) -> str:
    """The sentence shown instead of a chart or table when no event passes the filters."""
    return f"No events match this selection, so there is no {what} to show (filters: {describe_filters(sel.filters)})."


def sort_events(events: pd.DataFrame) -> pd.DataFrame:
    """Dated events first, by date and time; undated ones after, in reading order."""
    order = events.assign(_undated=events["event_date"].isna(), _time=events["time_local"].fillna("99:99"))
    return order.sort_values(["_undated", "event_date", "_time", "article_id", "char_start"], kind="stable") \
                .drop(columns=["_undated", "_time"])
