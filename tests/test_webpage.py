"""Saved web pages as input (issue #9, deliverable 1): a ``.html`` page beside the ``.txt`` articles is read
as an article — its main text without the nav, banner and footer, its title, date and outlet from the
page — and extracted end to end with offsets into ``articles.body``. A page with no article text is an
InputError naming it (exit 2, skipped by --keep-going); hostile bytes give text or an InputError, fast."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import analysis
from analysis.cli import main
from analysis.errors import InputError
from analysis.reader import iter_articles, read_article
from analysis.webpage import MAX_PAGE_BYTES, MAX_PAGE_ELEMENTS, Page, extract_page

ROOT = Path(__file__).resolve().parents[1]
SEED = "000_52c535ecba3a03e2.txt"
HEADER = "file,published,title,outlet,url,timezone\n"

STORY = [
    "Russian drones struck port facilities in Odesa overnight, killing two people and injuring five, "
    "the regional governor said on Tuesday.",
    "Air defence units shot down most of the drones over the Black Sea coast, but several hit warehouses "
    "near the grain terminal, starting fires that burned until morning.",
    "Firefighters worked through the night to contain the blaze, and the port resumed loading ships by "
    "midday, according to the port authority.",
    "The southern city has been targeted repeatedly since the start of the year, with strikes on energy "
    "and port infrastructure reported every few weeks.",
]
JUNK = ["We use cookies", "Accept all cookies", "Subscribe for full access", "Politics", "Related stories",
        "Ten things to know about grain exports", "Copyright 2025", "All rights reserved", "Privacy policy",
        "dataLayer", "font-family", "NewsArticle"]


def news_page(*, meta_date: bool = True, json_ld: bool = True, paragraphs: list[str] = STORY) -> str:
    """A news page as a browser saves it: head metadata, scripts, a cookie banner, a header with its
    nav, the article, related links and a footer."""
    head_date = '<meta property="article:published_time" content="2025-03-04T07:15:00+02:00">' if meta_date else ""
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
          '"headline": "Drones strike Odesa port overnight", "datePublished": "2025-03-04T07:15:00+02:00", '
          '"publisher": {"@type": "Organization", "name": "Black Sea Courier"}}</script>') if json_ld else ""
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs[:3])
    rest = "".join(f"<p>{p}</p>\n" for p in paragraphs[3:])
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Drones strike Odesa port overnight | Black Sea Courier</title>
<meta property="og:site_name" content="Black Sea Courier">
<meta property="og:title" content="Drones strike Odesa port overnight">
{head_date}
{ld}
<script>window.dataLayer = window.dataLayer || []; function track() {{ return 1; }}</script>
<style>body {{ font-family: serif; }}</style>
</head><body>
<div class="cookie-banner" id="cookie-consent"><p>We use cookies to improve your experience. By continuing
to browse you accept our cookie policy.</p><button>Accept all cookies</button></div>
<header class="site-header"><a href="/" class="logo">Black Sea Courier</a>
<nav class="main-nav"><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/subscribe">Subscribe for full access today</a></li></ul></nav>
</header>
<main><article class="story">
<h1>Drones strike Odesa port overnight</h1>
<p class="byline">By Olena Marchenko</p>
{body}<h2>Repeated attacks on the coast</h2>
{rest}</article>
<aside class="related"><h3>Related stories</h3><ul>
<li><a href="/a1">Ten things to know about grain exports this winter</a></li>
<li><a href="/a2">Opinion: why ferries matter for the coast economy</a></li></ul></aside>
</main>
<footer class="site-footer"><p>Copyright 2025 Black Sea Courier Media Group. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a></p></footer>
</body></html>
"""


EMPTY_PAGE = """<!DOCTYPE html><html><head><title>Loading…</title>
<meta property="og:site_name" content="Black Sea Courier"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<div id="app"></div><script>document.getElementById("app").innerHTML = render();</script>
<footer>Copyright 2025 Black Sea Courier</footer></body></html>
"""


