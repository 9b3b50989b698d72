"""Rules learned from the real-shaped development sets tests/real/dev3 … dev8 (issue #7). Sentences are
written for these tests, in the shapes those reports take. Most cases are rows of two tables: the trigger
kinds a sentence opens (``TRIGGERS``, read from the data file ``cases/real_triggers.yaml``), and the one event row a
short article makes (``ONE_ROW``, read from ``cases/real_rows.yaml``); each case's id names the rule it holds.
Cases that need more than one row or a lower layer follow them."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from analysis.dates import find_dates
from analysis.facts import _own_date
from analysis.places import gazetteer
from test_consolidate import events_of
from test_real_triggers import kinds

CASES = Path(__file__).parent / "cases" / "real_triggers.yaml"
CASE_KEYS = {"id", "text", "kinds"}


def _trigger_case(n: int, case: object):
    """One case of ``cases/real_triggers.yaml`` as a pytest param, after checking its keys and kinds: a typo
    in the data file fails with the case and the fix named, not as a silent skip."""
    if not isinstance(case, dict) or set(case) != CASE_KEYS:
        raise ValueError(f"{CASES}: case {n + 1} must have exactly the keys {sorted(CASE_KEYS)}, has {case!r}")
    if not isinstance(case["text"], str) or not case["text"].strip():
        raise ValueError(f"{CASES}: case {case['id']!r} needs a sentence in 'text'")
    expected = []
    for kind in case["kinds"]:
        category, _, name = str(kind).partition("/")
        if not name:
            raise ValueError(f"{CASES}: case {case['id']!r}: kind {kind!r} must read category/kind, e.g. attack/capture")
        expected.append((category, name))
    return pytest.param(case["text"], expected, id=str(case["id"]))


def _trigger_cases() -> list:
    cases = yaml.safe_load(CASES.read_text(encoding="utf-8"))["cases"]
    params = [_trigger_case(n, c) for n, c in enumerate(cases)]
    ids = [p.id for p in params]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"{CASES}: ids used twice: {duplicates} — give each case its own id")
    return params


TRIGGERS = _trigger_cases()


@pytest.mark.parametrize("text, expected", TRIGGERS)
def test_real_reporting_triggers(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize("case, fix", [
    ({"id": "x", "text": "Drones hit Odesa."}, "exactly the keys"),
    ({"id": "x", "text": " ", "kinds": []}, "needs a sentence"),
    ({"id": "x", "text": "Drones hit Odesa.", "kinds": ["strike"]}, "category/kind"),
])
def test_a_malformed_trigger_case_is_refused_with_its_fix(case, fix):
    with pytest.raises(ValueError, match=fix):
        _trigger_case(0, case)


ROW_CASES = Path(__file__).parent / "cases" / "real_rows.yaml"
ROW_KEYS = {"id", "text", "published", "category", "expected"}


def _row_case(n: int, case: object):
    """One case of ``cases/real_rows.yaml`` as a pytest param, its keys and values checked first: a typo in the
    data file fails naming the case and the fix, not as a silent skip."""
    if not isinstance(case, dict) or not ROW_KEYS <= set(case) <= ROW_KEYS | {"timezone"}:
        raise ValueError(f"{ROW_CASES}: case {n + 1} must have the keys {sorted(ROW_KEYS)} (and may have 'timezone'), "
                         f"has {sorted(case) if isinstance(case, dict) else case!r}")
    if not isinstance(case["expected"], dict) or not case["expected"]:
        raise ValueError(f"{ROW_CASES}: case {case['id']!r}: 'expected' must map columns to values")
    try:
        dt.date.fromisoformat(str(case["published"]))
    except ValueError:
        raise ValueError(f"{ROW_CASES}: case {case['id']!r}: 'published' must be a date, YYYY-MM-DD") from None
    return pytest.param(case["text"], str(case["published"]), case.get("timezone", "Europe/Kyiv"), case["category"],
                        case["expected"], id=str(case["id"]))


def _row_cases() -> list:
    params = [_row_case(n, c) for n, c in enumerate(yaml.safe_load(ROW_CASES.read_text(encoding="utf-8"))["cases"])]
    ids = [p.id for p in params]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{ROW_CASES}: ids used twice: {sorted({i for i in ids if ids.count(i) > 1})}")
    return params


ONE_ROW = _row_cases()


@pytest.mark.parametrize("case, fix", [
    ({"id": "x", "text": "Drones hit Odesa.", "published": "2024-05-20", "category": "attack"}, "must have the keys"),
    ({"id": "x", "text": "Drones hit Odesa.", "published": "2024-05-20", "category": "attack", "expected": {}},
     "map columns"),
    ({"id": "x", "text": "Drones hit Odesa.", "published": "20 May", "category": "attack",
      "expected": {"actor1": "Russia"}}, "YYYY-MM-DD"),
])
def test_a_malformed_row_case_is_refused_with_its_fix(case, fix):
    with pytest.raises(ValueError, match=fix):
        _row_case(0, case)


def _value(row: dict, column: str):
    value = row[column]
    return value.isoformat() if isinstance(value, dt.date) else value


@pytest.mark.parametrize("text, published, timezone, category, expected", ONE_ROW)
def test_one_sentence_makes_one_row_of_its_category(text, published, timezone, category, expected):
    """The article is a title line and the sentence; exactly one row of ``category`` comes out."""
    (row,) = events_of("Title\n" + text + "\n", published, timezone, category=category)
    assert {column: _value(row, column) for column in expected} == expected


# -- cases of several rows, of whole short articles, and of the layers below ----------------------------

# Sentences that make several rows, or one row among others, of one category: each case gives the columns
# compared and every row's values, sorted.
def _rows(rule: str, text: str, published: str, category: str, columns: tuple, expected: list,
          timezone: str = "Europe/Kyiv"):
    return pytest.param(text, published, timezone, category, columns, expected, id=rule)


# jets scrambled while a strike fell elsewhere: the air-policing sentence two rows of ROWS test
AIR_POLICING = ("Poland's armed forces said Polish and allied aircraft were scrambled early on Monday to protect the "
                "country's airspace while Russia struck western Ukraine.")
# sentences that two ROWS cases share, one per category they test
CRAZY = "Trump called Putin \"absolutely crazy\" after the strikes."
FLED_LYPTSI = "Around 4,000 people have fled the town of Lyptsi since the Russian offensive began."
TRENCHES = "As a Ukrainian counteroffensive is expected there, Russian forces are digging trenches near Tokmak."
SPLIT = ("location", "weapon_count")
SIDES = ("actor1", "actor2")
ROWS = [
    _rows("a-blow-with-its-own-day-inside-a-day-after-clause-keeps-it",
          "His offer came a day after a rocket attack on Belgorod on Thursday injured at least two people.",
          "2024-01-08", "attack", ("event_date", "location"), [("2024-01-04", "Belgorod")], "Europe/Moscow"),
    _rows("a-night-told-by-the-evening-hour-it-began-is-the-morning-after",
          "Russia sent 79 Shahed and decoy drones into Ukraine from 7.30pm on Saturday, Ukraine's air force said.",
          "2025-03-02", "attack", ("event_date", "weapon_count"), [("2025-03-02", 79)]),
    _rows("two-pledges-each-in-its-own-clause-each-at-its-own-place",
          "On Friday the president signed security agreements in Berlin with Chancellor Olaf Scholz, who announced "
          "a 1.1 billion euro military package, and in Paris with President Emmanuel Macron, who pledged up to 3 "
          "billion euros in additional military aid.", "2024-02-17", "military_support", ("actor1", "location"),
          [("France", "Paris"), ("Germany", "Berlin")]),
    _rows("towns-taken-each-with-its-region-are-one-event-each",
          "Reports he heard included the liberation of Krasnoarmeysk in the Donetsk People's Republic and of "
          "Volchansk in the Kharkov Region, the Kremlin's spokesman told reporters.", "2025-12-01", "attack",
          ("actor1", "location"), [("Russia", "Pokrovsk"), ("Russia", "Vovchansk")], "Europe/Moscow"),
    _rows("districts-of-a-town-taken",
          "Solodchuk said Russian forces had taken the southern districts of Dimitrov.", "2025-12-01", "attack",
          ("actor1", "location"), [("Russia", "Myrnohrad")], "Europe/Moscow"),
    _rows("places-taken-with-notes-in-brackets-are-one-event-each",
          "The Russian Ministry of Defense claimed on November 17 that Russian forces seized Dvorichanske (northeast "
          "of Kupyansk), Platonivka (east of Sloviansk), and Hai (north of Vyshneve).", "2025-11-17", "attack",
          ("actor1", "location"), [("Russia", "Dvorichanske"), ("Russia", "Hai"), ("Russia", "Platonivka")]),
    _rows("a-commitment-to-more-support-by-a-list-of-governments-is-one-event-each",
          "Government leaders from Sweden, Estonia and Poland on Wednesday committed to expanding their support for "
          "Ukraine over the coming months.", "2024-11-28", "military_support", ("actor1", "actor2"),
          [("Estonia", "Ukraine"), ("Poland", "Ukraine"), ("Sweden", "Ukraine")]),
    _rows("launch-sites-are-not-where-the-weapons-struck",
          "Russia sent 79 Shahed and decoy drones into Ukraine overnight, launching them from the Oryol and Bryansk "
          "regions, Millerovo and Primorsko-Akhtarsk, Ukraine's air force said.", "2025-03-02", "attack",
          ("location", "weapon_count"), [("Ukraine", 79)]),
    _rows("an-advance-near-several-towns-is-one-event-per-town",
          "Russian forces have recently gained ground inside Kharkiv Oblast and around Lyman and Siversk, while "
          "Ukrainian forces have recently advanced near Toretsk.", "2025-03-16", "attack", ("actor1", "location"),
          [("Russia", "Kharkiv Oblast"), ("Russia", "Lyman"), ("Russia", "Siversk"), ("Ukraine", "Toretsk")]),
    _rows("a-second-missile-that-came-down-on-a-village-is-a-strike-of-its-own",
          "At 7:32 p.m. a ballistic missile struck a cafe in Kramatorsk, killing 13 people. Minutes later, a second "
          "missile came down on the village of Yasnobrodivka north of the city, wounding five.", "2023-06-28",
          "attack", ("location",), [("Kramatorsk",), ("Yasnobrodivka",)]),
    _rows("a-sentence-that-only-breaks-the-total-down-opens-one-event-per-region",
          "MOSCOW, July 31. /TASS/. The ministry said air defense units on duty had shot down 32 Ukrainian fixed-wing "
          "drones over Russian regions overnight. Of these, the Volgograd Region accounted for eleven, the Republic "
          "of Crimea for seven, the Belgorod and Voronezh Regions for five apiece and the Tambov and Rostov Regions "
          "for two apiece, according to the ministry.", "2025-07-31", "air_defense", SPLIT,
          [("Belgorod Oblast", 5), ("Crimea", 7), ("Rostov Oblast", 2), ("Russia", 32), ("Tambov Oblast", 2),
           ("Volgograd Oblast", 11), ("Voronezh Oblast", 5)], "Europe/Moscow"),
    _rows("one-count-said-of-each-region-named-is-one-event-per-region",
          "The governors of the Sumy region and the Chernihiv region said three drones had been downed over each of "
          "their regions overnight.", "2024-06-12", "air_defense", SPLIT, [("Chernihiv Oblast", 3), ("Sumy Oblast", 3)]),
    _rows("the-defender-is-not-the-side-whose-drones-were-downed",
          "Of the 18 Shahed drones Russia launched overnight, 15 were destroyed, Ukraine's air force said.",
          "2024-06-12", "air_defense", (*SIDES, "weapon_count"), [("Ukraine", "Russia", 15)]),
    _rows("forces-right-before-the-interception-verb-defend",
          "Russia launched 90 drones at Ukraine overnight. The air force said Ukrainian forces shot down 70 drones, "
          "helped by Ukrainian electronic warfare.", "2025-03-16", "air_defense", (*SIDES, "weapon_count"),
          [("Ukraine", "Russia", 70)]),
    _rows("strikes-on-a-list-of-regions-are-one-event-per-region",
          "Russian troops also struck power facilities in the eastern Kharkiv region, the northern Sumy region and "
          "the central Poltava region, officials said.", "2025-10-20", "attack", ("location",),
          [("Kharkiv Oblast",), ("Poltava Oblast",), ("Sumy Oblast",)]),
    _rows("strikes-on-sites-named-at-length-in-a-list-of-regions-are-one-event-per-region",
          "Russian missiles struck army training grounds and fuel depots in the Volyn and Rivne regions overnight, "
          "officials said.", "2022-06-26", "attack", ("location",), [("Rivne Oblast",), ("Volyn Oblast",)]),
    _rows("sites-struck-in-a-countrys-regions-are-one-event-per-region",
          "Ukraine's General Staff said its forces had struck an arms plant in Russia's Penza region and a fuel depot "
          "in Dagestan overnight.", "2025-10-22", "attack", ("location",), [("Dagestan",), ("Penza Oblast",)]),
    _rows("weapons-promised-by-several-donors-are-one-event-per-donor",
          "The minister said on Monday that CV90 vehicles promised by Sweden and Denmark will reach Ukraine in the "
          "spring.", "2023-03-13", "military_support", SIDES, [("Denmark", "Ukraine"), ("Sweden", "Ukraine")]),
    _rows("a-place-named-before-its-capture-is-the-place-taken",
          "Robotyne was liberated by the Ukrainian 65th Mechanised Brigade, the brigade said, while the border guard "
          "service said Verbove had returned to Ukrainian control.", "2023-08-29", "attack", SIDES + ("location",),
          [("Ukraine", "Russia", "Robotyne"), ("Ukraine", "Russia", "Verbove")]),
    _rows("a-list-of-villages-freed-named-before-the-verb-is-one-event-per-village",
          "Davydiv Brid, Velyka Oleksandrivka and Dudchany, in the southern Kherson region, have been freed by "
          "Ukrainian forces, President Zelensky said in his nightly address.", "2022-10-05", "attack",
          ("actor1", "location"), [("Ukraine", "Davydiv Brid"), ("Ukraine", "Dudchany"), ("Ukraine", "Velyka Oleksandrivka")]),
    _rows("villages-told-as-under-a-sides-control-are-one-capture-each",
          "MOSCOW (Reuters) -Hirnyk and Kurakhivka, two villages in the Donetsk region of eastern Ukraine, are now "
          "under the control of Russian troops, the Defence Ministry in Moscow said on Wednesday.", "2024-10-23",
          "attack", ("actor1", "location"), [("Russia", "Hirnyk"), ("Russia", "Kurakhivka")], "Europe/Moscow"),
    _rows("troops-named-after-said-are-the-subject-of-what-was-said",
          "DeepState, a Ukrainian open-source mapping project, said Russian troops had seized Vremivka, a village "
          "nearby.", "2025-01-27", "attack", ("actor1", "location"), [("Russia", "Vremivka")]),
    _rows("troops-that-edged-forward-near-two-towns-advanced-at-each",
          "Ukrainian troops recently pushed forward north of Sudzha in Kursk Oblast; Russian troops recently edged "
          "forward near Toretsk and near Selydove.", "2024-10-21", "attack", ("actor1", "location"),
          [("Russia", "Selydove"), ("Russia", "Toretsk"), ("Ukraine", "Sudzha")]),
    _rows("communities-liberated-are-places-taken",
          "The Defence Ministry said Russian troops had liberated the communities of Hrodivka and Zhelanne.",
          "2024-09-01", "attack", ("actor1", "location"), [("Russia", "Hrodivka"), ("Russia", "Zhelanne")],
          "Europe/Moscow"),
    _rows("a-flag-raised-in-a-village-is-its-capture",
          "Footage verified on Monday shows Ukrainian soldiers raising the national flag in Urozhaine, a village "
          "south of Velyka Novosilka.", "2023-06-13", "attack", ("actor1", "location"), [("Ukraine", "Urozhaine")]),
    _rows("a-village-added-to-the-list-of-those-liberated-is-taken",
          "On Monday evening, Deputy Defence Minister Hanna Maliar added Piatykhatky to the list of settlements "
          "Ukrainian forces had liberated.", "2023-06-13", "attack", ("actor1", "location"), [("Ukraine", "Piatykhatky")]),
    _rows("villages-taken-listed-after-including-are-one-event-each-by-the-side-that-claims-them",
          "Ukraine's General Staff said troops had retaken a string of villages near Kupiansk, including Synkivka and "
          "Petropavlivka.", "2022-09-12", "attack", ("actor1", "location"),
          [("Ukraine", "Petropavlivka"), ("Ukraine", "Synkivka")]),
    _rows("villages-a-ministry-lists-as-captured-are-one-event-each",
          "Moscow's defence ministry said its units had pushed forward, and the villages it listed as captured were "
          "Lukiantsi, Zelene and Starytsia.", "2024-05-16", "attack", ("location",),
          [("Lukiantsi",), ("Starytsia",), ("Zelene",)], "Europe/Moscow"),
    _rows("donors-who-together-pay-for-arms-are-one-event-each-and-arm-the-side-at-war",
          "Finland, Estonia and Lithuania will jointly pay roughly $300 million for American-made air defence missiles "
          "for Ukraine, the three defence ministries said on Monday.", "2025-09-01", "military_support",
          (*SIDES, "location"), [("Estonia", "Ukraine", None), ("Finland", "Ukraine", None), ("Lithuania", "Ukraine", None)]),
    _rows("arms-a-side-is-to-receive-from-named-donors-come-from-each-donor",
          "Kyiv is due to get 24 tracked howitzers from Belgium and Portugal from the spring, the Belgian government "
          "said.", "2024-02-11", "military_support", SIDES, [("Belgium", "Ukraine"), ("Portugal", "Ukraine")]),
    _rows("money-earmarked-for-tank-repairs-is-aid",
          "Norway earmarked about $20 million so that Ukrainian Leopard 2 tanks can be serviced at Polish plants.",
          "2024-04-26", "military_support", SIDES, [("Norway", "Ukraine")]),
    _rows("a-statement-closed-by-its-speaker-is-the-speakers",
          "Russia's terms were rejected as a demand for surrender, US Secretary of State Antony Blinken said on Friday.",
          "2024-06-15", "diplomacy", ("actor1",), [("United States",)]),
    _rows("the-year-a-pledge-covers-is-not-its-day",
          "Finland said it would raise its military support for Ukraine this year by more than 200 million euros.",
          "2024-04-26", "military_support", ("event_date",), [("2024-04-26",)]),
    _rows("the-city-a-mayor-speaks-of-is-his-own",
          "A missile hit a depot in Dnipro before dawn. Zaporizhzhia mayor Ivan Fedorov says Russian drones struck "
          "energy facilities in the city several times.", "2024-03-22", "attack", ("location",),
          [("Dnipro",), ("Zaporizhzhia",)]),
    _rows("a-village-of-a-sentence-that-opens-in-a-region-lies-in-it",
          "In the Kursk region, Governor Roman Starovoit wrote that two drones had targeted a substation at around "
          "4:00 a.m., hitting sites near the villages of Plekhovo and Zhuravka.", "2023-06-02", "attack",
          ("actor1", "location", "admin1"), [("Ukraine", "Plekhovo", "Kursk Oblast")], "Europe/Moscow"),
    _rows("forces-that-fired-on-a-village-struck-it",
          "Ukrainian troops opened fire on the village of Zhuravka overnight, the Bryansk governor said.", "2023-06-02",
          "attack", ("actor1", "location"), [("Ukraine", "Zhuravka")], "Europe/Moscow"),
    _rows("a-night-from-late-evening-to-the-morning-is-dated-by-its-morning",
          "The ministry said its air defence units had intercepted 88 Ukrainian drones over nine regions between late "
          "Saturday and the morning.", "2025-01-26", "air_defense", ("event_date", "weapon_count"), [("2025-01-26", 88)],
          "Europe/Moscow"),
    _rows("the-side-named-right-before-a-statements-verb-made-it",
          "In Vilnius, Lithuania, on the sidelines of a European Political Community meeting, President Volodymyr "
          "Zelensky condemned the strike as deliberate.", "2024-07-18", "diplomacy", ("actor1",), [("Ukraine",)]),
    _rows("of-two-joined-subjects-the-first-acts",
          "In Warsaw, President Volodymyr Zelensky and Polish Prime Minister Donald Tusk signed a security agreement.",
          "2024-07-08", "diplomacy", ("actor1",), [("Ukraine",)]),
    _rows("a-side-named-only-after-a-rejection-is-the-one-rejected",
          "Viktor Trehubov, spokesman for the Khortytsia group of forces, rejected the Russian claim the same day.",
          "2025-01-26", "diplomacy", SIDES, [("Ukraine", "Russia")]),
    _rows("a-closure-until-a-day-happened-on-the-day-told",
          "Latvia also closed its airspace along its eastern border until December 9.", "2025-09-10", "diplomacy",
          ("event_date",), [("2025-09-10",)]),
    _rows("a-day-a-happening-came-before-is-not-its-day",
          "The Kremlin called the incident an act of terrorism, noting that it came days before the May 9 parade.",
          "2023-05-04", "diplomacy", ("event_date",), [("2023-05-04",)], "Europe/Moscow"),
    _rows("the-region-around-a-city-is-its-region",
          "Two people were killed when Russian drones attacked the area around Kharkiv overnight, police said.",
          "2025-01-24", "attack", ("location",), [("Kharkiv Oblast",)]),
    _rows("a-measure-a-speaker-says-another-side-takes-is-that-sides",
          "Biden said the G7 would ban imports of Russian gold, the country's most valuable export after energy.",
          "2022-06-26", "diplomacy", SIDES, [("G7", "Russia")]),
    # not where the blow it answers happened, but the host's capital
    _rows("the-place-of-a-blow-a-summons-answers-is-not-where-it-happened",
          "The Russian Foreign Ministry on Monday summoned US Ambassador Lynne Tracy over the missile attack on "
          "Sevastopol.", "2024-06-24", "diplomacy", ("location",), [("Moscow",)], "Europe/Moscow"),
    _rows("bodies-received-from-the-other-side-are-a-repatriation-with-no-place",
          "Ukraine received the bodies of 1,000 fallen soldiers from Russia on Thursday, the coordination "
          "headquarters said.", "2025-10-23", "humanitarian", (*SIDES, "location", "event_date"),
          [("Ukraine", "Russia", None, "2025-10-23")]),
    _rows("the-previous-repatriation-is-told-for-comparison",
          "The previous repatriation took place on September 18, when Ukraine also received 1,000 bodies.",
          "2025-10-23", "humanitarian", ("event_date",), []),
    _rows("servicemen-brought-back-after-a-relative-clause-are-an-exchange",
          "According to the ministry, 195 Russian servicemen, whose lives had been at risk in captivity, were brought "
          "back from Kiev-controlled territory following negotiations.", "2024-01-31", "humanitarian", ("actor1",),
          [("Russia",)], "Europe/Moscow"),
    _rows("a-group-of-pows-welcomed-home-is-an-exchange",
          "On Saturday Ukraine welcomed home a further group of POWs held in Russia, most of them officers.",
          "2025-06-14", "humanitarian", SIDES, [("Ukraine", "Russia")]),
    _rows("a-withdrawal-set-as-a-condition-is-no-happening-and-a-day-said-is-past",
          "Ukraine will negotiate with Russia only after Russian forces withdraw from Ukrainian land, Foreign Minister "
          "Dmytro Kuleba said on Thursday.", "2023-08-11", "attack", ("location",), []),
    # one sentence, two rows: the jets scrambled guard their own country; the strike beside them keeps its striker
    _rows("the-side-right-before-struck-beside-jets-scrambled-is-the-striker", AIR_POLICING, "2025-06-09", "attack",
          SIDES, [("Russia", "Ukraine")]),
    _rows("jets-scrambled-are-the-defenders-own-over-their-own-country", AIR_POLICING, "2025-06-09", "air_defense",
          ("actor1", "location"), [("Poland", "Poland")]),
    _rows("troops-sent-by-the-side-right-before-the-verb-back-the-side-it-backs",
          "SEOUL, Feb. 27 (Yonhap) -- South Korea's spy agency believes North Korea has sent more troops to back "
          "Russia in its war with Ukraine, it said Thursday.", "2025-02-27", "military_support", SIDES,
          [("North Korea", "Russia")], "Asia/Seoul"),
    _rows("money-announced-for-weapons-is-aid",
          "The swap came as President Joe Biden announced nearly $2.5bn in further weapons for Ukraine on Monday.",
          "2024-12-30", "military_support", SIDES, [("United States", "Ukraine")]),
    _rows("an-alliance-hosting-a-pledge-is-not-armed-by-it",
          "At a meeting of the contact group at NATO headquarters, Germany's defence minister Boris "
          "Pistorius promised four more IRIS-T air defence systems.", "2024-04-20", "military_support", SIDES,
          [("Germany", "Ukraine")]),
    _rows("a-statement-dated-only-by-a-past-years-history-stands-on-the-storys-day",
          "Ankara's foreign ministry said the move gravely violated international law, and Ankara also never accepted "
          "the seizure of Crimea in 2014.", "2022-10-01", "diplomacy", ("actor1", "event_date"),
          [("Turkey", "2022-10-01")]),
    _rows("the-council-of-the-eu-is-the-eu",
          "On Monday, the Council of the European Union adopted a 14th package of sanctions against Russia.",
          "2024-06-24", "diplomacy", SIDES, [("European Union", "Russia")]),
    _rows("a-second-pledge-in-a-clause-of-its-own-has-its-own-giver",
          "Norway offered 40 million euros for ammunition for Ukraine's army, and Finland said it was readying a new "
          "package covering artillery and air defence.", "2025-07-22", "military_support", SIDES,
          [("Finland", "Ukraine"), ("Norway", "Ukraine")]),
    _rows("a-count-before-and-a-count-after-the-name-in-one-breakdown",
          "Air defences downed 50 drones: 21 were destroyed over the Kursk Region and 14 above the Bryansk Region, "
          "while the Oryol Region accounted for nine and the Tula Region for six.", "2025-03-11", "air_defense",
          ("weapon_count", "location"), [(6, "Tula Oblast"), (9, "Oryol Oblast"), (14, "Bryansk Oblast"),
                                         (21, "Kursk Oblast"), (50, None)], "Europe/Moscow"),
    _rows("arms-to-reach-a-side-under-a-scheme-run-by-several-donors-are-one-event-each",
          "Hundreds of artillery shells, together with the guns to fire them, are due to reach Ukraine under a plan "
          "run jointly by Norway and Sweden, the two governments announced.", "2024-03-07", "military_support",
          SIDES, [("Norway", "Ukraine"), ("Sweden", "Ukraine")]),
    _rows("a-money-package-and-a-second-clause-of-givers-after-while-are-one-event-each",
          "Sweden assembled a €300 million package, while Finland and Estonia committed armoured vehicles.",
          "2024-05-14", "military_support", SIDES,
          [("Estonia", "Ukraine"), ("Finland", "Ukraine"), ("Sweden", "Ukraine")]),
    _rows("a-capital-after-a-comma-with-a-verb-of-its-own-gives",
          "In a separate arrangement, Prague will supply Kyiv with artillery shells.", "2024-05-14",
          "military_support", SIDES, [("Czech Republic", "Ukraine")]),
    _rows("what-a-donors-contribution-will-be",
          "Oslo's contribution will be about forty tracked vehicles.", "2024-05-14", "military_support", SIDES,
          [("Norway", "Ukraine")]),
    _rows("a-source-named-after-repelled-assaults-made-none-of-them",
          "Ukrainian forces fought off 41 attacks near Toretsk, according to figures that Kyiv's General Staff "
          "released on Sunday morning.", "2024-09-15", "attack", SIDES, [("Russia", "Ukraine")]),
    _rows("defences-dug-by-a-side-named-before-the-verb",
          TRENCHES, "2023-04-02",
          "other", ("actor1", "location", "event_type"), [("Russia", "Tokmak", "Strategic developments")]),
    _rows("defences-a-side-would-build-later-are-no-happening",
          "Wagner would spend the coming week building defensive positions, the commander said.", "2023-05-21",
          "other", SIDES, []),
    _rows("a-push-that-is-expected-is-no-attack",
          TRENCHES, "2023-04-02",
          "attack", SIDES, []),
    _rows("a-site-gradually-coming-under-a-sides-control",
          "Both sides said the outskirts of Marinka are gradually coming under Russian control.", "2023-04-02",
          "attack", SIDES, [("Russia", "Ukraine")]),
    _rows("a-region-saw-drones-destroyed",
          "Overnight, the Rostov region saw 23 Ukrainian drones destroyed, according to a Russian Defence Ministry "
          "statement issued on Tuesday morning.", "2024-06-11", "air_defense", SIDES + ("weapon_count",),
          [("Russia", "Ukraine", 23)], "Europe/Moscow"),
    _rows("air-defences-claimed-about-n-drones",
          "According to a Reuters count, Moscow's air defences claimed about 40 drones before dawn.", "2024-06-11",
          "air_defense", SIDES, [("Russia", "Ukraine")], "Europe/Moscow"),
    _rows("overnight-and-the-day-before-the-paper-is-the-night-that-ended-on-its-morning",
          "Overnight Tuesday, the Bryansk region saw 19 Ukrainian drones destroyed, the ministry said on Wednesday.",
          "2024-06-12", "air_defense", ("event_date",), [("2024-06-12",)], "Europe/Moscow"),
    _rows("overnight-and-the-papers-own-day-is-that-day",
          "Russia launched 40 drones overnight Saturday, the air force said.", "2024-05-18", "attack",
          ("event_date",), [("2024-05-18",)]),
    _rows("missiles-hit-over-places-were-hit-in-the-air",
          "\"Seven were hit over Odesa, four over Mykolaiv region and two over Kherson region,\" the air force "
          "commander wrote.", "2023-02-10", "air_defense", ("location",),
          [("Kherson Oblast",), ("Mykolaiv Oblast",), ("Odesa",)]),
    _rows("people-a-reporter-met-hold-no-meeting",
          "Residents we met on the streets of Lviv said they would not leave.", "2023-02-10", "diplomacy", SIDES, []),
    _rows("people-who-fled-flown-in-by-the-state-that-takes-them-in-from-where-they-left",
          "Thirty more people who fled Ukraine are now in Canada: their chartered flight from Poland landed in "
          "Toronto on Sunday.", "2022-05-09", "humanitarian", ("actor1", "location"), [("Canada", "Poland")],
          "America/Toronto"),
    _rows("a-spokeswoman-labelled-the-raid-terrorism",
          "Maria Zakharova, the foreign ministry's spokeswoman, labelled the attack terrorism.", "2023-07-30",
          "diplomacy", ("actor1",), [("Russia",)], "Europe/Moscow"),
    _rows("an-interception-is-placed-in-the-sky-it-happened-in",
          "Sheremetyevo airport halted flights for two hours as air defences downed three drones over the New "
          "Moscow area.", "2023-07-30", "air_defense", ("location",), [("Moscow",)], "Europe/Moscow"),
    _rows("a-further-death-in-another-region-is-a-blow-of-its-own",
          "Three people were hurt in the southern Kherson region, officials said, and a further death was reported "
          "in the Sumy region in the north.", "2024-08-02", "attack", ("location",),
          [("Kherson Oblast",), ("Sumy Oblast",)]),
    _rows("towns-that-both-came-under-a-blow-are-one-event-each",
          "Toretsk, a town west of Horlivka, and Kostiantynivka, a little further north, both came under shelling "
          "on Friday.", "2024-08-02", "attack", ("location",), [("Kostiantynivka",), ("Toretsk",)]),
    _rows("bodies-returned-after-a-relative-clause-are-a-repatriation",
          "The bodies of 909 people, whom the Russian side says were Ukrainian soldiers, were returned to Ukraine "
          "on Friday, the coordination centre said.", "2025-11-07", "humanitarian", ("actor1", "actor2"),
          [("Russia", "Ukraine")]),
    _rows("a-side-at-war-arms-an-ally-listed-as-backing-it",
          "Putin told Lukashenko at their meeting in Minsk that Moscow would hand over more Iskander-M systems to "
          "Belarus by the end of the year.", "2023-03-25", "military_support", SIDES, [("Russia", "Belarus")],
          "Europe/Moscow"),
    _rows("a-mayors-ban-on-drone-flights-over-the-capital",
          "Moscow Mayor Sergei Sobyanin announced a ban on drone flights over the capital from Friday.",
          "2023-05-03", "other", ("actor1", "location"), [("Russia", "Moscow")], "Europe/Moscow"),
    _rows("a-village-now-in-a-sides-hands-is-taken-there",
          "Novoselydivka is now in Russian hands, the defence ministry in Moscow said on Monday.", "2024-12-23",
          "attack", ("actor1", "location"), [("Russia", "Novoselydivka")], "Europe/Moscow"),
    _rows("a-wire-unable-to-check-a-claim-reports-no-happening",
          "AFP was unable to check the ministry's statement.", "2024-12-23", "diplomacy", SIDES, []),
    _rows("a-village-called-a-settlement-is-no-diplomacy",
          "In Russian usage the settlement is known as Ostrovske.", "2024-12-23", "diplomacy", SIDES, []),
    _rows("a-request-to-stop-striking-is-no-strike",
          "Officials in Washington have asked Kyiv to stop targeting Russian oil refineries.", "2024-05-16",
          "attack", SIDES, []),
    _rows("no-escalation-is-no-attack",
          "What is strange is the claim that pumping Ukraine with ever heavier weapons is no escalation, he added.",
          "2023-01-30", "attack", SIDES, []),
    _rows("sanctions-that-hit-a-sector-are-no-attack",
          "The new British measures hit Russia's shipping sector and dozens of entities in third countries.",
          "2024-05-09", "attack", SIDES, []),
    _rows("a-strike-in-a-sentence-about-sanctions-is-still-a-strike",
          "Russian missiles hit Odesa as the EU weighed new sanctions.", "2024-05-09", "attack", SIDES,
          [("Russia", "Ukraine")]),
    _rows("when-ground-changed-hands-before-does-not-date-an-evacuation",
          "Residents must now leave 21 villages in the Kupiansk district, as Russian troops try to retake "
          "territory they lost last September.", "2023-08-11", "humanitarian", ("event_date",), [("2023-08-11",)]),
    _rows("drones-shot-out-of-the-sky",
          "The ministry said 41 drones launched by Ukraine had been shot out of the sky above five regions.",
          "2025-02-11", "air_defense", SIDES + ("weapon_count",), [("Russia", "Ukraine", 41)], "Europe/Moscow"),
    _rows("one-each-then-the-verb-then-the-regions",
          "Four were destroyed over the Kaluga Region, while one drone each was brought down over the Tula and "
          "Ryazan Regions.", "2025-02-11", "air_defense", ("weapon_count", "location"),
          [(1, "Ryazan Oblast"), (1, "Tula Oblast"), (4, "Kaluga Oblast")], "Europe/Moscow"),
    _rows("regions-listed-after-a-later-verb-of-striking-are-one-event-each",
          "The ministry said it had used Kalibr missiles overnight to hit military depots in the Poltava, Sumy and "
          "Kirovohrad regions.", "2023-05-14", "attack", ("location",),
          [("Kirovohrad Oblast",), ("Poltava Oblast",), ("Sumy Oblast",)], "Europe/Moscow"),
    _rows("a-district-of-the-city-named-is-the-more-precise-place",
          "A government building in Kyiv's Pecherskyi district has been hit, the prime minister says.",
          "2025-09-07", "attack", ("location",), [("Pecherskyi",)]),
    _rows("a-package-of-so-many-million-euro-for-arms-production",
          "Denmark announced a 250 million euro package for artillery production in Ukraine.", "2025-03-07",
          "military_support", ("actor1", "actor2", "location"), [("Denmark", "Ukraine", None)]),
    _rows("civilians-who-left-a-town-on-buses-were-evacuated",
          "About 200 civilians left the besieged town on buses organised by volunteers.", "2025-03-07",
          "humanitarian", ("category",), [("humanitarian",)]),
    _rows("a-capital-closing-the-sentence-as-its-speaker-is-no-place",
          "Ukraine and Russia swapped 150 prisoners each on Wednesday in a deal brokered by the UAE, Kyiv said.",
          "2025-03-07", "humanitarian", ("location",), [(None,)]),
    _rows("one-count-over-a-list-of-regions-is-the-countrys",
          "Russian air defences intercepted 38 Ukrainian drones over the Kursk, Oryol and Bryansk regions overnight, "
          "the ministry said.", "2024-10-12", "air_defense", ("location", "weapon_count"), [("Russia", 38)],
          "Europe/Moscow"),
    _rows("diplomats-expelled",
          "Moscow expelled three Polish diplomats, accusing them of hostile activity.", "2024-10-12", "diplomacy",
          SIDES, [("Russia", "Poland")], "Europe/Moscow"),
    _rows("a-state-blocking-a-joint-statement-acts",
          "Slovakia blocked a joint EU declaration on Ukraine on Monday.", "2024-10-12", "diplomacy",
          ("actor1",), [("Slovakia",)]),
    _rows("a-fleet-that-says-it-sank-enemy-boats-struck-them",
          "Russia's Black Sea Fleet said it sank three Ukrainian patrol boats near Zmiinyi Island.", "2023-11-25",
          "attack", SIDES, [("Russia", "Ukraine")], "Europe/Moscow"),
    _rows("confirmed-advances-northwest-of-a-town",
          "ISW assessed that Russian forces made confirmed advances northwest of Toretsk.", "2024-11-25", "attack",
          ("actor1", "location"), [("Russia", "Toretsk")]),
    _rows("jets-received-from-a-donor-named-before-the-speaker",
          "Ukraine received the first F-16 fighter jets from Norway, Zelensky said.", "2024-08-01",
          "military_support", SIDES, [("Norway", "Ukraine")]),
    _rows("a-response-to-any-strike-is-no-strike",
          "Putin said Russia would respond to any strike on its territory with maximum force.", "2023-11-25",
          "attack", SIDES, [], "Europe/Moscow"),
    _rows("children-deported-and-returned",
          "Six children deported to Russia have been returned to their families in Ukraine, the ombudsman said.",
          "2024-06-14", "humanitarian", ("category",), [("humanitarian",)]),
    _rows("people-who-fled-a-town-since-an-offensive-began",
          FLED_LYPTSI, "2024-06-14",
          "humanitarian", ("actor1", "location"), [("Ukraine", "Lyptsi")]),
    _rows("an-offensive-in-a-since-clause-is-no-new-attack",
          FLED_LYPTSI, "2024-06-14",
          "attack", SIDES, []),
    _rows("a-loan-to-the-side-at-war-is-military-support",
          "The G7 agreed on Thursday to use profits from frozen Russian assets for a $50 billion loan to Ukraine.",
          "2024-06-14", "military_support", ("actor1", "actor2"), [("G7", "Ukraine")]),
    _rows("a-sentence-for-killing-is-a-trial-not-a-killing",
          "A Ukrainian court sentenced a Russian soldier to 15 years in prison for killing a civilian.",
          "2024-06-14", "attack", SIDES, []),
    _rows("a-leader-calling-another-crazy-in-quotes-is-a-statement",
          CRAZY, "2025-05-26", "diplomacy", SIDES,
          [("United States", "Russia")]),
    _rows("the-strikes-a-reaction-followed-are-no-new-attack",
          CRAZY, "2025-05-26", "attack", SIDES, []),
    _rows("a-list-of-capitals-opening-the-sentence-are-the-givers",
          "Washington, Berlin and The Hague have a joint project under way to get Patriot batteries to the "
          "Ukrainians.", "2023-02-14", "military_support", SIDES,
          [("Germany", "Ukraine"), ("Netherlands", "Ukraine"), ("United States", "Ukraine")]),
    _rows("two-governments-readying-a-system-for-delivery",
          "The Spanish and Portuguese governments, for their part, are readying the Hawk system for delivery.",
          "2023-02-14", "military_support", SIDES, [("Portugal", "Ukraine"), ("Spain", "Ukraine")]),
    _rows("rounds-that-reach-the-gunners-of-two-donors-before-an-aside-speaker",
          "Norway and Canada, Oslo announced, will pool production so that more 155-mm rounds reach Ukrainian "
          "gunners sooner.", "2023-02-14", "military_support", SIDES, [("Canada", "Ukraine"), ("Norway", "Ukraine")]),
    _rows("the-start-of-a-running-total-is-no-date",
          "Close to $50 billion in arms has been committed since the invasion began on Feb. 24 last year. "
          "Denmark pledged 19 more howitzers.", "2023-02-14", "military_support", ("actor1", "event_date"),
          [("Denmark", "2023-02-14")]),
    _rows("villages-now-russian-held-near-a-landmark-town",
          "Not far from Kupyansk, Kurilovka and Petropavlovka are now Russian-held, the general reported.",
          "2025-12-11", "attack", ("location",), [("Kurylivka",), ("Petropavlovka",)], "Europe/Moscow"),   # the second no list holds: kept as written
    _rows("a-town-cleared-in-its-southern-districts",
          "Mirnograd has been cleared in its southern districts, according to the general.", "2025-12-11", "attack",
          ("actor1", "location"), [("Russia", "Myrnohrad")], "Europe/Moscow"),
    _rows("a-town-that-became-the-scene-of-street-combat",
          "Gulyaipole, in the Zaporozhye Region, has become the scene of street-by-street combat.", "2025-12-11",
          "attack", ("location",), [("Huliaipole",)], "Europe/Moscow"),
    _rows("seversk-in-the-dpr-is-siversk",
          "News that Seversk, a city in the DPR, is entirely in Russian hands reached the president on Thursday.",
          "2025-12-11", "attack", ("location",), [("Siversk",)], "Europe/Moscow"),
    _rows("attacks-on-a-town-that-failed-are-placed-there-not-at-the-label",
          "Izyum axis: Russian attacks on Barvinkove failed again, ISW assessed.", "2022-05-07", "attack",
          SIDES + ("location",), [("Russia", "Ukraine", "Barvinkove")]),
    _rows("a-military-announcing-the-fall-of-a-town",
          "Donbas: the Russian military announced on May 7 the fall of Popasna, but the front barely moved.",
          "2022-05-07", "attack", ("actor1", "location"), [("Russia", "Popasna")]),
    _rows("a-village-back-in-a-sides-hands",
          "The ministry said Krupets was back in Russian hands.", "2024-08-15", "attack", ("actor1", "location"),
          [("Russia", "Krupets")], "Europe/Moscow"),
    _rows("villages-back-in-hands-once-is-a-condition",
          "He thinks that once the villages around Bakhmut are back in Ukrainian hands, the Russians will struggle.",
          "2023-09-17", "attack", SIDES, []),
    _rows("a-capture-named-as-the-time-of-another-claim",
          "The ministry had said on Sunday that Ukrainian forces were mounting new attacks in Kursk, a day before "
          "it announced the capture of Kurakhove.", "2025-01-07", "attack", ("actor1", "location"),
          [("Ukraine", "Kursk")], "Europe/Moscow"),
    _rows("the-last-civilians-got-out",
          "Mariupol: the steelworks' last sheltering civilians got out on May 7, officials said.", "2022-05-07",
          "humanitarian", ("location",), [("Mariupol",)]),
    _rows("fighting-with-an-aside-that-raged-around-a-town",
          "Heavy fighting, described as \"relentless\", raged around Marinka, west of Donetsk city.", "2023-01-28",
          "attack", ("location",), [("Marinka",)]),
    _rows("a-leader-challenged-to-visit-the-front",
          "After the committee's decision, Zelenskyy challenged its president to visit Bakhmut on the front line.",
          "2023-01-28", "diplomacy", ("actor1",), [("Ukraine",)]),
    _rows("a-red-line-crossed-by-sending-tanks-is-a-charge-not-a-pledge",
          "By sending Kyiv modern tanks, Washington has stepped over a \"red line\", said Kim Yo Jong.", "2023-01-28",
          "diplomacy", SIDES, [("North Korea", "United States")], "Asia/Seoul"),
    _rows("a-regulator-cutting-off-access-to-websites",
          "The Russian internet regulator cut off access to the websites of two US agencies, TASS said.",
          "2023-01-28", "other", ("actor1",), [("Russia",)], "Europe/Moscow"),
    _rows("help-to-build-missiles-is-the-helpers-pledge",
          "Ukraine will get French help to build its own long-range drones, President Macron promised on Tuesday.",
          "2025-05-28", "military_support", SIDES, [("France", "Ukraine")], "Europe/Paris"),
    _rows("an-equipment-package-for-the-capital-assembled-by-a-capital",
          "One more weapons and equipment package for Kyiv, worth 300 million euros, has been assembled by Paris, "
          "the French defence minister announced.", "2024-03-19", "military_support", ("actor1", "location"),
          [("France", None)], "Europe/Paris"),
    _rows("an-advanced-weapon-is-no-advance",
          "There, an advanced air defense system that Kyiv has sought for months will head the new aid package.",
          "2022-12-21", "attack", SIDES, []),
    _rows("donors-listed-after-a-colon-are-one-event-each",
          "Five countries have already said they will chip in to the next package: Malta, Luxembourg, Iceland and "
          "the two Nordic states, Sweden and Finland.", "2025-09-10", "military_support", ("actor1", "event_date"),
          [("Finland", "2025-09-10"), ("Iceland", "2025-09-10"), ("Luxembourg", "2025-09-10"), ("Malta", "2025-09-10"),
           ("Sweden", "2025-09-10")]),
    _rows("kit-delivered-under-a-named-operation-is-no-strike",
          "The training and kit will be delivered under an operation called Legio, according to Oslo.",
          "2025-10-15", "attack", SIDES, []),
    _rows("a-target-date-before-the-end-of-a-month-is-still-to-come",
          "He told reporters that Kyiv's proposal was for the leaders to meet, with a target date before the end of "
          "August.", "2025-07-24", "diplomacy", ("event_date",), [("2025-07-24",)]),
    _rows("an-official-who-told-a-conference",
          "Brazil's foreign minister has told a Saudi-hosted conference on the war that borders must be respected.",
          "2023-08-05", "diplomacy", ("actor1",), [("Brazil",)]),
    _rows("a-news-conference-is-only-where-a-pledge-was-told",
          "Prime Minister Mette Frederiksen has just told a news conference at Skrydstrup air base that her country "
          "will give Ukraine 19 F-16s.", "2023-08-20", "diplomacy", SIDES, []),
    _rows("a-spokeswoman-deriding-an-event-as-a-farce",
          "Earlier in the week Maria Zakharova derided the event as a \"farce\" meant to rally an anti-Russian bloc.",
          "2023-08-05", "diplomacy", ("actor1",), [("Russia",)], "Europe/Moscow"),
    _rows("drones-launched-by-a-side-are-downed-by-the-other",
          "Over the Kursk region, 12 drones launched by Ukraine were destroyed during the night, the Russian "
          "Defence Ministry said.", "2024-08-03", "air_defense", SIDES, [("Russia", "Ukraine")], "Europe/Moscow"),
    # rules of stop 19
    _rows("training-a-sides-soldiers-is-military-support",
          "The Netherlands said on Tuesday it would train Ukrainian marines at a base near Rotterdam this summer.",
          "2023-04-12", "military_support", ("actor1", "actor2", "event_date"), [("Netherlands", "Ukraine", "2023-04-11")]),
    _rows("a-coalition-that-is-training-pilots-is-background",
          "Rutte met the Belgian prime minister, whose country belongs to a coalition that is training Ukrainian "
          "pilots on F-16s.", "2024-02-03", "military_support", SIDES, []),
    _rows("the-time-needed-to-train-pilots-is-no-pledge",
          "Deliveries could take years, partly because of the time needed to train Ukrainian pilots.",
          "2023-05-20", "military_support", SIDES, []),
    _rows("helping-build-a-brigade-is-military-support",
          "Canada will help build a Ukrainian brigade, its defence minister announced on Friday.",
          "2025-02-15", "military_support", SIDES, [("Canada", "Ukraine")]),
    _rows("a-loan-given-to-the-side-at-war-with-its-sum-after-it",
          "At the summit on Thursday, Japan agreed to give Ukraine a loan of about $3 billion for its defence.",
          "2024-06-14", "military_support", ("actor1", "event_date"), [("Japan", "2024-06-13")]),
    _rows("a-pledge-in-a-clause-after-an-agreement-has-its-own-giver",
          "Macron signed a security pact with Zelensky on Friday, and Canada agreed to give Ukraine a loan of "
          "C$2 billion.", "2024-02-17", "military_support", ("actor1",), [("Canada",)]),
    _rows("the-side-whose-approval-a-package-won-gave-it",
          "A further €300m to help pay for Kyiv's artillery shells won the approval of EU defence ministers in Brussels "
          "on Monday.",
          "2023-03-21", "military_support", SIDES, [("European Union", "Ukraine")]),
    _rows("attacks-an-interception-repelled-are-no-blows-of-their-own",
          "Regional officials said air defence units had repelled drone attacks on the Kursk, Lipetsk and Tambov "
          "regions overnight.", "2024-09-03", "attack", SIDES, [], "Europe/Moscow"),
    _rows("a-launch-told-beside-an-interception-is-still-the-attack",
          "Of nine Shahed drones that Russia sent towards the Odesa region overnight, seven were destroyed by air "
          "defences, the southern command said.", "2022-10-04", "attack", SIDES, [("Russia", "Ukraine")]),
    _rows("an-outage-told-before-the-strike-that-caused-it-is-humanitarian",
          "Some 200,000 households in Odesa had no electricity on Sunday after Russian drones hit two substations.",
          "2024-11-17", "humanitarian", ("location", "event_date"), [("Odesa", "2024-11-17")]),
    _rows("the-strike-after-an-outage-is-still-told",
          "Some 200,000 households in Odesa had no electricity on Sunday after Russian drones hit two substations.",
          "2024-11-17", "attack", SIDES, [("Russia", "Ukraine")]),
    _rows("a-town-already-without-power-after-earlier-attacks",
          "Much of Sumy was already without power late on Monday after earlier Russian attacks on the grid.",
          "2024-11-19", "humanitarian", ("location",), [("Sumy",)]),
    _rows("a-day-named-in-a-comparison-is-another-happenings",
          "The operator said the damage was at least as bad as that caused by the November 15-16 bombardment. In "
          "Lutsk, a missile hit a power plant, the mayor said.", "2022-11-24", "attack",
          ("location", "event_date"), [("Lutsk", "2022-11-24")]),
    _rows("a-warning-of-an-appropriate-response",
          "Russia's foreign ministry said on Tuesday that the army would decide on an appropriate response to "
          "the French decision.", "2024-03-06", "diplomacy", ("actor1", "event_date"), [("Russia", "2024-03-05")],
          "Europe/Moscow"),
    _rows("a-move-viewed-in-a-negative-light",
          "Peskov told journalists the Kremlin viewed the German plan in an extremely negative light.",
          "2024-03-06", "diplomacy", SIDES, [("Russia", "Germany")], "Europe/Moscow"),
    _rows("failing-to-mount-an-adequate-response-is-no-warning",
          "The appointment has not fixed Moscow's failure to mount an adequate response to the incursion.",
          "2024-08-20", "diplomacy", SIDES, [], "Europe/Moscow"),
    _rows("ground-given-up-as-a-share-is-the-other-sides-advance",
          "Ukrainian troops have given up about a third of the territory they held in the Kursk region, a military "
          "source told journalists on Monday.", "2024-12-03", "attack", SIDES, [("Russia", "Ukraine")]),
    _rows("a-verdict-ranking-the-blow-just-told-is-no-blow",
          "It was the heaviest single bombardment of Zaporizhzhia in almost six months.",
          "2024-04-02", "attack", SIDES, []),
    _rows("a-second-scramble-in-response-to-strikes-is-no-verdict-on-a-blow",
          "It was the second time this month that Romanian jets had been scrambled in response to Russian strikes "
          "on Izmail.", "2024-04-02", "attack", SIDES, [("Russia", "Ukraine")]),
    _rows("the-start-of-the-war-told-months-later-is-background",
          "Moscow launched its special military operation in Ukraine on Feb. 24, 2022.", "2023-06-10", "attack", SIDES, []),
    _rows("the-start-of-the-war-in-its-first-days-is-news",
          "Russia launched a special military operation in Ukraine on Thursday.", "2022-02-25", "attack", SIDES,
          [("Russia", "Ukraine")]),
    _rows("a-side-which-began-the-war-and-now-denies-is-no-background",
          "Russia, which launched its full-scale invasion two years ago, denied on Monday that it targets civilians.",
          "2024-03-05", "diplomacy", ("actor1",), [("Russia",)], "Europe/Moscow"),
    _rows("an-analysts-forecast-is-no-happening",
          "Within weeks, Moscow is likely either to annex the occupied south by force or to stage a referendum there.",
          "2022-05-08", "diplomacy", SIDES, []),
    _rows("a-forecast-of-an-assault-is-no-attack",
          "Russian forces are likely to attempt to capture Siversk in the coming days, ISW said.",
          "2025-11-02", "attack", SIDES, []),
    _rows("the-weapon-is-what-was-fired-not-the-aircraft-it-damaged",
          "Ukrainian drones struck an airbase in the Saratov region overnight, damaging two Tu-95 bombers, the "
          "governor said.", "2024-12-08", "attack", ("weapon",), [("drone",)], "Europe/Moscow"),
    _rows("each-blow-of-a-two-clause-sentence-keeps-its-own-toll",
          "Three people were injured in the Kherson region, officials said, and a further death was reported in "
          "the Sumy region.", "2024-06-24", "attack", ("location", "fatalities", "injuries"),
          [("Kherson Oblast", None, 3), ("Sumy Oblast", 1, None)]),
    _rows("a-verdict-on-the-raid-is-about-its-attacker",
          "Ukrainian drones struck an oil depot in the Bryansk region overnight, the governor said. Maria Zakharova, "
          "the foreign ministry's spokeswoman, called the raid a terrorist act.", "2024-05-02", "diplomacy", SIDES,
          [("Russia", "Ukraine")], "Europe/Moscow"),
    _rows("units-of-a-russian-grouping-take-a-village",
          "\"After decisive offensive action, units of the Vostok group liberated the settlement of Petrivka,\" the "
          "ministry said on Tuesday.",
          "2024-10-29", "attack", SIDES, [("Russia", "Ukraine")]),
    _rows("a-ukrainian-grouping-of-forces-is-ukraine",
          "The Khortytsia group of forces said it had pushed Russian troops out of Stupochky on Friday.",
          "2024-10-26", "attack", ("actor1",), [("Ukraine",)]),
    _rows("talks-as-a-prospect-are-no-round",
          "Both armies are digging in ahead of any talks, the analysts said on Monday.", "2025-03-10", "diplomacy",
          SIDES, []),
    _rows("his-talks-with-a-leader-told-as-a-reference",
          "Putin used his talks with Hungary's prime minister to sow discord among Kyiv's allies, ISW said.",
          "2024-12-24", "diplomacy", SIDES, []),
    _rows("a-trip-for-talks-with-a-leader-is-a-round",
          "The minister's tour took him to Bamako for talks with Mali's interim president on Thursday.",
          "2023-02-03", "diplomacy", ("event_date",), [("2023-02-02",)], "Europe/Moscow"),
    _rows("a-standing-accusation-is-no-statement",
          "Later she laid flowers in Irpin, where Russian soldiers are accused of executing civilians in March 2022.",
          "2024-05-06", "diplomacy", SIDES, []),
    _rows("a-capacity-to-strike-is-no-blow",
          "Ukrainian long-range drones could soon hit the bridges, the analysts wrote.", "2023-06-12", "attack",
          SIDES, []),
    _rows("a-city-rarely-targeted-is-no-blow-of-its-own",
          "Uzhhorod, which had rarely been targeted, lies far from the front.", "2024-05-02", "attack", SIDES, []),
    _rows("protection-from-strikes-is-no-blow",
          "The minister said the radars would help protect Ukrainian cities from Russian strikes.", "2024-05-02",
          "attack", SIDES, []),
    _rows("named-systems-destroyed-are-intercepted",
          "Forty-one Shaheds were destroyed and two were not, out of 43 that Russia launched overnight, the air force "
          "said.", "2023-12-02", "air_defense", ("actor1",), [("Ukraine",)]),
    _rows("a-question-whether-to-send-arms-is-no-pledge",
          "Tokyo will take another look at whether to provide artillery shells to Ukraine, an adviser said on Friday.",
          "2024-06-21", "military_support", SIDES, []),
    _rows("a-named-person-in-custody-is-an-arrest",
          "Local media said the former head of a state arms plant is in custody and suspected of treason.",
          "2022-10-22", "other", ("actor1",), [("Ukraine",)]),
    _rows("a-warplane-that-crashed-is-an-accident",
          "A Russian Su-30 fighter crashed into the sea off Crimea on Tuesday, the occupation authorities said.",
          "2023-03-15", "other", ("actor1", "event_date"), [("Russia", "2023-03-14")], "Europe/Moscow"),
    _rows("an-order-to-leave-is-an-evacuation",
          "The occupation administration in Nova Kakhovka instructed every civilian to leave the town on Saturday.",
          "2022-11-06", "humanitarian", ("event_date",), [("2022-11-05",)]),
    _rows("a-package-adopted-by-the-bloc-is-sanctions",
          "EU ambassadors formally adopted the 17th package on Wednesday after Hungary lifted its veto.",
          "2025-05-15", "diplomacy", ("actor1", "event_date"), [("European Union", "2025-05-14")]),
    _rows("a-rebuttal-of-the-other-sides-claim-is-the-speakers",
          "Moscow's account is wrong and Bakhmut is not in Russian hands, an adviser to Ukraine's defence minister has "
          "said in an interview with the BBC.", "2023-05-21", "diplomacy", SIDES, [("Ukraine", "Russia")]),
    _rows("a-new-blow-dated-against-one-told-is-where-its-own-clause-says",
          "The drone raid on Belgorod came a day after three Russian missiles slammed into a hospital in Sumy.",
          "2024-05-02", "attack", ("actor1", "location"), [("Russia", "Sumy")]),
    _rows("a-repeated-appeal-to-leave-is-no-evacuation",
          "The governor once again urged residents of the region to leave for safer areas.", "2025-04-02",
          "humanitarian", SIDES, []),
    _rows("the-day-of-a-summit-ahead-dates-nothing-after-it",
          "The mayor said the timing was a message ahead of the EU summit opening Thursday in Brussels. In Sumy, a "
          "Russian missile hit a school, killing two people, the governor said.", "2024-06-23", "attack",
          ("location", "event_date"),
          [("Sumy", "2024-06-23")]),
    _rows("the-start-of-a-span-dates-nothing-after-it",
          "Since the June 24 summit in The Hague, Russian gains have slowed. Ukrainian troops have made fresh gains "
          "near Stepnohirsk.", "2025-09-30", "attack", ("actor1", "event_date"), [("Ukraine", "2025-09-30")]),
    _rows("a-wave-from-late-one-day-until-dawn-the-next-is-the-mornings",
          "The air force said Russia had sent 72 drones in a wave launched late on May 3 that went on until dawn on "
          "May 4.", "2025-05-04", "attack", ("actor1", "event_date"), [("Russia", "2025-05-04")]),
    _rows("the-side-that-launched-what-was-downed-is-no-defender",
          "According to the air force, air defences brought down 52 of the 110 drones Russia launched overnight.",
          "2025-06-01", "air_defense", SIDES, [("Ukraine", "Russia")]),
    _rows("during-the-night-and-the-morning-is-the-nights-own-morning",
          "Russia fired 40 cruise missiles at Ukraine during the night and the morning, the air force said.",
          "2023-03-09", "attack", ("actor1", "event_date"), [("Russia", "2023-03-09")]),
    _rows("money-for-a-capability-coalition-is-military-support",
          "Latvia is giving two million euros to fund the work of the IT coalition, its minister said on Tuesday.",
          "2024-02-14", "military_support", SIDES, [("Latvia", "Ukraine")]),
    _rows("a-bare-night-after-a-blow-told-apart-from-its-day-is-the-blows",
          "Rescuers were still searching the ruins in Odesa on Friday, a day after one of Russia's heaviest drone "
          "and missile raids on the port, which came overnight into Thursday. The air force said Russia had fired "
          "90 drones at the country during the night.", "2024-03-15", "attack", ("location", "event_date"),
          [("Odesa", "2024-03-14"), ("Ukraine", "2024-03-14")]),
    _rows("drones-put-out-of-action-are-intercepted",
          "Both drones were put out of action by electronic warfare before they reached the airfield, the ministry said.",
          "2023-05-03", "air_defense", ("actor1",), [("Russia",)], "Europe/Moscow"),
    _rows("donors-listed-together-with-a-named-group",
          "In a joint statement on Friday, Belgium and the Netherlands together with the three Baltic states, Estonia, "
          "Latvia and Lithuania, pledged to keep up military support for Ukraine.", "2025-11-15", "military_support",
          ("actor1",), [("Belgium",), ("Estonia",), ("Latvia",), ("Lithuania",), ("Netherlands",)]),
    _rows("a-package-from-a-capital-is-that-countrys",
          "Anti-tank mines are part of the new $100 million package from Oslo.", "2023-10-12", "military_support",
          ("actor1",), [("Norway",)]),
    _rows("from-a-donor-come-arms",
          "From Slovakia come spare parts to keep Ukraine's MiG-29 jets flying.", "2023-10-12", "military_support",
          SIDES, [("Slovakia", "Ukraine")]),
    _rows("a-package-being-assembled",
          "Paris is assembling another package focused on artillery, the minister said.", "2023-10-12",
          "military_support", ("actor1",), [("France",)]),
    _rows("money-in-budget-support-is-military-support",
          "Zelensky met Japan's envoy in Kyiv on Friday. Japan is giving Ukraine's government a further $1.2bn in "
          "budget support, the finance ministry said.", "2024-03-02", "military_support", SIDES, [("Japan", "Ukraine")]),
    _rows("a-call-for-sanctions-told-before-its-speaker-is-the-speakers",
          "Sanctions on Belarus are long overdue, Andrii Sybiha told his Nordic counterparts, blaming Minsk for "
          "hosting the launch sites.", "2025-03-04", "diplomacy", ("actor1",), [("Ukraine",)]),
]


@pytest.mark.parametrize("text, published, timezone, category, columns, expected", ROWS)
def test_a_sentence_makes_these_rows_of_its_category(text, published, timezone, category, columns, expected):
    rows = events_of(f"Story\n{text}\n", published, timezone, category=category)
    assert sorted(tuple(_value(r, c) for c in columns) for r in rows) == expected


def test_a_night_told_as_a_span_of_two_days_is_dated_by_its_morning():
    """TASS relays the defence ministry's window "between 11:20 p.m. on July 30 and 4:00 a.m. on July 31";
    the regional breakdowns that follow keep that day."""
    text = ("Air defences down 32 drones\n"
            "MOSCOW, July 31. /TASS/. On-duty air defences intercepted and destroyed 32 Ukrainian fixed-wing unmanned "
            "aerial vehicles over Russian regions between 11:20 p.m. Moscow time on July 30 and 4:00 a.m. Moscow time "
            "on July 31, the Russian Defence Ministry said. "
            "According to the ministry, eleven drones were downed over the Volgograd Region and seven over the "
            "Republic of Crimea.\n")
    rows = events_of(text, "2025-07-31", "Europe/Moscow", category="air_defense")
    assert {str(r["event_date"])[:10] for r in rows} == {"2025-07-31"}
    total = next(r for r in rows if r["weapon_count"] == 32)
    assert (total["actor1"], total["actor2"], total["weapon"]) == ("Russia", "Ukraine", "drone")


@pytest.mark.parametrize("text, day", [
    ("The envoys met in Geneva between March 3 and March 6 and agreed on a prisoner exchange.", "2025-03-03"),
    ("Drones attacked the region from the evening of March 5 to the morning of March 6, the governor said.", "2025-03-06"),
    ("The strike on March 5 came a day before the talks of March 6.", "2025-03-05"),
    ("Russia struck Ukraine's grid overnight on March 4 to 5, the air force said.", "2025-03-05"),
    ("On the night of 4-5 March, drones attacked the port, officials said.", "2025-03-05"),
    ("On the night of March 4-5, at about 10 p.m., air defences destroyed nine rockets.", "2025-03-04"),
    ("Talks ran on 4-5 March in Riyadh.", "2025-03-04"),
])
def test_only_a_span_of_two_consecutive_days_is_a_night(text, day):
    own = _own_date(find_dates(text, dt.date(2025, 3, 7), None), text)
    assert own.date.isoformat() == day


def test_a_possessive_day_after_over_or_after_names_the_cause_not_the_happening():
    text = "The Czech foreign minister said he had summoned Russia's ambassador over Monday's strikes on Ukraine."
    assert _own_date(find_dates(text, dt.date(2024, 7, 9), None), text) is None
    kept = "Monday's strike killed 27 people in the capital, officials said."
    assert _own_date(find_dates(kept, dt.date(2024, 7, 9), None), kept).date == dt.date(2024, 7, 8)


@pytest.mark.parametrize("sentence, expected", [
    ("Russian forces seized the villages of Yampil, Stavky and Novoselivka in the Donetsk region, the ministry said.",
     [("Yampil", "Donetsk Oblast"), ("Stavky", "Donetsk Oblast")]),
    # a name after a comma is no village unless the chunk before it was one taken on its cue
    ("Officials in Kyiv, Stavky said, were worried.", [("Kyiv", "Kyiv")]),
    # a small town after "in", "on" or "at"
    ("Roughly 50 more were hurt in the attack on Chaplyne in the Dnipropetrovsk region.",
     [("Chaplyne", "Dnipropetrovsk Oblast")]),
])
def test_village_names_the_gazetteer_takes_only_on_a_cue(sentence, expected):
    found = [(m.text, m.admin1) for m in gazetteer().find(sentence)]
    assert found[:len(expected)] == expected


def test_each_live_blog_entry_starts_from_the_publication_day():
    """Entries under stamp headings are posts of their own, newest first: "Putin flew in on Monday night"
    in one entry does not date the strike the next entry reports."""
    text = ("Russia-Ukraine war live\n\n2.47pm BST\n\nUkraine criticises Mongolia\n\n"
            "Ukraine's foreign ministry has condemned Mongolia for not detaining Vladimir Putin, who flew into "
            "Ulaanbaatar on Monday night.\n\n12.38pm BST\n\nToll rises\n\n"
            "Two ballistic missiles hit a military institute in Poltava, killing 41 people, the governor said.\n")
    (row,) = events_of(text, "2024-09-03", category="attack")
    assert str(row["event_date"])[:10] == "2024-09-03"


def test_a_day_named_after_the_past_day_dates_the_report_under_a_dated_heading():
    text = ("Kherson\nSunday, 22 September 2024\n\nRussian forces hit 17 towns and villages in Kherson Oblast with "
            "artillery, drones and air strikes over the past day, 21 September, injuring five civilians.\n")
    (row,) = events_of(text, "2024-09-22", category="attack")
    assert (str(row["event_date"])[:10], row["injuries"]) == ("2024-09-21", 5)


def test_a_labelled_background_line_reports_no_happening():
    text = ("Kherson\nBackground: Kherson and the villages along the Dnipro have been shelled every day since "
            "Ukrainian forces liberated the city in November 2022.\n")
    assert events_of(text, "2024-09-22") == []


def test_a_count_before_a_compass_word_is_a_regions_breakdown():
    text = ("Drones\nThe ministry said air defences destroyed six drones. The breakdown put three of them over the "
            "western Voronezh region, and one over the Ryazan region.\n")
    rows = events_of(text, "2024-05-01", "Europe/Moscow", category="air_defense")
    assert ("Voronezh Oblast", 3) in [(r["location"], r["weapon_count"]) for r in rows]


def test_of_n_launched_air_defences_destroyed_m_gives_both_figures():
    text = ("Lviv\nAt least four people were killed overnight when Russian cruise missiles struck an apartment building "
            "in Lviv. Of the ten Kalibr cruise missiles launched from ships in the Black Sea at the Lviv region, air "
            "defences destroyed seven, according to Ukraine's air force.\n")
    rows = {r["category"]: r for r in events_of(text, "2023-07-06")}
    assert (rows["attack"]["weapon"], rows["attack"]["weapon_count"]) == ("Kalibr cruise missile", 10)
    assert (rows["air_defense"]["actor1"], rows["air_defense"]["weapon_count"]) == ("Ukraine", 7)


def test_harm_in_another_region_after_a_national_total_is_an_attack_of_its_own():
    text = ("Drones\nRussia sent 35 drones against six Ukrainian regions overnight, and 29 were destroyed, the air "
            "force said. A warehouse in the Vinnytsia region was damaged and two people were wounded, the governor "
            "said.\n")
    rows = events_of(text, "2024-06-12", category="attack")
    assert ("Vinnytsia Oblast", 2) in [(r["location"], r["injuries"]) for r in rows]


def test_a_backers_possessive_is_the_recipient_and_arms_go_to_the_side_backed():
    rows = events_of("Aid\nUkraine's Western backers pledged more air defence systems on Tuesday.\n", "2025-07-22",
                     category="military_support")
    assert all(r["actor1"] != "Ukraine" for r in rows)
    rows = events_of("Aid\nSpain offered 30 million euros, under the Czech-led scheme, for ammunition for Ukraine's "
                     "army.\n", "2025-07-22", category="military_support")
    assert [(r["actor1"], r["actor2"]) for r in rows] == [("Spain", "Ukraine")]


def test_the_nights_barrage_is_no_count_of_a_regions_blow_and_its_interceptions_stay_national():
    text = ("Grid\nRussian forces hit energy sites in the Odesa region, the governor said.\n"
            "The air force said Russia launched 140 drones during the night and that 120 of them were shot down.\n")
    rows = events_of(text, "2025-10-20")
    odesa = [r for r in rows if r["location"] == "Odesa Oblast"]
    assert [r["weapon_count"] for r in odesa] == [None]
    downed = [r for r in rows if r["category"] == "air_defense"]
    assert [(r["weapon_count"], r["location"], str(r["event_date"])) for r in downed] == [(120, None, "2025-10-20")]


def test_a_town_a_village_lies_beside_is_not_where_it_happened():
    text = ("Front\nRussian troops captured Yampil, which lies to the east of Sloviansk, the ministry said.\n")
    rows = events_of(text, "2025-11-21", category="attack")
    assert all(r["location"] != "Sloviansk" for r in rows)


def test_the_title_the_text_gives_names_whose_official_a_person_is():
    from analysis.actors import find_actors
    people = [a for a in find_actors("Dutch Prime Minister Mark Rutte said on Sunday that jets would follow.")
              if a.kind == "person"]
    assert [a.actor for a in people] == ["Netherlands"]


def test_a_dateline_that_is_the_acting_sides_own_seat_places_its_decision():
    text = ("Sanctions\nBrussels, May 20 (dpa) - EU ministers on Tuesday adopted a 17th sanctions package against "
            "Russia, diplomats said.\nKYIV (Reuters) - The EU's foreign policy chief said on Tuesday that more "
            "sanctions would follow.\n")
    rows = events_of(text, "2025-05-20", category="diplomacy")
    assert [r["location"] for r in rows if r["sentence"].startswith("Brussels")] == ["Brussels"]
    assert all(r["location"] != "Kyiv" for r in rows)


def test_he_is_the_official_who_acted_or_spoke_last():
    text = ("Poltava\nZelenskiy said on Telegram that he had ordered a full investigation into the strike on Poltava. "
            "He once again urged allies to send more air defence systems.\n")
    rows = events_of(text, "2024-09-03", category="diplomacy")
    assert rows and all(r["actor1"] == "Ukraine" for r in rows)


def test_a_live_blog_recap_of_a_strike_with_the_same_toll_is_the_same_strike():
    text = ("Live\n\nPosted at 18:41 - Death toll rises\n\nPresident Zelensky says twenty-two people are dead after a "
            "Russian rocket strike on a railway station. Roughly 50 more were hurt in the attack on Chaplyne.\n\n"
            "Posted at 21:05 - To recap\n\nTo recap: a rocket attack on a railway station in Chaplyne, in the "
            "Dnipropetrovsk region, has killed 22 people according to Zelensky.\n")
    rows = events_of(text, "2022-08-24", "Europe/London", category="attack")
    assert [(r["location"], r["fatalities"]) for r in rows] == [("Chaplyne", 22)]


def test_talks_told_before_open_no_row_of_their_own():
    """"took part in the talks": talks the article has told, or takes as known, are no new happening."""
    rows = events_of("Ministers gather\nUkraine's allies met at Ramstein air base on Monday to discuss air defence.\n\n"
                     "The meeting opened hours after a Russian bombardment. Delegations from 52 countries took part "
                     "in the talks, the ministry said.\n", "2025-07-21", category="diplomacy")
    assert len(rows) == 1
    assert [e["category"] for e in events_of("Talks\nPeace talks between the two delegations began in Istanbul "
                                             "on Monday.\n", "2025-06-03")] == ["diplomacy"]


@pytest.mark.parametrize("text", [
    "The Kupiansk and Izium districts are within range of Russian artillery, and the Russian military strikes "
    "settlements there every day.",
    "The industrial city in central Ukraine, where the president was born, is hit regularly.",
    "Border areas of western Russia have been hit by shelling and drones on a regular basis.",
    "The two sides last swapped 115 prisoners each in August, also with Emirati mediation.",
    "The far west of the country, well away from the front, is hit far less often than the east.",
])
def test_what_happens_as_a_rule_is_background(text):
    assert events_of("Background\n" + text + "\n", "2024-08-01") == []


def test_each_day_in_a_plea_is_no_background():
    rows = events_of("Strike\nA Russian missile hit a hospital in Poltava on Tuesday, killing 51 people. Each day of "
                     "delay in sending air defence costs lives, the president said.\n", "2024-09-03", category="attack")
    assert [r["location"] for r in rows] == ["Poltava"]


@pytest.mark.parametrize("text", [
    "Both sides agreed to work out steps to stop strikes on energy facilities.",
    "Russia could use the holiday as a pretext for more strikes, officials fear.",
    "The new measures aim to make it harder to get around sanctions the EU already has in place.",
    "Analysts say the elderly tankers are Moscow's way of evading the international sanctions on its oil.",
    "The announcement came as the president was in Hiroshima for the G7 summit.",
])
def test_blows_and_measures_halted_feared_or_already_in_place_open_nothing(text):
    from analysis.categories import find_triggers

    assert not [t for t in find_triggers(text) if t.category in ("attack", "diplomacy") and t.opens]



def test_only_a_side_at_war_strikes():
    """An envoy, a donor or a buyer named in a sentence about a strike comments on it or is hurt by it."""
    text = ("Ports\nThe US ambassador, Bridget Brink, said she was horrified by the strike on the port of Izmail.\n"
            "The strikes destroyed 40,000 tonnes of grain that was bound for China and Israel, the minister said.\n")
    rows = events_of(text, "2023-08-02", category="attack")
    assert rows and {r["actor1"] for r in rows} <= {"Russia"}


def test_an_unnamed_striker_is_the_enemy_of_the_outlets_side():
    """"The number killed in the strike on the hypermarket": in a Kyiv outlet, not a Ukrainian blow."""
    rows = events_of("Kharkiv\nThe number of people killed in the strike on the hypermarket has risen to at least "
                     "four, with 38 injured, the governor said.\n", "2024-05-25", category="attack")
    assert [r["actor1"] for r in rows] == ["Russia"]


def test_an_air_force_naming_the_missile_did_not_fire_it():
    """"…said it was a Kh-22": a copula names what struck; "…said it had shot down" is a self-report."""
    rows = events_of("Dnipro\nUkraine's air force said it was a Kh-22, a heavy anti-ship missile fired from a "
                     "Tu-22M3 bomber, and that Ukrainian air defences have no means of shooting that type down.\n",
                     "2023-01-16", category="attack")
    assert [r["actor1"] for r in rows] == ["Russia"]


def test_what_was_reported_on_a_day_happened_by_that_day():
    """Monday's paper: "the ministry said on Friday that its forces had taken the town" — Friday, not Monday."""
    rows = events_of("Soledar\nKYIV, Jan 16 (Reuters) -Rescuers searched the rubble in Dnipro on Monday.\n"
                     "Russia's Defence Ministry said on Friday that its forces had taken full control of "
                     "Soledar after weeks of assaults.\n", "2023-01-16", category="attack")
    rows = [r for r in rows if r["location"] == "Soledar"]
    assert [str(r["event_date"])[:10] for r in rows] == ["2023-01-13"]
    rows = events_of("Night\nThe ministry said on Sunday that on Saturday evening its forces had struck Kharkiv.\n",
                     "2023-01-16", category="attack")
    assert [str(r["event_date"])[:10] for r in rows] == ["2023-01-14"]


