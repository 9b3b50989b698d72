"""Category triggers: what kind of happening a sentence describes (CONTRACT §3, §4).

Triggers live in ``data/categories.yaml``; each names a *kind* ("strike", "interception", "talks"…),
and the kind gives the category, ACLED event type and CAMEO code. The categories themselves, and the
``{vocabularies}`` a pattern may name, are the registry's (``analysis.registry``). A sentence may carry
several triggers: the heaviest decides, except that an interception whose weapon still did harm ("a drone
downed by air defences … blew up, damaging a transformer") is both an air-defence event and an attack.

Example::

    >>> [t.kind for t in classify("Air defences shot down 34 of the missiles.")]
    ['interception']
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from analysis import compiled
from analysis.lexicon import LexiconError, alternation, compile_pattern, load_yaml, require
from analysis.prefilter import PREFIX, initial_words, necessary_clauses, necessary_words
from analysis.registry import CATEGORIES, FILE, expand
from analysis.settings import settings


@dataclass(frozen=True, slots=True)
class Trigger:
    start: int
    end: int
    text: str
    kind: str
    category: str
    weight: int
    opens: bool
    requires_weapon: bool = False   # an aid verb counts only with a weapon after it ("send 31 Abrams")
    # a category the story must be telling of, its last sentence with a happening in it: "Ottawa chipped in with
    # 200 million euros" is military support after a sentence about arms bought for Kyiv, nothing on its own
    requires_topic: str | None = None


@dataclass(frozen=True)
class TriggerLexicon:
    triggers: tuple            # (compiled pattern, kind, weight, opens, requires_weapon, requires_topic)
    by_prefix: dict            # a word start ``opener`` finds -> (indexes of the triggers it opens, bits of
                               # the clause sets it holds a word of, bits of the triggers it may begin)
    opener: re.Pattern         # the longest known word start at each word start of a lower-case text
    always: tuple              # indexes of triggers with no literal word to look for
    clauses: tuple             # per trigger, its necessary clauses as bit masks of sets, or None: no test
    anywhere: tuple            # per trigger, True when a match may begin at any word (no first words known)
    kinds: dict                # kind -> {category, event_type, sub_event_type, cameo_code}
    impact: re.Pattern
    nationwide: re.Pattern
    effects: tuple             # (effect, compiled pattern)


def _trigger_patterns(data: dict, kinds: dict) -> list[str]:
    """Each trigger's pattern with its ``{vocabulary}`` placeholders expanded, after checking its kind."""
    patterns = []
    for i, t in enumerate(data["triggers"]):
        require(t, FILE, f"triggers[{i}]", "kind", "weight", "opens", "pattern")
        if t["kind"] not in kinds:
            raise LexiconError(FILE, f"triggers[{i}]", f"names unknown kind {t['kind']!r} — use one of {', '.join(kinds)}")
        patterns.append(expand(t["pattern"], f"triggers[{i}]"))
    return patterns


@functools.cache
def lexicon() -> TriggerLexicon:
    """Load ``categories.yaml``'s triggers once and check every trigger names a known kind and category."""
    data = require(load_yaml(FILE), FILE, "top level", "triggers", "kinds", "impact_after_interception",
                   "nationwide", "effects")
    kinds = data["kinds"]
    for kind, spec in kinds.items():
        if require(spec, FILE, f"kinds.{kind}", "category")["category"] not in CATEGORIES:
            raise LexiconError(FILE, f"kinds.{kind}", f"unknown category {spec.get('category')!r} — use one of "
                                                      f"{', '.join(CATEGORIES)}")
    patterns = _trigger_patterns(data, kinds)
    triggers = []
    for i, (t, pattern) in enumerate(zip(data["triggers"], patterns)):
        compiled = compile_pattern(r"(?<![\w-])(?:" + pattern + r")(?![\w])", FILE, f"triggers[{i}]", re.I)
        topic = t.get("requires_topic")
        if topic is not None and topic not in CATEGORIES:
            raise LexiconError(FILE, f"triggers[{i}]", f"requires_topic {topic!r} is no category — use one of {', '.join(CATEGORIES)}")
        triggers.append((compiled, t["kind"], int(t["weight"]), bool(t["opens"]), bool(t.get("requires_weapon")), topic))
    by_prefix: dict[str, set[int]] = {}
    always = []
    for i, pattern in enumerate(patterns):
        stems = necessary_words(pattern, re.I) or _stems(pattern)
        if not stems:
            always.append(i)
        for stem in stems or ():
            by_prefix.setdefault(stem[:PREFIX], set()).add(i)
    effects = tuple((name, compile_pattern(r"\b" + pat + r"\b", FILE, f"effects.{name}", re.I))
                    for name, pat in data["effects"].items())
    clause_masks, opened, opener, anywhere = _clause_index(patterns, by_prefix)
    return TriggerLexicon(tuple(triggers), opened, opener, tuple(always), clause_masks, anywhere, kinds,
                          compile_pattern(r"\b" + data["impact_after_interception"] + r"\b", FILE,
                                          "impact_after_interception", re.I),
                          compile_pattern(r"\b" + data["nationwide"] + r"\b", FILE, "nationwide", re.I), effects)


