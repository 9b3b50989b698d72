"""The ``incidents`` table: one row per happening, built from its events (CONTRACT §8).

An incident takes its description from its events without choosing silently between sources: the place
is the most specific one any report gives, the date the one most reports give (the earliest on a tie),
the weapon the most specific named, and the casualties a range over the reports ("3 killed" and "5
killed" make 3–5, never 8). ``claims`` keeps every differing figure beside who states it, so that
"Ukrainian Air Force: 14 drone downed" and "Russian Defence Ministry: …" stand side by side.
"""
from __future__ import annotations

import pandas as pd

from analysis.incidents import LEVELS

# Columns an incident takes from one chosen event (its anchor, or the event with the most specific place).
FROM_ANCHOR = ("category", "event_type", "sub_event_type", "cameo_code", "actor1", "actor1_detail")
FROM_PLACE = ("location", "admin1", "country", "latitude", "longitude", "geo_precision")


def _figures(category: str, weapon, count, killed, injured) -> str:
    """The figures one event states: "14 drone downed", "12 killed, 8 injured"."""
    parts = []
    if count is not None:
        parts.append(f"{count} {weapon or 'weapon'}" + (" downed" if category == "air_defense" else ""))
    if killed is not None:
        parts.append(f"{killed} killed")
    if injured is not None:
        parts.append(f"{injured} injured")
    return ", ".join(parts)


def _plain(series: pd.Series) -> list:
    """A column as Python values with None for missing ones (iterating Arrow-backed columns is slow)."""
    return series.astype(object).where(series.notna(), None).tolist()


def _join(df: pd.DataFrame, column: str) -> pd.Series:
    """Per incident, the distinct non-empty values of ``column`` in row order, joined by "; "."""
    joined: dict[str, list[str]] = {}
    for key, value in zip(_plain(df["incident_id"]), _plain(df[column])):
        if value is not None and value not in joined.setdefault(key, []):
            joined[key].append(value)
    return pd.Series({k: "; ".join(v) if v else None for k, v in joined.items()}, dtype=object)


def _pick(df: pd.DataFrame, order: list[str], ascending: list[bool]) -> pd.DataFrame:
    """Per incident, the first row in ``order``: an incident's chosen event for some of its columns."""
    return df.sort_values(["incident_id", *order], ascending=[True, *ascending], kind="stable") \
        .drop_duplicates("incident_id").set_index("incident_id")


def _prepared(events: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    needed = {"incident_id", "event_id", "article_id", "event_date", "date_precision", "time_local", "timestamp_utc",
              "actor2", "weapon", "weapon_count", "fatalities", "injuries", "confidence", "claimed_by",
              *FROM_ANCHOR, *FROM_PLACE}
    # only the columns an incident takes: sorting and grouping never carry the sentences along
    df = events[[c for c in events.columns if c in needed]]
    df = df.merge(articles[["article_id", "published", "outlet"]], on="article_id", how="left")
    df["_source"] = df["outlet"].fillna(df["article_id"])
    df["_level"] = df["geo_precision"].where(df["location"].notna()).map(LEVELS).fillna(4)
    df["_wlen"] = df["weapon"].str.len().fillna(-1)
    df["_doubt"] = 1 - df["confidence"].astype("float64")
    figures = map(_figures, _plain(df["category"]), _plain(df["weapon"]), _plain(df["weapon_count"]),
                  _plain(df["fatalities"]), _plain(df["injuries"]))
    df["_claim"] = [f"{who}: {f}" if f else None for who, f in zip(_plain(df["claimed_by"]), figures)]
    return df.sort_values(["incident_id", "published", "event_id"], kind="stable").reset_index(drop=True)


def _date_rows(df: pd.DataFrame) -> pd.DataFrame:
    """The date most reports give, the earliest on a tie."""
    dated = df.dropna(subset=["event_date"])
    n = dated.groupby(["incident_id", "event_date"]).size().rename("_n").reset_index()
    best = n.sort_values(["incident_id", "_n", "event_date"], ascending=[True, False, True]).drop_duplicates("incident_id")
    return best.merge(dated.drop_duplicates(["incident_id", "event_date"])[["incident_id", "event_date", "date_precision"]],
                      on=["incident_id", "event_date"]).set_index("incident_id")


def build(events: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """The incidents of ``events`` (which carry ``incident_id`` and ``claimed_by``), one row each, by date
    then id; vectorised, because a corpus can hold a hundred thousand events."""
    df = _prepared(events, articles)
    g = df.groupby("incident_id", sort=False)
    out = df.drop_duplicates("incident_id").set_index("incident_id")[list(FROM_ANCHOR)]
    out[list(FROM_PLACE)] = _pick(df, ["_level"], [True])[list(FROM_PLACE)]
    dates = _date_rows(df)
    out["event_date"], out["date_precision"] = dates["event_date"], dates["date_precision"]
    out["date_precision"] = out["date_precision"].fillna(df.drop_duplicates("incident_id").set_index("incident_id")["date_precision"])
    firsts = g[["time_local", "timestamp_utc", "actor2"]].first()
    out[["time_local", "timestamp_utc", "actor2"]] = firsts
    out["weapon"] = _pick(df, ["_wlen"], [False])["weapon"]
    out["weapon_count"] = g["weapon_count"].max()
    for name in ("fatalities", "injuries"):
        out[f"{name}_min"], out[f"{name}_max"] = g[name].min(), g[name].max()
    out["n_events"], out["n_articles"], out["n_outlets"] = g.size(), g["article_id"].nunique(), g["_source"].nunique()
    out["outlets"] = _join(df.sort_values(["incident_id", "outlet"]), "outlet")
    out["first_reported"] = g["published"].min()
    out["claims"] = _join(df, "_claim")
    # independent reports of one happening make it surer: 1 − Π(1 − c), kept below 1
    out["confidence"] = (1 - g["_doubt"].prod()).clip(upper=0.99).round(3)
    out = out.reset_index().sort_values(["event_date", "incident_id"], na_position="last", kind="stable")
    return out.reset_index(drop=True)