def test_the_country_where_a_blow_fell_did_not_strike_it():
    rows = events_of("Refinery\nA blaze broke out at a refinery in Ryazan Oblast in western Russia after a drone "
                     "attack early on March 13, Governor Pavel Malkov said.\n", "2024-03-13", category="attack")
    assert [(r["actor1"], r["location"]) for r in rows] == [("Ukraine", "Ryazan Oblast")]


def test_in_a_passive_the_side_named_before_the_blow_was_hit():
    rows = events_of("Strike\nFacilities of Ukraine's military-industrial complex were hit on Saturday in a group "
                     "strike by the Russian Armed Forces, the Russian Defense Ministry reported.\n", "2024-01-13",
                     category="attack")
    assert [r["actor1"] for r in rows] == ["Russia"]


def test_a_day_that_closes_the_blows_place_phrase_dates_it():
    rows = events_of("Refineries\nMOSCOW, March 13 (Reuters) -A Ukrainian drone attack set a refinery ablaze in the "
                     "Ryazan region early on Wednesday, the regional governor said.\nA drone struck a processing unit "
                     "at Lukoil's NORSI refinery in Kstovo, in the Nizhny Novgorod region, on Tuesday.\n",
                     "2024-03-13", category="attack")
    assert [str(r["event_date"])[:10] for r in rows if r["location"] == "Kstovo"] == ["2024-03-12"]


