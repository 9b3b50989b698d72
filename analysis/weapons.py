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

from analysis.numbers import (NUMBER, NUMBER_STARTERS, QUALIFIER, QUALIFIER_STARTERS, alternation, candidate_starts,
                              is_count_position, load_yaml, lower, parse_number)

__all__ = ["WeaponMention", "find_weapons", "CLASSES", "ROLES"]

CLASSES = ("drone", "missile", "bomb", "rocket", "artillery", "aircraft", "vehicle", "ammunition", "other")
ROLES = ("launched", "intercepted", "supplied", "mentioned")
_AERIAL = {"drone", "missile", "bomb", "rocket", "aircraft"}
_GENERIC_HEADS = {"system", "launcher", "battery", "weapon", "missile system", "air defence system"}


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


_KEY_DROP = str.maketrans("", "", " \t\n\r-‐‑–’'")


def _key(text: str) -> str:
    return text.translate(_KEY_DROP).lower()


def _variants(alias: str) -> set[str]:
    """Spellings of a system name: "Iskander-M" → "Iskander M", "KH-101" → "Kh101"/"KH-101" ...

    A space variant needs two letters before the separator ("A-50" has no "A 50", which would match
    "a 50-year-old"); a run-together variant needs a digit next to the separator ("Kh101", "F16").
    """
    parts = re.split(r"([\s-])", alias)
    words, seps = parts[::2], parts[1::2]
    choices = []
    for i, sep in enumerate(seps):
        options = {sep}
        if len(words[i]) >= 2:
            options |= {"-", " "}
        if any(c.isdigit() for c in words[i][-1:] + words[i + 1][:1]):
            options.add("")
        choices.append(sorted(options))
    out = set()
    for combo in itertools.islice(itertools.product(*choices), 16):
        text = words[0] + "".join(s + w for s, w in zip(combo, words[1:]))
        out |= {text, text.upper()}
    return out


