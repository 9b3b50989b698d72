"""Reading a seeds folder: real seeds, catalog/front-matter merging, every input error, random bytes."""
from __future__ import annotations

import datetime
import hashlib
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.errors import InputError
from analysis.reader import Article, find_article_files, iter_articles, read_article, read_catalog

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "gold"
HEADER = "file,published,title,outlet,url,timezone\n"
BODY = "Strike on Kyiv\nDefence Response\nRussia fired missiles at 4:30 a.m. local time. One died.\n"


def make(folder: Path, catalog: str | None, **files: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if catalog is not None:
        (folder / "catalog.csv").write_text(catalog, encoding="utf-8", newline="")
    for name, content in files.items():
        path = folder / name.replace("__", ".")
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return folder


def error_of(folder: Path) -> InputError:
    with pytest.raises(InputError) as info:
        list(iter_articles(folder))
    return info.value


def assert_names(error: InputError, file: str, line: int | None = None, *words: str) -> str:
    """The message names the file (and line), has a fix, and mentions the given words."""
    text = str(error)
    assert error.file.endswith(file), text
    assert text.startswith(error.file + (f":{line}: " if line is not None else ": ")), text
    assert error.line == line, text
    assert error.fix and " — " in text, text
    for word in words:
        assert word.lower() in text.lower(), text
    return text


# --- real input ----------------------------------------------------------------------------------

def test_reads_seed_folder():
    [article] = list(iter_articles(SEEDS))
    data = (SEEDS / "000_52c535ecba3a03e2.txt").read_bytes()
    assert isinstance(article, Article)
    assert article.article_id == "000_52c535ecba3a03e2"
    assert article.file == "000_52c535ecba3a03e2.txt"
    assert article.published == datetime.date(2025, 2, 12)
    assert article.title == "Russia Launches Missile Attack on Kyiv"
    assert (article.outlet, article.url, article.timezone) == (None, None, "Europe/Kyiv")
    assert article.sha256 == hashlib.sha256(data).hexdigest()
    assert article.text == data.decode("utf-8")
    assert len([b for b in article.blocks if b.kind == "heading"]) == 5
    for s in article.sentences:
        assert article.text[s.start:s.end].strip() == article.text[s.start:s.end]


def test_reads_gold_folder_sorted():
    articles = list(iter_articles(GOLD))
    assert [a.file for a in articles] == sorted(p.name for p in GOLD.glob("*.txt"))
    a2 = next(a for a in articles if a.article_id == "A2_independence-day-live")
    assert a2.published == datetime.date(2025, 8, 24) and a2.outlet == "newsframe dev corpus"
    assert a2.title.startswith("Live: Ukraine marks Independence Day")
    assert find_article_files(GOLD) == sorted(GOLD.glob("*.txt"))


def test_read_catalog_rows():
    rows = read_catalog(GOLD)
    row = rows["A3_march-roundup.txt"]
    assert row["published"] == datetime.date(2025, 3, 10)
    assert row["title"].startswith("Ukraine War Round-up") and row["url"] is None and row["_line"] == 5


def test_front_matter_only_and_catalog_wins(tmp_path):
    fm = ("---\ntitle: From Front Matter\npublished: 2025-01-05\noutlet: FM Outlet\n"
          "url: https://example.org/a\ntimezone: Europe/London\n---\n")
    folder = make(tmp_path / "s", HEADER + "b.md,2025-02-01,,Catalog Outlet,,\n", a__txt=fm + BODY, b__md=fm + BODY)
    a, b = iter_articles(folder)
    assert (a.published, a.title, a.outlet, a.timezone) == (datetime.date(2025, 1, 5), "From Front Matter",
                                                           "FM Outlet", "Europe/London")
    assert a.text == BODY and a.blocks[0].text == "Strike on Kyiv"
    # catalog wins field by field; its empty fields fall back to the front matter
    assert (b.published, b.outlet, b.title, b.url) == (datetime.date(2025, 2, 1), "Catalog Outlet",
                                                      "From Front Matter", "https://example.org/a")
    assert b.text[b.sentences[0].start:b.sentences[0].end] == "Russia fired missiles at 4:30 a.m. local time."


def test_no_catalog_title_from_first_line_and_default_timezone(tmp_path):
    folder = make(tmp_path / "s", None, a__md="---\npublished: 2025-03-01\n---\n\n" + BODY)
    [a] = iter_articles(folder)
    assert a.title == "Strike on Kyiv" and a.timezone == "Europe/Kyiv" and a.outlet is None


def test_read_article_with_folder_uses_catalog(tmp_path):
    folder = make(tmp_path / "s", HEADER + "a.txt,2025-02-01,,,,UTC\n", a__txt=BODY)
    article = read_article(Path("a.txt"), None, folder)
    assert article.published == datetime.date(2025, 2, 1) and article.timezone == "UTC"
    assert article.path == folder / "a.txt"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_bom_crlf_nbsp_curly_quotes_keep_offsets(tmp_path, newline):
    body = newline.join(["Kyiv’s “Night”", "", "Air\u00a0Defence Response",
                         "Russia’s drones hit “Podilskyi” at 4:30\u00a0a.m. local time. One died.", ""])
    data = b"\xef\xbb\xbf" + body.encode("utf-8")
    folder = make(tmp_path / "s", HEADER + "a.txt,2025-02-12,,,,\n", a__txt=data)
    [a] = iter_articles(folder)
    assert a.text == body  # BOM dropped, line ends kept
    assert a.sha256 == hashlib.sha256(data).hexdigest()
    assert a.title == "Kyiv’s “Night”"
    assert [a.text[s.start:s.end] for s in a.sentences] == [
        "Russia’s drones hit “Podilskyi” at 4:30\u00a0a.m. local time.", "One died."]
    assert all(s.section == "Air\u00a0Defence Response" for s in a.sentences)
    assert all("\r" not in a.text[b.start:b.end] for b in a.blocks)


def test_front_matter_with_crlf_offsets_are_into_body(tmp_path):
    raw = "---\r\npublished: 2025-02-12\r\n---\r\nTitle\r\nPara one. Para two.\r\n"
    folder = make(tmp_path / "s", None, a__txt=raw)
    [a] = iter_articles(folder)
    assert a.text == "Title\r\nPara one. Para two.\r\n"
    assert [a.text[s.start:s.end] for s in a.sentences] == ["Para one.", "Para two."]


def test_keep_going_reports_and_skips(tmp_path):
    folder = make(tmp_path / "s", HEADER + "a.txt,2025-02-12,,,,\nb.txt,2025-13-40,,,,\nc.txt,2025-02-12,,,,\n",
                  a__txt=BODY, b__txt=BODY, c__txt=b"", d__txt=BODY)
    errors: list[InputError] = []
    articles = list(iter_articles(folder, keep_going=True, on_error=errors.append))
    assert [a.file for a in articles] == ["a.txt"]
    assert sorted(e.file.rsplit("/", 1)[-1] for e in errors) == ["c.txt", "catalog.csv", "d.txt"]
    with pytest.raises(InputError):
        list(iter_articles(folder))


# --- errors --------------------------------------------------------------------------------------

@pytest.mark.parametrize("column", ["file", "published"])
def test_catalog_missing_column(tmp_path, column):
    header = HEADER.replace(column + ",", "")
    folder = make(tmp_path / "s", header + "a.txt,x,,,\n", a__txt=BODY)
    assert_names(error_of(folder), "catalog.csv", 1, f"'{column}'", "column")


@pytest.mark.parametrize("catalog, line, words", [
    (HEADER + "a.txt,2025-02-12,,,,\nb.txt,2025-02-12,A, B,,,,\n", 3, ["8 fields", "quote"]),
    (HEADER + "a.txt,2025-02-12,,,,\n\nb.txt,2025-02-12,\"Unclosed,,,\n", 4, ["malformed CSV"]),
    (HEADER + "a.txt,2025-13-40,,,,\n", 2, ["2025-13-40", "YYYY-MM-DD"]),
    (HEADER + "a.txt,12/02/2025,,,,\n", 2, ["12/02/2025", "YYYY-MM-DD"]),
    (HEADER + "a.txt,2025-02-12,,,,Europe/Kiyv\n", 2, ["unknown timezone", "Europe/Kiyv", "IANA"]),
    (HEADER + "a.txt,2025-02-12,,,,\nmissing.txt,2025-02-12,,,,\n", 3, ["missing.txt", "does not exist"]),
    (HEADER + "/etc/a.txt,2025-02-12,,,,\n", 2, ["inside the folder"]),
    (HEADER + "../a.txt,2025-02-12,,,,\n", 2, ["inside the folder"]),
    (HEADER + "..,2025-02-12,,,,\n", 2, ["inside the folder"]),
    (HEADER + "sub/a.txt,2025-02-12,,,,\n", 2, ["inside the folder"]),
    (HEADER + "sub\\a.txt,2025-02-12,,,,\n", 2, ["inside the folder"]),
    (HEADER + "a.txt,2025-02-12,,,,\na.txt,2025-02-13,,,,\n", 3, ["listed twice", "line 2"]),
    (HEADER + ",2025-02-12,,,,\n", 2, ["'file' is empty"]),
    (HEADER + "a.pdf,2025-02-12,,,,\n", 2, [".txt or .md"]),
])
def test_catalog_errors_name_the_line(tmp_path, catalog, line, words):
    folder = make(tmp_path / "s", catalog, a__txt=BODY)
    (tmp_path / "s" / "a.pdf").write_bytes(b"%PDF")
    assert_names(error_of(folder), "catalog.csv", line, *words)


def test_catalog_not_utf8(tmp_path):
    folder = make(tmp_path / "s", None, a__txt=BODY)
    (folder / "catalog.csv").write_bytes(HEADER.encode() + "a.txt,2025-02-12,Kyiv Ü,,,\n".encode("latin-1"))
    assert_names(error_of(folder), "catalog.csv", 2, "not UTF-8", "byte offset")


def test_article_without_date(tmp_path):
    folder = make(tmp_path / "s", HEADER + "a.txt,2025-02-12,,,,\n", a__txt=BODY, b__txt=BODY)
    text = assert_names(error_of(folder), "b.txt", None, "not in catalog.csv", "published", "YYYY-MM-DD")
    assert "front matter" in text


def test_catalog_row_with_empty_published_and_no_front_matter(tmp_path):
    folder = make(tmp_path / "s", HEADER + "a.txt,,Title,,,\n", a__txt=BODY)
    assert_names(error_of(folder), "catalog.csv", 2, "'published' is empty", "a.txt", "YYYY-MM-DD")


def test_article_not_utf8_names_line_and_offset(tmp_path):
    data = "Title\nGood line.\nBad ".encode() + "café".encode("cp1252") + b".\n"
    folder = make(tmp_path / "s", HEADER + "a.txt,2025-02-12,,,,\n", a__txt=data)
    text = assert_names(error_of(folder), "a.txt", 3, "not UTF-8", "byte offset 24", "UTF-8")
    assert "0xe9" in text


@pytest.mark.parametrize("content", [b"", b"   \n\r\n\t  \n", b"\xef\xbb\xbf", b"\xef\xbb\xbf \n"])
def test_empty_article(tmp_path, content):
    folder = make(tmp_path / "s", HEADER + "a.txt,2025-02-12,,,,\n", a__txt=content)
    assert_names(error_of(folder), "a.txt", None, "empty")


def test_front_matter_without_text(tmp_path):
    folder = make(tmp_path / "s", None, a__txt="---\npublished: 2025-02-12\n---\n\n  \n")
    assert_names(error_of(folder), "a.txt", None, "no article text")


def test_too_large_checked_before_reading(tmp_path, monkeypatch):
    folder = make(tmp_path / "s", HEADER + "a.txt,2025-02-12,,,,\n", a__txt=b"")
    with open(folder / "a.txt", "wb") as f:
        f.truncate(6 * 1024 * 1024)  # sparse: cheap to create
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read a too-large file"))
    with pytest.raises(InputError) as info:
        read_article(folder / "a.txt", {"published": datetime.date(2025, 2, 12)})
    text = assert_names(info.value, "a.txt", None, "too large: 6.0 MB", "the limit is 5 MB")
    assert "split it or check it is an article" in text


@pytest.mark.parametrize("content, line", [
    (b"Title\nPara.\n\x00\x01\x02binary\xff", 3),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3),
])
def test_nul_bytes_are_not_text(tmp_path, content, line):
    folder = make(tmp_path / "s", HEADER + "a.txt,2025-02-12,,,,\n", a__txt=content)
    assert_names(error_of(folder), "a.txt", line, "not a text article")