def test_a_regional_governor_speaks_for_the_city_the_story_named_in_his_region():
    text = ("Strikes\nKYIV, Aug 27 (Reuters) -Russia launched missiles at Ukraine overnight, destroying a hotel in the "
            "central city of Kryvyi Rih, officials said.\n\nTwo people were killed and five wounded when a missile "
            "struck the hotel shortly after midnight, Dnipropetrovsk regional governor Serhiy Lysak said.\n")
    rows = events_of(text, "2024-08-27", category="attack")
    assert [(r["location"], r["fatalities"]) for r in rows] == [("Kryvyi Rih", 2)]


def test_a_capital_that_seats_a_ministry_is_not_where_its_forces_struck():
    rows = events_of("Energy\nIn Moscow, the Defense Ministry said its forces had launched a massive strike on "
                     "critical energy infrastructure serving Ukraine's defense industry.\n", "2024-08-26",
                     category="attack")
    assert rows and all(r["location"] != "Moscow" for r in rows)
    rows = events_of("Kherson\nOfficials in Kherson said two people were killed by shelling.\n", "2024-08-26",
                     category="attack")
    assert [r["location"] for r in rows] == ["Kherson"]


def test_a_village_listed_beside_known_towns_is_a_place():
    from analysis.unlisted import unlisted
    text = "In the Kramatorsk district, Russian fire struck Lyman, Illinivka, Druzhkivka and Kostiantynivka."
    assert [m.place for m in unlisted(text, gazetteer().find(text))] == ["Illinivka"]
    text = "Flights at the Sheremetyevo, Vnukovo and Domodedovo airports were halted."
    assert "Sheremetyevo" not in [m.place for m in unlisted(text, gazetteer().find(text))]


