"""The Atom feed of published and revised statements: one entry per public revision."""

# Only builds XML (nothing untrusted is parsed here), so defusedxml is not needed.
import re
import xml.etree.ElementTree as ET  # nosec B405
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from models.base import utcnow
from services.links import external_url
from services.statements.reading import recent_revisions

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50

_KIND_TITLES = {
    "published": "{title}",
    "revised": "{title} (revised)",
    "superseded": "{title} (superseded)",
    "withdrawn": "{title} (withdrawn)",
}


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# Characters XML 1.0 cannot carry at all (escaped or not). Forms refuse them now
# (rules.text), but text saved before that must not make the feed unreadable for everyone.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = _NOT_XML.sub("", text)
    return element


def atom_feed(session: Session, *, site_name: str) -> bytes:
    """Return the feed document (UTF-8 XML); ElementTree escapes every piece of text."""
    ET.register_namespace("", ATOM)
    revisions = session.scalars(recent_revisions(FEED_SIZE)).all()
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "id", external_url("statements.feed"))
    _sub(feed, "title", f"{site_name}: position statements")
    _sub(feed, "subtitle", "What the body says in public, and every change to it.")
    updated = revisions[0].published_at if revisions else utcnow()
    _sub(feed, "updated", _stamp(updated))
    _sub(feed, "link", rel="self", type="application/atom+xml",
         href=external_url("statements.feed"))
    _sub(feed, "link", rel="alternate", type="text/html", href=external_url("statements.index"))
    author = _sub(feed, "author")
    _sub(author, "name", site_name)
    for revision in revisions:
        statement = revision.statement
        entry = _sub(feed, "entry")
        _sub(entry, "id", external_url("statements.revision", slug=statement.slug,
                                       number=revision.number))
        title = _KIND_TITLES.get(revision.kind, "{title}").format(title=revision.title)
        _sub(entry, "title", title)
        _sub(entry, "updated", _stamp(revision.published_at))
        _sub(entry, "published", _stamp(statement.first_published_at or revision.published_at))
        _sub(entry, "link", rel="alternate", type="text/html",
             href=external_url("statements.show", slug=statement.slug))
        summary = revision.summary
        if revision.kind != "published":
            summary = f"{revision.change_note} {summary}"
        _sub(entry, "summary", summary, type="text")
        for topic in statement.topics:
            _sub(entry, "category", term=topic.slug, label=topic.label)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
