"""The questionnaire: conditional questions, prefilling from a link, language, and the full flow to the result."""

from __future__ import annotations

from datetime import date

import pytest

from kicheck.questions import ObjectionChoice
from tests.app.conftest import statuses


def widget_keys(at) -> set[str]:
    return {
        w.key
        for kind in ("number_input", "radio", "pills", "date_input", "button")
        for w in getattr(at, kind)
        if w.key
    }


def test_start_page_in_german_by_default(open_page):
    """A fresh visitor gets the German questions, each with a 'why we ask'."""
    at = open_page("/")
    assert at.title[0].value == "Nutzt Meta meine Daten für KI?"
    assert at.number_input(key="age").label == "Wie alt sind Sie?"
    assert any(c.value.startswith("Warum wir fragen") for c in at.caption)
    assert at.button(key="submit").label == "Ergebnis anzeigen"


def test_english_via_link(open_page):
    """?lang=en gives English throughout."""
    at = open_page("/", "lang=en")
    assert at.title[0].value == "Does Meta use my data for AI?"
    assert at.pills(key="svc").label == "Which Meta services do you use?"


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
        at.number_input(key="age").set_value(answers["age"]).run()
    if "svc" in answers:
        at.pills(key="svc").set_value(answers["svc"]).run()
    keys = widget_keys(at)
    assert shown <= keys
    assert not hidden & keys


def test_objection_date_only_when_chosen(open_page):
    """The date field appears for 'yes, on this day', not for 'not yet' or 'by 26 May 2025'."""
    at = open_page("/", "svc=fb")
    assert "obj_fb_date" not in widget_keys(at)
    at.radio(key="obj_fb_choice").set_value(ObjectionChoice.ON_DATE).run()
    assert "obj_fb_date" in widget_keys(at)


def test_prefilled_from_link(open_page):
    """Opening the questionnaire with a link's answers shows them, so 'change my answers' works."""
    at = open_page(
        "/",
        "v=1&lang=en&age=16&bd=wrong&svc=fb,ig,wa&pub=ig&ai=wa&linked=1&obj_ig=2025-07-01&obj_fb=2025-05-26",
    )
    assert at.number_input(key="age").value == 16
    assert at.radio(key="bd").value == "wrong"
    assert at.pills(key="svc").value == ["fb", "ig", "wa"]
    assert at.pills(key="pub").value == ["ig"]
    assert at.pills(key="ai").value == ["wa"]
    assert at.radio(key="linked").value == "yes"
    assert at.radio(key="obj_fb_choice").value == ObjectionChoice.BY_DEADLINE
    assert at.radio(key="obj_ig_choice").value == ObjectionChoice.ON_DATE
    assert at.date_input(key="obj_ig_date").value == date(2025, 7, 1)


def test_prefill_ignores_bad_values(open_page):
    """A questionnaire link with bad values opens with the good ones and no error."""
    at = open_page("/", "age=<b>&svc=fb,zz")
    assert at.number_input(key="age").value is None
    assert at.pills(key="svc").value == ["fb"]


PERSONS = [
    # (what is clicked, the link the result gets, the statuses it shows)
    (
        dict(
            age=34, svc=["fb", "ig", "wa"], pub=["ig"], ai=["wa"], linked="no", obj={"ig": date(2025, 7, 1)}
        ),
        {"fb": "In use", "ig": "Partly protected", "wa": "In use"},
    ),
    (
        dict(age=29, svc=["fb", "ig"], linked="yes", obj={"fb": "by_deadline"}),
        {"fb": "Protected", "ig": "Protected"},
    ),
    (dict(age=15, svc=["ig"], bd="ok"), {"ig": "Not affected"}),
    (dict(age=15, svc=["ig"], bd="wrong", pub=["ig"]), {"ig": "In use"}),
    (dict(age=50, svc=["ms", "app"], ai=["ms"]), {"ms": "In use", "app": "Not affected"}),
]


@pytest.mark.parametrize(("person", "expected"), PERSONS)
def test_full_flow(open_page, person, expected):
    """Answer the questions, submit, and land on the result with the right statuses and a v1 link."""
    at = open_page("/", "lang=en")
    at.number_input(key="age").set_value(person["age"]).run()
    if "bd" in person:
        at.radio(key="bd").set_value(person["bd"]).run()
    at.pills(key="svc").set_value(person["svc"]).run()
    for key in ("pub", "ai"):
        if key in person:
            at.pills(key=key).set_value(person[key]).run()
    if "linked" in person:
        at.radio(key="linked").set_value(person["linked"]).run()
    for service, when in person.get("obj", {}).items():
        if when == "by_deadline":
            at.radio(key=f"obj_{service}_choice").set_value(ObjectionChoice.BY_DEADLINE).run()
        else:
            at.radio(key=f"obj_{service}_choice").set_value(ObjectionChoice.ON_DATE).run()
            at.date_input(key=f"obj_{service}_date").set_value(when).run()
    at.button(key="submit").click().run()
    assert not at.exception
    assert at.query_params["v"] in ("1.1", ["1.1"])  # encode writes format v1.1
    assert statuses(at, expected) == expected
