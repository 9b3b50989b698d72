"""Named rule settings (settings.yaml): every entry there, checked on load, with a clear error otherwise."""
import copy

import pytest

from analysis.lexicon import LexiconError, load_yaml
from analysis.settings import FILE, SECTIONS, parse, settings


def test_the_shipped_file_loads():
    s = settings()
    assert s.windows.demonym_before_trigger == 25 and s.confidence.cap == 0.95
    assert s.consolidation.max_events_compared == 100 and s.context.max_cities == 200


def test_every_entry_has_a_comment_saying_why():
    from analysis.lexicon import DATA_DIR

    lines = (DATA_DIR / FILE).read_text("utf-8").splitlines()
    section = None
    for n, line in enumerate(lines):
        if line and not line.startswith((" ", "#")):
            section = line.split(":")[0]
        elif section in SECTIONS and line.startswith("  ") and not line.lstrip().startswith("#"):
            assert lines[n - 1].lstrip().startswith("#"), f"{FILE} line {n + 1} has no comment above it: {line!r}"


@pytest.mark.parametrize("section,entry,value,message", [
    ("windows", "actor_pair", -1, "windows.actor_pair: is -1, not a whole number from 0 to 500"),
    ("windows", "actor_pair", 2.5, "not a whole number"),
    ("windows", "actor_pair", True, "not a whole number"),
    ("confidence", "base", "high", "confidence.base: is 'high', not a number from 0 to 1"),
    ("confidence", "cap", 1.5, "not a number from 0 to 1"),
    ("consolidation", "daytime_start_hour", 20, "must come before daytime_end_hour"),
    ("windows", "actor_pairs", 12, "windows.actor_pairs: unknown entry"),
])
def test_a_bad_entry_is_an_error_naming_it(section, entry, value, message):
    data = copy.deepcopy(load_yaml(FILE))
    data[section][entry] = value
    with pytest.raises(LexiconError, match=message):
        parse(data)


def test_a_missing_entry_or_section_is_an_error_naming_it():
    data = copy.deepcopy(load_yaml(FILE))
    del data["confidence"]["place"]
    with pytest.raises(LexiconError, match=r"confidence.place: missing"):
        parse(data)
    del data["confidence"]
    with pytest.raises(LexiconError, match="confidence: missing section"):
        parse(data)
    with pytest.raises(LexiconError, match="unknown section"):
        parse({**load_yaml(FILE), "windowz": {}})