# "its pledge not to hit energy facilities", "did not strike": no attack happened.
NEGATION = re.compile(r"\b(?:not to|not|never|n['’]t|no longer|no|any|stop|cease|halt|since|no reports? of|no (?:sign|signs|word|indication) of|refrain from|refrained from|ban on|pledge to stop"
                      r"|anticipate|anticipates|anticipated|anticipating|brace for|bracing for"
                      r"|potential|possible|threat of|risk of|fear of|fears of|warned of|warning of|plans? to|would"
                      # "Moscow should consider using a nuclear device": advice, not a blow
                      r"|should|ought to|consider|considering"
                      # "will negotiate only after Russian forces withdraw": a condition, not a happening
                      r"|only after|only once|only when|unless|until"
                      r"|preparing|prepare|prepares|planning|plotting|accus\w+ \w+ of (?:preparing|planning)"
                      r"|let|lets|allow|allows|allowing|allowed|permit|permits|permission to|blessing to"
                      # "whose troops may need only days to hit the frontier", "which had rarely been targeted",
                      # "help protect Ukrainians from Russian strikes": a capacity, a rarity, a defence against
                      r"|can|could|may|might|rarely|seldom|from)"
                      r"\s+(?:[\w-]+\s+){0,2}$"
                      # "which said neither region had been hit", "none of the buildings was struck"
                      r"|\b(?:neither|none of)\s+(?:[\w-]+\s+){0,4}$", re.I)
# "Poland will examine whether it can shoot down Russian missiles": a possibility, not an interception.
HYPOTHETICAL = re.compile(r"\b(?:whether|if)\s+(?:[\w-]+\s+){0,3}(?:can|could|would|will|might|may)\s+(?:[\w-]+\s+){0,1}$"
                          r"|\b(?:could|might|would|may)\s+(?:be able to\s+|also\s+)?$", re.I)
# "Russia's Defence Ministry denied carrying out the strike", "denied that Zaporizke and Novogeorgiivka were
# entirely in Russian hands": a denial reports no new happening.
DENIAL = re.compile(r"\b(?:denied|denies|deny|denying|refuted|disputed|dismissed claims)\s+(?:that\s+)?(?:[\w-]+\s+){0,4}$", re.I)
# "Germany had refused to send lethal weapons": no delivery (a promise, "would send", still is one).
# "Kyiv's allies must stop hesitating and deliver the jets now": a demand, not a delivery
REFUSAL = re.compile(r"\b(?:refused|refuses|refusing|declined|declines|ruled out|rules out|not(?!\s+only)|never|n['’]t|no longer"
                     # "will take another look at whether to provide arms": a question still open
                     r"|whether|if"
                     # "Germany would consider sending Taurus missiles if its allies agreed": an option weighed
                     r"|(?:would|could|might|may)\s+(?:consider|weigh|look\s+at|think\s+about)|considering|weighing"
                     r"|must|should|ought to|need to|needs to)"
                     r"\s+(?:to\s+)?(?:[\w-]+\s+){0,2}(?:(?:and|to)\s+)?$", re.I)
# "When Russia hits our schools …", "every time they shell the city …": a present-tense blow after "when"/"whenever"
# tells what happens in general, not a happening of the news window.
GENERIC_WHEN = re.compile(r"\b(?:when|whenever|every time|each time|if)\s+(?:[\w’'-]+\s+){0,3}$", re.I)
# "Because a Ukrainian counteroffensive is expected there": a blow foreseen, not one that happened
# (the blow's target may come between: "An assault on Kherson is imminent")
EXPECTED_AFTER = re.compile(r"(?:\s+(?:on|against)\s+(?:the\s+)?(?-i:[A-Z])[\w’'-]+(?:\s+(?-i:[A-Z])[\w’'-]+)?)?"
                            r"\s+(?:is|are|was|were)\s+(?:widely\s+|still\s+)?(?:expected|anticipated|feared|planned|"
                            r"likely|possible|imminent|looming)\b", re.I)
# an analyst's forecast: "is likely to attempt", "are likely either to annex", "is expected to launch"
FORECAST_BEFORE = re.compile(r"(?:\b(?:is|are)\s+(?:\w+\s+)?(?:likely|unlikely|expected|poised|set|about)\s+(?:either\s+)?to\b"
                             # "Analysts expect Russia to launch a new offensive in the spring"
                             r"|\b(?:expect|expects|expected|predict|predicts|predicted|forecast|forecasts|warn|warns|warned|fear|"
                             r"fears|feared)\s+(?:that\s+)?(?:[\w’'-]+\s+){1,3}?(?:to|will|would|could|might)\s+)"
                             r"[^.;,]{0,40}$", re.I)
# "A drone attack on the plant would be catastrophic": a blow only imagined
HYPOTHETICAL_AFTER = re.compile(r"[^.;,]{0,60}?\b(?:would|could|might)\s+(?:be|have|cause|lead|result|mean|trigger|spark)\b", re.I)
FUTURE_BEFORE = re.compile(r"\b(?:will|would|shall|plans?\s+to|planning\s+to|intends?\s+to|going\s+to)\b[^.;,]{0,40}$", re.I)
GENERIC_PRESENT = re.compile(r"(?:hits|strikes|attacks|shells|targets|bombs|pounds)", re.I)
_LITERAL = re.compile(r"(?<!\\)[A-Za-z]{3,}(\?)?")
# Words too common to tell patterns apart; every trigger alternative also has a content word.
_FUNCTION_WORDS = frozenset("the and for with was were are has have had been that from into its this their".split())


def _stems(pattern: str) -> list[str] | None:
    """The literal words of a trigger pattern, one of which every match must contain ("attacks?" → "attack").

    The fallback of ``prefilter.necessary_words`` for the few patterns whose words it cannot prove (an
    alternative such as "F-16s"): each alternative of a trigger is made of literal words, so a sentence
    with none of their first letters cannot match it.
    """
    cleaned = re.sub(r"\\[a-zA-Z]|\[[^\]]*\]|\(\?[:!=<]+", " ", pattern)
    stems = []
    for m in _LITERAL.finditer(cleaned):
        word = m.group(0)[:-1] if m.group(1) else m.group(0)
        word = word[:-1] if cleaned[m.end():m.end() + 1] == "?" else word
        if len(word) >= 3 and word.lower() not in _FUNCTION_WORDS:
            stems.append(word.lower())
    return stems or None


