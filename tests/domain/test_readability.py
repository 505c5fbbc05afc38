"""Issue 17's reading goals for the result page, over the five people and 50 golden links, in German and English.

The figures come from bench/readability.py (`make readability` prints them); a sentence made longer later fails
here, and so does a page that gets harder to read than the goals (German: WSTF <= 7, Flesch >= 60).
tests/app/test_readability_page.py checks that the measured text is the text the page shows.
"""

from __future__ import annotations

import pytest

from bench.readability import (
    MAX_HEADLINE_WORDS,
    MAX_SENTENCE_WORDS,
    MAX_WSTF,
    MIN_FLESCH,
    answer_sets,
    measure,
    sentences,
    words,
)


@pytest.fixture(scope="module")
def figures(kb):
    return {
        (name, lang, expanded): measure(kb, answers, lang, expanded)
        for name, answers in answer_sets(kb)
        for lang in ("de", "en")
        for expanded in (False, True)
    }


@pytest.fixture(scope="module")
def kb():
    from kicheck.knowledge import load

    return load()


def test_the_set_is_the_five_people_and_fifty_golden_links(kb):
    names = [name for name, _ in answer_sets(kb)]
    assert len(names) == 55 and sum(n.startswith("golden ") for n in names) == 50


def test_no_sentence_over_22_words_even_in_the_expanders(figures):
    too_long = {(lang, f.longest, f.longest_sentence) for (_, lang, _), f in figures.items()}
    too_long = sorted(x for x in too_long if x[1] > MAX_SENTENCE_WORDS)
    assert not too_long, too_long


def test_summary_headline_is_at_most_20_words(figures):
    assert max(f.headline for f in figures.values()) <= MAX_HEADLINE_WORDS


def test_english_flesch_reading_ease_is_at_least_60(figures):
    low = {name: f.flesch for (name, lang, _), f in figures.items() if lang == "en" and f.flesch < MIN_FLESCH}
    assert not low, low


def test_german_wiener_sachtextformel_is_at_most_7(figures):
    hard = {name: f.wstf for (name, lang, _), f in figures.items() if lang == "de" and f.wstf > MAX_WSTF}
    assert not hard, hard


def test_german_flesch_reading_ease_is_at_least_60(figures):
    low = {name: f.flesch for (name, lang, _), f in figures.items() if lang == "de" and f.flesch < MIN_FLESCH}
    assert not low, low


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Genutzt seit dem 27. Mai 2025. Ab Ihrem 18. Geburtstag.", "de", 2),
        ("Das steht in Art. 77 DSGVO. Mehr nicht.", "de", 2),
        ("No source says whether it holds at 18. Check again.", "en", 2),
        ("Used from 27 May 2025 until 1 July 2025. Kept out.", "en", 2),
        (
            "Eins: zwei; drei – vier",
            "de",
            1,
        ),  # colon, semicolon and dash do not end a sentence: the strict count
    ],
)
def test_sentences_are_counted_as_a_reader_meets_them(text, lang, expected):
    assert len(sentences(text, lang)) == expected


def test_words_are_counted_with_dates_and_hyphens():
    assert words("Am 27. Mai 2025 die E-Mail-Adresse ändern.") == [
        "Am",
        "27.",
        "Mai",
        "2025",
        "die",
        "E-Mail-Adresse",
        "ändern.",
    ]
