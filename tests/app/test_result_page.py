"""The result page, rendered with AppTest from links: verdicts, actions, timeline, share link, downloads, notice."""

from __future__ import annotations

import html
import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from kicheck.knowledge import default
from kicheck.link import decode_query
from kicheck.present import ActionItem, Link, ServiceCard, UnclearPoint, status_label
from kicheck.texts import Texts
from kicheck.verdict import Status, decide
from tests.app.conftest import (
    SVG,
    _html_bodies,
    _walk,
    action_buttons,
    chart_svg,
    link_buttons,
    share_link,
    statuses,
    svg_texts,
    table_text,
    texts_in,
    timeline_table,
    why_texts,
)
from tests.conftest import TODAY, long_date
from tests.domain.test_scenarios import ALL as SCENARIOS
from ui.result_bundle import STATUS_BADGE, bundle
from ui.result_parts import PROSE_STYLE, action_html, service_reasons_html, table_html

LABELS = {
    "en": {
        "in_use": "In use",
        "partly": "Partly protected",
        "protected": "Protected",
        "not_affected": "Not affected",
        "unclear": "Unclear",
    },
    "de": {
        "in_use": "Wird genutzt",
        "partly": "Teilweise geschützt",
        "protected": "Geschützt",
        "not_affected": "Nicht betroffen",
        "unclear": "Unklar",
    },
}


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_each_scenario_shows_its_statuses_and_actions(open_page, scenario):
    """Every persona's link renders one card per service with the right label, and its actions in order."""
    at = open_page("/result", scenario.link)
    lang = "en" if "lang=en" in scenario.link else "de"
    shown_labels = statuses(at, scenario.statuses)
    # The badge names the status; an assumed "In use" or a protection resting on another account's objection
    # adds that in brackets on the badge itself, as the domain decides (present.status_label).
    verdict = decide(decode_query(scenario.link, scenario.today).answers, default(), scenario.today)
    texts = Texts(default(), lang)
    assert shown_labels == {
        code: status_label(verdict.service(code), verdict, texts) for code in scenario.statuses
    }
    for code, status in scenario.statuses.items():
        assert shown_labels[code].startswith(LABELS[lang][status])
    shown = [child.key for child in at.get_by_key("actions").children.values() if getattr(child, "key", None)]
    assert [k.removeprefix("action-") for k in shown if k.startswith("action-")] == scenario.actions


def test_summary_sentence_on_top(open_page):
    """The summary names the services still in use, and those with a late objection."""
    at = open_page("/result", "v=1&lang=en&age=34&svc=fb,ig,wa&pub=ig&ai=wa&obj_ig=2025-07-01")
    # The summary's first sentence is the heading (short on a phone); the rest stands right under it.
    assert at.header[0].value == "On Facebook, Meta uses your data for AI training."
    assert " ".join(texts_in(at, "summary")) == (
        "On WhatsApp it is open whether Meta uses your data. To be on the safe side, we assume it does. "
        "On Instagram your objection came after training started. What is added since your objection is kept out. "
        "Earlier content may still be used (disputed)."
    )
    at = open_page("/result", "v=1&lang=de&age=34&svc=fb&obj_fb=2025-01-01")
    assert at.header[0].value.startswith("Sie sind geschützt")


def test_card_shows_window_categories_and_unclear_points(open_page):
    """A card says status and when; the why section says what data, and which points are unclear, who says what."""
    at = open_page("/result", "v=1&lang=en&age=34&svc=ig&pub=ig&obj_ig=2025-07-01")
    card = " ".join(texts_in(at, "status-ig"))
    assert "Used from 27 May 2025 until your objection on 1 July 2025" in card
    assert "protected since" not in card.lower()  # a late objection never reads as "protected since" (R1)
    why = why_texts(at, "ig")
    assert "Public posts and media" in why and "Always-public items" in why
    assert "Unclear: Older posts after a late objection" in why
    assert "Verbraucherzentrale Schleswig-Holstein" in why and "Meta" in why