def _clause_index(patterns: list[str], by_prefix: dict[str, set[int]]) -> tuple[tuple, dict, re.Pattern, tuple]:
    """Each trigger's ``prefilter.necessary_clauses`` as bit masks (one bit per distinct word set), every
    word start to look for with the triggers it opens and the bits of the sets it satisfies, and the
    pattern that finds them. Why bits: a sentence's words then satisfy a clause when ``clause & seen ==
    clause``, a few integer operations per candidate instead of set tests. Last, per trigger, whether its
    matches may begin anywhere (no ``prefilter.initial_words``): the others are tried only where one of
    their first words begins (``_matches``)."""
    clauses = [necessary_clauses(p, re.I) for p in patterns]
    clauses = [None if any(not clause for clause in c) else c for c in clauses]   # requires nothing more
    bit: dict[frozenset, int] = {}
    for c in filter(None, clauses):
        for clause in c:
            for word_set in clause:
                bit.setdefault(word_set, 1 << len(bit))
    masks = tuple(None if c is None else tuple(sum(bit[w] for w in clause) for clause in c) for c in clauses)
    initials = [initial_words(p, re.I) for p in patterns]
    vocabulary = set(by_prefix).union(*bit, *filter(None, initials))
    bits_of: dict[str, int] = {}
    for word_set, b in bit.items():
        for w in word_set:
            bits_of[w] = bits_of.get(w, 0) | b
    begun_by: dict[str, int] = {}
    for i, words in enumerate(initials):
        for w in words or ():
            begun_by[w] = begun_by.get(w, 0) | 1 << i
    index = {}
    for k in vocabulary:
        # a word that starts with "strike" also starts with "str": it opens its own starts' triggers too
        starts = [k[:n] for n in range(1, len(k) + 1)]
        opens = frozenset().union(*(by_prefix.get(s, ()) for s in starts))
        holds = begins = 0
        for s in starts:
            holds |= bits_of.get(s, 0)
            begins |= begun_by.get(s, 0)
        index[k] = (opens, holds, begins)
    anywhere = tuple(words is None for words in initials)
    return masks, index, compiled.compile(r"(?<![a-z])" + alternation(vocabulary)), anywhere


def candidates(text: str) -> set[int]:
    """Indexes of the triggers that may match the sentence: those with a necessary word (``prefilter``)
    that a word of the sentence starts with, and, for each set of one of their necessary clauses
    (``prefilter.necessary_clauses``: "said … false" needs both), a word of the sentence. Running only
    these is what keeps triggers cheap."""
    return _scan(text)[0]


def _scan(text: str) -> tuple[set[int], list[tuple[int, int]] | None]:
    """``candidates``, and the sentence's known word starts as (offset, bits of the triggers that may
    begin there), or None when the lower-case text cannot give offsets to trust (see ``_SPECIAL_CASE``)."""
    lex = lexicon()
    low = text.lower()
    found = set(lex.always)
    seen = 0
    words = []
    for m in lex.opener.finditer(low):
        opens, holds, begins = lex.by_prefix[m.group()]
        found |= opens
        seen |= holds
        if begins:   # a word that begins no trigger is no place to try one (``_matches``)
            words.append((m.start(), begins))
    found = _satisfied(found, seen, lex.clauses)
    trusted = len(low) == len(text) and not any(ch in low for ch in _SPECIAL_CASE)   # substring tests, no regex pass
    return found, words if trusted else None


def _satisfied(found: set[int], seen: int, clauses: tuple) -> set[int]:
    """The triggers of ``found`` one of whose clauses the sentence's word bits ``seen`` satisfy (or that
    have none). A plain loop: this runs for every candidate of every sentence, and a generator per
    candidate cost more than the bit tests themselves."""
    kept = set()
    for i in found:
        masks = clauses[i]
        if masks is None:
            kept.add(i)
            continue
        for c in masks:
            if c & seen == c:
                kept.add(i)
                break
    return kept


# Letters that a case-insensitive pattern matches as an ASCII letter although ``str.lower`` keeps them
# apart ("ı" as "i", "ſ" as "s"): in a sentence holding one, the word starts found in lower case are not
# every place a trigger may begin, and patterns are searched the plain way.
_SPECIAL_CASE = ("\u0131", "\u017f")


def _matches(index: int, text: str, words: list[tuple[int, int]] | None):
    """The matches of trigger ``index`` in ``text``, as ``finditer`` gives them. A trigger whose matches
    all begin with one of its first words (``prefilter.initial_words``) is tried only where one begins:
    no other offset can start a match, so trying those in order gives the same matches, without the
    regex running at every character of the sentence."""
    pattern = lexicon().triggers[index][0]
    if words is None or lexicon().anywhere[index]:
        yield from pattern.finditer(text)
        return
    bit, last = 1 << index, 0
    for start in [start for start, begins in words if begins & bit]:
        if start >= last:
            m = pattern.match(text, start)
            if m is not None:
                last = m.end()
                yield m


def find_triggers(text: str) -> list[Trigger]:
    """Every trigger in the sentence, overlapping ones included, sorted by position."""
    lex = lexicon()
    found = []
    indexes, words = _scan(text)
    for index in sorted(indexes):
        _, kind, weight, opens, requires_weapon, topic = lex.triggers[index]
        for m in _matches(index, text, words):
            found.append(Trigger(m.start(), m.end(), m.group(0), kind, lex.kinds[kind]["category"], weight, opens,
                                 requires_weapon, topic))
    found = [t for t in found if not _negated(t, text)]
    found.sort(key=lambda t: (t.start, -t.weight))
    return found


