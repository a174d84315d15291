"""The built-in vocabulary: each allowed value with the words readers see.

Editors may add timeline kinds and statement venues for their event under
`vocabulary:` in data/event.yml; these lists stay the defaults, and the JSON
Schemas still offer them for completion.
"""

from __future__ import annotations

from functools import cache

ACTOR_KINDS = {
    "person": "person",
    "government-body": "government body",
    "court": "court",
    "legislature": "legislature",
    "company": "company",
    "organisation": "organisation",
    "media": "media",
}
VENUES = {
    "telegram-post": "Telegram post",
    "tweet": "tweet",
    "social-media-post": "social media post",
    "internal-memo": "internal memo",
    "internal-post": "internal post",
    "press-statement": "press statement",
    "press-conference": "press conference",
    "briefing": "briefing",
    "speech": "speech",
    "broadcast": "broadcast",
    "interview": "interview",
    "news-agency": "remarks to a news agency",
    "blog-post": "blog post",
    "email": "email",
    "letter": "letter",
    "court-filing": "court filing",
    "directive": "directive",
    "decree": "decree",
    "report": "report",
    "other": "other",
}
TIMELINE_KINDS = {
    "announcement": "announcement",
    "policy-change": "policy change",
    "legal-action": "legal action",
    "block-takes-effect": "block takes effect",
    "restriction-lifted": "restriction lifted",
    "measurement": "measurement",
    "report": "report",
    "court-ruling": "court ruling",
    "statement": "statement",
    "meeting": "meeting",
    "vote": "vote",
    "protest": "protest",
    "incident": "incident",
    "other": "other",
}
OUTLETS = {  # what kind of publisher a source is, for grouping and for readers weighing it
    "news-agency": "news agency",
    "newspaper": "newspaper",
    "broadcaster": "broadcaster",
    "magazine": "magazine",
    "online-news": "online news site",
    "state-media": "state media",
    "company": "company",
    "government": "government",
    "monitor": "monitoring organisation",
    "ngo": "non-governmental organisation",
    "court": "court",
    "other": "other publisher",
}
RELATIONS = {  # how a relation reads from the statement that makes it, and from its target
    "responds-to": ("Responds to", "Responded to by"),
    "narrows": ("Narrows", "Narrowed by"),
    "contradicts": ("Contradicts", "Contradicted by"),
    "repeats": ("Repeats", "Repeated by"),
    "supports": ("Supports", "Supported by"),
}
# The vocabulary lists editors can extend: field in `vocabulary:` -> built-in values.
EXTENSIBLE = {"venues": VENUES, "timeline_kinds": TIMELINE_KINDS}


@cache
def language(code: str) -> str:
    """An ISO 639 code's English name, from Babel's CLDR data ("ja" -> "Japanese")."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name("en")
    except (ValueError, UnknownLocaleError):  # a code CLDR has no locale for, like "ber"
        name = Locale("en").languages.get(code.split("-")[0])
    return name or code


@cache
def zone_name(zone: str) -> str:
    """A time zone as readers name it: "Moscow" for Europe/Moscow (CLDR's exemplar city)."""
    from babel.dates import get_timezone_location

    city = get_timezone_location(zone, locale="en", return_city=True)
    return city.rsplit("/", 1)[-1] if city else zone
