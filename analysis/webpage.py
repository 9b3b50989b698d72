"""A saved web page (``.html`` / ``.htm``) → its article as plain text, with the title, publication date,
outlet and URL the page declares. One job: page bytes in, ``Page`` out; the reader does the rest.

Why trafilatura: a saved news page is mostly not the article — navigation, cookie banners, related
links, footers, scripts. trafilatura finds the main text and reads the page's metadata (``<title>``,
``og:site_name``, ``article:published_time``, JSON-LD ``datePublished``) locally, with nothing fetched.

Why a plain-text body: every output row cites ``body[char_start:char_end]``, so the extracted text
*is* the article body and is kept with the outputs (``articles.body``). It is laid out like a ``.txt``
article: the title on the first line, then one paragraph or heading per line.

Untrusted input: the page is capped at MAX_PAGE_BYTES before parsing, and anything the parser cannot
make sense of (binary garbage, no article, a tree it refuses) is an ``InputError`` naming the file.

Example::

    >>> html = (b"<html><head><title>Strike on Kyiv</title>"
    ...         b"<meta property='og:site_name' content='Example News'></head><body><article>"
    ...         b"<p>Russia fired missiles at Kyiv on February 12, officials said on Wednesday morning.</p>"
    ...         b"<p>One person was killed and three were injured in the Podilskyi district.</p>"
    ...         b"</article></body></html>")
    >>> page = extract_page(html, "a.html")
    >>> page.title, page.outlet, page.text.splitlines()[0]
    ('Strike on Kyiv', 'Example News', 'Strike on Kyiv')
"""
from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass

from .errors import InputError

__all__ = ["Page", "extract_page", "is_page", "PAGE_SUFFIXES", "MAX_PAGE_BYTES", "MAX_PAGE_ELEMENTS"]

PAGE_SUFFIXES = (".html", ".htm")
# Why 5 MB: a saved news page with its inline scripts and styles is well under 1 MB; a bigger file is
# not an article.
MAX_PAGE_BYTES = 5 * 1024 * 1024
# Why 20,000: trafilatura's work grows faster than linearly with the number of elements (about 5 s at
# 20,000 on one core, 15 s at 40,000); a real news page has a few thousand. More is refused, not parsed.
MAX_PAGE_ELEMENTS = 20_000
TOO_BIG_FIX = "save the page as 'HTML only', or paste the article into a .txt file"
NO_TEXT_FIX = ("save the page once it has fully loaded (File › Save Page As, 'Web Page, complete' or "
               "'HTML only'), or paste the article into a .txt file")
# Characters that are never article text (C0/C1 controls other than tab and newline).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_END = re.compile(r"\r\n?|[\u2028\u2029\x85]")
# trafilatura logs its own parsing trouble; newsframe reports it once, as an InputError.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


@dataclass(frozen=True, slots=True)
class Page:
    """What a page gives: ``text`` (title line + paragraphs, the body offsets index into) and the
    metadata the page declares (None when it declares none). ``published`` is ``YYYY-MM-DD``."""

    text: str
    title: str | None
    published: str | None
    outlet: str | None
    url: str | None


def is_page(name: str) -> bool:
    """Is the file ``name`` a saved web page (read with this module rather than as plain text)?"""
    return name.lower().endswith(PAGE_SUFFIXES)


@functools.cache
def _config():
    """trafilatura's settings (read once) with its signal-based timeout off: an alarm signal is only allowed in
    the main thread, and the pipeline's per-article budget already bounds the work."""
    from trafilatura.settings import use_config
    config = use_config()
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    config.set("DEFAULT", "MAX_FILE_SIZE", str(MAX_PAGE_BYTES))
    return config