# "once the villages are back in Ukrainian hands" (a condition), "a day before it announced the capture of X"
# (a time reference to another happening)
BY_MEANS = re.compile(r"\b[Bb]y\s+$")
CONDITION_BEFORE = re.compile(r"\b(?:once|if|unless|until|should)\s+(?:[\w’'-]+\s+){0,5}$"
                              r"|\b(?:before|after)\s+(?:it|they|he|she|Moscow|Kyiv|Russia|Ukraine)\s+$", re.I)
# a blow the story told already, named as what a reaction followed: "after the strikes", "following the attack"
REFERENCE_BEFORE = re.compile(r"\b(?:after|following|over|in response to|in the wake of|(?:retaliat\w+|revenge|avenge\w*|"
                              r"punish\w*|payback|blam\w*\s+(?:\w+\s+){1,2}?)\s*for)\s+(?:the|these|those|this|that|"
                              r"(?:last|Saturday|Sunday|Monday|Tuesday|Wednesday|Thursday|Friday)(?:['’]s| night['’]s))\s+"
                              r"(?:(?:latest|overnight|massive|deadly|recent|missile|drone|Russian|Ukrainian)\s+){0,2}$", re.I)
JUDICIAL_BEFORE = re.compile(r"\b(?:sentenced|convicted|jailed|charged|indicted|tried|found guilty|guilty)\b[^.;]{0,80}?\b(?:for|of)\s+$",
                             re.I)
# a figurative blow or advance: "struck a deal", "a settlement struck today", "the sides had moved forward"
FIGURATIVE_AFTER = re.compile(r"\s+(?:(?:a|an|the|their|its|another|new)\s+)?(?:[\w-]+\s+)?(?:deal|agreement|bargain|"
                              r"balance|compromise|tone|note|chord|pact|accord|truce|partnership)s?(?![\w-])", re.I)
FIGURATIVE_BEFORE = re.compile(r"\b(?:deal|settlement|agreement|bargain|compromise|pact|accord|truce|sides|talks|"
                               r"negotiations|negotiators|process)\s+(?:(?:was|were|is|are|being|had|has|have)\s+)?"
                               # "the deal has to be struck between the two of them", "a truce could be struck"
                               r"(?:(?:(?:has|have|had|needs?|ought)\s+to|must|would|will|could|should|can|may|might)\s+be\s+)?$", re.I)
STRIKE_OR_ADVANCE = re.compile(r"(?:struck|strikes?|striking|moved\s+forward|moving\s+forward|moves\s+forward)$", re.I)
# something used as a weapon that is not one: "using food as a weapon", "weaponising energy"
AS_A_WEAPON = re.compile(r"\s+(?:[\w’'-]+\s+){1,3}?as\s+an?\s+(?:weapon|tool|lever|bargaining chip)\b", re.I)
ARGUED_VERBS = frozenset({"attacked", "attacks", "attack", "attacking", "shot down", "shoots down", "shoot down"})
# words attacked or shot down only in argument: "attacked the plan as unrealistic", "shot down the proposal",
# "came under fire from lawmakers"
ARGUED_AFTER = re.compile(r"\s+(?:(?:the|a|an|his|her|their|its|this|that|these|those|Kyiv['’]s|Moscow['’]s|Washington['’]s)\s+)?"
                          r"(?:[\w-]+\s+)?(?:plans?|proposals?|ideas?|bills?|motions?|decisions?|policy|policies|remarks|"
                          r"statements?|reports?|claims?|laws?|requests?|initiatives?|rumou?rs|criticism|suggestions?|"
                          r"comments?|speech|stance|approach|deal|offer|demands?)\b", re.I)
ARGUED_FROM = re.compile(r"\s+from\s+(?:[\w-]+\s+){0,2}?(?:lawmakers|critics|MPs|opposition|parliament|legislators|"
                         r"senators|members|allies|colleagues|voters|activists|media|the press|journalists)\b", re.I)
# an offensive told as stalled: "Moscow's offensive has ground almost to a halt across every front"
_PLACE_AFTER = r"(?:\s+(?:near|on|in|around|against|toward|towards|of)\s+(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+)?)?"
STALLED_AFTER = re.compile(_PLACE_AFTER + r"\s+(?:(?:has|have|had|is|are|was|were)\s+)?(?:\w+\s+)?(?:ground|come|slowed|"
                           r"grinding|grinds|coming)\s+(?:almost\s+|nearly\s+|virtually\s+|largely\s+)?to\s+a\s+"
                           r"(?:halt|standstill|crawl)"
                           r"|" + _PLACE_AFTER + r"\s+(?:(?:has|had|have)\s+)?(?:largely\s+|all\s+but\s+)?"
                           r"(?:stalled|faltered|petered\s+out)\b", re.I)
# what arms or help are for: "pleading for more weapons to hold off Russian troops advancing in the east and
# Moscow's deadly missile strikes" names the threat, not a new blow
DEFENCE_PURPOSE = re.compile(r"\bto\s+(?:help\s+)?(?:hold\s+off|fend\s+off|repel|counter|defend\s+(?:\w+\s+){0,2}against|"
                             r"protect\s+(?:\w+\s+){0,2}(?:against|from)|shield\s+(?:\w+\s+){0,2}from|ward\s+off|deter|"
                             r"withstand)\b[^.;:]{0,90}$", re.I)
MET_RESISTANCE = re.compile(r"\s+(?:with\s+)?(?:hardly\s+any|little|no|stiff|fierce|heavy|strong|much|some|scant|"
                            r"determined)\s+(?:resistance|fight|fighting|opposition)\b", re.I)
