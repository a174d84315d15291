"""The built-in vocabulary: each allowed value, with the words readers see as a message to translate.

The ids are the data's; the words are English message ids, marked with `NP_(context, words)` so
`make translations` extracts them, and translated where they are shown, in the site's language
(macros/pages/locales/). Each table's context keeps words that are alike in English apart in other
languages (an outlet's "court" and an actor's "court" may differ).

Editors may add timeline kinds and statement venues for their event under `vocabulary:` in
data/event.yml, in their own words, shown as written; these lists stay the defaults, and the JSON
Schemas still offer them for completion.
"""

from __future__ import annotations

from functools import cache


def NP_(context: str, message: str) -> str:
    """Mark words for extraction (gettext's name for a marker); they are translated where shown."""
    return message


ACTOR_KINDS = {
    "person": NP_("actor kind", "person"),
    "government-body": NP_("actor kind", "government body"),
    "court": NP_("actor kind", "court"),
    "legislature": NP_("actor kind", "legislature"),
    "company": NP_("actor kind", "company"),
    "organisation": NP_("actor kind", "organisation"),
    "media": NP_("actor kind", "media"),
}
VENUES = {
    "telegram-post": NP_("venue", "Telegram post"),
    "tweet": NP_("venue", "tweet"),
    "social-media-post": NP_("venue", "social media post"),
    "internal-memo": NP_("venue", "internal memo"),
    "internal-post": NP_("venue", "internal post"),
    "press-statement": NP_("venue", "press statement"),
    "press-conference": NP_("venue", "press conference"),
    "briefing": NP_("venue", "briefing"),
    "speech": NP_("venue", "speech"),
    "broadcast": NP_("venue", "broadcast"),
    "interview": NP_("venue", "interview"),
    "news-agency": NP_("venue", "remarks to a news agency"),
    "blog-post": NP_("venue", "blog post"),
    "email": NP_("venue", "email"),
    "letter": NP_("venue", "letter"),
    "court-filing": NP_("venue", "court filing"),
    "directive": NP_("venue", "directive"),
    "decree": NP_("venue", "decree"),
    "report": NP_("venue", "report"),
    "other": NP_("venue", "other"),
}
TIMELINE_KINDS = {
    "announcement": NP_("timeline kind", "announcement"),
    "policy-change": NP_("timeline kind", "policy change"),
    "legal-action": NP_("timeline kind", "legal action"),
    "block-takes-effect": NP_("timeline kind", "block takes effect"),
    "restriction-lifted": NP_("timeline kind", "restriction lifted"),
    "measurement": NP_("timeline kind", "measurement"),
    "report": NP_("timeline kind", "report"),
    "court-ruling": NP_("timeline kind", "court ruling"),
    "statement": NP_("timeline kind", "statement"),
    "meeting": NP_("timeline kind", "meeting"),
    "vote": NP_("timeline kind", "vote"),
    "protest": NP_("timeline kind", "protest"),
    "incident": NP_("timeline kind", "incident"),
    "other": NP_("timeline kind", "other"),
}
OUTLETS = {  # what kind of publisher a source is, for grouping and for readers weighing it
    "news-agency": NP_("outlet", "news agency"),
    "newspaper": NP_("outlet", "newspaper"),
    "broadcaster": NP_("outlet", "broadcaster"),
    "magazine": NP_("outlet", "magazine"),
    "online-news": NP_("outlet", "online news site"),
    "state-media": NP_("outlet", "state media"),
    "company": NP_("outlet", "company"),
    "government": NP_("outlet", "government"),
    "monitor": NP_("outlet", "monitoring organisation"),
    "ngo": NP_("outlet", "non-governmental organisation"),
    "court": NP_("outlet", "court"),
    "other": NP_("outlet", "other publisher"),
}
RELATIONS = {  # how a relation reads from the statement that makes it, and from its target
    "responds-to": (NP_("relation", "Responds to"), NP_("relation", "Responded to by")),
    "narrows": (NP_("relation", "Narrows"), NP_("relation", "Narrowed by")),
    "contradicts": (NP_("relation", "Contradicts"), NP_("relation", "Contradicted by")),
    "repeats": (NP_("relation", "Repeats"), NP_("relation", "Repeated by")),
    "supports": (NP_("relation", "Supports"), NP_("relation", "Supported by")),
}
# The vocabulary lists editors can extend: field in `vocabulary:` -> built-in values.
EXTENSIBLE = {"venues": VENUES, "timeline_kinds": TIMELINE_KINDS}
# Where a value's words are looked up, in this order, with the context they are translated in.
_LABELLED = (("venue", VENUES), ("timeline kind", TIMELINE_KINDS), ("actor kind", ACTOR_KINDS))


def builtin_words(value: str) -> tuple[str, str] | None:
    """(context, English words) of a built-in venue, timeline kind or actor kind, for translating."""
    for context, table in _LABELLED:
        if value in table:
            return context, table[value]
    return None


@cache
def language(code: str) -> str:
    """A language code's English name, for editors' messages ("ja" -> "Japanese"); readers get it in the
    site's language from the pages (macros/pages/i18n.py)."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name("en")
    except (ValueError, UnknownLocaleError):  # a code CLDR has no locale for, like "ber"
        name = Locale("en").languages.get(code.split("-")[0])
    return name or code
