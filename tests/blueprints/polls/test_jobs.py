"""Polls open and close on schedule through the job runner."""

from datetime import timedelta

from extensions import db
from models.base import utcnow
from models.polls import Poll
from services.polls.running import state
from tests.factories.polls import create_poll


def test_the_job_runner_closes_a_poll_whose_closing_time_has_passed(runner):
    assert "polls.open-close-due\tevery 60 s" in runner.invoke(args=["jobs", "list"]).output
    poll = create_poll(status="open")
    poll.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    poll_id = poll.id
    result = runner.invoke(args=["jobs", "run", "--only", "polls.open-close-due"])
    assert "ran polls.open-close-due: opened 0, closed 1" in result.output
    poll = db.session.get(Poll, poll_id)  # the runner ends its session
    assert poll.status == "closed" and state(poll) == "closed"
