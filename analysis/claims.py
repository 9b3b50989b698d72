"""Claims: who states a happening, the ``claimed_by`` column of events (CONTRACT §8).

Both sides report the same night: Ukraine's air force says what it downed, Russia's defence ministry what
it downed over its regions, a governor the toll in his region. An analyst weighs a figure by its source,
so each event names the body whose statement its main sentence reports, in one canonical form across
outlets ("Ukrainian Air Force", "Russian Defence Ministry", "Governor of Belgorod Oblast"), or
``reporting`` when the outlet states the happening itself.

The bodies, offices and speech verbs are data (``data/claimants.yaml``). A body is a source when a speech
verb follows it within a short reach ("the air force said on Telegram", "Governor Vyacheslav Gladkov
wrote"), precedes it ("…, said the regional governor") or "according to" introduces it.

Example::

    >>> claimed_by("Ukraine's air force said it shot down 14 of 17 drones overnight.", "Ukraine")
    'Ukrainian Air Force'
    >>> claimed_by("Russia's Defence Ministry said air defences destroyed 12 drones over Belgorod region.", "Russia")
    'Russian Defence Ministry'
    >>> claimed_by("Two people were killed, Belgorod region Governor Vyacheslav Gladkov said.", "Ukraine")
    'Governor of Belgorod Oblast'
    >>> claimed_by("A missile hit a school in Kharkiv on Tuesday.", "Russia")
    'reporting'
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from analysis.lexicon import LexiconError, alternation, load_yaml, require, words

FILE = "claimants.yaml"
REPORTING = "reporting"
_POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")


@dataclass(frozen=True)
class _Claimants:
    body: re.Pattern        # any body or office form, whole words
    canonical: dict         # lower-case form -> (canonical name, "body" | "office", fixed country or None)
    speech_after: re.Pattern
    speech_before: re.Pattern
    closes: re.Pattern      # what may follow a body named after its speech verb: the clause's end
    reach: int


@functools.cache
def _claimants() -> _Claimants:
    data = require(load_yaml(FILE), FILE, None, "bodies", "offices", "speech", "reach")
    canonical: dict[str, tuple[str, str]] = {}
    for group, kind in (("bodies", "body"), ("offices", "office")):
        table = require(data[group], FILE, group)
        for name, spec in table.items():
            entry = f"{group}: {name}"
            country = None
            if isinstance(spec, dict):
                country = require(spec, FILE, entry, "forms", "country")["country"]
                spec = spec["forms"]
            for form in words(spec, FILE, entry):
                if form.lower() in canonical:
                    raise LexiconError(FILE, entry, f"{form!r} already names {canonical[form.lower()][0]!r}")
                canonical[form.lower()] = (name, kind, country)
    reach = data["reach"]
    if isinstance(reach, bool) or not isinstance(reach, int) or not 10 <= reach <= 200:
        raise LexiconError(FILE, "reach", f"{reach!r} is not a whole number of characters from 10 to 200")
    speech = alternation(words(data["speech"], FILE, "speech"))
    return _Claimants(
        # a body word before a hyphen is a modifier ("military-industrial"), not the body
        body=re.compile(r"\b(?:" + alternation(canonical, ignore_case=True) + r")(?![\w-])", re.I),
        canonical=canonical,
        speech_after=re.compile(r"^[^.;:!?\"“”]{0,%d}?\b(?:%s)\b" % (reach, speech)),
        speech_before=re.compile(r"(?:\b(?:%s)\s+(?:by\s+)?|\baccording to\s+)(?:the\s+|a\s+)?(?:[\w’'-]+\s+){0,2}$" % speech, re.I),
        # "…, said the governor.", "… said the governor of Kharkiv region, Oleh Syniehubov."
        closes=re.compile(r"^(?:’s|'s)?(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|region|oblast|city))*)?"
                          r"(?:\s*(?:[,.;)]|$)|(?:\s+[A-Z][\w’'-]*)+\s*(?:[,.;)]|$))"),
        reach=reach,
    )


def _country_before(text: str, start: int) -> str | None:
    """The country of a body from the words right before it: "Ukraine's air force", "the Russian Defence
    Ministry", "Kyiv's military"."""
    from analysis.actors import lexicon

    surface = lexicon().surface
    for word in reversed(re.findall(r"[A-Z][\w-]*(?:’s|'s|’|')?", text[max(0, start - 30):start])[-2:]):
        hit = surface.get(_POSSESSIVE.sub("", word))
        if hit and hit[0] and hit[1] in ("demonym", "name", "capital"):
            return hit[0]
    return None


def _office_place(text: str, start: int, end: int, office: str) -> str | None:
    """The place an office is held for, named right with it: before ("Belgorod region Governor", "Kharkiv's
    mayor") or right after ("the governor of Kharkiv region"). A governor holds a region, a mayor a city."""
    from analysis.places import gazetteer

    window_start = max(0, start - 40)
    for place in gazetteer().find(text[window_start:min(len(text), end + 40)]):
        p_start, p_end = window_start + place.start, window_start + place.end
        before = p_end <= start and re.fullmatch(r"(?:’s|'s)?\s*", text[p_end:start])
        after = p_start >= end and re.fullmatch(r"\s+(?:of|for)\s+(?:the\s+)?", text[end:p_start])
        if before or after:
            return _office_seat(office, place.kind, place.place, place.admin1, place.city)
    return None


def _office_seat(office: str, kind: str | None, place: str | None, admin1: str | None, city: str | None) -> str | None:
    if office == "Governor":
        return place if kind == "region" else admin1
    return city or (place if kind in ("city", "district") else None)


def _demonym(country: str | None) -> str | None:
    from analysis.actors import lexicon

    return lexicon().demonym_of.get(country) if country else None


def _name(text: str, m: re.Match, side: str | None, event: dict | None) -> str:
    """The canonical claimant for a body or office form matched in ``text``; an office named without its
    place ("the regional governor said") holds the event's place."""
    canonical, kind, country = _claimants().canonical[" ".join(m.group(0).lower().split())]
    if kind == "office":
        place = _office_place(text, m.start(), m.end(), canonical)
        if place is None and event:
            kind_of = event.get("geo_precision")
            place = _office_seat(canonical, "region" if kind_of == "region" else "city", event.get("location"),
                                 event.get("admin1"), event.get("city"))
        return f"{canonical} of {place}" if place else f"Regional {canonical.lower()}" if canonical == "Governor" else canonical
    if country:
        return canonical
    demonym = _demonym(_country_before(text, m.start()) or side)
    return f"{demonym} {canonical}" if demonym else canonical


def _is_source(text: str, m: re.Match) -> bool:
    c = _claimants()
    if c.speech_after.match(text[m.end():]):
        return True
    return bool(c.speech_before.search(text[:m.start()]) and c.closes.match(text[m.end():]))


def claimed_by(sentence: str, side: str | None = None, event: dict | None = None) -> str:
    """Who the sentence says states its happening; ``side`` is the country a body with no country named
    belongs to (the event's own side), ``event`` the event row whose place an office named alone holds.
    ``reporting`` when the sentence names no source."""
    for m in _claimants().body.finditer(sentence):
        if _is_source(sentence, m):
            return _name(sentence, m, side, event)
    return REPORTING


def claimant_side(row: dict, article_side: str | None) -> str | None:
    """The side whose body speaks when the sentence does not name its country: the defender of an
    interception, else the article's own side (a TASS report's "the ministry" is Russia's)."""
    if row.get("category") == "air_defense" and row.get("actor1"):
        return row["actor1"]
    return article_side or row.get("actor1")
