"""Evidence blocks: current figures from the registered providers, or a visible refusal."""

from datetime import date

import pytest
from markupsafe import Markup

from services.statements import evidence
from services.statements.evidence import Evidence, EvidenceFigure, render_statement_body
from tests.helpers import page_text
from tests.services.statements.test_markdown import assert_inert

PUBLISHED_POLLS = {
    (12, 3): {"Agree": 254, "Disagree": 98},
}


def fake_poll_provider(session, poll_id):
    """Like services.polls.evidence.poll_evidence: each published question's evidence."""
    return {question_id: _fake_question(counts)
            for (poll, question_id), counts in PUBLISHED_POLLS.items() if poll == poll_id}


def _fake_question(counts):
    total = sum(counts.values())
    return Evidence(
        title="Spring survey: caseloads",
        headline=f"{round(100 * counts['Agree'] / total)}% of members say caseloads are unsafe.",
        figures=[EvidenceFigure(k, f"{round(100 * v / total)}% ({v})") for k, v in counts.items()],
        base_n=total, as_of=date(2026, 3, 1), base_label="members who answered",
        svg=Markup('<svg role="img" aria-label="Bar chart" width="10" height="10"></svg>'),
        url="/polls/12")


def fake_petition_provider(session, petition_id):
    if petition_id != 7:
        return None
    return Evidence(title="Petition: fund safe caseloads <now>",
                    headline="12,345 people have signed.", base_n=12345,
                    as_of=date(2026, 3, 2), base_label="confirmed signatures")


@pytest.fixture
def providers():
    before = dict(evidence.EVIDENCE_PROVIDERS)
    evidence.register_provider("poll", fake_poll_provider)
    evidence.register_provider("petition", fake_petition_provider)
    yield
    for kind, provider in before.items():  # the areas' real providers, as the app set them
        evidence.register_provider(kind, provider)


class _Page:
    def __init__(self, html):
        self.html = str(html)

    def get_data(self, as_text=True):
        return self.html


def test_a_poll_short_code_renders_the_current_figures_with_base_and_date(db_session, providers):
    html = render_statement_body(db_session, "Members agree.\n\n[[poll:12:3]]\n\nSo we ask.")
    assert '<figure class="evidence evidence--poll"' in html and "<figcaption>" in html
    text = page_text(_Page(html))
    assert "72% of members say caseloads are unsafe." in text
    assert "Agree 72% (254)" in text and "Disagree 28% (98)" in text
    assert "Base: 352 members who answered. Figures as of 1 March 2026." in text
    assert '<svg role="img"' in html
    assert '<a href="/polls/12">' in html


def test_figures_are_current_each_time_the_page_is_drawn(db_session, providers):
    first = render_statement_body(db_session, "[[poll:12:3]]")
    PUBLISHED_POLLS[(12, 3)] = {"Agree": 300, "Disagree": 100}
    try:
        second = render_statement_body(db_session, "[[poll:12:3]]")
    finally:
        PUBLISHED_POLLS[(12, 3)] = {"Agree": 254, "Disagree": 98}
    assert "Base: 352" in first and "Base: 400" in second


def test_an_unpublished_poll_is_refused_with_a_visible_note(db_session, providers):
    html = render_statement_body(db_session, "[[poll:13:1]]")
    assert "<figure" not in html
    assert "Evidence unavailable: poll 13 question 1" in html


def test_a_petition_renders_its_count_and_escapes_its_title(db_session, providers):
    html = render_statement_body(db_session, "[[petition:7]]")
    assert "12,345 people have signed." in html
    assert "Base: 12,345 confirmed signatures." in html
    assert "fund safe caseloads &lt;now&gt;" in html
    assert_inert(html.replace('<figure class="evidence evidence--petition"', "<div"))


def test_without_a_provider_evidence_is_unavailable(db_session):
    html = render_statement_body(db_session, "[[petition:7]]")
    assert "Evidence unavailable: petition 7" in html


def test_a_failing_provider_does_not_break_the_page(db_session, providers):
    def broken(session, petition_id):
        raise RuntimeError("database on fire")

    evidence.register_provider("petition", broken)
    html = render_statement_body(db_session, "Text\n\n[[petition:7]]")
    assert "Text" in html and "Evidence unavailable: petition 7" in html


def test_an_unknown_kind_cannot_be_registered():
    with pytest.raises(ValueError):
        evidence.register_provider("election", fake_poll_provider)
