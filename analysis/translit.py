"""Transliteration variants of Ukrainian, Russian and Belarusian place names.

Why: the same town is written Kupiansk and Kupyansk, Kharkiv and Kharkov, Luhansk and Lugansk,
Pokrovske and Pokrovskoye, depending on the transliteration system (Ukrainian national 2010,
the older 1996/BGN forms, Russian-based BGN and Library of Congress) and on the outlet. Listing
every spelling by hand never ends, so the gazetteer generates them by rule for every entry. The
rules are data (``data/translit.yaml``, checked on load); this module only applies them.

Each rule is a regular expression and a replacement applied to every word of a name (words are
split at spaces and hyphens). ``modern`` and ``canonical`` rules run in order and give one name;
``old`` rules too; ``russified`` and ``variants`` rules are optional, so a name gets every
combination of them, capped at ``max_variants``. Irregular and historical names (Bakhmut/Artyomovsk,
Zaporizhzhia/Zaporozhye) stay curated in ``place_aliases.yaml``.
"""
from __future__ import annotations

import functools
import re

from analysis.lexicon import LexiconError, compile_pattern, load_yaml, require, words

FILE = "translit.yaml"
_SPLIT = re.compile(r"([ \-])")
Rule = tuple[re.Pattern, str]


def _rule_list(value, entry: str) -> tuple[Rule, ...]:
    """A list of [pattern, replacement] pairs, each pattern compiled (a bad one names its place)."""
    if not isinstance(value, list) or not value:
        raise LexiconError(FILE, entry, "expected a list of [pattern, replacement] pairs")
    out = []
    for i, pair in enumerate(value):
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)):
            raise LexiconError(FILE, f"{entry}[{i}]", f"expected [pattern, replacement], not {pair!r}")
        out.append((compile_pattern(pair[0], FILE, f"{entry}[{i}]", 0), pair[1]))
    return tuple(out)


def _cap(value, entry: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 4096:
        raise LexiconError(FILE, entry, f"is {value!r}; it must be a whole number from 1 to 4096")
    return value


@functools.cache
def rules() -> dict:
    """``translit.yaml``, checked: every rule list compiled, endings as lists of words, caps in range."""
    data = require(load_yaml(FILE), FILE, None, "ukrainian", "russian")
    ua = require(data["ukrainian"], FILE, "ukrainian", "modern", "old", "endings", "russified", "max_variants")
    ru = require(data["russian"], FILE, "russian", "canonical", "variants", "max_variants")
    words(ua["endings"], FILE, "ukrainian.endings")
    endings = tuple((ending, tuple(words(alts, FILE, f"ukrainian.endings.{ending}")))
                    for ending, alts in ua["endings"].items())
    return {"modern": _rule_list(ua["modern"], "ukrainian.modern"), "old": _rule_list(ua["old"], "ukrainian.old"),
            "endings": endings, "russified": _rule_list(ua["russified"], "ukrainian.russified"),
            "ua_max": _cap(ua["max_variants"], "ukrainian.max_variants"),
            "canonical": _rule_list(ru["canonical"], "russian.canonical"),
            "ru_variants": _rule_list(ru["variants"], "russian.variants"),
            "ru_max": _cap(ru["max_variants"], "russian.max_variants")}


def _per_word(name: str, fn) -> str:
    return "".join(fn(part) if part not in (" ", "-") else part for part in _SPLIT.split(name))


def _in_order(name: str, rule_list: tuple[Rule, ...]) -> str:
    """Every rule applied, one after the other, to each word."""
    def word(w: str) -> str:
        for rx, repl in rule_list:
            w = rx.sub(repl, w)
        return w
    return _per_word(name, word)


def _word_spellings(word: str, rule_list: tuple[Rule, ...], cap: int) -> list[str]:
    """Each optional rule applied or not to every spelling of one word so far; at most ``cap``."""
    out = [word]
    for rx, repl in rule_list:
        for w in list(out):
            v = rx.sub(repl, w)
            if v not in out and len(out) < cap:
                out.append(v)
    return out


def _combinations(names: set[str], rule_list: tuple[Rule, ...], cap: int) -> set[str]:
    """Every combination of the words' spellings (Nova Kakhovka -> Novaya Kakhovka: one word changes,
    the other not); stops growing at ``cap`` spellings per name."""
    out = set(names)
    for name in names:
        combos = [""]
        for part in _SPLIT.split(name):
            spellings = [part] if part in (" ", "-", "") else _word_spellings(part, rule_list, cap)
            combos = [c + s for c in combos for s in spellings][:cap]
        out.update(combos)
    return out


def modern_ukrainian(name: str) -> str:
    """Old-style to 2010 national transliteration: Zaporizhzhya -> Zaporizhzhia,
    Avdiyivka -> Avdiivka, Khmelnytskyy -> Khmelnytskyi, Hulyaypole -> Huliaipole."""
    return _in_order(name, rules()["modern"])


def old_ukrainian(name: str) -> str:
    """2010 transliteration to the older y-forms: Sviatoshynskyi -> Svyatoshynskyi,
    Holosiivskyi -> Holosiyivskyi, Mykolaiv -> Mykolayiv."""
    return _in_order(name, rules()["old"])


def ukrainian_variants(name: str, russified: bool = True) -> set[str]:
    """Spellings of a Ukrainian name under the common transliteration systems; with ``russified``
    also the Russian-based ones (lowercase: they are only ever compared as keys)."""
    r = rules()
    base = {name, modern_ukrainian(name), old_ukrainian(name), old_ukrainian(modern_ukrainian(name))}
    # the press applies the older system's rules one at a time too: Huliaipole -> Hulyaipole (not Hulyayipole)
    base |= _combinations({modern_ukrainian(name)}, r["old"], r["ua_max"])
    out = set(base)
    for b in base:
        for ending, alts in r["endings"]:
            if b.endswith(ending):
                out.update(b[: -len(ending)] + a for a in alts)
                break
    if russified:
        plain = {modern_ukrainian(name).lower()}
        out |= _combinations(plain, r["russified"], r["ua_max"])
    return {v for v in out if v}


def russian_canonical(name: str) -> str:
    """Afipskiy -> Afipsky, Krasnyy Sulin -> Krasny Sulin, Korolëv -> Korolev, Ryazan’ -> Ryazan."""
    return _in_order(name, rules()["canonical"])


def russian_variants(name: str) -> set[str]:
    """Velikiy -> Veliky, Nizhniy -> Nizhny, Ryazan’ -> Ryazan, Bryansk -> Briansk (lowercase ones
    are only compared as keys)."""
    r = rules()
    plain = name.replace("’", "").replace("ʼ", "")
    out = {plain, re.sub(r"iy\b", "y", plain), re.sub(r"yy\b", "y", plain)}
    return out | _combinations({russian_canonical(name).lower()}, r["ru_variants"], r["ru_max"])