def test_control_characters_are_not_text(tmp_path):
    junk = "Title\n" + "".join(chr(c) for c in range(1, 9)) * 20 + "\x1b[0m\x7f" * 30
    folder = make(tmp_path / "s", HEADER + "a.txt,2025-02-12,,,,\n", a__txt=junk)
    assert_names(error_of(folder), "a.txt", None, "not a text article", "control characters")


@pytest.mark.parametrize("front, line, words", [
    ("---\npublished: 2025-02-12\ntitle: [unclosed\n---\n", 3, ["malformed YAML"]),
    ("---\ntitle: a\n  bad: indent: here\n---\n", 3, ["malformed YAML"]),
    ("---\npublished: 2025-02-12\ntitle: x\n", 1, ["never closed", "'---'"]),
    ("---\n- just\n- a list\n---\n", 2, ["key: value"]),
    ("---\ntitle: x\npublished: 12/02/2025\n---\n", 3, ["12/02/2025", "YYYY-MM-DD"]),
    ("---\npublished: 2025-02-30\n---\n", 2, ["not a real date"]),
    ("---\npublished: 2025-02-12\ntimezone: Mars/Olympus\n---\n", 3, ["unknown timezone", "IANA"]),
])
def test_front_matter_errors(tmp_path, front, line, words):
    folder = make(tmp_path / "s", None, a__md=front + BODY)
    assert_names(error_of(folder), "a.md", line, *words)


