"""The questionnaire: conditional questions, prefilling from a link, language, and the full flow to the result."""

from __future__ import annotations

from datetime import date

import pytest

from tests.app.conftest import statuses


def widget_keys(at, lang: str = "de") -> set[str]:
    """The question widgets shown, by name (the page keys them per language: age-de -> age)."""
    return {
        w.key.removesuffix(f"-{lang}")
        for kind in ("number_input", "radio", "pills", "text_input", "button")
        for w in getattr(at, kind)
        if w.key
    }


def test_start_page_in_german_by_default(open_page):
    """A fresh visitor gets the German questions, each with a 'why we ask'."""
    at = open_page("/")
    assert at.title[0].value == "Nutzt Meta meine Daten für KI?"
    assert at.number_input(key="age-de").label == "Wie alt sind Sie?"
    assert any(c.value.startswith("Warum wir fragen") for c in at.caption)
    assert at.button(key="submit").label == "Ergebnis anzeigen"


def test_english_via_link(open_page):
    """?lang=en gives English throughout."""
    at = open_page("/", "lang=en")
    assert at.title[0].value == "Does Meta use my data for AI?"
    assert at.pills(key="svc-en").label == "Which Meta services do you use?"


def test_language_switch(open_page):
    """Switching to English re-renders the page in English and keeps it in the link."""
    at = open_page("/")
    at.segmented_control(key="lang_switch").set_value("en").run()
    assert at.title[0].value == "Does Meta use my data for AI?"
    assert at.query_params["lang"] == ["en"] or at.query_params["lang"] == "en"


@pytest.mark.parametrize(
    ("answers", "shown", "hidden"),
    [
        # only the first questions at first
        ({}, {"age", "svc", "submit"}, {"bd", "pub", "ai", "linked", "obj_fb_choice", "obj_ig_choice"}),
        # birth date only under 18
        ({"age": 16}, {"bd"}, set()),
        ({"age": 30}, set(), {"bd"}),
        # public only for services with public content; AI only where Meta AI exists
        ({"svc": ["wa"]}, {"ai"}, {"pub", "linked", "obj_fb_choice"}),
        ({"svc": ["th"]}, {"pub"}, {"ai", "obj_ig_choice"}),
        # linking only with both Facebook and Instagram; an objection question per form service
        ({"svc": ["fb"]}, {"obj_fb_choice"}, {"linked", "obj_ig_choice"}),
        ({"svc": ["fb", "ig"]}, {"linked", "obj_fb_choice", "obj_ig_choice"}, set()),
    ],
)
def test_questions_appear_only_when_they_matter(open_page, answers, shown, hidden):
    """Conditional questions: birth date under 18, linking with both FB and IG, objections per form service."""
    at = open_page("/")
    if "age" in answers:
        at.number_input(key="age-de").set_value(answers["age"]).run()
    if "svc" in answers:
        at.pills(key="svc-de").set_value(answers["svc"]).run()
    keys = widget_keys(at)
    assert shown <= keys
    assert not hidden & keys


def test_objection_date_only_when_chosen(open_page):
    """The date field appears for 'yes, on this day', empty; not for 'not yet' or 'before 27 May 2025'."""
    at = open_page("/", "svc=fb")
    assert "obj_fb_date" not in widget_keys(at)
    at.radio(key="obj_fb_choice-de").set_value("on_date").run()
    assert "obj_fb_date" in widget_keys(at)
    assert at.text_input(key="obj_fb_date-de").value == ""
    at.radio(key="obj_fb_choice-de").set_value("by_deadline").run()
    assert "obj_fb_date" not in widget_keys(at)


def test_prefilled_from_link(open_page):
    """Opening the questionnaire with a link's answers shows them, so 'change my answers' works."""
    at = open_page(
        "/",
        "v=1&lang=en&age=16&bd=wrong&svc=fb,ig,wa&pub=ig&ai=wa&linked=1&obj_ig=2025-07-01&obj_fb=2025-05-26",
    )
    assert at.number_input(key="age-en").value == 16
    assert at.radio(key="bd-en").value == "wrong"
    assert at.pills(key="svc-en").value == ["fb", "ig", "wa"]
    assert at.pills(key="pub-en").value == ["ig"]
    assert at.pills(key="ai-en").value == ["wa"]
    assert at.radio(key="linked-en").value == "yes"
    assert at.radio(key="obj_fb_choice-en").value == "by_deadline"
    assert at.radio(key="obj_ig_choice-en").value == "on_date"
    assert at.text_input(key="obj_ig_date-en").value == "01/07/2025"


def test_prefill_ignores_bad_values(open_page):
    """A questionnaire link with bad values opens with the good ones and no error."""
    at = open_page("/", "age=<b>&svc=fb,zz")
    assert at.number_input(key="age-de").value is None
    assert at.pills(key="svc-de").value == ["fb"]


