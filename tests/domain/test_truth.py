"""What the app says, read against ../shared/FACTS.md: wording that once said more than the sources, or read
badly in German, stays out. One row per finding of the truth review (29 Nov 2026); each row can fail."""

from datetime import date

import pytest

from kicheck.link import decode_query
from kicheck.outputs import build_result


def all_texts(kb, lang):
    """Every sentence the app can show in one language: the UI texts and the content files."""
    out = list(kb.texts[lang].values())
    for fact in kb.facts.values():
        out += [fact.topic(lang), fact.text(lang)]
        out += [part(lang) for claim in fact.claims for part in (claim.who, claim.says)]
    for action in kb.actions.values():
        out += [action.title(lang), action.why(lang)] + ([action.details(lang)] if action.details else [])
        out += [text(lang) for text in action.words(for_child=True)]  # a parent's words (issue 17)
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
    ("de", "note.birthday_range", "Meta sagt"),
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
    ("hide_or_delete_earlier", "de", "wenn es noch nicht genutzt wurde"),
    ("hide_or_delete_earlier", "en", "as far as it has not been used yet"),
    # finding 15, F22: the third-party form is for data from the internet and licensed sources (issue 16: the
    # form has an action of its own, after what helps most)
    ("third_party_form", "de", "Daten aus dem Internet und aus Quellen, für die Meta eine Lizenz hat"),
    ("third_party_form", "en", "data from the internet and licensed sources"),
    # finding 19, R3: whether deleting the chat deletes it at Meta is not stated
    ("wa_delete_chats", "de", "Ob er damit auch bei Meta gelöscht wird, ist nicht gesagt"),
    ("wa_delete_chats", "en", "Whether that also deletes it at Meta is not stated"),
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


# ---------------------------------------------------------------------------------------------- issue 16
# Knowledge v3 (FACTS.md R9-R16) and "no hopeful guess shown as a fact". Every row failed on the code before.

BANNED_V3 = [
    # R9: nothing may suggest that the GDPR changed or that the objection works differently
    ("de", "die dsgvo wurde geändert"),
    ("en", "the gdpr was amended"),
    ("de", "stand juni 2026: weiter ein entwurf"),  # the omnibus line now says "a proposal, not a law"
    # R11: "Meta decides by the profile" is no flat fact any more
    ("de", "meta richtet sich nach dem"),
    ("en", "meta goes by the"),
    # R12: the under-18 exclusion is about public content
    ("de", "meta nutzt nur daten aus konten von personen ab 18"),
    ("en", "meta only uses data from accounts of people aged 18"),
    ("de", "nur konten von personen ab 18 jahren sind einbezogen"),
    ("en", "only accounts of people aged 18 or older are included"),
    # R13: Messenger and the app through a Facebook/Instagram objection is a reading, not Meta's own account
    ("de", "nach metas eigenen angaben hier mit"),
    ("en", "by meta's own account"),
    # R14: SOMI's action is SOMI's statement
    ("de", "seit februar 2026 läuft eine sammelklage"),
    ("en", "collective action for damages in germany has been running"),
    # issue 16: "assumed to be safe" says the opposite of "zur Sicherheit angenommen"
    ("en", "assumed to be safe"),
]


@pytest.mark.parametrize(("lang", "words"), BANNED_V3, ids=[f"{lang}:{w}" for lang, w in BANNED_V3])
def test_v3_never_says(kb, lang, words):
    hits = [text for text in all_texts(kb, lang) if words in text.lower()]
    assert hits == []


