"""The verdict in words: what the result page and the export say beyond the status."""

from datetime import date

import pytest

from kicheck.link import decode_query
from kicheck.present import consequence_lines, result_view
from kicheck.texts import Texts
from kicheck.verdict import decide
from tests.conftest import TODAY


def view(query: str, kb, today: date = TODAY):
    answers = decode_query(query, today).answers
    return result_view(decide(answers, kb, today), Texts(kb, answers.lang))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # a link made on another day says which age it judges today
        ("lang=en&age=17&svc=fb&d=2025-10-29", "This link was made on 29 October 2025; you were 17 then. Today you are 18 or 19"),
        ("lang=de&age=17&svc=fb&d=2025-10-29", "damals waren Sie 17. Heute sind Sie 18 oder 19"),
        # a birthday that may still be ahead is not "you turned 18"
        ("lang=en&age=17&svc=fb&d=2026-05-29", "Your 18th birthday falls on a day between 30 May 2026 and 29 May 2027 – it may still be ahead"),
        # the birthday's whole range, not "you turned 18 around the start" (wrong for most of them)
        ("lang=en&age=19&svc=fb", "Your 18th birthday falls between 30 November 2024 and 29 November 2025."),
    ],
)  # fmt: skip
def test_notes_say_how_the_age_is_judged(query, expected, kb):
    """The notes name the age judged today and whether the 18th birthday may still be ahead."""
    assert any(expected in note for note in view(query, kb).notes)


@pytest.mark.parametrize("query", ["lang=en&age=17&svc=fb&d=2026-11-29", "lang=en&age=17&svc=fb"])
def test_no_age_note_for_a_link_made_today(query, kb):
    """A link made today (or without a day) needs no word on the age."""
    assert not any("This link was made" in note for note in view(query, kb).notes)


@pytest.mark.parametrize(
    ("query", "summary_key", "window_keys"),
    [
        # a minor whose only Meta AI chats are on a chat-only service: Unclear, and the summary says the chats
        # are unclear, never "not affected" or "protected" (R4)
        ("age=16&svc=wa&ai=wa", "summary.minor_ai_chats", {"wa": "window.minor_chats_only"}),
        ("age=15&svc=ms,app&ai=ms", "summary.minor_ai_chats", {"ms": "window.minor_chats_only", "app": "window.none"}),
        # chats on a service with public content: Not affected for that content, the chats unclear
        ("age=15&svc=ig&ai=ig", "summary.minor_ai_chats", {"ig": "window.minor_ai_chats"}),
        # no chats with Meta AI: simply not affected
        ("age=15&svc=ig,wa", "summary.not_affected", {"ig": "window.none", "wa": "window.none"}),
    ],
)  # fmt: skip
def test_summary_and_card_for_a_minors_chats(query, summary_key, window_keys, kb):
    """The summary and each card's line say what is known: a minor's Meta AI chats are unclear (F28, R4)."""
    t = Texts(kb, "en")
    shown = view(f"lang=en&{query}", kb)
    assert shown.summary == t(summary_key)
    windows = {card.code: card.window_text for card in shown.cards}
    assert {code: windows[code] for code in window_keys} == {
        code: t(key) for code, key in window_keys.items()
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # WhatsApp's Meta AI chats: whether they are used at all is unclear (F18): an assumption, said so
        ("lang=en&age=34&svc=wa&ai=wa", "On WhatsApp it is open whether Meta uses your data. To be on the safe side, we assume it does."),
        ("age=34&svc=fb,ig", "Bei Facebook und Instagram nutzt Meta Ihre Daten für KI-Training."),
        # In use, assumed and Partly protected at once: each is said, with its services
        ("lang=en&age=34&svc=fb,ig,wa&ai=wa&obj_fb=2025-07-01",
         "On Instagram, Meta uses your data for AI training. "
         "On WhatsApp it is open whether Meta uses your data. To be on the safe side, we assume it does. "
         "On Facebook your objection came after training started."),
        ("age=34&svc=fb,ig&obj_fb=2025-07-01&obj_ig=2025-08-01",
         "Bei Facebook und Instagram kam Ihr Widerspruch erst nach dem Start des Trainings."),
        # Threads (F3), a person who may still be 17 (F10), an objection perhaps before 18 (R4): assumptions
        ("age=30&svc=th", "Bei Threads ist offen, ob Meta Ihre Daten nutzt"),
        ("age=16&svc=fb&d=2025-09-01", "Bei Facebook ist offen, ob Meta Ihre Daten nutzt"),
        ("age=17&bd=wrong&svc=fb", "Bei Facebook ist offen, ob Meta Ihre Daten nutzt"),
        ("age=18&svc=ig&obj_ig=2025-07-01", "Bei Instagram ist offen, ob Meta Ihre Daten nutzt"),
        ("lang=en&age=34&svc=fb&obj_fb=2025-05-01", "You are protected."),
        ("lang=en&svc=none", "You have no Meta account"),
    ],
)  # fmt: skip
def test_summary_names_the_services_and_says_every_status_that_occurs(query, expected, kb):
    """The top sentence names the services ("On Instagram and WhatsApp"), and a late objection is not hidden
    behind another service that is in use."""
    assert view(query, kb).summary.startswith(expected)