PERSONS = [
    # (what is clicked, the statuses it shows); every question shown gets a choice, "I don't know" included
    (
        dict(
            age=34, svc=["fb", "ig", "wa"], pub=["ig"], ai=["wa"], linked="no", obj={"ig": date(2025, 7, 1)}
        ),
        # an assumed "In use" says so on its badge (WhatsApp's chats, F18)
        {"fb": "In use", "ig": "Partly protected", "wa": "In use (assumed)"},
    ),
    (
        dict(age=29, svc=["fb", "ig"], ai=["nowhere"], linked="yes", obj={"fb": "by_deadline"}),
        # R7: Instagram's protection rests on the Facebook objection (same e-mail address?)
        {"fb": "Protected", "ig": "Protected (not certain)"},
    ),
    (dict(age=15, svc=["ig"], bd="ok", ai=["nowhere"]), {"ig": "Not affected"}),
    (dict(age=15, svc=["ig"], bd="wrong", pub=["ig"], ai=["nowhere"]), {"ig": "In use (assumed)"}),
    (dict(age=50, svc=["ms", "app"], ai=["ms"]), {"ms": "In use", "app": "Not affected"}),
    # a parent who does not know the profile's birth date: the safe side, said so
    (dict(who="child", age=15, svc=["ig"], bd="unknown", ai=["nowhere"]), {"ig": "In use (assumed)"}),
    # unsure whether they objected, unsure where they chat with Meta AI: the safe side
    (
        dict(age=40, svc=["fb", "wa"], ai=["unknown"], obj={"fb": "unknown"}),
        {"fb": "In use (assumed)", "wa": "In use (assumed)"},
    ),
]


def fill(at, person: dict, lang: str = "en") -> None:
    """Answer the check page's questions as `person` says (a service's objection defaults to "not yet")."""
    at.radio(key=f"who-{lang}").set_value(person.get("who", "self")).run()
    suffix = f"-{lang}-child" if person.get("who") == "child" else f"-{lang}"
    at.number_input(key=f"age{suffix}").set_value(person["age"]).run()
    if "bd" in person:
        at.radio(key=f"bd{suffix}").set_value(person["bd"]).run()
    at.pills(key=f"svc{suffix}").set_value(person["svc"]).run()
    for key in ("pub", "ai"):
        if key in person:
            at.pills(key=f"{key}{suffix}").set_value(person[key]).run()
    if "linked" in person:
        at.radio(key=f"linked{suffix}").set_value(person["linked"]).run()
    for service in ("fb", "ig"):
        if service not in person["svc"]:
            continue
        when = person.get("obj", {}).get(service, "not_yet")
        if isinstance(when, str):
            at.radio(key=f"obj_{service}_choice{suffix}").set_value(when).run()
        else:
            at.radio(key=f"obj_{service}_choice{suffix}").set_value("on_date").run()
            at.text_input(key=f"obj_{service}_date{suffix}").set_value(when.strftime("%d/%m/%Y")).run()


@pytest.mark.parametrize(("person", "expected"), PERSONS)
def test_full_flow(open_page, person, expected):
    """Answer the questions, submit, and land on the result with the right statuses and the link's format."""
    at = open_page("/", "lang=en")
    fill(at, person)
    at.button(key="submit").click().run()
    assert not at.exception
    v12 = person.get("who") == "child" or "unknown" in (person.get("bd"), *person.get("ai", []))
    v12 = v12 or "unknown" in person.get("obj", {}).values()
    # encode writes format v1.1, and v1.2 only for a link with a v1.2 answer
    assert at.query_params["v"] in (["1.2"], "1.2") if v12 else at.query_params["v"] in ("1.1", ["1.1"])
    assert statuses(at, expected) == expected


def test_a_parent_is_asked_about_their_child_and_nothing_is_preselected(open_page, kb):
    """'For my child': the questions speak of the child, the profile's birth date has no answer until given,
    and submitting without one asks for it instead of judging "Not affected"."""
    at = open_page("/")
    at.radio(key="who-de").set_value("child").run()
    assert at.number_input(key="age-de-child").label == "Wie alt ist Ihr Kind?"
    at.number_input(key="age-de-child").set_value(15).run()
    assert at.radio(key="bd-de-child").value is None
    at.pills(key="svc-de-child").set_value(["ig"]).run()
    at.pills(key="ai-de-child").set_value(["nowhere"]).run()
    at.radio(key="obj_ig_choice-de-child").set_value("not_yet").run()
    at.button(key="submit").click().run()
    assert kb.texts["de"]["check.missing_birthdate"] in error_texts(at)
    assert "svc" not in at.query_params


