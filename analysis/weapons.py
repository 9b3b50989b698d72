"""Weapon mentions with their count, owner and what happened to them (launched, intercepted, supplied).

Events need ``weapon`` and ``weapon_count`` (CONTRACT §2), and §3 splits an interception from the
attack it answers, so each mention says whether the weapons were launched, intercepted or supplied:
"Russia launched 206 drones ... Air defence units shot down 87 of the drones, while electronic
warfare knocked out another 80" gives drone 206 launched, drone 87 intercepted, drone 80 intercepted.

A phrase is [count] [owner] [named system] [modifiers] head ("four Iskander ballistic missiles",
"57 Ukrainian drones", "the country's F-16s"); the vocabulary is ``data/weapons.yaml``. The role comes
from the nearest cue verb in the clause, shared by a coordinated list ("sent 48 Shahed drones, two
missiles and four guided bombs against Kharkiv"). All regexes are compiled once, on first use.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache, lru_cache, partial

from analysis import compiled
from analysis.lexicon import LexiconError, alternation, compile_pattern, load_yaml, require, words
from analysis.numbers import (NUMBER, NUMBER_STARTERS, NUMBER_WORDS, QUALIFIER, QUALIFIER_STARTERS, is_count_position,
                              parse_number)
from analysis.scan import candidate_starts, lower

__all__ = ["WeaponMention", "find_weapons", "weapon_operator", "CLASSES", "ROLES"]

CLASSES = ("drone", "missile", "bomb", "rocket", "artillery", "aircraft", "vehicle", "ammunition", "other")
ROLES = ("launched", "intercepted", "supplied", "mentioned")
_KEY_DROP = str.maketrans("", "", " \t\n\r-‐‑–’'")
_AERIAL = {"drone", "missile", "bomb", "rocket", "aircraft"}  # can be intercepted ("shot down")
_MUNITIONS = {"drone", "missile", "bomb", "rocket"}  # destroyed in flight is intercepted
_GENERIC_HEADS = {"system", "launcher", "battery", "weapon", "missile system", "air defence system"}
FILE = "weapons.yaml"
OPERATORS_FILE = "weapon_operators.yaml"
_SECTIONS = ("heads", "modifiers", "calibre", "systems", "fillers", "owners", "possessors", "origin_suffixes",
             "supply_suffixes", "followers", "roles", "ellipsis")
_WORD_LISTS = ("fillers", "owners", "possessors", "origin_suffixes", "supply_suffixes")
_CUE_ROLES = {"before": ("intercepted", "destroyed", "supplied", "launched", "attacked", "ambiguous"),
              "after_passive": ("intercepted", "destroyed", "launched", "supplied"),
              "after_active": ("intercepted", "destroyed", "launched", "supplied")}
_MAX_SPELLINGS = 16       # spellings per name: each separator may triple them ("Mirage 2000-5F"); bounds the regex
_CUE_BEFORE_CHARS = 60    # a cue verb this close before a phrase gives its role ("brought down 57 Ukrainian drones")
_CUE_AFTER_CHARS = 60     # … or a verb this close after it ("four Iskander-M ballistic missiles were launched")
_TARGET_AFTER_CHARS = 40  # "sent" is an attack with "against/at…" this close after the phrase
_WORD_BEFORE_CHARS = 30   # where the word before a head is looked for ("fuel tank": no weapon)


def _checked(data: dict) -> dict:
    """``weapons.yaml`` with every section and entry checked; a LexiconError names the first bad one."""
    require(data, FILE, None, *_SECTIONS)
    for kind in ("heads", "systems"):
        words(require(data[kind], FILE, kind), FILE, kind)
        for name, spec in data[kind].items():
            where = f"{kind}.{name}"
            require(spec, FILE, where, "class", *(("head",) if kind == "systems" else ()))
            if spec["class"] not in CLASSES:
                raise LexiconError(FILE, where, f"unknown weapon class {spec['class']!r}; "
                                                f"use one of {', '.join(CLASSES)}")
            for key in ("forms", "plural", "not_after", "models", "spellings"):
                if key in spec:
                    words(spec[key], FILE, f"{where}.{key}")
    for group in require(data["modifiers"], FILE, "modifiers", "kept", "dropped"):
        _word_lists(data["modifiers"][group], f"modifiers.{group}")
    compile_pattern(data["calibre"], FILE, "calibre")
    for key in _WORD_LISTS:
        words(data[key], FILE, key)
    for key in require(data["followers"], FILE, "followers", "adjunct", "drop"):
        words(data["followers"][key], FILE, f"followers.{key}")
    roles = require(data["roles"], FILE, "roles", *_CUE_ROLES, "attack_prepositions", "reduced_passive_next")
    for kind, allowed in _CUE_ROLES.items():
        unknown = [role for role in _word_lists(roles[kind], f"roles.{kind}") if role not in allowed]
        if unknown:
            raise LexiconError(FILE, f"roles.{kind}", f"unknown role {unknown[0]!r}; use one of {', '.join(allowed)}")
    require(roles["after_passive"], FILE, "roles.after_passive", "intercepted", "destroyed")   # "35 of them downed"
    for key in ("attack_prepositions", "reduced_passive_next"):
        words(roles[key], FILE, f"roles.{key}")
    for key in require(data["ellipsis"], FILE, "ellipsis", "before", "after_more", "next_words"):
        words(data["ellipsis"][key], FILE, f"ellipsis.{key}")
    return data


def _word_lists(value: object, entry: str) -> dict:
    """``value`` if it maps words to lists of words (``modifiers.kept``, ``roles.before``)."""
    words(require(value, FILE, entry), FILE, entry)
    for key, items in value.items():
        words(items, FILE, f"{entry}.{key}")
    return value


@dataclass(frozen=True, slots=True)
class WeaponMention:
    start: int
    end: int
    text: str
    weapon: str
    weapon_class: str
    count: int | None
    owner: str | None
    role: str


def is_munition(mention: "WeaponMention") -> bool:
    """A drone, missile, bomb or rocket: what is fired, unlike the aircraft that carry or the vehicles hit."""
    return mention.weapon_class in _MUNITIONS


def is_generic(mention: "WeaponMention") -> bool:
    """A bare head noun ("missile", "drones") rather than a named system ("Kh-22 cruise missile")."""
    return _key(mention.weapon) in _lexicon().heads


def _key(text: str) -> str:
    """Lookup key that ignores case, spaces, hyphens and apostrophes: "Iskander M" → "iskanderm"."""
    return text.translate(_KEY_DROP).lower()


def _variants(alias: str) -> set[str]:
    """Spellings of a system name: "Iskander-M" → "Iskander M", "KH-101" → "Kh101"/"KH-101" ...

    A space variant needs two letters before the separator ("A-50" has no "A 50", which would match
    "a 50-year-old"); a run-together variant needs a digit next to the separator ("Kh101", "F16").
    """
    parts = re.split(r"([\s-])", alias)
    words = parts[::2]
    choices = [sorted({sep, *(("-", " ") if len(words[i]) >= 2 else ()),
                       *(("",) if any(c.isdigit() for c in words[i][-1:] + words[i + 1][:1]) else ())})
               for i, sep in enumerate(parts[1::2])]
    spellings = (words[0] + "".join(s + w for s, w in zip(combo, words[1:]))
                 for combo in itertools.islice(itertools.product(*choices), _MAX_SPELLINGS))
    return {v for text in spellings for v in (text, text.upper())}


class _Lexicon:
    """weapons.yaml compiled: lookup tables and the regexes find_weapons() runs."""

    def __init__(self, data: dict) -> None:
        head_forms, mod_forms, sys_forms = self._lookups(data)
        self._phrases(data, head_forms, mod_forms, sys_forms)
        self._roles(data["roles"])
        self._ellipsis(data["ellipsis"], data["roles"])
        self.name = lru_cache(maxsize=8192)(partial(_name, self))

    def _lookups(self, data: dict) -> tuple[list[str], list[str], list[str]]:
        """Heads, modifiers and systems by lookup key; returns every spelling of each, for the regexes."""
        self.heads: dict[str, tuple[str, str, bool, frozenset]] = {}
        head_forms, sys_forms = [], []
        for name, spec in data["heads"].items():
            forms = spec.get("forms", [name])
            for form in [*forms, *spec.get("plural", [f + "s" for f in forms])]:
                head_forms.append(form)
                self.heads[_key(form)] = (name, spec["class"], bool(spec.get("needs_modifier")),
                                          frozenset(spec.get("not_after", ())))
        mod_forms = {group: [(name, form) for name, variants in data["modifiers"][group].items()
                             for form in [name, *variants, *_variants(name)]] for group in ("kept", "dropped")}
        self.mods = {_key(form): name if group == "kept" else None for group, pairs in mod_forms.items()
                     for name, form in pairs}
        mod_forms = [form for pairs in mod_forms.values() for _, form in pairs]
        self.systems: dict[str, tuple[str, str, str, bool]] = {}
        for name, spec in data["systems"].items():
            for alias, display in [(name, name), *((m, m) for m in spec.get("models", ())),
                                   *((s, name) for s in spec.get("spellings", ()))]:
                ambiguous = bool(spec.get("ambiguous")) and not any(c.isdigit() for c in alias)
                for form in _variants(alias):
                    sys_forms.append(form)
                    self.systems[_key(form)] = (display, spec["class"], spec["head"], ambiguous)
        self.adjunct, self.drop = (frozenset(w.lower() for w in data["followers"][k]) for k in ("adjunct", "drop"))
        self.origin_supply, self.owners_possessive = frozenset(data["supply_suffixes"]), frozenset(data["possessors"])
        return head_forms, mod_forms, sys_forms

    def _phrases(self, data: dict, head_forms: list[str], mod_forms: list[str], sys_forms: list[str]) -> None:
        """The phrase regex, "[count] [owner] [system] [modifiers] head", and where a phrase may start."""
        head = rf"(?i:{alternation(head_forms)})(?![\w-])"
        mod = rf"(?:(?i:{_alt(mod_forms)})|{data['calibre']})(?![\w-])"
        self.mod_item = re.compile(rf"{mod}|(?i:and|or|&)|/")
        # "guided and cruise missiles" is one phrase, "artillery and kamikaze drones" two: a conjunct
        # that is a weapon noun itself ends the phrase
        solo = rf"(?i:{_alt(f for f in mod_forms if _key(f) not in self.heads)})(?![\w-])"
        modseq = rf"(?:{solo}(?:\s*/\s*|\s+(?i:and|or|&)\s+)|{mod}\s+)*{mod}"
        # "Shahed-136/131": a second model number after a slash belongs to the same system
        sfx = r"-[A-Z0-9][A-Za-z0-9]{0,5}"
        slash = r"(?:/[0-9]{2,4}(?![\w-]))?"
        system = rf"(?:{alternation(sys_forms)})(?:{sfx})?{slash}"
        self.system = compiled.compile(rf"(?P<base>{alternation(sys_forms)})(?P<sfx>{sfx})?{slash}")
        owner = rf"(?:{alternation(data['owners'])}|{alternation(data['possessors'])}['’]s)"
        origin = rf"[A-Z][\w.]*(?:\s[A-Z][\w.]*)?-(?i:{_alt([*data['origin_suffixes'], *data['supply_suffixes']])})"
        fill = rf"(?:(?i:{_alt(data['fillers'])})(?![\w-]))"
        det = r"(?i:the|these|those|its|their|his|her|our|all)"
        self.phrase = compiled.compile(
            rf"(?<![\w-])(?:(?P<num>{NUMBER}|(?i:an?|one)(?=\s))\s+"
            rf"(?:(?i:of)\s+(?:{det}\s+)?(?:(?P<total>{NUMBER})\s+)?)?)?"
            rf"(?:{fill}\s+)?(?:(?P<own>{owner})\s+)?(?:(?P<origin>{origin})\s+)?(?:{fill}\s+)?"
            rf"(?:(?P<sys>{system}(?:\s*/\s*{system}|\s+{system})*)(?:['’]?s)?(?:[-\s](?i:type|class|style|series))?"
            rf"(?:\s+(?:(?P<mods>{modseq})\s+)?(?P<head>{head}))?"
            rf"|(?:(?P<mods2>{modseq})\s+)?(?P<head2>{head}))(?![\w-])")
        self.anchor = compiled.compile(rf"(?<![a-z0-9]){_alt([*head_forms, *sys_forms])}(?:s|['’]s)?(?![a-z0-9])")
        firsts = [*data["fillers"], *data["owners"], *data["possessors"], *mod_forms, *head_forms, *sys_forms]
        self.starters = frozenset({*NUMBER_STARTERS, "one", *(w.split()[0].lower() for w in firsts),
                                   *data["origin_suffixes"], *data["supply_suffixes"]})
        self.through = frozenset({*_THROUGH, *NUMBER_WORDS, *(w.lower() for p in firsts for w in p.split())})

    def _roles(self, roles: dict) -> None:
        """Cue verbs before a phrase ("shot down 87 drones") and after it ("were launched", "slammed into")."""
        self.before = re.compile(r"(?<![a-z0-9])(?:" + "|".join(
            rf"(?P<{role}>{_alt(verbs)})" for role, verbs in roles["before"].items()) + r")\b")
        self.after_roles = {kind: {" ".join(w.lower().split()): role for role, verbs in roles[f"after_{kind}"].items()
                                   for w in verbs} for kind in ("passive", "active")}
        self.after = re.compile(
            r"\s*(?P<aux>(?:were|was|are|is|have\s+been|has\s+been|had\s+been|being|been|got)\s+)?"
            r"(?:(?:also|reportedly|later|then|all|both|allegedly|successfully|eventually|each)\s+)*"
            rf"(?P<verb>{_alt({*self.after_roles['passive'], *self.after_roles['active']})})\b")
        self.reduced_next = re.compile(rf"\s*(?:[,.;:!?)]|$|{_alt(roles['reduced_passive_next'])}\b)")
        # "sent 36 drones of Iranian design against Ukraine": an origin phrase may stand between
        self.attack_prep = re.compile(rf"\s*(?:of\s+[\w-]+\s+(?:design|make|origin|manufacture|production)\s+)?"
                                      rf"(?:\w+\s+){{0,2}}?{_alt(roles['attack_prepositions'])}\b")

    def _ellipsis(self, ell: dict, roles: dict) -> None:
        """Bare counts that take over the weapon named before them ("another 80", "35 of them")."""
        self.ellipsis_before = frozenset(w.split()[0] for w in ell["before"])
        downed = [*roles["after_passive"]["intercepted"], *roles["after_passive"]["destroyed"]]
        cues = {*ell["before"], *ell["after_more"], "of them", "of those", "of these", "of which", *downed}
        self.ellipsis_cue = re.compile(rf"(?<![a-z0-9]){_alt(cues)}\b")
        nxt = rf"(?=\s*(?:[,.;:!?)—–]|$)|\s+(?i:{_alt(ell['next_words'])})\b)"
        self.ellipsis = compiled.compile(
            rf"(?<![\w-])(?:(?i:{_alt(ell['before'])})\s+(?:{QUALIFIER}\s+)?(?P<n1>{NUMBER}){nxt}"
            rf"|(?:{QUALIFIER}\s+)?(?P<n2>{NUMBER})\s+(?i:{_alt(ell['after_more'])}){nxt}"
            rf"|(?P<n3>{NUMBER})\s+(?i:of\s+(?:them|those|these|which)){nxt}"
            rf"|(?P<n4>{NUMBER})(?=\s+(?i:(?:were|was|had\s+been|have\s+been)\s+)?(?i:{_alt(downed)})\b))")


def _alt(phrases) -> str:
    """``alternation`` of the phrases in lower case, for text lowered with ``scan.lower`` or inside ``(?i:…)``."""
    return alternation(p.lower() for p in phrases)


_CLAUSE = re.compile(r"[.;:!?](?:\s|$)|[—–()\"“”]|,\s*(?=(?:and|but|while|whereas|which|who|although|though|"
                     r"after|before|when|said|says|according)\b)|\b(?:while|whereas|but|although)\b")
_COORD = re.compile(r"\s*,\s*|\s+(?:and|or|&|as well as|plus)\s+|(?P<comma_and>\s*,\s*(?:and|or)\s+)")
_SENTENCE_END = re.compile(r"[.!?]\s")
_INSTRUMENT = re.compile(r"\b(?:with|by|using)\b")
_PREV_WORD = re.compile(r"([\w’'-]+)\W*$")
_NEXT_WORD = re.compile(r"\s+([\w-]+)")
_ELLIPSIS_STARTERS = NUMBER_STARTERS | QUALIFIER_STARTERS
_THROUGH = frozenset({"of", "the", "these", "those", "its", "their", "his", "her", "our", "all", "and", "or"})
_JOINERS = ("and", "or", "&", "/")


@cache
def _lexicon() -> _Lexicon:
    return _Lexicon(_checked(load_yaml(FILE)))


@cache
def _operators() -> tuple[tuple[str, str], ...]:
    """(key, side) pairs of ``weapon_operators.yaml`` in file order: the first key found in a name wins."""
    data = load_yaml(OPERATORS_FILE)
    return tuple((key.lower(), side) for side, keys in data.items() for key in words(keys, OPERATORS_FILE, side))


def weapon_operator(weapons: list[WeaponMention]) -> str | None:
    """The side that fires the first one-sided weapon system named ("Storm Shadow" → Ukraine), if any.

    Why: a strike that names no attacker ("Storm Shadow missiles slammed into the fleet's headquarters")
    is attributed through its weapon; generic weapons ("drones", "missiles") name no side.
    """
    for w in weapons:
        name = w.weapon.lower()
        for key, side in _operators():
            if key in name:
                return side
    return None


def find_weapons(text: str) -> list[WeaponMention]:
    """Every weapon phrase in ``text``, sorted by start.

    "Russia sent 48 Shahed drones, two missiles and four guided bombs against Kharkiv" →
    Shahed drone ×48, missile ×2, guided bomb ×4, all 'launched'. "dozens of drones" → count None.
    """
    lex = _lexicon()
    low = lower(text)
    items, last = [], 0
    for a in lex.anchor.finditer(low):
        if a.start() < last:
            continue
        starts = candidate_starts(low, a.start(), last, lex.starters, lex.through)
        starts.append(a.start())
        for start in starts:
            m = lex.phrase.match(text, start)
            if m and m.end() > a.start():
                last = m.end()
                item = _phrase(lex, text, m)
                if item:
                    items.append(item)
                break
    if not items:
        return []
    mentions = _assign_roles(lex, text, low, items)
    mentions += _ellipses(lex, text, low, mentions)
    mentions += _all_of_them(text, low, mentions)
    return sorted(mentions, key=lambda w: w.start)


def _named_plural(text: str, m: re.Match, head: str | None) -> bool:
    """"Ukraine would receive Bradleys from the Americans and Marders from the Germans": a system's name in the
    plural, capitalised, is the weapons even without a head; a surname or an everyday word ("Bradley",
    "a leopard") is rarely pluralised so."""
    if head is not None or m.group("sys") is None:
        return False
    end = m.end("sys")
    return text[m.start("sys")].isupper() and text[end:end + 1] == "s" and not text[end + 1:end + 2].isalnum()


def _phrase(lex: _Lexicon, text: str, m: re.Match) -> dict | None:
    """The mention one phrase match makes, or None when it is not a weapon ("bomb shelters")."""
    g = m.groupdict()
    head_text = g["head"] or g["head2"]
    nxt = _NEXT_WORD.match(text, m.end())
    following = nxt[1].lower() if nxt else ""
    named = lex.name(g["sys"], g["mods"] or g["mods2"], head_text)
    if named is None or following in lex.drop:
        return None
    weapon, klass, not_after, ambiguous = named
    num = g["num"]
    numeric = num is not None and num.lower() not in ("a", "an")
    if ambiguous and not numeric and not _named_plural(text, m, head_text):
        return None
    if not_after:
        head_start = m.start("head") if g["head"] else m.start("head2")
        prev = _PREV_WORD.search(text, max(0, head_start - _WORD_BEFORE_CHARS), head_start)
        if prev and prev[1].lower() in not_after:
            return None
    count, start = None, m.start()
    if num is not None:
        if following in lex.adjunct or not is_count_position(text, start, start + len(num)):
            start = min(m.start(k) for k in ("own", "origin", "sys", "mods", "mods2", "head", "head2") if g[k])
        else:
            count = parse_number(num) if numeric else 1
    owner = g["own"]
    if owner and owner[-2:] in ("'s", "’s") and owner[:-2] in lex.owners_possessive:
        owner = owner[:-2]
    origin = g["origin"]
    supplied = bool(origin) and origin.rsplit("-", 1)[1].lower() in lex.origin_supply
    total = g["total"] and count is not None and parse_number(g["total"])
    return {"start": start, "end": m.end(), "weapon": weapon, "class": klass, "count": count, "owner": owner,
            "supplied": supplied, "adjunct": following in lex.adjunct,
            "total": (m.start("total"), total) if total else None}


def _name(lex: _Lexicon, sys_text: str | None, mods_text: str | None, head_text: str | None):
    """(weapon, class, not_after words, ambiguous) for the body of a phrase; None if it names no weapon.

    "Iskander-M ballistic missiles" → the system's own name ("Iskander-M ballistic missile");
    "Tornado-S rockets" → the head overrides the system's default ("Tornado-S rocket", a rocket);
    "armoured vehicles" → modifiers + head; "vehicles" alone → None (needs a modifier).
    """
    mods = [t.group() for t in lex.mod_item.finditer(mods_text)] if mods_text else []
    head = None
    if head_text:
        for i in range(len(mods) + 1):
            head = lex.heads.get(_key(" ".join([*mods[i:], head_text])))
            if head:
                mods = mods[:i]
                break
    if not sys_text:
        if head[2] and not mods:
            return None
        return " ".join([*_mod_names(lex, mods), head[0]]), head[1], head[3], False
    first = lex.systems[_key(lex.system.match(sys_text)["base"])]
    display = _system_display(lex, sys_text)
    if head and head[1] != first[1] and head[0] not in _GENERIC_HEADS:
        return " ".join([display, *_mod_names(lex, mods), head[0]]), head[1], frozenset(), False
    return f"{display} {first[2]}", first[1], frozenset(), first[3] and not head


def _system_display(lex: _Lexicon, sys_text: str) -> str:
    out, last = [], 0
    for p in lex.system.finditer(sys_text):
        sep = "/" if "/" in sys_text[last:p.start()] else " "
        out.append((sep if out else "") + lex.systems[_key(p["base"])][0] + (p["sfx"] or ""))
        last = p.end()
    return "".join(out)


def _mod_names(lex: _Lexicon, mods: list[str]) -> list[str]:
    """Canonical modifiers, dropped ones left out: ["guided", "and", "cruise"], ["155mm", "artillery"]."""
    words = []
    for token in mods:
        low = token.lower()
        word = ("and" if low == "&" else low) if low in _JOINERS else \
            (token[:token.find("m")].rstrip(" -") + "mm" if token[0].isdigit() else lex.mods.get(_key(token)))
        if word and not (word in _JOINERS and (not words or words[-1] in _JOINERS)):
            words.append(word)
    return words[:-1] if words and words[-1] in _JOINERS else words


def _resolve(lex: _Lexicon, low: str, start: int, end: int, prefer_after: bool = False) -> str | None:
    """The role the nearest cue gives to the phrase (or coordinated list) at ``low[start:end]``.

    Before it, the last cue verb of the clause ("air defences brought down 57 Ukrainian drones");
    after it, a passive ("were launched", "downed by air defences") or the phrase's own verb
    ("two Iskander-M ballistic missiles slammed into"). "sent" is an attack only with "against/at".
    """
    cue = None
    for cue in lex.before.finditer(low, max(0, start - _CUE_BEFORE_CHARS), start):
        pass
    before = None if cue is None or _CLAUSE.search(low, cue.end(), start) else cue.lastgroup
    if before in ("attacked", "intercepted", "destroyed") and _INSTRUMENT.search(low, cue.end(), start):
        before = "launched"  # "destroyed a landing ship with Magura sea drones"
    elif before == "attacked":
        before = None  # "hit two Russian Su-34 jets": the target
    elif before == "ambiguous":
        target = lex.attack_prep.match(low, end, min(len(low), end + _TARGET_AFTER_CHARS))
        before = "launched" if target else "supplied"
    after, m = None, lex.after.match(low, end, min(len(low), end + _CUE_AFTER_CHARS))
    if m is None or not m["aux"]:
        # "36 drones launched by Ukraine were shot down": a reduced passive is a post-modifier when the
        # phrase's own passive verb follows in the clause; that main verb gives the role
        m = _passive_after_modifier(lex, low, m.end() if m else end) or m
    if m:
        verb, passive = " ".join(m["verb"].split()), lex.after_roles["passive"]
        if m["aux"] or (verb in passive and lex.reduced_next.match(low, m.end())):
            after = passive.get(verb)
        else:
            after = lex.after_roles["active"].get(verb)
    return (after or before) if prefer_after else (before or after)


_AUX = re.compile(r"\s(?=(?:were|was|had\s+been|have\s+been)\s)")
_POSTMODIFIER_CHARS = 90  # "Three Tochka-U missiles with cluster warheads fired by … towards Belgorod were shot down"


def _passive_after_modifier(lex: _Lexicon, low: str, end: int) -> re.Match | None:
    """The phrase's own passive verb after a post-modifier ("missiles with cluster warheads fired by
    Ukrainian forces towards Belgorod were shot down"): the first "were/was …" of the same clause, when
    it is a cue verb. Why: the subject of a long noun phrase gets its role from its main verb."""
    stop = min(len(low), end + _POSTMODIFIER_CHARS)
    aux = _AUX.search(low, end, stop)
    if aux is None or _CLAUSE.search(low, end, aux.start()) or "," in low[end:aux.start()]:
        return None
    m = lex.after.match(low, aux.start(), stop)
    return m if m and m["aux"] else None


def _mention(text: str, item: dict, role: str | None) -> WeaponMention:
    if role == "destroyed":
        role = "intercepted" if item["class"] in _MUNITIONS else None
    elif role == "intercepted" and item["class"] not in _AERIAL:
        role = None
    role = role or ("supplied" if item["supplied"] else "mentioned")
    return WeaponMention(item["start"], item["end"], text[item["start"]:item["end"]], item["weapon"],
                         item["class"], item["count"], item["owner"], role)


def _assign_roles(lex: _Lexicon, text: str, low: str, items: list[dict]) -> list[WeaponMention]:
    """One role per coordinated list: "fired 67 missiles and 194 attack drones at Ukraine"."""
    groups: list[list[dict]] = []
    for item in items:
        gap = _COORD.fullmatch(text, groups[-1][-1]["end"], item["start"]) if groups else None
        if gap and (len(groups[-1]) > 1 or not gap["comma_and"]):
            groups[-1].append(item)
        else:
            groups.append([item])
    out = []
    for group in groups:
        role = _resolve(lex, low, group[0]["start"], group[-1]["end"])
        if group[-1]["adjunct"]:  # "a drone and missile attack": the article belongs to "attack"
            for item in group:
                if item["count"] == 1 and low.startswith(("a ", "an "), item["start"]):
                    item["count"] = None
        for item in group:
            out.append(_mention(text, item, role))
            if item["total"] and out[-1].role == "intercepted":  # "intercepted 45 of 62 drones"
                out.append(_mention(text, {**item, "start": item["total"][0], "count": item["total"][1]}, "launched"))
            elif item["total"] and out[-1].role == "launched":  # "struck by one of two Kh-22 missiles": 2 fired
                out[-1] = _mention(text, {**item, "count": item["total"][1]}, "launched")
    return out


_EVERY_ONE = re.compile(r"\b(?:every|each)(?:\s+single)?\s+$")


def _every_one(low: str, start: int, count: int | None, ante: WeaponMention | None) -> tuple[int, int | None]:
    """"destroyed every one of them": not one weapon but all the antecedent counted ("36 drones"), so the
    count is the antecedent's (None when it gave none); otherwise ``(start, count)`` unchanged."""
    every = _EVERY_ONE.search(low, max(0, start - 20), start)
    if every is None or count != 1:
        return start, count
    return every.start(), ante.count if ante is not None else None


