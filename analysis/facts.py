"""Per-sentence facts: every extractor run once over one sentence, results kept together.

The event builder never looks at raw text again; it reasons over these facts. Keeping them in one
object also lets the ``places`` and ``mentions`` tables be written from the same analysis.

The extractors are components (``SentenceExtractor``): each declares the field it assigns and the
fields it requires, and ``EXTRACTORS`` lists them in the order ``analyse`` runs them, checked once
on import. ``analyse`` then derives what needs several of them (actors' roles, the attacking side,
the category frames, the sentence's own date).

Example: for "Preliminary reports suggest that four Iskander ballistic missiles were launched toward
the capital." the facts hold one weapon mention (Iskander ballistic missile ×4), no date, no place.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from analysis import actors as actors_mod
from analysis import casualties as casualties_mod
from analysis import categories as categories_mod
from analysis import dates as dates_mod
from analysis import places as places_mod
from analysis import unlisted as unlisted_mod
from analysis import weapons as weapons_mod
from analysis.prefilter import Gate
from analysis.registry import expand
from analysis.settings import settings

if TYPE_CHECKING:
    from analysis.actors import ActorMention
    from analysis.casualties import CasualtyMention
    from analysis.categories import Trigger
    from analysis.context import ArticleContext
    from analysis.dates import DateMention, TimeMention
    from analysis.places import PlaceMention
    from analysis.weapons import WeaponMention

ATTACK_NOUNS = re.compile(expand(r"^[\s-]*(?:[\w-]+\s+){0,2}?(?:forces|troops|army|military|commanders|generals|shelling|{attack_nouns}|assault|"
                                 r"attacks|strikes|bombardments?|bombings?|barrages?|raids?|"
                                 # "Ukraine's counteroffensive kept up", "Moscow's eastern offensive", "Kyiv's incursion"
                                 r"(?:counter-?)?offensives?|incursions?|advances?|"
                                 r"{weapon_nouns}|bombs?|artillery|aircraft|jets|occupiers|invaders|soldiers|units)\b"
                                 # "a Russian military base", "Ukrainian army depots": a target, not the side that fires
                                 r"(?!\s+(?:base|bases|facility|facilities|airfield|airfields|depot|depots|installation|"
                                 r"installations|warehouse|warehouses|arsenal|arsenals|site|sites|headquarters|barracks|hospital|command post"
                                 # "according to British military intelligence": who reports, not who fights
                                 r"|intelligence|officials?|spokes\w*|analysts?|experts?|sources?|briefings?|assessments?|updates?))",
                                 "facts.ATTACK_NOUNS"), re.I)
MONTH_START = re.compile(r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)\s+\d", re.I)
DATELINE = re.compile(r"^\s*[A-Z][A-Z’'.\- ]+,\s*$")
DATELINE_PLACE = re.compile(r"^\s*[A-Z][A-Z’'.\- ]{2,},[^—–\n.!?]{0,70}[—–]\s*|^\s*[A-Z][A-Z’'.\- ]+,(?:\s*[A-Z][\w ]+)?(?:\s*\([^)]*\))?\s*[—–-]\s*|^\s*[A-Z][A-Z’'.\- ]+,\s*[\w ,.]{3,30}\d{4}\s*[—–-]\s*|^\s*[A-Z][A-Z’'.\- ]+,\s*[A-Z][a-z]+\.? \d{1,2}\.(?:\s+|$)")
# A dateline with the outlet in brackets, in any case and with any dash, spaced or not: "KHARKIV (Reuters)
# -Text", "Brussels (AFP) - The", "MOSCOW, Sept. 12 (Xinhua) -- Russian", "ODESA, Ukraine (AP) —"; and the
# "Kyiv • Outlet" line of a site's header. Either says where the report was filed, never where it happened.
DATELINE_CREDIT = re.compile(r"^\s*[A-Z][\w’'.\-]+(?: [A-Z][\w’'.\-]+){0,3}(?:,[^()\n!?]{1,40}?)?\s*"
                             r"\([^()\n]{1,40}\)\s*(?:—|–|--?|‑)\s*"
                             r"|^\s*[A-Z][\w’'.\-]+(?: [A-Z][\w’'.\-]+){0,3}(?:,[^•·\n]{1,40}?)?\s*[•·]\s*"
                             r"(?:[^•·\n—–]{1,40}?\s*[—–]+\s*|[^•·\n]{1,40}$)")
# Lines that credit the report, not a happening: "(Reporting by …; editing by …)", a byline, "Read also: …",
# an editor's "Note: ISW will cover reports published after the data cut-off …",
# "Reuters could not independently verify the reports" (as the sentence's main clause, within its first
# words: "…, a claim Reuters could not independently verify" still reports the claim).
CREDIT_LINE = re.compile(r"^\W*(?:(?:additional\s+)?(?:reporting|writing|editing|compiled|edited|written|translated)"
                         r"\s+by\b|(?:read|see)\s+(?:also|more)\b|related\s*:|(?:editor['’]s\s+)?note\s*:|by\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
                         r"\s*(?:$|[|•·])|(?:[\w.'’-]+\s+){1,5}(?:could\s+not|couldn['’]t|cannot|can['’]t|was\s+unable\s+to|"
                         r"were\s+unable\s+to|ha(?:s|ve)\s+not\s+been\s+able\s+to|did\s+not)\s+(?:immediately\s+)?"
                         r"independently\s+(?:verify|confirm)|(?:[\w.'’-]+\s+){1,4}(?:was|were)\s+unable\s+to\s+"
                         r"(?:check|verify|confirm)\b|(?:[\w.'’-]+\s+){1,4}(?:could\s+not|cannot)\s+be\s+"
                         r"independently\s+(?:verified|confirmed)"
                         # "WION makes every effort to report this fast-moving story accurately, but …"
                         r"|(?:[\w.'’-]+\s+){1,3}makes?\s+every\s+effort\s+to\s+report\b)", re.I)
# Background framing: what has gone on for a while, not a happening of the news window ("Russia has
# repeatedly struck the city since…", "The plant has come under repeated attack since the invasion began",
# "Kyiv uses them mainly to guard against…"). Read only where the sentence names no day of its own.
_LONG_SINCE = (r"since\s+(?:the\s+(?:start|beginning|outbreak)\s+of|(?:Russia['’]s\s+|the\s+)?(?:full-scale\s+)?"
               r"(?:invasion|war)\b|Russia\s+(?:began|launched|invaded)|(?:early\s+|late\s+)?\d{4}|"
               r"last\s+(?:year|summer|spring|autumn|fall|winter)|the\s+(?:special\s+military\s+operation))")
BACKGROUND = re.compile(r"\b(?:ha(?:s|ve|d)|ha['’]s)\s+(?:\w+\s+)?(?:repeatedly|regularly|routinely|frequently|often|"
                        r"constantly|periodically|increasingly)\b|\bha(?:s|ve)\s+\w+(?:ed|en|t)\b[^.;]{0,100}?\bfor\s+(?:years|months|decades)\b|\b(?:ever|more\s+and)\s+more\b|\b(?:is|are)\s+increasingly\s+\w+ed\b|\bthe\s+(?:war|invasion|full-scale\s+invasion|conflict)\s+ha(?:s|d)\s+(?:\w+\s+)?(?:displaced|killed|forced|driven|uprooted|left|destroyed|devastated)\b|\bha(?:s|ve|d)\s+long\s+(?!range\b)\w+(?:ed|en|t)\b|\b(?:ha(?:s|ve|d))\s+(?:come|been)\s+under\s+"
                        r"(?:repeated|regular|frequent|constant|persistent)\b|\b(?:repeatedly|regularly|routinely)\s+"
                        r"(?:\w+ed|hit|struck|shot|come|came|been)\b.{0,80}\bsince\b|\b(?:uses?|employs?|relies\s+on|rely\s+on)"
                        r"\s+(?:them|it|these|those)\s+(?:mainly|mostly|primarily|largely|chiefly)\b|\bha(?:s|ve)\s+been\s+"
                        r"(?:one|among)\s+(?:of\s+)?the\b|\bha(?:s|ve)\s+been\s+\w+ing\b.{0,80}\bfor\s+(?:weeks|months|years)"
                        # "After almost two months of Russian shelling, much of the port is rubble": a long spell
                        r"|^\W*(?:after|following|during)\s+(?:almost\s+|nearly\s+|more\s+than\s+|over\s+|some\s+)?"
                        r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many)\s+(?:weeks|months|years)\s+of\b"
                        r"|^\W*" + _LONG_SINCE + r"|\bha(?:s|ve)\s+(?!not\b)\w+(?:,?\s+[\w’'-]+){0,12}?,?\s+" + _LONG_SINCE
                        # what happens as a rule: "strikes settlements there every day", "is hit regularly",
                        # "on a regular basis", "within range of Russian artillery"
                        + r"|\b(?:strikes?|shells?|attacks?|hits?|bombs?|targets?|struck|shelled|attacked|hit)\b[^.;]{0,60}?"
                        r"\b(?:every|each)\s+(?:single\s+)?(?:day|night)\b|\bon\s+a\s+(?:daily|regular|nightly|near-daily)\s+basis\b"
                        r"|\b(?:is|are)\s+(?:hit|shelled|attacked|struck|targeted|bombed)\s+(?:almost\s+|nearly\s+)?"
                        r"(?:regularly|daily|frequently|often|constantly|every\s+day|(?:far\s+|much\s+)?(?:less|more)\s+often)\b|\b(?:is|are)\s+within\s+(?:the\s+)?range\s+of\b"
                        # "The Patriot is considered one of the most capable weapons for knocking down …": a description
                        r"|\b(?:is|are)\s+(?:widely\s+)?(?:considered|regarded\s+as|seen\s+as)\s+(?:one\s+of|among)\s+the\b"
                        # "Since Tuesday evening, 485 have been brought down": a running total over several days
                        r"|^\W*since\s+(?:last\s+|early\s+|late\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
                        # "Seoul has so far sent humanitarian aid to Ukraine": a running total, not a new act
                        r"|\bha(?:s|ve)\s+(?:so\s+far|to\s+date|thus\s+far|until\s+now)\s+\w+(?:ed|t|en)\b"
                        # "Russian forces also seized Chornobyl and Snake Island in the first days of the war"
                        r"|\bin\s+the\s+(?:first|opening|early|initial)\s+(?:days|weeks|months|hours|stages?|phase)\s+of\s+"
                        r"(?:the\s+|Russia['’]s\s+)?(?:full-scale\s+)?(?:war|invasion|conflict)\b"
                        # "The two sides last swapped 115 prisoners each on Aug. 24": the time before this one
                        r"|\b(?:last|previously)\s+(?:swapped|exchanged|traded|met|held|struck|attacked|visited|spoke)\b",
                        re.I)
BACKGROUND_GATE = Gate(BACKGROUND)   # skips the sentences without a word BACKGROUND needs (most of them)
# Ukrainian outlets label what is not news: "Background: …", "Reminder: …", "For reference: …"
BACKGROUND_LABEL = re.compile(r"\W*(?:Background|Context|Reminder|Recall|For reference|For context|Backstory)\s*:", re.I)
PREVIOUS_ONE = re.compile(r"\W*(?:the\s+)?(?:previous|last|prior|earlier)\s+(?:such\s+)?(?:repatriation|exchange|swap|handover|"
                          r"transfer|strike|attack|round)s?\s+(?:took|was|were|came|happened|occurred)\b", re.I)
# "the biggest attack since the invasion began": a superlative measures a new happening against the past
SUPERLATIVE_SINCE = re.compile(r"\b(?:\w+est|most|first|record)\b(?:\s+[\w-]+){0,6}?\s+since\b", re.I)
VESSEL_BEFORE = re.compile(r"\b(?:ship|submarine|cruiser|frigate|corvette|vessel|tanker|boat|flagship|destroyer|warship|tug)\s+(?:the\s+)?$", re.I)
OFFICIAL_AFTER = re.compile(r"(?:['’]s)?\s+(?:acting\s+|regional\s+|region(?:al)?\s+|oblast\s+|city(?:['’]s)?\s+|military\s+)*"
                            r"(?:governor|mayor|head|officials?|authorities|administration|military administration|police|"
                            r"prosecutors?|council)\b", re.I)
# A place named only by its kind ("the region", "the port", "the city"): short items name it in the headline
# or an earlier sentence; ``anaphora`` says which kind of place to take from the story (nearest named first).
ANAPHORA = re.compile(r"\b(?:the|that|this)\s+(region|oblast|province|port|city|capital|town|village|district)\b"
                      r"(?!['’]s?\s+(?:mayor|governor|head|authorities|administration))", re.I)
ANAPHORA_KIND = {"region": "region", "oblast": "region", "province": "region", "district": "district"}
# "Russia sent 36 drones", "Moscow launched …": the subject of a launch verb is the side that fires.
LAUNCHER_AFTER = re.compile(r"\s+(?:(?:has|had|have)\s+)?(?:\w+ly\s+)?(?:launched|fired|sent|unleashed|hurled)\s+"
                            r"(?:(?:about|around|some|at least|more than|over|nearly|almost)\s+)?\d", re.I)
# "36 drones launched by Ukraine were shot down": the side after "launched by" fired them
LAUNCHER_BEFORE = re.compile(r"\b(?:launched|fired|sent|released|unleashed)\s+by\s+(?:the\s+)?$", re.I)
# "According to Ukraine's military, …", "Citing the Russian Defence Ministry, …": a leading source clause names
# who reports, never who acted.
SOURCE_INTRO = re.compile(r"^\s*(?:According to|Citing|Quoting|As reported by|Per)\b[^,.;:]{1,90},", re.I)
# The subject of a passive measure ("Belarus, whose leader backs Moscow, will be targeted too", "the Kremlin's
# outlets will be outlawed") is what the measure falls on, not who takes it.
# So is an envoy summoned or handed a note ("Lithuania's chargé d'affaires in Moscow was summoned to the Foreign
# Ministry", "Russia's envoy was given a note by Lithuania's ministry").
PASSIVE_MEASURE_AFTER = re.compile(r"(?:['’]s)?(?:\s+[\w’'-]+){0,5}?(?:\s*,[^,;.]{0,100},)?\s+"
                                   r"(?:will|would|shall|is|are|was|were|has been|have been|had been)\s+"
                                   r"(?:(?:also|now|too|soon)\s+)?(?:be\s+)?(?:(?:also|too)\s+)?"
                                   r"(?:targeted|sanctioned|banned|outlawed|barred|blacklisted|punished|expelled|summoned|"
                                   r"(?:given|handed|presented with)\s+(?:a\s+)?(?:protest\s+|diplomatic\s+)?note)\b", re.I)
# "Speaking in Vilnius, where he was attending a summit, …", "Addressing the UN general assembly by video, …":
# a leading participle clause (and a where/who clause after it) before the subject.
PARTICIPLE_INTRO = re.compile(r"^\s*(?-i:[A-Z][a-z]+ing)\b[^,;:.]{0,120},(?:\s*(?:where|who|which|when|while)\b[^,;:.]{0,120},)?")
# A demonym before a military site names whose site it is ("a Russian military base", "Ukrainian army depots").
TARGET_NOUN_AFTER = re.compile(r"\s+(?:(?:military|army|air|naval|ammunition|fuel|oil)\s+)?(?:base|bases|airbase|airfield|"
                               r"airfields|depot|depots|arsenal|arsenals|installation|installations|barracks|headquarters|"
                               r"command post|boats?|ships?|vessels?|warships?|landing ships?|patrol boats?)\b", re.I)
ORIGIN_AROUND = re.compile(r"\bof\s+$", re.I)
ORIGIN_AFTER = re.compile(r"\s+(?:design|make|origin|manufacture|production)\b", re.I)
_COMPASS = (r"(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|"
            r"south-west)")
# "340km east of Kyiv", and with no distance "Yampil, which lies to the east of Sloviansk": a landmark measured from
DISTANCE_BEFORE = re.compile(r"(?:\b\d[\d,.]*\s*-?(?:km|kilometres|kilometers|miles|mi)\s+(?:\([^)]*\)\s+)?"
                             r"(?:" + _COMPASS + r"(?:ern)?\s+)?"
                             r"|\b(?:lies|lie|lying|located|situated|sits)\s+(?:just\s+|some\s+|about\s+)?(?:to\s+the\s+)?"
                             + _COMPASS + r"\s+)(?:of|from)\s+(?:the\s+)?$", re.I)
# Where weapons were launched from is not where they struck: "launching them from the Oryol and Bryansk
# regions, Millerovo and Primorsko-Akhtarsk", "drones launched from occupied Crimea", "fired from the Kursk region"
LAUNCHED_FROM = re.compile(r"\b(?:launch(?:ed|ing|es)?|fir(?:ed|ing)|took\s+off|taking\s+off|flying|flown|sent|released)"
                           # "launched 33 Shahed-131/136 drones from the direction of Kursk": what was launched between
                           r"(?:\s+(?!from\b)[\w/’'-]+){0,6}?\s+from\s+(?:the\s+)?(?:direction\s+of\s+(?:the\s+)?|"
                           r"territory\s+of\s+(?:the\s+)?|areas?\s+(?:of|near)\s+(?:the\s+)?|occupied\s+|temporarily\s+occupied\s+)?$",
                           re.I)
# between the places of a list of launch sites: "the Oryol and Bryansk regions, Millerovo and Primorsko-Akhtarsk"
# …, or the country or region holding them, and further sites of their own: "from Primorsko-Akhtarsk, Oryol and
# Bryansk in Russia and from Cape Chauda in temporarily occupied Crimea"
LAUNCH_LIST_GAP = re.compile(r"^\s*(?:regions?|oblasts?|areas?)?\s*(?:,\s*(?:and\s+)?|\s*and\s+|\s+in\s+)(?:from\s+)?(?:the\s+)?"
                             r"(?:(?-i:[A-Z])[\w’'-]+\s+){0,2}?(?:in\s+)?(?:temporarily\s+)?(?:occupied\s+)?$", re.I)
NIGHT_SPAN_OPEN = re.compile(r"\b(?:between|from)\b", re.I)
NIGHT_DAY_AFTER = re.compile(r"\s*(?:to|into|-|–|—|/)\s*(\d{1,2})\b(?!\s*(?:km|kilomet|miles|per|%|,\d))", re.I)
OVERNIGHT_GAP = re.compile(r"\s*(?:on\s+|of\s+)?")
NIGHT_WORD = re.compile(r"\b(?:overnight|night)\b", re.I)
NIGHT_RANGE = re.compile(r"\b(\d{1,2})\s*[-–/]\s*(\d{1,2})\b")
# "Russia sent 79 drones into Ukraine from 7.30pm on Saturday", "since 18:00 on March 1": an air force's night,
# told by the evening hour it began, is the night of the morning after
NIGHT_FROM_EVENING = re.compile(r"\b(?:from|since|starting(?:\s+(?:at|from))?|beginning(?:\s+at)?)\s+(?:about\s+|around\s+)?"
                                r"(?:(?:[6-9]|1[01])(?:[:.]\d\d)?\s*p\.?\s?m\.?|(?:1[89]|2[0-3])[:.]\d\d)"
                                r"\s*(?:\(?[A-Z]{2,4}\)?\s+|local time\s+|Kyiv time\s+)?(?:on\s+)?(?:the\s+)?$", re.I)
# "between late Thursday and the morning", "from Saturday evening until dawn": a night that ends the next morning
LATE_EVENING = re.compile(r"\b(?:late|evening|night)\b", re.I)
TO_MORNING = re.compile(r"(?:\s+(?:evening|night))?\s+(?:and|to|until|till|into)\s+(?:the\s+)?(?:early\s+)?"
                        r"(?:morning|dawn|daybreak|early\s+hours|small\s+hours)\b", re.I)
EVENING_TIME = re.compile(r"\b(?:[6-9]|1[01])(?:[:.]\d\d)?\s*p\.?\s?m\b|\b(?:1[89]|2[0-3])[:.]\d\d\b", re.I)
NIGHT_SPAN_JOIN = re.compile(r"(?:(?!\.\s)[^;])*?\b(?:and|to|until|till)\b", re.I)
NIGHT_SPAN_UNTIL = re.compile(r"(?:(?!\.\s)[^;])*?\b(?:until|till|into)\s+(?:the\s+)?(?:dawn|morning|daybreak|early\s+hours)\b", re.I)
CITY_ANAPHORA = re.compile(r"\b(?:the|that|this) (?:city|capital|town|village)\b(?!['’]s? (?:mayor|governor))", re.I)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence as the extractors read it: where it lies in the article, and its text (the part
    analysed, see ``pipeline.analysed_length``). ``start`` is its offset in the article."""

    index: int
    paragraph: int
    section: str
    start: int
    text: str