def test_always_public_items_are_said_once(open_page):
    """Categories shared by several services (the always-public items) stand once, not in every service."""
    at = open_page("/result", "v=1&lang=en&age=34&svc=fb,ig,th")
    assert "Always-public items" in why_texts(at, "shared")
    for code in ("fb", "ig", "th"):
        assert "Always-public items" not in why_texts(at, code)


def test_objection_buttons_come_right_after_the_verdict(open_page):
    """Someone who has not objected gets the objection forms as the first action, as primary buttons."""
    at = open_page("/result", "v=1&lang=de&age=34&svc=fb,ig")
    order = [child.key for child in at.main.children.values() if getattr(child, "key", None)]
    assert order.index("verdicts") + 1 == order.index("actions")
    assert [primary for _, _, primary in action_buttons(at, "action-object_service")] == [True] * 2


def test_age_range_is_said_aloud(open_page):
    """For a 19-year-old the window starts at a birthday known only as a range, and the page says so."""
    at = open_page("/result", "v=1&lang=en&age=19&svc=fb")
    assert "between 27 May 2025 and 29 November 2025" in " ".join(texts_in(at, "status-fb"))
    assert any("Your 18th birthday falls between" in c.value for c in at.caption)  # the range, said


def test_actions_have_real_links(open_page):
    """The objection form is a real link to Meta's official page, and it opens apart from the result (a new
    tab, as Streamlit's link buttons did), so the result stays where the person left it."""
    at = open_page("/result", "v=1&lang=en&age=34&svc=fb,ig,wa")
    assert ("Facebook: object to AI at Meta", "https://www.facebook.com/help/contact/712876720715583") in (
        link_buttons(at, "actions")
    )
    anchors = [a for body in _html_bodies(at, "actions") for a in re.findall(r"<a [^>]*>", body)]
    assert len(anchors) > 40  # the buttons and the authorities' list
    for anchor in anchors:
        assert 'target="_blank"' in anchor and 'rel="noopener noreferrer"' in anchor, anchor


def test_actions_present_when_nothing_to_do(open_page):
    """The actions container is there even when the only action is 'nothing to do'."""
    at = open_page("/result", "v=1&lang=en&age=34&svc=wa")
    assert "Nothing to do for now" in " ".join(texts_in(at, "actions"))


def test_timeline_chart_svg(open_page):
    """The timeline container holds one chart, drawn as SVG on the server: a lane per service, every colour and
    every line named in a legend, months in the page's language, an alt text, and no script."""
    at = open_page("/result", "v=1&lang=en&age=34&svc=fb,ig,wa&ai=wa&obj_ig=2025-07-01")
    svg = chart_svg(at)
    assert svg.get("alt").startswith("Timeline: On Facebook, Meta uses your data")
    assert not [el for el in svg.iter() if el.tag.rsplit("}", 1)[-1] in {"script", "foreignObject"}]
    # after a late objection, earlier and new content have a lane each (R1); the lanes then the time axis
    months, lanes = svg_texts(svg, "axis-label")
    assert lanes == ["Facebook", "Instagram: before", "Instagram: new", "WhatsApp"]
    assert "Jul 2025" in months
    assert svg_texts(svg, "legend") == [  # each legend: its entries, then its title
        ["Training starts", "Your objection (Instagram)", "Today", "Key dates"],
        ["may be used", "may still be used (disputed)", "kept out", "Periods"],
    ]
    bars = next(g for g in svg.iter(f"{SVG}g") if "layer_0_marks" in g.get("class", ""))
    assert len(list(bars.iter(f"{SVG}path"))) == 5  # one bar per period: fb, ig before and new, wa twice


def test_timeline_chart_in_german(open_page):
    """German page, German chart: lane names, legend and month names."""
    at = open_page("/result", "v=1&lang=de&age=34&svc=fb,ig&pub=ig&obj_ig=2025-07-01")
    svg = chart_svg(at)
    assert svg.get("alt").startswith("Zeitleiste")
    months, lanes = svg_texts(svg, "axis-label")
    assert lanes == ["Facebook", "Instagram: vorher", "Instagram: neu"]
    assert {"Juli 2025", "Jan. 2026"} <= set(months)
    assert [legend[-1] for legend in svg_texts(svg, "legend")] == ["Stichtage", "Zeiträume"]


