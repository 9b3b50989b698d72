"""The extraction pipeline for one article: sentences → facts → events → table rows.

reader (``Article``) → ``facts.analyse`` per sentence (dates, times, places, actors, weapons,
casualties, triggers) → ``consolidate`` (events and their supporting sentences) → plain dict rows for
the contract's tables. One ``context.ArticleContext`` carries what the article has established so far
(its dates, cities, people) through both passes. Rows are plain dicts so that many articles can be
streamed and turned into DataFrames once (see ``tables``).

Work per article is bounded, so that time grows linearly with the text: a sentence is analysed up to
MAX_SENTENCE_CHARS (the sentence row stays whole; a ``long_sentence`` issue says what was skipped), a
new event is compared with the latest ``consolidation.max_events_compared`` (settings.yaml) only, and
an article that still outruns ARTICLE_SECONDS (or $NEWSFRAME_ARTICLE_SECONDS) raises ``errors.ArticleTooSlow``.
"""
from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field

from analysis import dates as dates_mod
from analysis.categories import codes, effect_of
from analysis.consolidate import consolidate
from analysis.context import ArticleContext
from analysis.errors import ArticleTooSlow, NewsframeError
from analysis.events import Draft
from analysis.facts import Sentence, SentenceFacts, analyse
from analysis.reader import MAX_EVENT_DATE, MIN_EVENT_DATE, Article
from analysis.settings import settings
from analysis.registry import category

UNKNOWN_PLACE = re.compile(r"\b(?:in|near|outside|at)\s+(?:the\s+)?((?:[A-Z][\w’'-]+)(?:\s+[A-Z][\w’'-]+){0,2})")
AIR_CLASSES = category("attack").air_classes    # categories.yaml: weapon classes of an "Air/drone strike"
# A sentence is analysed up to this many characters: the longest in the evaluation sets has 339, and
# the extractors pair up a sentence's places, actors and weapons, so a megabyte run-on costs hours.
MAX_SENTENCE_CHARS = 2000
# Seconds one article may take before it becomes an ArticleTooSlow error instead of a hang.
ARTICLE_SECONDS = 60.0
BUDGET_VARIABLE = "NEWSFRAME_ARTICLE_SECONDS"   # overrides ARTICLE_SECONDS; "inf" means no limit


@dataclass(slots=True)
class ArticleTables:
    """Rows of every table for one article."""

    article: dict
    sentences: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)
    issues: list[dict] = field(default_factory=list)


def _confidence(d: Draft) -> float:
    """How sure the row is, 0–1: a base for the trigger, plus a weight for each attribute the text states
    (settings.yaml ``confidence``). "Russian forces struck Kharkiv on May 3, killing two." names its actor,
    day and place with a decisive trigger: 0.45 + 0.15 + 0.1 + 0.1 + 0.1 = 0.9."""
    w = settings().confidence
    score = w.base
    score += w.actor_named if d.actor1_explicit else 0.0
    score += w.day_date if d.date is not None and d.date.precision == "day" else 0.0
    score += w.place if d.place is not None else 0.0
    score += w.strong_trigger if d.trigger.weight >= w.strong_trigger_weight else 0.0
    score += w.corroborated if len(d.mentions) > 1 else 0.0
    return round(min(score, w.cap), 2)


def _drop_implausible_date(d: Draft) -> None:
    """Leave an event undated (with a note) when its date lies outside MIN_EVENT_DATE … MAX_EVENT_DATE.

    Why: a chain of "99 days earlier", sentence after sentence, walks centuries from the publication
    date, past what datetime64[ns] (and a UTC conversion near year 1) can hold — one such article must
    not crash the whole run. Dates a real article gives stay well inside the range."""
    day = d.date.date if d.date is not None else None
    if day is not None and not MIN_EVENT_DATE <= day <= MAX_EVENT_DATE:
        d.notes.append(("implausible_date", f"{d.date.text!r} resolves to {day}, outside {MIN_EVENT_DATE} … "
                                            f"{MAX_EVENT_DATE}; the event is left undated"))
        d.date = None


# Strikes, interceptions, statements and relief reported without a date are the day's news; an aid
# delivery or pledge named without one is as often background ("is reported to have provided…"), so it
# stands in the day only when told as a new act (``_news_pledge``).
DAY_OF_THE_NEWS = ("attack", "air_defense", "diplomacy", "humanitarian", "other")


# "has provided", "so far", "to date", "since 2022": aid told as a running total, not as the day's news.
AID_BACKGROUND = re.compile(r"\b(?:ha(?:s|ve|d)\s+(?:\w+\s+)?(?:provided|supplied|sent|delivered|given|donated|"
                            r"transferred|shipped|committed|allocated)|so far|to date|since\s+(?:the|\d{4}|February)|"
                            r"in total|altogether|previously|already\s+(?:\w+\s+)?(?:provided|supplied|sent|delivered|given|"
                            r"donated|transferred|shipped|committed|allocated|received|handed))\b", re.I)


