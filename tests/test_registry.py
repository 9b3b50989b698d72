"""The category registry: categories are data (``categories.yaml``), a new one reaches every consumer
without code edits, and a bad entry is an error naming the file and the entry."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from analysis import lexicon, registry
from analysis.categories import lexicon as trigger_lexicon
from analysis.lexicon import LexiconError

DATA = Path(lexicon.DATA_DIR)

# An extra category, as an analyst would add it: one entry under `categories:`, a kind and a trigger.
CYBER = {"label": "Cyber", "colour": "#56B4E9", "noun": "cyber attack", "plural": "cyber attacks",
         "attribution": "parties"}
ARTICLE = ("Kyivstar outage\n"
           "On December 12, Russian military hackers staged a cyberattack on Kyivstar, the largest mobile operator.\n")


def data_copy(tmp_path: Path, edit) -> Path:
    """A copy of analysis/data whose categories.yaml ``edit(data)`` has changed."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    data = yaml.safe_load((folder / "categories.yaml").read_text("utf-8"))
    edit(data)
    (folder / "categories.yaml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    return folder


def add_cyber(data: dict) -> None:
    data["categories"]["cyber"] = dict(CYBER)
    data["kinds"]["cyberattack"] = {"category": "cyber", "event_type": None, "sub_event_type": None,
                                    "cameo_code": None}
    data["triggers"].append({"kind": "cyberattack", "weight": 5, "opens": True, "pattern": "cyber-?attacks?"})


# -- the shipped registry --------------------------------------------------------------------------------
def test_the_contract_categories_in_order():
    assert registry.CATEGORIES == ("attack", "air_defense", "diplomacy", "military_support", "humanitarian", "other")
    attack = registry.category("attack")
    assert (attack.label, attack.noun, attack.plural, attack.count_verb) == ("Attack", "attack", "attacks", "launched")
    assert attack.air_classes == {"drone", "bomb", "aircraft"}
    assert registry.category("diplomacy").weapon_roles == () and registry.category("diplomacy").count_verb is None
    with pytest.raises(KeyError, match="unknown category 'cyber'"):
        registry.category("cyber")


def test_every_category_has_an_attribution_function():
    import analysis.events  # noqa: F401  (registers the functions)

    assert all(callable(registry.attribution(c)) for c in registry.CATEGORIES)


def test_vocabularies_expand_to_singular_or_plural():
    nouns = ("missile", "drone", "rocket", "UAV", "unmanned aerial vehicle", "unmanned boat", "uncrewed boat", "drone boat",
             "Shahed", "Geran", "Lancet", "Kalibr", "Iskander", "Kinzhal")
    assert registry.expand("(?:{weapon_nouns})") == "(?:" + "|".join(n + "s?" for n in nouns) + ")"
    assert registry.expand("(?:{weapon_nouns:plural}|aircraft){0,2}") == \
        "(?:" + "|".join(n + "s" for n in nouns) + "|aircraft){0,2}"
    from analysis.events import ATTACK_REFERENCE
    from analysis.facts import ATTACK_NOUNS

    assert ATTACK_REFERENCE.search("the strikes on Kyiv") and not ATTACK_REFERENCE.search("striker")
    assert ATTACK_NOUNS.match(" UAVs hit the depot") and ATTACK_NOUNS.match(" forces attacked")


# -- a new category is one YAML entry -----------------------------------------------------------------------
CHILD = r"""
import json, sys
from pathlib import Path

import analysis.lexicon
analysis.lexicon.DATA_DIR = Path(sys.argv[1])      # the data path, pointed at the copy: no code is edited

from analysis import load, registry, schemas
from analysis.categories import classify
from analysis.report import palette, selection

events = load(sys.argv[2]).events
print(json.dumps({
    "categories": list(registry.CATEGORIES),
    "label": palette.label("cyber"), "colour": palette.color("cyber"), "colours": palette.CATEGORY_COLORS,
    "nouns": [palette.noun("cyber"), palette.noun("cyber", 3)], "ordered": palette.ordered(["cyber", "attack"]),
    "allowed": list(schemas.EVENTS.columns["category"].checks[0].statistics["allowed_values"]),
    "filter": selection.check_filters(categories=["cyber"])["categories"],
    "classified": [t.category for t in classify("Hackers staged a cyberattack on the grid operator.")],
    "events": events[["category", "actor1"]].to_dict("records"),
}))
"""


def test_an_extra_category_reaches_labels_colours_nouns_schemas_and_palette(tmp_path):
    data = data_copy(tmp_path, add_cyber)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "cyber.txt").write_text(ARTICLE, "utf-8")
    (seeds / "catalog.csv").write_text("file,published,title,outlet,url,timezone\n"
                                       "cyber.txt,2023-12-13,Kyivstar outage,,,Europe/Kyiv\n", "utf-8")
    run = subprocess.run([sys.executable, "-c", CHILD, str(data), str(seeds)], capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["categories"][-1] == "cyber" and out["allowed"] == out["categories"]
    assert (out["label"], out["colour"], out["nouns"]) == ("Cyber", "#56B4E9", ["cyber attack", "cyber attacks"])
    assert out["colours"]["cyber"] == "#56B4E9" and out["ordered"] == ["attack", "cyber"]
    assert out["filter"] == ["cyber"] and out["classified"] == ["cyber"]
    assert out["events"] == [{"category": "cyber", "actor1": "Russia"}]


# -- a bad entry names the file and the entry ------------------------------------------------------------------
@pytest.mark.parametrize("edit,message", [
    (lambda d: d["categories"]["attack"].update(colour="red"),
     "categories.yaml categories.attack: colour 'red' is not a #RRGGBB colour"),
    (lambda d: d["categories"]["attack"].update(weapon_roles=["launched", "fired"]),
     "categories.yaml categories.attack.weapon_roles: unknown 'fired'"),
    (lambda d: d["categories"]["diplomacy"].pop("noun"), "categories.yaml categories.diplomacy: missing key 'noun'"),
    (lambda d: d["categories"]["diplomacy"].update(colour="#d55e00"),
     "categories.yaml categories.diplomacy: colour #d55e00 is already attack's"),
    (lambda d: d["categories"]["other"].update(colour_="#000000"), "categories.yaml categories.other: unknown key 'colour_'"),
    (lambda d: d["categories"].pop("other"), "categories.yaml categories: declare a category 'other'"),
    (lambda d: d["vocabularies"].update(weapon_nouns=["missile", "drones?"]),
     "categories.yaml vocabularies.weapon_nouns: list plain nouns in the singular (not 'drones?')"),
])
def test_a_bad_category_entry_is_named(tmp_path, monkeypatch, edit, message):
    monkeypatch.setattr(lexicon, "DATA_DIR", data_copy(tmp_path, edit))
    with pytest.raises(LexiconError, match=re.escape(message)):
        registry.load()


def test_a_bad_trigger_is_named(tmp_path, monkeypatch):
    def edit(data):
        data["triggers"][3]["pattern"] = "(?:struck|{weapon_nouns}"
    monkeypatch.setattr(lexicon, "DATA_DIR", data_copy(tmp_path, edit))
    with pytest.raises(LexiconError, match=re.escape("categories.yaml triggers[3]: bad regular expression")):
        trigger_lexicon.__wrapped__()


def test_an_unknown_vocabulary_or_attribution_is_named(tmp_path, monkeypatch):
    with pytest.raises(LexiconError, match=re.escape("categories.yaml triggers[7]: {arms} names no vocabulary")):
        registry.expand("(?:{arms})", "triggers[7]")
    monkeypatch.setattr(lexicon, "DATA_DIR", data_copy(tmp_path, lambda d: d["categories"]["other"].update(
        attribution="nobody")))
    monkeypatch.setattr(registry, "registry", registry.load)
    with pytest.raises(LexiconError, match=re.escape("categories.yaml categories.other: attribution 'nobody' names "
                                                     "no function")):
        registry.attribution("other")