def test_timeline_table_for_screen_readers(open_page):
    """Below the chart, the same facts as a table whose cells are text (a date range is no Markdown list).

    A plain HTML table (no st.table: its Arrow bundle weighed 726 KiB): every row of the domain's table, cell
    for cell, and nothing but the table's own tags."""
    at = open_page("/result", "v=1&lang=de&age=34&svc=fb&obj_fb=2025-07-01")
    assert not at.table and not at.dataframe
    table = timeline_table(at)
    assert table.header == ["Was", "Bedeutung", "Wann"]
    assert ["Facebook: vorher", "kann genutzt werden", "27. Mai 2025 – 1. Juli 2025"] in table.rows
    assert set(table.tags) == {"style", "table", "thead", "tbody", "tr", "th", "td"}
    expected = bundle(decode_query("v=1&lang=de&age=34&svc=fb&obj_fb=2025-07-01", TODAY).answers, TODAY, "x")
    assert table.rows == [[str(cell) for cell in row] for row in expected.table.itertuples(index=False)]


@pytest.mark.parametrize(
    "hostile", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "a & b </td>"]
)
def test_table_cells_are_text_never_markup(hostile):
    """Whatever a cell holds, the table shows it as text: it comes back unchanged and adds no tag."""
    frame = pd.DataFrame([[hostile, "x", "y"]], columns=["Was", "<b>Bedeutung</b>", "Wann"])
    table = table_text(table_html(frame))
    assert table.rows == [[hostile, "x", "y"]]
    assert table.header == ["Was", "<b>Bedeutung</b>", "Wann"]
    assert set(table.tags) == {"style", "table", "thead", "tbody", "tr", "th", "td"}


def test_share_link_is_canonical(open_page, kb):
    """The share container shows the full canonical link, whatever order the visitor's link had."""
    at = open_page("/result", "obj_ig=2025-07-01&svc=wa,ig,fb&ai=wa&pub=ig&age=34&lang=en")
    link = (
        "http://localhost:8501/result?v=1.1&lang=en&age=34&svc=fb,ig,wa&pub=ig&ai=wa&linked=0&obj_ig=2025-07-01"
        f"&d=2026-11-29&k={kb.meta.version}"  # the day the link is made here, and the knowledge it was judged with
    )
    assert share_link(at) == link
    body = next(el.proto.body for el in _walk(at.get_by_key("share")) if el.type == "html")
    assert f'readonly value="{html.escape(link)}"' in body  # the link itself, to select and copy by hand
    assert "data-share-link" in body  # the phone's share sheet, where there is one
    assert "Nothing else" in " ".join(texts_in(at, "share"))


def test_downloads_summary_page_and_calendar(open_page, downloads):
    """The summary (one HTML page a phone opens without an app, no script) and the .ics carry the result."""
    open_page("/result", "v=1&lang=en&age=16&svc=ig")
    mime, page = downloads["meta-ki-check-result.html"]
    assert mime.startswith("text/html")
    text = page.decode()
    assert '<html lang="en">' in text and 'Instagram: <span class="status">Not affected</span>' in text
    assert "<script" not in text and "src=" not in text  # self-contained: nothing runs, nothing is fetched
    mime, ics = downloads["meta-ai-check-reminder.ics"]
    assert mime.startswith("text/calendar")
    assert b"BEGIN:VEVENT" in ics and b"DTSTART;VALUE=DATE:20271130" in ics
    # Both made on a tap (Streamlit's deferred download): no file is stored, none fetched while the page loads.
    assert downloads.deferred == {"meta-ki-check-result.html", "meta-ai-check-reminder.ics"}


def test_no_calendar_when_no_reminder_fits(open_page, downloads):
    """Nothing to remind of: no .ics button, a line saying so."""
    at = open_page("/result", "v=1&lang=en&age=40&svc=wa")
    assert [b.key for b in at.download_button] == ["download-summary"]
    assert "needs no reminder" in " ".join(texts_in(at, "downloads"))


