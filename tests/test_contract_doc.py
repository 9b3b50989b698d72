"""docs/contract.md and the pandera schemas describe the same tables: same columns, order, types and
nullability. A column added to one and not the other fails here."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis.schemas import TABLES, describe

DOC = Path(__file__).resolve().parents[1] / "docs" / "contract.md"


def documented_tables() -> dict[str, list[tuple[str, str, bool]]]:
    """``### name`` headings followed by a ``| column | type | null | meaning |`` table."""
    tables: dict[str, list] = {}
    current = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^### (\w+)\s*$", line)
        if heading:
            current = heading.group(1)
            tables[current] = []
            continue
        row = re.match(r"^\| (\w+) \| ([^|]+?) \| (yes|no) \|", line)
        if current and row:
            tables[current].append((row.group(1), row.group(2).strip(), row.group(3) == "yes"))
    return tables


def schema_columns(table: str) -> list[tuple[str, str, bool]]:
    """The schema's columns, with the storage of pandas' string dtype ("string[pyarrow]") left out."""
    return [(name, re.sub(r"\[(?:pyarrow|python)\]$", "", dtype), null) for name, dtype, null in describe(table)]


@pytest.mark.parametrize("table", TABLES)
def test_each_table_is_documented_as_the_schema_declares_it(table):
    assert documented_tables()[table] == schema_columns(table)


def test_the_extra_event_columns_are_documented(seed_corpus):
    extra = [c for c in seed_corpus.events.columns if c not in dict((n, 0) for n, _, _ in describe("events"))]
    text = DOC.read_text(encoding="utf-8")
    assert extra and all(f"`{name}`" in text for name in extra)


def test_every_issue_kind_the_seed_produces_is_documented(seed_corpus):
    text = DOC.read_text(encoding="utf-8")
    assert all(f"`{kind}`" in text for kind in seed_corpus.issues["kind"].unique())


def test_the_readme_links_the_contract():
    readme = (DOC.parents[1] / "README.md").read_text(encoding="utf-8")
    assert "docs/contract.md" in readme
