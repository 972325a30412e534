"""Public statement pages: list, search, the page itself, history, diffs, feed, API, endorsing."""

import xml.etree.ElementTree as ET

import pytest

from services.statements import workflow
from services.statements.editing import StatementText
from tests.factories import create_member, create_staff, create_user
from tests.factories.statements import create_statement
from tests.helpers import page_text
from tests.services.statements.test_markdown import assert_inert, parse_elements
from tests.services.statements.xss_payloads import XSS_PAYLOADS


def _main(response) -> str:
    """The page's main content only: the layout's own links and scripts are not the body's."""
    html = response.get_data(as_text=True)
    return html.split('<main id="main-content"', 1)[1].split("</main>", 1)[0]


def test_the_list_shows_published_statements_but_not_drafts(visitor):
    create_statement(title="Safe caseloads now")
    create_statement(title="A secret draft", state="draft")
    text = page_text(visitor.get("statements.index"))
    assert "Safe caseloads now" in text
    assert "A secret draft" not in text


def test_a_draft_is_not_public(visitor, client_as):
    draft = create_statement(title="A secret draft", state="in_review")
    visitor.get("statements.show", slug=draft.slug, _expected=404)
    client_as(create_member()).get("statements.show", slug=draft.slug, _expected=404)
    visitor.get("statements_api.detail", slug=draft.slug, _expected=404)
    staff = client_as(create_staff()).get("statements.show", slug=draft.slug, _expected=302)
    assert staff.headers["Location"].endswith(f"/staff/statements/{draft.id}")


def test_the_list_filters_by_topic_and_searches_title_summary_and_body(visitor):
    create_statement(title="Pay rise", topics="Pay")
    create_statement(title="Caseloads", summary="About workload", topics="Workforce")
    create_statement(title="Schools", body="Every school needs a 100% named social worker.")
    assert _titles(visitor, topic="pay") == ["Pay rise"]
    assert _titles(visitor, q="workload") == ["Caseloads"]
    assert _titles(visitor, q="NAMED social") == ["Schools"]
    assert _titles(visitor, q="100%") == ["Schools"]
    assert _titles(visitor, q="nothing-like-this") == []


def _titles(visitor, **args) -> list[str]:
    html = _main(visitor.get("statements.index", **args))
    return [t for t in ("Pay rise", "Caseloads", "Schools") if f">{t}</a></h2>" in html]


def test_the_statement_page_shows_dates_topics_and_share_links(visitor):
    statement = create_statement(title="Safe caseloads", body="# Why\n\nBecause.",
                                 topics="Workforce")
    response = visitor.get("statements.show", slug=statement.slug)
    text = page_text(response)
    assert "First published" in text and "Last revised" in text
    assert "<h2>Why</h2>" in response.get_data(as_text=True)
    assert "Workforce" in text
    html = response.get_data(as_text=True)
    assert "https://www.linkedin.com/sharing/share-offsite/?url=http%3A%2F%2Flocalhost" \
           "%2Fstatements%2F" + statement.slug in html
    assert "mailto:?subject=" in html
    assert "<script" not in _main(response)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_stored_hostile_body_comes_out_inert_on_the_public_page(visitor, payload):
    statement = create_statement(body=f"Intro.\n\n{payload}\n\nEnd.", summary=payload[:600])
    main = _main(visitor.get("statements.show", slug=statement.slug))
    body = main.split('<div class="statement-body">', 1)[1].split("</article>", 1)[0]
    assert_inert(body)
    # The page's own markup around the body has no script either.
    assert all(tag != "script" for tag, _ in parse_elements(main))


def test_a_withdrawn_statement_stays_readable_and_is_marked(visitor):
    statement = create_statement(state="withdrawn", body="Our old words.")
    text = page_text(visitor.get("statements.show", slug=statement.slug))
    assert "This statement was withdrawn" in text
    assert "No longer our view." in text
    assert "Our old words." in text