@pytest.mark.parametrize(
    ("query", "expected_lines"),
    [
        ("v=1&lang=en&age=abc&svc=fb", ["“age”: “abc” is not a whole number."]),
        (
            "v=1&lang=en&age=30&svc=fb,tiktok&obj_fb=2099-01-01",
            [
                "“svc”: “tiktok” is not a known value.",
                "“obj_fb”: “2099-01-01” is in the future.",
                # and what that means for the result, so the card's "In use" is not read as the app's error
                "Facebook is therefore judged as if you had not objected there. If you did, enter the day "
                "under “Change my answers”.",
            ],
        ),
        ("v=1&lang=de&age=30&svc=fb&pub=ig", ["„pub“: „ig“ gehört zu keinem Ihrer Dienste."]),
    ],
)
def test_bad_values_are_listed_in_a_notice(open_page, query, expected_lines):
    """Dropped values are listed in plain words in the link-notice container; the page still renders."""
    at = open_page("/result", query)
    lines = [
        el.value
        for el in at.get_by_key("link-notice").children.values()
        if getattr(el, "type", None) == "text"
    ]
    assert lines == expected_lines
    assert at.get_by_key("status-fb") is not None


@pytest.mark.parametrize(
    "value",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "![x](http://example.invalid/x.png)",
        "**bold**",
    ],
)
def test_markup_in_a_link_is_shown_as_text(open_page, value):
    """A crafted value is echoed only through st.text, never as Markdown or HTML."""
    at = open_page("/result", "v=1&lang=en&age=30&svc=" + value.replace("&", "%26"))
    notice = at.get_by_key("link-notice")
    texts = [el.value for el in notice.children.values() if getattr(el, "type", None) == "text"]
    assert any(value[:20] in t for t in texts)
    assert not any(value[:20] in m.value for m in at.markdown)


def test_no_notice_for_a_clean_link(open_page):
    """A valid link shows no notice."""
    at = open_page("/result", "v=1&lang=en&age=30&svc=fb")
    with pytest.raises(KeyError):
        at.get_by_key("link-notice")


def test_bare_result_asks_for_answers(open_page):
    """/result without answers (a fresh visitor) points to the questionnaire instead of guessing."""
    at = open_page("/result", "lang=en")
    assert "holds no answers" in at.info[0].value
    assert "Go to the check" in [p.proto.label for p in at.get_by_key("no-answers").page_link]


def test_change_answers_link_carries_the_answers(open_page):
    """'Change my answers' opens the questionnaire with the same parameters."""
    at = open_page("/result", "v=1&lang=en&age=30&svc=fb,ig&linked=1")
    link = next(p for p in at.page_link if p.proto.label == "Change my answers")
    assert link.proto.query_string == "v=1.1&lang=en&age=30&svc=fb%2Cig&linked=1"


def test_version_shown_on_every_result(open_page):
    """The knowledge version and review date are on the result."""
    at = open_page("/result", "v=1&lang=en&age=30&svc=fb")
    meta = default().meta
    line = f"Knowledge version {meta.version}, reviewed on {long_date(meta.reviewed_on, 'en')}"
    assert any(line in c.value for c in at.caption)


def test_link_without_lang_follows_the_visitors_language(open_page):
    """A link without lang= shown to a visitor who chose English is English throughout, verdicts included."""
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import APP

    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["lang"] = "en"
    at.query_params["age"] = "30"
    at.query_params["svc"] = "fb"
    at.switch_page("pages/result.py")
    at.run()
    assert statuses(at, ["fb"]) == {"fb": "In use"}
    assert at.header[0].value == "On Facebook, Meta uses your data for AI training."


def test_a_link_with_its_day_keeps_it_when_shared_on(open_page, kb):
    """A link that says when it was made is passed on unchanged: its age and its 'changes since' stay right."""
    at = open_page("/result", "v=1.1&lang=en&age=30&svc=fb&d=2026-01-10&k=2026.11-1")
    assert share_link(at).endswith("svc=fb&d=2026-01-10&k=2026.11-1")