# an act warned against or only attempted: "cautioned Kyiv against trying to sabotage the emerging progress"
AGAINST_TRYING = re.compile(r"\bagainst\s+(?:any\s+)?(?:trying|attempting|attempts?|efforts?|plans?|moves?)\s+to\s+$", re.I)
# a sentence about sanctions whose blow is only a verb: "the new listings also hit suppliers in third countries"
ECONOMIC = re.compile(r"\b(?:sanctions?|blacklist\w*|listings?|asset freezes?|export (?:controls|bans|restrictions)|dual-use|"
                      r"tariffs?|(?:US|EU|new|economic|financial) measures|financial sector|entities)\b", re.I)
BARE_VERBS = frozenset({"hit", "hits", "hitting", "targeted", "targeting", "target", "targets", "struck", "strikes",
                        "advanced", "tightening"})


def _economic(t: Trigger, text: str) -> bool:
    """A bare verb of striking in a sentence about sanctions that names no weapon is the measures' reach."""
    return t.text.lower() in BARE_VERBS and bool(ECONOMIC.search(text)) and not _weapon_words().search(text)


@functools.lru_cache(maxsize=1)
def _weapon_words() -> re.Pattern:
    return re.compile(expand(r"\b(?:{weapon_nouns}|shelling|artillery|bombs?|airstrikes?)\b", "categories.weapon_words"), re.I)


# "had not violated", "did not enter": a happening of the "other" kind (an airspace violation, an arrest) denied
DENIED_OTHER = re.compile(r"\b(?:had|has|have|did|does|do|was|were)\s+(?:not|never)\s+(?:been\s+)?$", re.I)


def _told_before_as_done(text: str, t: Trigger) -> bool:
    """The blow has a doer and a past verb of its own before the modal ("Russia's strike on the dam, which
    could flood the region, …" is a told blow; "an attack on the plant would be catastrophic" is not)."""
    return bool(re.search(r"\b(?:has|have|had|was|were)\s+\w+ed\b", text[:t.start]))


# a participle used as an adjective: "residents of recently liberated Kherson", "in the newly recaptured town"
ADJECTIVE_BEFORE = re.compile(r"\b(?:of|in|to|from|into|across|around|for|the|a|an)\s+(?:recently\s+|newly\s+|freshly\s+|"
                              r"now\s+)?$", re.I)


def _negated(t: Trigger, text: str) -> bool:
    """An attack that is negated or denied ("pledged not to hit", "denied that its forces struck"), or an
    interception only wondered about ("whether air defences could shoot down"), or a delivery refused ("refused to
    send lethal weapons") is no happening."""
    w = settings().windows
    if FORECAST_BEFORE.search(text, max(0, t.start - 60), t.start):
        return True   # "Within weeks, Moscow is likely either to annex Kherson Oblast": an assessment of what may come
    if t.category == "attack" and GENERIC_PRESENT.fullmatch(t.text) and \
            GENERIC_WHEN.search(text[max(0, t.start - w.negation_before_trigger):t.start]):
        return True   # "When Russia hits our schools, it causes great pain": what happens in general
    if t.kind in ("capture", "recapture") and CONDITION_BEFORE.search(text, max(0, t.start - 60), t.start):
        return True   # "once the villages around Bakhmut are back in Ukrainian hands": a condition
    if t.category == "attack" and t.text.lower().startswith(("liberated", "recaptured")) and \
            ADJECTIVE_BEFORE.search(text, max(0, t.start - 30), t.start):
        return True   # "residents of recently liberated Kherson": the town's state, not a capture told
    if t.category == "attack" and REFERENCE_BEFORE.search(text, max(0, t.start - 30), t.start):
        return True   # "Trump called Putin 'absolutely crazy' after the strikes": the blows told before
    if t.category == "attack" and JUDICIAL_BEFORE.search(text, max(0, t.start - 100), t.start):
        return True   # "a court sentenced a Russian soldier to life in prison for killing a civilian": a trial
    if t.category == "attack" and STRIKE_OR_ADVANCE.match(t.text) and \
            (FIGURATIVE_AFTER.match(text, t.end) or FIGURATIVE_BEFORE.search(text, max(0, t.start - 40), t.start)):
        return True   # "the two leaders struck a deal", "a settlement struck today": no blow
    if t.category in ("attack", "air_defense") and t.text.lower() in ARGUED_VERBS and ARGUED_AFTER.match(text, t.end):
        return True   # "the Kremlin attacked the plan as unrealistic", "parliament shot down the proposal"
    if t.category == "attack" and AS_A_WEAPON.match(text, t.end):
        return True   # "accused Moscow of using food as a weapon": a figure of speech, not a blow
    if t.category == "attack" and t.text.lower().endswith("under fire") and ARGUED_FROM.match(text, t.end):
        return True   # "the minister came under fire from lawmakers"
    if t.category == "attack" and HYPOTHETICAL_AFTER.match(text, t.end) and not _told_before_as_done(text, t):
        return True   # "a drone attack on the plant would be catastrophic, the IAEA chief warned"
    if t.category == "attack" and DEFENCE_PURPOSE.search(text, max(0, t.start - 110), t.start):
        return True   # "more weapons to hold off … Moscow's deadly missile strikes": the threat arms are for
    if t.category == "diplomacy" and t.text.lower() in ("met", "meet", "meets", "meeting") and MET_RESISTANCE.match(text, t.end):
        return True   # "Russian units … having met hardly any fight there": no meeting
    if t.category == "attack" and STALLED_AFTER.match(text, t.end):
        return True   # "Moscow's offensive has ground almost to a halt": no new blow
    if t.category == "attack" and AGAINST_TRYING.search(text, max(0, t.start - 40), t.start):
        return True   # "cautioned Kyiv against trying to sabotage the progress": a warning, not a blow
    if t.category == "attack" and _economic(t, text):
        return True   # "The US measures hit Russia's financial sector": sanctions, not a blow
    if t.category == "other" and DENIED_OTHER.search(text, max(0, t.start - w.negation_before_trigger), t.start):
        return True   # "insisted they had not violated the airspace of any other country": a denial
    if t.category == "attack":
        return bool(NEGATION.search(text[max(0, t.start - w.negation_before_trigger):t.start])
                    or EXPECTED_AFTER.match(text, t.end)
                    # ground taken and denied is the other side's claim ("Ukraine's General Staff denied that
                    # Zaporizke and Novogeorgiivka were in Russian hands"): the claim stays, beside the denial
                    or t.kind != "capture" and DENIAL.search(text[max(0, t.start - w.denial_before_trigger):t.start]))
    if t.kind == "fortification":   # "Wagner would spend the next few days building defensive lines"
        return bool(FUTURE_BEFORE.search(text, max(0, t.start - 50), t.start))
    if t.kind == "aid" and BY_MEANS.search(text, max(0, t.start - 4), t.start) and t.text.split()[0].endswith("ing"):
        return True   # "By sending Kyiv modern tanks, Washington has stepped over a red line": the means of a charge
    if t.kind == "aid":
        return bool(REFUSAL.search(text[max(0, t.start - w.negation_before_trigger):t.start]))
    if t.category == "air_defense":
        return bool(HYPOTHETICAL.search(text[max(0, t.start - w.hypothetical_before_trigger):t.start]))
    return False