def test_superseded_and_superseding_statements_link_to_each_other(db_session, visitor):
    old, new = create_statement(title="Old view"), create_statement(title="New view")
    workflow.supersede(db_session, old, by=new, actor=create_staff())
    db_session.commit()
    old_html = visitor.get("statements.show", slug=old.slug).get_data(as_text=True)
    new_html = visitor.get("statements.show", slug=new.slug).get_data(as_text=True)
    assert f'href="/statements/{new.slug}">New view</a>' in old_html
    assert f'href="/statements/{old.slug}">Old view</a>' in new_html


def test_history_and_diff_show_what_changed_between_revisions(db_session, visitor):
    statement = create_statement(body="We ask for eighteen cases at most.")
    workflow.revise(db_session, statement, StatementText(
        title=statement.title, summary=statement.summary,
        body="We ask for fifteen cases at most."), actor=create_staff(),
        change_note="Lower limit agreed by council.")
    db_session.commit()
    history = page_text(visitor.get("statements.history", slug=statement.slug))
    assert "Revision 2" in history and "Lower limit agreed by council." in history
    diff = visitor.get("statements.diff", slug=statement.slug, **{"from": 1, "to": 2})
    assert "We ask for <del>eighteen</del><ins>fifteen</ins> cases at most." in \
        diff.get_data(as_text=True)
    old = page_text(visitor.get("statements.revision", slug=statement.slug, number=1))
    assert "eighteen" in old and "fifteen" not in old


def test_a_diff_of_revisions_that_do_not_exist_goes_back_to_the_history(visitor):
    statement = create_statement()
    response = visitor.get("statements.diff", slug=statement.slug, _expected=302,
                           **{"from": 1, "to": 9})
    assert response.headers["Location"].endswith(f"/statements/{statement.slug}/history")


def test_the_feed_is_atom_with_the_published_statement(visitor):
    create_statement(title="Caseloads & pay")
    response = visitor.get("statements.feed")
    assert response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.data)
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert "Caseloads & pay" in titles


