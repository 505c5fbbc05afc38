"""The knowledge base: every file validates, every fact has sources, every text exists in both languages.

Content checks are small named functions in one registry (after datenanfragen/data), run by one test each.
"""

import ast
import re
import shutil
from pathlib import Path

import pytest
import yaml

from kicheck import knowledge
from kicheck.form_draft import ObjectionChoice
from kicheck.knowledge import KnowledgeError, load
from kicheck.link import REASONS
from kicheck.personal_timeline import PERIOD_KINDS
from kicheck.verdict import IF_KNOWN_KINDS, REMINDER_KINDS, Status

ROOT = Path(__file__).resolve().parents[2]


def all_texts(k):
    """Every bilingual Text in the content files, with where it sits."""
    for fid, f in k.facts.items():
        yield f"facts.yaml:{fid}.text", f.text
        yield f"facts.yaml:{fid}.topic", f.topic
        for i, c in enumerate(f.claims):
            yield f"facts.yaml:{fid}.claims.{i}.who", c.who
            yield f"facts.yaml:{fid}.claims.{i}.says", c.says
    for cid, c in k.categories.items():
        yield f"categories.yaml:{cid}.title", c.title
        yield f"categories.yaml:{cid}.examples", c.examples
    for aid, a in k.actions.items():
        yield f"actions.yaml:{aid}.title", a.title
        yield f"actions.yaml:{aid}.why", a.why
        if a.details:
            yield f"actions.yaml:{aid}.details", a.details
        if a.for_child and a.for_child.title:
            yield f"actions.yaml:{aid}.for_child.title", a.for_child.title
        if a.for_child and a.for_child.why:
            yield f"actions.yaml:{aid}.for_child.why", a.for_child.why
    for fid, f in k.forms.items():
        yield f"forms.yaml:{fid}.title", f.title
        yield f"forms.yaml:{fid}.requires", f.requires
    for e in k.events:
        yield f"events.yaml:{e.date}.title", e.title
    for aid, a in k.authorities.items():
        yield f"authorities.yaml:{aid}.name", a.name
        if a.land is not None:
            yield f"authorities.yaml:{aid}.land", a.land
        if a.note is not None:
            yield f"authorities.yaml:{aid}.note", a.note
    for i, c in enumerate(k.changelog):
        yield f"changelog.yaml:[{i}].text", c.text
    yield "meta.yaml:proceedings.text", k.meta.proceedings.text


# ---------------------------------------------------------------------------------------------- content checks


def every_source_is_used(k):
    used = {s for f in k.facts.values() for s in f.sources}
    used |= {s for f in k.facts.values() for c in f.claims for s in c.sources}
    used |= {s for e in k.events for s in e.sources}
    used |= {s for a in k.actions.values() for s in a.links}
    used |= set(k.meta.proceedings.sources)
    used |= {s for a in k.authorities.values() for s in a.sources}
    return sorted(set(k.sources) - used)


def source_lists(k):
    """Every list of source ids in the content files, with where it sits."""
    for fid, f in k.facts.items():
        yield f"facts.yaml:{fid}.sources", f.sources
        for i, c in enumerate(f.claims):
            yield f"facts.yaml:{fid}.claims.{i}.sources", c.sources
    for e in k.events:
        yield f"events.yaml:{e.date}.sources", e.sources
    for aid, a in k.actions.items():
        yield f"actions.yaml:{aid}.links", a.links
    yield "meta.yaml:proceedings.sources", k.meta.proceedings.sources
    for aid, a in k.authorities.items():
        yield f"authorities.yaml:{aid}.sources", a.sources


def one_article_never_counts_as_two(k):
    """A republished copy (S6 = S5) next to its original would look like two independent sources."""
    return [where for where, ids in source_lists(k) if len(k.independent(ids)) < len(ids)]


def the_syndicated_consumer_article_is_marked(k):
    return [] if k.sources["S6"].same_as == "S5" else ["S6.same_as"]


# The fact ids and confidences the other streams build on (BRIEF.md, FACTS.md "Revisions").
FIXED_FACTS = {
    "F16": "unclear",  # R1: earlier public content after a late objection
    "F20": "reported",  # R2: Messenger and Meta AI app chats follow the FB/IG objection
    "F25": "unclear",  # FB/IG objection vs Meta AI chats in WhatsApp
    "F26": "unclear",  # WhatsApp's general objection route
    "F27": "reported",  # deleting the chat vs asking Meta to delete (/reset-ai)
    "F28": "unclear",  # minors' chats with Meta AI
    "F29": "confirmed",  # practical objection tips (R7)
}