def test_the_district_of_a_leading_in_clause_holds_the_towns_hit():
    rows = events_of("Donetsk region\nIn the Bakhmut district, Siversk and Serebrianka came under attack, and 18 "
                     "houses were damaged there.\n", "2025-04-02", category="attack")
    assert rows and rows[0]["location"] == "Siversk"


def test_a_strike_on_a_list_of_sites_in_several_places_is_one_event_per_place():
    rows = events_of("Refineries\nAccording to the outlet, the refineries targeted were in Ryazan, in Kstovo in Nizhny "
                     "Novgorod Oblast, and in Kirishi in Leningrad Oblast.\n", "2024-03-13", category="attack")
    assert [r["location"] for r in rows] == ["Ryazan", "Kstovo", "Kirishi"]
    rows = events_of("Drones\nUkrainian drones struck targets in the Moscow and Kursk regions and at the Dyagilevo "
                     "military airfield in the Ryazan region, an official claimed.\n", "2025-03-11", category="attack")
    assert [r["location"] for r in rows] == ["Moscow Oblast", "Kursk Oblast", "Dyagilevo"]


def test_blows_told_after_a_lede_that_dates_the_raid_apart_are_that_nights():
    text = ("Kyiv\nSearch crews were still digging through a wrecked block in Kyiv on Wednesday, a day after one of "
            "Russia's heaviest drone and missile raids on the capital.\n\nTwo more people were killed in the southern "
            "port city of Odesa, local authorities said.\n")
    rows = events_of(text, "2025-06-18", category="attack")
    assert [(r["location"], str(r["event_date"])[:10]) for r in rows] == [("Kyiv", "2025-06-17"), ("Odesa", "2025-06-17")]


