"""Times of day in news text, and their conversion to UTC (CONTRACT §2: ``time_local``, ``timestamp_utc``).

Why: an event's ``time_local`` is the clock time the text gives for the happening ("Explosions were first
reported around 4:30 a.m. local time" → ``04:30``), and ``timestamp_utc`` needs the zone the text names
("between 17:00 and 23:30 Moscow time") or, failing that, the article's own zone. Live blogs also stamp
each entry with the time of *posting* ("00:40 — Russia’s Defence Ministry says…"); those are flagged
``stamp=True`` so that they are not taken for the time of the event.

All words (meridiem suffixes, zone names, leads, stamp prefixes) come from ``data/dates.yaml``; the regex is
compiled once, at first use.

Example::

    >>> [(t.text, t.time, t.timezone) for t in find_times("between 17:00 and 23:30 Moscow time")]
    [('17:00', '17:00', 'Europe/Moscow'), ('23:30 Moscow time', '23:30', 'Europe/Moscow')]
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from analysis.lexicon import LexiconError, alternation, load_yaml, require, words
from analysis.scan import prev_words

__all__ = ["TimeMention", "find_times", "to_utc"]

FILE = "dates.yaml"
_WORD_LISTS = ("time_leads", "time_approx", "military_suffixes", "stamp_prefixes", "stamp_separators")
_LEAD_WORDS = 3     # "at about 3 a.m.", "shortly after midnight": at most this many words lead a time …
_LEAD_CHARS = 40    # … within this many characters before it
_HHMM = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])")


def _vocabulary() -> dict:
    """The time words of ``dates.yaml``, checked (the date words are analysis.dates' to check)."""
    v = require(load_yaml(FILE), FILE, None, "meridiem", "clock_words", "timezones", *_WORD_LISTS)
    for key in ("meridiem", "clock_words", "timezones", *_WORD_LISTS):
        words(v[key], FILE, key)
    for word, pm in v["meridiem"].items():
        if not isinstance(pm, bool):
            raise LexiconError(FILE, f"meridiem.{word}", f"is {pm!r}: write true (afternoon) or false (morning)")
    for word, hhmm in v["clock_words"].items():
        if not isinstance(hhmm, str) or not _HHMM.fullmatch(hhmm):
            raise LexiconError(FILE, f"clock_words.{word}", f'is {hhmm!r}: write the time as "HH:MM", quoted')
    for name, zone in v["timezones"].items():
        if zone is not None and not _is_zone(zone):
            raise LexiconError(FILE, f"timezones.{name}", f"{zone!r} is not an IANA time zone name "
                                                          "(Europe/Kyiv, Etc/GMT-3) or null")
    return v


def _is_zone(name: object) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        return False
    return True


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A clock time; offsets into the text given to :func:`find_times` (``text[start:end] == self.text``)."""

    start: int
    end: int
    text: str              # "around 4:30 a.m. local time"
    time: str              # 'HH:MM', 24-hour
    timezone: str | None   # IANA name the text names ("Moscow time" → "Europe/Moscow"); None for "local time"/nothing
    stamp: bool            # a live-blog entry stamp ("00:40 — …"): the time of the post, not of the event


class _TimeGrammar:
    """Compiled patterns and lookups, built once from the YAML."""

    def __init__(self) -> None:
        v = _vocabulary()
        self.meridiem = {k.lower(): pm for k, pm in v["meridiem"].items()}
        self.clock_words = {k.lower(): t for k, t in v["clock_words"].items()}
        self.zones = dict(v["timezones"])
        self.zones_ci = {k.lower(): z for k, z in self.zones.items() if " " in k}
        merid = alternation(v["meridiem"]) + r"(?![A-Za-z])"
        zone = "(?:" + alternation([k for k in self.zones if " " in k], True) + "|" + \
            alternation([k for k in self.zones if " " not in k]) + r")(?![A-Za-z])"
        lead = (r"(?:" + alternation(v["time_leads"], True) + r"\s+)?(?:" +
                alternation(v["time_approx"], True) + r"\s+)?")
        nodigit = r"(?<![0-9:.,])"
        clock = (
            "(?:" + nodigit + r"(?P<h>[0-2]?[0-9]):(?P<mi>[0-5][0-9])(?![0-9]|[:.,][0-9])(?:\s*(?P<ap>" + merid + "))?"
            "|" + nodigit + r"(?P<h2>1[0-2]|0?[0-9])(?:\.(?P<mi2>[0-5][0-9]))?\s*(?P<ap2>" + merid + ")"
            "|" + nodigit + r"(?P<h3>[01][0-9]|2[0-3])(?P<mi3>[0-5][0-9])(?=\s*" + alternation(v["military_suffixes"]) +
            r"(?![A-Za-z]))"
            r"|\b(?P<word>" + alternation(self.clock_words, True) + r")\b)"
        )
        self.lead = re.compile(lead)
        self.clock = re.compile(r"(?P<clock>" + clock + r")(?:\s*\((?P<tz1>" + zone + r")\)|\s*(?P<tz2>" + zone + r"))?")
        self.trigger = re.compile(r"[0-9]+|" + alternation(self.clock_words, True))
        # Quick reject (most sentences have no time): a digit before ':', '.', a meridiem or a military
        # suffix, or a clock word; the leading lookahead lets the regex engine skip other characters fast.
        cased = [f(w) for w in self.clock_words for f in (str.lower, str.capitalize, str.upper)]
        after = {":", "."} | {k[0] for k in v["meridiem"]} | {k[0] for k in v["military_suffixes"]}
        self.quick = re.compile("(?=[0-9" + re.escape("".join(sorted({w[0] for w in cased}))) + r"])(?:[0-9]\s*[" +
                                re.escape("".join(sorted(after))) + "]|" + alternation(cased) + ")")
        self.range_gap = re.compile(r"\s*(?:(?i:and|to|until|till|through)|[-–—])\s*(?:" +
                                    alternation(v["time_approx"], True) + r"\s+)?")
        self.stamp_prefix = re.compile(r"[\s\ufeff]*(?:(?P<p>" + alternation(v["stamp_prefixes"], True) +
                                       r")\s*:?\s*)?(?:(?i:at)\s+)?")
        seps = [s for s in v["stamp_separators"]]
        loose = [s for s in seps if s not in ("-", "--", ":")]
        self.stamp_sep = re.compile(r"[ \t]*(?:" + alternation(loose) + "|" +
                                    alternation([s for s in seps if s not in loose]) + r"(?=\s))")

    def zone(self, name: str | None) -> tuple[bool, str | None]:
        """(named?, IANA zone) for a matched suffix; "local time" is named but has no zone."""
        if name is None:
            return False, None
        key = " ".join(name.split())
        return True, self.zones[key] if key in self.zones else self.zones_ci.get(key.lower())


@functools.cache
def _grammar() -> _TimeGrammar:
    return _TimeGrammar()


def _clock(m: re.Match, g: _TimeGrammar) -> str | None:
    """'HH:MM' for a match, or None when the numbers cannot be a time ("25:10", "13 p.m.")."""
    if m["word"]:
        return g.clock_words.get(m["word"].lower())   # .get: odd Unicode case-folding ("mİdnight")
    if m["h3"]:
        return f"{m['h3']}:{m['mi3']}"
    h, mi, ap = (int(m["h"]), m["mi"], m["ap"]) if m["h"] else (int(m["h2"]), m["mi2"] or "00", m["ap2"])
    if ap:
        if 1 <= h <= 12:
            h = h % 12 + (12 if g.meridiem[ap.lower()] else 0)
        elif not m["h"] or h > 23:   # "0 a.m." / "13 p.m." without a colon: not a time
            return None
    elif h > 23:
        return None
    return f"{h:02d}:{mi}"


def find_times(text: str) -> list[TimeMention]:
    """Every clock time in ``text``, in order.

    Accepts "4:30 a.m.", "3 a.m.", "5.30pm", "00:26", "noon", "midnight", "0230 GMT"; a zone named right
    after the time ("Moscow time", "(EEST)", "GMT") is kept, and a range shares it
    ("between 17:00 and 23:30 Moscow time": both Europe/Moscow). Not times: "C$1.5 billion", "3-1",
    "No. 3", "2:1" (minutes need two digits), "24:10". A time alone at the start of a paragraph before a
    dash is a live-blog stamp: "Updated 10:50 — Drozdenko now says…" → stamp=True.
    """
    g = _grammar()
    if g.quick.search(text) is None:
        return []
    found: list[list] = []   # [start, end, hhmm, named, zone, stamp, clock_start]
    last = 0
    for t in g.trigger.finditer(text):
        p = t.start()
        if p < last:
            continue
        m = g.clock.match(text, p)
        if m is None:
            continue
        last = m.end()
        hhmm = _clock(m, g)
        if hhmm is None:
            continue
        named, zone = g.zone(m["tz1"] or m["tz2"])
        start, end = p, m.end()
        floor = max(found[-1][1] if found else 0, p - _LEAD_CHARS)
        for n, (s, _) in enumerate(prev_words(text, p, floor)):   # "at about 3 a.m.", "shortly after midnight"
            if n == _LEAD_WORDS:
                break
            if g.lead.fullmatch(text, s, p):
                start = s
        line_start = text.rfind("\n", 0, start) + 1
        stamp = False
        sp = g.stamp_prefix.fullmatch(text, line_start, start)
        if sp and g.stamp_sep.match(text, end):
            stamp = True
            start = sp.start("p") if sp["p"] else start
        found.append([start, end, hhmm, named, zone, stamp, p])
    for a, b in zip(found, found[1:]):       # "between 17:00 and 23:30 Moscow time"
        if a[3] != b[3] and g.range_gap.fullmatch(text, a[1], b[6]):
            src, dst = (a, b) if a[3] else (b, a)
            dst[3], dst[4] = True, src[4]
    return [TimeMention(s, e, text[s:e], t, z, st) for s, e, t, _, z, st, _ in found]


def to_utc(day: dt.date, hhmm: str, timezone: str) -> dt.datetime:
    """``day`` at ``hhmm`` on the clocks of ``timezone`` (IANA), as an aware UTC datetime; DST via zoneinfo.

    Why: events are compared across articles in UTC. "04:30" in Kyiv on 2025-02-12 (winter, UTC+2) is
    02:30 UTC; "00:26" in Kyiv on 2025-08-24 (summer, UTC+3) is 21:26 UTC the day before.
    """
    m = _HHMM.fullmatch(hhmm or "")
    if m is None:
        raise ValueError(f"time must be 'HH:MM' (24-hour), got {hhmm!r}")
    if not timezone:
        raise ValueError("timezone must be an IANA name such as 'Europe/Kyiv'")
    local = dt.datetime(day.year, day.month, day.day, int(m[1]), int(m[2]), tzinfo=ZoneInfo(timezone))
    return local.astimezone(dt.timezone.utc)
