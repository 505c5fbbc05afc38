"""How plain the result page reads: `python -m bench.readability` (`make readability`).

Measured with textstat over the text the result page shows in its main area (the verdict, the notes, each
service's card, the actions with their links' titles, and, one tap away, the reasons with the unclear points),
built from the same view the page renders (kicheck.present). German: Wiener Sachtextformel, variant 1
(school grade; lower is plainer) and Flesch reading ease after Amstad (higher is plainer); English: Flesch
reading ease (Flesch 1948), with syllables from pyphen's en_GB hyphenation dictionary: textstat counts
English syllables with NLTK's CMU dictionary, which it downloads at run time (nothing may be downloaded
here). Also the share of words with three or more syllables, the longest sentence in words and the summary
headline's length.

textstat splits sentences at every full stop, so "27. Mai 2025" would count as two sentences and flatter every
score: ordinal dots ("27.", "1.") and those of abbreviations ("Art. 77", "bzw.") are taken out before
measuring. Each block (a heading, a list item, a button's label) counts as a sentence of its own, as a reader
sees it.

Goals (issue 17): every German result page WSTF <= 7 and Flesch >= 60; no sentence over 22 words; the summary
headline <= 20 words. tests/domain/test_plain_language.py holds the pages to what is reached.
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass
from datetime import date

import pyphen
import textstat

from kicheck import knowledge
from kicheck.answers import Answers, decode_query
from kicheck.present import ResultView, result_view
from kicheck.texts import Texts
from kicheck.verdict import decide
from tests.golden.make_corpus import CORPUS

TODAY = date(2026, 12, 4)
WSTF_MAX, FLESCH_MIN, SENTENCE_MAX, HEADLINE_MAX = 7.0, 60.0, 22, 20

# The five people of issue 17, tried on a 375 px phone.
PEOPLE = {
    "68, Facebook only": "v=1.1&lang=de&age=68&svc=fb",
    "24, late Instagram objection, Meta AI in WhatsApp": (
        "v=1.1&lang=de&age=24&svc=ig,wa&ai=wa&obj_ig=2025-09-15"
    ),
    "parent of a 15-year-old, Instagram": "v=1.2&lang=de&who=child&age=15&bd=unknown&svc=ig",
    "no account, worried about friends' photos": "v=1.1&lang=de&age=45&svc=none",
    "English desktop user": "v=1.1&lang=en&age=41&svc=fb,ig,ms&pub=ig&ai=ms&linked=1&obj_fb=2025-05-20",
}
CORPUS_LINKS = 50

_ORDINAL = re.compile(r"\b(\d{1,2}|Art|Abs|Nr|bzw|z\. ?B|ca|etc|vs|e\.g|i\.e)\.(?=\s)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[\wÄÖÜäöüß][\wÄÖÜäöüß'’-]*")


def page_blocks(view: ResultView) -> list[str]:
    """The result page's main-area text, block by block, in the page's order."""
    blocks = [view.summary, *view.notes]
    for card in view.cards:
        blocks += [f"{card.name}: {card.status_label}", card.window_text]
    for action in view.actions:
        blocks += [action.title, action.why, *(link.title for link in action.links)]
    for card in view.cards:  # "Warum – je Dienst", one tap away
        blocks += list(card.reasons)
        blocks += [f"{c.title} ({c.examples})" for c in card.categories]
        for point in card.unclear:
            blocks += [point.topic, point.text, *(f"{who}: {says}" for who, says in point.claims)]
    return [b.strip() for b in blocks if b and b.strip()]


def sentences(blocks: list[str]) -> list[str]:
    out = []
    for block in blocks:
        out += [s for s in _SENTENCE_END.split(_ORDINAL.sub(r"\1", block)) if _WORD.search(s)]
    return out


def words(text: str) -> list[str]:
    return _WORD.findall(text)


@dataclass(frozen=True)
class Reading:
    name: str
    lang: str
    wstf: float | None  # German only
    flesch: float
    long_words: float  # share of words with 3 or more syllables, in %
    longest: int  # words in the longest sentence
    longest_sentence: str
    headline: int  # words in the summary headline

    def meets_goals(self) -> bool:
        return (
            (self.wstf is None or self.wstf <= WSTF_MAX)
            and self.flesch >= FLESCH_MIN
            and self.longest <= SENTENCE_MAX
            and self.headline <= HEADLINE_MAX
        )


_EN_HYPHENATION = pyphen.Pyphen(lang="en_GB")


def syllables(word: str, lang: str) -> int:
    if lang == "de":
        return textstat.syllable_count(word)
    return len(_EN_HYPHENATION.positions(word.lower())) + 1


def english_flesch(sents: list[str]) -> float:
    """Flesch reading ease: 206.835 - 1.015 x words per sentence - 84.6 x syllables per word."""
    all_words = [w for s in sents for w in words(s)]
    per_sentence = len(all_words) / max(1, len(sents))
    per_word = sum(syllables(w, "en") for w in all_words) / max(1, len(all_words))
    return 206.835 - 1.015 * per_sentence - 84.6 * per_word


def measure(name: str, view: ResultView, lang: str) -> Reading:
    sents = sentences(page_blocks(view))
    text = "\n".join(s if s.rstrip()[-1:] in ".!?" else s + "." for s in sents)
    textstat.set_lang("de")
    all_words = words(text)
    long = sum(1 for w in all_words if syllables(w, lang) >= 3)
    longest = max(sents, key=lambda s: len(words(s)))
    german = lang == "de"
    return Reading(
        name=name,
        lang=lang,
        wstf=round(textstat.wiener_sachtextformel(text, 1), 1) if german else None,
        flesch=round(textstat.flesch_reading_ease(text) if german else english_flesch(sents), 1),
        long_words=round(100 * long / max(1, len(all_words)), 1),
        longest=len(words(longest)),
        longest_sentence=longest,
        headline=len(words(_ORDINAL.sub(r"\1", view.summary))),
    )


def answer_sets(corpus_links: int = CORPUS_LINKS) -> dict[str, Answers]:
    """The five people, then every n-th link of the golden corpus (a varied sample, the same each run)."""
    sets = {name: decode_query(query, TODAY).answers for name, query in PEOPLE.items()}
    records = json.loads(CORPUS.read_text(encoding="utf-8"))
    with_services = [r for r in records if "svc=" in r["query"]]
    step = max(1, len(with_services) // corpus_links)
    for record in with_services[::step][:corpus_links]:
        sets[record["query"]] = decode_query(record["query"], TODAY).answers
    return sets


def readings(kb: knowledge.Knowledge, sets: dict[str, Answers]) -> list[Reading]:
    out = []
    for name, answers in sets.items():
        t = Texts(kb, answers.lang, for_child=answers.for_child)
        out.append(measure(name, result_view(decide(answers, kb, TODAY), t), answers.lang))
    return out


def report(rows: list[Reading]) -> str:
    head = ("answer set", "lang", "WSTF", "Flesch", "3+syl%", "longest", "headline")
    lines = ["{:<52} {:<4} {:>5} {:>6} {:>6} {:>7} {:>8}".format(*head)]
    for r in rows:
        wstf = f"{r.wstf:5.1f}" if r.wstf is not None else "    -"
        numbers = f"{r.flesch:6.1f} {r.long_words:6.1f} {r.longest:7d} {r.headline:8d}"
        lines.append(f"{r.name[:52]:<52} {r.lang:<4} {wstf} {numbers}")
    german = [r for r in rows if r.lang == "de"]
    worst = max(rows, key=lambda r: r.longest)
    wstf = [r.wstf for r in german]
    flesch = [r.flesch for r in german]
    lines += [
        "",
        f"German pages: WSTF {min(wstf):.1f}-{max(wstf):.1f} (goal <= {WSTF_MAX}),"
        f" Flesch {min(flesch):.1f}-{max(flesch):.1f} (goal >= {FLESCH_MIN})",
        f"longest sentence: {worst.longest} words (goal <= {SENTENCE_MAX}): {worst.longest_sentence}",
        f"longest headline: {max(r.headline for r in rows)} words (goal <= {HEADLINE_MAX})",
        f"pages meeting every goal: {sum(r.meets_goals() for r in rows)} of {len(rows)}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", type=int, default=CORPUS_LINKS, help="golden-corpus links to add")
    args = parser.parse_args(argv)
    print(report(readings(knowledge.default(), answer_sets(args.links))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
