"""Gold-standard evaluation over the whole evaluation set (tests/gold, the seed included), with thresholds."""

from pathlib import Path

import pytest

RECALL, PRECISION, ATTRIBUTES = 0.85, 0.80, 0.80


def test_overall_thresholds(gold_scores):
    overall, per_article = gold_scores
    report = "\n".join(overall.missed + overall.wrong + overall.unmatched_rows)
    assert overall.gold >= 29 and len(per_article) >= 4
    assert overall.recall >= RECALL, report
    assert overall.precision >= PRECISION, report
    assert overall.attribute_accuracy >= ATTRIBUTES, report


def test_seed_is_evaluated_and_passes(gold_scores):
    _, per_article = gold_scores
    seed = next(s for s in per_article if s.article.startswith("000_"))
    assert seed.recall >= RECALL and seed.precision >= PRECISION and seed.attribute_accuracy >= ATTRIBUTES


def test_each_article_is_reasonable(gold_scores):
    _, per_article = gold_scores
    for score in per_article:
        assert score.recall >= 0.6 and score.precision >= 0.6, score.article


def test_gold_places_have_coordinates_in_range(gold_scores):
    overall, _ = gold_scores
    assert overall.places >= 7 and overall.place_accuracy == 1.0, overall.wrong


# Articles written by people who had not seen the extractor (README, "Evaluation"). holdout and blind were
# later used for development; fresh and unseen were measured blind first (see the closing notes). These
# floors sit a few points under today's figures: they catch a rule change that generalises worse.
HELD_OUT_FLOORS = {
    "holdout": (0.85, 0.88, 0.88),
    "blind": (0.85, 0.80, 0.80),
    "fresh": (0.76, 0.86, 0.84),
    "unseen": (0.72, 0.84, 0.82),
    # Real-shaped development sets (tests/real, README "Real-shaped sets"): used to tune the rules of #7.
    "real/dev1": (0.80, 0.85, 0.90),
    "real/dev2": (0.76, 0.85, 0.88),
    # The second round of development sets (stop 13), written from the contract alone; dev4 (17 core
    # events) is too small for a floor of its own.
    "real/dev3": (0.80, 0.80, 0.92),
    "real/dev5": (0.76, 0.76, 0.84),
    "real/dev6": (0.72, 0.72, 0.78),
    # the third round (stop 13), tuned on at stop 14
    "real/dev7": (0.70, 0.80, 0.88),
    "real/dev8": (0.73, 0.66, 0.86),
    # the fourth round (stop 15), tuned on at stop 15
    "real/dev9": (0.80, 0.82, 0.88),
    "real/dev10": (0.76, 0.68, 0.72),
    # The earlier test splits, each measured once and then retired into development: test … test5 at stop
    # 17; test6, test7 and test8 at stop 18; test9 at the end of stop 19, after its one measurement (README
    # "Real-shaped sets"). Floors a few points under the figures of stop 21.
    "real/test": (0.78, 0.80, 0.88),
    "real/test2": (0.76, 0.78, 0.86),
    "real/test3": (0.78, 0.84, 0.88),
    "real/test4": (0.78, 0.77, 0.86),
    "real/test5": (0.70, 0.76, 0.92),
    "real/test6": (0.70, 0.84, 0.88),
    "real/test7": (0.68, 0.74, 0.74),
    "real/test8": (0.70, 0.78, 0.82),
    "real/test9": (0.68, 0.72, 0.76),
    # test10, measured once at the end of stop 20 (50.7 % / 70.0 % / 73.9 %), then development (68.5 % / 81.9 % at
    # stop 21)
    "real/test10": (0.64, 0.76, 0.72),
    # test11, measured once at the end of stop 21 (47.6 % / 69.2 % / 93.4 %), then development (61.0 % / 73.3 %)
    "real/test11": (0.56, 0.68, 0.88),
    # test12, measured once at the end of stop 22 (59.4 % / 79.2 % / 82.6 %; the code of stop 21: 59.4 % / 78.5 %),
    # then development
    "real/test12": (0.55, 0.74, 0.78),
    # dev11 (stop 22), written blind to the extractor and measured once before any tuning (50.0 % / 79.6 % with the
    # code of stop 21, 50.0 % / 81.2 % with that of stop 22 at the time), then development
    "real/dev11": (0.50, 0.76, 0.64),
    # test13, measured once at the end of stop 23 (38.5 % / 70.3 % / 80.6 %, the same 25 of 65 events with the code
    # of stop 22), then development
    "real/test13": (0.34, 0.64, 0.74),
    # dev12 (stop 23), written blind to the extractor and measured once before any tuning (54.8 % / 75.6 % with the
    # code of stop 22, 56.2 % / 75.0 % with that of stop 23), then development
    "real/dev12": (0.50, 0.68, 0.76),
    # dev13 (stop 23), written blind to the extractor and measured once before any tuning (46.0 % / 72.3 % with the
    # code of stop 22, 46.0 % / 74.5 % with that of stop 23), then development
    "real/dev13": (0.40, 0.66, 0.84),
    # The multi-outlet sets (tests/incidents, tests/incidents2, issue #8), event level.
    "incidents": (0.68, 0.76, 0.78),
    "incidents2": (0.66, 0.76, 0.84),
}


@pytest.mark.parametrize("name", sorted(HELD_OUT_FLOORS))
def test_held_out_sets_stay_above_their_floors(name):
    from analysis.evaluate import evaluate

    overall, per_article = evaluate(Path(__file__).parent / name)
    recall, precision, attributes = HELD_OUT_FLOORS[name]
    report = "\n".join(overall.missed + overall.wrong + overall.unmatched_rows)
    assert len(per_article) >= 6 and overall.gold >= 30
    assert overall.recall >= recall, report
    assert overall.precision >= precision, report
    assert overall.attribute_accuracy >= attributes, report


# Incident pairs on the multi-outlet sets (issue #8): of the matched gold events of one category in two
# articles, how many the resolver puts in the same incident rightly (precision) and how many of the gold's
# pairs it finds (recall). Floors under the figures of stop 19 (incidents 1.000 / 0.944, incidents2 0.852 / 0.697);
# most missed pairs are extraction errors (a report's row placed or dated differently), which the resolver
# must not paper over.
INCIDENT_PAIR_FLOORS = {"incidents": (0.95, 0.90), "incidents2": (0.82, 0.66)}


@pytest.mark.parametrize("name", sorted(INCIDENT_PAIR_FLOORS))
def test_incident_pairs_stay_above_their_floors(name):
    from analysis.evaluate import evaluate

    overall, _ = evaluate(Path(__file__).parent / name)
    right, found, gold = overall.incident_pairs()
    assert gold >= 20, "a multi-outlet set should give at least 20 gold pairs"
    report = "\n".join(overall.pair_errors())
    assert overall.pair_precision >= INCIDENT_PAIR_FLOORS[name][0], report
    assert overall.pair_recall >= INCIDENT_PAIR_FLOORS[name][1], report
