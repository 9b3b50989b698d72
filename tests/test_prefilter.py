"""The trigger prefilter (``analysis.prefilter``) may skip a pattern only when it cannot match.

A wrong necessary word would silently drop triggers, so the property is tested on hostile text built
from the lexicon's own words, and the whole prefilter against running every pattern on real-shaped
sentences of the evaluation sets."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.categories import candidates, lexicon
from analysis.prefilter import PREFIX, Gate, alternatives, necessary_words
from analysis.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent
_WORD = re.compile(r"[a-z]{3,}")   # a word, as the index sees it: a run of letters


def _opens(pattern_words: frozenset[str], text: str) -> bool:
    """Does a word of ``text`` start with one of the necessary words (as the index looks them up)?"""
    words = _WORD.findall(text.lower())
    return any(w[:n] in pattern_words for w in words for n in range(3, min(len(w), PREFIX) + 1))


@pytest.mark.parametrize("pattern, words", [
    (r"(?:missile|drone) strikes? on", {"strike"}),
    (r"(?:took|taken|taking) (?:full )?control of", {"contro"}),
    (r"shot down|downed", {"shot", "downed"}),
    (r"(?:re)?captured", None),                       # "captured" may follow "re" inside a word
    (r"\w+ed the city", {"city"}),
    (r"drone ?strike", {"drone"}),                    # "dronestrike" has no word starting "strike"
    (r"(?:heavy ?)?shelling", None),
    (r"air[- ]raid (?:alert|siren)s?", {"raid"}),
])
def test_necessary_words_of_real_shaped_patterns(pattern, words):
    assert necessary_words(pattern, re.I) == (None if words is None else frozenset(words))


_VOCAB = sorted({w for p, *_ in lexicon().triggers for w in re.findall(r"[A-Za-z]{2,}", p.pattern)})
_TOKENS = st.one_of(st.sampled_from(_VOCAB), st.sampled_from(["-", "'s", ",", "  ", "\n", "re", "un", "7", "F-16s"]),
                    st.text(alphabet="abcdeorst -’'", max_size=6))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TOKENS, min_size=1, max_size=14), st.sampled_from([" ", "", "-"]))
def test_a_pattern_that_matches_always_has_a_necessary_word(tokens, joiner):
    text = joiner.join(tokens)
    for pattern, *_ in lexicon().triggers:
        inner = pattern.pattern[len(r"(?<![\w-])(?:"):-len(r")(?![\w])")]
        words = necessary_words(inner, re.I)
        if words is not None and pattern.search(text):
            assert _opens(words, text), (inner[:80], text)


def test_every_pattern_that_matches_a_real_sentence_is_a_candidate():
    lex = lexicon()
    checked = 0
    for path in sorted((ROOT / "tests" / "real").glob("dev*/*.txt")):
        text = path.read_text("utf-8")
        for a, b in split_sentences(text):
            sentence = text[a:b]
            matching = {i for i, (p, *_) in enumerate(lex.triggers) if p.search(sentence)}
            assert matching <= candidates(sentence), (path.name, sentence[:80])
            checked += bool(matching)
    assert checked > 500   # the sets are real-shaped: most sentences open some trigger


def test_gate_searches_as_the_pattern_does():
    """``Gate`` skips only texts the pattern cannot match, case folds and letters ``lower`` changes included;
    a pattern that may begin inside a word gets no gate."""
    from analysis.facts import BACKGROUND, BACKGROUND_GATE


    texts = ["Russia has repeatedly struck the city since 2022.", "Drones hit Kyiv overnight.",
             "THE PLANT HAS COME UNDER REPEATED ATTACK", "Kyiv uses them mainly to guard the sky",
             "SİNCE THE FULL-SCALE INVASION, it has been shelled", "ſince 2014 the town is hit daily",
             "On a regular basis", "Officials said nothing.", ""]
    for text in texts:
        assert bool(BACKGROUND_GATE.search(text)) == bool(BACKGROUND.search(text)), text
    assert BACKGROUND_GATE.finder is not None
    assert Gate(re.compile(r"\w+ing", re.I)).finder is None   # needs no word of its own: always searched


@pytest.mark.parametrize("pattern", [
    r"\w+ing since", r"(?:['’]s)?(?:\s+[\w’'-]+){0,5}?\s+(?:will|was)\s+(?:targeted|sanctioned)",
    r"\s+by\b", r"ed\s+(?:the\s+)?(?:village|town)", r"(?:re)?captured", r"\bin\s+$",
])
@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["the", "village", "Town", "since", "ſince", "İN", "was", "targeted", "recaptured",
                                 "by", "Kyiv’s", "going", "-", ",", "  ", "\n", "ed"]), max_size=12),
       st.integers(0, 60), st.integers(0, 60))
def test_a_gate_matches_as_its_pattern_does(pattern, words, pos, endpos):
    """A pattern that may begin inside a word is gated from its first word start on, and a gated
    ``search``, ``match`` or ``finditer`` between ``pos`` and ``endpos`` finds what the pattern finds."""
    text = " ".join(words)
    rx = re.compile(pattern, re.I)
    gate = Gate(rx)
    def span(m):
        return m and m.span()

    assert span(gate.search(text, pos, endpos)) == span(rx.search(text, pos, endpos))
    assert span(gate.match(text, pos)) == span(rx.match(text, pos))
    assert [m.span() for m in gate.finditer(text)] == [m.span() for m in rx.finditer(text)]


@pytest.mark.parametrize("source, parts", [
    (r"a|b(?:c|d)|e", ["a", "b(?:c|d)", "e"]),
    (r"[|]x|\|y|[^]|]z", ["[|]x", r"\|y", "[^]|]z"]),
    (r"(?i:on|off)\s+fire", [r"(?i:on|off)\s+fire"]),
    (r"x|", ["x", ""]),
])
def test_alternatives_split_only_at_the_top(source, parts):
    """``|`` inside a group, a class or after a backslash does not separate alternatives."""
    assert alternatives(source) == parts
    assert "|".join(parts) == source


_ALTERNATIVES = r"\bon\s+fire\b|\bshell(?:ed|ing)\b|^\W*since\b|\w+ing\s+since|\b(?:is|are)\s+hit\s+daily\b|x"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["on", "fire", "Shelled", "shelling", "since", "ſince", "İS", "is", "hit", "DAILY",
                                 "going", "x", "-", ",", "  ", "\n", "ed"]), max_size=12),
       st.integers(0, 60), st.integers(0, 60))
def test_a_gate_over_alternatives_matches_as_its_pattern_does(words, pos, endpos):
    """A gate that runs only the alternatives a text's words allow finds what the whole pattern finds:
    the same spans, for ``search``, ``match`` and ``finditer``, case folds included."""
    text = " ".join(words)
    rx = re.compile(_ALTERNATIVES, re.I)
    gate = Gate(rx)
    assert gate.live("") is not None   # the pattern is split

    def span(m):
        return m and m.span()

    assert span(gate.search(text, pos, endpos)) == span(rx.search(text, pos, endpos))
    assert span(gate.match(text, pos)) == span(rx.match(text, pos))
    assert [m.span() for m in gate.finditer(text)] == [m.span() for m in rx.finditer(text)]


def test_the_background_gate_finds_what_its_pattern_finds_in_real_sentences():
    """Every gate of the extractors over every sentence of the development sets: the same match, the
    alternatives it skips included."""
    from analysis import facts, unlisted

    gates = [g for module in (facts, unlisted) for g in vars(module).values() if isinstance(g, Gate)]
    assert any(g.live("") is not None for g in gates)   # BACKGROUND is gated alternative by alternative
    for path in sorted((ROOT / "tests" / "real").glob("dev*/*.txt")):
        text = path.read_text("utf-8")
        for a, b in split_sentences(text):
            for gate in gates:
                found, expected = gate.search(text[a:b]), gate.pattern.search(text[a:b])
                assert (found and found.span()) == (expected and expected.span()), (path.name, text[a:a + 80])


def test_a_pattern_with_groups_or_global_flags_is_not_split():
    """A subset of alternatives would renumber groups or drop flags set for the whole pattern."""
    assert Gate(re.compile(r"(a)|b|c")).live("a") is None
    assert Gate(re.compile(r"(?i)abc|def")).live("abc") is None
    assert Gate(re.compile(r"abc|def", re.X)).live("abc") is None