@pytest.mark.parametrize(
    ("query", "headline"),
    [
        ("lang=en&age=34&svc=fb,ig,wa&ai=wa&obj_fb=2025-07-01", "On Instagram, Meta uses your data for AI training."),
        ("age=34&svc=fb,ig&obj_fb=2025-07-01&obj_ig=2025-08-01",
         "Bei Facebook und Instagram kam Ihr Widerspruch erst nach dem Start des Trainings."),
        ("age=17&svc=fb&d=2026-05-29", None),  # "unter 18 sind." and "18. Geburtstag" do not end the headline early
        ("svc=none", "Sie haben kein Konto bei Meta."),
    ],
)  # fmt: skip
def test_headline_is_the_summary_first_sentence_and_the_rest_follows(query, headline, kb):
    """The page's heading is the summary's first sentence; the rest stands right under it: nothing is lost."""
    v = view(query, kb)
    if headline is not None:
        assert v.headline == headline
    assert " ".join(p for p in (v.headline, v.headline_rest) if p) == v.summary


@pytest.mark.parametrize(
    ("query", "said"),
    [
        # a mangled objection date: Facebook is judged without it, and the notice says so
        ("lang=en&age=34&svc=fb&obj_fb=%3Cb%3Ex%3C%2Fb%3E", ["Facebook is therefore judged as if you had not objected"]),
        ("lang=en&age=34&svc=fb,ig&obj_ig=2025-02-30&obj_fb=2025-03-01", ["Instagram is therefore judged"]),
        # the other service's date still counts with linked accounts: nothing is judged "without" it
        ("lang=en&age=34&svc=fb,ig&linked=1&obj_ig=2025-02-30&obj_fb=2025-03-01", []),
        # a Meta AI answer that could not be read: judged as no chats there
        ("lang=en&age=34&svc=wa&ai=whatsapp", ["we assume you do not write to Meta AI there"]),
        # repairs and values about services not named change nothing, so no consequence is claimed
        ("lang=en&age=34&svc=fb&AI=fb", []),
        ("lang=en&age=34&svc=fb&ai=wa", []),
        # an objection date for a service not named is not counted, and the notice says what that
        # means: nothing here, or "judged as if not objected" for a service that follows it (Messenger)
        # (with linked accounts an Instagram objection would have covered Facebook: "might have covered")
        ("lang=en&age=34&svc=fb&ai=wa&obj_ig=2025-03-01", ["Your objection on Instagram is therefore not counted. It might have covered Facebook"]),
        ("lang=en&age=34&svc=wa&ai=wa&obj_ig=2025-03-01", ["Your objection on Instagram is therefore not counted. This changes nothing"]),
        ("lang=en&age=34&svc=ms&ai=ms&obj_fb=2025-03-01", ["Your objection on Facebook is therefore not counted. It might have covered Messenger"]),
        ("lang=en&age=34&svc=fb&obj_fb=2025-03-01", []),
    ],
)  # fmt: skip
def test_the_notice_says_what_a_dropped_value_means(query, said, kb):
    """A dropped objection date or Meta AI answer is not silent: the notice says how the result judges it."""
    decoded = decode_query(query, TODAY)
    lines = consequence_lines(decoded, Texts(kb, "en"))
    assert len(lines) == len(said)
    for line, words in zip(lines, said, strict=True):
        assert line.startswith(words) or words in line
