"""What axe does not see: focus and charts in forced colours (high contrast), the ranked
ballot as a screen reader reads it (the accessibility tree), and reflow at 320 px."""

import pytest

from extensions import db
from services.statements import workflow
from services.statements.editing import StatementText
from tests.browser.conftest import assert_accessible
from tests.browser.keyboard import focus_every_control
from tests.browser.test_keyboard_journeys import _sign_in
from tests.factories import create_member, create_staff
from tests.factories.petitions import create_petition, create_signature
from tests.factories.polls import close, create_poll, vote
from tests.factories.statements import create_statement

# Read in the page: what forced colours make of CanvasText and Highlight, and each chart
# text's fill beside its colour (currentColor makes them one).
_CHARTS = """() => {
  const probe = document.createElement("span");
  document.body.append(probe);
  probe.style.color = "CanvasText"; const text = getComputedStyle(probe).color;
  probe.style.color = "Highlight"; const highlight = getComputedStyle(probe).color;
  probe.remove();
  return {
    canvasText: text, highlight: highlight,
    texts: [...document.querySelectorAll("svg.chart text")].map(t => {
      const s = getComputedStyle(t); return [s.fill, s.color]; }),
    bars: [...document.querySelectorAll(
      "svg.chart .chart__bar, svg.chart .chart__line, .petition-progress__fill")].map(b => {
        const s = getComputedStyle(b); return b.tagName === "polyline" ? s.stroke : s.fill; }),
  };
}"""


@pytest.fixture
def high_contrast(browser, live_server, committed):
    context = browser.new_context(base_url=live_server, viewport={"width": 1024, "height": 800},
                                  forced_colors="active")
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def _public_things():
    petition = create_petition(action="Protect newly qualified caseloads")
    for postcode in ("M1 1AE", "LS1 4AB", "EH1 1YZ"):
        create_signature(petition=petition, postcode=postcode)
    voters = [create_member() for _ in range(3)]
    poll = create_poll(title="Workload survey", status="open", questions=[
        ("Is your caseload safe?", "yes_no", []),
        ("Chair of the council", "ranked", ["Ann Ash", "Bo Birch"], {"seats": 1})])
    for voter in voters:
        vote(poll, voter, {0: 0})
    close(poll)
    statement = create_statement(title="Caseloads", body="# Why\n\nWe ask for eighteen cases.")
    workflow.revise(db.session, statement, StatementText(
        title="Caseloads", summary=statement.summary, body="# Why\n\nWe ask for fifteen cases.",
        topics=""), actor=create_staff(), change_note="Lower limit.")
    db.session.commit()
    return petition, poll, statement


def test_in_forced_colours_every_focus_stop_has_an_outline_and_charts_use_system_colours(
        high_contrast, committed):
    page = high_contrast
    petition, poll, statement = _public_things()
    staff = create_staff(email="dash@example.org")
    in_review = create_statement(title="Pay", state="in_review")
    pages = ["/", f"/petitions/{petition.id}", f"/polls/{poll.id}/results",
             f"/statements/{statement.slug}"]
    charts_seen = 0
    for url in pages:
        page.goto(url)
        assert focus_every_control(page) > 5, url
        found = page.evaluate(_CHARTS)
        for fill, colour in found["texts"]:
            assert fill == colour == found["canvasText"], (url, fill, colour)
        for fill in found["bars"]:
            assert fill == found["highlight"], (url, fill)
        charts_seen += len(found["texts"])
    assert charts_seen > 10, "the pages drew their charts"

    _sign_in(page, staff, staff=True)
    for url in [f"/staff/statements/{in_review.id}", f"/staff/polls/{poll.id}", "/staff/polls/new",
                "/staff/members/dashboard"]:
        page.goto(url)
        assert focus_every_control(page) > 5, url
        found = page.evaluate(_CHARTS)
        for fill, colour in found["texts"]:
            assert fill == colour == found["canvasText"], (url, fill, colour)


def test_the_ranked_ballot_names_and_describes_each_list_in_the_accessibility_tree(
        page, committed):
    member = create_member(email="ranker@example.org")
    poll = create_poll(title="Council election", status="open", questions=[
        ("Council members", "ranked", ["Ann Ash", "Bo Birch", "Cy Cedar"], {"seats": 2})])
    _sign_in(page, member)
    page.goto(f"/polls/{poll.id}")
    tree = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    boxes = [node for node in tree if node.get("role", {}).get("value") == "combobox"]
    assert sorted(node["name"]["value"] for node in boxes) == [
        "Rank for Ann Ash", "Rank for Bo Birch", "Rank for Cy Cedar"]
    for node in boxes:
        description = node.get("description", {}).get("value", "")
        assert description.startswith("Number the candidates in order of preference: 1 for "
                                      "your first choice, 2 for your second"), description
        assert description.endswith("2 seats to fill."), description
        assert node["value"]["value"] == "Not ranked"
    group = next(node for node in tree if node.get("role", {}).get("value") == "group"
                 and "Council members" in node.get("name", {}).get("value", ""))
    assert "2 seats to fill." in group.get("description", {}).get("value", "")

    # The repeated number is named in the error, which each list then carries too.
    page.get_by_label("Rank for Ann Ash").select_option("1")
    page.get_by_label("Rank for Cy Cedar").select_option("1")
    page.get_by_role("button", name="Submit my vote").click()
    tree = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    boxes = [node for node in tree if node.get("role", {}).get("value") == "combobox"]
    for node in boxes:
        assert "Ann Ash and Cy Cedar are both numbered 1" in node["description"]["value"]
        states = {p["name"]: p["value"].get("value") for p in node.get("properties", [])}
        assert states["invalid"] == "true", node
    assert_accessible(page)


def test_every_public_page_reflows_at_320_px(browser, live_server, committed):
    petition, poll, statement = _public_things()
    closed = create_petition(action="Closed one", state="closed")
    open_poll = create_poll(title="Open poll", status="open")
    pages = ["/", "/accessibility", "/privacy", "/account/sign-in", "/account/register",
             "/account/forgot-password", "/join", "/petitions/", f"/petitions/{petition.id}",
             f"/petitions/{closed.id}", f"/petitions/{petition.id}/check-your-email",
             "/polls/", f"/polls/{open_poll.id}", f"/polls/{poll.id}", f"/polls/{poll.id}/results",
             f"/polls/{poll.id}/receipts", "/statements/", f"/statements/{statement.slug}",
             f"/statements/{statement.slug}/history", f"/statements/{statement.slug}/revisions/1",
             f"/statements/{statement.slug}/diff?from=1&to=2", "/statements/?q=nothing-matches"]
    context = browser.new_context(base_url=live_server, viewport={"width": 320, "height": 640})
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        for url in pages:
            response = page.goto(url)
            assert response.status < 400, url
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 320, f"{url} scrolls sideways: {width} px"
            assert_accessible(page)
    finally:
        context.close()