@dataclass(slots=True)
class SentenceFacts:
    """What one sentence says, offsets relative to the sentence (add ``start`` for article offsets)."""

    article_id: str
    index: int
    paragraph: int
    section: str
    start: int
    end: int
    text: str
    triggers: list[Trigger]
    frames: list[Trigger]             # the triggers that decide the sentence's category (``categories.classify``)
    dates: list[DateMention]
    times: list[TimeMention]
    places: list[PlaceMention]
    actors: list[ActorMention]
    weapons: list[WeaponMention]
    casualties: list[CasualtyMention]
    fatalities: int | None
    injuries: int | None
    stamp: bool = False
    own_date: DateMention | None = None   # the date the sentence's own words give (not future)
    attacker_side: set[str] = field(default_factory=set)   # actors named as the side that fired/attacked
    city_anaphora: bool = False
    in_entry: bool = False            # the paragraph is a live-blog entry ("09:05 — …")
    dateline_end: int = 0             # end of a leading dateline ("ODESA, Ukraine (Reuters) —"), 0 if none
    official_places: list[PlaceMention] = field(default_factory=list)  # places named only as an official's ("Kursk's governor")
    credit: bool = False              # a credit line ("(Reporting by …)", a byline, "Read also: …"): never an event
    background: bool = False          # background framing ("has repeatedly struck … since"): not a new happening
    anaphora: str | None = None       # "the region" → "region", "the port"/"the city" → "city": a place named earlier
    day: DateMention | None = None    # the day the sentence stands in (``_standing_day``), for a happening it leaves undated
    members: tuple[str, ...] = ()     # the donors a later sentence lists for the group this pledge names (``members``)
    members_from: SentenceFacts | None = None   # that later sentence, a mention of each donor's row

    @property
    def sentence_id(self) -> str:
        return f"{self.article_id}:{self.index}"

    @property
    def located_places(self) -> list[PlaceMention]:
        """Places that say where something happened: not a capital standing for its government ("Moscow
        calls it…"), not the dateline a report was filed from."""
        # The characters actors cover, as a set: one lookup per place instead of one test per place
        # and actor pair, which is quadratic on a sentence full of both.
        covered = {i for a in self.actors if a.role not in ("place", "target") for i in range(a.start, a.end)}
        return [p for p in self.places if p.start >= self.dateline_end
                and p.start not in covered and p.end - 1 not in covered]

    @property
    def time(self) -> TimeMention | None:
        """The event time the sentence gives: the first time that is not a live-blog post stamp."""
        return next((t for t in self.times if not t.stamp), None)


