"""What the app says, read against ../shared/FACTS.md: wording that once said more than the sources, or read
badly in German, stays out. One row per finding of the truth review (29 Nov 2026); each row can fail."""

from datetime import date

import pytest

from kicheck.answers import decode_query
from kicheck.outputs import build_result


def all_texts(kb, lang):
    """Every sentence the app can show in one language: the UI texts and the content files."""
    out = list(kb.texts[lang].values())
    for fact in kb.facts.values():
        out += [fact.topic(lang), fact.text(lang)]
        out += [part(lang) for claim in fact.claims for part in (claim.who, claim.says)]
    for action in kb.actions.values():
        out += [action.title(lang), action.why(lang)]
    for form in kb.forms.values():
        out += [form.title(lang), form.requires(lang)]
    for category in kb.categories.values():
        out += [category.title(lang), category.examples(lang)]
    out += [event.title(lang) for event in kb.events]
    out.append(kb.meta.proceedings.text(lang))  # the courts line, on every result and the timeline page
    return out


BANNED = [
    # R1: a late objection is never "protected since"; the UI's "protected since" is for timely ones only
    ("de", "seitdem geschützt"),
    ("en", "protected ever since"),
    # R3: WhatsApp has no AI-specific form, but a general route: never "no form at all"
    ("de", "whatsapp hat kein widerspruchsformular"),
    ("en", "whatsapp has no objection form"),
    # R5: "Lives" is in no source
    ("de", "Lives"),
    ("en", "Lives"),
    # issue 9: German wording
    ("de", "daten ihrer widersprüche"),
    ("de", "personen über 18"),
    ("de", "wie ein erwachsener"),
    ("de", "meta ai schreiben?"),
    # the questionnaire's "before the start, day unknown" is before 27 May, not "by 26 May"
    ("de", "bis zum 26. mai 2025 (tag unbekannt)"),
    ("en", "by 26 may 2025 (day unknown)"),
    # German dates in prose take the article: "seit dem 27. Mai", "vom 27. Mai bis"
    ("de", "genutzt seit {start}"),
    ("de", "genutzt von {start}"),
    # audit 29 Nov 2026 (truth-audit.md), finding 9, F21: "your data" is not protected, only your own content
    ("de", "meta nutzt ihre daten nach ihren angaben nicht"),
    ("de", "ihre daten derzeit nicht für ki-training"),
    ("de", "werden ihre daten derzeit nicht für metas ki-training genutzt"),
    ("en", "meta does not use your data for ai training"),
    ("en", "your data is not used for meta's ai training"),
    # finding 10, F8: private chats are not used, unless someone in the chat shares them with Meta AI
    ("de", "private chats nicht."),
    ("en", "private chats are not."),
    ("de", "was sie nicht schreiben, kann nicht genutzt werden"),
    ("en", "what you do not write cannot be used"),
    # finding 13: German "darf/dürfen" reads as "is lawful"; only the disputed F16 sentences keep "darf womöglich"
    ("de", "darf genutzt werden"),
    ("de", "dürfen erst ab"),
    ("de", "genutzt werden durften"),
    ("de", "genutzt werden dürfen"),
    # finding 14, F23: making private or deleting keeps out only what has not been used yet
    ("de", "kann in späterem training nicht mehr verwendet werden"),
    ("en", "cannot be used in later training"),
    # finding 16: "nothing to do" is shown to adults, who have no 18th birthday ahead
    ("de", "oder ihr 18. geburtstag"),
    ("en", "or your 18th birthday"),
    # finding 18, F17/R3: WhatsApp has no AI objection form, but a general GDPR route: never "no way to object"
    ("de", "keine widerspruchsmöglichkeit"),
    ("en", "no way to object"),
    # finding 19, R3: deleting the chat removes it from the phone; nothing says it "only" does
    ("de", "entfernt ihn nur von ihrem telefon"),
    ("en", "only removes it from your phone"),
    # finding 20: the Cologne court said a main case may follow; none is "announced"; SOMI's action runs
    ("de", "hauptsacheverfahren sind angekündigt"),
    ("en", "main proceedings have been announced"),
]


@pytest.mark.parametrize(("lang", "words"), BANNED, ids=[f"{lang}:{w}" for lang, w in BANNED])
def test_never_says(kb, lang, words):
    """Lower-case words match any case; words with a capital letter match exactly ("Lives", not "lives")."""
    exact = words != words.lower()
    hits = [text for text in all_texts(kb, lang) if words in (text if exact else text.lower())]
    assert hits == []


REQUIRED = [
    ("de", "answer.objection_by_deadline", "vor dem 27. Mai 2025 (Tag unbekannt)"),
    ("en", "answer.objection_by_deadline", "before 27 May 2025 (day unknown)"),
    # the summary of a late objection: "since your objection", not "since then" right after "training started"
    ("de", "summary.partly", "seit Ihrem Widerspruch"),
    ("en", "summary.partly", "since your objection"),
    # what the link holds: the day it was made and the knowledge version too
    ("de", "sources.link_text", "(d, "),
    ("en", "sources.link_text", "(k, "),
    # finding 9, F21: own content only; an objection does not cover what others post
    ("de", "summary.protected", "Ihre eigenen Inhalte"),
    ("en", "summary.protected", "your own content"),
    ("de", "summary.protected", "Was andere öffentlich über Sie posten"),
    ("en", "summary.protected", "What others post about you publicly"),
    ("de", "summary.not_affected", "Ihre eigenen Inhalte"),
    ("en", "summary.not_affected", "your own content"),
    ("de", "summary.not_affected", "was andere öffentlich über Sie posten"),
    ("en", "summary.not_affected", "what others post about you publicly"),
    # finding 10, F8 (and F19: Advanced Chat Privacy)
    ("de", "reason.no_ai_chats", "außer jemand im Chat teilt sie mit Meta AI"),
    ("en", "reason.no_ai_chats", "unless someone in the chat shares them with Meta AI"),
    ("de", "reason.no_ai_chats", "Erweiterte Chat-Datenschutz"),
    ("en", "reason.no_ai_chats", "Advanced Chat Privacy"),
    # finding 11, F13/R7: linked accounts share an objection only under the same e-mail address
    ("de", "reason.linked_via", "dieselbe E-Mail-Adresse"),
    ("en", "reason.linked_via", "the same e-mail address"),
    # finding 13: the chart's period says "can", not "may lawfully"
    ("de", "period.may_be_used", "kann genutzt werden"),
    ("de", "note.birthday_range", "nach eigenen Angaben"),
    ("en", "note.birthday_range", "Meta says"),
]


