"""Read a seeds folder — ``catalog.csv`` plus ``*.txt`` / ``*.md`` articles and ``*.html`` / ``*.htm``
saved web pages — into ``Article`` objects.

Why: the publication date anchors every relative date ("yesterday", "February 12"), so each article
must have one, from its catalog row or its YAML front matter; anything missing or malformed is an
``InputError`` that names the file, the line when there is one, and the fix — never a guess.

A catalog row wins over front matter field by field; empty strings mean "not given". Offsets in
``Article.text`` are into the body: a UTF-8 BOM and the front matter are not part of it.

A saved web page's body is the article text ``webpage.extract_page`` finds in it (kept as
``Article.body``, since the file is not the body); the page's own title, date, outlet and URL play the
part of front matter: the catalog's values win, and ``published`` may be left out of the catalog when
the page declares it.

Hostile input is refused, not survived: a file (or catalog) that resolves outside the seeds folder
through a symlink, a YAML alias (``*name``: a few bytes can expand to gigabytes), a list or mapping
where a known key wants one value, a key or catalog column given twice, a ``published`` date outside
MIN_DATE … MAX_DATE. A readable article with nothing to extract (a title only) becomes an issue row
(``Article.notes``), not an error.

Example::

    >>> arts = list(iter_articles(Path("seeds")))             # doctest: +SKIP
    >>> arts[0].published, arts[0].title                       # doctest: +SKIP
    (datetime.date(2025, 2, 12), 'Russia Launches Missile Attack on Kyiv')
"""
from __future__ import annotations

import csv
import datetime
import hashlib
import io
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from .errors import InputError
from .sentences import Block, SentenceSpan, segment
from .webpage import MAX_PAGE_BYTES, PAGE_SUFFIXES, extract_page, is_page

__all__ = ["Article", "read_catalog", "read_article", "iter_articles", "find_article_files",
           "MIN_DATE", "MAX_DATE", "DATE_RANGE", "MIN_EVENT_DATE", "MAX_EVENT_DATE"]

CATALOG = "catalog.csv"
MAX_BYTES = 5 * 1024 * 1024
DEFAULT_TIMEZONE = "Europe/Kyiv"
TEXT_SUFFIXES = (".txt", ".md")
SUFFIXES = (*TEXT_SUFFIXES, *PAGE_SUFFIXES)
FIELDS = ("title", "outlet", "url", "timezone")
COLUMNS = ("file", "published", *FIELDS)
# Why a range: tables hold dates as pandas datetime64[ns] (1677-09-21 … 2262-04-11), and the text's own
# dates ("99 years ago", "in 2099") reach about a century either side of the publication date. Articles
# published in MIN_DATE … MAX_DATE keep every date they give representable; anything else is a typo.
# The report's --as-of, start_date / end_date and last_days reuse these bounds.
MIN_DATE = datetime.date(1900, 1, 1)
MAX_DATE = datetime.date(2100, 12, 31)
DATE_RANGE = f"{MIN_DATE} … {MAX_DATE}"
# An event date derived from the text outside these bounds (a chain of "99 days earlier", sentence after
# sentence) is nonsense: the pipeline leaves that event undated, with an issue row.
MIN_EVENT_DATE = datetime.date(1800, 1, 1)
MAX_EVENT_DATE = datetime.date(2200, 12, 31)
DATE_FIX = "write it as YYYY-MM-DD, e.g. 2025-02-12"
PUBLISHED_FIX = ("add a row to catalog.csv with 'published' as YYYY-MM-DD, "
                 "or a front-matter line 'published: YYYY-MM-DD' between '---' lines at the top")
NO_TEXT = ("no_text", "the article has a title but no paragraphs, so there are no sentences to extract events "
                      "from (check the file holds the whole article)")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_FRONT_OPEN = re.compile(r"---[ \t]*(?:\r\n|\r|\n)")
_FRONT_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|\Z)", re.M)