class _Lexicon:
    """weapons.yaml compiled: lookup tables and the regexes find_weapons() runs."""

    def __init__(self, data: dict) -> None:
        self.heads: dict[str, tuple[str, str, bool, frozenset]] = {}
        head_forms = []
        for name, spec in data["heads"].items():
            if spec["class"] not in CLASSES:
                raise ValueError(f"weapons.yaml: head {name!r} has unknown class {spec['class']!r}")
            forms = spec.get("forms", [name])
            plurals = spec.get("plural", [f + "s" for f in forms])
            info = (name, spec["class"], bool(spec.get("needs_modifier")), frozenset(spec.get("not_after", ())))
            for form in [*forms, *plurals]:
                self.heads[_key(form)] = info
                head_forms.append(form)
        self.mods: dict[str, str | None] = {}
        for group, keep in (("kept", True), ("dropped", False)):
            for name, variants in data["modifiers"][group].items():
                for form in [name, *variants, *_variants(name)]:
                    self.mods[_key(form)] = name if keep else None
        self.systems: dict[str, tuple[str, str, str, bool]] = {}
        sys_forms = []
        for name, spec in data["systems"].items():
            if spec["class"] not in CLASSES:
                raise ValueError(f"weapons.yaml: system {name!r} has unknown class {spec['class']!r}")
            for alias, display in [(name, name), *((m, m) for m in spec.get("models", ())),
                                   *((s, name) for s in spec.get("spellings", ()))]:
                ambiguous = bool(spec.get("ambiguous")) and not any(c.isdigit() for c in alias)
                for form in _variants(alias):
                    self.systems[_key(form)] = (display, spec["class"], spec["head"], ambiguous)
                    sys_forms.append(form)
        self.adjunct = frozenset(w.lower() for w in data["followers"]["adjunct"])
        self.drop = frozenset(w.lower() for w in data["followers"]["drop"])
        self.origin_supply = frozenset(data["supply_suffixes"])
        self.name = lru_cache(maxsize=8192)(partial(_name, self))
        self.owners_possessive = frozenset(data["possessors"])

        head = rf"(?i:{alternation(head_forms)})(?![\w-])"
        mod = rf"(?:(?i:{alternation(_mod_forms(data))})|{data['calibre']})(?![\w-])"
        self.mod_item = re.compile(rf"{mod}|(?i:and|or|&)|/")
        modseq = rf"{mod}(?:(?:\s*/\s*|\s+(?i:and|or|&)\s+|\s+){mod})*"
        system = rf"(?:{alternation(sys_forms)})(?:-[A-Z0-9][A-Za-z0-9]{{0,5}})?"
        self.system = re.compile(rf"(?P<base>{alternation(sys_forms)})(?P<sfx>-[A-Z0-9][A-Za-z0-9]{{0,5}})?")
        owner = rf"(?:{alternation(data['owners'])}|{alternation(data['possessors'])}['’]s)"
        origin = (rf"[A-Z][\w.]*(?:\s[A-Z][\w.]*)?-(?i:{alternation(data['origin_suffixes'])}"
                  rf"|{alternation(data['supply_suffixes'])})")
        fill = rf"(?:(?i:{alternation([f.lower() for f in data['fillers']])})(?![\w-]))"
        det = r"(?i:the|these|those|its|their|his|her|our|all)"
        self.phrase = re.compile(
            rf"(?<![\w-])(?:(?P<num>{NUMBER}|(?i:an?|one)(?=\s))\s+(?:(?i:of)\s+(?:{det}\s+)?)?)?"
            rf"(?:{fill}\s+)?(?:(?P<own>{owner})\s+)?(?:(?P<origin>{origin})\s+)?(?:{fill}\s+)?"
            rf"(?:(?P<sys>{system}(?:\s*/\s*{system}|\s+{system})*)(?:['’]?s)?(?:[-\s](?i:type|class|style|series))?"
            rf"(?:\s+(?:(?P<mods>{modseq})\s+)?(?P<head>{head}))?"
            rf"|(?:(?P<mods2>{modseq})\s+)?(?P<head2>{head}))(?![\w-])")
        anchors = alternation(sorted({f.lower() for f in [*head_forms, *sys_forms]}))
        self.anchor = re.compile(rf"\b{anchors}(?:s|['’]s)?(?![a-z0-9])")
        firsts = [*data["fillers"], *data["owners"], *data["possessors"], *_mod_forms(data), *head_forms, *sys_forms]
        self.starters = frozenset({*NUMBER_STARTERS, "one", *(w.split()[0].lower() for w in firsts),
                                   *data["origin_suffixes"], *data["supply_suffixes"]})
        roles, ell = data["roles"], data["ellipsis"]
        self.before = re.compile(r"\b(?:" + "|".join(
            rf"(?P<{role}>{_alt(words)})" for role, words in roles["before"].items()) + r")\b")
        self.after_roles = {"passive": _invert(roles["after_passive"]), "active": _invert(roles["after_active"])}
        self.after = re.compile(
            r"\s*(?P<aux>(?:were|was|are|is|have\s+been|has\s+been|had\s+been|being|been|got)\s+)?"
            r"(?:(?:also|reportedly|later|then|all|both|allegedly|successfully|eventually|each)\s+)*"
            rf"(?P<verb>{_alt({*self.after_roles['passive'], *self.after_roles['active']})})\b")
        self.reduced_next = re.compile(rf"\s*(?:[,.;:!?)]|$|{_alt(roles['reduced_passive_next'])}\b)")
        self.attack_prep = re.compile(rf"\s*(?:\w+\s+){{0,2}}?{_alt(roles['attack_prepositions'])}\b")
        self.ellipsis_before = frozenset(w.split()[0] for w in ell["before"])
        cues = {*ell["before"], *ell["after_more"], "of them", "of those", "of these", "of which",
                *roles["after_passive"]["intercepted"]}
        self.ellipsis_cue = re.compile(rf"\b{_alt(cues)}\b")
        nxt = rf"(?=\s*(?:[,.;:!?)—–]|$)|\s+(?i:{_alt(ell['next_words'])})\b)"
        self.ellipsis = re.compile(
            rf"(?<![\w-])(?:(?i:{_alt(ell['before'])})\s+(?:{QUALIFIER}\s+)?(?P<n1>{NUMBER}){nxt}"
            rf"|(?:{QUALIFIER}\s+)?(?P<n2>{NUMBER})\s+(?i:{_alt(ell['after_more'])}){nxt}"
            rf"|(?P<n3>{NUMBER})\s+(?i:of\s+(?:them|those|these|which)){nxt}"
            rf"|(?P<n4>{NUMBER})(?=\s+(?i:(?:were|was|had\s+been|have\s+been)\s+)?"
            rf"{_alt(roles['after_passive']['intercepted'])}\b))")


def _alt(words) -> str:
    return f"(?:{alternation(sorted({' '.join(str(w).lower().split()) for w in words}))})"


def _mod_forms(data: dict) -> list[str]:
    forms = []
    for group in ("kept", "dropped"):
        for name, variants in data["modifiers"][group].items():
            forms += [name, *variants, *_variants(name)]
    return [f.lower() for f in forms]


def _invert(by_role: dict) -> dict[str, str]:
    return {" ".join(w.lower().split()): role for role, words in by_role.items() for w in words}


