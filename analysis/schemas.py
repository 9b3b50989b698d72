"""One pandera schema per table (CONTRACT §2): declared once, used to validate every table the package
produces, and to document the columns (``describe``). A violation raises ``pandera.errors.SchemaError``.

Dtypes: text as pandas ``string``, dates as ``datetime64[ns]`` (midnight), UTC times as
``datetime64[ns, UTC]``, counts as nullable ``Int64``, coordinates and confidence as ``float64``.
"""
from __future__ import annotations

import pandera.pandas as pa

from analysis.registry import CATEGORIES

DATE_PRECISIONS = ("day", "week", "month", "year", "unknown")
GEO_PRECISIONS = ("district", "city", "region", "country")
PLACE_KINDS = ("district", "city", "region", "country", "facility")
ORIGINS = ("extracted", "analyst")


def _s(nullable: bool = True, **kw) -> pa.Column:
    return pa.Column("string", nullable=nullable, **kw)


def _i(nullable: bool = True, checks=None, **kw) -> pa.Column:
    return pa.Column("Int64", nullable=nullable, checks=checks if checks is not None else pa.Check.ge(0), **kw)


def _f(nullable: bool = True, checks=None) -> pa.Column:
    return pa.Column("float64", nullable=nullable, checks=checks)


ARTICLES = pa.DataFrameSchema({
    "article_id": _s(False, unique=True), "file": _s(False), "title": _s(), "published": pa.Column("datetime64[ns]"),
    "outlet": _s(), "url": _s(), "timezone": _s(False), "sha256": _s(False, checks=pa.Check.str_matches(r"^[0-9a-f]{64}$")),
    "n_sections": _i(False), "n_sentences": _i(False),
}, strict=False, coerce=False, name="articles")

SENTENCES = pa.DataFrameSchema({
    "article_id": _s(False), "sentence_id": _s(False, unique=True), "section": _s(), "text": _s(False),
    "char_start": _i(False), "char_end": _i(False),
}, strict=False, name="sentences")

EVENTS = pa.DataFrameSchema({
    "event_id": _s(False, unique=True), "article_id": _s(False), "section": _s(), "sentence": _s(False),
    "char_start": _i(False), "char_end": _i(False),
    "event_date": pa.Column("datetime64[ns]", nullable=True), "date_text": _s(),
    "date_precision": _s(False, checks=pa.Check.isin(DATE_PRECISIONS)),
    "time_local": _s(checks=pa.Check.str_matches(r"^([01]\d|2[0-3]):[0-5]\d$")),
    "timestamp_utc": pa.Column("datetime64[ns, UTC]", nullable=True),
    "category": _s(False, checks=pa.Check.isin(CATEGORIES)),
    "event_type": _s(), "sub_event_type": _s(), "cameo_code": _s(checks=pa.Check.str_matches(r"^\d{2,4}$")),
    "actor1": _s(False), "actor1_detail": _s(), "actor2": _s(),
    "location": _s(), "admin1": _s(), "country": _s(),
    "latitude": _f(checks=pa.Check.in_range(-90, 90)), "longitude": _f(checks=pa.Check.in_range(-180, 180)),
    "geo_precision": _s(checks=pa.Check.isin(GEO_PRECISIONS)), "weapon": _s(),
    "weapon_count": _i(), "fatalities": _i(), "injuries": _i(),
    "confidence": _f(False, checks=pa.Check.in_range(0, 1)), "origin": _s(False, checks=pa.Check.isin(ORIGINS)),
    "claimed_by": _s(False), "incident_id": _s(False, checks=pa.Check.str_matches(r"^inc-[0-9a-f]{12}$")),
}, strict=False, name="events")

MENTIONS = pa.DataFrameSchema({
    "event_id": _s(False), "sentence_id": _s(False), "char_start": _i(False), "char_end": _i(False), "role": _s(False),
}, strict=False, name="mentions")

PLACES = pa.DataFrameSchema({
    "article_id": _s(False), "sentence_id": _s(False), "name": _s(False), "place": _s(False),
    "kind": _s(False, checks=pa.Check.isin(PLACE_KINDS)), "admin1": _s(), "country": _s(),
    "latitude": _f(checks=pa.Check.in_range(-90, 90)), "longitude": _f(checks=pa.Check.in_range(-180, 180)),
    "event_id": _s(), "effect": _s(),
}, strict=False, name="places")

ISSUES = pa.DataFrameSchema({
    "article_id": _s(False), "sentence_id": _s(), "kind": _s(False), "detail": _s(False),
}, strict=False, name="issues")

INCIDENTS = pa.DataFrameSchema({
    "incident_id": _s(False, unique=True), "category": _s(False, checks=pa.Check.isin(CATEGORIES)),
    "event_type": _s(), "sub_event_type": _s(), "cameo_code": _s(checks=pa.Check.str_matches(r"^\d{2,4}$")),
    "event_date": pa.Column("datetime64[ns]", nullable=True),
    "date_precision": _s(False, checks=pa.Check.isin(DATE_PRECISIONS)),
    "time_local": _s(checks=pa.Check.str_matches(r"^([01]\d|2[0-3]):[0-5]\d$")),
    "timestamp_utc": pa.Column("datetime64[ns, UTC]", nullable=True),
    "actor1": _s(False), "actor1_detail": _s(), "actor2": _s(),
    "location": _s(), "admin1": _s(), "country": _s(),
    "latitude": _f(checks=pa.Check.in_range(-90, 90)), "longitude": _f(checks=pa.Check.in_range(-180, 180)),
    "geo_precision": _s(checks=pa.Check.isin(GEO_PRECISIONS)), "weapon": _s(), "weapon_count": _i(),
    "fatalities_min": _i(), "fatalities_max": _i(), "injuries_min": _i(), "injuries_max": _i(),
    "n_events": _i(False, checks=pa.Check.ge(1)), "n_articles": _i(False, checks=pa.Check.ge(1)),
    "n_outlets": _i(False, checks=pa.Check.ge(1)), "outlets": _s(),
    "first_reported": pa.Column("datetime64[ns]", nullable=True), "claims": _s(),
    "confidence": _f(False, checks=pa.Check.in_range(0, 1)),
}, strict=False, name="incidents")

SCHEMAS = {"articles": ARTICLES, "sentences": SENTENCES, "events": EVENTS, "mentions": MENTIONS,
           "places": PLACES, "issues": ISSUES, "incidents": INCIDENTS}
TABLES = tuple(SCHEMAS)
# The tables each article's extraction gives; ``incidents`` is resolved across them afterwards.
EXTRACTED = TABLES[:-1]


def describe(table: str) -> list[tuple[str, str, bool]]:
    """(column, dtype, nullable) for a table, for documentation and the explore notebook."""
    return [(name, str(col.dtype), col.nullable) for name, col in SCHEMAS[table].columns.items()]
