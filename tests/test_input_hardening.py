"""Hostile input (issue #10): YAML alias bombs, symlinks out of the folder, dates pandas cannot hold,
catalog rows and headers that were silently ignored — each is a clear InputError naming the file and
line (exit 2, skippable with --keep-going) or an issue row; never a crash, never unbounded memory."""
from __future__ import annotations

import datetime as dt
import os
import time
import tracemalloc
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import analysis
from analysis.cli import main
from analysis.errors import InputError, NewsframeError
from analysis.reader import (MAX_DATE, MAX_EVENT_DATE, MIN_DATE, MIN_EVENT_DATE, Article, iter_articles,
                             read_article, read_catalog)

ROOT = Path(__file__).resolve().parents[1]
HEADER = "file,published,title,outlet,url,timezone\n"
BODY = "Strike on Kyiv\nRussia fired missiles at Kyiv on February 12 at 4:30 a.m. local time. One person died.\n"
SECRET = "SECRET-OUTSIDE-TEXT"


def make(folder: Path, catalog: str | None, **files: str) -> Path:
    """A seeds folder; ``a__txt`` names ``a.txt`` (``__hidden__txt`` names ``.hidden.txt``)."""
    folder.mkdir(parents=True, exist_ok=True)
    if catalog is not None:
        (folder / "catalog.csv").write_text(catalog, encoding="utf-8", newline="")
    for name, content in files.items():
        (folder / name.replace("__", ".")).write_text(content, encoding="utf-8", newline="")
    return folder


def error_of(folder: Path) -> InputError:
    with pytest.raises(InputError) as info:
        list(iter_articles(folder))
    return info.value


def assert_names(error: InputError, file: str, line: int | None, *words: str) -> str:
    """The error names the file and line, gives a fix, and says the given words."""
    text = str(error)
    assert Path(error.file).name == file, text
    assert error.line == line, text
    assert text.startswith(error.file + (f":{line}: " if line is not None else ": ")), text
    assert error.fix and " — " in text, text
    for word in words:
        assert word.lower() in text.lower(), text
    return text


def extract_cli(capsys, seeds: Path, out: Path, *extra: str) -> tuple[int, str]:
    code = main(["extract", str(seeds), "--out", str(out), "--quiet", *extra])
    return code, capsys.readouterr().err


def one_error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def raised(fn, *args) -> InputError:
    with pytest.raises(InputError) as info:
        fn(*args)
    return info.value


def peak_memory(fn) -> tuple[object, int]:
    """``fn()``'s result and the peak of Python allocations while it ran, in bytes."""
    tracemalloc.start()
    try:
        result = fn()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# --- finding 2: YAML aliases in front matter ------------------------------------------------------

def bomb(levels: int, width: int = 9) -> str:
    """Nested aliases: ``width ** levels`` strings from a few hundred bytes."""
    lines = ["---", "published: 2025-02-12", f"l0: &l0 [{', '.join(['lol'] * width)}]"]
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * width)}]")
    lines += [f"title: *l{levels - 1}", "---"]
    return "\n".join(lines) + "\n" + BODY


def test_front_matter_alias_is_refused_naming_file_and_line(tmp_path):
    folder = make(tmp_path / "s", None, a__md="---\npublished: 2025-02-12\nname: &who Kyiv Post\noutlet: *who\n---\n"
                  + BODY)
    text = assert_names(error_of(folder), "a.md", 4, "YAML alias (*who)", "write the value out")
    assert "front matter uses a YAML alias" in text