def classify(text: str, triggers: list[Trigger] | None = None) -> list[Trigger]:
    """The deciding trigger(s) of a sentence: none, one, interception + attack, or a claim + its denial."""
    triggers = find_triggers(text) if triggers is None else triggers
    if not triggers:
        return []
    if VERDICT_ON_THE_LAST.match(text):
        # "It was the deadliest single attack on the region in months": a verdict on the blow just told
        triggers = [t for t in triggers if t.category != "attack"]
        if not triggers:
            return []
    best = max(triggers, key=lambda t: (t.weight, -t.start))
    # at equal weight an interception decides over the launch told first ("Russia launched 183 drones …, and
    # 154 of them were shot down"): it then brings the launch along as the attack (below)
    best = next((t for t in triggers if best.kind == "strike" and t.kind == "interception"
                 and t.weight == best.weight and t.start > best.start), best)
    # and a blow heard or seen decides over the sirens that came with it ("air raid sirens sounded in Kyiv and
    # explosions were heard"): an alert is a warning, the blow is what happened
    best = next((t for t in triggers if best.kind == "alert" and t.category == "attack" and t.opens
                 and t.weight == best.weight), best)
    if not best.opens:
        # "Zelenskyy called the talks early steps in the right direction": talks already told open nothing,
        # but the statement about them is news of the same category
        best = max((t for t in triggers if t.opens and t.category == best.category),
                   key=lambda t: (t.weight, -t.start), default=best)
    outage = _outage_before_its_cause(text, best, triggers)
    if outage is not None:
        return [outage, best]
    chosen = [best]
    rebuttal = _rebuttal_after(text, best, triggers) or _denial_before(text, best, triggers)
    if rebuttal is not None:
        chosen.append(rebuttal)  # "Moscow said it had seized Toretsk, but Kyiv rejected the claim"
    if best.kind in GROUND_KINDS:
        chosen += _more_ground(triggers, chosen)
    chosen += _other_category_clauses(text, triggers, chosen)
    chosen += _another_donor(text, triggers, chosen)
    chosen += _another_statement(text, triggers, chosen)
    chosen += _meeting_before_it(text, triggers, chosen)
    if best.category == "air_defense" and best.kind == "interception":
        tail = text[best.end:]
        impact = lexicon().impact.search(tail)
        # …but no ground fight: "anti-aircraft troops repelled the attack" is the interception itself
        # nor the attack the interception stopped: "air defence forces repelled drone attacks on Bryansk,
        # Oryol and Kaluga oblasts" is the interception, its object no blow of its own
        launch = max((t for t in triggers if t.category == "attack" and t.weight >= 3 and t.opens
                      and t.kind not in GROUND_KINDS and not _object_of(best, t)),
                     key=lambda t: t.weight, default=None)
        if launch is not None:
            chosen.append(launch)  # "Ukraine had fired 10 cruise missiles…; seven were shot down"
        elif impact and impact.start() > 2:
            harm = Trigger(best.end + impact.start(), best.end + impact.end(), impact.group(0),
                           "strike", "attack", best.weight, True)
            if not _negated(harm, text):   # "… shot down, which said neither region had been hit"
                chosen.append(harm)
    return chosen


# "It was the heaviest bombardment of Kyiv in almost four months", "This is the first drone attack ever reported in
# Siberia": a sentence that ranks the blow the story has just told, opening none of its own
VERDICT_ON_THE_LAST = re.compile(r"\s*(?:It|This|That)\s+(?:was|is|marked|became|had been)\s+(?:the|Russia['’]s|Ukraine['’]s|"
                                 r"Moscow['’]s|Kyiv['’]s)\s+(?:single\s+)?(?:\w+est|first|second|third|fourth|fifth|"
                                 r"most\s+\w+|latest|largest|biggest)\s+(?:[\w-]+\s+){0,3}?(?:attacks?|strikes?|assaults?|"
                                 r"raids?|barrage|bombardment|shelling)\b", re.I)
# "… were left without power when a strike hit", "… have no electricity after Russia hit power plants"
CAUSE_BEFORE = re.compile(r"\b(?:after|when|following|as)\s+(?:[\w’'-]+\s+){0,4}$", re.I)