def test_a_link_without_services_gives_no_verdict(open_page):
    """No svc at all: a notice and the way to the check, never the no-account verdict."""
    at = open_page("/result", "v=1&lang=en&age=30&obj_fb=2025-07-01")
    assert "names no services" in at.get_by_key("no-services").info[0].value
    assert not at.header  # no summary sentence
    link = next(p for p in at.page_link if p.proto.label == "Go to the check")
    assert "age=30" in link.proto.query_string


def test_changes_since_an_older_knowledge_version(open_page, kb):
    """A link made with an older knowledge version lists the changes since that touch the person's services."""
    older = [e.version for e in kb.changelog if e.version != kb.meta.version]
    if not older:
        pytest.skip("the changelog has one version only")
    at = open_page("/result", f"v=1.1&lang=en&age=30&svc=fb,ig&d=2026-06-01&k={older[0]}")
    shown = " ".join(texts_in(at, "changes"))
    assert "What changed since your link was made" in shown
    since = [e for e in kb.changelog if e.version != older[0] and ("fb" in e.services or "all" in e.services)]
    assert any(e.text("en")[:30] in shown for e in since)


def test_unknown_knowledge_version_is_said(open_page):
    """A v1 link does not say its knowledge version: the page says it cannot tell what changed."""
    at = open_page("/result", "v=1&lang=en&age=30&svc=fb")
    assert "The link you opened names no knowledge version" in " ".join(texts_in(at, "changes"))


def test_stale_knowledge_is_said_on_every_result(open_page, monkeypatch, kb):
    """More than 120 days after the review, the result says plainly how old the knowledge is."""
    from datetime import timedelta

    monkeypatch.setattr("ui.common.today", lambda: kb.meta.reviewed_on + timedelta(days=121))
    at = open_page("/result", "v=1&lang=en&age=30&svc=fb")
    assert any(w.value.startswith(f"As of {long_date(kb.meta.reviewed_on, 'en')}") for w in at.warning)
    monkeypatch.setattr("ui.common.today", lambda: kb.meta.reviewed_on + timedelta(days=120))
    assert not open_page("/result", "v=1&lang=en&age=30&svc=fb").warning


class AuthorityItems(HTMLParser):
    """The list's items as (region, link text, address, target, note) and the group headings, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[list[str]] = []
        self.groups: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "li":
            self.items.append(["", "", "", "", ""])
        elif tag == "a":
            self.items[-1][2:4] = [attrs["href"], attrs.get("target", "")]
        if tag in ("p", "strong", "a", "small"):
            self._in = tag
            if tag == "p":
                self.groups.append("")

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        field = {"strong": 0, "a": 1, "small": 4}.get(self._in or "")
        if self._in == "p":
            self.groups[-1] += data
        elif field is not None:
            self.items[-1][field] += data


def authority_list(at) -> AuthorityItems:
    """The complaint action's list of authorities (one HTML element in a closed expander), parsed."""
    expander = at.get_by_key("dpa").expander[0]
    assert expander.label in {Texts(default(), lang)("dpa.picker") for lang in ("de", "en")}
    (body,) = [el.proto.body for el in _walk(expander) if getattr(el, "type", None) == "html"]
    parsed = AuthorityItems()
    parsed.feed(body)
    return parsed


def test_authority_list_links_every_authority_laender_first(open_page, kb):
    """The complaint action lists the authorities, Länder first, each with its complaint page (or its home page
    where no complaint page could be checked, said so), as links: no widget, no rerun for a choice."""
    at = open_page("/result", "v=1&lang=de&age=30&svc=fb")
    assert not at.selectbox
    shown = authority_list(at)
    de = Texts(kb, "de")
    assert shown.groups == [de("dpa.group.land"), de("dpa.group.country")]
    assert len(shown.items) == len(kb.authorities)
    regions = [item[0] for item in shown.items]
    assert regions[0] == "Baden-Württemberg" and regions.index("Thüringen") < regions.index("Österreich")
    by_address = {item[2]: item for item in shown.items}
    for authority in kb.authorities.values():
        _, text, _, target, _ = by_address[authority.url]
        kind = de("dpa.complaint_page" if authority.url_kind == "complaint" else "dpa.home_page")
        assert text == f"{kind}: {authority.name('de')}" and target == "_blank", text
    assert by_address[kb.authorities["de-hh"].url][0] == "Hamburg"
    assert "dpa-de" not in at.session_state  # nothing to choose, nothing kept