TOLL_UPDATE = re.compile(r"\b(?:death toll|toll|number of (?:people |those |civilians )?(?:killed|dead|deaths|injured|wounded|hurt))\b.{0,160}?\b(?:rose|risen|climbed|reached|increased|grew)\b", re.I)


def _quoted_relative(m: DateMention, text: str) -> bool:
    """A speaker's "yesterday" inside a quote ("Yesterday we took the decision…," she told the meeting) is
    the day before the statement, something said about the past, not the day of the happening the
    sentence reports (the statement); it would also carry over as the story's day to later sentences."""
    return m.kind == "relative" and dates_mod.in_quote(text, m.start, m.end)


def _night_span(usable: list[DateMention], text: str) -> DateMention | None:
    """The morning of a night told as a span ("between 11:20 p.m. on July 30 and 4:00 a.m. on July 31",
    "from the evening of May 5 to the morning of May 6"): a night is dated by its morning, as "overnight"
    is by the morning's report."""
    days = sorted((m for m in usable if m.precision == "day"), key=lambda m: m.start)
    for first, second in zip(days, days[1:]):
        # "Overnight Saturday," in Sunday's paper: the night that ended on Sunday morning
        if first.kind == "overnight" and second.kind == "weekday" and OVERNIGHT_GAP.fullmatch(text, first.end, second.start) \
                and (first.date - second.date).days == 1:
            return first
        if (second.date - first.date).days == 1 and NIGHT_SPAN_OPEN.search(text, max(0, first.start - 60), first.end) \
                and NIGHT_SPAN_JOIN.match(text, first.end, second.start):
            return second
        # "a wave launched late on August 15 … that went on until dawn on August 16"
        if (second.date - first.date).days == 1 and LATE_EVENING.search(text, max(0, first.start - 12), first.start) \
                and NIGHT_SPAN_UNTIL.match(text, first.end, second.start):
            return second
    for m in days:
        if NIGHT_FROM_EVENING.search(text, max(0, m.start - 40), m.start) and len(days) == 1:
            return dataclasses.replace(m, date=m.date + dt.timedelta(days=1))   # "from 7.30pm on Saturday"
        if m.kind != "overnight" and LATE_EVENING.search(text, max(0, m.start - 12), m.end) \
                and TO_MORNING.match(text, m.end) and len(days) == 1:
            return dataclasses.replace(m, date=m.date + dt.timedelta(days=1))   # "between late Thursday and the morning"
    for m in days:
        # "overnight on March 14 to 15", "on the night of 7-8 October": the second day is a bare number
        morning = (m.date + dt.timedelta(days=1)).day
        if not NIGHT_WORD.search(text, max(0, m.start - 40), m.end) or EVENING_TIME.search(text):
            continue   # "on the night of December 29-30, at about 11 p.m.": the evening, not the morning
        bare = NIGHT_DAY_AFTER.match(text, m.end)
        if bare and int(bare.group(1)) == morning:
            return dataclasses.replace(m, end=bare.end(), text=text[m.start:bare.end()],
                                       date=m.date + dt.timedelta(days=1))
        pair = NIGHT_RANGE.search(m.text)
        if pair and int(pair.group(1)) == m.date.day and int(pair.group(2)) == morning:
            return dataclasses.replace(m, date=m.date + dt.timedelta(days=1))
    return None