@dataclass(slots=True)
class Article:
    """One article: metadata, the body text all offsets refer to, and its blocks and sentences."""

    article_id: str
    file: str
    path: Path
    title: str
    published: datetime.date
    outlet: str | None
    url: str | None
    timezone: str
    sha256: str
    text: str
    blocks: list[Block]
    sentences: list[SentenceSpan]
    notes: list[tuple[str, str]] = field(default_factory=list)  # (kind, detail) → rows of the issues table
    body: str | None = None  # the text extracted from a web page (== text); None when the file is the body


def _ignored(name: str) -> str | None:
    """Why a file of the folder is never read as an article (None: it is an article file). Hidden
    files are editor or OS leftovers; ``README.md`` documents the folder."""
    if name.startswith("."):
        return "a hidden file (its name starts with '.')"
    if name.lower() == "readme.md":
        return "the folder's README, which documents the folder"
    return None


def find_article_files(folder: Path) -> list[Path]:
    """``*.txt``, ``*.md``, ``*.html`` and ``*.htm`` files directly in ``folder``, sorted by name. Hidden
    files and ``README.md`` (folder documentation, not an article) are left out. One directory listing
    whose entry types say which are files (a ``stat`` only for a link, to follow it): a re-run lists
    10,000 articles before it knows whether anything changed."""
    try:
        with os.scandir(folder) as entries:
            names = [e.name for e in entries if e.name.lower().endswith(SUFFIXES) and _is_file(e)
                     and not _ignored(e.name)]
    except OSError as e:
        raise InputError(folder, f"cannot list the folder ({e.strerror})", "check its permissions") from None
    folder = Path(folder)
    return [folder / name for name in sorted(names)]


def _is_file(entry: os.DirEntry, follow: bool = True) -> bool:
    """``Path.is_file`` of a listed entry (a link followed unless ``follow`` is False): False, not an
    error, for one that cannot be checked."""
    try:
        return entry.is_file(follow_symlinks=follow)
    except OSError:
        return False


def _plain_files(folder: Path) -> frozenset[str]:
    """The names of the regular files, not links, directly in ``folder``, from one listing; empty when it
    cannot be listed. Why: a catalog row naming one needs neither ``_check_row``'s existence check nor
    its link check (``_confine``): 20,000 system calls fewer for a catalog of 10,000 rows."""
    try:
        with os.scandir(folder) as entries:
            return frozenset(e.name for e in entries if _is_file(e, follow=False))
    except OSError:
        return frozenset()


def _show(value: object, limit: int = 60) -> str:
    """``repr`` of a user's value cut to ``limit`` characters, so an error stays one short line."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _parse_date(value: object, where: str, line: int | None) -> datetime.date:
    """A ``published`` value (a date, or text that must be YYYY-MM-DD) → a date in MIN_DATE … MAX_DATE
    (outside it, later steps could not hold the dates the text gives: see MIN_DATE)."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        day = value
    else:
        text = str(value).strip()
        if not _DATE.fullmatch(text):
            raise InputError(where, f"'published' is not a YYYY-MM-DD date: {_show(text)}", DATE_FIX, line)
        try:
            day = datetime.date.fromisoformat(text)
        except ValueError:
            raise InputError(where, f"'published' is not a real date: {_show(text)}", DATE_FIX, line) from None
    if not MIN_DATE <= day <= MAX_DATE:
        raise InputError(where, f"'published' {day} is outside the supported range {DATE_RANGE}",
                         "check the year: newsframe reads articles published from 1900 to 2100", line)
    return day


def _check_timezone(name: str, where: str, line: int | None) -> str:
    try:
        ZoneInfo(name)
    except Exception:  # ZoneInfoNotFoundError, ValueError for malformed keys, OSError, ...
        raise InputError(where, f"unknown timezone {_show(name)}",
                         "use an IANA name such as Europe/Kyiv or UTC", line) from None
    return name


def _inside(path: Path, folder: Path) -> bool:
    """Does ``path``, with every symlink followed, lie in ``folder`` (also resolved)? Why: a link named
    like an article could otherwise put any file of the machine (/etc/os-release) into the tables.

    A plain file named directly in the folder (no link, no ``..``) lies in it whatever the folder
    resolves to: one ``lstat`` instead of resolving every component, for each of 10,000 catalog rows."""
    try:
        if path.parent == Path(folder) and path.name not in ("", ".", "..") and not path.is_symlink():
            return True
        return path.resolve().is_relative_to(Path(folder).resolve())
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a name the OS refuses
        return False


