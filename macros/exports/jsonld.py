"""schema.org JSON-LD for the pages, and a serialiser that is safe inside
`<script type="application/ld+json">`.

What each record becomes (context "https://schema.org"):

- The explainer: `NewsArticle` with `headline` (the event's title), `description` (its summary),
  `inLanguage` (the site's language),
  `datePublished` and `dateModified` (the first and the latest date in the updates log), and
  `about` an `Event` (name, start and end dates, `location` a `Place` named after `place`), and
  `correction`: one `CorrectionComment` per correction in the updates log, with `text`,
  `datePublished`, and, with the site's address known, `url` (the correction in the log) and
  `about` (the `@id`s of the records it names).
- Actors: `Person` for kind person, `GovernmentOrganization` for government bodies, courts and
  legislatures, `Corporation` for companies, `NewsMediaOrganization` for media, `Organization`
  otherwise; with `name`, `description`, `jobTitle` (a person's role) or `disambiguatingDescription`
  (an organisation's role), `affiliation` (a person's) or
  `parentOrganization` (an organisation's), `workLocation`/`location` a `Country`, and
  `subjectOf` the sources.
- Statements: `Quotation` with `text` (the quote, or the paraphrase, with `genre` "quote" or
  "paraphrase"), `creator` (the actor), `dateCreated` (ISO, precision kept: 2021-05),
  `isBasedOn` (the sources' addresses), `description` (the context), `keywords` (the topics)
  and, for a translation, `translationOfWork` (the original text and its language); `correction`
  the corrections that name it, as on the article.
- Timeline entries: `Event` with `name`, `description`, `startDate`/`endDate` (a day, or a time
  with its UTC offset), `about` (the actors), `keywords` (the kind, in readers' words), `subjectOf` the sources.
- The downloads (`downloads`, for the page that lists them): a `Dataset` named after the event,
  with one `DataDownload` per file (`name`, `encodingFormat`, and `contentUrl` when the site's
  address is known).
- Sources: `NewsArticle` when the source's `outlet` is a news outlet (news agency, newspaper,
  broadcaster, magazine, online news, state media), else `CreativeWork`; with `name`, `publisher`, `author`,
  `datePublished`, `url`,
  `archivedAt` (the archived copy), `sameAs` (a syndicated or mirror copy) and `inLanguage`.

With the site's address known, every node has an `@id`: the record's anchor on its page, or a
source's own address; references between nodes carry the `@id` with the type and name.

`dumps` writes JSON whose `<`, `>`, `&`, U+2028 and U+2029 are `\\u` escapes: the same data
to a JSON parser, but no `</script>` or `<!--` can appear, so text from the data cannot end
the script element or change how the browser reads it.
"""

from __future__ import annotations

import json

from ..data import kinds, model
from ..data.dataset import Dataset
from .common import Site, first_update, iso_date, kind_words, last_update, named_records

CONTEXT = "https://schema.org"
ACTOR_TYPES = {
    "person": "Person",
    "government-body": "GovernmentOrganization",
    "court": "GovernmentOrganization",
    "legislature": "GovernmentOrganization",
    "company": "Corporation",
    "media": "NewsMediaOrganization",
    "organisation": "Organization",
}
NEWS_OUTLETS = ("news-agency", "newspaper", "broadcaster", "magazine", "online-news", "state-media")
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def dumps(data) -> str:
    """JSON that is safe to place, unescaped, between <script type="application/ld+json"> tags."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # These characters only ever occur inside JSON strings, where the \u form means the same.
    return text.translate(_SCRIPT_SAFE)


def _with_id(node_id: str, node: dict) -> dict:
    return {"@id": node_id, **node} if node_id else node


def corrections(ds: Dataset, site: Site, record: tuple[str, str] | None = None) -> list[dict]:
    """The log's corrections as `CorrectionComment`s: all of them, or those naming one (kind, id)."""
    return [node for named, node in _corrections(ds, site) if record is None or record in named]


def _corrections(ds: Dataset, site: Site) -> list[tuple[list[tuple[str, str]], dict]]:
    """Each correction's node with the (kind, id) of the records it names: made once per page, as every
    statement on it asks."""
    out, known = [], ds.known()
    for update, anchor in zip(ds.event.updates, kinds.LOG.anchors(ds.event.updates), strict=True):
        if update.kind != kinds.LOG.correction:
            continue
        named = [(k.name, rid) for k, rid in named_records(ds, update, known)]
        node = {"@type": "CorrectionComment", "text": update.text, "datePublished": iso_date(update.date)}
        if site.log_link(anchor):
            node["url"] = site.log_link(anchor)
        about = [link for kind, rid in named if (link := site.link(kinds.BY_NAME[kind].block, rid))]
        if about:
            node["about"] = [{"@id": link} for link in about]
        out.append((named, node))
    return out


def _when(moment) -> str:
    return str(moment)  # a day, or a time with the offset it was written with


def actor_ref(a: model.Actor, site: Site) -> dict:
    return _with_id(site.link("actors", a.id), {"@type": ACTOR_TYPES[a.kind], "name": a.name})


def source_ref(src: model.Source, site: Site):
    """A source's address (what `isBasedOn` and `subjectOf` point at), or the source itself."""
    address = src.url or site.link("sources", src.id)
    return {"@id": address} if address else source(src, site)