def test_alias_bomb_is_refused_at_once_in_little_memory(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(bomb(6), encoding="utf-8")   # 9**6 = 531,441 strings once expanded
    assert path.stat().st_size < 600
    start = time.perf_counter()
    error, peak = peak_memory(lambda: raised(read_article, path, None))
    assert time.perf_counter() - start < 2 and peak < 5 * 1024 * 1024
    assert_names(error, "a.txt", 4, "YAML alias (*l0)")


def test_alias_bomb_through_the_cli_is_exit_2(tmp_path, capsys):
    seeds = make(tmp_path / "seeds", None, a__txt=bomb(6))
    code, err = extract_cli(capsys, seeds, tmp_path / "out")
    assert code == 2
    line = one_error_line(err)
    assert "a.txt:4:" in line and "YAML alias (*l0)" in line and "write the value out" in line
    assert not (tmp_path / "out").exists()


def test_an_anchor_without_alias_is_harmless(tmp_path):
    folder = make(tmp_path / "s", None, a__md="---\npublished: 2025-02-12\noutlet: &o Kyiv Post\n---\n" + BODY)
    [article] = iter_articles(folder)
    assert article.outlet == "Kyiv Post"


@pytest.mark.parametrize("key", ["title", "outlet", "url", "timezone", "published"])
@pytest.mark.parametrize("value, kind", [("[a, b]", "list"), ("{a: 1}", "mapping"), ("\n  - a\n  - b", "list"),
                                         ("!!set {a, b}", "mapping")])
def test_non_scalar_known_key_is_refused(tmp_path, key, value, kind):
    front = f"---\npublished: 2025-02-12\n{key}: {value}\n---\n" if key != "published" else \
        f"---\ntitle: x\n{key}: {value}\n---\n"
    folder = make(tmp_path / "s", None, a__md=front + BODY)
    assert_names(error_of(folder), "a.md", 3, f"front matter '{key}' is a {kind}", "e.g.")


def test_binary_value_of_a_known_key_is_refused(tmp_path):
    folder = make(tmp_path / "s", None, a__md="---\npublished: 2025-02-12\ntitle: !!binary aGVsbG8=\n---\n" + BODY)
    assert_names(error_of(folder), "a.md", 3, "'title' is a YAML bytes value, not text", "plain text")


def test_front_matter_key_given_twice_is_refused(tmp_path):
    folder = make(tmp_path / "s", None,
                  a__md="---\npublished: 2025-02-12\ntitle: One\nTitle: Two\n---\n" + BODY)
    assert_names(error_of(folder), "a.md", 4, "'title' twice", "first on line 3")


def test_unknown_keys_may_hold_anything_but_aliases(tmp_path):
    folder = make(tmp_path / "s", None, a__md="---\npublished: 2025-02-12\ntags: [war, kyiv]\nextra: {a: [1, 2]}\n"
                  "---\n" + BODY)
    [article] = iter_articles(folder)
    assert article.title == "Strike on Kyiv"


# --- finding 6: symlinks out of the seeds folder --------------------------------------------------

@pytest.fixture
def outside(tmp_path) -> Path:
    secret = tmp_path / "elsewhere" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(f"Secret Title\n{SECRET} was struck on Monday. Russia said so.\n", encoding="utf-8")
    return secret


def test_catalog_row_naming_a_link_out_of_the_folder_is_refused(tmp_path, outside):
    folder = make(tmp_path / "s", HEADER + "a.txt,2025-02-12,,,,\nos.txt,2025-02-12,,,,\n", a__txt=BODY)
    os.symlink(outside, folder / "os.txt")
    text = assert_names(error_of(folder), "catalog.csv", 3, "'os.txt' is a link to", "outside the seeds folder",
                        "copy the file into the seeds folder")
    assert str(outside.resolve()) in text


def test_unlisted_link_out_of_the_folder_is_refused(tmp_path, outside):
    folder = make(tmp_path / "s", None, a__txt="---\npublished: 2025-02-12\n---\n" + BODY)
    os.symlink(outside, folder / "b.txt")
    assert_names(error_of(folder), "b.txt", None, "outside the seeds folder")
    with pytest.raises(InputError, match="outside the seeds folder"):
        read_article(folder / "b.txt", {"published": dt.date(2025, 2, 12)})


def test_catalog_that_is_a_link_out_of_the_folder_is_refused(tmp_path):
    elsewhere = make(tmp_path / "elsewhere", HEADER + "a.txt,2025-02-12,,,,\n")
    folder = make(tmp_path / "s", None, a__txt=BODY)
    os.symlink(elsewhere / "catalog.csv", folder / "catalog.csv")
    assert_names(error_of(folder), "catalog.csv", None, "'catalog.csv' is a link to", "outside the seeds folder")


def test_links_inside_the_folder_are_fine(tmp_path):
    folder = make(tmp_path / "s", None, real__txt=BODY)
    (folder / "meta").mkdir()
    (folder / "meta" / "catalog.csv").write_text(HEADER + "a.txt,2025-02-12,Linked,,,\n", encoding="utf-8")
    os.symlink("real.txt", folder / "a.txt")
    os.symlink(folder / "meta" / "catalog.csv", folder / "catalog.csv")
    linked_folder = tmp_path / "via-link"
    os.symlink(folder, linked_folder)   # the seeds folder itself may be a link
    a = next(a for a in iter_articles(linked_folder, keep_going=True) if a.file == "a.txt")
    assert a.title == "Linked" and a.text == BODY


@pytest.mark.parametrize("workers", ["1", "2"])
def test_link_out_of_the_folder_cli_exit_2_and_keep_going(tmp_path, capsys, outside, workers):
    seeds = make(tmp_path / "seeds", HEADER + "a.txt,2025-02-12,,,,\nos.txt,2025-02-12,,,,\n", a__txt=BODY)
    os.symlink(outside, seeds / "os.txt")
    code, err = extract_cli(capsys, seeds, tmp_path / "out", "--workers", workers)
    assert code == 2 and "catalog.csv:3:" in one_error_line(err) and "outside the seeds folder" in err
    code, err = extract_cli(capsys, seeds, tmp_path / "out", "--workers", workers, "--keep-going")
    assert code == 1 and "skipped" in err and "os.txt" in err
    assert pd.read_csv(tmp_path / "out" / "articles.csv").article_id.tolist() == ["a"]
    for table in (tmp_path / "out").glob("*.csv"):
        assert SECRET not in table.read_text(encoding="utf-8")


# --- finding 7: dates outside 1900-01-01 … 2100-12-31 ---------------------------------------------

BAD_DATES = ["2300-01-01", "1600-01-01", "0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01"]


@pytest.mark.parametrize("published", BAD_DATES)
def test_published_out_of_range_in_catalog_names_the_line(tmp_path, published):
    folder = make(tmp_path / "s", HEADER + f"a.txt,{published},,,,\n", a__txt=BODY)
    assert_names(error_of(folder), "catalog.csv", 2, published, "1900-01-01 … 2100-12-31", "check the year")


@pytest.mark.parametrize("published", BAD_DATES)
def test_published_out_of_range_in_front_matter_names_the_line(tmp_path, published):
    folder = make(tmp_path / "s", None, a__md=f"---\ntitle: x\npublished: {published}\n---\n" + BODY)
    assert_names(error_of(folder), "a.md", 3, published, "outside the supported range")


def test_published_out_of_range_as_a_python_date(tmp_path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    with pytest.raises(InputError, match="outside the supported range"):
        read_article(tmp_path / "a.txt", {"published": dt.date(1, 1, 2)})


def test_range_constants():
    assert (MIN_DATE, MAX_DATE) == (dt.date(1900, 1, 1), dt.date(2100, 12, 31))
    assert pd.Timestamp.min.date() < MIN_EVENT_DATE < MIN_DATE < MAX_DATE < MAX_EVENT_DATE < pd.Timestamp.max.date()


@pytest.mark.parametrize("published", ["1900-01-01", "2100-12-31"])
def test_edges_of_the_range_extract_every_relative_date(tmp_path, published):
    text = ("Strike on Kyiv\nRussia struck Kyiv on February 12 at 4:30 a.m. local time. "
            "Russia struck Odesa 99 years ago. Russia will strike Lviv in 99 years, Russia said. "
            "Russia struck Kharkiv on December 31. Russia will strike Dnipro next Monday, it said. "
            "A day later, Russia struck Sumy at 23:50 local time.\n")
    folder = make(tmp_path / "s", HEADER + f"a.txt,{published},,,,Pacific/Kiritimati\n", a__txt=text)
    corpus = analysis.load(folder)
    assert len(corpus.articles) == 1 and len(corpus.events) >= 1
    assert str(corpus.articles.published.iloc[0].date()) == published


def test_published_out_of_range_cli_exit_2_and_keep_going(tmp_path, capsys):
    seeds = make(tmp_path / "seeds", HEADER + "a.txt,2025-02-12,,,,\nb.txt,2300-01-01,,,,\n", a__txt=BODY, b__txt=BODY)
    code, err = extract_cli(capsys, seeds, tmp_path / "out")
    line = one_error_line(err)
    assert code == 2 and "catalog.csv:3:" in line and "2300-01-01" in line and "OutOfBounds" not in err
    code, err = extract_cli(capsys, seeds, tmp_path / "out", "--keep-going")
    assert code == 1 and "skipped" in err and "catalog.csv:3" in err
    assert pd.read_csv(tmp_path / "out" / "articles.csv").article_id.tolist() == ["a"]


def test_front_matter_date_out_of_range_keep_going(tmp_path, capsys):
    seeds = make(tmp_path / "seeds", None, a__md="---\npublished: 2025-02-12\n---\n" + BODY,
                 b__md="---\ntitle: B\npublished: 1600-01-01\n---\n" + BODY)
    code, err = extract_cli(capsys, seeds, tmp_path / "out")
    assert code == 2 and "b.md:3:" in one_error_line(err)
    code, err = extract_cli(capsys, seeds, tmp_path / "out", "--keep-going")
    assert code == 1 and pd.read_csv(tmp_path / "out" / "articles.csv").article_id.tolist() == ["a"]


@pytest.mark.parametrize("value", ["0001-01-02", "1899-12-31", "2101-01-01", "9999-12-31"])
def test_as_of_out_of_range_is_exit_2(tmp_path, capsys, value):
    config = tmp_path / "reports.toml"
    config.write_text('seeds = "."\n[[job]]\nname = "week"\nlast_days = 7\n', encoding="utf-8")
    assert main(["report", "--config", str(config), "--as-of", value, "--quiet"]) == 2
    line = one_error_line(capsys.readouterr().err)
    assert f"--as-of={value}" in line and "1900-01-01 … 2100-12-31" in line and "Overflow" not in line


@pytest.mark.parametrize("name, value", [("start_date", "0001-01-02"), ("end_date", dt.date(2300, 1, 1))])
def test_selection_dates_out_of_range(name, value):
    from analysis.report.selection import ParameterError, check_filters

    with pytest.raises(ParameterError, match=f"{name}=.* is outside 1900-01-01"):
        check_filters(**{name: value})


@pytest.mark.parametrize("days", [100_000_000, 999_999_999_999, 45_700])
def test_last_days_reaching_before_1900_is_exit_2(tmp_path, capsys, days):
    (tmp_path / "seeds").mkdir()
    config = tmp_path / "reports.toml"
    config.write_text(f'notebook = "{ROOT / "notebooks" / "brief.ipynb"}"\nseeds = "seeds"\n'
                      f'[[job]]\nname = "all"\nlast_days = {days}\n', encoding="utf-8")
    assert main(["report", "--config", str(config), "--as-of", "2025-02-12", "--quiet"]) == 2
    line = one_error_line(capsys.readouterr().err)
    assert f"last_days = {days}" in line and "before 1900-01-01" in line and "at most 45699 days" in line


def test_last_days_back_to_1900_is_accepted(tmp_path):
    from analysis.report.jobs import load_config

    (tmp_path / "seeds").mkdir()
    config = tmp_path / "reports.toml"
    config.write_text(f'notebook = "{ROOT / "notebooks" / "brief.ipynb"}"\nseeds = "seeds"\n'
                      '[[job]]\nname = "all"\nlast_days = 45699\n', encoding="utf-8")
    [job], _ = load_config(config, dt.date(2025, 2, 12))
    assert job.parameters["start_date"] == "1900-01-01"
    config.write_text(config.read_text().replace("45699", "45700"), encoding="utf-8")
    with pytest.raises(NewsframeError, match="at most 45699"):
        load_config(config, dt.date(2025, 2, 12))


def test_chained_relative_dates_cannot_overflow(tmp_path):
    """'99 days earlier', sentence after sentence, walks 1900 → before 1677: undated, not a crash."""
    cities = ["Kharkiv", "Odesa", "Lviv", "Dnipro", "Sumy", "Poltava"]
    text = "Title\n" + "\n\n".join(f"99 days earlier, Russian drones struck {cities[i % 6]} at 00:30 local time."
                                   for i in range(900)) + "\n"
    folder = make(tmp_path / "s", HEADER + "a.txt,1900-01-02,,,,\n", a__txt=text)
    corpus = analysis.load(folder)
    dated = corpus.events.event_date.dropna()
    assert len(dated) and dated.min().date() >= MIN_EVENT_DATE
    assert corpus.events.timestamp_utc.dropna().min().year >= MIN_EVENT_DATE.year - 1
    found = corpus.issues[corpus.issues.kind == "implausible_date"]
    assert len(found) and "outside 1800-01-01" in found.detail.iloc[0] and "'99 days earlier'" in found.detail.iloc[0]


# --- finding 13: rows, headers and articles that said nothing -------------------------------------

@pytest.mark.parametrize("name, words", [(".hidden.txt", ["hidden file"]), ("README.md", ["README"]),
                                         ("readme.MD", ["README"])])
def test_catalog_row_naming_an_ignored_file_is_an_error(tmp_path, name, words):
    folder = make(tmp_path / "s", HEADER + f"a.txt,2025-02-12,,,,\n{name},2025-02-12,,,,\n", a__txt=BODY)
    (folder / name).write_text(BODY, encoding="utf-8")
    assert_names(error_of(folder), "catalog.csv", 3, repr(name), "never read as an article", "rename the file")


def test_catalog_row_naming_an_ignored_file_keep_going(tmp_path, capsys):
    seeds = make(tmp_path / "seeds", HEADER + "a.txt,2025-02-12,,,,\n.hidden.txt,2025-02-12,,,,\n"
                 "README.md,2025-02-12,,,,\n", a__txt=BODY, __hidden__txt=BODY, README__md=BODY)
    code, err = extract_cli(capsys, seeds, tmp_path / "out")
    assert code == 2 and "catalog.csv:3:" in one_error_line(err)
    code, err = extract_cli(capsys, seeds, tmp_path / "out", "--keep-going")
    assert code == 1 and "catalog.csv:3:" in err and "catalog.csv:4:" in err
    assert pd.read_csv(tmp_path / "out" / "articles.csv").article_id.tolist() == ["a"]


@pytest.mark.parametrize("header, column", [("file,published,title,published", "published"),
                                            ("file,published,Title, title ", "title"),
                                            ("file,File,published", "file"),
                                            ("file,published,notes,notes", "notes")])
def test_duplicated_header_column_is_an_error(tmp_path, header, column):
    folder = make(tmp_path / "s", header + "\na.txt,2025-02-12,x,y\n", a__txt=BODY)
    assert_names(error_of(folder), "catalog.csv", 1, f"column '{column}' twice")


def test_empty_header_names_may_repeat(tmp_path):
    folder = make(tmp_path / "s", "file,published,,\na.txt,2025-02-12,,\n", a__txt=BODY)
    [article] = iter_articles(folder)
    assert article.published == dt.date(2025, 2, 12)


def test_title_only_article_gives_a_no_text_issue(tmp_path, capsys):
    seeds = make(tmp_path / "seeds", HEADER + "a.txt,2025-02-12,,,,\nb.txt,2025-02-12,,,,\n",
                 a__txt=BODY, b__txt="Just a title\n")
    [_, b] = iter_articles(seeds)
    assert b.notes == [("no_text", b.notes[0][1])] and "title but no paragraphs" in b.notes[0][1]
    corpus = analysis.load(seeds)
    issues = corpus.issues[corpus.issues.kind == "no_text"]
    assert issues.article_id.tolist() == ["b"] and issues.sentence_id.isna().all()
    assert extract_cli(capsys, seeds, tmp_path / "out")[0] == 0
    written = pd.read_csv(tmp_path / "out" / "issues.csv")
    assert written[written.kind == "no_text"].article_id.tolist() == ["b"]


def test_articles_with_text_have_no_notes(tmp_path):
    [article] = iter_articles(make(tmp_path / "s", HEADER + "a.txt,2025-02-12,,,,\n", a__txt=BODY))
    assert article.notes == []


def test_catalog_with_many_columns_stays_small(tmp_path):
    names = [f"c{i}" for i in range(20_000)]
    rows = "".join(f"a{i}.txt,2025-02-12\n" for i in range(100))
    folder = make(tmp_path / "s", ",".join(["file", "published", *names]) + "\n" + rows,
                  **{f"a{i}__txt": BODY for i in range(100)})
    rows_read, peak = peak_memory(lambda: read_catalog(folder))
    assert len(rows_read) == 100 and set(rows_read["a0.txt"]) == {"file", "published", "_line"}
    assert peak < 20 * 1024 * 1024


def test_unreadable_catalog_or_folder_is_an_input_error(tmp_path, monkeypatch):
    folder = make(tmp_path / "s", HEADER + "a.txt,2025-02-12,,,,\n", a__txt=BODY)
    real_read, real_iterdir = Path.read_bytes, Path.iterdir

    def refuse(self, *args):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", lambda self: refuse(self) if self.name == "catalog.csv" else real_read(self))
    assert_names(error_of(folder), "catalog.csv", None, "cannot read the catalog", "Permission denied")
    monkeypatch.setattr(Path, "read_bytes", real_read)
    monkeypatch.setattr(Path, "iterdir", lambda self: refuse(self) if self == folder else real_iterdir(self))
    real_scandir = os.scandir   # the reader lists a folder with one ``scandir`` (its entry types: no stat per file)
    monkeypatch.setattr(os, "scandir", lambda path=".": refuse(Path(path)) if Path(path) == folder else real_scandir(path))
    assert_names(error_of(folder), "s", None, "cannot list the folder", "permissions")


# --- properties: hostile front matter and catalogs give an Article or an InputError ---------------

KEYS = st.sampled_from(["title", "outlet", "url", "timezone", "published", "Title", " published", "tags", "x", "1",
                        "true", "null", "<<", "? [a]"])
VALUES = st.sampled_from([
    "2025-02-12", "2300-01-01", "0001-01-01", "20250212", "2025-02-30", "[a, b]", "{a: {b: [1, 2]}}", "&a [x, x]",
    "*a", "[*a, *a]", "!!binary aGVsbG8=", "!!set {a, b}", "!!python/object:os.system ls", "!!timestamp 0001-01-01",
    "!!timestamp 2025-02-12T10:00:00+02:00", "!!int 12", "1" * 5000, "1e999", ".inf", ".nan", "yes", "~", "''",
    '"\\u0000"', '"a\\nb"', "Europe/Kyiv", "../../etc/passwd", "/etc/localtime", "Mars/Olympus", "x" * 300,
    "[" * 200, "[" * 200 + "]" * 200, "|\n  block\n  text", "\n  - a\n  - b", "\n  k: v", "- a", "a: b: c", ":", "&",
    "*", "!", "%YAML 1.1", "'unclosed", "\t"])
FRONT = st.lists(st.tuples(KEYS, VALUES), max_size=8).map(
    lambda pairs: "---\n" + "".join(f"{k}: {v}\n" for k, v in pairs) + "---\n")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(front=FRONT, with_row=st.booleans())
def test_hostile_front_matter_gives_article_or_input_error(tmp_path, front, with_row):
    path = tmp_path / "a.md"
    path.write_text(front + BODY, encoding="utf-8")
    row = {"published": dt.date(2025, 2, 12)} if with_row else None
    try:
        article = read_article(path, row)
    except InputError as error:
        assert "a.md" in str(error) and error.fix and "\n" not in str(error) and len(str(error)) < 600
        return
    assert isinstance(article, Article) and MIN_DATE <= article.published <= MAX_DATE
    for value in (article.title, article.outlet, article.url, article.timezone):
        assert value is None or (isinstance(value, str) and len(value) <= path.stat().st_size)


COLUMN = st.sampled_from(["file", "published", "title", "outlet", "url", "timezone", "File", " published ", "",
                          "notes", "title", "x" * 100])
CELL = st.sampled_from(["a.txt", "b.md", ".hidden.txt", "README.md", "missing.txt", "/etc/passwd", "../a.txt",
                        "link.txt", "2025-02-12", "2300-01-01", "0001-01-01", "9999-12-31", "", "  ", "Europe/Kyiv",
                        "Mars/Olympus", '"a,b"', '"unclosed', "x" * 200, "\u00a0", "2025-02-12\ufeff"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=st.lists(COLUMN, min_size=1, max_size=8), rows=st.lists(st.lists(CELL, max_size=9), max_size=6),
       width=st.integers(0, 3000))
def test_hostile_catalog_gives_rows_or_input_error(tmp_path, header, rows, width):
    folder = tmp_path / "s"
    if not folder.exists():
        make(folder, None, a__txt=BODY, b__md=BODY, __hidden__txt=BODY, README__md=BODY)
        (tmp_path / "outside.txt").write_text(BODY, encoding="utf-8")
        os.symlink(tmp_path / "outside.txt", folder / "link.txt")
    columns = header + [f"extra{i}" for i in range(width)]
    text = ",".join(columns) + "\n" + "".join(",".join(r) + "\n" for r in rows)
    (folder / "catalog.csv").write_text(text, encoding="utf-8")
    errors: list[InputError] = []
    try:
        catalog = read_catalog(folder, lambda name, error: errors.append(error))
        articles = list(iter_articles(folder, keep_going=True, on_error=errors.append))
    except InputError as error:
        errors.append(error)
        catalog, articles = {}, []
    for error in errors:
        assert isinstance(error, InputError) and "\n" not in str(error) and error.fix, error
    for name, row in catalog.items():
        assert set(row) <= {"file", "published", "title", "outlet", "url", "timezone", "_line"}
        assert row["published"] is None or MIN_DATE <= row["published"] <= MAX_DATE
        assert not name.startswith(".") and name != "link.txt"
    assert all(a.file in ("a.txt", "b.md") for a in articles)