def _confine(path: Path, folder: Path, where: str, line: int | None = None) -> None:
    """InputError at ``where`` (and ``line``) unless ``path`` resolves inside the seeds ``folder``."""
    if not _inside(path, folder):
        try:
            target = str(path.resolve())
        except (OSError, RuntimeError, ValueError):
            target = "a path that cannot be resolved"
        raise InputError(where, f"{path.name!r} is a link to {target}, outside the seeds folder "
                         f"{Path(folder).resolve()}",
                         "copy the file into the seeds folder instead of linking to it", line)


def _clean(value: object) -> str | None:
    text = "" if value is None else str(value).strip()
    return text or None


def _line_of(data: bytes, offset: int) -> int:
    """1-based line of a byte offset, counting \\n, \\r\\n and \\r line ends."""
    return data.count(b"\n", 0, offset) + data.count(b"\r", 0, offset) - data.count(b"\r\n", 0, offset) + 1


def _decode(data: bytes, where: str) -> str:
    """UTF-8 → str, saying where the first bad byte is; a leading BOM is dropped."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = _line_of(data, e.start)
        raise InputError(where, f"not UTF-8: byte 0x{data[e.start]:02x} at byte offset {e.start}",
                         "re-save the file as UTF-8", line) from None
    return text[1:] if text.startswith("\ufeff") else text


def _catalog_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line, raw row)`` for each catalog row; structural problems always raise."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(path, f"cannot read the catalog ({e.strerror})", "check its permissions") from None
    text = _decode(data, str(path))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    line = 1
    try:
        header = [h.strip().lower() for h in next(reader, [])]
        _check_header(path, header)
        # Only the contract's columns are kept: a header of 100,000 names must not cost 100,000 per row.
        known = [(i, name) for i, name in enumerate(header) if name in COLUMNS]
        while True:
            line = reader.line_num + 1
            values = next(reader, None)
            if values is None:
                return
            if not any(v.strip() for v in values):
                continue
            if len(values) > len(header):
                raise InputError(path, f"row has {len(values)} fields but the header has {len(header)}",
                                 "quote values that contain commas, e.g. \"Kyiv, Ukraine\"", line)
            yield line, {name: values[i] if i < len(values) else "" for i, name in known}
    except csv.Error as e:
        raise InputError(path, f"malformed CSV ({e})",
                         "check the quotes on this line: a quoted value must end with '\"'", line) from None


def _check_header(path: Path, header: list[str]) -> None:
    """The catalog's first line must name ``file`` and ``published``, and no column twice (which one
    would win is a guess)."""
    for need in ("file", "published"):
        if need not in header:
            raise InputError(path, f"the header has no '{need}' column",
                             "the first line must name the columns, e.g. "
                             "file,published,title,outlet,url,timezone", 1)
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            raise InputError(path, f"the header names the column {_show(name)} twice",
                             "keep one column of each name", 1)
        seen.add(name)


def _check_row(folder: Path, where: str, line: int, raw: dict[str, str], plain: frozenset[str] = frozenset()) -> dict:
    """A catalog row checked and cleaned; ``plain`` (``_plain_files``): names known to be regular files
    of the folder, whose existence and confinement need no check of their own."""
    name = (raw.get("file") or "").strip()
    if not name:
        raise InputError(where, "'file' is empty", "name the article file, e.g. 001_kyiv.txt", line)
    if name in (".", "..") or "/" in name or "\\" in name or re.match(r"[A-Za-z]:", name):
        raise InputError(where, f"'file' must name a file inside the folder, not a path: {_show(name)}",
                         "move the article into the seeds folder and give just its file name", line)
    if not name.lower().endswith(SUFFIXES):
        raise InputError(where, f"{_show(name)} is not a .txt or .md article or an .html web page",
                         "save the article as plain text (.txt or .md) or as a web page (.html)", line)
    reason = _ignored(name)
    if reason:
        raise InputError(where, f"{_show(name)} is {reason}, never read as an article",
                         "rename the file (no leading '.', not README.md) or remove this row", line)
    if name not in plain:
        if not (folder / name).is_file():
            raise InputError(where, f"{_show(name)} does not exist in {folder}",
                             "add the file or remove this row", line)
        _confine(folder / name, folder, where, line)
    row: dict = {k: _clean(v) for k, v in raw.items()}
    row["file"], row["_line"] = name, line
    if row.get("published") is not None:
        row["published"] = _parse_date(row["published"], where, line)
    if row.get("timezone") is not None:
        _check_timezone(row["timezone"], where, line)
    return row


def read_catalog(folder: Path, on_row_error: Callable[[str | None, InputError], None] | None = None
                 ) -> dict[str, dict]:
    """``catalog.csv`` of ``folder`` as file name → row (stripped strings or None; ``published`` a
    date; ``_line`` the catalog line). No catalog → ``{}``. With ``on_row_error(file, error)`` a bad
    row is reported and left out instead of raising; a broken header or CSV always raises."""
    folder = Path(folder)
    path = folder / CATALOG
    if not path.is_file():
        return {}
    where = str(path)
    _confine(path, folder, where)
    rows: dict[str, dict] = {}
    plain = _plain_files(folder)
    for line, raw in _catalog_rows(path):
        try:
            row = _check_row(folder, where, line, raw, plain)
            if row["file"] in rows:
                raise InputError(where, f"{row['file']!r} is listed twice (first on line "
                                 f"{rows[row['file']]['_line']})", "keep one row per article", line)
        except InputError as error:
            if on_row_error is None:
                raise
            on_row_error((raw.get("file") or "").strip() or None, error)
            continue
        rows[row["file"]] = row
    return rows


EXAMPLES = {"published": "2025-02-12", "title": "Russia Launches Missile Attack on Kyiv",
            "outlet": "Kyiv Independent", "url": "https://example.org/article", "timezone": "Europe/Kyiv"}
_SCALARS = (str, int, float, bool, type(None), datetime.date)


class _Refused(yaml.YAMLError):
    """Front matter that is valid YAML but refused: the message, its fix, and the YAML mark."""

    def __init__(self, message: str, fix: str, mark) -> None:
        super().__init__(message)
        self.message, self.fix, self.mark = message, fix, mark


class _FrontMatterLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that leaves dates as strings, so ``published: 2025-02-30`` gets the
    same checked YYYY-MM-DD parsing (and error message) as a catalog value; and that refuses
    aliases (``*name``): a few hundred bytes of nested aliases expand to gigabytes (a "billion
    laughs" bomb) long before the 5 MB file cap could help."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _Refused(f"front matter uses a YAML alias (*{event.anchor[:40]})", "write the value out",
                           event.start_mark)
        return super().compose_node(parent, index)


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def _check_keys(node) -> None:
    """The top mapping gives each key once (case-insensitively: which would win is a guess), and the
    known keys a single value — a list or mapping would be turned into its Python spelling."""
    first: dict[str, int] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            continue  # a list or mapping as a key: the constructor refuses it
        key = str(key_node.value).strip().lower()
        if key in first:
            raise _Refused(f"front matter gives {_show(key)} twice (first on line {first[key] + 2})",
                           "keep one line per key", key_node.start_mark)
        first[key] = key_node.start_mark.line
        if key in EXAMPLES and not isinstance(value_node, yaml.ScalarNode):
            kind = "list" if isinstance(value_node, yaml.SequenceNode) else "mapping"
            raise _Refused(f"front matter '{key}' is a {kind}, not a single value",
                           f"write one value on its line, e.g. '{key}: {EXAMPLES[key]}'", key_node.start_mark)


def _load_front_matter(snippet: str) -> object:
    """The YAML of the front matter, checked as a tree (nodes) before any value is built."""
    loader = _FrontMatterLoader(snippet)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if isinstance(node, yaml.MappingNode):
            _check_keys(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _front_matter(text: str, where: str) -> tuple[dict, str]:
    """Split ``---`` YAML front matter off ``text``: (mapping, body)."""
    opening = _FRONT_OPEN.match(text)
    if not opening:
        return {}, text
    closing = _FRONT_CLOSE.search(text, opening.end())
    if closing is None:
        raise InputError(where, "front matter opened with '---' on line 1 is never closed",
                         "end the front matter with a line '---'", 1)
    fix = "write one 'key: value' per line, quoting values that contain ':'"
    try:
        meta = _load_front_matter(text[opening.end():closing.start()])
    except _Refused as e:
        raise InputError(where, e.message, e.fix, e.mark.line + 2) from None
    except yaml.YAMLError as e:
        # The context mark is where the broken construct began ("[" of an unclosed list).
        mark = getattr(e, "context_mark", None) or getattr(e, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        raise InputError(where, f"malformed YAML front matter ({getattr(e, 'problem', None) or e})",
                         fix, line) from None
    except (ValueError, TypeError, OverflowError, RecursionError) as e:
        raise InputError(where, f"malformed YAML front matter ({type(e).__name__}: {e})", fix, 1) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise InputError(where, "front matter is not a list of 'key: value' lines",
                         "write e.g. 'published: 2025-02-12' between the '---' lines", 2)
    meta = {str(k).strip().lower(): v for k, v in meta.items()}
    for key, example in EXAMPLES.items():
        if not isinstance(meta.get(key), _SCALARS):  # e.g. !!binary, !!set: no text to use
            raise InputError(where, f"front matter '{key}' is a YAML {type(meta[key]).__name__} value, not text",
                             f"write it as plain text, e.g. '{key}: {example}'", _key_line(text, key))
    return meta, text[closing.end():]


def _key_line(text: str, key: str) -> int | None:
    """Line of ``key:`` in the front matter at the top of ``text``, for error messages."""
    m = re.search(rf"^{key}[ \t]*:", text[:4096], re.M | re.I)
    if m is None:
        return None
    head = text[:m.start()]
    return head.count("\n") + head.count("\r") - head.count("\r\n") + 1


def _read_bytes(path: Path, folder: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of an article file inside the seeds ``folder`` (symlinks followed), at most ``limit``:
    the size is checked before reading, and no more than ``limit + 1`` bytes are ever read (a file
    that grows while it is read cannot make the read unbounded)."""
    where = str(path)
    _confine(path, folder, where)

    def too_large(size: int) -> InputError:
        return InputError(where, f"too large: {size / 1024 / 1024:.1f} MB, the limit is {limit / 1024 / 1024:g} MB",
                          "split it or check it is an article")
    try:
        size = path.stat().st_size if path.is_file() else 0
        if size > limit:
            raise too_large(size)
        with path.open("rb") as f:
            data = f.read(size + 1)  # a buffer of the file's size, not of the limit
            if len(data) > size:     # it grew since stat: read on, up to just past the limit
                data += f.read(limit + 1 - len(data))
    except OSError as e:
        raise InputError(where, f"cannot read the file ({e.strerror})",
                         "check the path and permissions") from None
    if len(data) > limit:
        raise too_large(len(data))
    return data


