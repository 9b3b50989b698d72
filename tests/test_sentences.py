"""Blocks and sentences: real articles, tricky punctuation, verbatim offsets, and property tests."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.sentences import Block, SentenceSpan, segment, split_blocks, split_sentences

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
SEED = ROOT / "seeds" / "000_52c535ecba3a03e2.txt"


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")


def sentence_texts(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def check_spans(text: str, blocks: list[Block], sentences: list[SentenceSpan]) -> None:
    """Every span verbatim, stripped, in bounds, ordered and non-overlapping."""
    last = 0
    for b in blocks:
        assert 0 <= last <= b.start < b.end <= len(text)
        assert text[b.start:b.end] == b.text == b.text.strip()
        assert "\r" not in b.text and "\n" not in b.text
        last = b.end
    paragraphs = [b for b in blocks if b.kind == "paragraph"]
    last = 0
    for s in sentences:
        piece = text[s.start:s.end]
        assert 0 <= last <= s.start < s.end <= len(text)
        assert piece == piece.strip() and "\r" not in piece and "\n" not in piece
        p = paragraphs[s.paragraph]
        assert p.start <= s.start and s.end <= p.end
        last = s.end


# --- real articles -------------------------------------------------------------------------------

def test_seed_title_headings_and_sections():
    text = read(SEED)
    blocks, sentences = segment(text)
    check_spans(text, blocks, sentences)
    assert blocks[0] == Block("title", "Russia Launches Missile Attack on Kyiv", 0, 38)
    headings = [b.text for b in blocks if b.kind == "heading"]
    assert headings == [
        "Ukrainian Air Force and Defense Response",
        "Zelensky’s Remarks on Peace Talks",
        "Ukraine’s Military Actions",
        "US Stance on Military Support",
        "North Korea’s Alleged Assistance to Russia",
    ]
    texts = [text[s.start:s.end] for s in sentences]
    one = ("Explosions were first reported around 4:30 a.m. local time, with several Kyiv "
           "Independent journalists on the ground confirming the event.")
    assert one in texts
    assert sentences[0].section == "Russia Launches Missile Attack on Kyiv"
    assert sentences[0].paragraph == 0
    by_text = {text[s.start:s.end]: s for s in sentences}
    assert by_text[one].section == "Russia Launches Missile Attack on Kyiv"
    refinery = next(t for t in texts if "Saratov oil refinery" in t)
    assert by_text[refinery].section == "Ukraine’s Military Actions"
    assert by_text[refinery].paragraph == 3
    guns = next(t for t in texts if "200 long-range artillery guns" in t)
    assert by_text[guns].section == "North Korea’s Alleged Assistance to Russia"
    assert len(sentences) == 31


def test_live_blog_heading_and_paragraphs():
    text = read(GOLD / "A2_independence-day-live.txt")
    blocks, sentences = segment(text)
    check_spans(text, blocks, sentences)
    assert blocks[1].kind == "heading"
    assert blocks[1].text == "Sunday, 24 August 2025 · live updates · all times Kyiv (EEST)"
    assert all(b.kind == "paragraph" for b in blocks[2:])
    texts = [text[s.start:s.end] for s in sentences]
    # A live-blog line is a paragraph whose first sentence starts at the timestamp.
    assert texts[0].startswith("00:40 — Russia’s Defence Ministry says")
    assert sentences[0].start == blocks[2].start
    assert "The fire has been put out, but reactor unit No. 3 is now running at half its capacity." in texts
    assert "Updated 10:50 — Drozdenko now says firefighters have put out the Ust-Luga fire." in texts
    assert any(t.endswith("what Moscow calls a “compromise”.") for t in texts)
    assert any("C$1 billion of the C$2 billion" in t for t in texts)
    assert {s.section for s in sentences} == {blocks[1].text}


def test_blank_lines_between_blocks():
    text = read(GOLD / "A3_march-roundup.txt")
    blocks, sentences = segment(text)
    check_spans(text, blocks, sentences)
    assert [b.kind for b in blocks] == ["title"] + ["heading", "paragraph"] * 5
    assert [b.text for b in blocks if b.kind == "heading"][1] == "Eleven Killed in Double Strike on Dobropillia"
    sections = [s.section for s in sentences]
    assert sections[:3] == ["Russia Launches Massive Strike on Energy Sites"] * 3
    assert sections[-1] == "North Korean Missiles for Moscow"
    assert [s.paragraph for s in sentences] == [0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 3, 3, 4]
    texts = [text[s.start:s.end] for s in sentences]
    assert any("President Donald Trump had ordered a halt" in t for t in texts)


def test_kharkiv_times_and_paragraphs():
    text = read(GOLD / "A1_kharkiv-combined-strike.txt")
    blocks, sentences = segment(text)
    check_spans(text, blocks, sentences)
    assert [b.kind for b in blocks].count("heading") == 0
    texts = [text[s.start:s.end] for s in sentences]
    assert texts[1] == ("The assault began at about 3 a.m. on Saturday, with the first blasts reported "
                        "in the Kyivskyi and Osnovianskyi districts.")
    assert any(t.startswith("At about 5:35 p.m., four guided bombs fell") for t in texts)
    assert {s.section for s in sentences} == {blocks[0].text}


# --- sentence rules ------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Explosions were first reported around 4:30 a.m. local time, with journalists confirming it.",
    "The U.S. Army and the U.K. government met U.N. officials.",
    "Gen. Oleksandr Syrskyi spoke to Lt. Col. Petrenko and Dr. Smith.",
    "Mr. and Mrs. Brown met Ms. Green, Gov. Newsom, Sen. Graham and Rep. Jeffries.",
    "Flights were delayed at St. Petersburg airport.",
    "Reactor No. 3 was shut down on Feb. 12 and restarted on Sept. 3.",
    "Donald J. Trump spoke with J.R.R. Tolkien fans.",
    "Canada pledged C$1.5 billion, up 3.5 percent.",
    "Drones, missiles, bombs, etc. were used.",
    "Allies, e.g. Poland, and neighbours, i.e. Moldova, helped.",
    "It was Ukraine vs. Russia in the final.",
    "The siren sounded at 3 a.m. Saturday and again at 11 p.m. Kyiv time.",
    "Kyiv was hit; Lviv was spared; Odesa burned.",
    "“Where are the missiles?” asked Zelensky.",
    "He said “wait…” and left.",
])
def test_one_sentence(sentence):
    assert sentence_texts(sentence) == [sentence]


@pytest.mark.parametrize("text, expected", [
    ("It ended. It began!  Did it? Yes…  Fine", ["It ended.", "It began!", "Did it?", "Yes…", "Fine"]),
    ("He called it a “compromise”. Kyiv refused.", ["He called it a “compromise”.", "Kyiv refused."]),
    ("“We will win.” He left.", ["“We will win.”", "He left."]),
    ("It was heavy (see above.) Then calm.", ["It was heavy (see above.)", "Then calm."]),
    ("Drones, missiles, etc. The attack ended.", ["Drones, missiles, etc.", "The attack ended."]),
    ("It ended at 3 a.m. The city woke.", ["It ended at 3 a.m.", "The city woke."]),
    ("They left in Feb. The war went on.", ["They left in Feb.", "The war went on."]),
    ("No. It was not.", ["No.", "It was not."]),
    ("Held since 2022. 146 came home.", ["Held since 2022.", "146 came home."]),
    ("Wait... What now?", ["Wait...", "What now?"]),
])
def test_splits(text, expected):
    assert sentence_texts(text) == expected


def test_split_sentences_range_and_lines():
    text = "Skip this. Keep one. Keep two.\r\nNext line. Done"
    assert [text[s:e] for s, e in split_sentences(text, 11)] == ["Keep one.", "Keep two.", "Next line.", "Done"]
    assert [text[s:e] for s, e in split_sentences(text, 11, 20)] == ["Keep one."]
    assert split_sentences(text, 5, 5) == [] and split_sentences("") == []
    assert split_sentences("   \r\n  ") == []


def test_heading_rule():
    text = ("Title line\nShort heading\nHe said “no.”\nEnds with colon:\nIn Kyiv (EEST)\n"
            "A “quoted” heading”\n* * *\n"
            "sixteen words one two three four five six seven eight nine ten eleven twelve thirteen fourteen\n"
            "fifteen words one two three four five six seven eight nine ten eleven twelve thirteen\n")
    kinds = [(b.kind, b.text.split()[0]) for b in split_blocks(text)]
    assert kinds == [("title", "Title"), ("heading", "Short"), ("paragraph", "He"), ("paragraph", "Ends"),
                     ("heading", "In"), ("heading", "A"), ("paragraph", "*"), ("paragraph", "sixteen"),
                     ("heading", "fifteen")]


def test_sentences_before_first_heading_use_title_and_paragraph_index():
    text = "My Title\nFirst para. Two.\nSection A\nThird para.\n\nFourth para."
    blocks, sentences = segment(text)
    assert [(text[s.start:s.end], s.section, s.paragraph) for s in sentences] == [
        ("First para.", "My Title", 0), ("Two.", "My Title", 0),
        ("Third para.", "Section A", 1), ("Fourth para.", "Section A", 2)]
    assert segment("") == ([], []) and segment("Only a title\n") == ([Block("title", "Only a title", 0, 12)], [])


# --- verbatim offsets with awkward input ---------------------------------------------------------

@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings_keep_offsets(newline):
    lines = ["Russia Launches Missile Attack on Kyiv", "", "Kyiv Response",
             "Explosions at 4:30\u00a0a.m. local time shook “Podilskyi”.  Air defence worked. ",
             "Ukraine’s Air\u00a0Force said: “two down.” Nothing else."]
    text = newline.join(lines) + newline
    blocks, sentences = segment(text)
    check_spans(text, blocks, sentences)
    assert [b.text for b in blocks] == [line.strip() for line in lines if line]
    texts = [text[s.start:s.end] for s in sentences]
    assert texts == ["Explosions at 4:30\u00a0a.m. local time shook “Podilskyi”.", "Air defence worked.",
                     "Ukraine’s Air\u00a0Force said: “two down.”", "Nothing else."]
    assert all(s.section == "Kyiv Response" for s in sentences)


def test_nbsp_and_unicode_spaces_are_stripped_from_edges():
    text = "\u00a0Title\u00a0\n\u2003Para one.\u00a0Para two.\u2028\n"
    blocks, sentences = segment(text)
    check_spans(text, blocks, sentences)
    assert [b.text for b in blocks] == ["Title", "Para one.\u00a0Para two."]
    assert [text[s.start:s.end] for s in sentences] == ["Para one.", "Para two."]


# --- properties ----------------------------------------------------------------------------------

PIECES = st.sampled_from(["\r\n", "\r", "\n", "\u2028", "\u00a0", " " * 50, ". ", "? ", "…", "”", "“",
                          "a.m.", "U.S.", "No. 3", "J. ", "St.", "\x00", "\x0b", "\x85", "🚀", "Kyiv",
                          "e.g. ", "...", ".”", "Title\n", "Heading\n", "—"])
TEXTS = st.one_of(st.text(), st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=60).map("".join))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_segment_properties(text):
    blocks, sentences = segment(text)
    check_spans(text, blocks, sentences)
    assert blocks == split_blocks(text)
    if blocks:
        assert blocks[0].kind == "title"
    assert all(b.kind in {"title", "heading", "paragraph"} for b in blocks)
    sections = {blocks[0].text} | {b.text for b in blocks if b.kind == "heading"} if blocks else set()
    assert all(s.section in sections for s in sentences)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(-5, 400), st.one_of(st.none(), st.integers(-5, 400)))
def test_split_sentences_properties(text, start, end):
    spans = split_sentences(text, start, end)
    lo = max(0, min(start, len(text)))
    hi = len(text) if end is None else max(0, min(end, len(text)))
    last = lo
    for s, e in spans:
        piece = text[s:e]
        assert last <= s < e <= max(hi, lo)
        assert piece == piece.strip() and "\r" not in piece and "\n" not in piece
        last = e


def test_long_input_is_linear_enough():
    text = ("Title\n" + "Gen. Smith said U.S. forces hit 3.5 targets at 4 a.m. local time. " * 20000 + "\n"
            + "." * 200000 + "x " + " " * 200000 + "\n" + ".”" * 50000)
    blocks, sentences = segment(text)
    assert len(sentences) >= 20000


def test_an_end_mark_after_the_last_sentence_leaves_it_a_sentence():
    """Wire copy closes a story with "■": the last paragraph is still prose, not a heading."""
    text = "Title\nThe spokeswoman labelled the raid terrorism. ■\n"
    blocks, sentences = segment(text)
    assert [b.kind for b in blocks] == ["title", "paragraph"]
    assert [text[s.start:s.end] for s in sentences] == ["The spokeswoman labelled the raid terrorism.", "■"]


def test_a_pictures_credit_line_is_no_heading():
    """"Photo: Darek Delmanowicz/PAP" between paragraphs credits a picture: it opens no section."""
    blocks = split_blocks("Title\nFirst paragraph of the report.\nPhoto: Darek Delmanowicz/PAP\nSecond paragraph here.\n")
    assert [b.kind for b in blocks] == ["title", "paragraph", "paragraph", "paragraph"]

