"""Shared fixtures: the seed corpus and the gold evaluation set, extracted once per test session, and the check
that a cached lexicon loader refuses bad data."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "gold"


@pytest.fixture(scope="session")
def seed_corpus():
    import analysis

    return analysis.load(SEEDS)


@pytest.fixture(scope="session")
def gold_scores():
    from analysis.evaluate import evaluate

    return evaluate(GOLD)


@pytest.fixture
def load_fails():
    """``load_fails(loader, match)``: the cached loader (``functools.cache``), rebuilt from data a test has
    patched, raises ``LexiconError`` naming the fault. Its cache is cleared before, so it reads the patched
    data, and after, so no later test sees it."""
    from analysis.lexicon import LexiconError

    def check(loader, match: str) -> None:
        loader.cache_clear()
        try:
            with pytest.raises(LexiconError, match=match):
                loader()
        finally:
            loader.cache_clear()
    return check