def test_folder_errors(tmp_path):
    assert_names(error_of(tmp_path / "nope"), "nope", None, "not found")
    (tmp_path / "file.txt").write_text("x")
    assert_names(error_of(tmp_path / "file.txt"), "file.txt", None, "not a folder")
    empty = make(tmp_path / "empty", HEADER)
    assert_names(error_of(empty), "empty", None, "no articles")
    other = make(tmp_path / "other", None, notes__csv="a,b\n", README__md="# docs\n")
    assert_names(error_of(other), "other", None, "no articles")


def test_find_article_files_not_recursive(tmp_path):
    folder = make(tmp_path / "s", None, b__md="x", a__txt="x", c__TXT="x", d__json="{}", __hidden__txt="x")
    (folder / "sub").mkdir()
    (folder / "sub" / "e.txt").write_text("x")
    assert [p.name for p in find_article_files(folder)] == ["a.txt", "b.md", "c.TXT"]


# --- properties ----------------------------------------------------------------------------------

BYTES = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=200).map(lambda t: t.encode("utf-8")),
    st.lists(st.sampled_from([b"---\n", b"published: 2025-02-12\n", b"title: [\n", b"\r\n", b"\xef\xbb\xbf",
                              b"Kyiv. ", b"\x00", b"\xff", b"\x1b", b"  ", "“’\u00a0".encode()]),
             max_size=20).map(b"".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=BYTES, with_row=st.booleans())
