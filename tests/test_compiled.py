"""Large patterns compiled once per machine (``analysis.compiled``) match as ``re.compile``'s do."""
from __future__ import annotations

import re

import pytest

from analysis import compiled

# a large pattern with named groups, flags and a lookbehind, like the lexicons' phrase patterns
WORDS = [f"word{i}x" for i in range(600)]
BIG = r"(?i:(?<![\w-])(?:(?P<n>\d+)\s+(?:" + "|".join(WORDS) + r")|(?P<other>another)\s+(?-i:[A-Z])\w+))"


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSFRAME_CACHE_DIR", str(tmp_path))
    return tmp_path / "regex"


def test_a_large_pattern_is_kept_and_read_back_as_the_same_program(cache):
    """The first compile writes the program; the second reads it: both equal ``re.compile``'s pattern
    (same program, flags, groups), and match alike."""
    assert len(BIG) >= compiled.MIN_CHARS
    first = compiled.compile(BIG, re.M)
    assert len(list(cache.glob("regex-*.bin"))) == 1
    second = compiled.compile(BIG, re.M)
    expected = re.compile(BIG, re.M)
    for p in (first, second):
        assert p == expected and p.flags == expected.flags and p.groupindex == expected.groupindex
    text = "12 WORD7X and another Test, 3 word599x"
    assert [m.groupdict() for m in second.finditer(text)] == [m.groupdict() for m in expected.finditer(text)]


def test_a_broken_program_file_is_ignored(cache):
    """A truncated or garbled file costs only the compile time: the pattern is compiled the plain way."""
    compiled.compile(BIG)
    path = next(cache.glob("regex-*.bin"))
    head = path.read_bytes().partition(b"\n")[0]
    size = int(re.search(rb'"size": (\d+)', head).group(1))
    for damage in (path.read_bytes()[:-7], head + b"\n" + b"\x07" * (4 * size), b"not json"):
        path.write_bytes(damage)
        assert compiled.compile(BIG) == re.compile(BIG)


def test_small_patterns_and_bad_patterns_are_left_to_re(cache):
    assert compiled.compile(r"\bdrones?\b", re.I) == re.compile(r"\bdrones?\b", re.I)
    assert not cache.exists()
    with pytest.raises(re.error):
        compiled.compile("(" + BIG)