def fixed_fact_ids_keep_their_confidence(k):
    return [fid for fid, conf in FIXED_FACTS.items() if fid not in k.facts or k.facts[fid].confidence != conf]


# Words the revisions rule out in the content this stream owns (FACTS.md R3, R5).
RULED_OUT = [
    (r"\bLives\b", "R5: no source lists Lives"),
    (r"WhatsApp hat kein Widerspruchsformular|WhatsApp has no objection form", "R3: never 'no form at all'"),
    (r"gilt weiter, wenn Sie 18|still holds when you turn 18", "R4: no source says it holds at 18"),
]


# categories.yaml and services.yaml belong to the rules stream, which adapts them (categories: "Lives", R5).
KNOWLEDGE_FILES = ("facts.yaml", "actions.yaml", "forms.yaml", "events.yaml")


def ruled_out_wording_is_gone(k):
    return [
        f"{where}: {why}"
        for where, t in all_texts(k)
        if where.startswith(KNOWLEDGE_FILES)
        for pattern, why in RULED_OUT
        if re.search(pattern, t.de) or re.search(pattern, t.en)
    ]


def every_form_is_offered(k):
    offered = {f for a in k.actions.values() for f in a.forms}
    offered |= {s.own_form for s in k.services.values() if s.own_form}
    return sorted(set(k.forms) - offered)


def forms_use_https_on_meta_hosts(k):
    return [
        f.id
        for f in k.forms.values()
        if not re.match(r"https://(www\.facebook\.com|help\.instagram\.com|www\.whatsapp\.com)/", f.url)
    ]


def whatsapp_has_no_form(k):
    return [] if k.services["wa"].objection is None else ["wa"]


# the 27 EU member states, then Iceland, Liechtenstein, Norway (EEA)
EU_EEA = {
    "AT",
    "BE",
    "BG",
    "HR",
    "CY",
    "CZ",
    "DK",
    "EE",
    "FI",
    "FR",
    "DE",
    "GR",
    "HU",
    "IE",
    "IT",
    "LV",
    "LT",
    "LU",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SK",
    "SI",
    "ES",
    "SE",
    "IS",
    "LI",
    "NO",
}
LAENDER = {"bw", "by", "be", "bb", "hb", "hh", "he", "mv", "ni", "nw", "rp", "sl", "sn", "st", "sh", "th"}


def authorities_cover_every_land_and_country(k):
    """16 German Länder plus one national authority per EU/EEA country: nothing missing, nothing extra."""
    lands = {a.id.removeprefix("de-") for a in k.authorities.values() if a.land is not None}
    countries = [a.country for a in k.authorities.values() if a.land is None]
    problems = [f"Land missing: {c}" for c in sorted(LAENDER - lands)]
    problems += [f"not a Land: {c}" for c in sorted(lands - LAENDER)]
    problems += [f"country missing: {c}" for c in sorted(EU_EEA - set(countries))]
    problems += [f"not EU/EEA or twice: {c}" for c in sorted(set(countries)) if c not in EU_EEA]
    problems += [f"country twice: {c}" for c in sorted({c for c in countries if countries.count(c) > 1})]
    if len(k.authorities) != len(LAENDER) + len(EU_EEA):
        problems.append(f"{len(k.authorities)} authorities, expected {len(LAENDER) + len(EU_EEA)}")
    return problems


def authority_links_are_https_and_distinct(k):
    urls = [a.url for a in k.authorities.values()]
    bad = [a.id for a in k.authorities.values() if not a.url.startswith("https://")]
    return bad + sorted({u for u in urls if urls.count(u) > 1})


def changelog_reaches_the_current_version(k):
    """The first entry is the baseline, the last is meta.yaml's version, and every revision R1-R8 is listed."""
    revisions = {e.revision for e in k.changelog if e.revision}
    problems = [f"revision missing: R{n}" for n in range(1, 9) if f"R{n}" not in revisions]
    if k.changelog[0].version != "2026.11-1":
        problems.append("the baseline 2026.11-1 is not the first entry")
    if k.changelog[-1].version != k.meta.version:
        problems.append("the newest entry is not meta.yaml's version")
    return problems


