"""The data files in analysis/data: checks across files, and the errors a broken entry gives.

A lexicon mistake must stop a run with one line naming the file, the entry and what is wrong
("weapons.yaml calibre: bad regular expression: …"), never a traceback or a silent miss; and the
files must agree with each other (an operator key names a weapon system, a district's admin1 is a
region, no spelling means two different places or actors).
"""
from __future__ import annotations

import pickle
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from analysis import actors, casualties, dates, gazetteer, lexicon, numbers, sentences, times, weapons
from analysis.errors import NewsframeError
from analysis.gazetteer import norm_key
from analysis.lexicon import LexiconError, alternation, compile_pattern, load_csv, load_yaml, words

ROOT = Path(__file__).resolve().parents[1]


def _split(cell: str) -> list[str]:
    return [a.strip() for a in cell.split(";") if a.strip()]


def _clashes(entries) -> dict:
    """Spellings (compared as place keys) that (namespace, spelling, canonical) entries give two canonicals."""
    seen: dict = defaultdict(set)
    for namespace, spelling, canonical in entries:
        seen[(namespace, norm_key(spelling))].add(canonical)
    return {key: sorted(names) for key, names in seen.items() if len(names) > 1}


# --- across files -----------------------------------------------------------------------------------

def test_weapon_operator_keys_name_weapon_systems():
    """A key of weapon_operators.yaml must occur in a weapon name the lexicon gives (a system with its
    default head, or modifiers before a head): "Liutyi" is normalized to "Lyutyi drone", so "liutyi"
    would never match."""
    lex = weapons._lexicon()
    names = {f"{display} {head}".lower() for display, _, head, _ in lex.systems.values()}
    heads = {spec[0] for spec in lex.heads.values()}
    kept = {name for name in lex.mods.values() if name}
    names |= {f"{m} {h}" for m in kept for h in heads} | {f"{m} {n} {h}" for m in kept for n in kept for h in heads}
    text = "\n".join(names)
    keys = [key for key, _ in weapons._operators()]
    assert [key for key in keys if key not in text] == []
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("name", ["districts.csv", "places_extra.csv"])
def test_every_admin1_is_a_region(name):
    regions = {row["name"]: row["country"] for row in load_csv("regions.csv")}
    listed = set(regions.values())
    for row in load_csv(name):
        if name == "places_extra.csv" and not row["admin1"]:   # allowed where the country's regions are not listed
            assert row["country"] not in listed, f"{name} line {row.line}: {row['name']} needs its admin1"
            continue
        assert row["admin1"] in regions, f"{name} line {row.line}: admin1 {row['admin1']!r} is not in regions.csv"
        if name == "places_extra.csv":
            assert regions[row["admin1"]] == row["country"], f"{name} line {row.line}: {row['admin1']} is abroad"


def test_actors_lists_name_each_official_and_alias_once():
    data = load_yaml("actors.yaml")
    forms = [(form, canonical) for group in ("countries", "organisations") for canonical, entry in data[group].items()
             for field in ("names", "demonyms", "capitals", "institutions", "people") for form in entry.get(field, ())]
    forms += [(phrase, canonical) for phrase, canonical in data["phrases"].items()]
    forms += [(form, None) for form in data["ignore"]]
    counted: dict = defaultdict(list)
    for form, canonical in forms:
        counted[form].append(canonical)
    assert {form: owners for form, owners in counted.items() if len(owners) > 1} == {}
    for key in ("units", "titles", "not_names", "weak_actors"):
        assert len(data[key]) == len(set(data[key])), key


def test_no_place_spelling_means_two_places():
    """A spelling names one city, country, region, or district of a city (two cities may each have a
    "Shevchenkivskyi" district, and a region's stem "Kharkiv" is the city too: those are by design)."""
    aliases = load_yaml("place_aliases.yaml")
    entries = [("city/country", spelling, canonical) for group in ("cities", "countries")
               for canonical, alts in aliases[group].items() for spelling in [canonical, *alts]]
    entries += [("region", spelling, row["name"]) for row in load_csv("regions.csv") if row["kind"] == "region"
                for spelling in [row["name"], *_split(row["aliases"])]]
    entries += [(f"district of {row['city']}", spelling, row["name"]) for row in load_csv("districts.csv")
                for spelling in [row["name"], *_split(row["aliases"])]]
    entries += [(f"place in {row['country']}", spelling, row["name"]) for row in load_csv("places_extra.csv")
                for spelling in [row["name"], *_split(row["aliases"])]]
    assert _clashes(entries) == {}


def test_every_regex_in_the_data_compiles():
    """The data's regular expressions (weapons.yaml's calibre, categories.yaml's triggers) compile."""
    compile_pattern(load_yaml("weapons.yaml")["calibre"], "weapons.yaml", "calibre")
    from analysis import categories

    assert categories.lexicon()


@pytest.mark.parametrize("load", [
    actors.lexicon, weapons._lexicon, weapons._operators, casualties._lexicon, numbers._lexicon, dates._grammar,
    times._grammar, gazetteer.limits, gazetteer._rules, gazetteer._aliases, gazetteer._facilities,
    sentences._load_abbreviations,
], ids=lambda f: f"{f.__module__}.{f.__name__}")
def test_every_lexicon_loads_and_passes_its_checks(load):
    assert load()


@pytest.mark.parametrize("name", sorted(gazetteer._CSV))
def test_every_csv_has_its_columns_and_numbers(name):
    assert gazetteer._rows(name)


# --- loading ------------------------------------------------------------------------------------------

