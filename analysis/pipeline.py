"""The extraction pipeline for one article: sentences → facts → events → table rows.

reader (``Article``) → ``facts.analyse`` per sentence (dates, times, places, actors, weapons,
casualties, triggers) → ``consolidate`` (events and their supporting sentences) → plain dict rows for
the contract's tables. Rows are plain dicts so that many articles can be streamed and turned into
DataFrames once (see ``tables``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from analysis import dates as dates_mod
from analysis.actors import perspective_of
from analysis.categories import codes, effect_of
from analysis.consolidate import consolidate
from analysis.events import Context, Draft
from analysis.facts import analyse

UNKNOWN_PLACE = re.compile(r"\b(?:in|near|outside|at)\s+(?:the\s+)?((?:[A-Z][\w’'-]+)(?:\s+[A-Z][\w’'-]+){0,2})")
AIR_CLASSES = ("drone", "bomb", "aircraft")


@dataclass(slots=True)
class ArticleTables:
    """Rows of every table for one article."""

    article: dict
    sentences: list = field(default_factory=list)
    events: list = field(default_factory=list)
    mentions: list = field(default_factory=list)
    places: list = field(default_factory=list)
    issues: list = field(default_factory=list)


def _confidence(d: Draft) -> float:
    score = 0.45
    score += 0.15 if d.actor1_explicit else 0.0
    score += 0.1 if d.date is not None and d.date.precision == "day" else 0.0
    score += 0.1 if d.place is not None else 0.0
    score += 0.1 if d.trigger.weight >= 3 else 0.0
    score += 0.05 if len(d.mentions) > 1 else 0.0
    return round(min(score, 0.95), 2)


def _event_row(d: Draft, article) -> dict:
    kind_codes = codes(d.kind)
    sub_event = kind_codes["sub_event_type"]
    if d.category == "attack" and d.kind == "strike" and d.weapon is not None and d.weapon.weapon_class in AIR_CLASSES:
        sub_event = "Air/drone strike"
    time_local = d.time.time if d.time is not None else None
    event_date = d.date.date if d.date is not None else None
    precision = d.date.precision if d.date is not None else "unknown"
    stamp_utc = None
    if event_date is not None and time_local is not None and precision == "day":
        stamp_utc = dates_mod.to_utc(event_date, time_local, d.time.timezone or article.timezone)
    p = d.place
    geo = None if p is None else ("district" if p.kind == "district" else "city" if p.kind in ("city", "facility") else p.kind)
    main = d.main
    return {
        "event_id": d.event_id(), "article_id": article.article_id, "section": main.section,
        "sentence": main.text, "char_start": main.start, "char_end": main.end,
        "event_date": event_date, "date_text": d.date.text if d.date is not None else None,
        "date_precision": precision, "time_local": time_local, "timestamp_utc": stamp_utc,
        "category": d.category, "event_type": kind_codes["event_type"], "sub_event_type": sub_event if kind_codes["event_type"] else None,
        "cameo_code": kind_codes["cameo_code"], "actor1": d.actor1, "actor1_detail": d.actor1_detail, "actor2": d.actor2,
        "location": None if p is None else (p.city if p.kind == "facility" else p.place),
        "city": d.city, "admin1": None if p is None else p.admin1, "country": None if p is None else p.country,
        "latitude": None if p is None else p.latitude, "longitude": None if p is None else p.longitude,
        "geo_precision": geo, "weapon": d.weapon.weapon if d.weapon is not None else None,
        "weapon_count": d.weapon_count, "fatalities": d.fatalities, "injuries": d.injuries,
        "confidence": _confidence(d), "origin": "extracted", "trigger": d.trigger.text,
        "n_mentions": len(d.mentions),
    }


def extract_article(article) -> ArticleTables:
    """All table rows for one ``reader.Article``."""
    aid = article.article_id
    ctx = Context(published=article.published, timezone=article.timezone, perspective=perspective_of(article.timezone))
    headings: dict = {}
    for block in article.blocks:
        if block.kind == "heading":
            found = [m for m in dates_mod.find_dates(block.text, article.published) if m.precision == "day"]
            if found:
                headings[block.text] = found[0]
    facts_list = []
    cities: list[str] = []
    people: set[str] = set()
    story_date, section = None, None
    for n, span in enumerate(article.sentences):
        text = article.text[span.start:span.end]
        if span.section != section:  # a new section keeps the story's date for "the same day", unless its heading gives one
            section = span.section
            story_date = headings[span.section].date if span.section in headings else story_date
        facts = analyse(aid, n, span.paragraph, span.section, span.start, text, article.published, cities,
                        story_date, people)
        if facts.own_date is not None and facts.own_date.precision == "day":
            story_date = facts.own_date.date
        if facts_list and facts_list[-1].paragraph == facts.paragraph:
            facts.in_entry = facts_list[-1].in_entry
        else:
            facts.in_entry = facts.stamp
        for p in facts.places:
            name = p.city or (p.place if p.kind == "city" else None)
            if name and name not in cities:
                cities.append(name)
        facts_list.append(facts)
    drafts = consolidate(facts_list, headings, ctx)
    out = ArticleTables(article={
        "article_id": aid, "file": article.file, "title": article.title, "published": article.published,
        "outlet": article.outlet, "url": article.url, "timezone": article.timezone, "sha256": article.sha256,
        "n_sections": sum(1 for b in article.blocks if b.kind == "heading"), "n_sentences": len(article.sentences),
    })
    for f in facts_list:
        out.sentences.append({"article_id": aid, "sentence_id": f.sentence_id, "section": f.section, "text": f.text,
                              "char_start": f.start, "char_end": f.end})
    event_of: dict[str, str] = {}
    category_of: dict[str, str] = {}
    for d in drafts:
        row = _event_row(d, article)
        out.events.append(row)
        seen = set()
        for facts, role in d.mentions:
            if (facts.sentence_id, role) in seen:
                continue
            seen.add((facts.sentence_id, role))
            out.mentions.append({"event_id": row["event_id"], "sentence_id": facts.sentence_id,
                                 "char_start": facts.start, "char_end": facts.end, "role": role})
            event_of.setdefault(facts.sentence_id, row["event_id"])
            category_of.setdefault(facts.sentence_id, d.category)
        if row["event_date"] is None:
            out.issues.append({"article_id": aid, "sentence_id": d.main.sentence_id, "kind": "undated_event",
                               "detail": f"{d.category} event has no date in its sentence or paragraph"})
        for kind, detail in dict.fromkeys(d.notes):
            out.issues.append({"article_id": aid, "sentence_id": d.main.sentence_id, "kind": kind, "detail": detail})
    for f in facts_list:
        eid = event_of.get(f.sentence_id)
        effect = effect_of(f.text) if category_of.get(f.sentence_id) in ("attack", "humanitarian") else None
        covered = [(p.start, p.end) for p in f.places] + [(a.start, a.end) for a in f.actors]
        for p in sorted([*f.places, *f.official_places], key=lambda p: p.start):
            out.places.append({"article_id": aid, "sentence_id": f.sentence_id, "name": p.text, "place": p.place,
                               "kind": p.kind, "admin1": p.admin1, "country": p.country, "latitude": p.latitude,
                               "longitude": p.longitude, "event_id": eid, "effect": effect})
        for m in UNKNOWN_PLACE.finditer(f.text):
            s, e = m.span(1)
            if not any(a <= s < b or a < e <= b for a, b in covered):
                out.issues.append({"article_id": aid, "sentence_id": f.sentence_id, "kind": "unknown_place",
                                   "detail": f"{m.group(1)!r} is not in the gazetteer (add it to analysis/data/places_extra.csv if it is a place)"})
    return out