def test_the_launch_a_relative_clause_tells_is_the_attack():
    rows = events_of("T\n\nUkrainian defenders brought down 62 of the 145 drones that Russia sent against Ukraine "
                     "overnight on Sunday, November 10, the Ukrainian Air Force said on Telegram.\n", "2024-11-10")
    assert sorted((r["category"], r["actor1"], r["weapon_count"]) for r in rows) == \
        [("air_defense", "Ukraine", 62), ("attack", "Russia", 145)]


def test_anti_aircraft_troops_that_repelled_the_attack_intercepted_it():
    from test_real_triggers import kinds
    assert kinds("The Air Force's anti-aircraft missile troops and aviation repelled the attack together with EW "
                 "units.") == [("air_defense", "interception")]


def test_every_site_of_a_launch_list_is_no_place_of_the_blow():
    from analysis.facts import _real_places
    text = ("The Air Force tracked 145 drones launched from Primorsko-Akhtarsk, Oryol and Bryansk in Russia and from "
            "Cape Chauda in temporarily occupied Crimea.")
    assert [p.place for p in _real_places(text, gazetteer().find(text), set())] == []


def test_relief_with_no_place_of_its_own_is_where_the_story_stands():
    text = ("Donetsk region\nRussian forces fired on towns and villages of the Donetsk region 14 times over the past day, "
            "the governor said.\n\nOver the same period, 140 people, 28 of them children, were evacuated from the "
            "front line.\n")
    rows = events_of(text, "2025-04-02", category="humanitarian")
    assert [r["location"] for r in rows] == ["Donetsk Oblast"]


