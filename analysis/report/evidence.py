"""The brief's tables as escaped HTML: the evidence (each event with its verbatim sentence), the
data-quality findings and the sources. Every value from an article goes through ``html.escape``, so
``<script>`` in a news text is shown as text, never run.

Example::

    >>> evidence_table(select(corpus))      # doctest: +SKIP
    <HTML: evidence for 6 events>
"""
from __future__ import annotations

import html
import re

import pandas as pd

from analysis.categories import CATEGORIES

from analysis.report.figures import HTML, Note
from analysis.report.palette import color, label
from analysis.report.selection import nothing_matches
from analysis.report.words import count


def text(value, empty: str = "") -> str:
    """A cell value as escaped text; missing values become ``empty``."""
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return html.escape(empty)
    return html.escape(str(value))


def day(value, time=None) -> str:
    """``2025-02-12`` (+ ``04:30``) → ``12 Feb 2025, 04:30``; missing → ``undated``."""
    if value is None or pd.isna(value):
        return "undated"
    out = pd.Timestamp(value).strftime("%-d %b %Y")
    if time is not None and not pd.isna(time):
        out += f", {time}"
    return out


def swatch(category: str) -> str:
    return (f'<span class="nf-cat" style="--nf-color:{color(category)}">'
            f'<span class="nf-dot" style="background:{color(category)}"></span>{html.escape(label(category))}</span>')


def table(headers: list[str], rows: list[list[str]], cls: str, widths: list[str] | None = None) -> str:
    """An HTML table from already escaped cells (headers repeat on each printed page)."""
    cols = "".join(f'<col style="width:{w}"/>' for w in widths) if widths else ""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (f'<table class="nf-table {cls}"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>")


def _actors(e) -> str:
    who = text(e["actor1"], "unknown")
    if pd.notna(e.get("actor1_detail")):
        who += f' <span class="nf-muted">({text(e["actor1_detail"])})</span>'
    if pd.notna(e.get("actor2")):
        who += f" → {text(e['actor2'])}"
    return who


def _place(e) -> str:
    parts = [e.get("location"), e.get("admin1"), e.get("country")]
    seen: list[str] = []
    for p in parts:
        if p is not None and not pd.isna(p) and str(p) not in seen:
            seen.append(str(p))
    return html.escape(", ".join(seen)) if seen else '<span class="nf-muted">not stated</span>'


def _weapon(e) -> str:
    if pd.isna(e.get("weapon")):
        return ""
    n = e.get("weapon_count")
    return (f"{int(n)} × " if n is not None and not pd.isna(n) else "") + text(e["weapon"])


def _harm(e) -> str:
    parts = []
    for key, word in (("fatalities", "killed"), ("injuries", "injured")):
        v = e.get(key)
        if v is not None and not pd.isna(v):
            parts.append(f"≥ {int(v)} {word}")
    return ", ".join(parts)


def evidence_table(sel) -> HTML | Note:
    """Each selected event with its date, category, actors, place, weapon, casualties and verbatim sentence."""
    if sel.empty:
        return Note(nothing_matches(sel, "evidence"))
    rows = []
    for _, e in sel.events.iterrows():
        quote = f'<q class="nf-quote">{text(e["sentence"])}</q>'
        source = f'<span class="nf-muted nf-source">{text(e["article_id"])}, §&nbsp;{text(e["section"], "lead")}</span>'
        rows.append([day(e["event_date"], e.get("time_local")), swatch(e["category"]), _actors(e), _place(e),
                     _weapon(e), _harm(e), f"{quote}<br/>{source}"])
    markup = table(["Date", "Category", "Actors", "Place", "Weapon", "Killed, injured", "Evidence (verbatim)"], rows,
                   "nf-evidence", ["9%", "12%", "14%", "13%", "11%", "8%", "33%"])
    return HTML(markup, f"<HTML: evidence for {count(len(rows), 'event')}>")


def _readable(detail):
    """An extractor's finding in the brief's words: category codes (``air_defense``) as their names."""
    if detail is None or pd.isna(detail):
        return detail
    out = str(detail)
    for code in CATEGORIES:
        if "_" in code:
            out = re.sub(rf"\b{code}\b", label(code).lower(), out)
    return out


def _sentence_number(sentence_id, article_id):
    """``000_52c5…:7`` → ``7`` when the article is in its own column (an id that does not start with its
    article's is shown whole)."""
    if sentence_id is None or pd.isna(sentence_id):
        return sentence_id
    prefix = f"{article_id}:"
    return str(sentence_id)[len(prefix):] if str(sentence_id).startswith(prefix) else sentence_id


def issues_table(sel) -> HTML | Note:
    """The extractor's data-quality findings for the articles in the brief."""
    issues = sel.issues
    if issues.empty:
        return Note("The extractor reported no data-quality findings for these articles.", kind="info")
    rows = [[text(i["kind"]).replace("_", " "), text(_readable(i["detail"])), text(i["article_id"]),
             text(_sentence_number(i["sentence_id"], i["article_id"]), "—")] for _, i in issues.iterrows()]
    return HTML(table(["Finding", "Detail", "Article", "Sentence"], rows, "nf-issues", ["15%", "54%", "20%", "11%"]),
                f"<HTML: {count(len(rows), 'data-quality finding')}>")


def sources_table(sel) -> HTML | Note:
    """The articles behind the brief: title, outlet, publication date, link, file and events drawn from it."""
    arts = sel.articles
    if arts.empty:
        return Note("No articles were read.", kind="info")
    per_article = sel.events["article_id"].value_counts()
    rows = []
    for _, a in arts.iterrows():
        url = a.get("url")
        link = ""
        if url is not None and not pd.isna(url) and str(url).startswith(("http://", "https://")):
            link = f'<br/><a href="{html.escape(str(url), quote=True)}">{text(url)}</a>'
        rows.append([text(a["title"], a["file"]) + link, text(a["outlet"], "not given"), day(a["published"]),
                     f'{text(a["file"])}<br/><span class="nf-muted">sha256 {text(str(a["sha256"])[:12])}…</span>',
                     str(int(per_article.get(a["article_id"], 0)))])
    return HTML(table(["Article", "Outlet", "Published", "File", "Events"], rows, "nf-sources",
                      ["40%", "16%", "13%", "23%", "8%"]), f"<HTML: {count(len(rows), 'source')}>")