def test_bare_yes_no_on_off_stay_words_and_true_false_stay_booleans():
    assert "no" in load_yaml("abbreviations.yaml")["before_digit"]
    assert load_yaml("dates.yaml")["meridiem"]["p.m."] is True


def test_each_file_is_parsed_once():
    assert load_yaml("actors.yaml") is load_yaml("actors.yaml")
    assert load_csv("regions.csv") is load_csv("regions.csv")


def test_alternation_is_a_group_that_can_be_quantified():
    assert alternation(["ab"]) == "(?:ab)"
    assert alternation(["on", "On"], ignore_case=True) == "(?i:on)"
    assert alternation([]) == "(?:(?!))"


# --- errors -------------------------------------------------------------------------------------------

@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A copy of analysis/data that the loaders read instead; every lexicon is rebuilt from it."""
    folder = tmp_path / "data"
    shutil.copytree(lexicon.DATA_DIR, folder)
    monkeypatch.setattr(lexicon, "DATA_DIR", folder)
    caches = (weapons._lexicon, weapons._operators, casualties._lexicon, actors.lexicon, dates._grammar,
              times._grammar, gazetteer.limits)
    for cache in caches:
        cache.cache_clear()
    yield folder
    for cache in caches:
        cache.cache_clear()


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    text = (folder / name).read_text(encoding="utf-8")
    assert old in text
    (folder / name).write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_broken_regex_names_the_file_and_entry(data_copy):
    _edit(data_copy, "weapons.yaml", r"'\d{2,3}(?:\s?mm|-mm|-millimet(?:re|er))'", r"'\d{2,3}(?:\s?mm|-mm'")
    with pytest.raises(LexiconError) as error:
        weapons._lexicon()
    assert str(error.value) == ("weapons.yaml calibre: bad regular expression: "
                                "missing ), unterminated subpattern at position 7")
    assert isinstance(error.value, NewsframeError)


def test_a_missing_key_names_the_file_and_entry(data_copy):
    _edit(data_copy, "weapons.yaml", "Shahed: {class: drone, head: drone,", "Shahed: {head: drone,")
    with pytest.raises(LexiconError, match=r"^weapons\.yaml systems\.Shahed: missing key 'class'$"):
        weapons._lexicon()


def test_a_boolean_in_a_word_list_says_to_quote_it(data_copy):
    _edit(data_copy, "dates.yaml", 'leads:\n  day: ["on",', "leads:\n  day: [true,")
    with pytest.raises(LexiconError, match=r"^dates\.yaml leads\.day: item 0 is True, not text — quote it$"):
        dates._grammar()


def test_an_unknown_value_names_the_entry(data_copy):
    _edit(data_copy, "casualties.yaml", "collectives: {couple: 2,", "collectives: {couple: 0,")
    with pytest.raises(LexiconError, match=r"^casualties\.yaml collectives: 'couple' is 0, not a whole number ≥ 1$"):
        casualties._lexicon()
    _edit(data_copy, "settings.yaml", "section_max_km: 8", "section_max_km: 80")
    with pytest.raises(LexiconError, match=r"^settings\.yaml gazetteer\.section_max_km: is 80; it must be"):
        gazetteer.limits()


def test_a_short_csv_row_names_its_line(data_copy):
    text = (data_copy / "districts.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(n for n, row in enumerate(text, 1) if row.startswith("Obolonskyi,"))
    text[line - 1] = text[line - 1].rsplit(",", 1)[0] + "\n"
    (data_copy / "districts.csv").write_text("".join(text), encoding="utf-8")
    with pytest.raises(LexiconError, match=rf"^districts\.csv line {line}: 6 fields where the header has 7$"):
        load_csv("districts.csv")


def test_bad_yaml_names_its_line(data_copy):
    _edit(data_copy, "weapon_operators.yaml", "Ukraine: [", "Ukraine: [[")
    with pytest.raises(LexiconError, match=r"^weapon_operators\.yaml line \d+: not valid YAML: "):
        weapons._operators()


def test_a_key_written_twice_names_its_line(data_copy):
    """YAML would silently keep only the second of two entries with the same name."""
    lines = (data_copy / "weapons.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("  Geran: "))
    _edit(data_copy, "weapons.yaml", "  Geran: {class: drone,", "  Shahed: {class: drone,")
    with pytest.raises(LexiconError, match=rf"^weapons\.yaml line {line}: not valid YAML: 'Shahed' is written twice"):
        weapons._lexicon()


def test_a_lexicon_error_crosses_process_boundaries():
    error = LexiconError("categories.yaml", "triggers[12]", "missing key 'weight'")
    assert str(error) == "categories.yaml triggers[12]: missing key 'weight'"
    assert str(pickle.loads(pickle.dumps(error))) == str(error)
    assert str(LexiconError("settings.yaml", None, "expected a mapping")) == "settings.yaml: expected a mapping"


def test_words_reports_the_item():
    with pytest.raises(LexiconError, match=r"^x\.yaml keys: item 1 is empty$"):
        words(["a", " "], "x.yaml", "keys")


def test_a_broken_lexicon_is_a_one_line_error_with_exit_2(data_copy, tmp_path, capsys):
    from analysis.cli import main

    _edit(data_copy, "weapons.yaml", r"'\d{2,3}(?:\s?mm|-mm|-millimet(?:re|er))'", r"'\d{2,3}(?:\s?mm|-mm'")
    code = main(["extract", str(ROOT / "seeds"), "--out", str(tmp_path / "out"), "--workers", "1", "--quiet"])
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 2, err
    assert lines == ["newsframe: error: weapons.yaml calibre: bad regular expression: "
                     "missing ), unterminated subpattern at position 7"]
    assert not (tmp_path / "out").exists()
