"""The one place that reads the data files in ``analysis/data/``, and the helpers that check them.

Why: every extractor is driven by a lexicon (``weapons.yaml``, ``districts.csv``…), and a mistake in one
must stop the run with a message that says where it is, never with a traceback. So the files are read
here only, each once per process (cached), and every module checks its entries on load with the helpers
below, which raise :class:`LexiconError` naming the file, the entry and what is wrong::

    weapons.yaml systems.Shahed: missing key 'class'
    categories.yaml triggers[12]: bad regular expression: missing ), unterminated subpattern at position 10

YAML 1.1 reads a bare ``no``, ``yes``, ``on`` or ``off`` as a boolean, and the lexicons are full of such
words ("no" before a digit in ``abbreviations.yaml``, "on" as a date lead in ``dates.yaml``). The loader
here follows YAML 1.2 instead: only ``true`` and ``false`` are booleans, every other bare word is text.
"""
from __future__ import annotations

import csv
import functools
import io
import re
from pathlib import Path

import yaml

from analysis.errors import NewsframeError

__all__ = ["DATA_DIR", "LexiconError", "Row", "load_yaml", "load_csv", "alternation", "compile_pattern", "require",
           "words", "counts", "number", "require_columns"]

DATA_DIR = Path(__file__).parent / "data"
"""Where the data files are; tests point it at a temporary copy."""


class LexiconError(NewsframeError):
    """A data file that cannot be used; the CLI prints it on one line and exits with status 2.

    ``LexiconError("weapons.yaml", "systems.Shahed", "missing key 'class'")`` reads
    "weapons.yaml systems.Shahed: missing key 'class'"; with no entry (None), "weapons.yaml: …".
    """

    def __init__(self, file: str, entry: str | None, problem: str):
        self.file, self.entry, self.problem = file, entry, problem
        super().__init__(str(self))

    def __reduce__(self):  # picklable, so worker processes can report it
        return (type(self), (self.file, self.entry, self.problem))

    def __str__(self) -> str:
        return f"{self.file} {self.entry}: {self.problem}" if self.entry else f"{self.file}: {self.problem}"


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe YAML with YAML 1.2 booleans (only true/false), through libyaml when PyYAML has it: the weapon
    lexicon loads ~7× faster, which every worker process pays."""

    def construct_mapping(self, node, deep=False):
        """A key written twice is an error: YAML would keep the second entry and drop the first unseen
        (two ``Shahed:`` entries under ``systems:``)."""
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)):
                continue
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"{key!r} is written twice in one mapping",
                                                        key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))


def load_yaml(name: str) -> dict:
    """``analysis/data/<name>`` parsed, a mapping at the top level; read once per process.

    The result is shared by every caller: build new objects from it, never modify it.
    """
    return _yaml(DATA_DIR / name)


@functools.cache
def _yaml(path: Path) -> dict:
    try:
        data = yaml.load(_read(path), Loader=_Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise LexiconError(path.name, f"line {mark.line + 1}" if mark else None,
                           f"not valid YAML: {getattr(error, 'problem', None) or error}") from None
    if not isinstance(data, dict):
        raise LexiconError(path.name, None, f"expected a mapping at the top level, found {_kind(data)}")
    return data


class Row(dict):
    """One CSV record, column → text, that knows its line in the file (for error messages)."""

    line: int


def load_csv(name: str) -> tuple[Row, ...]:
    """The records of ``analysis/data/<name>``, read once per process: lines starting with ``#`` are
    comments, the first other line is the header, and every record must have as many fields as it."""
    return _csv(DATA_DIR / name)


@functools.cache
def _csv(path: Path) -> tuple[Row, ...]:
    numbered = [(n, line) for n, line in enumerate(io.StringIO(_read(path), newline=""), 1)
                if not line.startswith("#")]
    reader = csv.reader(line for _, line in numbered)
    try:
        header = next(reader, [])
        rows = []
        for fields in reader:
            line = numbered[reader.line_num - 1][0]
            if not fields:
                continue
            if len(fields) != len(header):
                raise LexiconError(path.name, f"line {line}",
                                   f"{len(fields)} fields where the header has {len(header)}")
            row = Row(zip(header, fields))
            row.line = line
            rows.append(row)
    except csv.Error as error:
        raise LexiconError(path.name, f"line {numbered[reader.line_num - 1][0]}", f"not valid CSV: {error}") from None
    return tuple(rows)


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise LexiconError(path.name, None, f"cannot be read: {error}") from None


def alternation(words, ignore_case: bool = False, literal_spaces: bool = False) -> str:
    """A regex group matching any of ``words`` literally, built as a trie ("Sep(?:t(?:ember)?)?").

    Why: ``re`` tries the branches of ``a|b|c`` one by one; a trie keeps a few hundred lexicon entries
    to a handful of one-character tests per position, which is what keeps extraction fast. Longer words
    win over their prefixes ("Iskander-M" over "Iskander"); a space matches any run of whitespace; with
    ``ignore_case`` the words match in any case (``literal_spaces``: a space matches one space only,
    as in ``re.escape(word)``). No words: a group that never matches.

    The trie opens with a lookahead for the characters its words begin with ("(?=[JS])" before
    "(?:Jan|Sep…)"): where none begins, a search fails at one character-set test instead of trying
    each first branch of the trie in turn, at every position of every sentence. Every match begins
    with one of them, so the lookahead changes no match.
    """
    trie: dict = {}
    for word in words:
        text = word if literal_spaces else " ".join(word.split())
        if not text:
            raise ValueError(f"alternation: the empty word {word!r} would match everywhere")
        node = trie
        for ch in text.lower() if ignore_case else text:
            node = node.setdefault(r"\s+" if ch == " " and not literal_spaces else re.escape(ch), {})
        node[""] = {}
    body = _emit(trie) or "(?!)"
    if len(trie) > 1:
        body = f"{_lookahead(trie)}{body}"
    return f"(?i:{body})" if ignore_case else f"(?:{body})"


def initials(words, ignore_case: bool = False) -> str:
    """The lookahead ``alternation(words, ignore_case)`` opens with, to put in front of a costlier
    test that comes before the words in a pattern (a lookbehind with branches): zero-width tests
    commute, so the pattern matches as before, and fails sooner where no word begins."""
    firsts = {re.escape((w.lstrip().lower() if ignore_case else w.lstrip())[:1]) for w in words if w.strip()}
    if not firsts:
        return ""
    look = _lookahead(dict.fromkeys(firsts))
    return f"(?i:{look})" if ignore_case else look


def _lookahead(first: dict) -> str:
    """``(?=[…])`` of the trie's first characters (each key one escaped character)."""
    return f"(?=[{''.join(sorted(first))}])"