CHECKS = [
    every_source_is_used,
    every_form_is_offered,
    forms_use_https_on_meta_hosts,
    whatsapp_has_no_form,
    one_article_never_counts_as_two,
    the_syndicated_consumer_article_is_marked,
    fixed_fact_ids_keep_their_confidence,
    ruled_out_wording_is_gone,
    authorities_cover_every_land_and_country,
    authority_links_are_https_and_distinct,
    changelog_reaches_the_current_version,
]


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_content(check, kb):
    """Each content check finds nothing wrong in data/."""
    assert check(kb) == []


# ---------------------------------------------------------------------------------------------- coverage of texts


# The names a Texts object goes by where it is called: t(...) in pages and presenters, texts(...) in the
# timeline, self(...) inside Texts itself.
TEXT_CALLERS = {"t", "texts", "self"}


def text_keys_in(source: str) -> tuple[set[str], set[str]]:
    """The text keys a piece of code asks for: literal keys passed to a Texts call, the reason keys the rules
    return (strings "reason.<name>"), and the constant prefixes of keys built with an f-string
    (t(f"problem.{reason}") -> "problem.")."""
    tree = ast.parse(source)
    in_fstrings = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    keys = {
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and id(n) not in in_fstrings and REASON_KEY.fullmatch(str(n.value))
    }
    prefixes = {_prefix(n) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr)}
    prefixes = {p for p in prefixes if p.startswith("reason.")}
    for call in ast.walk(tree):
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in TEXT_CALLERS:
            first = call.args[0] if call.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                keys.add(first.value)
            elif isinstance(first, ast.JoinedStr):
                prefixes.add(_prefix(first))
    return keys, prefixes


REASON_KEY = re.compile(r"reason\.[a-z_]+")


def _prefix(joined: ast.JoinedStr) -> str:
    first = joined.values[0] if joined.values else None
    return first.value if isinstance(first, ast.Constant) else ""


def text_keys_used_in_code() -> tuple[set[str], set[str]]:
    """text_keys_in over the app's code: kicheck/, pages/, ui/ and app.py."""
    keys: set[str] = set()
    prefixes: set[str] = set()
    for path in [
        *ROOT.glob("kicheck/*.py"),
        *ROOT.glob("pages/*.py"),
        *ROOT.glob("ui/*.py"),
        ROOT / "app.py",
    ]:
        found, built = text_keys_in(path.read_text())
        keys |= found
        prefixes |= built
    return keys, prefixes


def dynamic_text_keys(k) -> set[str]:
    """Keys built from codes at run time: statuses, confidences, problem reasons, periods, kinds, reminders, the
    questionnaire's options."""
    keys = {f"status.{s.value}" for s in Status}
    keys |= {f"confidence.{c}" for c in ("confirmed", "reported", "unclear")}
    keys |= {f"reason.follows_{c}" for c in ("confirmed", "reported", "unclear")}
    # a protection that rests on another account's objection (knowledge v3, issue 16): per kind of route
    keys |= {f"status.{s}_uncertain" for s in ("protected", "partly")}
    keys |= {f"window.uncertain_{c}" for c in ("linked", "reported", "unclear")}
    keys |= {f"summary.uncertain_{c}" for c in ("linked", "follows_chats", "follows_public")}
    keys |= {f"problem.{r}" for r in REASONS}
    keys |= {f"period.{p}" for p in PERIOD_KINDS}
    keys |= {f"kind.{e.kind}" for e in k.events}
    keys |= {f"ics.{kind}.{part}" for kind in REMINDER_KINDS for part in ("summary", "description")}
    keys |= {f"timeline.lane_{lane}" for lane in ("earlier", "new")}
    keys |= {f"answer.bd_{v}" for v in ("ok", "wrong", "unknown")}
    keys |= {f"answer.who_{v}" for v in ("self", "child")}
    keys |= {"answer.ai_none", "answer.ai_unknown"}
    keys |= {f"answer.linked_{v}" for v in ("yes", "no", "unknown")}
    keys |= {f"answer.objection_{c.value}" for c in ObjectionChoice}
    keys |= {f"q.{q}" for q in ("services", "public", "ai")}
    keys |= {f"note.if_known_{k}{same}" for k in IF_KNOWN_KINDS for same in ("", "_same")}
    return keys


def test_text_key_collector_sees_every_way_a_key_is_asked_for():
    """The coverage test below sees t(...), texts(...), self(...), reason keys and f-string prefixes."""
    source = (
        "def f(self, t, texts, r):\n"
        '    t("a.one"); texts("b.two"); self("c.three"); t(f"d.{r}"); other("e.four")\n'
        '    return "reason.five", f"reason.six_{r}"\n'
    )
    assert text_keys_in(source) == ({"a.one", "b.two", "c.three", "reason.five"}, {"d.", "reason.six_"})


