"""Every notebook executes; the seed's brief is checked by content in its HTML and its PDF.

One brief of the seed (HTML + PDF, through the real `newsframe report` command) is built once per
session and shared by the tests below.
"""
from __future__ import annotations

import base64
import html as htmllib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow

SECTIONS = ["Summary", "Parameters in force", "Incidents per day", "Timeline", "Categories", "Actors", "Weapons",
            "Air defence", "Casualties", "Places", "Evidence", "Appendix A — Data-quality findings",
            "Appendix B — Sources"]
CHARTS = 7          # events per day, timeline, categories, actors, weapons, casualties, map


def newsframe(*args, env=None):
    proc = subprocess.run([sys.executable, "-m", "analysis.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}, timeout=900)
    assert proc.returncode == 0, proc.stderr
    return Path(proc.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """Extraction cache in a temp folder (tests never write to ~/.cache)."""
    old = os.environ.get("NEWSFRAME_CACHE")
    os.environ["NEWSFRAME_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        os.environ.pop("NEWSFRAME_CACHE", None)
    else:
        os.environ["NEWSFRAME_CACHE"] = old


@pytest.fixture(scope="session")
def seed_brief(tmp_path_factory):
    """reports/brief/ for the seed: executed notebook, HTML, PDF, manifest."""
    out = tmp_path_factory.mktemp("reports")
    folder = newsframe("report", ROOT / "seeds", "--out", out, "-q")
    assert folder == out / "brief"
    return folder


@pytest.fixture(scope="session")
def page(seed_brief):
    return (seed_brief / "brief.html").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def text(page):
    """The HTML's visible text, tags stripped and entities decoded."""
    body = re.sub(r"<(head|style|script)\b.*?</\1>", " ", page, flags=re.S | re.I)
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", body)).split())


@pytest.fixture(scope="session")
def pdf_text(seed_brief):
    assert shutil.which("pdftotext"), "pdftotext missing: run scripts/install-system-deps.sh"
    out = subprocess.run(["pdftotext", "-layout", str(seed_brief / "brief.pdf"), "-"], capture_output=True,
                         text=True, check=True).stdout
    return out


def evidence_rows(page: str) -> list[str]:
    table = page[page.index('class="nf-table nf-evidence"'):]
    table = table[:table.index("</table>")]
    return [" ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", row)).split()) for row in table.split("<tr>")[2:]]


# -- the HTML ---------------------------------------------------------------------------------------
def test_outputs_are_all_there(seed_brief):
    names = {p.name for p in seed_brief.iterdir()}
    assert names == {"brief.ipynb", "brief.html", "brief.pdf", "manifest.json", ".newsframe-output"}
    assert (seed_brief.parent / "index.html").is_file()


def test_html_title_sections_and_categories(text, page):
    assert "<title>War-news brief</title>" in page
    assert text.startswith("War-news brief newsframe brief")
    for heading in SECTIONS:
        assert heading in text, heading
    import analysis
    from analysis.report.palette import label
    for category in set(analysis.load(ROOT / "seeds").events["category"]):
        assert label(category) in text, category


def test_evidence_table_has_the_kyiv_strike(page):
    rows = evidence_rows(page)
    kyiv = [r for r in rows if "Iskander" in r]
    assert kyiv, rows
    assert "12 Feb 2025" in kyiv[0] and "Kyiv" in kyiv[0] and "Attack" in kyiv[0]
    assert "On the morning of February 12, Russia launched a missile attack on the Ukrainian capital" in kyiv[0]


def test_html_is_self_contained(page):
    assert len(re.findall(r'<img\b[^>]*src="data:image/png;base64,', page)) >= CHARTS
    assert not re.search(r"<script\b", page, re.I)
    assert not re.search(r"""<(link|img|iframe|source)\b[^>]*(href|src)=["']?(https?:)?//""", page, re.I)
    assert not re.search(r"""@import|url\(\s*["']?(https?:)?//""", page, re.I)
    assert "mathjax" not in page.lower() and "require.js" not in page.lower()


def test_html_shows_no_code_and_no_papermill(page, text):
    body = page[page.index("<body"):]
    for code_marker in ("jp-Editor", "cm-editor", 'class="highlight', "jp-InputPrompt", "jp-OutputPrompt"):
        assert code_marker not in body, code_marker
    assert "In [" not in text
    assert "papermill" not in page.lower() and "injected-parameters" not in page
    for code in ("charts.events_per_day", "select(corpus", "min_confidence: float", "import "):
        assert code not in text
    assert "Traceback" not in text


def test_charts_are_images_with_captions(page):
    figures = re.findall(r'<figure class="nf-chart">(.*?)</figure>', page, re.S)
    assert len(figures) >= CHARTS
    for figure in figures:
        data = re.search(r'src="data:image/png;base64,([^"]+)"', figure).group(1)
        assert base64.b64decode(data)[:8] == b"\x89PNG\r\n\x1a\n"
        assert re.search(r'alt="[^"]{5,}"', figure)
        caption = re.search(r"<figcaption>(.*?)</figcaption>", figure, re.S).group(1)
        assert len(caption) > 20


# -- the PDF ----------------------------------------------------------------------------------------
def test_pdf_content(pdf_text):
    flat = " ".join(pdf_text.split())
    assert "War-news brief" in flat
    for heading in ("Summary", "Incidents per day", "Timeline", "Evidence", "Appendix A", "Appendix B"):
        assert heading in flat, heading
    assert "Iskander" in flat and "12 Feb 2025" in flat
    assert "charts.events_per_day" not in flat and "papermill" not in flat.lower()
    assert re.search(r"Page 1 of \d+", flat)


def test_pdf_pages_and_images(seed_brief):
    info = subprocess.run(["pdfinfo", str(seed_brief / "brief.pdf")], capture_output=True, text=True,
                          check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 2
    if shutil.which("pdfimages"):
        listing = subprocess.run(["pdfimages", "-list", str(seed_brief / "brief.pdf")], capture_output=True,
                                 text=True, check=True).stdout
        images = [ln for ln in listing.splitlines()[2:] if " image " in ln]
        assert len(images) >= CHARTS


def test_html_screenshot_in_headless_chromium(seed_brief, tmp_path):
    from analysis.report.pdf import Browser
    with Browser() as browser:
        shot = browser.screenshot(seed_brief / "brief.html", tmp_path / "brief.png", width=1100)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width == 1100 and height > 3000      # the whole page, not one screen


# -- other runs of the notebooks ---------------------------------------------------------------------
def test_category_parameter_filters_the_brief(tmp_path):
    folder = newsframe("report", ROOT / "seeds", "--out", tmp_path, "-p", "categories", "attack",
                       "--format", "html", "-q")
    assert folder.name == "brief-categories-attack"
    page = (folder / f"{folder.name}.html").read_text()
    rows = evidence_rows(page)
    assert rows and all("Attack" in r for r in rows)
    assert not any("Diplomacy" in r or "peace talks" in r for r in rows)
    assert "Zelensky made a significant statement" not in page


def test_article_markup_is_escaped_in_the_html(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "catalog.csv").write_text('file,published,title,outlet\nx.txt,2025-03-01,"<b>Bold</b> claims",'
                                       '<script>alert(2)</script> News\n')
    (seeds / "x.txt").write_text(
        "Strikes on <b>Kharkiv</b>\n"
        "On March 1, Russia launched a missile attack on Kharkiv <script>alert(1)</script>, killing at least "
        "two people.\n", encoding="utf-8")
    folder = newsframe("report", seeds, "--out", tmp_path / "out", "--format", "html", "-q")
    page = (folder / "brief.html").read_text()
    assert not re.search(r"<script\b", page, re.I) and "<b>Bold" not in page and "<b>Kharkiv" not in page
    assert "&lt;b&gt;Bold&lt;/b&gt; claims" in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page
    if "alert(1)" in page:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_explore_notebook_executes_cleanly(tmp_path):
    import papermill as pm
    nb = pm.execute_notebook(str(ROOT / "notebooks" / "explore.ipynb"), str(tmp_path / "explore.ipynb"),
                             parameters={"seeds": str(ROOT / "seeds")}, progress_bar=False,
                             cwd=str(ROOT / "notebooks"))
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert not [o for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    assert any("Corpus(" in o.get("data", {}).get("text/plain", "") for o in outputs)
    tables = [o.get("data", {}).get("text/html", "") for o in outputs]
    assert any("n_outlets" in t and "fatalities_max" in t for t in tables)           # corpus.incidents
    assert any("claimed_by" in t and "outlet" in t and "published" in t for t in tables)   # corpus.reports(id)


def test_notebooks_are_stored_clean():
    import nbformat
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, path.name
                assert len(cell.source.splitlines()) <= 12, (path.name, cell.source[:60])
        assert sum("parameters" in c.metadata.get("tags", []) for c in nb.cells) == 1


# -- a brief of several outlets' reports of the same happenings (tests/incidents) -------------------------
@pytest.fixture(scope="session")
def incidents_brief(tmp_path_factory):
    """The brief of tests/incidents (24 articles: 8 happenings, each told by 3 outlets), HTML and PDF."""
    folder = newsframe("report", ROOT / "tests" / "incidents", "--out", tmp_path_factory.mktemp("incidents"), "-q")
    page = (folder / "brief.html").read_text(encoding="utf-8")
    body = re.sub(r"<(head|style|script)\b.*?</\1>", " ", page, flags=re.S | re.I)
    text = " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", body)).replace("\xa0", " ").split())
    pdf = subprocess.run(["pdftotext", str(folder / "brief.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    return page, text, " ".join(pdf.split())


def test_incidents_brief_counts_incidents_in_the_headline(incidents_brief):
    page, text, pdf = incidents_brief
    from analysis.report.cache import load
    corpus = load(ROOT / "tests" / "incidents")
    n_inc, n_ev = len(corpus.incidents), len(corpus.events)
    assert n_inc < n_ev
    assert f"{n_inc} incidents from {n_ev} reports" in text                 # title block, key figure, coverage
    assert text.count(f"{n_inc} incidents from {n_ev} reports") >= 3
    assert f"Number of selected incidents in each category ({n_inc} incidents in all)" in text
    assert f"{n_inc} incidents from {n_ev} reports" in pdf and "Incidents per" in pdf


def test_incidents_brief_shows_outlets_and_figure_ranges(incidents_brief):
    page, text, pdf = incidents_brief
    rows = [r.replace("\xa0", " ") for r in evidence_rows(page)]
    three = [r for r in rows if "Reported by 3 outlets" in r]
    two = [r for r in rows if "Reported by 2 outlets" in r]
    assert three and two
    for row in three:                       # each outlet named, then quoted under its incident
        names = re.search(r"Reported by 3 outlets: (.+?), (.+?) and (.+?)\. ", row).groups()
        for outlet in names:
            assert row.count(outlet) >= 2, (outlet, row)
    ranged = [r for r in rows if re.search(r"killed: \d+–\d+", r)]
    assert ranged and all(re.search(r"Reported by [23] outlets", r) for r in ranged)
    assert "Reported by 2 outlets" in pdf and re.search(r"killed: \d+–\d+", pdf)   # the PDF prints the first rows
    assert "reported by 3 outlets" in text                                   # the summary's Sources line


def test_incidents_brief_air_defence_section(incidents_brief):
    page, text, pdf = incidents_brief
    section = text[text.index("Air defence ¶ Over"):text.index("Casualties ¶ People")]
    assert "weapons of Russia:" in section and "weapons of Ukraine:" in section
    table = page[page.index('class="nf-table nf-airdefence"'):]
    rows = [" ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", r)).split())
            for r in table[:table.index("</table>")].split("<tr>")[2:]]
    assert len(rows) >= 5
    assert any("Ukrainian Air Force: " in r for r in rows) and any("Russian Defence Ministry: " in r for r in rows)
    both = [r for r in rows if r.endswith("%")]                              # launched and intercepted, with the share
    assert both and all(re.search(r"\d+ .*\d+ .*\d+%$", r) for r in both)
    for junk in ("nan", "<NA>", "None", "weapon_class", "launched_by", "claimed_by"):
        assert junk not in section, junk
    assert "Launched (who says)" in pdf and "Ukrainian Air Force:" in pdf
