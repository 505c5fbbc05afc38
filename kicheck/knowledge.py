"""The knowledge base: data/*.yaml loaded into frozen, validated objects.

Every statement shown carries sources and a confidence; unclear points keep every side's claim. A broken
file fails at load with a `KnowledgeError` that names the file and the key path, never later when a rule runs.
"""

from __future__ import annotations

import functools
import itertools
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from kicheck.answers import (
    AI_CAPABLE,
    LATEST_BEFORE_START,
    LINKED_GROUP,
    NO_SERVICE,
    PUBLIC_CAPABLE,
    SERVICES,
)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

Confidence = Literal["confirmed", "reported", "unclear"]
HttpsUrl = Annotated[str, Field(pattern=r"^https://")]
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


class KnowledgeError(ValueError):
    """A data file is missing, malformed or inconsistent; the message names the file and the key."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Text(_Strict):
    """A text in both languages, with the same {placeholders} in each."""

    de: str = Field(min_length=1)
    en: str = Field(min_length=1)

    @model_validator(mode="after")
    def _same_placeholders(self) -> Text:
        if set(_PLACEHOLDER.findall(self.de)) != set(_PLACEHOLDER.findall(self.en)):
            raise ValueError(f"placeholders differ between de and en: {self.de!r} / {self.en!r}")
        return self

    def __call__(self, lang: str) -> str:
        return self.en if lang == "en" else self.de


class Retired(_Strict):
    """A source no statement may rest on any more; kept so old ids keep their meaning."""

    since: date
    why: Text
    replaced_by: str | None = None


class Source(_Strict):
    id: str
    title: str
    publisher: str
    url: HttpsUrl  # the original, official page
    published: date | None = None
    read_in: str = Field(pattern=r"^20[0-9]{2}-(0[1-9]|1[0-2])$")  # the month the page was read (YYYY-MM)
    mirror: HttpsUrl | None = None  # a copy of the same text, for when the original moves or vanishes
    also: tuple[HttpsUrl, ...] = ()  # further pages quoting or reporting the same statement
    # The id of a source this one republishes word for word: the two count as ONE source, never two.
    same_as: str | None = None
    retired: Retired | None = None
    # How an action names the page when it links to it, in the page language (the title is the page's own,
    # often English); says so when the page is in English only.
    link_text: Text | None = None

    @model_validator(mode="after")
    def _not_its_own_copy(self) -> Source:
        if self.same_as == self.id:
            raise ValueError("same_as names the source itself")
        return self


class Claim(_Strict):
    """One side of an unclear point: who says what."""

    who: Text
    says: Text
    sources: tuple[str, ...] = ()


class Fact(_Strict):
    id: str = Field(pattern=r"^F[0-9]+$")
    confidence: Confidence
    topic: Text
    text: Text
    sources: tuple[str, ...] = Field(min_length=1)
    claims: tuple[Claim, ...] = ()  # for unclear facts: every side

    @model_validator(mode="after")
    def _unclear_keeps_both_sides(self) -> Fact:
        if self.confidence == "unclear" and len(self.claims) < 2:
            raise ValueError("an unclear fact lists at least two claims (who says what)")
        return self


class Form(_Strict):
    id: str
    url: str = Field(pattern=r"^https://")
    title: Text
    requires: Text
    facts: tuple[str, ...] = Field(min_length=1)


AffectedThrough = Literal["public_content", "ai_chats"]
UnclearWhen = Literal["always", "ai_chats", "minor", "birthdate_wrong", "turned_18_after_start"]
UsedWhen = Literal["account", "public", "ai_chats", "never", "others"]


class Objection(_Strict):
    """How a service is objected to: a form of its own, or the effective objection of another service."""

    form: str | None = None  # a forms.yaml id
    # The services whose effective objection counts here too, the earliest of them (one code or a list):
    # Meta's wording covers "interactions with AI at Meta" for a Facebook *or* an Instagram objection (R2).
    follows: tuple[str, ...] = ()
    confidence: Confidence | None = None  # how sure that link is
    facts: tuple[str, ...] = ()  # the facts the link rests on
    action: str | None = None  # the actions.yaml id telling the person to object there

    @field_validator("follows", mode="before")
    @classmethod
    def _one_or_more(cls, value: object) -> object:
        return (value,) if isinstance(value, str) else value

    @model_validator(mode="after")
    def _one_route(self) -> Objection:
        if (self.form is None) == (not self.follows):
            raise ValueError("give either `form` (a form of its own) or `follows` (other services)")
        if self.follows and (self.confidence is None or not self.facts or self.action is None):
            raise ValueError("`follows` needs `confidence`, `facts` and `action`")
        if self.form is not None and (self.confidence or self.facts or self.action):
            raise ValueError("`confidence`, `facts` and `action` belong to `follows` only")
        return self


class UnclearWhere(_Strict):
    """Unclear points (fact ids) that bear on a service's verdict when all its conditions hold."""

    when: UnclearWhen | tuple[UnclearWhen, ...]
    facts: tuple[str, ...] = Field(min_length=1)
    # True when the point is whether the person's data is used here at all (Threads: F3; WhatsApp's Meta AI
    # chats: F18): "In use" is then the safe-side assumption, and the page says so instead of stating it.
    doubts_use: bool = False

    def holds(self, conditions: set[str]) -> bool:
        """'always' always holds; otherwise every condition named must be among `conditions`."""
        needed = {self.when} if isinstance(self.when, str) else set(self.when)
        return needed <= conditions | {"always"}


