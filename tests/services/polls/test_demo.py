"""The demo's reader poll reads like the magazine poll the issue quotes."""

from sqlalchemy import select

from models.polls import Poll
from services import demo
from services.polls.results import poll_results


def test_the_demo_reader_poll_reads_like_the_magazine_poll(db_session):
    demo.load(db_session)
    survey = db_session.scalar(select(Poll).where(Poll.title.like("Reader poll%")))
    results = poll_results(db_session, survey)
    new_management, dismissed, wider, confidence, _ = results.questions

    assert results.state == "closed" and results.ballots > 200
    # Every voter ticked at least one answer, so the base is every ballot.
    assert dismissed.base == results.ballots
    assert {f.label: f.percent for f in dismissed.figures} == {
        "Doctors": 53, "The director": 40, "Social workers": 21}
    assert new_management.headlines[0].startswith("Eight out of 10 members (81%) believe the "
                                                  "government should bring in new management")
    assert "(53%) said doctors should be dismissed" in dismissed.headlines[0]
    assert "(86%) believe the case was symptomatic of wider problems" in wider.headlines[0]
    # 2% did not answer, so of those who did: 40%, 58% and 2% (the magazine: 39, 57, 2).
    assert confidence.base < results.ballots
    assert confidence.headlines[0] == ("Four out of 10 members (40%) have no confidence in the "
                                       "case-management system.")
    assert confidence.headlines[2] == ("Only 2% of members have full confidence in the "
                                       "case-management system.")