# Gates (``prefilter.Gate``) before the sentence-wide searches that most sentences cannot match
TOLL_UPDATE_GATE, CITY_ANAPHORA_GATE = Gate(TOLL_UPDATE), Gate(CITY_ANAPHORA)
PASSIVE_MEASURE_GATE = Gate(PASSIVE_MEASURE_AFTER)


def _own_date(mentions: list[DateMention], text: str = "", dateline_end: int = 0) -> DateMention | None:
    """The sentence's own date for the happening: not a dateline's filing date, and not the date a
    death toll was updated ("The death toll from … rose to 35 on Monday")."""
    usable = [m for m in mentions if not m.future and m.date is not None and m.start >= dateline_end
              and not dates_mod.another_days_date(m, text) and not _quoted_relative(m, text)]
    toll = TOLL_UPDATE_GATE.search(text)
    if toll:
        # only "Saturday's attack", or a date inside the toll's own phrase ("the number of people killed by
        # the bombing of the store on Saturday has risen to 18") — dates of the happening — survive an update
        usable = [m for m in usable if text[m.end:m.end + 2] in ("'s", "’s") or m.text.endswith(("'s", "’s"))
                  or toll.start() < m.start and m.end <= toll.end()]
    return (_night_span(usable, text) or dates_mod.best_date(usable)) if usable else None


