"""The content checks of tests/content/checks.py: each finds nothing wrong in data/, and each is shown to fail
on a copy of data/ with one thing broken, naming the file and the key."""

import pytest

from kicheck.knowledge import load
from tests.content.checks import CHECKS, NEVER_SAYS, every_text
from tests.datacopy import by_id, edit


@pytest.mark.parametrize("name", CHECKS)
def test_content(kb, name):
    """The named check finds nothing wrong in data/ (its docstring in checks.py says what it protects)."""
    assert CHECKS[name].run(kb) == [], CHECKS[name].protects


BROKEN_COPIES = [
    ("one_article_never_counts_as_two", "facts.yaml", lambda r: by_id(r, "F13").update(sources=["S5", "S6"]),
     ["facts.yaml:F13.sources"]),
    ("the_syndicated_consumer_article_is_marked", "sources.yaml", lambda r: by_id(r, "S6").pop("same_as"),
     ["sources.yaml:S6.same_as"]),
    ("fixed_fact_ids_keep_their_confidence", "facts.yaml",
     lambda r: by_id(r, "F20").update(confidence="confirmed"), ["facts.yaml:F20.confidence"]),
    # the courts line's sources are all cited by chronology events too; the teens' AI characters page only by
    # its event
    ("every_source_is_used", "events.yaml",
     lambda r: [e.update(sources=["S1"]) for e in r if e.get("sources") == ["AI_CHARACTERS_TEENS"]],
     ["AI_CHARACTERS_TEENS"]),
    ("every_source_is_used", "sources.yaml", lambda r: r.append({**r[0], "id": "S99"}), ["S99"]),
    ("authorities_cover_every_land_and_country", "authorities.yaml", lambda r: r.remove(by_id(r, "de-hh")),
     ["authorities.yaml: Land missing: hh", "authorities.yaml: 45 authorities, expected 46"]),
    ("authorities_cover_every_land_and_country", "authorities.yaml",
     lambda r: by_id(r, "at").update(id="ch", country="CH"),
     ["authorities.yaml: country missing: AT", "authorities.yaml: not EU/EEA: CH"]),
    ("authority_links_are_https_and_distinct", "authorities.yaml",
     lambda r: by_id(r, "at").update(url=by_id(r, "de").get("url")),
     ["authorities.yaml: twice: https://www.bfdi.bund.de/"]),
    ("changelog_reaches_the_current_version", "changelog.yaml",
     lambda r: [e.pop("revision") for e in r if e.get("revision") == "R6"],
     ["changelog.yaml: revision missing: R6"]),
    ("every_form_is_offered", "forms.yaml", lambda r: r.append({**r[0], "id": "orphan"}), ["forms.yaml:orphan"]),
    ("forms_use_https_on_meta_hosts", "forms.yaml", lambda r: r[0].update(url="https://example.org/f"),
     ["forms.yaml:object_fb.url"]),
    ("whatsapp_has_no_form", "services.yaml",
     lambda r: next(s for s in r if s["code"] == "wa").update(objection={"form": "object_fb"}),
     ["services.yaml:wa.objection"]),
    ("content_texts_hold_no_markdown", "actions.yaml",
     lambda r: by_id(r, "complain_dpa")["why"].update(de="Das ist **wichtig**."),
     ["actions.yaml:complain_dpa.why (de)"]),
    # the one walker reads the content files, nested texts and authority notes as well as the i18n files
    ("never_says[en:Lives]", "facts.yaml", lambda r: by_id(r, "F6")["text"].update(en="Posts and Lives."),
     ["facts.yaml:F6.text: R5: no source lists Lives"]),
    ("never_says[de:lives]", "facts.yaml", lambda r: by_id(r, "F3")["claims"][1]["says"].update(de="Auch Lives."),
     ["facts.yaml:F3.claims.1.says: R5: no source lists Lives"]),
    ("never_says[de:seitdem geschützt]", "authorities.yaml",
     lambda r: by_id(r, "de").update(note={"de": "Seitdem geschützt.", "en": "Protected."}),
     ["authorities.yaml:de.note: R1: a late objection protects only from its date on"]),
    ("never_says[en:no way to object]", "i18n/en.child.yaml",
     lambda r: r.update({"q.age": "There is no way to object."}),
     ["i18n/en.child.yaml:q.age: F17/R3: WhatsApp's general route exists"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "file", "change", "found"), BROKEN_COPIES, ids=[f"{row[0]}:{row[1]}" for row in BROKEN_COPIES]
)
def test_content_check_catches_a_broken_copy(data_copy, name, file, change, found):
    """The named check reports a fault planted in a copy of data/, with the file and the key."""
    edit(data_copy / file, change)
    assert CHECKS[name].run(load(data_copy)) == found


@pytest.mark.parametrize(
    ("lang", "words", "why"), NEVER_SAYS, ids=[f"{lang}:{w}" for lang, w, _ in NEVER_SAYS]
)
def test_banned_wording_is_found_where_planted(kb, lang, words, why):
    """Each banned phrase, written into a UI text of its language, is reported with the file and the key."""
    planted = kb.model_copy(
        update={"texts": {**kb.texts, lang: {**kb.texts[lang], "planted": f"x {words} y"}}}
    )
    assert CHECKS[f"never_says[{lang}:{words}]"].run(planted) == [f"i18n/{lang}.yaml:planted: {why}"]


def test_every_content_check_is_shown_to_fail():
    """No content check goes without a broken copy it catches (the wording rows: a planted phrase each)."""
    shown = {row[0] for row in BROKEN_COPIES} | {f"never_says[{lang}:{w}]" for lang, w, _ in NEVER_SAYS}
    assert set(CHECKS) <= shown


def test_the_walker_reads_every_file_with_texts():
    """A text in any content file is read by the wording checks: no file is left out by a second walker."""
    from kicheck import knowledge

    files = {where.split(":", 1)[0] for where, _, _ in every_text(knowledge.default())}
    assert files == {
        "meta.yaml", "sources.yaml", "facts.yaml", "forms.yaml", "categories.yaml", "events.yaml",
        "actions.yaml", "authorities.yaml", "changelog.yaml", "i18n/de.yaml", "i18n/en.yaml",
        "i18n/de.child.yaml", "i18n/en.child.yaml",
    }  # fmt: skip
