"""Dates in war-news text, resolved against the article's publication date (CONTRACT §2: ``event_date``,
``date_text``, ``date_precision``).

Why: news rarely writes a full date. "On Friday, Russia fired 67 missiles…" in a piece published Monday
2025-03-10 means 2025-03-07; "On February 11" means the anchor's year; "overnight" is the night that ended
on the publication day; "a day earlier" is relative to the story's own date, not the article's. Each
mention keeps its words (``text``) so a reader can check the resolution.

Rules, all vocabulary in ``data/dates.yaml`` (compiled once, at first use; no dateparser — too slow):

* a day-month without a year takes the anchor's year, unless that lands more than 7 days after the anchor
  without a future cue → the year before ("December 30" [2025-01-02] → 2024-12-30);
* a weekday is the latest such day on or before the anchor; with a future cue in its clause ("He will
  not join Tuesday's talks himself" [Mon 2025-03-10]) the first on or after it (→ 2025-03-11, future);
* month and year mentions give the first day of the period; "since 2022" is kind 'vague' (the start of
  a state, not a happening).

Example::

    >>> [(m.text, m.date.isoformat(), m.kind) for m in find_dates(
    ...     "On Friday, Russia fired 67 missiles in an overnight assault.", dt.date(2025, 3, 10))]
    [('On Friday', '2025-03-07', 'weekday'), ('overnight', '2025-03-10', 'overnight')]
"""
from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from dataclasses import dataclass, replace

from analysis.lexicon import LexiconError, alternation, load_yaml, require, words
from analysis.scan import prev_words
from analysis.times import TimeMention, find_times, to_utc