def _standing_day(sentence: Sentence, ctx: ArticleContext, own: DateMention | None,
                  stamp: bool) -> DateMention | None:
    """The day a sentence that names none stands in, so its happenings are never left undated (CONTRACT
    §7): the sentence's own day, else the story's day so far, else the publication date — except that a
    live-blog entry opening with its stamp ("09:05 — …", "Updated 10:50 —") starts from its section's
    heading day ("Sunday, 3 July 2022") or the publication date, not from an earlier entry's "yesterday".
    The stamp itself is no event time; a day the entry names ("overnight", "on Saturday") comes first."""
    if own is not None:
        return own if own.precision == "day" else None
    heading = ctx.headings.get(sentence.section)
    entry_start = stamp and sentence.paragraph != ctx.paragraph
    day = (heading.date if heading else None) if entry_start or ctx.day_inherited else ctx.story_day
    day = day or (heading.date if heading else None) or ctx.published
    return dates_mod.DateMention(0, 0, "", day, "day", "context", False)


def _canonical_word(word: str | None) -> str | None:
    if not word:
        return None
    hit = actors_mod.lexicon().surface.get(word)
    return hit[0] if hit else None


# "Russian air defense systems intercepted …": the side that defends, not one that fired
AIR_DEFENCE_AFTER = re.compile(r"(?:['’]s)?\s+(?:air[- ]defen[cs]es?|anti-aircraft|air[- ]defen[cs]e\s+(?:systems|units|forces))\b", re.I)
# "According to the Telegram channel Baza", "the newspaper Kommersant": a medium's name, not a place
MEDIUM_BEFORE = re.compile(r"\b(?:Telegram\s+channel|channel|newspaper|news\s+outlet|outlet|news\s+agency|agency|website|"
                           r"broadcaster|portal|tabloid)\s+$", re.I)


def _real_places(text: str, places: list[PlaceMention], people: set[str]) -> list[PlaceMention]:
    """Drop what the gazetteer mistook for a place: a ship's name ("the landing ship Minsk"), a person's
    name seen earlier with a title ("Admiral Viktor Sokolov" … "showed Sokolov"), a modifier ("Kyiv-based"),
    and the sites weapons were launched from ("launching them from Millerovo and Primorsko-Akhtarsk")."""
    window = settings().windows.vessel_before_place
    kept, launch_end = [], None
    for p in places:
        if LAUNCHED_FROM.search(text, max(0, p.start - 90), p.start) or \
                (launch_end is not None and LAUNCH_LIST_GAP.match(text[launch_end:p.start])):
            launch_end = p.end
            continue   # a launch site ("launching them from Millerovo"): not where the weapons struck
        if VESSEL_BEFORE.search(text[max(0, p.start - window):p.start]) or p.text in people \
                or MEDIUM_BEFORE.search(text, max(0, p.start - 30), p.start):
            continue
        if text[p.end:p.end + 1] in "-‑" and text[p.end + 1:p.end + 2].islower():
            continue  # "Moscow-installed governor", "Kyiv-based": a modifier, not a place
        if DISTANCE_BEFORE.search(text, max(0, p.start - 50), p.start):
            continue  # "Poltava, about 340km east of Kyiv": a landmark to measure from, not where
        kept.append(p)
    return kept


def _split_officials(text: str, places: list[PlaceMention]) -> tuple[list[PlaceMention], list[PlaceMention]]:
    """Set apart the places that only say whose official speaks: "Kharkiv regional governor Oleh
    Syniehubov says…" names whose official, not where something happened."""
    kept, officials = [], []
    for p in places:
        (officials if OFFICIAL_AFTER.match(text, p.end) else kept).append(p)
    return kept, officials


def _dateline_end(text: str) -> int:
    """Where a leading dateline ("KYIV, 14 April 2025 —") ends, 0 if none: the place a report was filed
    from is not where it happened."""
    dateline = DATELINE_PLACE.match(text) or DATELINE_CREDIT.match(text)
    return dateline.end() if dateline else 0


