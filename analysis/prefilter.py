"""The words a regular expression cannot match without: a cheap test that skips most patterns per sentence.

Trigger lexicons hold dozens of large case-insensitive alternations, and running every one over every
sentence is the extractor's largest cost. Yet a pattern such as ``(?:missile|drone) strikes? on`` cannot
match a sentence that has no word starting "strike" (or "on"). ``necessary_words`` reads the pattern's
syntax tree (Python's own regex parser) and returns such a set of word starts: every match of the pattern
contains, at the start of a word, one of them. A sentence none of whose words starts so is skipped.

The analysis is conservative: where it cannot prove a word starts a word of the text (a literal after an
optional letter, inside a class, after a wildcard), it does not use it, and where no set can be proved it
returns ``None`` so that the caller always runs the pattern.

    >>> sorted(necessary_words(r"(?:missile|drone) strikes? on"))
    ['strike']
    >>> sorted(necessary_words(r"(?:took|taken|taking) control"))
    ['contro']
    >>> necessary_words(r"\\w+ed") is None
    True
"""
from __future__ import annotations

import re
from re import _constants as C   # the regex parser's node types, stable across CPython 3.11+
from re import _parser

# A word start longer than this is cut: the caller indexes words by their first PREFIX letters.
PREFIX = 6
# Words so common that a set holding one lets nearly every sentence through.
COMMON = frozenset("the and for with was were are has have had been that from into its this their his her "
                   "was not but they than then also".split())
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
_NON_LETTER_CATEGORIES = (C.CATEGORY_DIGIT, C.CATEGORY_SPACE, C.CATEGORY_NOT_WORD)