@pytest.mark.parametrize(("lang", "key", "words"), REQUIRED, ids=[f"{lang}:{k}" for lang, k, _ in REQUIRED])
def test_says(kb, lang, key, words):
    assert words in kb.texts[lang][key]


ACTION_SAYS = [
    # finding 9, F21: own content only
    ("nothing_to_do", "de", "Ihre eigenen Inhalte"),
    ("nothing_to_do", "en", "your own content"),
    # finding 16: come back for a new service or a new e-mail address (R7); it is shown to adults too
    ("nothing_to_do", "de", "neue E-Mail-Adresse"),
    ("nothing_to_do", "en", "new e-mail address"),
    # finding 10, F8
    ("stop_meta_ai", "de", "außer jemand im Chat teilt sie mit Meta AI"),
    ("stop_meta_ai", "en", "unless someone in the chat shares them with Meta AI"),
    # finding 11, F13
    ("object_linked", "de", "dieselbe E-Mail-Adresse"),
    ("object_linked", "en", "the same e-mail address"),
    # finding 14, F23
    ("hide_or_delete_earlier", "de", "soweit es noch nicht genutzt wurde"),
    ("hide_or_delete_earlier", "en", "as far as it has not been used yet"),
    # finding 15, F22: the third-party form is for data from the internet and licensed sources (issue 16: the
    # form has an action of its own, after what helps most)
    ("third_party_form", "de", "Daten aus dem Internet und aus lizenzierten Quellen"),
    ("third_party_form", "en", "data from the internet and licensed sources"),
    # finding 19, R3: whether deleting the chat deletes it at Meta is not stated
    ("wa_delete_chats", "de", "ob er damit auch bei Meta gelöscht wird, ist nicht gesagt"),
    ("wa_delete_chats", "en", "whether that also deletes it at Meta is not stated"),
]


@pytest.mark.parametrize(
    ("action", "lang", "words"), ACTION_SAYS, ids=[f"{a}:{lang}" for a, lang, _ in ACTION_SAYS]
)
def test_action_says(kb, action, lang, words):
    assert words in kb.actions[action].why(lang)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        # issue 16, R14: SOMI's action is SOMI's statement (no court, case number or register entry found)
        ("de", "Die Stiftung SOMI sagt, sie habe im Februar 2026"),
        ("en", "The SOMI foundation says it started"),
        # R14: Schleswig rejected the urgent application because it came too late; Amsterdam stayed the claims
        ("de", "der in Schleswig, weil er zu spät kam"),
        ("en", "the one in Schleswig because it came too late"),
        ("de", "Amsterdam"),
        ("en", "Amsterdam"),
    ],
)
def test_proceedings_line_names_the_running_action(kb, lang, words):
    """Finding 20: the courts line says what is known (SOMI's damages action, reported), not "announced"."""
    assert words in kb.meta.proceedings.text(lang)


def test_meta_ai_chats_may_be_used_not_are_used(kb):
    """The stop_meta_ai action is shown to minors too, whose chats are unclear (F28): "may be used"."""
    why = kb.actions["stop_meta_ai"].why
    assert "kann" in why.de and "wird genutzt" not in why.de
    assert "may be used" in why.en and " is used" not in why.en


INSTAGRAM_PATH = "Einstellungen → Info → Datenschutzrichtlinie"


@pytest.mark.parametrize(
    ("link", "shows_path"),
    [
        ("v=1&lang=de&age=34&svc=fb&pub=fb", False),  # Facebook only: Instagram's path does not apply (R7)
        ("v=1&lang=de&age=34&svc=ig&pub=ig", True),
        ("v=1&lang=de&age=16&svc=ig", True),  # a minor is asked to object too: the form note goes along
        ("v=1&lang=de&age=34&svc=fb,ig&linked=1", True),
    ],
)
def test_instagram_path_only_where_instagram_form_is_offered(kb, today, link, shows_path):
    """R7: the practical tips travel with the form they are about, so they show wherever it is offered."""
    answers = decode_query(link, today).answers
    markdown = build_result(answers, kb, today, "https://check.example/result").markdown
    assert (INSTAGRAM_PATH in markdown) == shows_path
    assert ("ob es um KI bei Meta geht (Ja)" in markdown) is True


def test_action_links_speak_the_pages_language(kb):
    """A German result names every linked page in German, even when the page itself is English (the EDPB FAQ)."""
    answers = decode_query("v=1&lang=de&age=34&svc=fb", date(2026, 11, 29)).answers
    view = build_result(answers, kb, date(2026, 11, 29), "https://x/result").view
    titles = [link.title for action in view.actions for link in action.links]
    assert any("Europäischer Datenschutzausschuss" in title for title in titles)
    assert not [title for title in titles if "Frequently Asked" in title or "objection form" in title]