def _news_pledge(d: Draft) -> bool:
    """A pledge or delivery stated without a date is the day's news when it is told as a new act
    ("Canada, the Czech Republic and France pledged new weapons", "Germany will supply …"), not as a
    running total ("has provided $40bn so far"), which stays undated."""
    return d.category == "military_support" and not d.main.background and not AID_BACKGROUND.search(d.main.text)


def _standing_day(d: Draft):
    """The day an event no words date stands in: its sentence's day (``facts.SentenceFacts.day``: the
    story's day so far, a live-blog entry's section day, else the publication date). Real reporting
    states most happenings without a date because they are the day's news. Such a row has no
    ``date_text`` and does not earn the confidence of a stated date."""
    if d.category not in DAY_OF_THE_NEWS and not _news_pledge(d):
        return None
    day = d.main.day
    return day if day is not None and MIN_EVENT_DATE <= day.date <= MAX_EVENT_DATE else None


def _whole(article: Article, facts: SentenceFacts) -> tuple[str, int, int]:
    """The whole verbatim sentence of ``facts`` and its offsets: the facts may cover only the part
    analysed (see ``analysed_length``), the tables always cite the whole sentence."""
    span = article.sentences[facts.index]
    return article.text[span.start:span.end], span.start, span.end


def _event_row(d: Draft, article: Article) -> dict:
    kind_codes = codes(d.kind)
    sub_event = kind_codes["sub_event_type"]
    if d.category == "attack" and d.kind == "strike" and d.weapon is not None and d.weapon.weapon_class in AIR_CLASSES:
        sub_event = "Air/drone strike"
    time_local = d.time.time if d.time is not None else None
    date = d.date if d.date is not None else _standing_day(d)
    event_date = date.date if date is not None else None
    precision = date.precision if date is not None else "unknown"
    stamp_utc = None
    if event_date is not None and time_local is not None and precision == "day":
        stamp_utc = dates_mod.to_utc(event_date, time_local, d.time.timezone or article.timezone)
    p = d.place
    geo = None if p is None else ("district" if p.kind == "district" else "city" if p.kind in ("city", "facility") else p.kind)
    sentence, start, end = _whole(article, d.main)
    return {
        "event_id": d.event_id(), "article_id": article.article_id, "section": d.main.section,
        "sentence": sentence, "char_start": start, "char_end": end,
        "event_date": event_date, "date_text": (date.text or None) if date is not None else None,
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


def article_budget(seconds: float | None = None) -> float:
    """Seconds allowed per article: ``seconds`` if given, else $NEWSFRAME_ARTICLE_SECONDS, else
    ARTICLE_SECONDS. A bad value in the variable is an error, not a silent default."""
    if seconds is not None:
        return seconds
    raw = os.environ.get(BUDGET_VARIABLE, "").strip()
    if not raw:
        return ARTICLE_SECONDS
    try:
        seconds = float(raw)
    except ValueError:
        seconds = float("nan")
    if not seconds >= 0:  # also rejects NaN
        raise NewsframeError(f"{BUDGET_VARIABLE} is {raw!r}, not a number of seconds — "
                             f"set it to e.g. 120, or to inf for no limit")
    return seconds


def analysed_length(text: str) -> int:
    """How much of a sentence the extractors read: all of it, or at most MAX_SENTENCE_CHARS, cut
    before the word that straddles the limit so that no name is cut in two.

    Why a cut rather than pieces: the sentence row stays whole and verbatim, and a run-on that long
    is a missing full stop or line break, whose fragments would make events out of context."""
    if len(text) <= MAX_SENTENCE_CHARS:
        return len(text)
    cut = MAX_SENTENCE_CHARS
    while cut > 0 and not text[cut].isspace():
        cut -= 1
    return len(text[:cut].rstrip()) if cut else MAX_SENTENCE_CHARS


def _cut_issue(article: Article, n: int, text: str, size: int) -> dict:
    return {"article_id": article.article_id, "sentence_id": f"{article.article_id}:{n}", "kind": "long_sentence",
            "detail": f"the sentence has {len(text):,} characters; only its first {size:,} were analysed (the limit "
                      f"is {MAX_SENTENCE_CHARS:,} per sentence) — add the missing full stops or line breaks"}


def _analyse_sentences(article: Article, ctx: ArticleContext,
                       budget: float) -> tuple[list[SentenceFacts], list[dict]]:
    """Every sentence's facts, and an issue row for each sentence analysed only in part. ``ctx`` carries
    what each sentence established to the next ("On February 12, …" dates "a day earlier" after it).

    The budget is checked before each sentence after the first (a cheap clock read): an article
    that outruns it raises ArticleTooSlow naming the file, and no finished work is thrown away."""
    started = time.monotonic()
    facts_list, issues = [], []
    for n, span in enumerate(article.sentences):
        if n and time.monotonic() - started >= budget:
            raise ArticleTooSlow(article.path, budget, n, len(article.sentences))
        text = article.text[span.start:span.end]
        size = analysed_length(text)
        if size < len(text):
            issues.append(_cut_issue(article, n, text, size))
        ctx.begin_sentence(span.section)
        facts = analyse(Sentence(n, span.paragraph, span.section, span.start, text[:size]), ctx)
        ctx.after_sentence(facts)
        facts_list.append(facts)
    return facts_list, issues


def _article_row(article: Article) -> dict:
    """The article's row of the ``articles`` table."""
    return {"article_id": article.article_id, "file": article.file, "title": article.title,
            "published": article.published, "outlet": article.outlet, "url": article.url,
            "timezone": article.timezone, "sha256": article.sha256,
            "n_sections": sum(1 for b in article.blocks if b.kind == "heading"), "n_sentences": len(article.sentences),
            "body": article.body}


def extract_article(article: Article, *, budget: float | None = None) -> ArticleTables:
    """All table rows for one ``reader.Article``. ``budget``: seconds allowed (see ``article_budget``)."""
    aid = article.article_id
    ctx = ArticleContext.of(article)
    facts_list, cut_issues = _analyse_sentences(article, ctx, article_budget(budget))
    drafts = consolidate(facts_list, ctx)
    out = ArticleTables(article=_article_row(article))
    for kind, detail in getattr(article, "notes", ()):  # the reader's findings about the whole article
        out.issues.append({"article_id": aid, "sentence_id": None, "kind": kind, "detail": detail})
    out.issues.extend(cut_issues)
    for f in facts_list:
        text, start, end = _whole(article, f)
        out.sentences.append({"article_id": aid, "sentence_id": f.sentence_id, "section": f.section, "text": text,
                              "char_start": start, "char_end": end})
    event_of, category_of = _event_rows(out, drafts, article)
    _place_rows(out, facts_list, event_of, category_of)
    return out


def _event_rows(out: ArticleTables, drafts: list[Draft], article: Article) -> tuple[dict, dict]:
    """Event, mention and per-event issue rows into ``out``; return each supporting sentence's first
    event id and category."""
    aid = article.article_id
    event_of: dict[str, str] = {}
    category_of: dict[str, str] = {}
    for d in drafts:
        _drop_implausible_date(d)
        row = _event_row(d, article)
        out.events.append(row)
        seen = set()
        for facts, role in d.mentions:
            if (facts.sentence_id, role) in seen:
                continue
            seen.add((facts.sentence_id, role))
            _, start, end = _whole(article, facts)
            out.mentions.append({"event_id": row["event_id"], "sentence_id": facts.sentence_id,
                                 "char_start": start, "char_end": end, "role": role})
            event_of.setdefault(facts.sentence_id, row["event_id"])
            category_of.setdefault(facts.sentence_id, d.category)
        if row["event_date"] is None:
            out.issues.append({"article_id": aid, "sentence_id": d.main.sentence_id, "kind": "undated_event",
                               "detail": f"{d.category} event has no date in its sentence or paragraph"})
        for kind, detail in dict.fromkeys(d.notes):
            out.issues.append({"article_id": aid, "sentence_id": d.main.sentence_id, "kind": kind, "detail": detail})
    return event_of, category_of


def _place_rows(out: ArticleTables, facts_list: list[SentenceFacts], event_of: dict, category_of: dict) -> None:
    """Place rows, and an ``unknown_place`` issue for each "in X" whose X no extractor recognised."""
    for f in facts_list:
        aid = f.article_id
        eid = event_of.get(f.sentence_id)
        effect = effect_of(f.text) if category_of.get(f.sentence_id) in ("attack", "humanitarian") else None
        covered = None   # characters a place or an actor covers: made at the first "in X", as most have none
        for p in sorted([*f.places, *f.official_places], key=lambda p: p.start):
            out.places.append({"article_id": aid, "sentence_id": f.sentence_id, "name": p.text, "place": p.place,
                               "kind": p.kind, "admin1": p.admin1, "country": p.country, "latitude": p.latitude,
                               "longitude": p.longitude, "event_id": eid, "effect": effect})
        for m in UNKNOWN_PLACE.finditer(f.text):
            s, e = m.span(1)
            if covered is None:   # a set: one lookup per "in X", not one per pair
                covered = {i for x in (*f.places, *f.actors) for i in range(x.start, x.end)}
            if s not in covered and e - 1 not in covered:
                out.issues.append({"article_id": aid, "sentence_id": f.sentence_id, "kind": "unknown_place",
                                   "detail": f"{m.group(1)!r} is not in the gazetteer (add it to analysis/data/places_extra.csv if it is a place)"})