def test_every_text_key_used_exists_in_both_languages(kb):
    """No page or export can ask for a text that one language lacks; no key is built that the test cannot list."""
    keys, prefixes = text_keys_used_in_code()
    dynamic = dynamic_text_keys(kb)
    assert len(keys) > 100
    assert sorted(p for p in prefixes if not any(d.startswith(p) for d in dynamic)) == []
    for lang in ("de", "en"):
        assert sorted((keys | dynamic) - set(kb.texts[lang])) == [], lang


def test_every_status_label_matches_the_issue(kb):
    """The status labels, word for word, in both languages (the four of the issue, and Unclear for R4)."""
    assert [kb.texts["en"][f"status.{s.value}"] for s in Status] == [
        "In use",
        "Partly protected",
        "Protected",
        "Not affected",
        "Unclear",
    ]
    assert [kb.texts["de"][f"status.{s.value}"] for s in Status] == [
        "Wird genutzt",
        "Teilweise geschützt",
        "Geschützt",
        "Nicht betroffen",
        "Unklar",
    ]


# ---------------------------------------------------------------------------------------------- broken files


@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def edit(path: Path, change) -> None:
    raw = yaml.safe_load(path.read_text())
    change(raw)
    path.write_text(yaml.safe_dump(raw, allow_unicode=True))


