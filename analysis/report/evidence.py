"""The brief's tables as escaped HTML: the evidence (each event with its verbatim sentence), the
data-quality findings and the sources. Every value from an article goes through ``html.escape``, so
``<script>`` in a news text is shown as text, never run.

A long table is capped, because a brief of thousands of events would otherwise print hundreds of pages
(or none: Chromium gives up). The HTML lists at most ``*_SCREEN_ROWS`` rows and the PDF the first
``*_PRINT_ROWS`` of them (the rest are marked screen-only and left out by the print stylesheet); a note
above the table says how many rows are left out and which CSV file of ``newsframe extract`` holds them.
A sentence longer than ``QUOTE_CHARS`` is shortened with an ellipsis and a note.

Example::

    >>> evidence_table(select(corpus))      # doctest: +SKIP
    <HTML: evidence for 6 events>
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

import pandas as pd

from analysis.categories import CATEGORIES

from analysis.report.figures import HTML, Note
from analysis.report.palette import color, label
from analysis.report.selection import isin, nothing_matches
from analysis.report.words import count, join

EVIDENCE_SCREEN_ROWS = 2000   # events listed in the HTML brief at most (a page a browser still opens quickly)
EVIDENCE_PRINT_ROWS = 60      # events printed in the PDF: about 8 A4 pages of evidence
APPENDIX_SCREEN_ROWS = 2000   # data-quality findings and sources listed in the HTML brief at most
APPENDIX_PRINT_ROWS = 40      # findings and sources printed in the PDF: about 2 pages each
QUOTE_CHARS = 400             # longest sentence quoted whole (the evaluation sets' longest is 339 characters)
EXTRACT_CSV = "written by newsframe extract SEEDS --out DIR"   # where the CSV files come from: a brief writes none


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


def table(headers: list[str], rows: list[list[str]], cls: str, widths: list[str] | None = None,
          print_rows: int | None = None) -> str:
    """An HTML table from already escaped cells (headers repeat on each printed page). Rows after the
    first ``print_rows`` are marked ``nf-screen-only``: in the HTML, left out of the PDF."""
    cols = "".join(f'<col style="width:{w}"/>' for w in widths) if widths else ""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(("<tr>" if print_rows is None or i < print_rows else '<tr class="nf-screen-only">')
                   + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for i, row in enumerate(rows))
    return (f'<table class="nf-table {cls}"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>")


@dataclass(frozen=True)
class Cap:
    """How many rows of a table the HTML lists and the PDF prints, and the words of the note on the rest."""
    screen: int
    print: int
    noun: str       # one row: "event"
    order: str      # which rows come first: "in date order"
    where: str      # the CSV files holding every row: "events.csv and mentions.csv"


def cap_note(total: int, cap: Cap) -> str:
    """The notes above a capped table: one on screen when the HTML lists fewer than ``total`` rows, one in
    print when the PDF does; empty when every row is shown."""
    listed, printed = min(total, cap.screen), min(total, cap.screen, cap.print)
    of, csv = f"of {count(total, cap.noun)} ({cap.order})", f"{cap.where} ({EXTRACT_CSV})"
    notes = []
    if listed < total:
        notes.append(("nf-screen-only", f"The first {listed:,} {of} are listed here; all of them are in {csv}."))
    if printed < total:
        rest = (f"all of them are in the HTML brief and in {csv}" if listed == total else
                f"the HTML brief lists the first {listed:,}, and all of them are in {csv}")
        notes.append(("nf-print-only", f"The first {printed:,} {of} are printed, to keep the brief short; {rest}."))
    return "".join(f'<p class="nf-note nf-info {cls}">{html.escape(words)}</p>' for cls, words in notes)


def capped_table(frame: pd.DataFrame, row, headers: list[str], cls: str, widths: list[str], cap: Cap) -> str:
    """``table`` of ``row(record)`` for the first ``cap.screen`` records of ``frame`` (the others are never
    built), its first ``cap.print`` rows printed, with ``cap_note`` above it."""
    shown = frame.iloc[:cap.screen]
    rows = [row(r) for r in shown.to_dict("records")]   # plain dicts: iterrows costs ~5 ms a row at scale
    printed = cap.print if len(frame) > cap.print else None
    return cap_note(len(frame), cap) + table(headers, rows, cls, widths, printed)


def quote(sentence, limit: int = QUOTE_CHARS) -> str:
    """A sentence as an escaped ``<q>``. One longer than ``limit`` characters (a run-on 'sentence' of a badly
    split article can be thousands) is cut at a word, with "…" and a note of its length, so one row never
    fills pages; the whole sentence stays in events.csv."""
    full = "" if sentence is None or pd.isna(sentence) else str(sentence)
    if len(full) <= limit:
        return f'<q class="nf-quote">{html.escape(full)}</q>'
    cut = full[:limit]
    if " " in cut[limit // 2:]:
        cut = cut.rsplit(" ", 1)[0]
    return (f'<q class="nf-quote">{html.escape(cut.rstrip())}…</q> <span class="nf-muted">(shortened from '
            f'{count(len(full), "character")}; the whole sentence is in events.csv)</span>')


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


def _figure(lo, hi, word: str) -> str:
    """``killed: ≥ 3`` for one figure, ``killed: 3–5`` where an incident's reports give different ones
    (never their sum, never a silent pick)."""
    lo = hi if lo is None or pd.isna(lo) else lo
    hi = lo if hi is None or pd.isna(hi) else hi
    if lo is None or pd.isna(lo):
        return ""
    figure = f"≥&nbsp;{int(lo)}" if int(lo) == int(hi) else f"{int(lo)}–{int(hi)}"
    figure = "0" if int(hi) == 0 else figure            # "no one was killed" is not a lower bound
    return f'{word}: <span class="nf-nowrap">{figure}</span>'


def _harm(e) -> str:
    """An incident's casualties as ranges over its reports (an event's as lower bounds)."""
    parts = []
    for key, word in (("fatalities", "killed"), ("injuries", "injured")):
        lo, hi = e.get(f"{key}_min", e.get(key)), e.get(f"{key}_max", e.get(key))
        part = _figure(lo, hi, word)
        if part:
            parts.append(part)
    return "<br/>".join(parts)


EVIDENCE_HEADERS = ["Date", "Category", "Actors", "Place", "Weapon", "Killed, injured", "Reports (verbatim)"]
EVIDENCE_WIDTHS = ["8%", "14%", "14%", "13%", "10%", "9%", "32%"]
EVIDENCE_QUOTES = 6        # reports quoted under one incident in the HTML at most (the rest: events.csv)
EVIDENCE_PRINT_QUOTES = 2  # of them printed in the PDF, so that 60 incidents still print in a few pages


REPORT_COLUMNS = ["incident_id", "article_id", "outlet", "claimed_by", "section", "char_start", "char_end", "title",
                  "sentence"]


def reports_by_incident(sel, ids) -> dict[str, list[dict]]:
    """``{incident_id: its reports as dicts}`` for the incidents ``ids`` only (those the table shows):
    every event of the corpus that reports one (from any article, selected or not), with its article's
    outlet, earliest publication first. Plain dicts, because a DataFrame per incident costs milliseconds
    each and a 10,000-article brief shows thousands of incidents."""
    ev = sel.corpus.events
    if "incident_id" not in ev.columns:
        ev = ev.assign(incident_id=ev["event_id"])
    ev = ev[isin(ev["incident_id"], set(ids))]
    meta = sel.corpus.articles[[c for c in ("article_id", "outlet", "published", "title") if c in sel.corpus.articles]]
    ev = ev.merge(meta, on="article_id", how="left").sort_values(["published", "article_id", "char_start"],
                                                                 kind="stable")
    out: dict[str, list[dict]] = {}
    for r in ev[[c for c in REPORT_COLUMNS if c in ev.columns]].to_dict("records"):
        out.setdefault(r["incident_id"], []).append(r)
    return out


def _report_line(r, screen_only: bool = False) -> str:
    """One report of an incident: outlet (and who it quotes), the verbatim sentence, where it stands."""
    # an article with no outlet is named by its title ("Russia Launches Missile Attack on Kyiv"), not its id
    title = r.get("title")
    unnamed = f"“{title if len(str(title)) <= 60 else str(title)[:59] + '…'}”" if title is not None and not pd.isna(title) \
        else str(r["article_id"])
    who = f"<b>{text(r.get('outlet'), unnamed)}</b>"
    claimed = r.get("claimed_by")
    if claimed is not None and not pd.isna(claimed) and str(claimed) != "reporting":
        who += f' <span class="nf-muted">citing {text(claimed)}</span>'
    where = (f'{text(r["article_id"])}, §&nbsp;{text(r["section"], "lead")}, '
             f'characters {text(r["char_start"])}–{text(r["char_end"])}')
    cls = "nf-report nf-screen-only" if screen_only else "nf-report"
    return f'<div class="{cls}">{who}: {quote(r["sentence"])} <span class="nf-muted nf-source">{where}</span></div>'


def _reported_by(inc, reports: list[dict]) -> str:
    """``Reported by 3 outlets: A, B and C.`` over an incident's quoted reports."""
    outlets = list(dict.fromkeys(str(r["outlet"]) for r in reports if not pd.isna(r.get("outlet"))))
    n = int(inc["n_outlets"]) if pd.notna(inc.get("n_outlets")) else max(len(outlets), 1)
    names = f": {html.escape(join(outlets))}" if outlets else ""
    return f'<p class="nf-reported">Reported by {count(n, "outlet")}{names}.</p>'