@pytest.mark.parametrize(
    ("fact", "lang", "words"),
    [
        # R9: two different laws; the AI-Act omnibus does not touch the GDPR, the GDPR one is a proposal
        ("F30", "de", "ändert die DSGVO nicht"),
        ("F30", "en", "does not amend the GDPR"),
        ("F30", "de", "weiter nur ein Vorschlag"),
        ("F30", "en", "still only a proposal"),
        ("F30", "de", "wirkt ein Widerspruch nach Art. 21 DSGVO genau wie bisher"),
        ("F30", "en", "works exactly as before"),
        # R10: the AI Act gives no opt-out
        ("F31", "de", "Einen eigenen Widerspruch für Einzelne gibt die KI-Verordnung nicht"),
        ("F31", "en", "gives individuals no opt-out"),
        # R11: Meta's age estimation named, its effect on AI training unclear
        ("F11", "de", "schätzt Meta auf Instagram in der ganzen EU das Alter"),
        ("F11", "en", "Meta estimates ages on Instagram across the EU"),
        ("F11", "de", "Ob Meta dann die Daten nicht für KI-Training nutzt, sagt keine Quelle"),
        ("F11", "en", "No source says whether that keeps their data out of AI training"),
        # R12
        ("F10", "de", "Öffentliche Inhalte nutzt Meta nur"),
        ("F10", "en", "Meta uses public content only"),
        # R13
        ("F20", "de", "ist eine Lesart dieses Wortlauts"),
        ("F20", "en", "is a reading of this wording"),
        # R15: two form ids, the in-app path gets there either way
        ("F12", "de", "6359191084165019"),
        ("F12", "en", "the path in the app leads to the form either way"),
    ],
)
def test_v3_facts_say(kb, fact, lang, words):
    assert words in kb.facts[fact].text(lang)


@pytest.mark.parametrize(
    ("day", "lang", "words"),
    [
        ("2025-07-18", "en", "Code of Practice"),  # R10
        ("2025-08-12", "de", "weil er zu spät kam"),  # R14
        ("2025-08-12", "en", "a party's claim"),
        ("2025-10-01", "de", "auch für die Schweiz"),  # R16
        ("2025-10-15", "en", "Amsterdam court stays"),  # R14
        ("2026-01-23", "de", "KI-Figuren"),  # R16
        ("2026-02-23", "de", "SOMI sagt, sie habe"),  # R14
        ("2026-02-23", "en", "SOMI says it has started"),
        ("2026-04-29", "en", "preliminary finding"),  # R11
        ("2026-05-05", "de", "sagt keine Quelle"),  # R11
        ("2026-07-27", "de", "ändert die DSGVO nicht"),  # R9
        ("2026-08-02", "en", "gives individuals no opt-out"),  # R10
        ("2026-10-07", "en", "an objection works as before"),  # R9
    ],
)
def test_v3_chronology_carries_the_new_events(kb, day, lang, words):
    """The chronology has the v3 events, each with a confidence and sources (the model requires both)."""
    events = [e for e in kb.events if e.date.isoformat() == day]
    assert events and any(words in e.title(lang) for e in events)
    assert all(e.confidence in ("confirmed", "reported", "unclear") for e in events)


def markdown_for(link, today=date(2026, 11, 29)):
    from kicheck.knowledge import default

    answers = decode_query(link, today).answers
    return build_result(answers, default(), today, "https://check.example/result")


