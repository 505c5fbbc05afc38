"""The person's answers: what they told the check, as one consistent, frozen set.

The share link (kicheck/link.py) carries them; the pages and the rules read them. Which services can be
public, have Meta AI or form the linked group is fixed here, as the link's values name them (a public
contract); kicheck/knowledge.py checks these sets against data/services.yaml at load.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

LANGUAGES = ("de", "en")
DEFAULT_LANG = "de"

# Canonical order of the service codes; lists in a link are written in this order.
SERVICES = ("fb", "ig", "th", "wa", "ms", "app")
PUBLIC_CAPABLE = ("fb", "ig", "th")  # services with posts or an account that can be public
AI_CAPABLE = ("fb", "ig", "wa", "ms", "app")  # services with the Meta AI assistant
# The services with a form of their own in v1 links (obj_fb, obj_ig). The pages read and ask obj_<code> for
# every service data/services.yaml gives a form (Knowledge.services_with_own_form); the codec's default.
OBJECTION_CAPABLE = ("fb", "ig")
LINKED_GROUP = ("fb", "ig")  # `linked=`: are these accounts linked (Meta's Accounts Center)?
# The loader checks PUBLIC_CAPABLE, AI_CAPABLE, LINKED_GROUP against data/services.yaml (_check_link_format).
NO_SERVICE = "none"

MAX_AGE = 120
# Objections to Meta's AI training were first possible in 2024; an earlier date is a typo, not an objection.
EARLIEST_OBJECTION = date(2024, 1, 1)
# "Objected before training started, day unknown": the latest day it can have been (training started on
# 27 May 2025, F1). Rules comparing dates with it stay on the safe side; presenters never print it as given.
LATEST_BEFORE_START = date(2025, 5, 26)
# v1.2: whom the check is for. "child": a parent answers for their child (the pages address the parent).
WHO_VALUES = ("self", "child")


@dataclass(frozen=True)
class Answers:
    """What the person told us. Only consistent sets are valid; `link.normalized` drops the rest."""

    lang: str = DEFAULT_LANG
    age: int | None = None  # the age on `made_on` (on the day the link is opened, when made_on is None)
    birthdate_wrong: bool = False  # the profile says 18+ though the person is younger
    services: frozenset[str] = frozenset()
    public: frozenset[str] = frozenset()  # where posts / the account are public
    ai: frozenset[str] = frozenset()  # where the person writes to Meta AI
    # Facebook and Instagram in the same Accounts Center; None: "I don't know". A v1 link without the key
    # meant "no", and still does.
    linked: bool | None = False
    objections: Mapping[str, date] = field(default_factory=dict)  # service code -> date of objection
    # Objections made before training started, day unknown: objections[s] is LATEST_BEFORE_START for them.
    objected_before_start: frozenset[str] = frozenset()
    made_on: date | None = None  # the day the link was made (d=); None: read as made today
    knowledge_version: str | None = None  # the knowledge base's version when the link was made (k=)
    # v1.2
    for_child: bool = False  # a parent answers for their child (who=child)
    # "I don't know what the profile's birth date says" (bd=unknown; only for minors). Judged like a wrong
    # (adult) birth date, the safe side, and said so.
    birthdate_unknown: bool = False
    # Services where the person does not know whether they objected (obj_fb=unknown): judged as no objection.
    objection_unknown: frozenset[str] = frozenset()
    # "I don't know where I chat with Meta AI" (ai=unknown): judged as chatting wherever Meta AI is (said so).
    ai_unknown: bool = False

    def __hash__(self) -> int:  # Mapping is not hashable; answers are used as cache keys
        return hash(
            (
                self.lang,
                self.age,
                self.birthdate_wrong,
                self.services,
                self.public,
                self.ai,
                self.linked,
                tuple(sorted(self.objections.items())),
                self.objected_before_start,
                self.made_on,
                self.knowledge_version,
                self.for_child,
                self.birthdate_unknown,
                self.objection_unknown,
                self.ai_unknown,
            )
        )

    def objection(self, service: str) -> date | None:
        return self.objections.get(service)

    def objection_day_known(self, service: str) -> bool:
        """False when the objection was made before the start on an unknown day: never print its date."""
        return service not in self.objected_before_start

    @property
    def is_minor(self) -> bool:
        return self.age is not None and self.age < 18

    @property
    def uses_both_fb_and_ig(self) -> bool:
        return set(LINKED_GROUP) <= self.services

    @property
    def profile_may_say_adult(self) -> bool:
        """A minor whose profile says 18+ (bd=wrong), or may (bd=unknown): Meta may see an adult."""
        return self.birthdate_wrong or self.birthdate_unknown

    @property
    def needs_v12(self) -> bool:
        """Whether the answers hold a value only format v1.2 can write."""
        return self.for_child or self.birthdate_unknown or bool(self.objection_unknown) or self.ai_unknown

    @property
    def ai_judged(self) -> frozenset[str]:
        """Where the person's Meta AI chats are judged to be: as answered, or, for "I don't know", wherever
        they use a service with Meta AI (the safe side)."""
        if self.ai_unknown:
            return frozenset(AI_CAPABLE) & self.services
        return self.ai


def age_range_on(answers: Answers, day: date) -> tuple[int, int] | None:
    """The person's age on `day`, given `age` on the day the link was made: (youngest, oldest) possible.

    The birthday is not known, so between two anniversaries of `made_on` the age is one of two numbers. A link
    without `made_on` is read as made on `day`. None when no age was given.
    """
    if answers.age is None:
        return None
    made = answers.made_on or day
    earlier, later = sorted((made, day))
    years = later.year - earlier.year - ((later.month, later.day) < (earlier.month, earlier.day))
    maybe_one_more = 0 if (later.month, later.day) == (earlier.month, earlier.day) else 1
    if day >= made:
        return answers.age + years, answers.age + years + maybe_one_more
    return max(0, answers.age - years - maybe_one_more), max(0, answers.age - years)


def stamped(answers: Answers, today: date, knowledge_version: str) -> Answers:
    """The answers as a link made today carries them: with the day (d) and the knowledge version (k).

    Answers that already name the day their link was made keep it (and their k, or none): passing a link on
    never moves the age it was made with or hides what changed since.
    """
    if answers.made_on is not None:
        return answers
    return replace(answers, made_on=today, knowledge_version=knowledge_version)


def ordered(codes: Iterable[str]) -> tuple[str, ...]:
    """Service codes in the canonical order (Facebook, Instagram, Threads, WhatsApp, Messenger, app)."""
    chosen = set(codes)
    return tuple(c for c in SERVICES if c in chosen)