def test_a_control_character_saved_before_forms_refused_them_leaves_the_feed_valid_xml(
        visitor, client_as):
    statement = create_statement(title="Caseloads")
    for revision in statement.revisions:  # as the probe left it, before the text rule
        revision.title = "Case\x1bloads\x08"
    statement.title = revision.title
    feed = ET.fromstring(visitor.get("statements.feed").data)
    assert "Caseloads" in [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    refused = client_as(create_staff()).post("statement_editor.new", _expected=200, _data={
        "title": "Case\x1bloads", "summary": "We ask.", "body": "Because."})
    assert 'id="title-error"' in refused.get_data(as_text=True)


def test_the_api_lists_public_statements_with_cache_headers(visitor):
    statement = create_statement(title="Caseloads", topics="Workforce")
    create_statement(title="Draft", state="draft")
    response = visitor.get("statements_api.listing")
    assert response.headers["Cache-Control"] == "public, max-age=60"
    assert response.headers["ETag"]
    assert [s["title"] for s in response.json["statements"]] == ["Caseloads"]
    detail = visitor.get("statements_api.detail", slug=statement.slug).json
    assert detail["body_markdown"] == statement.body
    assert "<strong>safe</strong>" in detail["body_html"]
    assert detail["revisions"][0]["number"] == 1
    assert detail["topics"] == [{"slug": "workforce", "label": "Workforce"}]


def test_the_api_answers_a_repeat_request_with_not_modified(visitor):
    create_statement()
    etag = visitor.get("statements_api.listing").headers["ETag"]
    response = visitor.client.get(visitor.url("statements_api.listing"),
                                  headers={"If-None-Match": etag})
    assert response.status_code == 304


def test_the_api_gives_a_json_404(visitor):
    assert visitor.get("statements_api.detail", slug="nope", _expected=404).json["status"] == 404


def test_a_member_endorses_once_and_only_the_count_is_shown(client_as):
    statement = create_statement()
    member = client_as(create_member(name="Private Person"))
    member.post("statements.endorse", slug=statement.slug)
    member.post("statements.endorse", slug=statement.slug)
    text = page_text(client_as(create_member()).get("statements.show", slug=statement.slug))
    assert "1 member endorses this statement" in text
    assert "Private Person" not in text


def test_the_thanks_for_endorsing_is_shown_in_the_endorsements_where_the_page_lands(client_as):
    statement = create_statement()
    member = client_as(create_member())
    response = member.post("statements.endorse", slug=statement.slug)
    assert response.headers["Location"].endswith(f"/statements/{statement.slug}#messages")
    page = member.get("statements.show", slug=statement.slug).get_data(as_text=True)
    section = page[page.index('id="endorse"'):page.index('id="share-title"')]
    assert 'id="messages" tabindex="-1" data-focus-on-load' in section
    assert "Thank you: your endorsement is counted." in section


def test_links_and_landmarks_say_what_they_are(visitor):
    statement = create_statement()
    page = visitor.get("statements.show", slug=statement.slug).get_data(as_text=True)
    assert ">JSON<" not in page and "This statement’s data as JSON</a>" in page
    listing = visitor.get("statements.index").get_data(as_text=True)
    assert "Pages of statements" not in listing  # one page: no empty navigation landmark
    assert "All statements as JSON</a>" in listing


def test_endorsing_needs_a_csrf_token_and_an_account(client_as, visitor):
    statement = create_statement()
    client_as(create_member()).post("statements.endorse", slug=statement.slug, _csrf=False,
                                  _expected=400)
    visitor.post("statements.endorse", slug=statement.slug, _expected=302)
    assert "0 members endorse" in page_text(visitor.get("statements.show", slug=statement.slug))


def test_an_unverified_account_is_told_it_cannot_endorse(client_as):
    statement = create_statement()
    helper = client_as(create_user(verified=False))
    helper.post("statements.endorse", slug=statement.slug)
    assert "0 members endorse" in page_text(helper.get("statements.show", slug=statement.slug))


def test_members_read_a_draft_in_consultation_and_comment_for_staff_only(client_as, visitor):
    draft = create_statement(state="draft", consultation=True, body="Draft words.")
    member = client_as(create_member(name="Mo Member"))
    assert "Draft words." in page_text(member.get("statements.consultation", slug=draft.slug))
    member.post("statements.consultation", slug=draft.slug,
                _data={"body": "Please add evidence."})
    assert "Please add evidence." not in page_text(
        member.get("statements.consultation", slug=draft.slug))
    staff_view = page_text(client_as(create_staff()).get("statement_editor.view",
                                                         statement_id=draft.id))
    assert "Please add evidence." in staff_view and "Mo Member" in staff_view
    visitor.get("statements.consultation", slug=draft.slug, _expected=302)
    visitor.get("statements.show", slug=draft.slug, _expected=404)


def test_an_empty_comment_gets_a_message_next_to_the_field(client_as):
    draft = create_statement(state="draft", consultation=True)
    response = client_as(create_member()).post("statements.consultation", slug=draft.slug,
                                             _data={"body": " "}, _expected=200)
    assert "Write your comment." in page_text(response)


def test_a_draft_without_consultation_is_hidden_from_members(client_as):
    draft = create_statement(state="draft")
    client_as(create_member()).get("statements.consultation", slug=draft.slug, _expected=404)


def test_an_unverified_member_cannot_read_a_consultation(client_as):
    draft = create_statement(state="draft", consultation=True)
    client_as(create_user(verified=False)).get("statements.consultation", slug=draft.slug,
                                               _expected=403)


def test_the_home_page_shows_the_latest_statements(visitor):
    create_statement(title="Latest thinking")
    assert "Latest thinking" in page_text(visitor.get("core.home"))


@pytest.mark.parametrize("page", ["²", "9" * 5000, "0", "-1"])
def test_a_page_number_that_is_not_one_shows_the_first_page(visitor, page):
    create_statement(title="Safe caseloads now")
    response = visitor.client.get(f"/statements/?page={page}")
    assert response.status_code == 200 and "Safe caseloads now" in page_text(response)