RESULT_ROWS = [
    # --- section 2: a green status that rests on an unconfirmed link says so on the card and on top (R7)
    (
        "lang=de&age=34&svc=fb,ig&linked=1&obj_fb=2025-05-01",
        ["### Instagram: Geschützt (nicht sicher)", "dieselbe E-Mail-Adresse", "das kostet nichts",
         "Auch hier widersprechen, dann ist es sicher: Instagram"],
        ["**Sie sind geschützt", "### Instagram: Geschützt\n"],
    ),
    (
        "lang=en&age=34&svc=fb,ig&linked=1&obj_fb=2025-05-01",
        ["### Instagram: Protected (not certain)", "same e-mail address", "it costs nothing",
         "Object here too, to be certain: Instagram"],
        ["**You are protected", "### Instagram: Protected\n"],
    ),
    # Threads through Instagram (F3, low)
    (
        "lang=de&age=34&svc=ig,th&obj_ig=2025-05-01",
        ["### Threads: Geschützt (nicht sicher)", "Bei Threads hängt der Schutz an Ihrem Widerspruch bei Instagram"],
        ["**Sie sind geschützt:"],
    ),
    (
        "lang=en&age=34&svc=ig,th&obj_ig=2025-05-01",
        ["### Threads: Protected (not certain)", "On Threads the protection rests on your objection on Instagram"],
        ["**You are protected:"],
    ),
    # Messenger and the Meta AI app through a Facebook objection (R13)
    (
        "lang=de&age=41&svc=fb,ms,app&ai=ms,app&obj_fb=2025-05-01",
        ["### Messenger: Geschützt (nicht sicher)", "### Meta AI App: Geschützt (nicht sicher)",
         "nur eine Lesart von Metas Text", "Schreiben Sie Meta AI dort nichts Persönliches"],
        ["**Sie sind geschützt:", "nach Metas eigenen Angaben"],
    ),
    (
        "lang=en&age=41&svc=fb,ms,app&ai=ms,app&obj_fb=2025-05-01",
        ["### Messenger: Protected (not certain)", "only a reading of Meta's wording",
         "write nothing personal to Meta AI there"],
        ["**You are protected:", "By Meta's own account"],
    ),
    # a red badge that is only assumed carries the assumption in the badge's line
    ("lang=de&age=30&svc=th", ["### Threads: Wird genutzt (angenommen)"], ["### Threads: Wird genutzt\n"]),
    ("lang=en&age=30&svc=th", ["### Threads: In use (assumed)", "assumed, to be on the safe side"], ["assumed to be safe"]),
    # routes that need an account the person did not name: the login, and what is left without one
    (
        "lang=de&age=30&svc=app&ai=app",
        ["Dafür melden Sie sich bei Facebook oder Instagram an", "Ohne ein solches Konto bleibt nur"],
        [],
    ),
    (
        "lang=en&age=30&svc=app&ai=app",
        ["The forms need you to log in to Facebook or Instagram", "Without such an account, all that is left"],
        [],
    ),
    ("lang=de&age=30&svc=th&pub=th", ["Dafür melden Sie sich bei Instagram an", "Ohne Konto bei Instagram bleibt nur"], []),
    ("lang=en&age=30&svc=th&pub=th", ["The Instagram form needs you to log in", "Without an Instagram account"], []),
    # minors chatting with Meta AI in Messenger: a Facebook objection costs nothing and may cover the chats
    (
        "lang=de&age=15&svc=ms&ai=ms",
        ["Kostet nichts: auf Facebook oder Instagram widersprechen – gilt vielleicht auch für Ihre Chats in Messenger",
         "Widersprechen Sie darum an Ihrem 18. Geburtstag noch einmal"],
        [],
    ),
    (
        "lang=en&age=15&svc=ms&ai=ms",
        ["Costs nothing: object on Facebook or Instagram – it may cover your chats in Messenger too",
         "object once more on your 18th birthday"],
        [],
    ),
    # --- section 3: the WhatsApp general objection names its link and shows it
    # (under the action itself, not only in the sources list at the end)
    ("lang=de&age=30&svc=wa&ai=wa", ["   - [WhatsApp: Rechte betroffener Personen (Widerspruch)](https://www.whatsapp.com/contact/forms/382532939919295/)"], []),
    ("lang=en&age=30&svc=wa&ai=wa", ["   - [WhatsApp: data subject rights (objection)](https://www.whatsapp.com/contact/forms/382532939919295/)"], []),
    # no account: what helps most first, then the third-party form with its limits; no empty section
    (
        "lang=de&age=52&svc=none",
        ["1. **Was andere über Sie posten: zuerst die Menschen fragen**", "Markierungen",
         "2. **Wenn eine KI von Meta Ihre Daten zeigt"],
        ["## Ergebnis je Dienst"],
    ),
    (
        "lang=en&age=52&svc=none",
        ["1. **What others post about you: ask the people first**", "remove tags",
         "2. **If a Meta AI shows your personal data"],
        ["## Result per service"],
    ),
    # tips only for the services the person uses; F5's always-public items are not Threads'
    ("lang=de&age=30&svc=fb&pub=fb", ["Öffentliche Beiträge auf privat stellen"], ["Auf Instagram lässt sich nur"]),
    ("lang=en&age=30&svc=fb&pub=fb", ["Make public posts private"], ["On Instagram only the whole account"]),
    ("lang=de&age=30&svc=ig&pub=ig", ["Auf Instagram geht das nur für das ganze Konto"], []),
    ("lang=en&age=30&svc=th", ["Profile and activity on Threads"], ["Always-public items", "Even with a private account: name"]),
    ("lang=de&age=30&svc=th", ["Profil und was Sie auf Threads tun"], ["Was immer öffentlich ist", "Auch wenn Ihr Konto privat ist"]),
    # --- found in the 30-set read: an assumed "In use" has no flat "without an objection your data is used"
    ("lang=de&age=30&svc=th", ["- Ohne Widerspruch können Ihre Daten genutzt werden."], ["Ohne Widerspruch werden Ihre Daten genutzt."]),
    ("lang=en&age=30&svc=th", ["- Without an objection, your data may be used."], ["Without an objection, your data is used."]),
    # a condition after a window that is a full sentence starts a sentence of its own (no ". –")
    ("lang=de&age=45&svc=fb,ig&linked=1&obj_ig=2025-08-01", ["(umstritten). Das gilt aber nur, wenn Ihr Widerspruch bei Instagram"], [". –"]),
    ("lang=en&age=45&svc=fb,ig&linked=1&obj_ig=2025-08-01", ["(disputed). But only if your objection on Instagram"], [". –"]),
    # "kam vor Ihrem 18. Geburtstag oder vielleicht davor" said "before, or maybe before"
    ("lang=de&age=19&svc=ig&obj_ig=2025-06-01", ["Ihr Widerspruch kam vor Ihrem 18. Geburtstag, sicher oder vielleicht."], ["oder vielleicht davor"]),
    # --- second 30-set read (i16): "nothing to do: your own content is not used" under a green status that
    # rests on an unconfirmed route (R13, F3) said flatly what the card calls not certain. Offer the sure lever
    # instead: write nothing personal to Meta AI there, keep Threads posts private, or say what stays open.
    ("lang=de&age=60&svc=fb,ms&ai=ms&obj_fb=before-start", ["1. **Meta AI nichts Persönliches mehr schreiben: Messenger**"], ["Im Moment ist nichts zu tun", "werden Ihre eigenen Inhalte derzeit nicht"]),
    ("lang=en&age=60&svc=fb,ms&ai=ms&obj_fb=before-start", ["1. **Stop writing anything personal to Meta AI: Messenger**"], ["Nothing to do for now", "your own content is not used"]),
    ("lang=de&age=50&svc=ig,th&pub=ig,th&obj_ig=2025-05-10", ["1. **Öffentliche Beiträge auf privat stellen oder löschen: Threads**"], ["Im Moment ist nichts zu tun"]),
    ("lang=en&age=50&svc=ig,th&pub=ig,th&obj_ig=2025-05-10", ["1. **Make public posts private or delete them: Threads**"], ["Nothing to do for now"]),
    ("lang=de&age=50&svc=ig,th&pub=ig&obj_ig=2025-05-10", ["1. **Mehr können Sie im Moment nicht tun**", "Ob er auch für Threads gilt, ist unklar."], ["Im Moment ist nichts zu tun", "werden Ihre eigenen Inhalte derzeit nicht"]),
    ("lang=en&age=50&svc=ig,th&pub=ig&obj_ig=2025-05-10", ["1. **Nothing more you can do for now**", "Whether it covers Threads too is unclear."], ["Nothing to do for now", "your own content is not used"]),
    # accounts perhaps linked ("don't know"): Instagram is In use only because they count as not linked (the
    # safe side); a red badge that is only assumed says so on its line and on top, not only in the note
    ("lang=de&age=45&svc=fb,ig&linked=unknown&obj_fb=2025-05-20", ["### Instagram: Wird genutzt (angenommen)", "**Bei Instagram ist offen, ob Meta Ihre Daten nutzt"], ["### Instagram: Wird genutzt\n", "Bei Instagram nutzt Meta Ihre Daten"]),
    ("lang=en&age=45&svc=fb,ig&linked=unknown&obj_fb=2025-05-20", ["### Instagram: In use (assumed)", "**On Instagram it is open whether Meta uses your data"], ["### Instagram: In use\n", "On Instagram, Meta uses your data"]),
]  # fmt: skip