def _emit(node: dict) -> str:
    branches = [token + _emit(child) for token, child in sorted(node.items()) if token]
    if not branches:
        return ""
    if "" in node:
        return f"(?:{'|'.join(branches)})?"
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


def compile_pattern(pattern: object, file: str, entry: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, or a LexiconError naming the entry the pattern came from:
    "categories.yaml triggers[12]: bad regular expression: missing ), unterminated subpattern at position 10"."""
    if not isinstance(pattern, str):
        raise LexiconError(file, entry, f"expected a regular expression, found {_kind(pattern)}")
    try:
        return re.compile(pattern, flags)
    except re.error as error:
        raise LexiconError(file, entry, f"bad regular expression: {error}") from None


def require(value: object, file: str, entry: str, *keys: str) -> dict:
    """``value`` if it is a mapping holding every one of ``keys``: "…: missing key 'weight'"."""
    if not isinstance(value, dict):
        raise LexiconError(file, entry, f"expected a mapping, found {_kind(value)}")
    for key in keys:
        if key not in value:
            raise LexiconError(file, entry, f"missing key {key!r}")
    return value


def words(value: object, file: str, entry: str) -> list[str]:
    """``value`` if it is a list of non-empty words (a mapping gives its keys): "…: item 3 is true, not
    text — quote it"."""
    items = list(value) if isinstance(value, dict) else value
    if not isinstance(items, list):
        raise LexiconError(file, entry, f"expected a list of words, found {_kind(value)}")
    for i, item in enumerate(items):
        if not isinstance(item, str):
            raise LexiconError(file, entry, f"item {i} is {item!r}, not text — quote it")
        if not item.strip():
            raise LexiconError(file, entry, f"item {i} is empty")
    return items


def counts(value: object, file: str, entry: str, minimum: int = 0) -> dict[str, int]:
    """``value`` if it maps words to whole numbers ≥ ``minimum``: "numbers.yaml units: 'one' is 'x', not a
    whole number ≥ 0"."""
    words(value, file, entry)
    for key, n in value.items():
        if isinstance(n, bool) or not isinstance(n, int) or n < minimum:
            raise LexiconError(file, entry, f"{key!r} is {n!r}, not a whole number ≥ {minimum}")
    return value


def number(row: Row, column: str, file: str, kind: type = float) -> float | int:
    """A CSV field as a number: "districts.csv line 7: lat is 'x', not a number"."""
    try:
        return kind(row[column])
    except ValueError:
        raise LexiconError(file, f"line {row.line}", f"{column} is {row[column]!r}, not a number") from None


def require_columns(rows: tuple[Row, ...], file: str, *columns: str) -> tuple[Row, ...]:
    """``rows`` if their header has every one of ``columns``: "regions.csv header: missing column 'kind'"."""
    for column in columns:
        if rows and column not in rows[0]:
            raise LexiconError(file, "header", f"missing column {column!r}")
    return rows


def _kind(value: object) -> str:
    return {dict: "a mapping", list: "a list", str: f"the text {value!r}", type(None): "nothing"}.get(
        type(value), repr(value))
