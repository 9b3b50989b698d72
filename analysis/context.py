"""The article context: what an article has established so far, for sentences that leave it implicit.

One ``ArticleContext`` per article, carried through reading (``pipeline``), the extractors
(``facts.analyse``) and consolidation (``consolidate``, ``events.build``). In

    Sunday, 24 August 2025                                   ← a heading: its section's day
    07:05 — Russia fired 72 drones at Kharkiv overnight.      ← a live-blog entry
    A day earlier, a missile hit the city.

"A day earlier" resolves against the story's day (24 August), the entry stamp marks a new happening,
and "the city" is Kharkiv, the city named last.

Two passes walk the article's sentences, in order, with the same cursor (``section``, ``paragraph``):

* **reading** (``begin_sentence`` / ``after_sentence``) keeps what the extractors need for the next
  sentence: the story's running day (carried into a new section unless its heading names one), the names
  of the cities seen (to choose the district an ambiguous name means), the surnames of the people named
  (so that "Sokolov" is not taken for a place), and whether the paragraph is a live-blog entry;
* **consolidation** (``restart`` / ``enter`` / ``remember``) keeps what the event builder needs: the
  section's and paragraph's dates, the last place and category of the paragraph, and the cities and
  regions most recently named as where something happened (the headline's first; a speaker's seat,
  "the ministry in Moscow", is not one).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from analysis import dates as dates_mod
from analysis.actors import is_capital, lexicon as actor_lexicon, perspective_of
from analysis.places import gazetteer
from analysis.settings import settings
from analysis.weapons import find_weapons

if TYPE_CHECKING:
    from analysis.dates import DateMention
    from analysis.facts import SentenceFacts
    from analysis.places import PlaceMention
    from analysis.reader import Article


# A speaker's institution right before a place: "the Defence Ministry in Moscow said…", "officials in Kyiv",
# "a spokesman in Brussels". The place is where the speaker sits, not where the event happened.
SEAT_BEFORE = re.compile(r"\b(?:ministry|ministries|officials?|spokes(?:man|woman|person)|authorities|government|"
                         r"headquarters|embassy|prosecutors?|diplomats?|sources?)\s+in\s+$", re.I)


# "Speaking to journalists in Geneva, …", "Addressing reporters in Brussels, …": where the speaker stood
POSSESSIVE_END = re.compile(r"[’']s$")


# "…, coming straight from Washington, where on Tuesday he had pressed Joe Biden …": a day told in a relative clause
# in the pluperfect is the past of the story, not the day it goes on
ASIDE_BEFORE = re.compile(r",\s*(?:where|when|after which|which|who)\s+$", re.I)
PLUPERFECT_AFTER = re.compile(r"[^.;,]{0,30}?\bhad\s+(?:\w+ly\s+)?\w+(?:ed|en|t|ne|wn)\b", re.I)


def _earlier_aside(facts) -> bool:
    """Is the sentence's own day that of an earlier happening told in an aside (see ASIDE_BEFORE)?"""
    d = facts.own_date
    return bool(ASIDE_BEFORE.search(facts.text, max(0, d.start - 20), d.start) and PLUPERFECT_AFTER.match(facts.text, d.end))
def _surnames(a) -> list[str]:
    """The words a person named in full is found again by: the last ("Pavel said"), and the first where the
    family name comes first (``actors.yaml`` ``family_name_first``: "Li Hui" → "Li sat down with …")."""
    names = [w for w in a.text.split() if w[:1].isupper()]
    first = [names[0]] if len(names) > 1 and a.actor in actor_lexicon().family_first else []
    return [a.text.split()[-1], *first]
SPEAKING_INTRO = re.compile(r"^\s*(?:Speaking|Addressing|Talking|Briefing|Writing)\b[^,;:.]{0,80},")


# "In Moscow, the Defense Ministry said its forces had…": a leading place that only seats the speaker
SEAT_INTRO = re.compile(r"^\s*In\s+[^,;.]{2,30},\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}?(?:ministry|government|Kremlin|"
                        r"Pentagon|officials?|spokes(?:man|woman|person)|authorities|military|army|command)\b"
                        r"[^,;.]{0,40}?\b(?:said|says|announced|reported|claimed|stated)\b", re.I)