def _more_reports(n: int) -> str:
    """The line under an incident's quotes naming how many reports are not quoted: on screen past
    EVIDENCE_QUOTES, in print past EVIDENCE_PRINT_QUOTES."""
    out = ""
    if n > EVIDENCE_QUOTES:
        out += (f'<p class="nf-muted nf-screen-only">… and {count(n - EVIDENCE_QUOTES, "more report")} '
                "(in events.csv).</p>")
    if n > EVIDENCE_PRINT_QUOTES:
        out += (f'<p class="nf-muted nf-print-only">… and {count(n - EVIDENCE_PRINT_QUOTES, "more report")} '
                "(in the HTML brief and events.csv).</p>")
    return out


def _incident_row(inc, reports: dict) -> list[str]:
    mine = reports.get(inc["event_id"], [])
    quoted = mine[:EVIDENCE_QUOTES]
    lines = "".join(_report_line(r, i >= EVIDENCE_PRINT_QUOTES) for i, r in enumerate(quoted))
    lines += _more_reports(len(mine))
    return [day(inc["event_date"], inc.get("time_local")), swatch(inc["category"]), _actors(inc), _place(inc),
            _weapon(inc), _harm(inc), (_reported_by(inc, mine) if len(mine) else "") + lines]


def evidence_table(sel, screen_rows: int = EVIDENCE_SCREEN_ROWS, print_rows: int = EVIDENCE_PRINT_ROWS) -> HTML | Note:
    """Each selected incident with its date, category, actors, place, weapon, casualty range and the
    verbatim sentence of every report of it, grouped under it with its outlet (the first ``screen_rows``
    incidents in the HTML, ``print_rows`` in the PDF)."""
    if sel.empty:
        return Note(nothing_matches(sel, "evidence"))
    incidents = sel.counted().events
    reports = reports_by_incident(sel, incidents["event_id"].iloc[:screen_rows])
    cap = Cap(screen_rows, print_rows, "incident", "in date order", "incidents.csv, events.csv and mentions.csv")
    markup = capped_table(incidents, lambda i: _incident_row(i, reports), EVIDENCE_HEADERS, "nf-evidence",
                          EVIDENCE_WIDTHS, cap)
    return HTML(markup, f"<HTML: evidence for {count(len(incidents), 'incident')}>")


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