_ALL_DOWNED = re.compile(r"\b(?:all|each|every one|every single one) of them\s+(?:were|was|had been|have been|has been)\s+"
                         r"(?:successfully\s+)?(?:shot down|destroyed|downed|intercepted|hit|neutrali[sz]ed|brought down)\b")


def _all_of_them(text: str, low: str, mentions: list[WeaponMention]) -> list[WeaponMention]:
    """"attacked Moscow with eight drones and … all of them had been hit": every weapon counted before was
    intercepted, so the interception counts the antecedent's number (none when it gave none)."""
    out = []
    for m in _ALL_DOWNED.finditer(low):
        ante = max((w for w in mentions if w.end <= m.start() and w.count is not None), key=lambda w: w.end, default=None)
        if ante is None or _SENTENCE_END.search(text, ante.end, m.start()) or ante.weapon_class not in _AERIAL:
            continue
        item = {"start": m.start(), "end": m.end(), "weapon": ante.weapon, "class": ante.weapon_class,
                "count": ante.count, "owner": ante.owner, "supplied": False, "total": None}
        out.append(_mention(text, item, "intercepted"))
    return out


def _ellipses(lex: _Lexicon, text: str, low: str, mentions: list[WeaponMention]) -> list[WeaponMention]:
    """Bare counts that take over the weapon of the mention before them in the same sentence.

    "shot down 87 of the drones, while electronic warfare knocked out another 80" → drone 80;
    "42 drones launched, 35 of them were shot down" → drone 35 intercepted.
    """
    out, last = [], mentions[0].end
    for cue in lex.ellipsis_cue.finditer(low, last):
        if cue.start() < last:
            continue
        starts = [cue.start()] if cue.group().split()[0] in lex.ellipsis_before else \
            candidate_starts(low, cue.start(), last, _ELLIPSIS_STARTERS, max_words=4)
        m = next((m for m in map(lambda s: lex.ellipsis.match(text, s), starts) if m), None)
        if not m:
            continue
        group = next(g for g in ("n1", "n2", "n3", "n4") if m[g] is not None)
        start, count = m.start(group), parse_number(m[group])
        ante = max((w for w in mentions if w.end <= start), key=lambda w: w.end, default=None)
        start, count = _every_one(low, start, count, ante)
        if ante is None or count is None or any(w.start < m.end() and start < w.end for w in mentions) \
                or _SENTENCE_END.search(text, ante.end, start) or not is_count_position(text, start, m.end(group)):
            continue
        last = m.end()
        role = _resolve(lex, low, m.start(), m.end(), prefer_after=True)
        item = {"start": start, "end": m.end(), "weapon": ante.weapon, "class": ante.weapon_class,
                "count": count, "owner": ante.owner, "supplied": False, "total": None}
        out.append(_mention(text, item, role or ante.role))
    return out