def _read_text(path: Path, folder: Path) -> tuple[bytes, str]:
    """The bytes and text of an article file; an InputError for anything that is not a UTF-8 text
    article inside the seeds ``folder`` (symlinks followed). The size is checked before reading."""
    where = str(path)
    data = _read_bytes(path, folder)
    if b"\x00" in data:
        raise InputError(where, "not a text article (it contains NUL bytes: binary, or UTF-16?)",
                         "save the article as UTF-8 plain text", _line_of(data, data.index(b"\x00")))
    text = _decode(data, where)
    if not text.strip():
        raise InputError(where, "the file is empty (or only whitespace)",
                         "paste the article text into it or remove the file")
    if len(_CONTROL.findall(text)) > max(2, len(text) // 50):
        raise InputError(where, "not a text article (too many control characters)",
                         "save the article as UTF-8 plain text")
    return data, text


def _read_source(path: Path, folder: Path) -> tuple[bytes, dict, str, str, str | None]:
    """``(bytes, metadata, raw text, body, extracted)`` of an article file. A text article's metadata
    is its front matter and its body the text after it; a web page's metadata is what the page
    declares, and its body the article text found in it (also returned as ``extracted``, to be kept
    with the outputs, because the file itself is not the body)."""
    where = str(path)
    if is_page(path.name):
        data = _read_bytes(path, folder, MAX_PAGE_BYTES)
        page = extract_page(data, where)
        meta = {"published": page.published, "title": page.title, "outlet": page.outlet, "url": page.url}
        return data, meta, "", page.text, page.text
    data, text = _read_text(path, folder)
    meta, body = _front_matter(text, where)
    return data, meta, text, body, None


def _published(path: Path, row: dict, meta: dict, text: str) -> datetime.date:
    """The publication date: the catalog's, else the front matter's or the page's; neither is an
    InputError at the catalog line (an empty cell) or at the file, saying how to add it."""
    where = str(path)
    published = row.get("published") or meta.get("published")
    if published is None or (isinstance(published, str) and not published.strip()):
        page = is_page(path.name)
        if row.get("_line"):
            catalog = str(Path(path).parent / CATALOG)
            raise InputError(catalog, f"'published' is empty for {path.name}"
                             + (" and the page gives no publication date" if page else ""),
                             "fill it in as YYYY-MM-DD, e.g. 2025-02-12", row["_line"])
        if page:
            raise InputError(where, "is not in catalog.csv and the page gives no publication date",
                             "add a row to catalog.csv with 'published' as YYYY-MM-DD")
        raise InputError(where, "is not in catalog.csv and has no 'published' in front matter", PUBLISHED_FIX)
    date_line = row.get("_line") if row.get("published") else _key_line(text, "published")
    return _parse_date(published, where, date_line)


def read_article(path: Path, row: dict | None, folder: Path | None = None) -> Article:
    """Read one article file (text or saved web page) with its catalog ``row`` into an Article.

    ``folder`` is the seeds folder: a bare file name is looked up in it, and when ``row`` is None
    the folder's catalog is consulted (so a catalog row still wins over front matter)."""
    path = Path(path)
    if folder is not None:
        if path.parent == Path("."):
            path = Path(folder) / path
        if row is None:
            row = read_catalog(Path(folder)).get(path.name)
    where = str(path)
    data, meta, text, body, extracted = _read_source(path, Path(folder) if folder is not None else path.parent)
    row = row or {}
    merged = {k: _clean(row.get(k)) or _clean(meta.get(k)) for k in FIELDS}
    published = _published(path, row, meta, text)
    tz_line = None if _clean(row.get("timezone")) else _key_line(text, "timezone")
    timezone = _check_timezone(merged["timezone"] or DEFAULT_TIMEZONE, where, tz_line)
    blocks, sentences = segment(body)
    if not blocks:
        raise InputError(where, "the file has no article text after the front matter",
                         "paste the article text below the closing '---'")
    notes = [] if any(b.kind == "paragraph" for b in blocks) else [NO_TEXT]
    return Article(article_id=path.stem, file=path.name, path=path, title=merged["title"] or blocks[0].text,
                   published=published, outlet=merged["outlet"], url=merged["url"], timezone=timezone,
                   sha256=hashlib.sha256(data).hexdigest(), text=body, blocks=blocks, sentences=sentences,
                   notes=notes, body=extracted)


def iter_articles(folder: Path, keep_going: bool = False,
                  on_error: Callable[[InputError], None] | None = None) -> Iterator[Article]:
    """Articles of ``folder`` sorted by file name. With ``keep_going`` a bad article (or its bad
    catalog row) is passed to ``on_error`` and skipped; otherwise the first InputError propagates.
    A missing folder, a broken catalog or a folder without articles always raises."""
    folder = Path(folder)
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "folder not found"
        raise InputError(folder, what, "pass the folder that holds the articles and catalog.csv")
    report = on_error or (lambda error: None)
    bad: set[str] = set()

    def row_error(name: str | None, error: InputError) -> None:
        if name:
            bad.add(name)
        report(error)

    catalog = read_catalog(folder, row_error if keep_going else None)
    files = find_article_files(folder)
    if not files:
        raise InputError(folder, "no articles (*.txt, *.md or *.html) in this folder",
                         "save each article as a .txt, .md or .html file here and list it in catalog.csv")
    for path in files:
        if path.name in bad:
            continue
        try:
            yield read_article(path, catalog.get(path.name))
        except InputError as error:
            if not keep_going:
                raise
            report(error)