def _tree(data: bytes, where: str):
    """The page parsed by trafilatura's ``load_html`` (which decodes it, trying the declared and the
    detected encodings): an lxml tree, or None when nothing parses. A tree of more than
    MAX_PAGE_ELEMENTS elements is an InputError, before any slow extraction starts."""
    from trafilatura.utils import load_html
    tree = load_html(data)
    if tree is None:
        return None
    count = 0
    for _ in tree.iter():
        count += 1
        if count > MAX_PAGE_ELEMENTS:
            raise InputError(where, f"the web page has more than {MAX_PAGE_ELEMENTS:,} HTML elements, "
                                    "too many for a news article", TOO_BIG_FIX)
    return tree


def _extract(data: bytes, where: str):
    """trafilatura's ``bare_extraction`` of ``data`` (a ``Document`` or None).

    Options, and why: ``favor_precision`` — a missed sentence is better than a cookie banner read as
    news; no comments, tables, images or links — not the article's prose; ``with_metadata`` — title,
    date, site name; dates only from the page's markup (``extensive_search`` off: never guessed from
    a copyright line or the text) and the original publication date, not the last update."""
    import trafilatura
    try:
        tree = _tree(data, where)
        if tree is None:
            return None
        return trafilatura.bare_extraction(
            tree, favor_precision=True, include_comments=False, include_tables=False,
            include_images=False, include_links=False, include_formatting=False, deduplicate=False,
            with_metadata=True, config=_config(),
            date_extraction_params={"extensive_search": False, "original_date": True,
                                    "outputformat": "%Y-%m-%d", "min_date": "1900-01-01",
                                    "max_date": "2100-12-31"})
    except InputError:
        raise
    except (RecursionError, MemoryError) as e:
        raise InputError(where, f"the web page is too deeply nested or too large to parse ({type(e).__name__})",
                         "check it is a saved news page, or paste the article into a .txt file") from None
    except Exception as e:  # noqa: BLE001 — untrusted bytes: any parser failure is bad input, not a crash
        raise InputError(where, f"cannot be read as a web page ({type(e).__name__}: {str(e)[:80]})",
                         "check it is a saved news page, or paste the article into a .txt file") from None


def _clean(value: object) -> str | None:
    """One line of metadata: control characters and line breaks removed, blanks → None."""
    if value is None:
        return None
    text = " ".join(_CONTROL.sub(" ", _LINE_END.sub(" ", str(value))).split())
    return text or None


def _body(text: str, title: str | None) -> str:
    """The extracted text laid out as a plain-text article: the title on the first line (added when
    the page's text does not start with it), then its lines with controls removed and blanks dropped."""
    lines = [" ".join(_CONTROL.sub(" ", line).split()) for line in _LINE_END.sub("\n", text).split("\n")]
    lines = [line for line in lines if line]
    if title and (not lines or lines[0] != title):
        lines.insert(0, title)
    return "\n".join(lines) + "\n" if lines else ""


def extract_page(data: bytes, where: str) -> Page:
    """The article of a saved web page ``data`` (bytes as read from the file ``where``).

    Raises InputError, naming ``where``, for a page over MAX_PAGE_BYTES, an empty page, a page the
    parser refuses, and a page with no article text (nothing but a title)."""
    if len(data) > MAX_PAGE_BYTES:
        raise InputError(where, f"too large: {len(data) / 1024 / 1024:.1f} MB, the limit for a web page is "
                                f"{MAX_PAGE_BYTES // 1024 // 1024} MB", TOO_BIG_FIX)
    if not data.strip():
        raise InputError(where, "the web page is empty", "save the page again or remove the file")
    doc = _extract(data, where)
    title = _clean(getattr(doc, "title", None))
    text = _body(getattr(doc, "text", None) or "", title)
    if len(text.splitlines()) < 2:  # a title and at least one line of article
        raise InputError(where, "no article text found in the web page", NO_TEXT_FIX)
    published = _clean(getattr(doc, "date", None))
    return Page(text=text, title=title, published=published if published and len(published) == 10 else None,
                outlet=_clean(getattr(doc, "sitename", None)), url=_clean(getattr(doc, "url", None)))