def _anaphora(text: str, dateline_end: int) -> str | None:
    """The kind of place a sentence names only by its kind ("the governor said the region was hit" →
    "region"), so the event can take the nearest named place of that kind, the headline's included."""
    m = ANAPHORA.search(text, dateline_end)
    return ANAPHORA_KIND.get(m.group(1).lower(), "city") if m else None


def _background(text: str, dates: list[DateMention], dateline_end: int) -> bool:
    """Background, not a new happening: framed as going on for a while ("has repeatedly struck…",
    "has come under repeated attack since…", "uses them mainly to…") while naming no day of its own; a
    sentence that names its day ("on Monday", "overnight") reports a happening of the news window."""
    if BACKGROUND_LABEL.match(text, dateline_end):
        return True   # "Background: Kherson has been shelled every day since…": the outlet labels it so
    if PREVIOUS_ONE.match(text, dateline_end):
        return True   # "The previous repatriation took place on September 18": an earlier one, for comparison
    # the day test first: it needs no regex, and a sentence that names its day is no background anyway
    if any(m.precision == "day" and not m.future and m.start >= dateline_end
           and not m.text.lower().startswith("since") for m in dates):
        return False
    return bool(BACKGROUND_GATE.search(text)) and not SUPERLATIVE_SINCE.search(text)


# "Russia launched a special military operation in Ukraine on Feb. 24.": the war's start, told in a later report
WAR_BEGAN = re.compile(r"\b(?:launched|began|started|unleashed|opened)\s+(?:its|his|a|the)\s+(?:full-scale\s+|all-out\s+|"
                       r"large-scale\s+)?(?:invasion|special\s+military\s+operation)\b|\binvaded\s+Ukraine\b", re.I)
# "Russia, which launched its full-scale invasion …, denies …", "since Moscow launched …": a clause, the news elsewhere
WAR_BEGAN_CLAUSE = re.compile(r"\b(?:which|that|who|since|when|after|before|as)\b[^,;.]*$", re.I)
WAR_BEGAN_DAY = dt.date(2022, 2, 24)
WAR_NEWS_DAYS = 14   # reports of the first fortnight tell the start of the war as their news


WAR_BEGAN_GATE = Gate(WAR_BEGAN)   # most sentences name no invasion


def _war_began(text: str, dates: list[DateMention], published: dt.date) -> bool:
    """The start of the full-scale war, told as a sentence of its own in a report written weeks later, is
    background: the day it names (if any) is February 24, 2022, long before the news window."""
    began = WAR_BEGAN_GATE.search(text)
    if (published - WAR_BEGAN_DAY).days <= WAR_NEWS_DAYS or began is None \
            or WAR_BEGAN_CLAUSE.search(text, max(0, began.start() - 30), began.start()):
        return False
    return all(m.date is None or m.date <= WAR_BEGAN_DAY + dt.timedelta(days=1) for m in dates)


LONG_AGO_DAYS = 365   # a month or year that ended this long before the report is history, not its news
SUBORDINATE_BEFORE = re.compile(r",\s*(?:which|who|whose|where)\b[^,;]*$", re.I)
# "Ankara said the move violated international law, and it never accepted the seizure of Crimea in 2014": the
# saying is the news, the year only what it recalls
SAID_BEFORE = re.compile(r"\b(?:said|says|told|stated|declared|wrote|announced|insisted|recalled)\b", re.I)


