"""Normalisation, offset maps, positions, sentences and safe display."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.text import (
    InputError,
    Sentences,
    LineIndex,
    decode,
    normalise,
    normalise_with_map,
    one_line,
    sentence_spans,
    visible,
)


@pytest.mark.parametrize(
    "original, expected",
    [
        ("Ketamine’s “rapid” effect", "ketamine's \"rapid\" effect"),
        ("relief\u2014sometimes", "relief-sometimes"),
        ("non\u00a0breaking  spaces\n\nand lines", "non breaking spaces and lines"),
        ("soft\u00adhyphen and zero\u200bwidth", "softhyphen and zerowidth"),
        ("cafe\u0301", "caf\u00e9"),
        ("\u0130stanbul", "istanbul"),
        ("tab\there", "tab here"),
    ],
)
def test_normalise_folds_what_differs_between_copies(original, expected):
    assert normalise(original) == expected


def test_offsets_map_back_to_the_original_text():
    original = "First line.\n\nKetamine\u00a0is  not\u200b a controlled substance."
    norm = normalise_with_map(original)
    quote = "ketamine is not a controlled substance"
    start = norm.text.index(quote)
    end = start + len(quote)
    assert original[norm.original_start(start):norm.original_end(end)] == "Ketamine\u00a0is  not\u200b a controlled substance"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \n\u00a0\u200b\u00ad\u2019e\u0301Z.")), max_size=60))
def test_every_normalised_offset_maps_inside_the_original(text):
    norm = normalise_with_map(text)
    for pos in range(len(norm.text) + 1):
        start = norm.original_start(pos) if pos < len(norm.text) else len(text)
        assert 0 <= start <= len(text)
        end = norm.original_end(pos)
        assert 0 <= end <= len(text)
    # a normalised substring maps back to an original substring whose normal form holds it
    # (a folded run, such as "e" + two accents, cannot be split, so it may hold a little more)
    for a in range(len(norm.text)):
        for b in range(a + 1, min(len(norm.text), a + 6) + 1):
            piece = text[norm.original_start(a):norm.original_end(b)]
            assert norm.text[a:b].strip() in normalise(piece)


def test_line_index_counts_lines_and_code_point_columns():
    text = "ab\r\ncé\nthird"
    index = LineIndex(text)
    assert index.position(0) == (1, 1)
    assert index.position(text.index("é")) == (2, 2)
    assert index.position(text.index("third")) == (3, 1)
    assert index.line_text(1) == "ab"


def test_sentences_split_at_ends_blank_lines_headings_and_bullets_but_not_wraps():
    text = "A Heading\nFirst sentence wraps\nhere. Second one!\n\n  \u2022 Bullet item\n  \u2022 Another"
    sentences = [text[a:b] for a, b in sentence_spans(text)]
    assert sentences == ["A Heading", "First sentence wraps\nhere.", "Second one!", "\u2022 Bullet item", "\u2022 Another"]


@pytest.mark.parametrize("text, expected", [
    ("it wore off after two weeks. the second round lasted longer",
     ["it wore off after two weeks.", "the second round lasted longer"]),
    ("is that right?? my insurance says no", ["is that right??", "my insurance says no"]),
    ("was rough.\nwith ketamine it was fast.", ["was rough.", "with ketamine it was fast."]),
    # abbreviations before a lower-case word do not end a sentence
    ("Compared with e.g. the SSRIs, vs. placebo, at 9 a.m. on Monday, Dr. smith said so.",
     ["Compared with e.g. the SSRIs, vs. placebo, at 9 a.m. on Monday, Dr. smith said so."]),
    ("Approx. two thirds, i.e. most people.", ["Approx. two thirds, i.e. most people."]),
    ('the claim "ketamine is approved ..." (in italics) here', ['the claim "ketamine is approved ..." (in italics) here']),
])
def test_sentences_end_before_a_lower_case_word_unless_after_an_abbreviation(text, expected):
    assert [text[a:b] for a, b in sentence_spans(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # a forum thread: one post per line, no full stops, lower case
    ("quick update from me: week 2 done\nthe clinic said most people respond\nfelt nothing the first day",
     ["quick update from me: week 2 done", "the clinic said most people respond", "felt nothing the first day"]),
    ("@betty: ok so my psych wont prescribe it\n@kyle: thats bc it isnt controlled lol",
     ["@betty: ok so my psych wont prescribe it", "@kyle: thats bc it isnt controlled lol"]),
    # a paragraph wrapped to a width breaks after "of", "a", "the": it stays one text
    ("Because ketamine is not a controlled\nsubstance, we can offer same-week appointments.\nStudies show that nearly 70% of\n"
     "patients see their symptoms drop.",
     ["Because ketamine is not a controlled\nsubstance, we can offer same-week appointments.",
      "Studies show that nearly 70% of\npatients see their symptoms drop."]),
    ("Warm regards,\nthe Clearwater team", ["Warm regards,\nthe Clearwater team"]),
    # a capitalised sentence that goes on to the next line is one sentence; a title is not
    ("It was approved by the FDA for treating depression in 2019, and it\nworks for 70% of patients.",
     ["It was approved by the FDA for treating depression in 2019, and it\nworks for 70% of patients."]),
    ("Patient stories\n\u201cIt kept my depression at bay for weeks,\u201d says our director.",
     ["Patient stories", "\u201cIt kept my depression at bay for weeks,\u201d says our director."]),
])
def test_plain_text_lines_are_sentences_unless_the_paragraph_is_wrapped(text, expected):
    assert [text[a:b] for a, b in sentence_spans(text, lines=True)] == expected
    assert len(sentence_spans(text)) <= len(expected)  # without ``lines``: wraps are joined, as before


@pytest.mark.parametrize("text, expected", [
    ('He said "it works." Then he left.', ['He said "it works."', "Then he left."]),
    ("She said 'it works.' Then she left.", ["She said 'it works.'", "Then she left."]),
    ("He said \u201cit works.\u201d \u201cReally?\u201d She laughed.", ["He said \u201cit works.\u201d", "\u201cReally?\u201d", "She laughed."]),
    ("The clinic says \u2018it is not controlled.\u2019 That is false.",
     ["The clinic says \u2018it is not controlled.\u2019", "That is false."]),
    ('A quote ("it works.") Next one.', ['A quote ("it works.")', "Next one."]),
    ("Er sagte \u201eEs wirkt.\u201c Dann ging er.", ["Er sagte \u201eEs wirkt.\u201c", "Dann ging er."]),
    ("Il dit \u00abça marche.\u00bb Puis il part.", ["Il dit \u00abça marche.\u00bb", "Puis il part."]),
    # before a lower-case word too, and before a blank line
    ('He said "it works." then he left.', ['He said "it works."', "then he left."]),
    ('He said "it works."\n\nNext.', ['He said "it works."', "Next."]),
    # an opening quote after the full stop starts the next sentence
    ('It works. "Really," she said.', ["It works.", '"Really," she said.']),
])
def test_closing_quotes_after_the_full_stop_belong_to_the_sentence_they_close(text, expected):
    assert [text[a:b] for a, b in sentence_spans(text)] == expected


def test_closing_quotes_stay_in_their_sentence_at_exact_positions_after_normalisation():
    original = "Intro.\n\nThe site says \u201cketamine is not\u00a0controlled.\u201d  That\u2019s wrong."
    norm = normalise_with_map(original)
    spans = Sentences(norm).all()
    assert [norm.text[a:b] for a, b in spans] == [
        "intro.", 'the site says "ketamine is not controlled."', "that's wrong."]
    a, b = spans[1]
    assert original[norm.original_start(a):norm.original_end(b)] == "The site says \u201cketamine is not\u00a0controlled.\u201d"


def test_decode_accepts_bom_and_utf16_and_names_the_bad_byte():
    assert decode(b"\xef\xbb\xbfabc") == "abc"
    assert decode("h\u00e9".encode("utf-16")) == "h\u00e9"
    with pytest.raises(InputError) as info:
        decode(b"line one\ncaf\xe9\n")
    assert (info.value.line, info.value.column) == (2, 4)
    with pytest.raises(InputError, match="NUL"):
        decode(b"abc\x00def")


def test_visible_escapes_controls_bidi_and_zero_width():
    assert visible("a\x1b[2Jb\u202ec\u200bd") == "a\\x1b[2Jb\\u202ec\\u200bd"
    assert one_line("a\n  b\tc", 0) == "a b c"
    assert one_line("abcdef", 4) == "abc\u2026"


def test_a_sentences_passage_is_its_paragraph_and_the_next_when_it_ends_its_own():
    norm = normalise_with_map("One says A. Two. Three.\n\nFour. Five.\n\nSix.")
    sentences = Sentences(norm)
    texts = lambda spans: [norm.text[a:b] for a, b in spans]  # noqa: E731
    before, after = sentences.passage(norm.text.index("two"))
    assert texts(before) == ["one says a."] and texts(after) == ["three."]  # not the next paragraph
    before, after = sentences.passage(norm.text.index("three"))
    assert texts(before) == ["two.", "one says a."] and texts(after) == ["four.", "five."]
    before, after = sentences.passage(norm.text.index("four"), reach=1)
    assert texts(before) == [] and texts(after) == ["five."]