def test_a_breakdown_over_annexed_crimea_is_a_breakdown():
    rows = events_of("T\nThe Defense Ministry said its forces had destroyed 13 Ukrainian drones over the Volgograd region "
                     "during the night, as well as five over the Rostov region and another five over annexed Crimea.\n",
                     "2025-08-19", category="air_defense")
    assert [(r["location"], r["weapon_count"]) for r in rows] == \
        [("Volgograd Oblast", 13), ("Rostov Oblast", 5), ("Crimea", 5)]


def test_arms_are_given_to_the_sides_at_war_not_by_them():
    rows = events_of("Swap\nThe freed servicemen will be delivered by military transport aircraft to Moscow for "
                     "treatment, the ministry said.\n", "2024-01-03", category="military_support")
    assert rows == []
    rows = events_of("Aid\nGermany will send Ukraine five more Patriot systems, the ministry said.\n", "2025-08-01",
                     category="military_support")
    assert [(r["actor1"], r["actor2"]) for r in rows] == [("Germany", "Ukraine")]


def test_an_ongoing_flow_of_arms_with_no_giver_named_is_no_pledge():
    rows = events_of("Bakhmut\nUkraine's Western partners continue to deliver main battle tanks.\n", "2023-03-08",
                     category="military_support")
    assert rows == []


