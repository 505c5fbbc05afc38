"""Loading data/: a broken file fails at load with a message naming the file and the key; the app's
knowledge base is read once."""

import re

import pytest
import yaml

from kicheck import knowledge
from kicheck.knowledge import KnowledgeError, load
from tests.datacopy import DATA, edit

# meta.yaml's version is one a newer changelog entry would have to name: the row below bumps it and expects
# the changelog's newest entry, whatever version the data is at now.
VERSION = yaml.safe_load((DATA / "meta.yaml").read_text(encoding="utf-8"))["version"]
NEWEST = len(yaml.safe_load((DATA / "changelog.yaml").read_text(encoding="utf-8"))) - 1
year_month, n = VERSION.rsplit("-", 1)
NEXT_VERSION = f"{year_month}-{int(n) + 1}"


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
            lambda r: r.insert(0, r.pop()),  # the newest entry first
            r"changelog\.yaml: \[1\]: entries go from oldest to newest",
        ),
        (
            "changelog.yaml",
            lambda r: r[1].update(facts=["F99"]),
            r"changelog\.yaml: \[1\]\.facts: unknown fact 'F99'",
        ),
        (
            "meta.yaml",
            lambda r: r.update(version=NEXT_VERSION),
            rf"changelog\.yaml: \[{NEWEST}\]\.version: '{re.escape(VERSION)}'",
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