@pytest.mark.parametrize(
    ("lang", "words"), [("de", "Behörde Ihres Bundeslands"), ("en", "the authority of your Land")]
)
def test_authority_list_shows_each_authoritys_note(open_page, kb, lang, words):
    """The BfDI's note (for Meta, the Land's authority is competent) stands under its link, so nobody complains
    to the wrong authority."""
    at = open_page("/result", f"v=1&lang={lang}&age=30&svc=fb")
    note = next(item[4] for item in authority_list(at).items if item[2] == kb.authorities["de"].url)
    assert words in note and note.startswith(("Hinweis: ", "Note: "))


def test_menu_result_entry_carries_the_latest_answers(open_page):
    """After a result, the menu's Result entry (on any page) links to that result, not to an empty page."""
    at = open_page("/result", "v=1.1&lang=en&age=30&svc=fb,ig&linked=1")
    at.switch_page("pages/sources.py").run()
    entry = next(p for p in at.get_by_key("menu").page_link if p.proto.label == "Result")
    assert "svc=fb%2Cig" in entry.proto.query_string and "linked=1" in entry.proto.query_string


def test_bare_result_opens_the_latest_result_of_the_session(open_page):
    """/result without answers, after a result in the same session, shows that result again."""
    at = open_page("/result", "v=1.1&lang=en&age=30&svc=ig")
    at.query_params.clear()
    at.run()
    assert statuses(at, ["ig"]) == {"ig": "In use"}


def test_every_status_has_its_own_badge_colour_and_label(open_page):
    """Each status has a badge colour Streamlit knows, no two alike, and the badge always carries the label."""
    streamlit_badge_colours = {
        "red",
        "orange",
        "yellow",
        "green",
        "blue",
        "violet",
        "gray",
        "grey",
        "primary",
    }
    assert set(STATUS_BADGE) == {s.value for s in Status}
    assert set(STATUS_BADGE.values()) <= streamlit_badge_colours
    assert len(set(STATUS_BADGE.values())) == len(STATUS_BADGE)
    at = open_page("/result", "v=1&lang=de&age=16&svc=wa&ai=wa")
    badge = next(m.value for m in at.get_by_key("status-wa").markdown if "-badge[" in m.value)
    assert ":violet-badge[Unklar]" in badge


def test_cards_and_reasons_are_text_never_markup(kb):
    """The cards and the reasons are drawn as HTML: every text and address in them is escaped, so a text
    with markup in it would stand on the page as typed, never run or be read as an element."""
    t = Texts(kb, "en")
    evil = '<img src=x onerror="alert(1)">'
    action = ActionItem("x", evil, evil, (Link(evil, 'https://example.org/?a=1&b="2"', evil),), evil)
    card = ServiceCard(
        "fb", evil, Status.IN_USE, evil, evil, (evil,), (), (UnclearPoint("F1", evil, evil, ((evil, evil),)),)
    )
    for body in (action_html(1, action, True, t), service_reasons_html(card, [], t)):
        assert "<img" not in body and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in body
    assert 'href="https://example.org/?a=1&amp;b=&quot;2&quot;"' in action_html(1, action, True, t)


def test_the_cards_wear_the_themes_colours():
    """The cards' buttons and text are drawn by our own style, not Streamlit's: its colours are the theme's
    (.streamlit/config.toml), so a new primary or text colour cannot leave the buttons in the old one."""
    config = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"
    theme = tomllib.loads(config.read_text(encoding="utf-8"))["theme"]
    for colour in (theme["primaryColor"], theme["textColor"]):
        assert colour in PROSE_STYLE, colour