def test_a_leader_who_passes_judgement_on_a_strike_did_not_strike():
    rows = events_of("Kharkiv\nZelenskiy calls strike on Epicentr DIY store 'yet more Russian insanity'.\n", "2024-05-25",
                     category="attack")
    assert rows and all(r["actor1"] == "Russia" for r in rows)


def test_a_second_blow_in_a_clause_of_its_own_is_an_event_of_its_own():
    rows = events_of("Refineries\nA drone struck a processing unit at Lukoil's NORSI refinery in Kstovo, in the Nizhny "
                     "Novgorod region, on Tuesday, and an oil depot in the Oryol region caught fire after another "
                     "drone attack.\n", "2024-03-13", category="attack")
    assert [(r["location"], str(r["event_date"])[:10]) for r in rows] == \
        [("Kstovo", "2024-03-12"), ("Oryol Oblast", "2024-03-12")]
    rows = events_of("Kharkiv\nRussian missiles struck Kharkiv overnight, and the governor of the Kharkiv region said two "
                     "people were killed.\n", "2024-03-13", category="attack")
    assert [r["location"] for r in rows] == ["Kharkiv"]


def test_bloggers_who_post_images_of_a_blow_tell_of_it():
    rows = events_of("Kursk\nAlso on Wednesday, Russian military bloggers posted images of British-made Storm Shadow "
                     "missile fragments in the Kursk region, and Western media reported that Ukraine had fired the "
                     "missiles at a command post there.\n", "2024-11-20", category="attack")
    assert rows and all(r["actor1"] == "Ukraine" for r in rows)