@pytest.mark.parametrize(
    ("file", "change", "message"),
    [
        ("facts.yaml", lambda r: r[0].update(sources=[]), r"facts\.yaml: F1\.sources: .*at least 1"),
        (
            "facts.yaml",
            lambda r: r[0].update(sources=["S99"]),
            r"facts\.yaml: F1\.sources: unknown source 'S99'",
        ),
        ("facts.yaml", lambda r: r[0].update(confidence="sure"), r"facts\.yaml: F1\.confidence"),
        ("facts.yaml", lambda r: r[0].update(colour="red"), r"facts\.yaml: F1\.colour: Extra inputs"),
        ("facts.yaml", lambda r: r[0]["text"].pop("en"), r"facts\.yaml: F1\.text\.en: Field required"),
        ("facts.yaml", lambda r: r[2].update(claims=r[2]["claims"][:1]), r"facts\.yaml: F3: .*two claims"),
        ("sources.yaml", lambda r: r[0].update(url="http://x"), r"sources\.yaml: S1\.url"),
        (
            "services.yaml",
            lambda r: r[0].update(code="tiktok"),
            r"services\.yaml: tiktok\.code: .*unknown service",
        ),
        ("services.yaml", lambda r: r.pop(), r"services\.yaml: app: .*has no record"),
        (
            "categories.yaml",
            lambda r: r[0].update(services=["xx"]),
            r"categories\.yaml: always_public\.services",
        ),
        (
            "actions.yaml",
            lambda r: r[0].update(forms=["nope"]),
            r"actions\.yaml: fix_birthdate\.forms: unknown form",
        ),
        ("events.yaml", lambda r: r[0].update(date="someday"), r"events\.yaml: \[0\]\.date"),
        # what the content checks used to re-check, load rejects (each row fails if load stops rejecting it)
        (
            "events.yaml",
            lambda r: r[0].update(sources=[], facts=[]),
            r"events\.yaml: \[0\]: .*sources or the facts",
        ),
        (
            "categories.yaml",
            lambda r: r[0]["title"].update(en="Always {x}"),
            r"categories\.yaml: always_public\.title: .*placeholders differ",
        ),
        # service facts: each route, reference and consistency rule names file and key
        ("services.yaml", lambda r: r[0].update(colour="blue"), r"services\.yaml: fb\.colour: Extra inputs"),
        (
            "services.yaml",
            lambda r: r[2]["objection"].pop("confidence"),
            r"services\.yaml: th\.objection: .*needs `confidence`",
        ),
        (
            "services.yaml",
            lambda r: r[2]["objection"].update(form="object_ig"),
            r"services\.yaml: th\.objection: .*either `form`",
        ),
        (
            "services.yaml",
            lambda r: r[4]["objection"].update(follows="th"),
            r"services\.yaml: ms\.objection\.follows: 'th' has no form of its own",
        ),
        (
            "services.yaml",
            lambda r: r[4]["objection"].update(action="nope"),
            r"services\.yaml: ms\.objection\.action: unknown action 'nope'",
        ),
        (
            "services.yaml",
            lambda r: r[0].update(objection={"form": "nope"}),
            r"services\.yaml: fb\.objection\.form: unknown form 'nope'",
        ),
        (
            "services.yaml",
            lambda r: r[0]["categories"].append("xx"),
            r"services\.yaml: fb\.categories: unknown",
        ),
        (
            "services.yaml",
            lambda r: r[0]["unclear"].append({"when": "always", "facts": ["F1"]}),
            r"services\.yaml: fb\.unclear\.4\.facts: F1 is not an unclear fact",
        ),
        (
            "services.yaml",
            lambda r: r[0]["unclear"].append({"when": "sometimes", "facts": ["F3"]}),
            r"services\.yaml: fb\.unclear\.4\.when",
        ),
        (
            "services.yaml",
            lambda r: r[2].update(unclear=[]),
            r"services\.yaml: th\.objection\.facts: an unclear link's facts belong under `unclear`",
        ),
        (
            "services.yaml",
            lambda r: r[3]["categories"].append("always_public"),
            r"services\.yaml: wa\.categories: affected only through AI chats",
        ),
        (
            "services.yaml",
            lambda r: r[0].update(affected_through="ai_chats_only"),
            r"services\.yaml: fb\.affected_through",
        ),
        (
            "categories.yaml",
            lambda r: r[0].update(used_when="often"),
            r"categories\.yaml: always_public\.used_when",
        ),
        ("meta.yaml", lambda r: r.pop("version"), r"meta\.yaml: version: Field required"),
        (
            "meta.yaml",
            lambda r: r["proceedings"]["text"].update(de="Kein Urteil.", en="No judgment."),
            r"meta\.yaml: proceedings: .*\{date\}",
        ),
        (
            "meta.yaml",
            lambda r: r["proceedings"].update(sources=["S99"]),
            r"meta\.yaml: proceedings\.sources: unknown source 'S99'",
        ),
        ("sources.yaml", lambda r: r[0].update(mirror="http://x"), r"sources\.yaml: S1\.mirror"),
        (
            "sources.yaml",
            lambda r: r[5].update(same_as="S99"),
            r"sources\.yaml: S6\.same_as: unknown source 'S99'",
        ),
        (
            "sources.yaml",
            lambda r: r[5].update(same_as="S6"),
            r"sources\.yaml: S6: .*names the source itself",
        ),
        (
            "sources.yaml",
            lambda r: r[4].update(same_as="S7"),
            r"sources\.yaml: S6\.same_as: 'S5' is itself a copy",
        ),
        (
            "authorities.yaml",
            lambda r: r[0].update(url="http://x.de/"),
            r"authorities\.yaml: de-bw\.url: String should match",
        ),
        (
            "authorities.yaml",
            lambda r: r[0].pop("land"),
            r"authorities\.yaml: de-bw: .*Land authority",
        ),
        (
            "authorities.yaml",
            lambda r: r[0].update(sources=["S99"]),
            r"authorities\.yaml: de-bw\.sources: unknown source 'S99'",
        ),
        (
            "changelog.yaml",
            lambda r: r[1].update(services=["tiktok"]),
            r"changelog\.yaml: \[1\]\.services: .*unknown service code 'tiktok'",
        ),
        (
            "changelog.yaml",
            lambda r: r.reverse(),
            r"changelog\.yaml: \[10\]: entries go from oldest to newest",
        ),
        (
            "changelog.yaml",
            lambda r: r[1].update(facts=["F99"]),
            r"changelog\.yaml: \[1\]\.facts: unknown fact 'F99'",
        ),
        (
            "meta.yaml",
            lambda r: r.update(version="2026.12-2"),
            r"changelog\.yaml: \[29\]\.version: '2026\.12-1'",
        ),
        ("meta.yaml", lambda r: r.update(version="v2"), r"meta\.yaml: version: String should match"),
        (
            "facts.yaml",
            lambda r: r[0].update(sources=["S17"]),
            r"facts\.yaml: F1\.sources: retired source 'S17' \(replaced by S23\)",
        ),
        (
            "actions.yaml",
            lambda r: r[4]["for_child"].update(
                title={"de": "Ihr Kind widerspricht", "en": "Your child objects"}
            ),
            r"actions\.yaml: object_service: .*for_child\.title: placeholders differ",
        ),
        ("i18n/en.yaml", lambda r: r.pop("nav.check"), r"i18n/en\.yaml: nav\.check: text missing"),
        (
            "i18n/en.yaml",
            lambda r: r.update({"q.objection": "Objected?"}),
            r"i18n/en\.yaml: q\.objection: placeholders",
        ),
    ],
)
def test_broken_files_fail_with_file_and_key(data_copy, file, change, message):
    """A broken data file fails at load, naming the file and the key."""
    edit(data_copy / file, change)
    with pytest.raises(KnowledgeError, match=message):
        load(data_copy)