def _period_end(m: DateMention) -> dt.date:
    if m.precision == "year":
        return dt.date(m.date.year, 12, 31)
    nxt = dt.date(m.date.year + (m.date.month == 12), m.date.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _long_ago(text: str, dates: list[DateMention], published: dt.date) -> bool:
    """A sentence dated only by a month or year that ended over a year before the report ("Ukraine's
    counteroffensive failed to break through in 2023", in a 2025 report) tells history: background. A date
    in a clause of its own ("…, which also never accepted Moscow's seizure of Crimea in 2014"), or after a
    verb of saying (the saying is the news), dates that clause only, and does not count."""
    dated = [m for m in dates if m.date is not None and not m.future
             and not SUBORDINATE_BEFORE.search(text, max(0, m.start - 80), m.start)
             and not SAID_BEFORE.search(text, 0, m.start)]
    return bool(dated) and all(m.kind == "absolute" and m.precision in ("month", "year")
                               and (published - _period_end(m)).days > LONG_AGO_DAYS for m in dated)


class SentenceExtractor(Protocol):
    """One extractor as a component: it reads a sentence's text (and the article context) and returns
    its mentions for one ``SentenceFacts`` field, ``assigns``; ``requires`` names the fields of earlier
    extractors it reads, as a spaCy component declares what it assigns and requires. A trigger that
    counts only with a weapon after it ("send 31 Abrams") requires the weapons."""

    name: str
    assigns: str
    requires: tuple[str, ...]

    def __call__(self, text: str, ctx: ArticleContext, found: Mapping[str, list]) -> list: ...


@dataclass(frozen=True, slots=True)
class Extractor:
    """A ``SentenceExtractor`` made of a function ``run(text, ctx, found)``."""

    name: str
    assigns: str
    requires: tuple[str, ...]
    run: Callable[[str, ArticleContext, Mapping[str, list]], list]

    def __call__(self, text: str, ctx: ArticleContext, found: Mapping[str, list]) -> list:
        return self.run(text, ctx, found)


def _places(text: str, ctx: ArticleContext, found: Mapping[str, list]) -> list[PlaceMention]:
    """The places the gazetteer finds, less ships' and people's names; ``analyse`` then sets apart those
    named only as an official's. The cities named so far choose the district an ambiguous name means."""
    found = places_mod.gazetteer().find(text, ctx.recent_city_names, ctx.region_names)
    found = sorted(found + unlisted_mod.unlisted(text, found, ctx.villages, ctx.people), key=lambda p: p.start)
    return [_region_around(text, p) for p in _real_places(text, found, ctx.people)]


# "Russian drones attacked the region around Kyiv", "the area surrounding Kharkiv": the city's region
REGION_AROUND = re.compile(r"\b(?:region|area|province|oblast)\s+(?:around|surrounding)\s+$", re.I)


def _region_around(text: str, p: PlaceMention) -> PlaceMention:
    """A city named as the centre of the region around it stands for that region."""
    if p.kind != "city" or not p.admin1 or not REGION_AROUND.search(text, max(0, p.start - 30), p.start):
        return p
    # Kyiv (and Sevastopol) are regions of their own: their region is the one named after them
    regions = (places_mod.gazetteer().lookup(name) for name in (p.admin1, f"{p.place} Oblast", f"{p.place} region"))
    region = next((r for r in regions if r is not None and r.kind == "region"), None)
    if region is None:
        return p
    return dataclasses.replace(region, start=p.start, end=p.end, text=p.text)


def _triggers(text: str, ctx: ArticleContext, found: Mapping[str, list]) -> list[Trigger]:
    """The sentence's triggers, less those that need a weapon after them and have none, those that need the
    story to be telling of their category and find it telling of another (``ArticleContext.topic``), and less a strike
    read in "sent … munitions to Russia": weapons sent to a country are a delivery, not a blow."""
    weapons = found["weapons"]
    return [t for t in categories_mod.find_triggers(text)
            if (t.requires_topic is None or t.requires_topic == ctx.topic)
            and (not t.requires_weapon or any(w.start >= t.end for w in weapons) or _weapons_given_by(text, t, weapons)
                or _weapons_of_a_relative(text, t, weapons))
            and not (t.kind == "strike" and SEND_VERB.fullmatch(t.text) and _sent_to_a_country(text, t.end))]


BY_AFTER = re.compile(r"\s+(?:jointly\s+)?by\b", re.I)


def _weapons_given_by(text: str, t: Trigger, weapons: list) -> bool:
    """"Leopard 2 tanks promised by Germany and Portugal": the weapons right before the verb, the givers
    after "by" (a reduced passive) — the weapon need not follow the verb."""
    return t.kind == "aid" and bool(BY_AFTER.match(text, t.end)) and any(0 <= t.start - w.end <= 2 for w in weapons)


RELATIVE_SUBJECT = re.compile(r"\s+(?:that|which)\s+(?:[\w’'-]+\s+){1,3}")


def _weapons_of_a_relative(text: str, t: Trigger, weapons: list) -> bool:
    """"62 of the 145 drones that Russia sent against Ukraine": the weapons the relative clause's verb sent
    stand before it."""
    return any(0 <= t.start - w.end <= 40 and RELATIVE_SUBJECT.fullmatch(text, w.end, t.start) for w in weapons)


SEND_VERB = re.compile(r"sent|send|sends|sending|shipped|ships|shipping", re.I)
SENT_TO = re.compile(r"[^.;]{0,120}?\bto\s+(?:the\s+)?([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)")


def _sent_to_a_country(text: str, start: int) -> bool:
    m = SENT_TO.match(text, start)
    if m is None:
        return False
    hit = actors_mod.lexicon().surface.get(m.group(1)) or actors_mod.lexicon().surface.get(m.group(1).split()[0])
    return bool(hit) and hit[1] == "name"


def _anchor(ctx: ArticleContext) -> dt.date:
    """The day "overnight", "yesterday" and "today" count from: a live blog's earlier day section
    ("Saturday, 2 July 2022") was written on that day, so its "overnight" is that day's night, not the
    publication's; elsewhere the publication date."""
    heading = ctx.headings.get(ctx.section) if ctx.section is not None else None
    if heading is not None and heading.date is not None and heading.date < ctx.published:
        return heading.date
    return ctx.published


# The extractors ``analyse`` runs, in this order; each finds what it requires in the fields before it.
EXTRACTORS: tuple[SentenceExtractor, ...] = (
    Extractor("dates", "dates", (), lambda text, ctx, found: dates_mod.find_dates(text, _anchor(ctx), ctx.story_day)),
    Extractor("times", "times", (), lambda text, ctx, found: dates_mod.find_times(text)),
    Extractor("actors", "actors", (), lambda text, ctx, found: actors_mod.find_actors(text, ctx.sides_by_surname)),
    Extractor("places", "places", (), _places),
    Extractor("weapons", "weapons", (), lambda text, ctx, found: weapons_mod.find_weapons(text)),
    Extractor("triggers", "triggers", ("weapons",), _triggers),
    Extractor("casualties", "casualties", (), lambda text, ctx, found: casualties_mod.find_casualties(text)),
)


def check_order(extractors: tuple[SentenceExtractor, ...]) -> None:
    """Raise ValueError unless every extractor assigns a field of its own that ``SentenceFacts`` has,
    and comes after the extractors of the fields it requires."""
    assigned: set[str] = set()
    for e in extractors:
        missing = [r for r in e.requires if r not in assigned]
        if missing:
            raise ValueError(f"extractor {e.name!r} requires {', '.join(missing)}, which no earlier extractor assigns")
        if e.assigns in assigned or e.assigns not in SentenceFacts.__dataclass_fields__:
            raise ValueError(f"extractor {e.name!r} assigns {e.assigns!r}: not a SentenceFacts field, or assigned twice")
        assigned.add(e.assigns)


check_order(EXTRACTORS)


def _possessive_role(text: str, a: ActorMention, place_starts: set[int], window: int) -> str:
    """"Russia's forces" acted; "Russia's Saratov oil refinery" and "Ukraine's cities" only say whose."""
    after = a.end + (2 if text[a.end:a.end + 2] in ("’s", "'s") else 1)
    while after < len(text) and text[after] == " ":
        after += 1
    if after in place_starts:
        return "owner"  # "Russia’s Saratov oil refinery": the target's owner, not an agent
    unit = actors_mod.lexicon().units.match(text[after:])
    if unit and text[after + unit.end():after + unit.end() + 1] == "-":
        unit = None  # "Ukraine's military-industrial complex": whose industry, not its military
    if not (ATTACK_NOUNS.match(text[after:after + window]) or unit or MONTH_START.match(text[after:])):
        return "owner"  # "Ukraine’s cities": whose, not who acted
    return a.role


def _roles(text: str, actors: list[ActorMention],
           places: list[PlaceMention]) -> tuple[list[ActorMention], set[str]]:
    """The actors with the roles the places around them correct, and the sides named as attacking
    ("Russian forces", "Ukraine's drones"). "KHARKIV, Ukraine (June 7, 2025) —": Ukraine is where, not who."""
    window = settings().windows.attack_noun_after_actor
    place_starts = {p.start for p in places}
    place_ends = {p.end for p in places}
    adjusted = []
    attacker_side = set()
    source = SOURCE_INTRO.match(text)
    source_end = source.end() if source else -1
    measured: list[tuple[int, int]] = []   # spans from a measure's passive subject to its verb
    measures = bool(actors) and PASSIVE_MEASURE_GATE.may_match(text)   # one test for all the actors
    for a in actors:
        role = _possessive_role(text, a, place_starts, window) if a.role == "possessive" else a.role
        if a.kind == "name" and (DATELINE.match(text, 0, a.start) or
                                 (a.start - 2 in place_ends and text[a.start - 2:a.start] in (", ", ",\u00a0"))):
            role = "place"  # "KHARKIV, Ukraine (June 7, 2025) —", "Kherson, Ukraine": where, not who
        # "in western Russia after a drone attack": the country where it happened is no side that fired
        if a.kind in ("demonym", "name", "capital") and a.actor and role != "place" \
                and not AIR_DEFENCE_AFTER.match(text, a.end) \
                and (ATTACK_NOUNS.match(text[a.end:a.end + window]) or LAUNCHER_AFTER.match(text, a.end)
                     or LAUNCHER_BEFORE.search(text, max(0, a.start - 30), a.start)):
            attacker_side.add(a.actor)
        if a.kind == "demonym" and TARGET_NOUN_AFTER.match(text, a.end):
            role = "target"  # "A Russian military base … has been hit": whose base was hit
        if any(s < a.start < e for s, e in measured):
            role = "modifier"   # "Belarus, whose President … backs Moscow, will be targeted": inside the subject
        elif measures and PASSIVE_MEASURE_AFTER.match(text, a.end):
            role = "recipient"  # "Belarus … will be targeted too, she said": the measure falls on it
            measured.append((a.end, PASSIVE_MEASURE_AFTER.match(text, a.end).end()))
        if a.start < source_end and role not in ("place", "modifier"):
            role = "speaker"  # "According to Ukraine's military, Russia launched …": the source, not the agent
        if a.kind == "demonym" and ORIGIN_AROUND.search(text[max(0, a.start - 4):a.start]) \
                and ORIGIN_AFTER.match(text, a.end):
            role = "modifier"  # "drones of Iranian design": where it was made, not who was hit
        if role != a.role:
            a = actors_mod.ActorMention(a.start, a.end, a.text, a.actor, a.kind, a.detail, role)
        adjusted.append(a)
    return _subject_first(text, adjusted), attacker_side


def _subject_first(text: str, actors: list[ActorMention]) -> list[ActorMention]:
    """The actors with those of a leading participle clause moved last. Why: in "Addressing the UN by video
    from Kyiv, Zelenskiy laid out …" or "Speaking in Vilnius, where he attended a summit of European leaders,
    Zelenskyy said …" the clause names a setting; who acts is the subject after it, and the rules that take
    the first actor named must see the subject first."""
    intro = PARTICIPLE_INTRO.match(text)
    if intro is None:
        return actors
    return [a for a in actors if a.start >= intro.end()] + [a for a in actors if a.start < intro.end()]


def _frames(text: str, triggers: list[Trigger], casualties: list[CasualtyMention],
            fatalities: int | None, injuries: int | None) -> list[Trigger]:
    """The triggers that decide the sentence's category; a sentence that reports deaths or injuries with
    no trigger of its own ("In the Kyiv region, four people were killed"), or only damage ("An industrial
    facility in the Poltava region was damaged and one person was wounded"), gets a weak strike frame."""
    frames = categories_mod.classify(text, triggers)
    if all(f.kind == "damage" for f in frames) and casualties and ((fatalities or 0) > 0 or (injuries or 0) > 0) \
            and not categories_mod.JUDICIAL_BEFORE.search(text, max(0, casualties[0].start - 100), casualties[0].start):
        c = casualties[0]
        frames = [categories_mod.Trigger(c.start, c.end, c.text, "strike", "attack", 1, False)]
    return frames


def analyse(sentence: Sentence, ctx: ArticleContext) -> SentenceFacts:
    """Run every extractor of ``EXTRACTORS`` over one sentence, then what needs several of them: the
    actors' roles, the attacking side, the category frames, the sentence's own date. ``ctx`` gives the
    publication date, the story's day so far ("a day earlier"), the cities and people named so far.

    "Russian forces struck Kharkiv overnight with drones, killing at least three people." → a strike
    trigger, Russia on the attacking side, Kharkiv, one weapon, three dead."""
    text = sentence.text
    found: dict[str, list] = {}
    for extractor in EXTRACTORS:
        found[extractor.assigns] = extractor(text, ctx, found)
    places, official_places = _split_officials(text, found["places"])
    dateline_end = _dateline_end(text)
    actors, attacker_side = _roles(text, found["actors"], places)
    # the outlet and the filing city of a dateline ("Brussels (AFP) -") name no one who acted
    actors = [a for a in actors if a.start >= dateline_end or a.role == "place"]
    attacker_side = {a.actor for a in actors if a.actor in attacker_side}
    for w in found["weapons"]:
        owner = _canonical_word(w.owner)
        if owner and "air defence" not in w.weapon:   # "Russian air defense systems" defend; they fire at no one
            attacker_side.add(owner)
    casualties = found["casualties"]
    fatalities, injuries = casualties_mod.totals(casualties)
    dates, times = found["dates"], found["times"]
    credit = bool(CREDIT_LINE.match(text))
    background = not credit and (_background(text, dates, dateline_end) or _war_began(text, dates, ctx.published)
                                 or _long_ago(text, dates, ctx.published))
    triggers = [] if credit else found["triggers"]
    frames = [] if credit or background else _frames(text, triggers, casualties, fatalities, injuries)
    if credit:
        places, official_places = [], []
    own = _own_date(dates, text, dateline_end)
    return SentenceFacts(
        article_id=ctx.article_id, index=sentence.index, paragraph=sentence.paragraph, section=sentence.section,
        start=sentence.start, end=sentence.start + len(text), text=text, triggers=triggers, frames=frames,
        dates=dates, times=times, places=places, actors=actors, weapons=found["weapons"],
        casualties=casualties, fatalities=fatalities, injuries=injuries, stamp=any(t.stamp for t in times),
        own_date=own, attacker_side=attacker_side,
        city_anaphora=bool(CITY_ANAPHORA_GATE.search(text)), dateline_end=dateline_end, official_places=official_places,
        credit=credit, background=background, anaphora=_anaphora(text, dateline_end),
        day=_standing_day(sentence, ctx, own, any(t.stamp for t in times)),
    )