class Service(_Strict):
    code: str
    name: str
    affected_through: AffectedThrough
    objection: Objection | None  # None: no objection route is known
    accounts_center: bool = False  # linked accounts of these services share the earliest objection (F13)
    categories: tuple[str, ...] = Field(min_length=1)
    unclear: tuple[UnclearWhere, ...] = ()
    ai_chat_actions: tuple[str, ...] = ()
    facts: tuple[str, ...] = Field(min_length=1)

    @field_validator("code")
    @classmethod
    def _known_code(cls, code: str) -> str:
        if code not in SERVICES:
            raise ValueError(f"unknown service code {code!r}; the link format knows {', '.join(SERVICES)}")
        return code

    @property
    def own_form(self) -> str | None:
        return self.objection.form if self.objection else None

    @property
    def follows(self) -> tuple[str, ...]:
        return self.objection.follows if self.objection else ()

    def unclear_facts(self, conditions: set[str]) -> tuple[str, ...]:
        """The unclear facts whose conditions hold."""
        return tuple(f for u in self.unclear if u.holds(conditions) for f in u.facts)

    def use_doubted(self, conditions: set[str]) -> bool:
        """Whether an unclear point that holds puts in doubt that the data is used here at all."""
        return any(u.doubts_use and u.holds(conditions) for u in self.unclear)


class Category(_Strict):
    id: str
    title: Text
    examples: Text
    used_when: UsedWhen
    facts: tuple[str, ...] = Field(min_length=1)


class Event(_Strict):
    date: date
    approximate: bool = False
    kind: Literal["meta", "authority", "court", "consumer", "deadline", "start"]
    title: Text
    confidence: Confidence
    sources: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _has_provenance(self) -> Event:
        if not self.sources and not self.facts:
            raise ValueError("an event names its sources or the facts it rests on")
        return self


class ParentWording(_Strict):
    """An action's words for a parent checking for their child (link: who=child): "Ihr Kind widerspricht"."""

    title: Text | None = None  # None: the title speaks to nobody in particular and stays
    why: Text | None = None


