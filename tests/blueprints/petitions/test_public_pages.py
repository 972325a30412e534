import re
from datetime import timedelta

from models.base import utcnow
from services.petitions import responses
from tests.factories import create_staff
from tests.factories.petitions import create_petition, create_signature
from tests.helpers import page_text


def test_the_list_sorts_by_count_and_searches(visitor):
    quiet = create_petition(action="Quiet petition about forms")
    busy = create_petition(action="Busy petition about pay")
    for _ in range(2):
        create_signature(petition=busy)
    create_signature(petition=quiet)
    text = page_text(visitor.get("petitions.index"))
    assert text.index("Busy petition") < text.index("Quiet petition")
    text = page_text(visitor.get("petitions.index", q="forms"))
    assert "Quiet petition" in text and "Busy petition" not in text


def test_closed_and_responded_tabs(visitor):
    now = utcnow()
    closed = create_petition(action="An old closed one", opens_at=now - timedelta(days=30),
                             closes_at=now - timedelta(days=1))
    responses.respond(visitor.app.extensions["sqlalchemy"].session, create_staff(), closed,
                      "Our answer.")
    create_petition(action="A running one")
    assert "An old closed one" in page_text(visitor.get("petitions.index", state="closed"))
    text = page_text(visitor.get("petitions.index", state="responded"))
    assert "An old closed one" in text and "A running one" not in text


def test_the_petition_page_shows_count_progress_chart_regions_and_share_links(visitor):
    petition = create_petition(response_threshold=2, debate_threshold=10)
    create_signature(petition=petition, postcode="EH1 1YZ")
    create_signature(petition=petition, postcode="EH2 2AB")
    response = visitor.get("petitions.show", petition_id=petition.id)
    body, text = response.get_data(as_text=True), page_text(response)
    assert "2 signatures of the 10 needed for a debate" in text
    assert "What happens next" in text
    assert "<polyline" in body and "<svg" in body
    assert "Scotland 2" in text
    assert "twitter.com/intent/tweet" in body and "mailto:" in body
    assert "style=" not in body
    # The chart's colours come from the stylesheet (forced colours remap them), and its
    # figures day by day are a table, folded away under the chart.
    assert "fill=\"#" not in body and "stroke=\"#" not in body
    assert "<summary>Signatures day by day</summary>" in body
    assert "Running total" in text and re.search(r"\d+ \w+ \d{4} 2 2", text)
    # A refused signature comes back at the error summary, which the jump focuses.
    assert f'action="/petitions/{petition.id}#error-summary"' in body


def test_a_member_proposes_a_petition_and_sees_it_waiting(client_as):
    from tests.factories import create_member

    member = create_member()
    helper = client_as(member)
    response = helper.post("petitions.propose_petition", _data={
        "action": "Fund more supervision", "target": "Council", "background": "Because.",
        "details": ""})
    page = helper.client.get(response.headers["Location"])
    assert "waiting for moderation" in page_text(page)
    assert "Fund more supervision" in page_text(helper.get("accounts.settings"))
