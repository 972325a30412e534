"""Breakdowns never show a group of fewer than 10, nor a figure from which it follows."""

import re

from tests.factories import create_member
from tests.factories.polls import close, create_poll, vote
from tests.helpers import page_text


def test_a_region_of_nine_respondents_shows_no_figure_and_no_total_it_follows_from(visitor):
    sizes = {"london": 12, "north_west": 11, "wales": 9}
    voters = {region: [create_member(region=region) for _ in range(size + 1)]
              for region, size in sizes.items()}  # one more eligible than vote, so labels stay
    poll = create_poll(status="open", questions=[("Strike?", "yes_no", [])])
    for region, members in voters.items():
        for i, member in enumerate(members[:sizes[region]]):
            vote(poll, member, {0: 0 if i % 3 else 1})
    close(poll)
    html = visitor.get("polls.results", poll_id=poll.id).get_data(as_text=True)
    table = re.search(r"<caption>Strike\?: by region</caption>(.*?)</table>", html, re.S).group(1)
    rows = {re.sub(r"<[^>]+>", "", m.group(1)).strip(): m.group(2)
            for m in re.finditer(r"<th scope=\"row\">(.*?)</th>(.*?)</tr>", table, re.S)}
    assert set(rows) >= {"Wales", "North West", "London"}
    wales = re.findall(r'<td class="number">(.*?)</td>', rows["Wales"])
    assert wales and all(cell == "–" for cell in wales)
    # The total and London alone would give Wales away, so North West is withheld as well.
    north_west = re.findall(r'<td class="number">(.*?)</td>', rows["North West"])
    assert all(cell == "–" for cell in north_west)
    assert "12" in rows["London"]
    text = page_text(visitor.get("polls.results", poll_id=poll.id))
    assert "not shown, to protect groups of fewer than 10" in text


def _rows(html, caption):
    table = re.search(rf"<caption>{re.escape(caption)}</caption>(.*?)</table>", html, re.S).group(1)
    return {re.sub(r"<[^>]+>", "", m.group(1)).strip():
            re.findall(r'<td class="number">(.*?)</td>', m.group(2))
            for m in re.finditer(r"<th scope=\"row\">(.*?)</th>(.*?)</tr>", table, re.S)}


def test_each_table_is_suppressed_on_its_own_and_rows_of_two_tables_cannot_be_subtracted(
        visitor):
    # 15 student members: 12 with the role "student", 3 practitioners; 24 qualified members:
    # 12 practitioners, 12 managers. Everyone in London.
    voters = ([create_member(category="student", role="student") for _ in range(12)]
              + [create_member(category="student") for _ in range(3)]
              + [create_member() for _ in range(12)]
              + [create_member(role="manager") for _ in range(12)])
    poll = create_poll(status="open", questions=[("Strike?", "yes_no", [])])
    for i, member in enumerate(voters):
        vote(poll, member, {0: i % 2})
    close(poll)
    html = visitor.get("polls.results", poll_id=poll.id).get_data(as_text=True)

    assert _rows(html, "Strike?: by region")["London"][0] == "39"
    category = _rows(html, "Strike?: by membership category")
    assert (category["Student"][0], category["Qualified social worker"][0]) == ("15", "24")
    # Role "Student" (12) taken from category "Student" (15) would give away the 3 student
    # practitioners, so it is withheld, and "Manager or leader" with it (else the total
    # gives it back); the category table is unaffected.
    role = _rows(html, "Strike?: by role")
    assert role["Student"] == ["–", "–", "–"]
    assert role["Manager or leader"] == ["–", "–", "–"]
    assert role["Practitioner"][0] == "15"