def test_invalid_yaml_and_missing_file_are_named(data_copy):
    """Syntax errors and missing files name the file too."""
    (data_copy / "forms.yaml").write_text("- id: [unclosed\n")
    with pytest.raises(KnowledgeError, match=r"forms\.yaml: not valid YAML"):
        load(data_copy)
    (data_copy / "forms.yaml").unlink()
    with pytest.raises(KnowledgeError, match=r"forms\.yaml: file missing"):
        load(data_copy)


def test_loaded_once():
    """The app's knowledge base is read once per process."""
    assert knowledge.default() is knowledge.default()


def test_domain_never_imports_streamlit():
    """The domain decides, the pages render: kicheck/ has no Streamlit import."""
    for path in ROOT.glob("kicheck/*.py"):
        tree = ast.parse(path.read_text())
        names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not any(n.split(".")[0] == "streamlit" for n in names), path.name


# ---------------------------------------------------------------------------------------------- checks can fail


def by_id(records, rid):
    return next(r for r in records if r.get("id") == rid)


BROKEN_COPIES = [
    (
        one_article_never_counts_as_two,
        "facts.yaml",
        lambda r: by_id(r, "F13").update(sources=["S5", "S6"]),
        ["facts.yaml:F13.sources"],
    ),
    (
        the_syndicated_consumer_article_is_marked,
        "sources.yaml",
        lambda r: by_id(r, "S6").pop("same_as"),
        ["S6.same_as"],
    ),
    (
        fixed_fact_ids_keep_their_confidence,
        "facts.yaml",
        lambda r: by_id(r, "F20").update(confidence="confirmed"),
        ["F20"],
    ),
    (
        ruled_out_wording_is_gone,
        "facts.yaml",
        lambda r: by_id(r, "F6")["text"].update(de="Beiträge und Lives."),
        ["facts.yaml:F6.text: R5: no source lists Lives"],
    ),
    (
        # knowledge v3: the courts line's sources are all cited by chronology events too; the teens' AI
        # characters page only by its event
        every_source_is_used,
        "events.yaml",
        lambda r: [e.update(sources=["S1"]) for e in r if e.get("sources") == ["AI_CHARACTERS_TEENS"]],
        ["AI_CHARACTERS_TEENS"],
    ),
    (
        authorities_cover_every_land_and_country,
        "authorities.yaml",
        lambda r: r.remove(by_id(r, "de-hh")),
        ["Land missing: hh", "45 authorities, expected 46"],
    ),
    (
        authorities_cover_every_land_and_country,
        "authorities.yaml",
        lambda r: by_id(r, "at").update(id="ch", country="CH"),
        ["country missing: AT", "not EU/EEA or twice: CH"],
    ),
    (
        authority_links_are_https_and_distinct,
        "authorities.yaml",
        lambda r: by_id(r, "at").update(url=by_id(r, "de").get("url")),
        ["https://www.bfdi.bund.de/"],
    ),
    (
        changelog_reaches_the_current_version,
        "changelog.yaml",
        lambda r: [e.pop("revision") for e in r if e.get("revision") == "R6"],
        ["revision missing: R6"],
    ),
    (every_source_is_used, "sources.yaml", lambda r: r.append({**r[0], "id": "S99"}), ["S99"]),
    (every_form_is_offered, "forms.yaml", lambda r: r.append({**r[0], "id": "orphan"}), ["orphan"]),
    (
        forms_use_https_on_meta_hosts,
        "forms.yaml",
        lambda r: r[0].update(url="https://example.org/f"),
        ["object_fb"],
    ),
    (whatsapp_has_no_form, "services.yaml", lambda r: r[3].update(objection={"form": "object_fb"}), ["wa"]),
]


@pytest.mark.parametrize(("check", "file", "change", "found"), BROKEN_COPIES)
def test_content_checks_catch_a_broken_copy(data_copy, check, file, change, found):
    """Each content check reports a fault planted in a copy of data/ (so it is able to fail)."""
    edit(data_copy / file, change)
    assert check(load(data_copy)) == found


def test_every_content_check_is_shown_to_fail():
    """No content check goes without a broken copy it catches."""
    assert {c.__name__ for c in CHECKS} <= {row[0].__name__ for row in BROKEN_COPIES}