def test_no_question_counts_as_answered_untouched(open_page, kb):
    """Whom the check is for, the Meta AI question and the objection question each need a choice."""
    at = open_page("/")
    at.pills(key="svc-de").set_value(["fb"]).run()
    assert at.radio(key="obj_fb_choice-de").value is None
    at.button(key="submit").click().run()
    errors = error_texts(at)
    for text in ("check.missing_who", "check.missing_ai", "check.missing_objection"):
        assert kb.texts["de"][text] in errors, text


def error_texts(at) -> list[str]:
    return [e.value for e in at.error]


def test_untouched_form_asks_for_the_services(open_page, kb):
    """Submitting without any service choice is a question back on the check page, not a verdict."""
    at = open_page("/")
    at.radio(key="who-de").set_value("self").run()
    at.button(key="submit").click().run()
    assert kb.texts["de"]["check.missing_services"] in error_texts(at)
    assert kb.texts["de"]["check.missing"] in error_texts(at)
    assert "svc" not in at.query_params


def test_no_account_is_a_choice_that_excludes_services(open_page):
    """'I have no Meta account' is a pill; it and the services exclude each other, the newest choice wins."""
    at = open_page("/")
    at.pills(key="svc-de").set_value(["fb", "none"]).run()
    assert at.pills(key="svc-de").value == ["none"]
    at.pills(key="svc-de").set_value(["none", "ig"]).run()
    assert at.pills(key="svc-de").value == ["ig"]
    at.pills(key="svc-de").set_value(["none"]).run()
    at.radio(key="who-de").set_value("self").run()
    at.button(key="submit").click().run()
    assert at.query_params["svc"] in ("none", ["none"])


def test_objection_without_a_day_is_refused(open_page, kb):
    """'Yes, on this day' without a day: the page stays and asks for the day next to the question."""
    at = open_page("/", "svc=fb")
    at.radio(key="obj_fb_choice-de").set_value("on_date").run()
    at.button(key="submit").click().run()
    assert kb.texts["de"]["check.missing_date"] in [e.value for e in at.get_by_key("q-obj-fb").error]
    assert "obj_fb" not in at.query_params
    at.text_input(key="obj_fb_date-de").set_value("14.07.2025").run()
    assert not at.error
    at.button(key="submit").click().run()
    assert at.query_params["obj_fb"] in ("2025-07-14", ["2025-07-14"])


def test_linked_accounts_are_not_preselected(open_page):
    """With Facebook and Instagram the linked question has no answer until the person gives one."""
    at = open_page("/", "svc=fb")
    at.pills(key="svc-de").set_value(["fb", "ig"]).run()
    assert at.radio(key="linked-de").value is None
    assert at.radio(key="linked-de").options == ["Ja, verknüpft", "Nein", "Weiß ich nicht"]


def test_answers_survive_a_language_switch(open_page):
    """The answers are kept by value: the English widgets show what was answered in German."""
    at = open_page("/")
    at.number_input(key="age-de").set_value(16).run()
    at.radio(key="bd-de").set_value("wrong").run()
    at.pills(key="svc-de").set_value(["fb", "ig"]).run()
    at.radio(key="linked-de").set_value("unknown").run()
    at.radio(key="obj_fb_choice-de").set_value("by_deadline").run()
    at.radio(key="obj_ig_choice-de").set_value("on_date").run()
    at.text_input(key="obj_ig_date-de").set_value("2.6.2025").run()
    at.segmented_control(key="lang_switch").set_value("en").run()
    assert at.number_input(key="age-en").value == 16
    assert at.radio(key="bd-en").value == "wrong"
    assert at.pills(key="svc-en").value == ["fb", "ig"]
    assert at.radio(key="linked-en").value == "unknown"
    assert at.radio(key="obj_fb_choice-en").value == "by_deadline"
    assert at.radio(key="obj_ig_choice-en").value == "on_date"
    assert at.text_input(key="obj_ig_date-en").value == "2.6.2025"  # as typed


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("14.07.2025", None),
        ("1.7.2025", None),
        ("2025-07-14", None),
        ("14/07/2025", None),
        ("14.13.2025", "check.day_unreadable"),
        ("gestern", "check.day_unreadable"),
        ("01.12.2026", "check.day_future"),  # today is 29 November 2026
        ("31.12.2023", "check.day_too_early"),
    ],
)
def test_the_objection_day_is_read_or_refused_with_a_reason(open_page, kb, typed, problem):
    """A typed day is read in the usual forms; anything else is said next to the field, never guessed."""
    at = open_page("/", "svc=fb")
    at.radio(key="obj_fb_choice-de").set_value("on_date").run()
    at.text_input(key="obj_fb_date-de").set_value(typed).run()
    errors = [e.value for e in at.get_by_key("q-obj-fb").error]
    assert errors == ([kb.texts["de"][problem]] if problem else [])
