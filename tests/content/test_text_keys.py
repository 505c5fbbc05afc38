"""Every text key the code asks for exists in both languages; the status labels read as the issue wrote them."""

import ast
import re
from pathlib import Path

from kicheck.form_draft import ObjectionChoice
from kicheck.link import REASONS
from kicheck.personal_timeline import PERIOD_KINDS
from kicheck.verdict import IF_KNOWN_KINDS, REMINDER_KINDS, Status

ROOT = Path(__file__).resolve().parents[2]


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
    # a protection that rests on another account's objection (knowledge v3): per kind of route
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