def source(src: model.Source, site: Site) -> dict:
    node = {
        "@type": "NewsArticle" if src.outlet in NEWS_OUTLETS else "CreativeWork",
        "name": src.title,
        "publisher": {"@type": "Organization", "name": src.publisher},
        "inLanguage": src.language,
    }
    if src.published:
        node["datePublished"] = iso_date(src.published)
    if src.authors:
        node["author"] = [{"@type": "Person", "name": name} for name in src.authors]
    if src.url:
        node["url"] = src.url
    if src.copy_:
        node["sameAs"] = src.copy_.url
    if src.archive:
        node["archivedAt"] = src.archive.url
    return _with_id(src.url or site.link("sources", src.id), node)


def actor(ds: Dataset, a: model.Actor, site: Site) -> dict:
    node = actor_ref(a, site)
    node["description"] = a.description
    person = a.kind == "person"
    node["jobTitle" if person else "disambiguatingDescription"] = a.role
    if a.affiliation:
        node["affiliation" if person else "parentOrganization"] = actor_ref(ds.actors[a.affiliation], site)
    if a.country:
        node["workLocation" if person else "location"] = {"@type": "Country", "name": a.country}
    node["subjectOf"] = [source_ref(ds.sources[s], site) for s in a.sources]
    return node


def statement(ds: Dataset, st: model.Statement, site: Site, fixes: list | None = None) -> dict:
    """`fixes`: `_corrections(ds, site)`, for a caller that describes many statements."""
    node = {
        "@type": "Quotation",
        "text": st.quote or st.paraphrase,
        "genre": "quote" if st.quote else "paraphrase",
        "creator": actor_ref(ds.actors[st.actor], site),
        "dateCreated": iso_date(st.date),
        "description": st.context,
        "keywords": st.topics,
        "isBasedOn": [source_ref(ds.sources[s], site) for s in st.sources],
    }
    if st.translated_from:
        original = {"@type": "Quotation", "inLanguage": st.translated_from}
        if st.original_text:
            original["text"] = st.original_text
        node["translationOfWork"] = original
    key = ("statement", st.id)
    if fixed := [node for named, node in (_corrections(ds, site) if fixes is None else fixes) if key in named]:
        node["correction"] = fixed
    return _with_id(site.link("statements", st.id), node)


def timeline_entry(ds: Dataset, e: model.TimelineEntry, site: Site) -> dict:
    node = {"@type": "Event", "name": e.title, "description": e.description, "startDate": _when(e.start)}
    if e.end:
        node["endDate"] = _when(e.end)
    if e.actors:
        node["about"] = [actor_ref(ds.actors[a], site) for a in e.actors]
    node["keywords"] = kind_words(ds, e.kind, site)
    node["subjectOf"] = [source_ref(ds.sources[s], site) for s in e.sources]
    return _with_id(site.link("timeline", e.id), node)


def article(ds: Dataset, site: Site) -> dict:
    ev = ds.event
    about = {
        "@type": "Event",
        "name": ev.title,
        "startDate": iso_date(ev.start),
        "location": {"@type": "Place", "name": ev.place},
    }
    if ev.end:
        about["endDate"] = iso_date(ev.end)
    node = {
        "@type": "NewsArticle",
        "headline": ev.title,
        "description": ev.summary,
        "inLanguage": site.language,
        "datePublished": iso_date(first_update(ds).date),
        "dateModified": iso_date(last_update(ds).date),
        "about": about,
    }
    if fixed := corrections(ds, site):
        node["correction"] = fixed
    page = site.link("explainer")
    if page:
        node["url"] = page
    return _with_id(page, node)


def downloads(ds: Dataset, files, site: Site) -> dict:
    """A `Dataset` whose `distribution` is the downloads: `files` are (path, media type, title),
    paths relative to the site root. Without the site's address the files are named but not linked."""
    node = {
        "@type": "Dataset",
        "name": ds.event.title,
        "description": ds.event.summary,
        "dateModified": iso_date(last_update(ds).date),
        "distribution": [],
    }
    for path, media_type, title in files:
        item = {"@type": "DataDownload", "name": title, "encodingFormat": media_type}
        if site.url:
            item["contentUrl"] = site.url.rstrip("/") + "/" + path
        node["distribution"].append(item)
    return node


# Which nodes each page describes, by the kind of records it shows; `only`: the ids it holds, if not all.
def nodes(ds: Dataset, kind: str, site: Site, only: set[str] | None = None) -> list[dict]:
    if kind == "explainer":
        return [article(ds, site)]
    fixes = _corrections(ds, site) if kind == "statements" else []
    build = {
        "actors": (ds.actors, lambda a: actor(ds, a, site)),
        "statements": (ds.statements, lambda st: statement(ds, st, site, fixes)),
        "timeline": (ds.timeline, lambda e: timeline_entry(ds, e, site)),
        "sources": (ds.sources, lambda src: source(src, site)),
    }
    if kind not in build:
        raise ValueError(f"unknown kind of page: {kind}")
    records, node = build[kind]
    return [node(r) for r in records.values() if only is None or r.id in only]


def graph(ds: Dataset, kinds: list[str], site: Site = Site(), files=(), only: dict | None = None) -> dict:
    """The JSON-LD document for a page that shows `kinds` of records (the explainer article is
    always in it, so every page says what it belongs to), and `files` if it lists the downloads.
    `only`: for a page showing one part of a kind, the ids of the records it holds, by kind."""
    wanted = ["explainer"] + [k for k in kinds if k != "explainer"]
    found = [n for k in wanted for n in nodes(ds, k, site, (only or {}).get(k))]
    if files:
        found.append(downloads(ds, files, site))
    return {"@context": CONTEXT, "@graph": found}


def render(ds: Dataset, kinds: list[str], site: Site = Site(), files=(), only: dict | None = None) -> str:
    return dumps(graph(ds, kinds, site, files, only))