def speaker_seats(facts: SentenceFacts, places: list[PlaceMention] | None = None) -> list[PlaceMention]:
    """The places (of ``places``, by default the sentence's located places) named right after a speaker's
    institution, or in a leading "Speaking to journalists in Geneva," or "In Moscow, the ministry said"
    clause: where the speaker sits, so neither the event's place nor "the city" of later sentences."""
    intro = SPEAKING_INTRO.match(facts.text) or SEAT_INTRO.match(facts.text)
    end = intro.end() if intro else -1
    return [p for p in (facts.located_places if places is None else places)
            if p.start < end or _after_in(facts.text, p.start) and SEAT_BEFORE.search(facts.text, 0, p.start)]


def _after_in(text: str, start: int) -> bool:
    """Could ``SEAT_BEFORE`` end at ``start``: does "in" and a space come right before it? Why: the search
    runs from the sentence's start to each place, and most places follow no "in"; a letter that folds
    case otherwise than ``lower`` says ("İn") is left to the search."""
    end = start
    while end > 0 and text[end - 1].isspace():   # ``\s`` and ``str.isspace`` agree
        end -= 1
    word = text[max(0, end - 2):end]
    return end < start and (word.lower() == "in" or not word.isascii())


# A live blog's entry stamp standing as a heading of its own: "12.38pm BST", "08:10", "Updated 10:55 CET".
STAMP_HEADING = re.compile(r"^\s*(?:updated:?\s+)?\d{1,2}[.:]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5})?\s*$", re.I)


def entry_sections(article: Article) -> frozenset[str]:
    """The sections that open a live-blog entry: a stamp heading, and the title heading right after it.
    Why: entries are separate posts, often in reverse order; the day one entry names ("Putin flew in on
    Monday night") is not the day of the next entry's happening."""
    out, after_stamp = set(), False
    for block in article.blocks:
        if block.kind != "heading":
            after_stamp = False
            continue
        if STAMP_HEADING.match(block.text):
            out.add(block.text)
            after_stamp = True
        elif after_stamp:
            out.add(block.text)
            after_stamp = False
    return frozenset(out)


def heading_dates(article: Article) -> dict[str, DateMention]:
    """Heading text → the day its heading names ("Sunday, 24 August 2025"), for headings that name one."""
    headings: dict[str, DateMention] = {}
    for block in article.blocks:
        if block.kind == "heading":
            found = [m for m in dates_mod.find_dates(block.text, article.published) if m.precision == "day"]
            if found:
                headings[block.text] = found[0]
    return headings