__all__ = ["DateMention", "find_dates", "best_date", "TimeMention", "find_times", "to_utc"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date the text gives; offsets into the text given to :func:`find_dates`."""

    start: int
    end: int
    text: str               # "On February 11", "on Saturday", "overnight"
    date: dt.date | None    # None when the text gives no resolvable date ("in recent months")
    precision: str          # 'day' | 'week' | 'month' | 'year' | 'unknown'
    kind: str               # 'absolute' | 'weekday' | 'relative' | 'overnight' | 'context' | 'vague'
    future: bool            # refers forward in time ("Tuesday's talks" in a sentence with "will")


_FUTURE_DAYS = 7      # "June 10" in an article of June 5 is still this year's
_PAST_DAYS = 183      # "will meet on January 5" in December is next year's
_LEAD_WORDS = 6       # words a mention may have before its trigger ("in the early hours of Saturday": five)
_SPAN = {"day": 1, "week": 7}
_LEADS = {"iso", "md", "dm", "my", "mo", "wd", "yr"}   # alternatives with a <name>_lead group
FILE = "dates.yaml"
_WORD_LISTS = ("weekdays", "part_of_day", "part_of_day_of", "vague_leads", "period_modifiers", "future_cues")
_GROUPS = {"leads": ("day", "month", "year", "part_of_day", "relative"),
           "weekday_modifiers": ("past", "future", "neutral")}
_PRECISIONS = ("day", "week", "month", "year", "unknown")
_KINDS = ("absolute", "weekday", "relative", "overnight", "context", "vague")


def _vocabulary() -> dict:
    """The date words of ``dates.yaml``, checked (the time words are analysis.times' to check)."""
    v = require(load_yaml(FILE), FILE, None, "months", *_WORD_LISTS, *_GROUPS, "relative", "counted")
    for key in _WORD_LISTS:
        words(v[key], FILE, key)
    if len(v["weekdays"]) != 7:
        raise LexiconError(FILE, "weekdays", "list the seven weekdays, Monday first")
    for number in require(v["months"], FILE, "months", *range(1, 13)):
        words(v["months"][number], FILE, f"months.{number}")
    for group, keys in _GROUPS.items():
        for key in require(v[group], FILE, group, *keys):
            words(v[group][key], FILE, f"{group}.{key}")
    if not isinstance(v["relative"], list):
        raise LexiconError(FILE, "relative", "expected a list of entries with phrases")
    for i, entry in enumerate(v["relative"]):
        _check_offset(require(entry, FILE, f"relative[{i}]", "phrases"), f"relative[{i}]", ("context",))
        words(entry["phrases"], FILE, f"relative[{i}].phrases")
        if entry.get("kind", "relative") not in _KINDS:
            raise LexiconError(FILE, f"relative[{i}]", f"kind {entry['kind']!r} is not one of {', '.join(_KINDS)}")
    counted = require(v["counted"], FILE, "counted", "counts", "units", "directions")
    words(counted["counts"], FILE, "counted.counts")
    for word, n in counted["counts"].items():
        if n is not None and (isinstance(n, bool) or not isinstance(n, int)):
            raise LexiconError(FILE, f"counted.counts.{word}", f"is {n!r}: write a whole number, or null")
    for unit, spec in require(counted["units"], FILE, "counted.units").items():
        _check_offset(require(spec, FILE, f"counted.units.{unit}", "precision"), f"counted.units.{unit}", ())
    for word, spec in require(counted["directions"], FILE, "counted.directions").items():
        require(spec, FILE, f"counted.directions.{word}", "sign", "base")
        if spec["sign"] not in (-1, 1) or spec["base"] not in ("anchor", "context"):
            raise LexiconError(FILE, f"counted.directions.{word}", "sign must be 1 or -1, base anchor or context")
    return v


def _check_offset(entry: dict, where: str, bases: tuple) -> None:
    """A relative entry or counted unit: a known precision and base, whole-number offsets."""
    if entry.get("precision", "day") not in _PRECISIONS:
        raise LexiconError(FILE, where, f"precision {entry['precision']!r} is not one of {', '.join(_PRECISIONS)}")
    if entry.get("base") is not None and entry["base"] not in bases:
        raise LexiconError(FILE, where, f"base {entry['base']!r} is not one of {', '.join(bases) or 'nothing'}")
    for key in ("days", "months", "years"):
        if key in entry and (isinstance(entry[key], bool) or not isinstance(entry[key], int)):
            raise LexiconError(FILE, where, f"{key} is {entry[key]!r}, not a whole number")


class _Grammar:
    """The regexes and their lookup tables, built once from the YAML."""

    def __init__(self) -> None:
        v = _vocabulary()
        self._lookups(v)
        mfull = alternation(self.full_months) + r"(?![A-Za-z])"
        abbreviated = alternation(set(self.months) - set(self.full_months))
        mon = "(?:" + mfull + "|" + abbreviated + r"(?![A-Za-z])\.?)"   # "Feb. 12"
        alts = self._alternatives(v, mon, mfull)
        # Speed: the patterns are tried only where a mention can be. Every mention contains a trigger
        # (a number, month, weekday, the last word of a relative phrase or a counted direction) with only
        # "lead-ish" words before it ("On the morning of February 12", "the day before yesterday"), and
        # each kind of trigger needs only some of the alternatives.
        by_trigger = {"num": ["iso", "dm", "yr", "dec", "cnt"], "mon": ["md", "my", "mo", "mp"],
                      "wd": ["iso", "md", "dm", "wd"], "word": ["cnt", "rel"]}
        self.patterns = {t: re.compile(r"(?<!\w)(?=\w)(?:" + "|".join(f"(?P<{k}>{alts[k].format(k)})" for k in ks) + ")")
                         for t, ks in by_trigger.items()}
        self._triggers(mon)
        L = v["leads"]
        phrases = [*L["day"], *L["month"], *L["year"], *L["part_of_day"], *L["relative"], *v["period_modifiers"],
                   *v["part_of_day_of"], *v["part_of_day"], *self.direction, *self.relative, *self.counts,
                   *self.units, *(u + "s" for u in self.units), *self.weekdays, "the", "of"]
        self.leadish = {w.lower() for phrase in phrases for w in phrase.split()}
        self.cue = _cue_pattern(v["future_cues"])
        self.clause_end = re.compile(r"[.!?][\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|[;:](?=\s)|\s[—–]\s|\n")
        self.standalone = re.compile(r"\s*(?:[.,;:!?)\]\"”’—–]|$)")

    def _lookups(self, v: dict) -> None:
        """Names and phrases → what they mean: month numbers, weekday numbers, directions, offsets."""
        self.months, self.full_months = {}, {}
        for num, names in v["months"].items():
            for i, name in enumerate(names):
                for form in (name, name.upper()):
                    self.months[form] = int(num)
                    if i == 0:
                        self.full_months[form] = int(num)
        self.weekdays = {f: i for i, n in enumerate(v["weekdays"]) for f in (n, n.upper())}
        mods = v["weekday_modifiers"]
        self.direction = {**{w: 0 for w in mods["neutral"]}, **{w: -1 for w in mods["past"]},
                          **{w: 1 for w in mods["future"]}}
        self.neutral = set(mods["neutral"])
        self.vague_leads = set(v["vague_leads"])
        self.relative = {p: e for e in v["relative"] for p in e["phrases"]}
        c = v["counted"]
        self.counts, self.units, self.dirs = c["counts"], c["units"], c["directions"]

    def _alternatives(self, v: dict, mon: str, mfull: str) -> dict[str, str]:
        """Each kind of mention's regex, with ``{0}`` for its name in the group names."""
        ci = functools.partial(alternation, ignore_case=True)
        L = v["leads"]
        wd = alternation(self.weekdays)
        poss = r"['’]s(?!\w)"
        mod = ci(v["period_modifiers"])
        pod = ci(v["part_of_day"])
        podof = r"(?:" + ci(L["part_of_day"]) + r"\s+)?(?i:the)\s+" + ci(v["part_of_day_of"]) + r"\s+(?i:of)\s+"
        day_lead = r"(?:(?P<{0}_lead>" + ci(L["day"]) + r")\s+)?(?:" + podof + r")?(?:" + wd + r",?\s+)?"
        day = (r"(?<![0-9.,:$£€/#])(?P<{0}_d>[0-3]?[0-9])(?:st|nd|rd|th)?(?:\s*[-–]\s*[0-3]?[0-9](?:st|nd|rd|th)?)?"
               r"(?![0-9]|[.,:][0-9])")
        year = r"(?P<{0}_y>(?:19|20)[0-9]{{2}})(?![0-9]|[.,][0-9])"
        month_lead = (r"(?:(?P<{0}_lead>" + ci(L["month"]) + r")\s+(?:" + mod + r"[-\s]+)?|" + mod + r"[-\s]+)")
        return {
            "iso": (day_lead + r"(?<![0-9])(?P<{0}_y>(?:19|20)[0-9]{{2}})-(?P<{0}_m>[01][0-9])-(?P<{0}_d>[0-3][0-9])"
                    r"(?![0-9])"),
            "md": day_lead + r"(?P<{0}_m>" + mon + r")\s+" + day + r"(?:,?\s+" + year + ")?",
            "dm": (day_lead + r"(?:(?i:the)\s+)?" + day + r"\s+(?:(?i:of)\s+)?(?P<{0}_m>" + mon + r")(?:,?\s+" + year +
                   ")?"),
            "my": month_lead + r"?(?P<{0}_m>" + mon + r")\s+(?:(?i:of)\s+)?" + year,
            "mo": month_lead + r"(?P<{0}_m>" + mfull + r")(?:" + poss + r")?",
            "mp": r"(?P<{0}_m>" + mfull + r")" + poss,
            "wd": (r"(?:(?P<{0}_lead>" + ci(L["day"]) + r")\s+)?(?:(?P<{0}_dir>" + ci(self.direction) + r")\s+)?(?:" +
                   mod + r"\s+)?(?:" + podof + r")?(?P<{0}_d>" + wd + r")(?:" + poss + r")?(?!\w)(?:\s+" + pod +
                   r"(?!\w))?"),
            "cnt": (r"(?:(?P<{0}_n>" + ci(self.counts) + r"|[0-9]{{1,2}})\s+)?(?P<{0}_u>" + ci(self.units) +
                    r")(?P<{0}_pl>(?i:s))?\s+(?P<{0}_dir>" + ci(self.dirs) + r")(?![\w-])"),
            "rel": (r"(?:" + ci(L["relative"]) + r"\s+)?(?P<{0}_p>" + ci(self.relative) + r")(?![\w-])(?P<{0}_pod>\s+" +
                    pod + r"(?!\w))?"),
            "yr": (r"(?:(?P<{0}_lead>" + ci(L["year"]) + r")\s+(?:" + mod + r"[-\s]+)?|" + mod + r"[-\s]+)" + year +
                   r"(?!\w)"),
            "dec": r"(?i:the)\s+(?:" + mod + r"[-\s]+)?(?P<{0}_y>(?:19|20)[0-9]0)s(?!\w)",
        }

    def _triggers(self, mon: str) -> None:
        """The trigger regex (a number, month, weekday or a relative phrase's last word) and each word's kind."""
        last_words = {ph.split()[-1] for ph in self.relative} | set(self.dirs)
        number = (r"(?:19|20)[0-9]{2}(?![0-9])|[0-9]{1,2}(?=(?:st|nd|rd|th)?(?:\s*[-–]\s*[0-9]{1,2}(?:st|nd|rd|th)?)?"
                  r"\s+(?:(?i:of)\s+)?" + mon + r"|\s+" +
                  alternation([*self.units, *(u + "s" for u in self.units)], ignore_case=True) + ")")
        cased = [*last_words, *(w.capitalize() for w in last_words), *(w.upper() for w in last_words)]
        self.trigger_kind = {**{w: "word" for w in cased}, **{m: "mon" for m in self.months},
                             **{d: "wd" for d in self.weekdays}}
        self.trigger = re.compile(r"(?<![A-Za-z0-9])(?:(?P<num>" + number + r")|(?P<name>" +
                                  alternation(self.trigger_kind) + r")(?!\w))")   # one trie: fewer branches


def _cue_pattern(future_cues: list[str]) -> re.Pattern:
    """Any future cue ("will", "’ll", "is expected to") as a whole word, in lower, Capitalised or UPPER case."""
    cues = [f(c) for c in future_cues for f in (str.lower, lambda c: c[:1].upper() + c[1:], str.upper)]
    plain, clitics = [c for c in cues if c[0].isalnum()], [c for c in cues if not c[0].isalnum()]
    return re.compile("(?=[" + re.escape("".join(sorted({c[0] for c in cues}))) + r"])(?:(?<!\w)" +
                      alternation(plain) + ("|" + alternation(clitics) if clitics else "") + r")(?!\w)")


@functools.cache
def _grammar() -> _Grammar:
    return _Grammar()


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


def _days(d: dt.date, n: int) -> dt.date | None:
    try:
        return d + dt.timedelta(days=n)
    except OverflowError:
        return None


def _months(d: dt.date, n: int) -> dt.date | None:
    """First day of the month ``n`` months from ``d``'s."""
    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    return dt.date(y, m + 1, 1) if dt.MINYEAR <= y <= dt.MAXYEAR else None


def _ymd(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:   # "February 30", "2025-13-01"
        return None


def _infer_year(m: int, d: int, anchor: dt.date, cue) -> dt.date | None:
    """The year of a day-month written without one: the anchor's, or the one before when that would put it
    more than a week in the future with nothing saying so ("December 30" [2025-01-02] → 2024-12-30)."""
    got = _ymd(anchor.year, m, d)
    if got is None:
        return None
    ahead = (got - anchor).days          # (a difference never overflows, a sum near date.max can)
    if ahead > _FUTURE_DAYS and not cue():
        return _ymd(anchor.year - 1, m, d)
    if ahead < -_PAST_DAYS and cue():
        return _ymd(anchor.year + 1, m, d)
    return got


def _weekday(wd: int, anchor: dt.date, direction: int, cue) -> dt.date | None:
    """"on Thursday" [Sat 2025-06-07] → 2025-06-05; "last Monday" is strictly before, "next Monday"
    strictly after, a weekday in a future clause on or after the anchor."""
    back = (anchor.weekday() - wd) % 7
    if direction < 0:
        return _days(anchor, -(back or 7))
    if direction > 0 or (back and cue()):
        ahead = (wd - anchor.weekday()) % 7
        return _days(anchor, (ahead or 7) if direction > 0 else ahead)
    return _days(anchor, -back)


class _Cues:
    """Where future cues are and which clause a position is in; the text is scanned only when first asked."""

    def __init__(self, text: str, g: _Grammar) -> None:
        self.text, self.g, self.cues, self.ends = text, g, None, []

    def near(self, start: int, end: int) -> bool:
        """A future cue in the same clause as text[start:end] and outside it."""
        if self.cues is None:   # first question: scan once
            self.cues = [(m.start(), m.end()) for m in self.g.cue.finditer(self.text)]
            if self.cues:
                self.ends = [m.start() for m in self.g.clause_end.finditer(self.text)]
        if not self.cues:
            return False
        i = bisect.bisect_right(self.ends, start)
        lo = self.ends[i - 1] if i else -1
        hi = self.ends[i] if i < len(self.ends) else 1 << 62
        return any(lo < s < hi and (s >= end or e <= start) for s, e in self.cues)


def _period(date: dt.date, precision: str, anchor: dt.date) -> bool:
    """Does the period that starts at ``date`` contain the anchor? ("this year" does, "last week" doesn't)."""
    if precision == "month":
        return (date.year, date.month) == (anchor.year, anchor.month)
    if precision == "year":
        return date.year == anchor.year
    return 0 <= (anchor - date).days < _SPAN.get(precision, 1)


# a speech verb in the past right before it: "…will negotiate only after …, Kuleba said on Thursday", "…will go to
# Ukraine," Duda told a press conference in Warsaw on Thursday'
SPEECH_VERB_BEFORE = re.compile(r"\b(?:said|told(?:\s+[\w’'-]+){1,3}|announced|confirmed|stated|added|wrote|reported)"
                                r"(?:\s+(?:in|at)\s+(?:the\s+)?[A-Z][\w’'-]+)?\s+$")
# a verb in the past right after a date: "on Tuesday confirmed", "on Monday said", "on Friday told"
PAST_VERB_AFTER = re.compile(r"\s+(?:also\s+)?(?:[a-z]+ed|said|told|met|spoke|gave|made|took|held|sent|wrote|signed|"
                             r"announced|confirmed|agreed|became|began|came|went|won|lost|struck|hit|shot)\b")


def _resolve(m: re.Match, g: _Grammar, text: str, anchor: dt.date, base: dt.date, cues: _Cues):
    """(end, date, precision, kind, future_hint, cue) for one match, or None when it is not a date.

    ``cue()`` says whether the mention's clause has a future cue; it is asked only when the answer can
    change the date or the future flag, because the scan costs more than everything else here."""
    alt = m.lastgroup
    if PAST_VERB_AFTER.match(text, m.end()) or SPEECH_VERB_BEFORE.search(text, max(0, m.start() - 60), m.start()):
        # "Lambrecht on Tuesday confirmed that Germany will supply…": the date is the past verb's, whatever
        # the clause it introduces promises
        def cue() -> bool:
            return False
    else:
        cue = functools.partial(cues.near, m.start(), m.end())
    got = _RESOLVERS[alt](m, g, text, anchor, base, cue)
    if got is None:
        return None
    end, date, precision, kind, future = got
    if date is None and precision != "unknown":
        return None
    lead = m.group(alt + "_lead") if alt in _LEADS else None
    if lead and _norm(lead) in g.vague_leads:
        kind = "vague"
    return end, date, precision, kind, future, cue


def _resolve_day(m: re.Match, g: _Grammar, text: str, anchor: dt.date, base: dt.date, cue):
    """"2025-02-12", "February 12", "12 February 2025": a day, in the anchor's year when none is given."""
    alt, get = m.lastgroup, m.group
    d = int(get(alt + "_d"))
    mon = int(get("iso_m")) if alt == "iso" else g.months[get(alt + "_m").rstrip(".")]
    y = get(alt + "_y")
    date = _ymd(int(y), mon, d) if y else _infer_year(mon, d, anchor, cue)
    return m.end(), date, "day", "absolute", False


def _resolve_month(m: re.Match, g: _Grammar, text: str, anchor: dt.date, base: dt.date, cue):
    """"March 2025", "in June", "last March", "June's": the first day of the month."""
    alt, get = m.lastgroup, m.group
    mon = g.months[get(alt + "_m").rstrip(".")]
    lead = _norm(get(alt + "_lead") or "") if alt != "mp" else ""
    direction = g.direction.get(lead, 0)
    if alt == "my":
        date = _ymd(int(get("my_y")), mon, 1)
    elif lead in g.neutral:                           # "this June": this year's, whatever the cue
        date = _ymd(anchor.year, mon, 1)
    elif direction:
        date = _months(anchor, ((mon - anchor.month - 1) % 12 + 1) if direction > 0
                       else -((anchor.month - mon - 1) % 12 + 1))
    else:
        date = _infer_year(mon, 1, anchor, cue)
    return m.end(), date, "month", "absolute", False


def _resolve_weekday(m: re.Match, g: _Grammar, text: str, anchor: dt.date, base: dt.date, cue):
    """"on Friday", "last Monday", "next Tuesday's talks"."""
    direction = g.direction.get(_norm(m.group("wd_dir") or ""), 0)
    return m.end(), _weekday(g.weekdays[m.group("wd_d")], anchor, direction, cue), "day", "weekday", False


def _resolve_year(m: re.Match, g: _Grammar, text: str, anchor: dt.date, base: dt.date, cue):
    """"in 2024", and "the 1990s" (vague: a decade is no happening's date)."""
    alt = m.lastgroup
    return m.end(), _ymd(int(m.group(alt + "_y")), 1, 1), "year", "vague" if alt == "dec" else "absolute", False


def _resolve_counted(m: re.Match, g: _Grammar, text: str, anchor: dt.date, base: dt.date, cue):
    """"two days later", "a week ago"; "several days ago" and "days after his meeting" have no date."""
    get = m.group
    n = get("cnt_n")
    count = int(n) if n and n.isdigit() else g.counts.get(_norm(n)) if n else None
    unit, direction = g.units.get(_norm(get("cnt_u"))), g.dirs.get(_norm(get("cnt_dir")))
    if unit is None or direction is None or (n is None and not get("cnt_pl")):
        return None                                   # "day after day" (or odd Unicode case-folding)
    standalone = not direction.get("standalone") or g.standalone.match(text, m.end())
    if count is None or not standalone:               # "days after his meeting": relative to an unnamed event
        return m.end(), None, "unknown", "vague", False
    step = count * direction["sign"]
    origin = anchor if direction["base"] == "anchor" else base
    kind = "relative" if direction["base"] == "anchor" else "context"
    precision = unit["precision"]
    if "days" in unit:
        date = _days(origin, step * unit["days"])
    else:
        date = _months(origin, step * (unit.get("months", 0) + 12 * unit.get("years", 0)))
        if date is not None and precision == "year":
            date = date.replace(month=1)
    return m.end(), date, precision, kind, step > 0 and direction["base"] == "anchor"


def _resolve_relative(m: re.Match, g: _Grammar, text: str, anchor: dt.date, base: dt.date, cue):
    """"yesterday", "overnight", "last week", "the next day" (from the story's date), "in recent months"."""
    get = m.group
    e = g.relative.get(_norm(get("rel_p")))
    if e is None or e.get("standalone") and not g.standalone.match(text, m.end("rel_p")):
        return None                                   # "the day before the talks"
    end = m.end("rel_p") if get("rel_pod") and not e.get("part_of_day") else m.end()
    precision, future = e.get("precision", "day"), bool(e.get("future"))
    kind = e.get("kind", "context" if e.get("base") == "context" else "relative")
    origin = base if e.get("base") == "context" else anchor
    if precision == "unknown":
        date = None
    elif "months" in e:
        date = _months(origin, e["months"])
    elif "years" in e:
        date = _ymd(origin.year + e["years"], 1, 1)
    else:
        date = _days(origin, e.get("days", 0))
    return end, date, precision, kind, future


_RESOLVERS = {"iso": _resolve_day, "md": _resolve_day, "dm": _resolve_day, "my": _resolve_month,
              "mo": _resolve_month, "mp": _resolve_month, "wd": _resolve_weekday, "yr": _resolve_year,
              "dec": _resolve_year, "cnt": _resolve_counted, "rel": _resolve_relative}


def _scan(text: str, g: _Grammar):
    """The patterns' matches, tried only from a trigger word and the lead-ish words before it
    (farthest first, so "On the morning of February 12" wins over "February 12")."""
    last = 0
    for t in g.trigger.finditer(text):
        p = t.start()
        if p < last:
            continue
        starts = [p]
        for s, w in prev_words(text, p, last):
            if len(starts) > _LEAD_WORDS or not (w.lower() in g.leadish or w.isdigit()):
                break
            starts.append(s)
        pattern = g.patterns["num" if t.lastgroup == "num" else g.trigger_kind[t.group()]]
        for s in reversed(starts):
            m = pattern.match(text, s)
            if m is not None and m.end() > p:
                last = m.end()
                yield m
                break


def find_dates(text: str, anchor: dt.date, context: dt.date | None = None) -> list[DateMention]:
    """Every date mention in ``text``, sorted by start, resolved against ``anchor`` (the publication date)
    and ``context`` (the date of the story so far, for "a day earlier", "the next day", "that night";
    the anchor when None).

    "Moscow has vowed to retaliate for Ukraine’s June 1 drone operation" [2025-06-07] → 2025-06-01, day.
    Not dates: "a baby about six weeks old", "a 14-year-old girl", "for more than three hours",
    "No. 3", "5:35 p.m.", "people may still be trapped" (the month needs a day number or "in May"/"May's").
    """
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    if isinstance(context, dt.datetime):
        context = context.date()
    g = _grammar()
    base = context or anchor
    cues = _Cues(text, g)
    out: list[DateMention] = []
    for m in _scan(text, g):
        got = _resolve(m, g, text, anchor, base, cues)
        if got is None:
            continue
        end, date, precision, kind, future, cue = got
        if date is not None and kind != "vague":
            # a period holding the anchor is future if its clause says so ("150 more this year" after "is
            # expected to"); for "today"/"overnight" only the phrase decides (and no cue scan is needed)
            future = future or date > anchor or (
                (precision != "day" or kind in ("absolute", "weekday")) and _period(date, precision, anchor) and cue())
        out.append(DateMention(m.start(), end, text[m.start():end], date, precision, kind, future))
    return _quoted_days(text, _that_year(text, out), anchor)


# "occupied in February 2022 and freed in September of that year": the year named before, not the latest September
THAT_YEAR = re.compile(r"\s+of\s+(?:that|the\s+same)\s+year\b", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _that_year(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """A month "of that year" takes the year of the last mention before it that names one."""
    out: list[DateMention] = []
    for m in mentions:
        named = next((p for p in reversed(out) if p.date is not None and _YEAR.search(p.text)), None)
        if named is not None and m.date is not None and m.precision in ("day", "month") and m.kind == "absolute" \
                and THAT_YEAR.match(text, m.end):
            date = _ymd(named.date.year, m.date.month, m.date.day)
            m = DateMention(m.start, m.end, m.text, date or m.date, m.precision, m.kind, m.future)
        out.append(m)
    return out


_QUOTE = re.compile(r"“[^“”]{3,}?”|\"[^\"]{3,}?\"")


def in_quote(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` lie inside a quotation? A quoted day is the speaker's, counted from the
    statement, not necessarily the day of what the sentence reports."""
    return any(q.start() <= start and end <= q.end() for q in _QUOTE.finditer(text))


def _quoted_days(text: str, mentions: list[DateMention], anchor: dt.date) -> list[DateMention]:
    """A quote carries its own time: "yesterday" inside a statement made on a named earlier day ("…
    yesterday," the governor said on Monday) counts from that day, not from publication; when the
    statement's day is given only coarsely ("said last week", "in May"), the quoted "yesterday" has no
    date (null), never the publication's. A quote with no date outside it is taken as the news day's."""
    quotes = [q.span() for q in _QUOTE.finditer(text)]
    if not quotes:
        return mentions
    inside = [any(a <= m.start and m.end <= b for a, b in quotes) for m in mentions]
    said = [m for m, q in zip(mentions, inside) if not q and not m.future and m.date is not None
            and m.kind in ("absolute", "weekday", "relative") and m.date < anchor]
    if not said:
        return mentions
    day = next((m.date for m in said if m.precision == "day"), None)
    out = []
    for m, q in zip(mentions, inside):
        if q and m.kind == "relative" and m.precision == "day" and m.date is not None:
            m = replace(m, date=m.date + (day - anchor) if day else None)
        out.append(m)
    return out


_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
_KIND_RANK = {"absolute": 0, "weekday": 0, "relative": 1, "context": 1, "overnight": 2}


def best_date(mentions: list[DateMention]) -> DateMention | None:
    """The mention an event in this sentence should take its date from, or None.

    Finest precision first, then explicit words (absolute, weekday) over relative ones and over
    'overnight', then the earliest in the sentence: "On Friday, Russia fired 67 missiles … in an
    overnight assault" → "On Friday". Never chosen: 'vague' and undated mentions ("since 2022",
    "in recent months"), possessive month/year modifiers that name another happening ("June's G7
    summit"), and future periods coarser than a day ("deliveries due next month"). So for "…military aid
    Ottawa pledged at June's G7 summit … with deliveries due next month" the answer is **None**: the
    caller falls back to the entry's or article's date rather than dating the announcement to June.
    A future day ("He will not join Tuesday's talks") is kept: it is the date of the talks.
    """
    best, best_key = None, None
    for m in mentions:
        if m.date is None or m.kind not in _KIND_RANK:
            continue
        if m.precision != "day" and (m.future or m.text.endswith(("'s", "’s"))):
            continue
        key = (_PRECISION_RANK.get(m.precision, 9), _KIND_RANK[m.kind], m.start)
        if best_key is None or key < best_key:
            best, best_key = m, key
    return best


@dataclass(frozen=True)
class _OtherDayCue:
    """Words before a date that make it another happening's day, not the sentence's own."""

    pattern: re.Pattern
    window: int                   # how many characters before the date it reads
    coarse_only: bool = False     # only a month or a year ("territory they lost last September")
    possessive_only: bool = False  # only "Monday's" ("summoned the ambassador over Monday's strikes")

    def applies(self, m: DateMention, text: str) -> bool:
        if self.coarse_only and m.precision == "day" or self.possessive_only and not m.text.endswith(("'s", "’s")):
            return False
        return bool(self.pattern.search(text, max(0, m.start - self.window), m.start))


# One table of every such cue (``another_days_date`` reads it; add a row for a new one):
OTHER_DAY_CUES = (
    # "closed its airspace until December 9", "days before the May 9 parade": a bound or another happening's day
    _OtherDayCue(re.compile(r"\b(?:until|till|through|(?:days|weeks|hours|shortly|just|a day|a week)\s+(?:before|ahead of)|"
                            r"ahead of)\s+(?:the\s+)?$", re.I), 40),
    # "ahead of the NATO summit opening Tuesday in Madrid": the day of the happening ahead
    _OtherDayCue(re.compile(r"\bahead\s+of\s+(?:the\s+|next\s+week['’]s\s+|this\s+week['’]s\s+)?(?:[\w’'-]+\s+){1,4}?"
                            r"(?:opening|starting|beginning|due|scheduled|set|planned)\s+(?:on\s+|for\s+)?$", re.I), 60),
    # "as Russian forces try to retake territory they lost last September": when ground changed hands before
    _OtherDayCue(re.compile(r"\b(?:territory|ground|land|areas?|towns?|villages?|city|region)\s+(?:that\s+|which\s+)?"
                            r"(?:[\w’'-]+\s+){1,3}?(?:had\s+)?(?:lost|seized|captured|took|occupied|annexed|liberated|"
                            r"retook)\s+$", re.I), 60, coarse_only=True),
    # "Since the August 15 summit in Alaska, Russian gains …": the start of a span, not a happening's day
    _OtherDayCue(re.compile(r"\bsince\s+(?:the\s+)?$", re.I), 12),
    # "… committed since the Russian invasion began on Feb. 24 last year": the start of a running total
    _OtherDayCue(re.compile(r"\bsince\s+(?:the\s+)?[^,.;]{0,50}?\b(?:began|started|begun|launched|opened)\b"
                            r"\s+(?:(?:on|in)\s+(?:[\w.]+(?:\s+\d{1,2})?\s+)?)?$", re.I), 60),
    # "… bigger than the swap agreed at the first round of talks on May 16", "since the previous meeting on
    # March 3", "harm at least as severe as that caused by the October 10-12 bombardment": an earlier happening
    # the sentence compares with
    _OtherDayCue(re.compile(r"(?:\bthan\b|\bas\s+[\w-]+\s+as\b|\bcompared\s+(?:with|to)\b|\bcomparable\s+(?:with|to)\b|"
                            r"\bsimilar\s+to\b|\b(?:previous|first|last|earlier|prior)\s+(?:round|meeting|talks|summit|swap|"
                            r"exchange|visit|session|call))[^,;.()]{0,80}$", re.I), 90),
    # "summoned Russia's ambassador over Monday's strikes": the day of the happening that caused this one
    _OtherDayCue(re.compile(r"\b(?:over|after|following|in response to|in retaliation for|condemn(?:ed|ing|s)?|"
                            r"protest(?:ed|ing)? against|because of)\s+(?:the\s+)?$", re.I), 30, possessive_only=True),
)
PERIOD = re.compile(r"(?:this|next|the coming)\s+(?:year|month)", re.I)


def another_days_date(m: DateMention, text: str) -> bool:
    """A date that is not the happening's own: the span a pledge covers ("this year"), a bound ("until December
    9"), or a day one of ``OTHER_DAY_CUES`` gives to another happening."""
    return bool(PERIOD.fullmatch(m.text.strip()) or BOUND.match(m.text)
                or any(cue.applies(m, text) for cue in OTHER_DAY_CUES))


BOUND = re.compile(r"\s*(?:until|till|through)\b", re.I)   # "until December 9" (the mention holds the word)