@pytest.mark.parametrize(("link", "says", "never"), RESULT_ROWS, ids=[row[0] for row in RESULT_ROWS])
def test_v3_result_says(link, says, never):
    """Issue 16: what a result says (the Markdown renders the page's view), in the link's language."""
    markdown = markdown_for(link).markdown
    for words in says:
        assert words in markdown
    for words in never:
        assert words not in markdown


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("de", "zwischen dem 11. Juni 2025 und dem 15. Juni 2025 lag. Das sind 5 von 365 Tagen"),
        ("en", "between 11 June 2025 and 15 June 2025. That is 5 of the 365 days"),
    ],
)
def test_v3_maybe_before_18_says_how_likely(lang, words):
    """The issue's example: an 18-year-old's link made on 15 Jun 2025, objection on 10 Jun 2025: before 18
    only if the birthday is 11-15 June. Not "you turned 18 around the start" (wrong for most of them)."""
    link = f"lang={lang}&age=18&svc=fb&obj_fb=2025-06-10&d=2025-06-15"
    markdown = markdown_for(link, date(2025, 6, 15)).markdown
    assert words in markdown
    assert "um ihn herum 18" not in markdown and "around the start" not in markdown


@pytest.mark.parametrize(
    ("link", "lang", "words"),
    [
        ("svc=wa&ai=wa&obj_fb=2025-05-01", "de", "Ihr Widerspruch bei Facebook zählt deshalb nicht mit. An diesem Ergebnis ändert das nichts"),
        ("svc=wa&ai=wa&obj_fb=2025-05-01", "en", "Your objection on Facebook is therefore not counted. This changes nothing"),
        ("svc=ms&ai=ms&obj_fb=2025-05-01", "de", "Für Messenger hätte er womöglich gegolten"),
        ("svc=ms&ai=ms&obj_fb=2025-05-01", "en", "It might have covered Messenger"),
        # 30-set read: with both Accounts Center services possible (linked=1 dropped too), a Facebook objection
        # might have covered Instagram and Threads through it: never "this changes nothing"
        ("svc=ig,th&linked=1&obj_fb=2025-05-01", "de", "Für Instagram und Threads hätte er womöglich gegolten"),
        ("svc=ig,th&linked=1&obj_fb=2025-05-01", "en", "It might have covered Instagram and Threads"),
    ],
)  # fmt: skip
def test_v3_unnamed_objection_says_what_dropping_it_means(kb, link, lang, words):
    from kicheck.present import problem_lines
    from kicheck.texts import Texts

    decoded = decode_query(f"v=1.1&lang={lang}&age=34&{link}", date(2026, 11, 29))
    assert any(words in line for line in problem_lines(decoded, Texts(kb, lang)))