@dataclass(slots=True)
class ArticleContext:
    """What one article has established so far; see the module docstring for who reads what."""

    article_id: str
    published: dt.date
    timezone: str
    perspective: str | None                      # the article's own side: the country of its time zone
    headings: dict[str, DateMention] = field(default_factory=dict)   # heading text → the day it names
    entries: frozenset[str] = frozenset()        # headings that open a live-blog entry (``entry_sections``)
    # the cursor: where the current pass has got to
    section: str | None = None
    paragraph: int | None = None
    # reading: for the extractors of the next sentence
    story_day: dt.date | None = None             # the last day a sentence gave, or a new section's heading's
    # the story's day, set in an earlier section, is not its lead's day: it still anchors "the same day", but
    # a sentence of this section that names no day stands in the publication day ("Other allies step up"
    # after "…signed into law on Wednesday"); the lead's own day holds for the whole story
    day_inherited: bool = False
    first_day: dt.date | None = None             # the first day the story's sentences gave: its lead's day
    city_names: list[str] = field(default_factory=list)   # cities named so far, in order of first mention
    city_names_seen: set[str] = field(default_factory=set)   # the same, as a set
    region_names: list[str] = field(default_factory=list)  # regions named so far, or holding a city named, latest last
    people: set[str] = field(default_factory=set)          # surnames of the persons named so far
    # the side of each official the story named in full, by surname: "President Petr Pavel" makes a later
    # "Pavel said" the Czech president's, though the lexicon lists only his full name
    sides_by_surname: dict[str, tuple[str, str]] = field(default_factory=dict)
    villages: set[str] = field(default_factory=set)        # villages placed so far that no list holds
    last_person: tuple | None = None             # (side, name) of the last official named acting: who "He" is
    in_entry: bool = False                       # the paragraph opens with a live-blog stamp ("09:05 — …")
    topic: str | None = None                     # the category of the last sentence of the section with a happening
    # consolidation: for the event builder
    section_date: DateMention | None = None      # the section's heading's day
    paragraph_date: DateMention | None = None    # the last day-precision date given in this paragraph
    story_date: DateMention | None = None        # the last day-precision date given in this section
    # the day of the blow that sentence told apart from its own day ("crews dug on Wednesday, a day after the
    # raids"): the later sentences' blows with no day of their own are that night's, not Wednesday's
    blow_date: DateMention | None = None
    blow_sentence: int | None = None
    paragraph_place: PlaceMention | None = None  # the last place named in this paragraph
    section_place: PlaceMention | None = None    # the place a section's heading names ("… in Kherson region")
    heading_texts: frozenset[str] = frozenset()  # every heading's text (not the title's)
    paragraph_category: str | None = None        # category of the last event this paragraph opened
    cities: list[PlaceMention] = field(default_factory=list)   # cities named as where, most recent last
    regions: list[PlaceMention] = field(default_factory=list)  # regions named as where, most recent last
    headline_weapons: list = field(default_factory=list)      # weapons the headline names ("Shahed hits …")

    @classmethod
    def of(cls, article: Article) -> ArticleContext:
        """The context of a ``reader.Article`` before its first sentence."""
        ctx = cls(article_id=article.article_id, published=article.published, timezone=article.timezone,
                  perspective=perspective_of(article.timezone), headings=heading_dates(article),
                  entries=entry_sections(article),
                  heading_texts=frozenset(b.text for b in article.blocks if b.kind == "heading"))
        ctx.take_headline(article.title or "")
        return ctx

    def take_headline(self, title: str) -> None:
        """The headline's places are the story's first places (CONTRACT §7): "Drones hit Odesa" makes "the
        port" of a body that never names the city again."""
        places = gazetteer().find(title)
        self.note_places(places)
        self.note_regions(places)
        self.headline_weapons = find_weapons(title)   # "Shahed hits high-rise": the lead strike's system

    def note_places(self, places: list[PlaceMention]) -> None:
        """Keep the cities and regions named as where something happened, most recent last, each list bounded
        by ``context.max_cities``: "the city" and "the region" of later sentences are the nearest of them."""
        bound = settings().context.max_cities
        # a list of regions ("hosted by the Penza, Tambov and Kaluga regions, with Stavropol Krai next") is no
        # new setting of the story: "the region" of the next sentence is still the one told before
        listed = len({p.place for p in places if p.kind == "region"}) >= 3
        for p in places:
            if p.kind in ("city", "district") or (p.kind == "facility" and p.city):
                name = p.city or p.place
                city = p if p.kind == "city" else (gazetteer().lookup(name) or p)
                self.cities = [c for c in self.cities[-bound:] if (c.city or c.place) != name] + [city]
            elif p.kind == "region" and not listed:
                self.regions = [r for r in self.regions[-bound:] if r.place != p.place] + [p]

    # -- reading ---------------------------------------------------------------------------------------

    def note_regions(self, places: list[PlaceMention]) -> None:
        """Keep the regions named, or holding a city named, latest last: the region a village many regions
        share a name with lies in ("…in Kharkiv region. … In Shevchenkove, …")."""
        for p in places:
            region = p.place if p.kind == "region" else p.admin1
            if region and (not self.region_names or self.region_names[-1] != region):
                self.region_names = [r for r in self.region_names if r != region][-settings().context.max_cities:]
                self.region_names.append(region)

    @property
    def recent_city_names(self) -> list[str]:
        """The latest ``context.max_cities`` city names, oldest first: where "Shevchenkivskyi" may lie."""
        return self.city_names[-settings().context.max_cities:]

    def begin_sentence(self, section: str) -> None:
        """Before a sentence's extractors run: a new section keeps the story's day for "the same day",
        unless its heading names one ("Monday, 25 August 2025") or it opens a live-blog entry."""
        if section != self.section:
            self.section = section
            self.topic = None
            self.day_inherited = self.story_day is not None and self.story_day != self.first_day
            if section in self.headings:
                self.story_day = self.headings[section].date
            elif section in self.entries:
                self.story_day = None   # a new live-blog entry: the publication day until it names one

    def after_sentence(self, facts: SentenceFacts) -> None:
        """Take in what a sentence established: its day ("On February 12, …" dates "a day earlier" in the
        next), whether its paragraph is a live-blog entry (set on ``facts`` too), the cities and people it names."""
        if facts.own_date is not None and facts.own_date.precision == "day" and not _earlier_aside(facts):
            self.story_day, self.day_inherited = facts.own_date.date, False
            self.first_day = self.first_day or self.story_day
        if facts.paragraph != self.paragraph:
            self.paragraph, self.in_entry = facts.paragraph, facts.stamp
        facts.in_entry = self.in_entry
        if facts.frames and not facts.background:
            self.topic = facts.frames[0].category
        for p in facts.places:
            name = p.city or (p.place if p.kind == "city" else None)
            if name and name not in self.city_names_seen:
                self.city_names_seen.add(name)
                self.city_names.append(name)
        self.note_regions(facts.places)
        self.villages.update(p.name for p in facts.places if p.kind == "city" and p.latitude is None)
        for a in facts.actors:
            if a.kind in ("titled", "person") and a.detail:
                self.people.add(a.detail.split()[-1])
                if a.actor and len(a.text.split()) > 1:
                    for surname in _surnames(a):
                        self.sides_by_surname.setdefault(POSSESSIVE_END.sub("", surname), (a.actor, a.detail))


    # -- consolidation ---------------------------------------------------------------------------------

    def restart(self) -> None:
        """Consolidation walks the article again from its first sentence."""
        self.section = self.paragraph = None
        self.last_person = None

    def note_blow(self, facts: SentenceFacts, date: DateMention | None) -> None:
        """An attack drafted from ``facts`` with ``date``: when that is not the sentence's own day, it is
        the story's blow day (``blow_date``)."""
        if date is not None and facts.own_date is not None and date.date != facts.own_date.date \
                and date.precision == "day":
            self.blow_date, self.blow_sentence = date, facts.index

    def leaves_paragraph(self, facts: SentenceFacts) -> bool:
        """Is ``facts`` the first sentence of another paragraph or section than the cursor's?"""
        return facts.paragraph != self.paragraph or facts.section != self.section

    def enter(self, facts: SentenceFacts) -> None:
        """Move the cursor to ``facts``: a new section takes its heading's day and forgets the last day
        given; a new paragraph forgets its predecessor's date, place and category — except that a
        stamped live-blog entry ("07:05 — …") is dated by its section's heading."""
        if facts.section != self.section:
            self.section = facts.section
            self.section_date = self.headings.get(facts.section)
            self.story_date = self.blow_date = None
            self.section_place = _heading_place(facts.section) if facts.section in self.heading_texts else None
        if facts.paragraph != self.paragraph:
            self.paragraph = facts.paragraph
            self.paragraph_date = self.section_date if facts.stamp else None
            self.paragraph_place = None
            self.paragraph_category = None

    def remember(self, facts: SentenceFacts) -> None:
        """After a sentence is consolidated: the day it gives dates the next ones, the city it names as
        where something happened is "the city" of the next ("Russian drones hit Kharkiv … the city's mayor"),
        and the official it names acting is who the next sentence's "He" is."""
        if facts.own_date is not None and facts.own_date.precision == "day" and not _earlier_aside(facts):
            self.paragraph_date = self.story_date = facts.own_date
            if self.blow_sentence != facts.index:
                self.blow_date = None
        seats = speaker_seats(facts)
        places = [p for p in facts.located_places if p not in seats]
        for p in places:
            if p.kind in ("city", "district") or (p.kind == "facility" and p.city):
                self.paragraph_place = p
        self.note_places(places)
        subject = next((a for a in facts.actors if a.kind in ("titled", "person") and a.actor
                        and a.role in ("subject", "speaker")), None)
        topic = next((a for a in facts.actors if a.kind in ("titled", "person") and a.actor
                      and TOPIC_BEFORE.match(facts.text[:a.start])), None)
        subject = subject or topic   # "It is Scholz's first trip to Kyiv since 2022. He pledged arms …"
        if subject is not None:   # the first official who acts or speaks: "He" of the next sentence
            self.last_person = (subject.actor, subject.detail)


# a sentence about one official: "It is Scholz's first trip …", "This was Macron's second visit …"
TOPIC_BEFORE = re.compile(r"^\W*(?:It|This|That)\s+(?:is|was|was\s+also|is\s+also|marks|marked)\s+(?:the\s+)?$")


def _heading_place(heading: str) -> PlaceMention | None:
    """The first city or region a section's heading names ("Both sides claim success in Kherson region"): where
    the section's happenings that name no place of their own took place (CONTRACT §7, the headline's rule)."""
    # a capital in a heading is mostly its government ("Kyiv reports gains in …"), not where ground changed hands
    return next((p for p in gazetteer().find(heading) if p.kind in ("city", "region", "district")
                 and not is_capital(p.place)), None)