def _issue_row(i) -> list[str]:
    return [text(i["kind"]).replace("_", " "), text(_readable(i["detail"])), text(i["article_id"]),
            text(_sentence_number(i["sentence_id"], i["article_id"]), "—")]


def _kinds(issues: pd.DataFrame) -> str:
    """``By kind: 4,000 undated events and 2,116 unknown places.``: the whole picture when the table is capped."""
    counts = issues["kind"].astype(str).str.replace("_", " ").value_counts()
    return f'<p class="nf-legend">By kind: {html.escape(join([count(int(n), k) for k, n in counts.items()]))}.</p>'


def issues_table(sel, screen_rows: int = APPENDIX_SCREEN_ROWS, print_rows: int = APPENDIX_PRINT_ROWS) -> HTML | Note:
    """The extractor's data-quality findings for the articles in the brief (capped like the evidence)."""
    issues = sel.issues
    if issues.empty:
        return Note("The extractor reported no data-quality findings for these articles.", kind="info")
    cap = Cap(screen_rows, print_rows, "finding", "in article order", "issues.csv")
    markup = capped_table(issues, _issue_row, ["Finding", "Detail", "Article", "Sentence"], "nf-issues",
                          ["15%", "54%", "20%", "11%"], cap)
    if len(issues) > min(screen_rows, print_rows):
        markup = _kinds(issues) + markup
    return HTML(markup, f"<HTML: {count(len(issues), 'data-quality finding')}>")


def _source_row(a, per_article: pd.Series) -> list[str]:
    url = a.get("url")
    link = ""
    if url is not None and not pd.isna(url) and str(url).startswith(("http://", "https://")):
        link = f'<br/><a href="{html.escape(str(url), quote=True)}">{text(url)}</a>'
    return [text(a["title"], a["file"]) + link, text(a["outlet"], "not given"), day(a["published"]),
            f'{text(a["file"])}<br/><span class="nf-muted">sha256 {text(str(a["sha256"])[:12])}…</span>',
            f'{int(per_article.get(a["article_id"], 0)):,}']


def sources_table(sel, screen_rows: int = APPENDIX_SCREEN_ROWS, print_rows: int = APPENDIX_PRINT_ROWS) -> HTML | Note:
    """The articles behind the brief: title, outlet, publication date, link, file and events drawn from it
    (capped like the evidence)."""
    arts = sel.articles
    if arts.empty:
        return Note("No articles were read.", kind="info")
    per_article = sel.events["article_id"].value_counts()
    cap = Cap(screen_rows, print_rows, "article", "in catalog order", "articles.csv")
    markup = capped_table(arts, lambda a: _source_row(a, per_article),
                          ["Article", "Outlet", "Published", "File", "Events"], "nf-sources",
                          ["40%", "16%", "13%", "23%", "8%"], cap)
    return HTML(markup, f"<HTML: {count(len(arts), 'source')}>")