_CLAUSE = re.compile(r"[.;:!?](?:\s|$)|[—–()\"“”]|,\s*(?=(?:and|but|while|whereas|which|who|although|though|"
                     r"after|before|when|said|says|according)\b)|\b(?:while|whereas|but|although)\b")
_COORD = re.compile(r"\s*,\s*|\s+(?:and|or|&|as well as|plus)\s+|(?P<comma_and>\s*,\s*(?:and|or)\s+)")
_SENTENCE_END = re.compile(r"[.!?]\s")
_PREV_WORD = re.compile(r"([\w’'-]+)\W*$")
_NEXT_WORD = re.compile(r"\s+([\w-]+)")
_ELLIPSIS_STARTERS = NUMBER_STARTERS | QUALIFIER_STARTERS


@cache
def _lexicon() -> _Lexicon:
    return _Lexicon(load_yaml("weapons.yaml"))


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
        for start in candidate_starts(text, max(last, a.start() - 60), a.start() + 1, lex.starters, a.start()):
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
    return sorted(mentions, key=lambda w: w.start)


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
    if ambiguous and not numeric:
        return None
    if not_after:
        head_start = m.start("head") if g["head"] else m.start("head2")
        prev = _PREV_WORD.search(text, max(0, head_start - 30), head_start)
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
    return {"start": start, "end": m.end(), "weapon": weapon, "class": klass, "count": count,
            "owner": owner, "supplied": supplied, "adjunct": following in lex.adjunct}


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
    words = []
    for token in mods:
        if token.lower() in ("and", "or", "&", "/"):
            words.append("and" if token.lower() in ("and", "&") else token.lower())
        else:
            calibre = re.match(r"(\d+)", token)
            name = lex.mods.get(_key(token)) if not calibre or not token[0].isdigit() else calibre.group(1) + "mm"
            if name:
                words.append(name)
    while words and words[0] in ("and", "or", "/"):
        words.pop(0)
    while words and words[-1] in ("and", "or", "/"):
        words.pop()
    return [w for i, w in enumerate(words) if not (w in ("and", "or", "/") and words[i - 1] in ("and", "or", "/"))]


def _cue_before(lex: _Lexicon, low: str, start: int) -> str | None:
    lo = max(0, start - 70)
    for b in _CLAUSE.finditer(low, lo, start):
        lo = b.end()
    cue = None
    for cue in lex.before.finditer(low, lo, start):
        pass
    return cue.lastgroup if cue else None


def _cue_after(lex: _Lexicon, low: str, end: int) -> str | None:
    m = lex.after.match(low, end, min(len(low), end + 60))
    if not m:
        return None
    verb = " ".join(m["verb"].split())
    if m["aux"]:
        return lex.after_roles["passive"].get(verb)
    if verb in lex.after_roles["passive"] and lex.reduced_next.match(low, m.end()):
        return lex.after_roles["passive"][verb]
    return lex.after_roles["active"].get(verb)


def _resolve(lex: _Lexicon, low: str, start: int, end: int, prefer_after: bool = False) -> str | None:
    """The role the nearest cue gives to the phrase (or coordinated list) at ``low[start:end]``."""
    before = _cue_before(lex, low, start)
    if before == "ambiguous":
        before = "launched" if lex.attack_prep.match(low, end, min(len(low), end + 40)) else "supplied"
    after = _cue_after(lex, low, end)
    return (after or before) if prefer_after else (before or after)


def _mention(text: str, item: dict, role: str | None) -> WeaponMention:
    if role == "intercepted" and item["class"] not in _AERIAL:
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
        out += [_mention(text, item, role) for item in group]
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
            candidate_starts(text, max(last, cue.start() - 30), cue.start(), _ELLIPSIS_STARTERS)
        m = next((m for m in map(lambda s: lex.ellipsis.match(text, s), starts) if m), None)
        if not m:
            continue
        group = next(g for g in ("n1", "n2", "n3", "n4") if m[g] is not None)
        start, count = m.start(group), parse_number(m[group])
        ante = max((w for w in mentions if w.end <= start), key=lambda w: w.end, default=None)
        if ante is None or count is None or any(w.start < m.end() and start < w.end for w in mentions) \
                or _SENTENCE_END.search(text, ante.end, start) or not is_count_position(text, start, m.end(group)):
            continue
        last = m.end()
        role = "intercepted" if group == "n4" else _resolve(lex, low, m.start(), m.end(), prefer_after=True)
        item = {"start": start, "end": m.end(), "weapon": ante.weapon, "class": ante.weapon_class,
                "count": count, "owner": ante.owner, "supplied": False}
        out.append(_mention(text, item, role or ante.role))
    return out