def necessary_words(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Word starts (lower case, at most ``PREFIX`` letters) of which every match holds one, or None.

    The pattern is taken to begin at a word start, as trigger patterns do (they are wrapped in
    ``(?<![\\w-])``)."""
    return _sequence(list(_parser.parse(pattern, flags)), "")


def _score(words: frozenset[str]) -> tuple:
    """The better set lets fewer sentences through: no common word, few words, long words."""
    return (any(w in COMMON for w in words), len(words), -min(len(w) for w in words))


def _better(a: frozenset | None, b: frozenset | None) -> frozenset | None:
    if a is None or b is None:
        return a if b is None else b
    return a if _score(a) <= _score(b) else b


def _letter(op, av) -> bool:
    return op is C.LITERAL and chr(av).isalpha()


def _no_letters(op, av) -> bool:
    """A node that only ever matches characters that are not letters (so a word starts after it)."""
    if op is C.LITERAL:
        return not chr(av).isalpha()
    if op is C.IN:
        return all(o is C.LITERAL and not chr(a).isalpha()
                   or o is C.CATEGORY and a in _NON_LETTER_CATEGORIES
                   or o is C.RANGE and not any(chr(c).isalpha() for c in range(a[0], a[1] + 1))
                   for o, a in av)
    if op in _REPEATS:
        return all(_no_letters(o, a) for o, a in av[2])
    return False


def _sequence(items: list, lead: str | None) -> frozenset[str] | None:
    """The best necessary set of a sequence of nodes. ``lead``: the letters since the word start the
    sequence begins in ("" right at a word start, "t" after the parser factored "t" out of
    "took|taken"), or None when the sequence may begin inside a word."""
    return _walk(items, lead, lambda word: frozenset({word}), _node, _better, None)


def _walk(items: list, lead: str | None, word, node, combine, start):
    """The walk ``_sequence`` and ``_seq_clauses`` share: a run of letters gives a word start once three
    letters of the word are known (``word``), any other node its own reading (``node``); ``combine``
    folds each into what the walk has, from ``start``."""
    acc, i = start, 0
    while i < len(items):
        op, av = items[i]
        if _letter(op, av):
            j = i
            while j < len(items) and _letter(*items[j]):
                j += 1
            if lead is not None:
                lead += "".join(chr(a) for _, a in items[i:j]).lower()
                if len(lead) >= 3:
                    acc, lead = combine(acc, word(lead[:PREFIX])), None
            i = j
            continue
        acc = combine(acc, node(op, av, lead))
        lead = _lead_after(op, av, lead)
        i += 1
    return acc


def _node(op, av, lead: str | None) -> frozenset[str] | None:
    """The necessary set of one node that is not a letter: a group, an alternation, a repeat."""
    if op is C.SUBPATTERN:
        return _sequence(list(av[3]), lead)
    if op is C.BRANCH:
        sets = [_sequence(list(branch), lead) for branch in av[1]]
        return None if any(s is None for s in sets) else frozenset().union(*sets)
    if op in _REPEATS and av[0] >= 1:
        return _sequence(list(av[2]), lead)
    return None


def _lead_after(op, av, lead: str | None) -> str | None:
    """Where the text stands after a node: at a word start ("") after ``\\b``, a node of non-letters or
    a group that ends in one ("(?:full )?" when it began at a word start too); where it stood after a
    zero-width assertion; anywhere (None) after anything else."""
    if op is C.AT:
        return "" if av is C.AT_BOUNDARY else lead
    if op in (C.ASSERT, C.ASSERT_NOT):
        return lead
    optional = op in _REPEATS and av[0] == 0
    if _no_letters(op, av) or _ends_word(op, av, top=True):
        return "" if lead == "" or not optional else None   # "drone ?strike" may spell "dronestrike"
    return None


def _ends_word(op, av, top: bool = False) -> bool:
    """Does every match of the node (every non-empty one, at the ``top``) end with a character that is
    not a letter? Inside a group, an optional last node may match nothing, so the group may not."""
    if op in _REPEATS and av[0] == 0 and not top:
        return False
    if _no_letters(op, av):
        return True
    if op is C.SUBPATTERN:
        items = list(av[3])
        return bool(items) and _ends_word(*items[-1])
    if op is C.BRANCH:
        return all(len(b) and _ends_word(*list(b)[-1]) for b in av[1])
    if op in _REPEATS:
        items = list(av[2])
        return bool(items) and _ends_word(*items[-1])
    return False


# -- conjunctions: every necessary set of a pattern, not only the best one ------------------------------
#
# ``necessary_words`` keeps one set per pattern, so "(?:said|says) (?:this|it|that) (?:was|were) (?:untrue|
# false)" opens on every "said". Its matches need a word from *each* of several sets, and for an
# alternation, from each of the sets of one of its branches. ``necessary_clauses`` keeps them all, as
# clauses: a pattern can match only where, for some clause, every set of it has a word start in the text.

MAX_CLAUSES = 24   # a product of alternations beyond this many clauses keeps the sets it has so far


Clauses = frozenset   # of clauses; a clause is a frozenset of word-start sets (frozensets of str)
ANYWHERE: Clauses = frozenset({frozenset()})   # one clause with nothing required: may match any text


def necessary_clauses(pattern: str, flags: int = 0) -> Clauses:
    """Clauses of necessary word-start sets (see above); ``ANYWHERE`` when none can be proved.

    Sound exactly as ``necessary_words`` is (the same reading of the syntax tree, node by node): every
    set ``necessary_words`` could pick for a branch is one of its clause's sets, so this prunes at least
    as much."""
    return _drop_common(_seq_clauses(list(_parser.parse(pattern, flags)), ""))


def _drop_common(clauses: Clauses) -> Clauses:
    """Without the sets that hold a common word: nearly every sentence has one, so testing them is waste."""
    return frozenset(frozenset(s for s in clause if not any(w in COMMON for w in s)) for clause in clauses)


def _and(a: Clauses, b: Clauses) -> Clauses:
    """Both: each clause of one with each of the other, unless that grows past MAX_CLAUSES (then ``a``,
    which is sound: it only requires less)."""
    if b == ANYWHERE or len(a) * len(b) > MAX_CLAUSES:
        return a
    return frozenset(x | y for x in a for y in b)


def _or(sets: list[Clauses]) -> Clauses:
    """Either: the clauses of all; one that requires nothing makes the whole require nothing. Branches
    that each require one set ("missile|drone") make one set of their words, so clauses stay few."""
    if all(len(c) == 1 and len(next(iter(c))) == 1 for c in sets):
        return frozenset({frozenset({frozenset().union(*(next(iter(next(iter(c)))) for c in sets))})})
    out = frozenset().union(*sets)
    return ANYWHERE if frozenset() in out or len(out) > MAX_CLAUSES else out


def _seq_clauses(items: list, lead: str | None) -> Clauses:
    """``_sequence``'s walk, keeping every necessary set instead of the best."""
    return _walk(items, lead, lambda word: frozenset({frozenset({frozenset({word})})}), _node_clauses, _and, ANYWHERE)


def _node_clauses(op, av, lead: str | None) -> Clauses:
    """``_node``'s reading, as clauses."""
    if op is C.SUBPATTERN:
        return _seq_clauses(list(av[3]), lead)
    if op is C.BRANCH:
        return _or([_seq_clauses(list(branch), lead) for branch in av[1]])
    if op in _REPEATS and av[0] >= 1:
        return _seq_clauses(list(av[2]), lead)
    return ANYWHERE


# -- the first word: where a match can begin --------------------------------------------------------------

def initial_words(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Word starts (lower case, at most ``PREFIX`` letters, at least 3) one of which every match of the
    pattern *begins* with, or None. "(?:shot|brought) down" → {"shot", "brough"}.

    Why: a pattern whose matches all begin with such a word need not be searched at every character of
    a sentence; trying it only where those words start finds the same matches. Taken, like
    ``necessary_words``, to begin at a word start; zero-width assertions before the first letters are
    passed over (they consume nothing)."""
    return _initial(list(_parser.parse(pattern, flags)), "")


def _initial(items: list, lead: str) -> frozenset[str] | None:
    """The first word of every match of the sequence ``items``, ``lead`` being the letters already
    consumed since the match began: three letters in a row are enough to look the word up."""
    i = 0
    while i < len(items) and len(lead) < PREFIX and (items[i][0] in (C.ASSERT, C.ASSERT_NOT, C.AT)
                                                     or _letter(*items[i])):
        op, av = items[i]
        lead += chr(av).lower() if op is C.LITERAL else ""
        i += 1
    if len(lead) >= 3:
        return frozenset({lead[:PREFIX]})
    if i == len(items):
        return None
    op, av = items[i]
    rest = items[i + 1:]
    if op is C.SUBPATTERN:
        return _initial(list(av[3]) + rest, lead)
    if op is C.BRANCH:
        sets = [_initial(list(branch) + rest, lead) for branch in av[1]]
        return None if any(s is None for s in sets) else frozenset().union(*sets)
    return None


# -- a gate before one costly search ------------------------------------------------------------------------

_WORD_STARTS = (C.AT_BOUNDARY, C.AT_BEGINNING, C.AT_BEGINNING_STRING)
# Letters a case-insensitive pattern matches as an ASCII letter although ``str.lower`` keeps them apart
# ("ı", "ſ"), or turns into two characters ("İ"): a text holding one is always searched.
_FOLDED = ("\u0130", "\u0131", "\u017f")


def _begins_word(items: list) -> bool:
    """Does every match of the sequence begin at a word start (``\\b`` or ``^`` first, in every branch)?"""
    if not items:
        return False
    op, av = items[0]
    if op is C.AT:
        return av in _WORD_STARTS
    if op is C.SUBPATTERN:
        return _begins_word(list(av[3]) + items[1:])
    if op is C.BRANCH:
        return all(_begins_word(list(branch) + items[1:]) for branch in av[1])
    return False


# -- the words every gate needs, found once per sentence -----------------------------------------------

class _Vocabulary:
    """The word starts of every gate, one bit each, and the one pass over a sentence that finds them. Why:
    each gate ran its own finder over the lower-case sentence (eight passes per sentence); now one pass
    gives the bits of the words the sentence holds, and each gate tests its mask. The last sentence's
    bits are kept: the extractors of a sentence all pass the same string."""

    def __init__(self) -> None:
        self.bit: dict[str, int] = {}
        self._finder: re.Pattern | None = None
        self._bits: dict[str, int] = {}
        self._last: tuple = (None, None)

    def mask(self, words) -> int:
        """The bits of ``words`` (lower case, at most PREFIX letters), added to the vocabulary if new."""
        out = 0
        for w in words:
            if w not in self.bit:
                self.bit[w] = 1 << len(self.bit)
                self._finder, self._last = None, (None, None)   # built again at the next sentence
            out |= self.bit[w]
        return out

    def seen(self, text: str) -> int | None:
        """The bits of the vocabulary's words that start a word of ``text`` (at a letter not after a
        lower-case ASCII letter, as the gates' ``(?<![a-z])``), or None when the lower-case text cannot be
        trusted (``_FOLDED``, or a letter ``lower`` lengthens)."""
        if text is self._last[0]:
            return self._last[1]
        if self._finder is None:
            self._build()
        seen = None
        if not any(ch in text for ch in _FOLDED):
            low = text.lower()
            if len(low) == len(text):
                seen = 0
                for word in self._finder.findall(low):
                    seen |= self._bits[word]
        self._last = (text, seen)
        return seen

    def _build(self) -> None:
        """The finder (a trie: longer words win over their prefixes) finds the longest word at each word
        start, and a word found gives the bits of the shorter ones it begins with too ("shelle" also
        gives "shell")."""
        from analysis.lexicon import alternation   # a trie: a few tests per position, not one per word

        every = list(self.bit)
        self._bits = {w: sum(b for v, b in self.bit.items() if w.startswith(v)) for w in every}
        # words of ASCII letters only cannot hold another word start, so the finder may consume them
        ahead = "(" if all(w.isascii() and w.isalpha() for w in every) else "(?=("
        self._finder = re.compile(r"(?<![a-z])" + ahead + alternation(every, literal_spaces=True)
                                  + ")" * ahead.count("("))


_VOCABULARY = _Vocabulary()


def alternatives(source: str) -> list[str]:
    """The top-level alternatives of a regex source ("a|(?:b|c)|[|]" → "a", "(?:b|c)", "[|]"): ``|``
    outside groups, classes and escapes."""
    out, depth, start, i, n = [], 0, 0, 0, len(source)
    while i < n:
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i += 1
            if i < n and source[i] == "^":
                i += 1
            if i < n and source[i] == "]":   # a "]" first in a class is a literal
                i += 1
            while i < n and source[i] != "]":
                i += 2 if source[i] == "\\" else 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(source[start:i])
            start = i + 1
        i += 1
    out.append(source[start:])
    return out


_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux-]+\)")   # "(?i)" first in a pattern: flags of the whole


class Gate:
    """``pattern.search`` (``match``, ``finditer``) behind a cheap test: a text none of whose words starts
    with one of the pattern's ``necessary_words`` cannot match, and is not searched. Why: a long
    case-insensitive alternation (``facts.BACKGROUND``) tries every branch at every character of every
    sentence; the words it needs are found in one pass over the lower-case text (``_Vocabulary``). A
    pattern that may begin inside a word is read from its first word start on (``"\\s+by\\b"`` needs "by"
    as a word of its own). Without a provable set (a pattern that needs no word) every text is searched,
    so the gate never changes a result. A search from ``pos`` to ``endpos`` is gated on the whole text: a
    match inside the window has its words in the text too.

    A pattern made of top-level alternatives (and no groups) is gated alternative by alternative: a text
    is searched with only those whose ``necessary_clauses`` its words satisfy, in their order. Why: a
    text that passes the whole gate on one word ("since") then runs the two or three alternatives that
    word can open, not all thirty; the others cannot match anywhere in it, so the match is the same.

        >>> bool(Gate(re.compile(r"\\bha(?:s|ve)\\s+long\\s+\\w+ed", re.I)).search("It has long suffered"))
        True
        >>> Gate(re.compile(r"\\bha(?:s|ve)\\s+long\\s+\\w+ed", re.I)).finder.pattern
        '(?<![a-z])(?:long)'
        >>> Gate(re.compile(r"\\w+ing\\s+(?:sanctioned|barred)", re.I)).finder.pattern
        '(?<![a-z])(?:barred|sancti)'
        >>> Gate(re.compile(r"\\bon\\s+fire\\b|\\bshell(?:ed|ing)\\b", re.I)).live("Shelling went on")
        (1,)
    """

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        tree = list(_parser.parse(pattern.pattern, pattern.flags))
        words = _sequence(tree, "" if _begins_word(tree) else None)
        # the words as one pattern, to read (the gate tests them with the other gates', ``_Vocabulary``)
        self.finder = re.compile(r"(?<![a-z])(?:" + "|".join(sorted(map(re.escape, words))) + ")") if words else None
        self._need = _VOCABULARY.mask(words) if words else None
        self._alternatives, clauses = self._split(pattern)
        # each alternative's clauses, each clause the masks of its word sets (all needed, one word of each)
        self._clauses = tuple(tuple(tuple(_VOCABULARY.mask(word_set) for word_set in clause) for clause in c)
                              for c in clauses)
        self._subsets: dict[tuple[int, ...], re.Pattern] = {}

    @staticmethod
    def _split(pattern: re.Pattern) -> tuple[list[str], list[Clauses]]:
        """The pattern's alternatives and each one's necessary clauses; none for a pattern a subset of
        its alternatives could not stand for (capture groups would be renumbered, inline or verbose
        flags belong to the whole)."""
        alts = alternatives(pattern.pattern) if isinstance(pattern.pattern, str) else []
        if len(alts) < 2 or pattern.groups or pattern.flags & re.VERBOSE or _GLOBAL_FLAGS.match(pattern.pattern):
            return [], []
        clauses = []
        for alt in alts:
            tree = list(_parser.parse(alt, pattern.flags))
            clauses.append(_drop_common(_seq_clauses(tree, "" if _begins_word(tree) else None)))
        return alts, clauses

    def live(self, text: str) -> tuple[int, ...] | None:
        """The alternatives that may match ``text`` (all when its words cannot be trusted), or None for a
        pattern not split into alternatives."""
        if not self._alternatives:
            return None
        seen = _VOCABULARY.seen(text)
        if seen is None:
            return tuple(range(len(self._alternatives)))
        live = []
        for i, clauses in enumerate(self._clauses):   # plain loops: this runs for every text the gate passes
            for clause in clauses:
                for m in clause:
                    if not m & seen:
                        break
                else:
                    live.append(i)
                    break
        return tuple(live)

    def may_match(self, text: str) -> bool:
        """False only when the pattern cannot match anywhere in ``text``."""
        if self._need is None:
            return True
        seen = _VOCABULARY.seen(text)
        return seen is None or bool(seen & self._need)

    def _narrowed(self, text: str) -> re.Pattern | None:
        """The pattern to run over ``text``: None when it cannot match, else the alternatives that may."""
        if not self.may_match(text):   # the whole pattern's words first: one search, most texts stop here
            return None
        live = self.live(text)
        if live is None or len(live) == len(self._alternatives):
            return self.pattern
        if not live:
            return None
        found = self._subsets.get(live)
        if found is None:
            if len(self._subsets) >= 4096:
                self._subsets.clear()
            found = self._subsets[live] = re.compile("|".join(self._alternatives[i] for i in live), self.pattern.flags)
        return found

    def search(self, text: str, *window: int) -> re.Match | None:
        pattern = self._narrowed(text)
        return pattern.search(text, *window) if pattern is not None else None

    def match(self, text: str, *window: int) -> re.Match | None:
        pattern = self._narrowed(text)
        return pattern.match(text, *window) if pattern is not None else None

    def finditer(self, text: str, *window: int):
        pattern = self._narrowed(text)
        return pattern.finditer(text, *window) if pattern is not None else iter(())