def _outage_before_its_cause(text: str, best: Trigger, triggers: list[Trigger]) -> Trigger | None:
    """An outage told as the sentence's news, with the strike that caused it in a clause after "after" or
    "when" ("Over a million homes have no electricity after Russia hit power plants"): the outage is a
    humanitarian happening of its own (CONTRACT §7), and the strike still opens its blow, which joins the one
    already told when it is the same."""
    if best.category != "attack" or not CAUSE_BEFORE.search(text, max(0, best.start - 40), best.start):
        return None
    outage = _first_of(triggers, lambda t: t.kind == "utilities" and t.end <= best.start)
    if outage is None:
        return None
    return replace(outage, opens=True, weight=best.weight)


def _first_of(triggers: list[Trigger], pred) -> Trigger | None:
    return next((t for t in triggers if pred(t)), None)


STOPPED_BLOW = re.compile(r"(?:attacks?|strikes?|raids?|assaults?)$", re.I)


def _object_of(interception: Trigger, t: Trigger) -> bool:
    """The blow an interception stopped, named as its object ("repelled drone attacks on Bryansk"), not a
    launch told beside it ("Of seven Shaheds Russia sent towards Mykolaiv, five were destroyed")."""
    return interception.start <= t.start <= interception.end + 2 and STOPPED_BLOW.search(t.text) is not None


# Categories of statements and deeds that one sentence often joins ("signed a security pact … and said
# military support would climb to £2.5bn"): each clause with its own decisive trigger is its own happening.
CLAUSE_CATEGORIES = frozenset({"diplomacy", "military_support", "humanitarian"})
CLAUSE_JOIN = re.compile(r",|;|\band\b|\bwhile\b")
# "a step that may help keep American military assistance flowing": a hoped-for effect, not a happening
HOPED_BEFORE = re.compile(r"\b(?:may|might|could|help|helps|hope|hopes|hoped|fear|fears|feared|keep|keeps|whether|if)\b"
                          r"(?:\s+[\w’'-]+){0,3}\s+$", re.I)


# "After difficult negotiations, 248 servicemen were brought back": talks as a circumstance, not a clause
CIRCUMSTANCE_BEFORE = re.compile(r"\b(?:after|following|before|during|amid|despite|through)\s+(?:[\w-]+\s+){0,2}$", re.I)


def _other_category_clauses(text: str, triggers: list[Trigger], chosen: list[Trigger]) -> list[Trigger]:
    """A decisive trigger (weight 4+) of another of ``CLAUSE_CATEGORIES`` than the chosen frames', in a
    clause of its own (a comma, "and" or "while" between them), is one more frame: "Sunak signed a
    security agreement with Ukraine and said British military support would climb to £2.5bn" is a deal
    (diplomacy) and a pledge (military support)."""
    if not all(c.category in CLAUSE_CATEGORIES for c in chosen):
        return []
    more: list[Trigger] = []
    for t in sorted(triggers, key=lambda t: (-t.weight, t.start)):
        taken = chosen + more
        # a meeting told first is the sentence's main clause ("Kishida held talks with Zelenskyy in Kyiv … and
        # said Tokyo will put $30 million …"): then a lighter trigger is enough
        leading = t.kind in ("talks", "meeting") and t.start < min(c.start for c in chosen) \
            and not CIRCUMSTANCE_BEFORE.search(text[max(0, t.start - 40):t.start])
        # an appeal in a clause of its own is told whole too: "…pledged more than a billion euros in military aid and
        # urged Moscow to drop its threats"
        leading = leading or t.kind == "appeal"
        if t.category not in CLAUSE_CATEGORIES or t.weight < (3 if leading else 4) or not t.opens \
                or any(t.category == c.category for c in taken) or _negated(t, text) \
                or HOPED_BEFORE.search(text[max(0, t.start - 40):t.start]):
            continue
        nearest = min(taken, key=lambda c: abs(c.start - t.start))
        lo, hi = sorted((nearest, t), key=lambda x: x.start)
        if lo.end <= hi.start and CLAUSE_JOIN.search(text[lo.end:hi.start]):
            more.append(t)
    return more


# "…, and Sweden said it was readying a fresh package": a clause of its own with a new, capitalised subject
# "…, and Sweden said …", "…; Germany promised …", "…, and in Paris with President Emmanuel Macron, who pledged …"
# "…, while Denmark and Norway committed armoured vehicles": two givers joined by "and"
DONOR_CLAUSE = re.compile(r"(?:,\s*and|,\s*while|,\s*whereas|;|\s+and)\s+(?:(?:in|at)\s+(?-i:[A-Z])[\w’'-]+\s+with\s+)?(?:the\s+)?"
                          r"(?-i:[A-Z])[\w’'-]+(?:\s+(?:and\s+)?(?-i:[A-Z])[\w’'-]+){0,3}(?:,\s+who)?\s+", re.I)


def _another_donor(text: str, triggers: list[Trigger], chosen: list[Trigger]) -> list[Trigger]:
    """A second pledge in a clause of its own with its own giver ("Canada offered C$20m for tank
    maintenance, and Sweden said it was readying a fresh package") is one more frame; ``events`` gives it
    the giver its clause names. So is a second measure ("Berlin put a new Russian gas pipeline on hold and
    London slapped sanctions on Russian banks")."""
    aid = next((c for c in chosen if c.kind in ("aid", "sanctions")), None)
    if aid is None:
        return []
    for t in triggers:
        if t.kind != aid.kind or t.weight < 3 or not t.opens or t in chosen or _negated(t, text):
            continue
        if t.start > aid.end and DONOR_CLAUSE.search(text, aid.end, t.start):
            return [t]
        # the other measure told first, in a clause of its own ("Berlin put … on hold … and London slapped …")
        if aid.kind == "sanctions" and t.end < aid.start and DONOR_CLAUSE.search(text, t.end, aid.start):
            return [t]
    return []


