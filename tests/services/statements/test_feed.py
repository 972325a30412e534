"""The Atom feed: valid, with the required elements, one entry per public revision."""

import xml.etree.ElementTree as ET
from datetime import timedelta

from models.base import utcnow
from services.statements import workflow
from services.statements.editing import StatementText
from services.statements.feed import ATOM, atom_feed
from tests.factories import create_staff
from tests.factories.statements import create_statement

NS = {"atom": ATOM}


def _parse(db_session):
    return ET.fromstring(atom_feed(db_session, site_name="Voice & <Co>"))


def test_the_feed_has_the_elements_atom_requires(db_session):
    create_statement(title="Safe caseloads & pay")
    feed = _parse(db_session)
    assert feed.tag == f"{{{ATOM}}}feed"
    for name in ("id", "title", "updated", "author/atom:name"):
        assert feed.find(f"atom:{name}", NS) is not None, name
    assert feed.find("atom:title", NS).text == "Voice & <Co>: position statements"
    assert feed.find("atom:link[@rel='self']", NS).get("href").endswith("/statements/feed.atom")
    entry = feed.find("atom:entry", NS)
    for name in ("id", "title", "updated", "link", "summary"):
        assert entry.find(f"atom:{name}", NS) is not None, name
    assert entry.find("atom:title", NS).text == "Safe caseloads & pay"
    assert entry.find("atom:updated", NS).text.endswith("Z")


def test_published_and_revised_statements_are_entries_and_drafts_are_not(db_session):
    statement = create_statement(title="Caseloads")
    create_statement(title="Unfinished", state="draft")
    workflow.revise(db_session, statement, StatementText(
        title="Caseloads", summary=statement.summary, body="New words."),
        actor=create_staff(), change_note="Clearer.", now=utcnow() + timedelta(minutes=1))
    entries = _parse(db_session).findall("atom:entry", NS)
    assert [e.find("atom:title", NS).text for e in entries] == [
        "Caseloads (revised)", "Caseloads"]
    ids = [e.find("atom:id", NS).text for e in entries]
    assert len(set(ids)) == 2
    assert entries[0].find("atom:summary", NS).text.startswith("Clearer.")


def test_an_empty_feed_is_still_valid(db_session):
    feed = _parse(db_session)
    assert feed.find("atom:updated", NS).text and feed.findall("atom:entry", NS) == []