def test_v3_messenger_minor_gets_the_turn_18_reminder(kb):
    """R2/R13: a minor chatting with Meta AI in Messenger is reminded to object at 18 (an .ics entry)."""
    assert markdown_for("lang=de&age=15&svc=ms&ai=ms").ics is not None


@pytest.mark.parametrize(
    ("lang", "words"), [("de", "Behörde Ihres Bundeslands"), ("en", "the authority of your Land")]
)
def test_v3_authority_picker_shows_the_note(kb, lang, words):
    """The BfDI's note (for Meta, the Land's authority is competent) goes with it in the picker."""
    from kicheck.authorities import authority_note, authority_options

    bfdi = next(o for o in authority_options(kb, lang) if o.id == "de")
    assert words in bfdi.note and authority_note(kb, "de", lang) == bfdi.note


@pytest.mark.parametrize(
    "link",
    [
        "svc=fb",
        "svc=fb,ig&linked=1",
        "svc=ms&ai=ms",
        "svc=app&ai=app",
        "age=16&svc=fb",
        "age=17&bd=wrong&svc=fb",
    ],
)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_v3_every_facebook_form_link_has_the_in_app_path(link, lang):
    """R15: two ids are in circulation; beside every link to the Facebook form stands the path in the app."""
    markdown = markdown_for(
        f"lang={lang}&age=34&{link}" if "age=" not in link else f"lang={lang}&{link}"
    ).markdown
    lines = [line for line in markdown.splitlines() if "facebook.com/help/contact/712876720715583" in line]
    assert lines
    for line in lines:  # the actions' links and the sources list alike
        assert "Einstellungen und Privatsphäre → Einstellungen → Datenschutzrichtlinie" in line
    stale = "wenn der Link nicht mehr stimmt" if lang == "de" else "even if the link has gone stale"
    assert all(stale in line for line in lines if line.startswith("   - ["))  # an action's form link