# "…, after receiving Volodymyr Zelenskyy in Istanbul", "…, after talks with Scholz in Berlin"
AFTER_BEFORE = re.compile(r"\bafter\s+$", re.I)


def _meeting_before_it(text: str, triggers: list[Trigger], chosen: list[Trigger]) -> list[Trigger]:
    """A meeting told in an "after …" clause of a sentence whose news is something else of diplomacy ("Erdogan
    on Friday offered to stage a peace summit …, after receiving Volodymyr Zelenskyy in Istanbul") is one more
    happening: the meeting, then what came of it."""
    if not any(c.category == "diplomacy" for c in chosen):
        return []
    return next(([t] for t in triggers if t.kind == "meeting" and t.opens and t not in chosen
                 and AFTER_BEFORE.search(text, max(0, t.start - 8), t.start)), [])


def _another_statement(text: str, triggers: list[Trigger], chosen: list[Trigger]) -> list[Trigger]:
    """A second judgement in a clause of its own with its own speaker ("Denise Brown … called it despicable,
    while the EU's diplomatic service described it as heinous") is one more statement; ``events`` gives it the
    speaker its clause names."""
    said = next((c for c in chosen if c.kind == "statement"), None)
    if said is None:
        return []
    return next(([t] for t in triggers if t.kind == "statement" and t.start > said.end and t.opens
                 and t not in chosen and DONOR_CLAUSE.search(text, said.end, t.start)), [])


# Kinds of the ground war: one sentence may tell several of them, each at its own place.
GROUND_KINDS = frozenset({"clash", "capture", "withdrawal", "recapture"})


def _more_ground(triggers: list[Trigger], chosen: list[Trigger]) -> list[Trigger]:
    """A front-line summary tells several happenings in one sentence ("stopped the Russians advancing near
    Borivske and fought off an assault on Lysychansk, but the occupiers managed to seize Mykolaivka"): every
    other ground trigger that opens an event, does not overlap one already chosen, is one more frame. The
    events module places each at the place its own phrase names."""
    more: list[Trigger] = []
    for t in triggers:
        if t.kind in GROUND_KINDS and t.opens and t.weight >= 3 and \
                not any(t.start < c.end and c.start < t.end for c in chosen + more):
            more.append(t)
    return more


# A denial verb of the other side's claim (CONTRACT §7) and the clause break before it.
DENIAL_WORDS = re.compile(r"(?:denied|denies|refuted|refutes|rebutted|rebuts|rejected|rejects|dismissed|disputed)\b"
                          r"|(?:said|says|saying|called|calls|calling) (?:this|it|that|the claims?|the reports?)\b.*"
                          r"\b(?:untrue|not true|false|a lie|lies|fake|groundless|baseless|nonsense|fiction)\b", re.I)
CLAUSE_BREAK = re.compile(r"(?:,\s*(?:but|while|whereas|although|though)|;|\bbut)\s+", re.I)


def clause_start(text: str, pos: int) -> int:
    """Where the clause holding ``pos`` begins: after the last ", but"/";"/"while" before it, else 0."""
    last = 0
    for m in CLAUSE_BREAK.finditer(text, 0, pos):
        last = m.end()
    return last


def _rebuttal_after(text: str, best: Trigger, triggers: list[Trigger]) -> Trigger | None:
    """A claim and its denial in one sentence ("Russia's Defence Ministry said its troops had seized Toretsk,
    but the Ukrainian military rejected the claim") are two happenings: the claim, and a statement by the side
    that denies. Returns the denial trigger when it follows the deciding one in a clause of its own."""
    if best.category == "diplomacy":
        return None
    for t in triggers:
        if t.start > best.end and t.category == "diplomacy" and DENIAL_WORDS.match(t.text) \
                and clause_start(text, t.start) > best.end:
            return t
    return None


def _denial_before(text: str, best: Trigger, triggers: list[Trigger]) -> Trigger | None:
    """The denial a claimed capture is the object of ("Kyiv denied that Zaporizke was in Russian hands"): the
    denying side's statement, beside the claim it denies."""
    if best.kind != "capture":
        return None
    w = settings().windows
    return next((t for t in triggers if t.category == "diplomacy" and t.end <= best.start
                 and DENIAL.search(text[max(0, best.start - w.denial_before_trigger):best.start])
                 and DENIAL_WORDS.match(t.text)), None)


def codes(kind: str) -> dict:
    """ACLED event type, sub-event type and CAMEO code of a trigger kind."""
    return lexicon().kinds[kind]


def effect_of(text: str) -> str | None:
    """What a sentence says happened to the places it names: fire, fatality, damage or strike."""
    for name, pattern in lexicon().effects:
        if pattern.search(text):
            return name
    return None


@functools.cache
def _repelled() -> re.Pattern:
    data = load_yaml(FILE)
    return compile_pattern(r"^" + data.get("repelled", r"(?!)"), FILE, "repelled", re.I)


def is_repelled(trigger: Trigger) -> bool:
    """A ground clash told as a failed assault ("fought off an assault on Lysychansk", "stopped the Russians
    advancing"): the side that assaulted is the attacker, not the side the sentence names as acting."""
    return trigger.kind == "clash" and bool(_repelled().match(trigger.text))


def is_nationwide(text: str) -> bool:
    """"Nationwide, Russia launched 206 drones…": the happening covers a country, not one city."""
    return bool(lexicon().nationwide.search(text))