def test_a_dateline_with_an_abbreviated_month_and_a_medium_are_no_places():
    from analysis.facts import DATELINE_PLACE, _real_places
    assert DATELINE_PLACE.match("KYIV, Aug. 12, 2024 — Ukraine's army chief said on Monday that his troops advanced.")
    text = "According to the Telegram channel Baza, cars caught fire at a car park in Kashira."
    assert "Baza" not in [p.name for p in _real_places(text, gazetteer().find(text), set())]


def test_the_side_whose_air_defences_downed_the_drones_defended():
    for text in ("Russian air defense systems intercepted and destroyed 58 Ukrainian drones over six regions "
                 "overnight, the Russian Defense Ministry reported.",
                 "Over the past 24 hours, air defence systems brought down three guided aerial bombs and 57 "
                 "Ukrainian drones, the ministry said."):
        rows = events_of("T\n" + text + "\n", "2024-03-13", "Europe/Moscow", category="air_defense")
        assert [(r["actor1"], r["actor2"]) for r in rows] == [("Russia", "Ukraine")], text


def test_the_capital_is_the_capital_not_the_city_named_last():
    text = ("Live\n\nPosted at 09:10 - Dnipro\n\nA missile hit an industrial site in Dnipro, the governor said.\n\n"
            "Posted at 09:40 - Sirens\n\nSirens have rung out across the capital once more, sending people back "
            "into shelters.\n")
    rows = events_of(text, "2022-08-24", category="air_defense")
    assert [r["location"] for r in rows] == ["Kyiv"]


def test_a_town_that_came_under_bombardment_is_a_blow_of_its_own():
    """"came under bombardment/shelling" opens a strike, even after another blow of the story."""
    text = ("Front\nUkrainian troops repelled 30 attacks in the Pokrovsk sector on Saturday, Kyiv said.\n\n"
            "Kostiantynivka, a town north of Horlivka, came under bombardment from Russian aircraft the same day. "
            "Prosecutors put the number of wounded at four.\n")
    rows = events_of(text, "2024-07-27", category="attack")
    assert ("Russia", "Kostiantynivka", 4) in [(r["actor1"], r["location"], r["injuries"]) for r in rows]


def test_an_interview_is_dated_by_its_day_not_by_background_told_after_it():
    """A diplomat's interview, then paragraphs later talks that "were due in November 2022": the month of
    the background does not date the interview."""
    text = ("Interview\nWashington's policy has brought Moscow to the edge of an open clash, Sergei Ryabkov, deputy "
            "foreign minister, believes. He set out this view in an interview with RIA Novosti.\n\n"
            "Talks on resuming inspections were due in November 2022 but were called off.\n")
    rows = events_of(text, "2023-01-30", "Europe/Moscow", category="diplomacy")
    assert [(r["actor1"], r["event_date"].isoformat()) for r in rows] == [("Russia", "2023-01-30")]


def test_new_york_is_the_city_not_york():
    """"told reporters at UN headquarters in New York": the American city, not York in England."""
    found = gazetteer().find("The UN spokesman told reporters at headquarters in New York on Friday.")
    assert [(p.place, p.country) for p in found] == [("New York City", "United States")]


@pytest.mark.parametrize("text, published, expected", [
    # The lead's Friday holds the story; a bill "signed into law on Wednesday" told in one section does not
    # date the pledges listed under the next heading, which are the day's news.
    pytest.param("Allies add pledges\nThe defence secretary on Friday announced a new $2 billion package for Ukraine.\n"
                 "The money\nIt is part of the aid bill the president signed into law on Wednesday.\n"
                 "Other allies step up\nNorway said it would send more artillery shells to Ukraine.\n",
                 "2024-04-26", ("Norway", "2024-04-26"), id="a-background-day-does-not-date-the-next-sections-news"),
    # "…ended a tour on Sunday with pledges of F-16s", then a heading, then the pledge told without a day: the
    # lead's Sunday, not the Monday paper.
    pytest.param("Jets pledged\nZelensky ended his tour of northern Europe on Sunday with pledges of F-16 fighter jets.\n"
                 "Jets for Ukraine\nAt Skrydstrup air base, Prime Minister Mette Frederiksen said Denmark would give "
                 "Ukraine 19 F-16s.\n", "2023-08-21", ("Denmark", "2023-08-20"), id="the-leads-day-holds-under-the-next-heading"),
])
def test_the_day_a_pledge_under_a_heading_stands_in(text, published, expected):
    rows = events_of(text, published, category="military_support")
    assert expected in [(r["actor1"], r["event_date"].isoformat()) for r in rows]


def test_a_meeting_placed_only_in_a_country_is_at_the_datelines_city():
    """"BARI, Italy (Kyodo) --": a signing on a summit's sidelines that the sentence places only in
    Italy happened in the dateline's city."""
    text = ("Accord signed\nBARI, Italy (Kyodo) -- Japan signed a security accord with Ukraine in Italy on Thursday, "
            "on the sidelines of the summit.\n")
    rows = events_of(text, "2024-06-13", "Europe/Rome", category="diplomacy")
    assert [r["location"] for r in rows] == ["Bari"]


def test_damage_in_another_place_of_a_strike_story_is_a_blow_of_that_wave():
    """"Power sites in four regions were the focus of the attack …. In Zaporizhzhia district an energy
    facility was damaged.": the damage is the wave's blow there, not damage reported on its own."""
    text = ("Strikes\nRussian missiles struck energy sites in the Kharkiv region overnight, officials said.\n\n"
            "In Zaporizhzhia district an energy facility was damaged.\n")
    rows = events_of(text, "2024-04-11")
    assert ("attack", "Zaporizhzhia") in [(r["category"], r["location"]) for r in rows]


MEMBER_LIST = """Six allies to fund air defence for Ukraine

Ukraine and six European states signed a letter on Tuesday that commits them to supply air defence systems to Ukraine over the next two years, the defence ministry in Kyiv said.

The document was drawn up during a meeting of defence ministers in Brussels.

Its signatories are the Netherlands, Belgium, Portugal, Spain, Ireland and Austria, a spokesman said.
"""


def test_a_groups_pledge_is_one_row_per_member_a_later_sentence_lists():
    """"Ukraine and six European states signed …" names no donor; the signatories two sentences on do, and the
    group's size ties them to it. Each row also cites the sentence that names its donor."""
    rows = events_of(MEMBER_LIST, "2024-03-13", "Europe/Kyiv", category="military_support")
    assert sorted(r["actor1"] for r in rows) == ["Austria", "Belgium", "Ireland", "Netherlands", "Portugal", "Spain"]
    assert {r["actor2"] for r in rows} == {"Ukraine"} and {str(r["event_date"])[:10] for r in rows} == {"2024-03-12"}


def test_a_list_of_another_size_is_not_the_groups():
    """A later list of four names does not belong to a group of six: no donor is known, and no row is made."""
    text = MEMBER_LIST.replace("the Netherlands, Belgium, Portugal, Spain, Ireland and Austria",
                               "the Netherlands, Belgium, Portugal and Spain")
    assert events_of(text, "2024-03-13", "Europe/Kyiv", category="military_support") == []


SECTIONED = """Ukraine updates: grid hit again

Over half a million homes have no heating, officials said on Sunday.

Kyiv reports gains in Zaporizhzhia region
Ukrainian troops are advancing south, the general staff said, claiming at least three villages the Russians had abandoned.
"""


def test_ground_gained_under_a_heading_that_names_a_region_is_placed_there():
    """A ground-war sentence that names no place of its own happened where its section's heading says
    (CONTRACT §7: the headline's rule, applied to a section's heading); "are advancing" is an advance."""
    rows = events_of(SECTIONED, "2023-06-18", "Europe/Kyiv", category="attack")
    assert [(r["actor1"], r["location"]) for r in rows] == [("Ukraine", "Zaporizhzhia Oblast")]


def test_a_groups_members_after_a_dash_are_its_donors():
    """"Six European states signed …" and, later, "the so-called Western Six — the Netherlands, Belgium, …": a
    dash opens the group's member list as "its signatories are" does."""
    text = MEMBER_LIST.replace("Its signatories are the Netherlands, Belgium, Portugal, Spain, Ireland and Austria, a "
                               "spokesman said.", "The so-called Western Six — the Netherlands, Belgium, Portugal, "
                               "Spain, Ireland and Austria — met again in the evening.")
    rows = events_of(text, "2024-03-13", "Europe/Kyiv", category="military_support")
    assert sorted(r["actor1"] for r in rows) == ["Austria", "Belgium", "Ireland", "Netherlands", "Portugal", "Spain"]


COALITION = """Finland joins a six-nation coalition to train Ukrainian pilots

Finland is among six NATO members that on Tuesday formed a coalition to teach Ukrainian pilots how to fly and service F-16 fighters.

Photo: A. Photographer/Agency

The coalition was set up on the sidelines of the alliance's summit.

Besides Finland, the signatories of the joint declaration are Belgium, Estonia, Ireland, Latvia and Spain.
"""


def test_a_coalition_one_member_is_among_is_one_row_per_member():
    """"Finland is among six NATO members that formed a coalition to teach Ukrainian pilots": Finland is one of the
    group, not its only giver; "Besides Finland, the signatories of the joint declaration are …" lists the rest,
    and a picture's credit line between them opens no section of its own."""
    rows = events_of(COALITION, "2023-07-11", "Europe/Kyiv", category="military_support")
    assert sorted(r["actor1"] for r in rows) == ["Belgium", "Estonia", "Finland", "Ireland", "Latvia", "Spain"]


BREAKDOWN_AFTER = """Drones downed over Russian regions overnight

MOSCOW, June 3. In the course of the night, 25 drones launched by Ukraine were downed above Russian regions, the Defence Ministry said.

The Voronezh Region accounted for the largest number, 12, followed by the Kursk Region with eight. Adygea and the Tula Region saw two apiece, while a single drone was destroyed above the Oryol Region.
"""


def test_a_breakdown_told_after_the_totals_sentence_is_one_row_per_region():
    """"The Voronezh Region accounted for the largest number, 12, followed by the Kursk Region with eight. Adygea and
    the Tula Region saw two apiece, while a single drone was destroyed above …": each region with its own count."""
    rows = events_of(BREAKDOWN_AFTER, "2025-06-03", "Europe/Moscow", category="air_defense")
    counts = sorted((r["location"], r["weapon_count"]) for r in rows if r["location"])
    assert counts == [("Adygea", 2), ("Kursk Oblast", 8), ("Oryol Oblast", 1), ("Tula Oblast", 2), ("Voronezh Oblast", 12)]


def test_the_two_oblasts_a_headline_named_are_one_blow_each():
    """"…struck facilities in the two oblasts": the two regions the headline named, one event each."""
    rows = events_of("Russians hit power sites in Sumy and Poltava oblasts overnight\nRussian forces struck facilities "
                     "of the grid operator in the two oblasts overnight into 26 July, cutting power to some homes.\n",
                     "2024-07-26", "Europe/Kyiv", category="attack")
    assert sorted(r["location"] for r in rows if "two oblasts" in r["sentence"]) == ["Poltava Oblast", "Sumy Oblast"]