class Action(_Strict):
    id: str
    title: Text
    why: Text
    for_child: ParentWording | None = None  # None: the action's words fit a parent as they are
    details: Text | None = None  # the legal basis and who is in charge: one tap away under "More about this"
    forms: tuple[str, ...] = ()
    links: tuple[str, ...] = ()  # source ids whose pages are the official place to act
    # Sentences about one service (service code -> text), added only when the action is about that service:
    # Instagram's "only the whole account can be private" is no tip for someone without Instagram.
    service_tips: dict[str, Text] = {}

    @field_validator("service_tips")
    @classmethod
    def _tips_for_known_services(cls, tips: dict[str, Text]) -> dict[str, Text]:
        unknown = sorted(set(tips) - set(SERVICES))
        if unknown:
            raise ValueError(f"service_tips: unknown service code(s) {', '.join(unknown)}")
        return tips

    facts: tuple[str, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _parent_wording_keeps_placeholders(self) -> Action:
        for field in ("title", "why"):
            wording = getattr(self.for_child, field, None) if self.for_child else None
            own = set(_PLACEHOLDER.findall(getattr(self, field).de))
            if wording is not None and set(_PLACEHOLDER.findall(wording.de)) != own:
                raise ValueError(f"for_child.{field}: placeholders differ from {field}'s ({sorted(own)})")
        return self

    def words(self, for_child: bool) -> tuple[Text, Text]:
        """The title and the reason, in a parent's words when the check is for a child and there are some."""
        child = self.for_child if for_child else None
        return (child and child.title) or self.title, (child and child.why) or self.why


class DatedStatus(_Strict):
    """A standing statement that holds only as of a day (e.g. "no judgment in a main proceeding so far")."""

    as_of: date
    text: Text  # with the placeholder {date}, filled with `as_of`
    confidence: Confidence
    sources: tuple[str, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _says_its_date(self) -> DatedStatus:
        if "{date}" not in self.text.de:
            raise ValueError("a dated status names its day: put {date} in the text")
        return self


VERSION_PATTERN = r"^20[0-9]{2}\.(0[1-9]|1[0-2])-[1-9][0-9]*$"  # YYYY.MM-N, e.g. 2026.11-2


def version_key(version: str) -> tuple[int, int, int]:
    """2026.11-2 -> (2026, 11, 2): versions compare in this order, never as strings (11-10 > 11-9)."""
    year_month, number = version.split("-")
    year, month = year_month.split(".")
    return int(year), int(month), int(number)


class ChangelogEntry(_Strict):
    """One change of meaning in the knowledge, in the version that made it."""

    version: str = Field(pattern=VERSION_PATTERN)
    date: date
    text: Text  # what changed, in words a visitor understands
    # The service codes whose answers it can change; ["all"]: a change that concerns everyone; []: one that
    # changes no one's answer (sources, wording, the chronology), listed in the changelog, not above a result;
    # "none": a change for people without a Meta account (their links carry `svc=none`).
    services: tuple[str, ...]
    facts: tuple[str, ...] = ()
    revision: str | None = None  # FACTS.md's name for it (R1 ... R8), when there is one

    @field_validator("services")
    @classmethod
    def _known_services(cls, services: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [s for s in services if s not in SERVICES and s not in (ALL_SERVICES, NO_SERVICE)]
        if unknown:
            raise ValueError(
                f"unknown service code {unknown[0]!r}; use codes of the link format, 'none' or 'all'"
            )
        return services


ALL_SERVICES = "all"


class Authority(_Strict):
    """A data protection authority a complaint can go to (GDPR Art. 77)."""

    id: str = Field(pattern=r"^[a-z]{2}(-[a-z]{2})?$")  # ISO country code, plus the Land for Germany's 16
    name: Text
    country: str = Field(pattern=r"^[A-Z]{2}$")  # ISO 3166-1 alpha-2
    land: Text | None = None  # the German Land it supervises; none for a national authority
    url: HttpsUrl
    url_kind: Literal["complaint", "home"]  # home: no complaint page could be checked, the home page instead
    verified: bool  # the page was seen with the project's search when the record was written
    note: Text | None = None
    sources: tuple[str, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _land_only_in_germany(self) -> Authority:
        if (self.land is not None) != ("-" in self.id):
            raise ValueError("a Land authority has an id like 'de-by' and a land; a national one neither")
        if not self.id.upper().startswith(self.country):
            raise ValueError(f"id {self.id!r} does not start with the country code {self.country!r}")
        return self


class Meta(_Strict):
    version: str = Field(pattern=VERSION_PATTERN)
    reviewed_on: date
    training_start: date
    proceedings: DatedStatus  # where the courts stand


class Knowledge(_Strict):
    meta: Meta
    sources: dict[str, Source]
    facts: dict[str, Fact]
    forms: dict[str, Form]
    services: dict[str, Service]
    categories: dict[str, Category]
    events: tuple[Event, ...]
    actions: dict[str, Action]
    texts: dict[str, dict[str, str]]  # lang -> key -> UI text
    # lang -> key -> the same text addressed to a parent who checks for their child (i18n/<lang>.child.yaml);
    # a key not listed there reads the same for both.
    texts_for_child: dict[str, dict[str, str]] = {}
    authorities: dict[str, Authority]
    changelog: tuple[ChangelogEntry, ...]  # oldest first, as in the file
    retired_sources: dict[str, Source] = {}  # sources.yaml records marked `retired:`; nothing may cite them

    def independent(self, source_ids: tuple[str, ...]) -> tuple[str, ...]:
        """The ids that count as separate sources: a republished copy (`same_as`) counts as its original."""
        return tuple(dict.fromkeys(self.sources[s].same_as or s for s in source_ids))

    @functools.cached_property
    def accounts_center(self) -> tuple[str, ...]:
        """The services whose accounts can be linked in the Accounts Center (one objection covers all)."""
        return tuple(code for code, s in self.services.items() if s.accounts_center)

    @functools.cached_property
    def services_with_own_form(self) -> tuple[str, ...]:
        """The services with an objection form of their own (the questionnaire asks for their objection)."""
        return tuple(code for code, s in self.services.items() if s.own_form)

    @functools.cached_property
    def action_order(self) -> dict[str, int]:
        """Each action's place in actions.yaml: the order in which a result lists them (order of effect)."""
        return {action_id: i for i, action_id in enumerate(self.actions)}

    def objection_forms(self, code: str) -> tuple[str, ...]:
        """The forms that object for this service: its own, or those of the services it follows."""
        service = self.services[code]
        if service.own_form:
            return (service.own_form,)
        return tuple(self.services[f].own_form for f in service.follows if self.services[f].own_form)

    def fact_sources(self, fact_ids: tuple[str, ...]) -> tuple[Source, ...]:
        seen: dict[str, Source] = {}
        for fid in fact_ids:
            for sid in self.facts[fid].sources:
                seen.setdefault(sid, self.sources[sid])
        return tuple(seen.values())


# ---------------------------------------------------------------------------------------------- loading


def _read_yaml(path: Path) -> object:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except FileNotFoundError:
        raise KnowledgeError(f"{path.name}: file missing in {path.parent}") from None
    except yaml.YAMLError as err:
        raise KnowledgeError(f"{path.name}: not valid YAML: {err}") from None


def _validate(model: type[BaseModel], raw: object, file: str, where: str = "") -> BaseModel:
    try:
        return model.model_validate(raw)
    except ValidationError as err:
        first = err.errors()[0]
        path = ".".join(str(p) for p in first["loc"])
        key = ".".join(p for p in (where, path) if p)
        raise KnowledgeError(f"{file}: {key or '(top level)'}: {first['msg']}") from None


def _records(data_dir: Path, name: str, model: type[BaseModel], id_field: str) -> dict[str, BaseModel]:
    raw = _read_yaml(data_dir / name)
    if not isinstance(raw, list):
        raise KnowledgeError(f"{name}: (top level): expected a list of records")
    out: dict[str, BaseModel] = {}
    for index, item in enumerate(raw):
        label = str(item.get(id_field, f"[{index}]")) if isinstance(item, dict) else f"[{index}]"
        record = _validate(model, item, name, label)
        rid = getattr(record, id_field)
        if rid in out:
            raise KnowledgeError(f"{name}: {rid}: duplicate {id_field}")
        out[rid] = record
    return out


def _text_file(data_dir: Path, name: str) -> dict[str, str]:
    """One i18n file: a mapping of text keys to non-empty texts."""
    raw = _read_yaml(data_dir / name)
    if not isinstance(raw, dict):
        raise KnowledgeError(f"{name}: (top level): expected a mapping of text keys")
    for key, value in raw.items():
        if not isinstance(value, str) or not value.strip():
            raise KnowledgeError(f"{name}: {key}: expected a non-empty text")
    return {str(k): v for k, v in raw.items()}


def _texts(data_dir: Path) -> dict[str, dict[str, str]]:
    texts = {lang: _text_file(data_dir, f"i18n/{lang}.yaml") for lang in ("de", "en")}
    de, en = texts["de"], texts["en"]
    for missing, lang in ((set(de) - set(en), "en"), (set(en) - set(de), "de")):
        if missing:
            raise KnowledgeError(f"i18n/{lang}.yaml: {sorted(missing)[0]}: text missing in this language")
    for key in de:
        if set(_PLACEHOLDER.findall(de[key])) != set(_PLACEHOLDER.findall(en[key])):
            raise KnowledgeError(f"i18n/en.yaml: {key}: placeholders differ from i18n/de.yaml")
    return texts


def _texts_for_child(data_dir: Path, texts: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """The parent's wording of some texts: each key exists in the base file, with the same placeholders, and
    both languages override the same keys (so a parent never sees one language addressed to them and the other
    not)."""
    out: dict[str, dict[str, str]] = {}
    for lang in ("de", "en"):
        name = f"i18n/{lang}.child.yaml"
        out[lang] = _text_file(data_dir, name)
        for key, value in out[lang].items():
            if key not in texts[lang]:
                raise KnowledgeError(f"{name}: {key}: no such text in i18n/{lang}.yaml")
            if set(_PLACEHOLDER.findall(value)) != set(_PLACEHOLDER.findall(texts[lang][key])):
                raise KnowledgeError(f"{name}: {key}: placeholders differ from i18n/{lang}.yaml")
    if missing := sorted(set(out["de"]) ^ set(out["en"])):
        raise KnowledgeError(f"i18n/*.child.yaml: {missing[0]}: given in one language only")
    return out


def _changelog(data_dir: Path) -> tuple[ChangelogEntry, ...]:
    raw = _read_yaml(data_dir / "changelog.yaml")
    if not isinstance(raw, list) or not raw:
        raise KnowledgeError("changelog.yaml: (top level): expected a non-empty list of entries")
    entries = tuple(_validate(ChangelogEntry, e, "changelog.yaml", f"[{i}]") for i, e in enumerate(raw))
    for i, (before, after) in enumerate(itertools.pairwise(entries), start=1):
        if version_key(after.version) < version_key(before.version) or after.date < before.date:
            raise KnowledgeError(f"changelog.yaml: [{i}]: entries go from oldest to newest")
    return entries


def load(data_dir: Path = DATA_DIR) -> Knowledge:
    """Read and check every data file; raises KnowledgeError naming the file and key."""
    meta = _validate(Meta, _read_yaml(data_dir / "meta.yaml"), "meta.yaml")
    raw_events = _read_yaml(data_dir / "events.yaml")
    if not isinstance(raw_events, list):
        raise KnowledgeError("events.yaml: (top level): expected a list of events")
    events = tuple(_validate(Event, e, "events.yaml", f"[{i}]") for i, e in enumerate(raw_events))
    all_sources = _records(data_dir, "sources.yaml", Source, "id")
    knowledge = Knowledge(
        meta=meta,
        sources={sid: s for sid, s in all_sources.items() if s.retired is None},
        retired_sources={sid: s for sid, s in all_sources.items() if s.retired is not None},
        facts=_records(data_dir, "facts.yaml", Fact, "id"),
        forms=_records(data_dir, "forms.yaml", Form, "id"),
        services=_records(data_dir, "services.yaml", Service, "code"),
        categories=_records(data_dir, "categories.yaml", Category, "id"),
        events=tuple(sorted(events, key=lambda e: e.date)),
        actions=_records(data_dir, "actions.yaml", Action, "id"),
        texts=(texts := _texts(data_dir)),
        texts_for_child=_texts_for_child(data_dir, texts),
        authorities=_records(data_dir, "authorities.yaml", Authority, "id"),
        changelog=_changelog(data_dir),
    )
    _check_references(knowledge)
    return knowledge


@functools.cache
def default() -> Knowledge:
    """The app's knowledge base, loaded once per process."""
    return load()


def _check_references(k: Knowledge) -> None:
    """Every id a record names exists: a fact's sources, a form's facts, a service's categories, ..."""

    def need(file: str, where: str, ids: tuple[str, ...], pool: dict, kind: str) -> None:
        for ref in ids:
            if ref in k.retired_sources and kind == "source":
                raise KnowledgeError(f"{file}: {where}: retired source {ref!r}{_replacement(k, ref)}")
            if ref not in pool:
                raise KnowledgeError(f"{file}: {where}: unknown {kind} {ref!r}")

    _check_source_links(k)
    _check_changelog(k)
    _check_link_format(k)
    _check_v2_references(k, need)
    for fact in k.facts.values():
        need("facts.yaml", f"{fact.id}.sources", fact.sources, k.sources, "source")
        for i, claim in enumerate(fact.claims):
            need("facts.yaml", f"{fact.id}.claims.{i}.sources", claim.sources, k.sources, "source")
    for form in k.forms.values():
        need("forms.yaml", f"{form.id}.facts", form.facts, k.facts, "fact")
    missing = set(SERVICES) - set(k.services)
    if missing:
        raise KnowledgeError(f"services.yaml: {sorted(missing)[0]}: service of the link format has no record")
    for service in k.services.values():
        _check_service(k, service, need)
    for cat in k.categories.values():
        need("categories.yaml", f"{cat.id}.facts", cat.facts, k.facts, "fact")
    for i, event in enumerate(k.events):
        need("events.yaml", f"{event.date}.sources", event.sources, k.sources, "source")
        need("events.yaml", f"{event.date}.facts", event.facts, k.facts, "fact")
        del i
    for action in k.actions.values():
        need("actions.yaml", f"{action.id}.forms", action.forms, k.forms, "form")
        need("actions.yaml", f"{action.id}.links", action.links, k.sources, "source")
        need("actions.yaml", f"{action.id}.facts", action.facts, k.facts, "fact")


def _check_service(k: Knowledge, service: Service, need) -> None:
    """A service's references exist, a followed service has a form of its own, unclear facts are unclear."""
    where = service.code
    need("services.yaml", f"{where}.facts", service.facts, k.facts, "fact")
    need("services.yaml", f"{where}.categories", service.categories, k.categories, "category")
    need("services.yaml", f"{where}.ai_chat_actions", service.ai_chat_actions, k.actions, "action")
    for i, point in enumerate(service.unclear):
        need("services.yaml", f"{where}.unclear.{i}.facts", point.facts, k.facts, "fact")
        for fid in point.facts:
            if k.facts[fid].confidence != "unclear":
                raise KnowledgeError(
                    f"services.yaml: {where}.unclear.{i}.facts: {fid} is not an unclear fact"
                )
    _check_objection(k, service, need)
    used = {k.categories[c].used_when for c in service.categories}
    if service.affected_through == "ai_chats" and used & {"account", "public"}:
        raise KnowledgeError(f"services.yaml: {where}.categories: affected only through AI chats, yet public")
    if service.affected_through == "public_content" and "account" not in used:
        raise KnowledgeError(f"services.yaml: {where}.categories: public content needs an 'account' category")


def _check_objection(k: Knowledge, service: Service, need) -> None:
    route, where = service.objection, f"{service.code}.objection"
    if route is None:
        return
    if route.form is not None:
        need("services.yaml", f"{where}.form", (route.form,), k.forms, "form")
        return
    need("services.yaml", f"{where}.follows", route.follows, k.services, "service")
    for followed in route.follows:
        if not k.services[followed].own_form:
            raise KnowledgeError(f"services.yaml: {where}.follows: {followed!r} has no form of its own")
    need("services.yaml", f"{where}.facts", route.facts, k.facts, "fact")
    need("services.yaml", f"{where}.action", (route.action,), k.actions, "action")
    listed = {f for point in service.unclear for f in point.facts}
    if route.confidence == "unclear" and not set(route.facts) <= listed:
        raise KnowledgeError(f"services.yaml: {where}.facts: an unclear link's facts belong under `unclear`")


def _replacement(k: Knowledge, retired_id: str) -> str:
    replaced_by = k.retired_sources[retired_id].retired.replaced_by
    return f" (replaced by {replaced_by})" if replaced_by else ""


def _check_source_links(k: Knowledge) -> None:
    """`same_as` names an original that is itself no copy; `replaced_by` names a source still in use."""
    for src in k.sources.values():
        if src.same_as is None:
            continue
        original = k.sources.get(src.same_as)
        if original is None:
            raise KnowledgeError(f"sources.yaml: {src.id}.same_as: unknown source {src.same_as!r}")
        if original.same_as is not None:
            raise KnowledgeError(f"sources.yaml: {src.id}.same_as: {src.same_as!r} is itself a copy")
    for src in k.retired_sources.values():
        new = src.retired.replaced_by
        if new is not None and new not in k.sources:
            raise KnowledgeError(f"sources.yaml: {src.id}.retired.replaced_by: unknown source {new!r}")


def _check_v2_references(k: Knowledge, need) -> None:
    """Knowledge v2 files name only existing sources and facts (meta status, authorities, changelog)."""
    need("meta.yaml", "proceedings.sources", k.meta.proceedings.sources, k.sources, "source")
    for authority in k.authorities.values():
        need("authorities.yaml", f"{authority.id}.sources", authority.sources, k.sources, "source")
    for i, entry in enumerate(k.changelog):
        need("changelog.yaml", f"[{i}].facts", entry.facts, k.facts, "fact")


def _check_changelog(k: Knowledge) -> None:
    """The newest changelog entry is the knowledge's own version: a link's `k=` can always be placed."""
    newest = k.changelog[-1].version
    if newest != k.meta.version:
        where = f"[{len(k.changelog) - 1}].version"
        raise KnowledgeError(f"changelog.yaml: {where}: {newest!r} is not meta.yaml's {k.meta.version!r}")


def _check_link_format(k: Knowledge) -> None:
    """The share link's fixed values (a public contract, kicheck/answers.py) agree with the data behind them:
    which services can be public (`pub=`), have Meta AI (`ai=`), form the linked group (`linked=`), and the
    last day `before-start` means. A change in data/ that the link cannot follow fails here, never as a
    silently dropped answer. (A form of its own needs nothing here: the link carries obj_<code> for each.)"""
    for codes, used_when, key in ((PUBLIC_CAPABLE, "public", "pub"), (AI_CAPABLE, "ai_chats", "ai")):
        for code, service in k.services.items():
            has = any(k.categories[c].used_when == used_when for c in service.categories)
            if has != (code in codes):
                raise KnowledgeError(
                    f"services.yaml: {code}.categories: {'a' if has else 'no'} '{used_when}' category, but "
                    f"the share link's `{key}=` takes {', '.join(codes)} (a change of the link format)"
                )
    if k.accounts_center != LINKED_GROUP:
        raise KnowledgeError(
            f"services.yaml: accounts_center: {', '.join(k.accounts_center)}, but the share link's `linked=` "
            f"is about {', '.join(LINKED_GROUP)} (a change of the link format)"
        )
    if k.meta.training_start != LATEST_BEFORE_START + timedelta(days=1):
        raise KnowledgeError(
            f"meta.yaml: training_start: {k.meta.training_start}, but the share link's `before-start` means "
            f"on or before {LATEST_BEFORE_START} (a change of the link format)"
        )
