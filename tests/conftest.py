"""Shared fixtures: the seed corpus and the gold evaluation set, extracted once per test session."""
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