def test_random_bytes_give_article_or_input_error(tmp_path, data, with_row):
    path = tmp_path / "random.txt"
    path.write_bytes(data)
    row = {"published": datetime.date(2025, 2, 12)} if with_row else None
    try:
        article = read_article(path, row)
    except InputError as error:
        assert "random.txt" in str(error) and error.fix
        return
    assert isinstance(article, Article) and article.blocks
    for s in article.sentences:
        assert article.text[s.start:s.end] == article.text[s.start:s.end].strip()


def test_copied_seed_folder_roundtrip(tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    [a] = iter_articles(folder)
    assert a.path == folder / a.file and len(a.sentences) == 31


def test_read_article_bad_paths_and_string_row(tmp_path):
    for path, word in [(tmp_path / "missing.txt", "cannot read"), (tmp_path, "cannot read")]:
        with pytest.raises(InputError) as info:
            read_article(path, {"published": datetime.date(2025, 2, 12)})
        assert word in str(info.value) and info.value.fix
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    article = read_article(tmp_path / "a.txt", {"published": "2025-02-12", "title": "", "_line": 7})
    assert article.published == datetime.date(2025, 2, 12) and article.title == "Strike on Kyiv"
    with pytest.raises(InputError) as info:
        read_article(tmp_path / "a.txt", {"published": "2025/02/12", "_line": 7})
    assert_names(info.value, "a.txt", 7, "YYYY-MM-DD")


def test_catalog_short_rows_padded_and_quoted_commas(tmp_path):
    catalog = HEADER + 'a.txt,2025-02-12\nb.txt,2025-02-13,"Kyiv, at night",Outlet,https://x.org,UTC\n'
    folder = make(tmp_path / "s", catalog, a__txt=BODY, b__txt=BODY)
    a, b = iter_articles(folder)
    assert a.title == "Strike on Kyiv" and a.timezone == "Europe/Kyiv"
    assert (b.title, b.outlet, b.url, b.timezone) == ("Kyiv, at night", "Outlet", "https://x.org", "UTC")


def test_catalog_crlf_bom_and_header_case(tmp_path):
    folder = make(tmp_path / "s", None, a__txt=BODY)
    (folder / "catalog.csv").write_bytes(b"\xef\xbb\xbfFile, Published\r\na.txt, 2025-02-12\r\n")
    [a] = iter_articles(folder)
    assert a.published == datetime.date(2025, 2, 12)


def test_catalog_rows_of_plain_files_need_no_check_of_their_own(tmp_path, monkeypatch):
    """One listing tells the folder's regular files (not links, not folders) from the rest; a catalog row
    naming one is not stat-ed again (10,000 rows on every re-run), the others are checked as before."""
    import os

    from analysis import reader

    (tmp_path / "a.txt").write_text("A\n\nBody.\n", encoding="utf-8")
    (tmp_path / "sub.txt").mkdir()
    os.symlink(tmp_path / "a.txt", tmp_path / "link.txt")
    assert reader._plain_files(tmp_path) == {"a.txt"}
    assert reader._plain_files(tmp_path / "missing") == frozenset()
    assert [p.name for p in reader.find_article_files(tmp_path)] == ["a.txt", "link.txt"]
    (tmp_path / "catalog.csv").write_text("file,published\na.txt,2025-01-02\n", encoding="utf-8")
    checked = []
    monkeypatch.setattr(reader, "_confine", lambda path, *rest: checked.append(path.name))
    assert reader.read_catalog(tmp_path)["a.txt"]["published"].isoformat() == "2025-01-02"
    assert checked == ["catalog.csv"]
    (tmp_path / "catalog.csv").write_text("file,published\nsub.txt,2025-01-02\n", encoding="utf-8")
    with pytest.raises(reader.InputError, match="does not exist"):
        reader.read_catalog(tmp_path)