def seeds_with(tmp_path: Path, pages: dict[str, str | bytes], rows: list[str] | None = None) -> Path:
    """The seed folder plus ``pages``; the catalog is the seed's row plus ``rows``."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    shutil.copy(ROOT / "seeds" / SEED, folder / SEED)
    catalog = HEADER + f"{SEED},2025-02-12,Russia Launches Missile Attack on Kyiv,,,Europe/Kyiv\n"
    (folder / "catalog.csv").write_text(catalog + "".join(r + "\n" for r in rows or []), encoding="utf-8")
    for name, content in pages.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    return folder


# --- the page's text and metadata -------------------------------------------------------------------

def test_body_is_the_article_without_the_page_furniture():
    page = extract_page(news_page().encode(), "odesa.html")
    lines = page.text.splitlines()
    assert lines[0] == "Drones strike Odesa port overnight"          # the title line, as in a .txt article
    assert all(p in lines for p in STORY)                            # every paragraph, each on its own line
    assert "Repeated attacks on the coast" in lines                  # the subheading stays a line
    assert [junk for junk in JUNK if junk in page.text] == []
    assert (page.title, page.published, page.outlet) == ("Drones strike Odesa port overnight", "2025-03-04",
                                                          "Black Sea Courier")


def test_the_date_comes_from_json_ld_or_the_meta_tag_alone():
    assert extract_page(news_page(meta_date=False).encode(), "a.html").published == "2025-03-04"
    assert extract_page(news_page(json_ld=False).encode(), "a.html").published == "2025-03-04"


def test_a_page_without_a_declared_date_gives_none_rather_than_a_guess():
    page = extract_page(news_page(meta_date=False, json_ld=False).encode(), "a.html")
    assert page.published is None                 # not the "Copyright 2025" of the footer
    assert STORY[0] in page.text


# --- through the reader and analysis.load ----------------------------------------------------------

def test_load_extracts_an_event_from_the_page_with_offsets_into_articles_body(tmp_path):
    folder = seeds_with(tmp_path, {"odesa.html": news_page()}, ["odesa.html,,,,,"])  # the page gives the rest
    corpus = analysis.load(folder)
    articles = corpus.articles.set_index("article_id")
    page = articles.loc["odesa"]
    assert (page.file, page.title, page.outlet) == ("odesa.html", "Drones strike Odesa port overnight",
                                                    "Black Sea Courier")
    assert str(page.published.date()) == "2025-03-04"
    assert pd.isna(articles.loc[SEED.removesuffix(".txt"), "body"])  # a .txt file is its own body
    body = page.body
    assert STORY[0] in body and "cookies" not in body
    events = corpus.events[corpus.events.article_id == "odesa"]
    assert len(events) >= 1
    assert "Odesa" in set(events.location.dropna())
    for row in events.itertuples():
        assert body[row.char_start:row.char_end] == row.sentence
    sentences = corpus.sentences[corpus.sentences.article_id == "odesa"]
    assert len(sentences) == len(STORY)
    assert all(body[s.char_start:s.char_end] == s.text for s in sentences.itertuples())


def test_the_catalog_wins_over_the_page(tmp_path):
    folder = seeds_with(tmp_path, {"odesa.html": news_page()},
                        ["odesa.html,2025-03-05,Port of Odesa hit,Courier Weekly,https://example.org/o,UTC"])
    article = read_article(folder / "odesa.html", None, folder)
    assert (article.title, str(article.published), article.outlet, article.url, article.timezone) == (
        "Port of Odesa hit", "2025-03-05", "Courier Weekly", "https://example.org/o", "UTC")
    assert article.body == article.text and article.text.splitlines()[0] == "Drones strike Odesa port overnight"


def test_a_page_missing_from_the_catalog_is_read_with_its_own_date(tmp_path):
    folder = seeds_with(tmp_path, {"odesa.html": news_page()})
    article = read_article(folder / "odesa.html", None, folder)
    assert str(article.published) == "2025-03-04" and article.outlet == "Black Sea Courier"


def test_a_page_without_a_date_needs_one_in_the_catalog(tmp_path):
    undated = news_page(meta_date=False, json_ld=False)
    folder = seeds_with(tmp_path, {"odesa.html": undated}, ["odesa.html,,,,,"])
    with pytest.raises(InputError) as info:
        read_article(folder / "odesa.html", None, folder)
    assert info.value.line == 3 and "catalog.csv" in info.value.file
    assert "odesa.html" in str(info.value) and "YYYY-MM-DD" in info.value.fix
    (folder / "catalog.csv").write_text(HEADER, encoding="utf-8")          # unlisted and undated
    with pytest.raises(InputError) as info:
        read_article(folder / "odesa.html", None, folder)
    assert info.value.file.endswith("odesa.html") and "catalog.csv" in info.value.fix


# --- a page with no article text ---------------------------------------------------------------------

def test_a_page_without_article_text_is_an_error_naming_the_file_and_the_fix(tmp_path):
    folder = seeds_with(tmp_path, {"empty.html": EMPTY_PAGE}, ["empty.html,2025-03-04,,,,"])
    with pytest.raises(InputError) as info:
        read_article(folder / "empty.html", None, folder)
    assert info.value.file == str(folder / "empty.html")
    assert "no article text" in info.value.message and ".txt" in info.value.fix


def test_the_cli_exits_2_on_a_page_without_text_and_keep_going_skips_it(tmp_path, capsys):
    folder = seeds_with(tmp_path, {"empty.html": EMPTY_PAGE, "odesa.html": news_page()},
                        ["empty.html,2025-03-04,,,,", "odesa.html,,,,,"])
    out = tmp_path / "out"
    assert main(["extract", str(folder), "--out", str(out), "--quiet"]) == 2
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(err) == 1 and "empty.html" in err[0] and "no article text" in err[0] and " — " in err[0]
    assert not out.exists()
    assert main(["extract", str(folder), "--out", str(out), "--quiet", "--keep-going"]) == 1
    assert "empty.html" in capsys.readouterr().err
    articles = pd.read_parquet(out / "articles.parquet")
    assert sorted(articles.file) == sorted([SEED, "odesa.html"])


def test_iter_articles_keep_going_reports_the_page_and_reads_the_rest(tmp_path):
    folder = seeds_with(tmp_path, {"empty.html": EMPTY_PAGE}, ["empty.html,2025-03-04,,,,"])
    errors: list[InputError] = []
    articles = list(iter_articles(folder, keep_going=True, on_error=errors.append))
    assert [a.file for a in articles] == [SEED]
    assert [Path(e.file).name for e in errors] == ["empty.html"]


# --- hostile pages --------------------------------------------------------------------------------------

def test_a_page_over_the_byte_cap_is_refused_before_it_is_parsed(tmp_path):
    folder = seeds_with(tmp_path, {"big.html": b"<p>" + b"x" * MAX_PAGE_BYTES + b"</p>"}, ["big.html,2025-03-04,,,,"])
    start = time.perf_counter()
    with pytest.raises(InputError) as info:
        read_article(folder / "big.html", None, folder)
    assert time.perf_counter() - start < 1
    assert info.value.file.endswith("big.html") and "MB" in info.value.message
    with pytest.raises(InputError, match="MB"):
        extract_page(b" " * (MAX_PAGE_BYTES + 1), "big.html")


HOSTILE = {
    "deeply nested": b"<html><body>" + b"<div>" * 200_000 + b"<p>Russia struck Kyiv.</p>",
    "too many elements": (b"<html><body><article>"
                          + b"<p>Kyiv was hit overnight, officials said.</p>" * (MAX_PAGE_ELEMENTS + 10)),
    "scripts only": (b"<html><head><script>" + b"var a = '<p>x</p>';" * 50_000
                     + b"</script></head><body></body></html>"),
    "no html tag": ("Strike on Kyiv\n\n" + " ".join(STORY)).encode(),
    "binary garbage": bytes(range(256)) * 4000,
    "wrong encoding declared": ('<html><head><meta charset="utf-8"><title>Удар по Одесі</title></head>'
                                '<body><article>'
                                + "".join(f"<p>{p} Росія атакувала Одесу вночі.</p>" for p in STORY)
                                + "</article></body></html>").encode("cp1251"),
    "utf-16": news_page().encode("utf-16"),
    "unclosed tags": b"<html><body><article><p>" + b"<b><i><span>Russia struck Kyiv overnight. " * 3000,
    "huge attribute": b'<html><body><p title="' + b"a" * 4_000_000 + b'">Kyiv</p></body></html>',
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_pages_give_text_or_a_clear_error_quickly(name):
    start = time.perf_counter()
    try:
        page = extract_page(HOSTILE[name], f"{name}.html")
    except InputError as error:
        assert str(error).startswith(f"{name}.html: ") and error.fix
    else:
        assert isinstance(page, Page) and len(page.text.splitlines()) >= 2
        assert "\x00" not in page.text and "\r" not in page.text
    assert time.perf_counter() - start < 10


def test_a_wrongly_declared_encoding_still_reads_the_story():
    page = extract_page(HOSTILE["wrong encoding declared"], "a.html")
    assert "Росія атакувала Одесу" in page.text


def test_too_many_elements_is_named_as_such():
    with pytest.raises(InputError, match="HTML elements"):
        extract_page(HOSTILE["too many elements"], "a.html")


_TAGS = st.sampled_from(["<html>", "<body>", "<article>", "<p>", "</p>", "<div>", "</div>", "<script>",
                         "</script>", "<!--", "-->", "<![CDATA[", "<meta charset='latin-1'>", "<title>",
                         "&amp;", "&#0;", "&#x110000;", "<?xml?>", "<h1>", "\x00", "\r", "\u2028", "<"])
_MARKUP = st.lists(st.one_of(_TAGS, st.text(max_size=40)), max_size=60).map("".join)


@settings(max_examples=120, deadline=10_000, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=3000), _MARKUP.map(lambda s: s.encode("utf-8", "surrogatepass")),
                 _MARKUP.map(lambda s: news_page(paragraphs=[s, *STORY]).encode("utf-8", "surrogatepass"))))
def test_any_bytes_give_a_page_or_an_input_error(data):
    try:
        page = extract_page(data, "fuzz.html")
    except InputError as error:
        assert error.file == "fuzz.html" and error.message
    else:
        lines = page.text.splitlines()
        assert len(lines) >= 2 and all(line.strip() == line and line for line in lines)
        assert page.published is None or len(page.published) == 10
